import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';

/**
 * C2SP tlog-checkpoint bodies and C2SP signed-note signatures with Ed25519 (DESIGN.md,
 * "Transparency log"); the verifier key in the note format Go's sumdb/note reads.
 */

const ED25519_ALGORITHM = 0x01;

/** a note key name: non-empty, no whitespace, no '+' (C2SP signed-note) */
export function isValidKeyName(name: string): boolean {
  return /^[^\s+]+$/u.test(name);
}

/** `<origin>\n<tree size>\n<base64 root>\n` */
export function checkpointBody(origin: string, treeSize: number, root: Uint8Array): string {
  return `${origin}\n${treeSize}\n${Buffer.from(root).toString('base64')}\n`;
}

export interface NoteSigner {
  /** the key name, which is the log's origin */
  readonly name: string;
  /** `<name>+<8 hex key hash>+<base64(0x01 ‖ public key)>` */
  readonly verifierKey: string;
  /** the whole signed note: text, a blank line, one signature line */
  sign(text: string): string;
}

/** first 4 bytes of SHA-256(<name> ‖ "\n" ‖ 0x01 ‖ public key) */
export function keyHash(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(`${name}\n`, 'utf8')
    .update(Buffer.from([ED25519_ALGORITHM]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** the 32 raw bytes of an Ed25519 public key */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** Signs notes with an Ed25519 private key (a KeyObject or PEM). */
export function noteSigner(name: string, privateKey: KeyObject | string): NoteSigner {
  if (!isValidKeyName(name)) {
    throw new Error(
      `"${name}" cannot name a note key: it must be non-empty, without spaces or '+'`,
    );
  }
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`expected an Ed25519 private key, got ${key.asymmetricKeyType ?? 'none'}`);
  }
  const publicKey = rawPublicKey(createPublicKey(key));
  const hash = keyHash(name, publicKey);
  const encodedKey = Buffer.concat([Buffer.from([ED25519_ALGORITHM]), publicKey]).toString(
    'base64',
  );
  return {
    name,
    verifierKey: `${name}+${hash.toString('hex')}+${encodedKey}`,
    sign(text: string): string {
      if (!text.endsWith('\n')) throw new Error('a note text ends with a newline');
      const signature = sign(null, Buffer.from(text, 'utf8'), key);
      const line = Buffer.concat([hash, signature]).toString('base64');
      return `${text}\n\u2014 ${name} ${line}\n`;
    },
  };
}
