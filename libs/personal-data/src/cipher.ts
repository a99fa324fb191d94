import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Sealed } from '@recourse/domain';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** random ivs drawn at once: one CSPRNG call per seal cost more than the AES-GCM itself */
const IVS_PER_DRAW = 256;

let ivs = Buffer.alloc(0);
let nextIv = 0;

/**
 * A random iv, never handed out twice: a slice of a pool drawn from the CSPRNG in one call. A
 * drained pool is replaced by a new buffer (not refilled), so an iv already given stays as it is.
 */
function randomIv(): Buffer {
  if (nextIv === ivs.length) {
    ivs = randomBytes(IV_BYTES * IVS_PER_DRAW);
    nextIv = 0;
  }
  nextIv += IV_BYTES;
  return ivs.subarray(nextIv - IV_BYTES, nextIv);
}

function encrypt(key: Buffer, iv: Buffer, plaintext: Buffer, aad: string): Buffer {
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Throws when the ciphertext, the tag or the associated data was altered. */
function decrypt(key: Buffer, iv: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** AES-256-GCM under a data key; the key id is bound as associated data. `ct` ends with the tag. */
export function sealWith(key: Buffer, kid: string, plaintext: string): Sealed {
  return envelope(key, kid, randomIv(), plaintext);
}

/**
 * The same envelope for the same key, context and text: the iv is derived from them (HMAC under
 * the data key, the synthetic-iv construction), so a nonce repeats only with its own plaintext.
 */
export function sealStableWith(
  key: Buffer,
  kid: string,
  plaintext: string,
  context: string,
): Sealed {
  const iv = createHmac('sha256', key)
    .update(`${context}\n${plaintext}`, 'utf8')
    .digest()
    .subarray(0, IV_BYTES);
  return envelope(key, kid, iv, plaintext);
}

function envelope(key: Buffer, kid: string, iv: Buffer, plaintext: string): Sealed {
  const ct = encrypt(key, iv, Buffer.from(plaintext, 'utf8'), kid);
  return { $enc: { kid, iv: iv.toString('base64url'), ct: ct.toString('base64url') } };
}

export function openWith(key: Buffer, sealed: Sealed): string {
  const { kid, iv, ct } = sealed.$enc;
  return decrypt(key, Buffer.from(iv, 'base64url'), Buffer.from(ct, 'base64url'), kid).toString(
    'utf8',
  );
}

/** A data key wrapped by the key-encryption key: base64url(iv ‖ ciphertext ‖ tag). */
export function wrapKey(kek: Buffer, kid: string, dataKey: Buffer): string {
  const iv = randomIv();
  return Buffer.concat([iv, encrypt(kek, iv, dataKey, `data-key:${kid}`)]).toString('base64url');
}

export function unwrapKey(kek: Buffer, kid: string, wrapped: string): Buffer {
  const bytes = Buffer.from(wrapped, 'base64url');
  return decrypt(kek, bytes.subarray(0, IV_BYTES), bytes.subarray(IV_BYTES), `data-key:${kid}`);
}

export const newDataKey = (): Buffer => randomBytes(32);
