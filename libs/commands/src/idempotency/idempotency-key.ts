import { BadRequestException } from '@nestjs/common';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
const MAX_KEY_LENGTH = 255;

/**
 * Reads the Idempotency-Key header: a Structured Field string ("…") as the IETF draft has it,
 * or the same characters unquoted, as many clients send it. Absent → undefined; malformed → 400.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header.join(',') : header).trim();
  const key = /^"(.*)"$/.exec(raw)?.[1] ?? raw;
  if (
    key.length === 0 ||
    key.length > MAX_KEY_LENGTH ||
    !/^[\x20-\x7e]+$/.test(key) ||
    /"/.test(key)
  ) {
    throw new BadRequestException(
      `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters, without quotes inside`,
    );
  }
  return key;
}

/** The request property where the interceptor leaves the id of a claimed Idempotency-Key. */
export const IDEMPOTENT_REQUEST_ID = 'idempotentRequestId';

export interface RequestWithIdempotency {
  [IDEMPOTENT_REQUEST_ID]?: string;
}

/**
 * The id of this request's Idempotency-Key claim: the same for every retry of the request while
 * the key lives, so ids derived from it (a new case's id, an evidence id) are the same on retry.
 * Undefined without a key.
 */
export const idempotentRequestIdOf = (request: RequestWithIdempotency): string | undefined =>
  request[IDEMPOTENT_REQUEST_ID];
