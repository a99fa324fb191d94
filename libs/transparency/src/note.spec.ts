import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
// an implementation the project did not write: sigstore's C2SP checkpoint reader and note check
import { LogCheckpoint, verifyCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint';
import { checkpointBody, keyHash, noteSigner } from './note';

/** An Ed25519 private key from its 32-byte seed (PKCS#8 DER prefix for Ed25519). */
const fromSeed = (seed: Buffer) =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });

describe('signed note', () => {
  // golang.org/x/mod/sumdb/note, note_test.go (TestSign, TestNewVerifier)
  const goSkey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
  const seed = Buffer.from(goSkey.split('+').slice(4).join('+'), 'base64').subarray(1);
  const signer = noteSigner('PeterNeumann', fromSeed(seed));

  it("matches Go's sumdb/note verifier key and signed message byte for byte", () => {
    expect(signer.verifierKey).toBe(
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    );
    const text =
      'If you think cryptography is the answer to your problem,\n' +
      "then you don't know what your problem is.\n";
    expect(signer.sign(text)).toBe(
      text +
        '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
    );
  });

  it('refuses a text without its final newline, a bad name and a non-Ed25519 key', () => {
    expect(() => signer.sign('no newline')).toThrow();
    expect(() => noteSigner('has space', fromSeed(seed))).toThrow(/cannot name/);
    expect(() => noteSigner('a+b', fromSeed(seed))).toThrow(/cannot name/);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => noteSigner('log', privateKey)).toThrow(/Ed25519/);
  });
});

describe('checkpoint', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = noteSigner('recourse.local/log', privateKey);
  const root = Buffer.alloc(32, 7);

  it('is the C2SP tlog-checkpoint body', () => {
    expect(checkpointBody('recourse.local/log', 42, root)).toBe(
      `recourse.local/log\n42\n${root.toString('base64')}\n`,
    );
  });

  it("sigstore's checkpoint verification reads and accepts the signed note", () => {
    const note = signer.sign(checkpointBody('recourse.local/log', 42, root));
    const raw = Buffer.from(signer.verifierKey.split('+').slice(2).join('+'), 'base64').subarray(1);
    const tlog = {
      baseURL: 'https://recourse.local/log',
      logID: Buffer.concat([keyHash('recourse.local/log', raw), Buffer.alloc(28)]),
      publicKey,
    };
    const entry = { inclusionProof: { checkpoint: { envelope: note } } };
    const checkpoint = verifyCheckpoint(entry as never, [tlog] as never) as LogCheckpoint;
    expect(checkpoint.origin).toBe('recourse.local/log');
    expect(checkpoint.logSize).toBe(42n);
    expect(Buffer.from(checkpoint.logHash).equals(root)).toBe(true);

    const forged = note.replace('\n42\n', '\n43\n');
    expect(() =>
      verifyCheckpoint(
        { inclusionProof: { checkpoint: { envelope: forged } } } as never,
        [tlog] as never,
      ),
    ).toThrow(/signature/);
  });
});
