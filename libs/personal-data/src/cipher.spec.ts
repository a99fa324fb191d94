import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { newDataKey, openWith, sealStableWith, sealWith, unwrapKey, wrapKey } from './cipher';

describe('envelope cipher (AES-256-GCM)', () => {
  const key = newDataKey();

  it('opens what it seals, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(openWith(key, sealWith(key, 'k1', text))).toBe(text);
      }),
    );
  });

  it('draws a fresh iv per value, so equal texts do not look equal', () => {
    expect(sealWith(key, 'k1', 'same').$enc.ct).not.toBe(sealWith(key, 'k1', 'same').$enc.ct);
  });

  it('never gives two values or wrapped keys the same iv, across many draws of ivs', () => {
    const ivs = Array.from({ length: 2_000 }, (_, index) =>
      index % 3 === 0
        ? Buffer.from(wrapKey(key, 'k1', newDataKey()), 'base64url')
            .subarray(0, 12)
            .toString('hex')
        : Buffer.from(sealWith(key, 'k1', 'same').$enc.iv, 'base64url').toString('hex'),
    );
    expect(ivs.every((iv) => iv.length === 24)).toBe(true);
    expect(new Set(ivs).size).toBe(ivs.length);
  });

  it('seals stably per key, context and text only', () => {
    const stable = sealStableWith(key, 'k1', 'citizen-1', 'signer:case-a');
    expect(sealStableWith(key, 'k1', 'citizen-1', 'signer:case-a')).toEqual(stable);
    expect(sealStableWith(key, 'k1', 'citizen-1', 'signer:case-b')).not.toEqual(stable);
    expect(sealStableWith(newDataKey(), 'k1', 'citizen-1', 'signer:case-a')).not.toEqual(stable);
    expect(openWith(key, stable)).toBe('citizen-1');
  });

  it('refuses another key, an altered ciphertext or a swapped key id', () => {
    const sealed = sealWith(key, 'k1', 'grounds');
    expect(() => openWith(newDataKey(), sealed)).toThrow();
    const ct = Buffer.from(sealed.$enc.ct, 'base64url');
    ct[0] ^= 1;
    expect(() =>
      openWith(key, { $enc: { ...sealed.$enc, ct: ct.toString('base64url') } }),
    ).toThrow();
    expect(() => openWith(key, { $enc: { ...sealed.$enc, kid: 'k2' } })).toThrow();
  });

  it('wraps a data key under the KEK, bound to its id', () => {
    const kek = randomBytes(32);
    const wrapped = wrapKey(kek, 'k1', key);
    expect(unwrapKey(kek, 'k1', wrapped)).toEqual(key);
    expect(() => unwrapKey(kek, 'k2', wrapped)).toThrow();
    expect(() => unwrapKey(randomBytes(32), 'k1', wrapped)).toThrow();
  });
});
