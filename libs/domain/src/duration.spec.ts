import {
  describeRule,
  DurationError,
  fixedDurationMs,
  formatDuration,
  parseRule,
} from './duration';

describe('parseRule', () => {
  it.each([
    ['PT2S', 2_000],
    ['PT24H', 86_400_000],
    ['P15D', 15 * 86_400_000],
    ['P1DT2H', 93_600_000],
    ['PT1H30M', 5_400_000],
    ['P2W', 14 * 86_400_000],
    ['PT0.5S', 500],
  ])('reads %s as an absolute duration', (rule, milliseconds) => {
    expect(parseRule(rule)).toEqual({ unit: 'absolute', milliseconds });
  });

  it('reads working days', () => {
    expect(parseRule('P15WD')).toEqual({ unit: 'working-days', days: 15 });
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    '15D',
    'P1Y',
    'P1M',
    'PT-1H',
    'P1.5D',
    'P0WD',
    'PT0S',
    'P1WDT2H',
    'p15wd',
    'P15 WD',
  ])('refuses %j', (rule) => {
    expect(() => parseRule(rule)).toThrow(DurationError);
  });

  it('explains why months are refused', () => {
    expect(() => parseRule('P1M')).toThrow(/no fixed length/);
  });
});

describe('fixedDurationMs', () => {
  it('gives the length of a fixed duration', () => {
    expect(fixedDurationMs('PT24H')).toBe(86_400_000);
    expect(fixedDurationMs('P1W')).toBe(604_800_000);
  });

  it('refuses working days, which have no fixed length', () => {
    expect(() => fixedDurationMs('P2WD')).toThrow(/working days/);
  });
});

describe('formatDuration and describeRule', () => {
  it('formats absolute lengths as ISO 8601 time durations', () => {
    expect(formatDuration(5 * 3_600_000)).toBe('PT5H');
    expect(formatDuration(90_500)).toBe('PT1M30.5S');
    expect(formatDuration(50 * 3_600_000)).toBe('PT50H');
    expect(formatDuration(0)).toBe('PT0S');
    expect(parseRule(formatDuration(3_723_000))).toEqual({
      unit: 'absolute',
      milliseconds: 3_723_000,
    });
  });

  it('describes rules in words', () => {
    expect(describeRule('P15WD')).toBe('15 working days');
    expect(describeRule('P1WD')).toBe('1 working day');
    expect(describeRule('P0WD')).toBe('0 working days');
    expect(describeRule('P1DT2H')).toBe('1 day 2 hours');
    expect(describeRule('PT24H')).toBe('1 day');
    expect(describeRule('PT0S')).toBe('0 seconds');
  });
});
