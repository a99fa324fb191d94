/**
 * Upper bounds on every string the API accepts. They keep events (and the hash chain over them)
 * small and make oversized fields fail as a 400 naming the field rather than as a slow request.
 */
export const MAX_ID = 128;
export const MAX_SHORT_TEXT = 200;
export const MAX_TEXT = 10_000;
export const MAX_URL = 2_048;

/**
 * How deep a JSON body may nest. Our deepest DTO nests 2 levels; the limit only keeps recursive
 * code downstream (validation, canonical JSON) from overflowing the stack on hostile bodies.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests arrays or objects more than `maxDepth` levels deep. Iterative. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
