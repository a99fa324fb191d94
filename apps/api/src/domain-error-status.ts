import { HttpStatus } from '@nestjs/common';

/** Codes whose 404 must look exactly like an unknown case (no existence leak). */
export const HIDDEN_CASE_CODES: readonly string[] = [
  'case-not-found',
  'not-case-owner',
  'not-case-authority',
];

/** HTTP status of a domain error: 404 hidden case, 403 role, 400 bad input, 409 for a refused transition. */
export function statusOfDomainCode(code: string): number {
  if (HIDDEN_CASE_CODES.includes(code)) return HttpStatus.NOT_FOUND;
  if (code === 'role-not-allowed') return HttpStatus.FORBIDDEN;
  if (code === 'reasons-required') return HttpStatus.BAD_REQUEST;
  return HttpStatus.CONFLICT;
}
