import fc from 'fast-check';
import { hasVisibleText } from './visible-text';

describe('hasVisibleText', () => {
  it.each([
    ['letters', 'Because.', true],
    ['one CJK character amid spaces', '  理 ', true],
    ['an emoji', '🙂', true],
    ['whitespace of every kind', ' \t\n\u00a0\u2003\u3000', false],
    ['zero width space, joiners, word joiner, BOM', '\u200b\u200c\u200d\u2060\ufeff', false],
    ['bidi controls', '\u202e\u2066\u200f', false],
    ['the Hangul filler', '\u3164', false],
    ['a variation selector alone', '\ufe0f', false],
    ['controls', '\u0001\u007f', false],
    ['nothing', '', false],
  ])('%s: %s', (_, text, visible) => {
    expect(hasVisibleText(text)).toBe(visible);
  });

  it('never counts format or whitespace characters, however they are mixed', () => {
    const invisible = fc.constantFrom(' ', '\u200b', '\u2060', '\ufeff', '\u00ad', '\u202a', '\n');
    fc.assert(
      fc.property(fc.array(invisible), (chars) =>
        expect(hasVisibleText(chars.join(''))).toBe(false),
      ),
    );
  });
});
