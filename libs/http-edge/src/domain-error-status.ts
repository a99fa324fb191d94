import { HttpStatus } from '@nestjs/common';
import { DOMAIN_ERROR_CATEGORY, type DomainErrorCode } from '@recourse/domain';

/** Codes whose 404 must look exactly like an unknown case (no existence leak). */
export const HIDDEN_CASE_CODES: readonly string[] = (
  Object.keys(DOMAIN_ERROR_CATEGORY) as DomainErrorCode[]
).filter((code) => ['not-found', 'not-yours'].includes(DOMAIN_ERROR_CATEGORY[code]));

const STATUS_OF_CATEGORY = {
  'not-found': HttpStatus.NOT_FOUND,
  'not-yours': HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  'invalid-input': HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
} as const;

/** HTTP status of a domain error: 404 hidden case, 403 not allowed, 400 bad input, 409 refused transition. */
export function statusOfDomainCode(code: string): number {
  const category = DOMAIN_ERROR_CATEGORY[code as DomainErrorCode];
  return category ? STATUS_OF_CATEGORY[category] : HttpStatus.CONFLICT;
}
