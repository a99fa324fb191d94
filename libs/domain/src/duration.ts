/**
 * Deadline rules: ISO 8601 durations with fixed lengths (weeks, days, hours, minutes, seconds,
 * e.g. PT2S, PT24H, P15D, P1DT2H) and working days (P15WD). Years and months are refused: they
 * have no fixed length, and a statutory deadline must mean one thing.
 */
export type ParsedRule =
  { unit: 'working-days'; days: number } | { unit: 'absolute'; milliseconds: number };

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const WORKING_DAYS = /^P(\d+)WD$/;
const FIXED = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseRule(rule: string): ParsedRule {
  if (typeof rule !== 'string')
    throw new DurationError('a duration must be a string like "P15WD" or "PT24H"');
  const workingDays = WORKING_DAYS.exec(rule);
  if (workingDays) {
    const days = Number(workingDays[1]);
    if (days < 1) throw new DurationError(`"${rule}" is zero working days`);
    return { unit: 'working-days', days };
  }
  const fixed = FIXED.exec(rule);
  if (!fixed || rule === 'P' || rule.endsWith('T')) {
    const hint = /^P\d+[YM]/.test(rule) ? ' (years and months have no fixed length: use days)' : '';
    throw new DurationError(
      `"${rule}" is not an ISO 8601 duration like "PT24H", "P15D" or "P15WD"${hint}`,
    );
  }
  const [, weeks, days, hours, minutes, seconds] = fixed.map((part) => Number(part ?? 0));
  const milliseconds =
    weeks * 7 * DAY + days * DAY + hours * HOUR + minutes * MINUTE + seconds * SECOND;
  if (milliseconds <= 0) throw new DurationError(`"${rule}" is an empty duration`);
  return { unit: 'absolute', milliseconds };
}

/** Milliseconds of a fixed-length duration (PT24H, P1D); working days have no fixed length. */
export function fixedDurationMs(rule: string): number {
  const parsed = parseRule(rule);
  if (parsed.unit === 'working-days') {
    throw new DurationError(`"${rule}" counts working days, which have no fixed length`);
  }
  return parsed.milliseconds;
}

/** An absolute length as an ISO 8601 time duration: 18_000_000 → "PT5H", 90_500 → "PT1M30.5S". */
export function formatDuration(milliseconds: number): string {
  if (milliseconds <= 0) return 'PT0S';
  const hours = Math.floor(milliseconds / HOUR);
  const minutes = Math.floor((milliseconds % HOUR) / MINUTE);
  const seconds = (milliseconds % MINUTE) / SECOND;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
}

/** Human words for a rule or a pause length, for explanations: "15 working days", "1 day 2 hours". */
export function describeRule(rule: string): string {
  if (rule === 'PT0S') return '0 seconds';
  const zeroWorkingDays = rule === 'P0WD';
  const parsed = zeroWorkingDays ? ({ unit: 'working-days', days: 0 } as const) : parseRule(rule);
  if (parsed.unit === 'working-days') return plural(parsed.days, 'working day');
  let rest = parsed.milliseconds;
  const parts: string[] = [];
  for (const [size, name] of [
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
    [SECOND, 'second'],
  ] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count) parts.push(plural(count, name));
  }
  return parts.join(' ');
}

export const plural = (count: number, noun: string): string =>
  `${count} ${noun}${count === 1 ? '' : 's'}`;
