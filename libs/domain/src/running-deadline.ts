import type { Deadline } from './deadline';
import type { CaseDeadlines, DeadlineKind } from './events';
import type { CaseStatus } from './status';

/**
 * Whether the authority's `kind` deadline runs in `status`: the acknowledgement until the case is
 * acknowledged, the response until it is decided, standing still while the authority awaits
 * information. Neither runs once the case is decided, withdrawn or closed.
 */
export function deadlineRuns(kind: DeadlineKind, status: CaseStatus): boolean {
  switch (kind) {
    case 'acknowledge':
      return status === 'filed' || status === 'escalated';
    case 'respond':
      return (
        status === 'filed' ||
        status === 'acknowledged' ||
        status === 'under_review' ||
        status === 'escalated'
      );
  }
}

/** The deadline the authority works against now, and which it is. */
export interface RunningDeadline {
  kind: DeadlineKind;
  /** null for a petition whose response clock waits for its support threshold */
  deadline: Deadline | null;
}

/**
 * The authority's next duty: to acknowledge while that deadline runs, else to respond while that
 * one runs; null when no clock of the authority runs (paused, decided, ended).
 */
export function runningDeadline(state: {
  status: CaseStatus;
  deadlines: CaseDeadlines;
}): RunningDeadline | null {
  if (deadlineRuns('acknowledge', state.status)) {
    return { kind: 'acknowledge', deadline: state.deadlines.acknowledgeBy };
  }
  if (deadlineRuns('respond', state.status)) {
    return { kind: 'respond', deadline: state.deadlines.respondBy };
  }
  return null;
}

/** A clock that runs in a case: one of the authority's deadlines, or the citizen's escalation window. */
export interface RunningClock {
  kind: DeadlineKind | 'escalation-window';
  due: string;
}

/**
 * Every clock that runs now: the authority's deadlines that run in this status (both may: an
 * appeal's response clock starts at filing), and after a decision that is not final the
 * citizen's window to escalate it. Whether a deadline was already recorded missed is the
 * caller's to check: the deadline timers name it by revision, the read model by due time.
 */
export function runningClocks(state: {
  status: CaseStatus;
  deadlines: CaseDeadlines;
  escalationWindowEndsAt: string | null;
}): RunningClock[] {
  const clocks: RunningClock[] = [];
  const { acknowledgeBy, respondBy } = state.deadlines;
  if (acknowledgeBy && deadlineRuns('acknowledge', state.status)) {
    clocks.push({ kind: 'acknowledge', due: acknowledgeBy.due });
  }
  if (respondBy && deadlineRuns('respond', state.status)) {
    clocks.push({ kind: 'respond', due: respondBy.due });
  }
  if (state.status === 'decided' && state.escalationWindowEndsAt !== null) {
    clocks.push({ kind: 'escalation-window', due: state.escalationWindowEndsAt });
  }
  return clocks;
}
