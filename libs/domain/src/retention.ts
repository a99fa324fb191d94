import { DurationError, fixedDurationMs } from './duration';
import { hasEnded, type CaseStatus } from './status';

/**
 * A retention rule: calendar months (years count as 12) and then a fixed length, in the order
 * ISO 8601 adds them. "P2Y" is { months: 24, milliseconds: 0 }; "P1Y6M" and "P730D" work too.
 */
export interface RetentionRule {
  months: number;
  milliseconds: number;
}

const CALENDAR_PART = /^P(?:(\d+)Y)?(?:(\d+)M)?(.*)$/;

/**
 * Reads the policy's `retention.personalData`: an ISO 8601 duration in years, months, weeks,
 * days and time (P2Y, P18M, P730D, PT36H); working days are refused, since retention is a legal
 * period, not an office's workload.
 */
export function parseRetentionRule(rule: string): RetentionRule {
  const calendar = typeof rule === 'string' ? CALENDAR_PART.exec(rule) : null;
  if (!calendar || rule === 'P') {
    throw new DurationError(`"${String(rule)}" is not an ISO 8601 duration like "P2Y" or "P730D"`);
  }
  const [, years, months, rest] = calendar;
  const parsed = {
    months: Number(years ?? 0) * 12 + Number(months ?? 0),
    milliseconds: rest === '' ? 0 : fixedDurationMs(`P${rest}`),
  };
  if (parsed.months === 0 && parsed.milliseconds === 0) {
    throw new DurationError(`"${rule}" is an empty duration`);
  }
  return parsed;
}

/**
 * `instant` moved by whole calendar months in UTC, the day of the month kept, or the month's
 * last day where it has fewer (31 January + P1M is 28 or 29 February), as luxon and java.time do.
 */
function plusMonths(instant: number, months: number): number {
  const at = new Date(instant);
  const month = at.getUTCMonth() + months;
  const year = at.getUTCFullYear() + Math.floor(month / 12);
  const inYear = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, inYear + 1, 0)).getUTCDate();
  const moved = new Date(instant);
  moved.setUTCFullYear(year, inYear, Math.min(at.getUTCDate(), lastDay));
  return moved.getTime();
}

const due = (ended: number, { months, milliseconds }: RetentionRule): number =>
  plusMonths(ended, months) + milliseconds;

/**
 * When the personal data of a case that ended at `endedAt` falls due for erasure under `rule`,
 * the policy's `retention.personalData`. Months and years are calendar months in UTC (P2Y from
 * 29 February 2024 is 28 February 2026); days, weeks and time are exact lengths (P730D from 29
 * February 2024 is 730 × 24 hours later, across leap days and daylight-saving changes alike).
 */
export function retentionDueAt(endedAt: string, rule: string): string {
  const ended = Date.parse(endedAt);
  if (Number.isNaN(ended)) throw new RangeError(`"${endedAt}" is not an instant`);
  return new Date(due(ended, parseRetentionRule(rule))).toISOString();
}

const SEARCH_SPAN_MS = 5 * 24 * 3_600_000;

/**
 * The latest end of a case whose retention falls due by `until`: retentionDueAt(e, rule) ≤ until
 * exactly when e ≤ retentionEndedBy(until, rule). The sweep looks cases up by it. With months,
 * several ends share one due time (29, 30 and 31 January + P1M), so the latest is searched for:
 * due times grow with the end, and the latest end lies within days after `until` moved back.
 */
export function retentionEndedBy(until: Date, rule: string): Date {
  const parsed = parseRetentionRule(rule);
  const latest = until.getTime() - parsed.milliseconds;
  if (parsed.months === 0) return new Date(latest);
  let low = plusMonths(latest, -parsed.months); // due(low) <= until
  let high = low + SEARCH_SPAN_MS; // due(high) > until
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (due(middle, parsed) <= until.getTime()) low = middle;
    else high = middle;
  }
  return new Date(low);
}

/** One case of a subject as retention sees it. */
export interface CaseRetention {
  status: CaseStatus;
  /** when it closed or was withdrawn; null while it has not ended */
  endedAt: string | null;
  /** its personal data is erased and none was written since */
  personalDataErased: boolean;
}

export type SubjectRetention =
  { erase: true } | { erase: false; reason: 'case-open' | 'not-due' | 'nothing-to-erase' };

/**
 * Whether retention erases a subject now: only once every case of theirs has ended and each is
 * past its retention (or already erased), since one key seals all of a subject's cases. A case
 * still open, or ended too recently, keeps everything; that case's own retention comes later.
 */
export function subjectRetention(
  cases: readonly CaseRetention[],
  rule: string,
  now: Date,
): SubjectRetention {
  if (cases.some((one) => !hasEnded(one.status) || one.endedAt === null))
    return { erase: false, reason: 'case-open' };
  const waiting = cases.filter((one) => !one.personalDataErased);
  if (waiting.length === 0) return { erase: false, reason: 'nothing-to-erase' };
  const due = waiting.every(
    (one) => Date.parse(retentionDueAt(one.endedAt!, rule)) <= now.getTime(),
  );
  return due ? { erase: true } : { erase: false, reason: 'not-due' };
}
