import { fixedDurationMs } from './duration';
import { hasEnded, type CaseStatus } from './status';

/**
 * When the personal data of a case that ended at `endedAt` falls due for erasure under `rule`,
 * the policy's `retention.personalData`. The rule is an absolute duration (the policy refuses
 * years, months and working days), so the due time is exactly that many milliseconds later,
 * whatever the calendar: P730D from 29 February is 730 × 24 hours later, across leap days,
 * month ends and daylight-saving changes alike.
 */
export function retentionDueAt(endedAt: string, rule: string): string {
  const ended = Date.parse(endedAt);
  if (Number.isNaN(ended)) throw new RangeError(`"${endedAt}" is not an instant`);
  return new Date(ended + fixedDurationMs(rule)).toISOString();
}

/**
 * The latest end of a case whose retention falls due by `until`: retentionDueAt(e, rule) ≤ until
 * exactly when e ≤ retentionEndedBy(until, rule). The sweep looks cases up by it.
 */
export function retentionEndedBy(until: Date, rule: string): Date {
  return new Date(until.getTime() - fixedDurationMs(rule));
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
