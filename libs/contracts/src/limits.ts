/**
 * Upper bounds on every string the API accepts. They keep events (and the hash chain over them)
 * small and make oversized fields fail as a 400 naming the field rather than as a slow request.
 */
export const MAX_ID = 128;
export const MAX_SHORT_TEXT = 200;
export const MAX_TEXT = 10_000;
export const MAX_URL = 2_048;
