import { createHash } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O, U, so a reference survives being read aloud. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;

/**
 * The human reference of a case, `RC-<year>-<6 characters>`, derived from the case id so that a
 * retried filing (same id) gets the same reference. Not a key: look cases up by id.
 */
export function caseReference(caseId: string, filedAt: Date): string {
  const digest = createHash('sha256').update(caseId).digest();
  let code = '';
  for (let index = 0; index < LENGTH; index += 1) code += ALPHABET[digest[index] % 32];
  return `RC-${filedAt.getUTCFullYear()}-${code}`;
}
