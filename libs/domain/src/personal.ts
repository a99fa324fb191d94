/**
 * Personal data in events (DESIGN.md, "Personal data"). What a citizen writes about themselves,
 * petition signers' identities and staff notes are stored sealed: AES-256-GCM under the data key
 * of one citizen, so destroying that key erases them without editing an event. The domain only
 * sees the stored form; sealing and opening happen at the edges.
 */

/** A personal value as stored: `{ "$enc": { kid, iv, ct } }` (iv and ct in base64url). */
export interface Sealed {
  $enc: { kid: string; iv: string; ct: string };
}

/**
 * A personal text field of an event: sealed, or plaintext in events written before personal
 * data was encrypted (events are never edited, so those stay as they were).
 */
export type Personal = string | Sealed;

/** What views and exports show in place of a value whose key was destroyed. */
export const ERASED = '[erased]';

/** Runs on every node of every view served: field by field, without allocating. */
export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null) return false;
  const enc = (value as { $enc?: unknown }).$enc;
  if (typeof enc !== 'object' || enc === null) return false;
  const { kid, iv, ct } = enc as Record<string, unknown>;
  return typeof kid === 'string' && typeof iv === 'string' && typeof ct === 'string';
}

/**
 * Seals plaintext under the data key of the subject the sealer was made for. `sealStable` gives
 * the same envelope for the same text and context (synthetic iv), so the decider can compare
 * stored forms, e.g. to keep petition signing idempotent per citizen.
 */
export interface Sealer {
  seal(plaintext: string): Sealed;
  sealStable(plaintext: string, context: string): Sealed;
}

/** A value the decider can compare: a stable envelope's identity, or the plaintext itself. */
export function personalIdentity(value: Personal): string {
  return isSealed(value) ? `$enc:${value.$enc.kid}:${value.$enc.iv}:${value.$enc.ct}` : value;
}

/** Plaintext that holds something personal (blank text holds nothing, and is never sealed). */
export const isPlaintextPersonal = (value: Personal | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';
