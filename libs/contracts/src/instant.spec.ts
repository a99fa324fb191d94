import fc from 'fast-check';
import { isInstant } from './instant';

describe('isInstant', () => {
  it.each([
    ['2026-06-01T00:00:00Z', true],
    ['2026-06-01T08:00+08:00', true],
    ['2026-06-20T10:00:00.123456+00:00', true],
    ['1000-01-01T00:00:00Z', true],
    ['9000-12-31T23:59:59.999Z', true],
    ['0999-12-31T23:59:59Z', false],
    ['9001-01-01T00:00:00Z', false],
    ['9999-12-31T23:59:59.999999999Z', false],
    ['2024-02-29T00:00:00Z', true],
    ['2026-02-29T00:00:00Z', false],
    ['2026-02-30T00:00:00Z', false],
    ['2026-13-01T00:00:00Z', false],
    ['2026-06-01T24:00:00Z', false],
    ['2026-06-01T00:60:00Z', false],
    ['2026-06-01T00:00:00+99:99', false],
    ['0000-12-31T23:59:59Z', false],
    ['1000-01-01T00:00:00+01:00', false],
    ['+275760-09-13T00:00:00.000Z', false],
    ['2026-06-01', false],
    ['2026-06-01T00:00:00', false],
    ['yesterday', false],
  ])('%s → %s', (text, expected) => {
    expect(isInstant(text)).toBe(expected);
  });

  it('accepts every moment of years 1000 to 9000 as JavaScript and PostgreSQL write it', () => {
    const moments = fc.date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9000-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    fc.assert(fc.property(moments, (date) => expect(isInstant(date.toISOString())).toBe(true)));
  });
});
