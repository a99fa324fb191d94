import fc from 'fast-check';
import { v5, validate, version } from 'uuid';
import { deterministicId, RECOURSE_ID_NAMESPACE, uuidV5 } from './deterministic-id';

describe('deterministicId', () => {
  it('is a UUIDv5 that depends only on its parts', () => {
    const id = deterministicId('case', 3, { b: 1, a: 2 });
    expect(validate(id) && version(id)).toBe(5);
    expect(deterministicId('case', 3, { a: 2, b: 1 })).toBe(id);
    expect(deterministicId('case', 4, { a: 2, b: 1 })).not.toBe(id);
    expect(deterministicId('case', '3', { a: 2, b: 1 })).not.toBe(id);
  });
});

describe('uuidV5', () => {
  it('gives what the uuid package gives for any name (ids derived before stay the same)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (name) => {
        expect(uuidV5(name)).toBe(v5(name, RECOURSE_ID_NAMESPACE));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives what the uuid package gives in any other namespace', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.uuid(), (name, namespace) => {
        expect(uuidV5(name, namespace)).toBe(v5(name, namespace));
      }),
      { numRuns: 500 },
    );
  });
});
