import type { DeadlineKind } from '@recourse/domain';

/**
 * What a timer waits for: the two statutory deadlines of the authority handling the case, the
 * end of the citizen's window to escalate a decision (after which the case closes), and the end
 * of the retention of an ended case's personal data (after which it is erased).
 */
export type TimerKind = DeadlineKind | 'escalation-window' | 'retention';

/** One pending deadline of one case, named by the revision of the event that set it. */
export interface DeadlineTimer {
  caseId: string;
  kind: TimerKind;
  /** the revision of the event that set the deadline (for retention: that ended the case) */
  setAtRevision: number;
  /** ISO instant */
  due: string;
}

/** A BullMQ job id (BullMQ refuses ':' in custom ids); also the key of an in-process timer. */
export function timerId(timer: Pick<DeadlineTimer, 'caseId' | 'kind' | 'setAtRevision'>): string {
  return `${timer.caseId}.${timer.kind}.${timer.setAtRevision}`;
}

/** Milliseconds until the timer is due by the given clock reading; never negative. */
export function msUntilDue(timer: DeadlineTimer, now: Date): number {
  return Math.max(0, Date.parse(timer.due) - now.getTime());
}
