import fc from 'fast-check';
import { textViolations } from './text-rules';

describe('textViolations', () => {
  it('names every field holding NUL or a lone surrogate, at any depth', () => {
    const found = textViolations({
      grounds: 'a\u0000b',
      appellant: { name: 'Li\ud800u', contact: 'ok' },
      list: ['fine', '\udc00'],
      good: 'pair 🙂 \ud83d\ude42',
    });
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'grounds', message: 'grounds must not contain NUL characters or lone surrogates' },
        {
          field: 'appellant.name',
          message: 'appellant.name must not contain NUL characters or lone surrogates',
        },
        { field: 'list.1', message: 'list.1 must not contain NUL characters or lone surrogates' },
      ]),
    );
  });

  it('refuses prototype keys as unknown fields, also as own properties made by JSON.parse', () => {
    const body = JSON.parse(
      '{"__proto__": {"admin": true}, "decision": {"constructor": 1}, "x": {"prototype": 2}}',
    ) as unknown;
    expect(textViolations(body)).toEqual(
      expect.arrayContaining([
        { field: '__proto__', message: 'property __proto__ should not exist' },
        { field: 'decision.constructor', message: 'property constructor should not exist' },
        { field: 'x.prototype', message: 'property prototype should not exist' },
      ]),
    );
  });

  it('refuses unstorable keys with a printable field name', () => {
    expect(textViolations({ 'a\u0000': 1 })).toEqual([
      {
        field: 'a\ufffd',
        message: 'field names must not contain NUL characters or lone surrogates',
      },
    ]);
  });

  it('finds nothing in JSON of well-formed text without NUL or prototype keys', () => {
    const json = fc
      .jsonValue({ stringUnit: 'grapheme' })
      .filter(
        (value) => !/\\u0000|"(__proto__|constructor|prototype)"/.test(JSON.stringify(value)),
      );
    fc.assert(fc.property(json, (value) => expect(textViolations(value)).toEqual([])));
  });
});
