/**
 * C2SP signed-note with Ed25519 and the C2SP tlog-checkpoint body, read from scratch with
 * node:crypto only: this verifier imports nothing from Recourse, so it is also the reference for
 * anyone who writes their own.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface VerifierKey {
  name: string;
  keyHash: Buffer;
  publicKey: KeyObject;
}

export interface Checkpoint {
  origin: string;
  treeSize: number;
  root: Buffer;
}

export class VerificationFailure extends Error {}

/** `<name>+<8 hex key hash>+<base64(0x01 ‖ 32-byte Ed25519 key)>` */
export function parseVerifierKey(text: string): VerifierKey {
  const match = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text.trim());
  if (!match) throw new VerificationFailure('the verifier key is not <name>+<key hash>+<key>');
  const [, name, hashHex, encoded] = match;
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 33 || key[0] !== 0x01) {
    throw new VerificationFailure('the verifier key is not an Ed25519 key (0x01 and 32 bytes)');
  }
  const keyHash = createHash('sha256')
    .update(`${name}\n`, 'utf8')
    .update(key)
    .digest()
    .subarray(0, 4);
  if (keyHash.toString('hex') !== hashHex) {
    throw new VerificationFailure(`the verifier key's hash ${hashHex} does not match its key`);
  }
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: key.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  return { name, keyHash, publicKey };
}

/**
 * Checks the note's signature by `key` and reads the checkpoint body it signs:
 * `<origin>\n<tree size>\n<base64 root>\n[extensions]`, a blank line, then `— <name> <base64>` lines.
 */
export function verifyCheckpointNote(note: string, key: VerifierKey, label: string): Checkpoint {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new VerificationFailure(`${label}: not a signed note (no blank line)`);
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean);
  const signed = signatures.some((line) => {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+=*)$/.exec(line);
    if (!match || match[1] !== key.name) return false;
    const bytes = Buffer.from(match[2], 'base64');
    return (
      bytes.length === 68 &&
      bytes.subarray(0, 4).equals(key.keyHash) &&
      verify(null, Buffer.from(text, 'utf8'), key.publicKey, bytes.subarray(4))
    );
  });
  if (!signed) throw new VerificationFailure(`${label}: no valid signature by ${key.name}`);
  const [origin, size, root] = text.split('\n');
  if (origin !== key.name) {
    throw new VerificationFailure(
      `${label}: origin "${origin}" is not the key's log "${key.name}"`,
    );
  }
  if (!/^(0|[1-9]\d{0,15})$/.test(size)) {
    throw new VerificationFailure(`${label}: tree size "${size}" is not a number`);
  }
  const rootBytes = Buffer.from(root ?? '', 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root) {
    throw new VerificationFailure(`${label}: root "${root}" is not a base64 SHA-256 hash`);
  }
  return { origin, treeSize: Number(size), root: rootBytes };
}
