import { validate, version } from 'uuid';
import { deterministicId } from './deterministic-id';

describe('deterministicId', () => {
  it('is a UUIDv5 that depends only on its parts', () => {
    const id = deterministicId('case', 3, { b: 1, a: 2 });
    expect(validate(id) && version(id)).toBe(5);
    expect(deterministicId('case', 3, { a: 2, b: 1 })).toBe(id);
    expect(deterministicId('case', 4, { a: 2, b: 1 })).not.toBe(id);
    expect(deterministicId('case', '3', { a: 2, b: 1 })).not.toBe(id);
  });
});
