import {
  fold,
  type CaseDeadlines,
  type CaseEvent,
  type Deadline,
  type DeadlineKind,
} from '@recourse/domain';
import type { DeadlineTimer, TimerKind } from './deadline-timer';

/** A case event with the revision it has in its stream. */
export interface CaseEventAt {
  revision: number;
  event: CaseEvent;
}

/**
 * The timers an event starts: every event that sets or moves a deadline. The timer is named by
 * the event's own revision, which is how the domain names the deadline when it fires.
 */
export function timersSetBy(caseId: string, { revision, event }: CaseEventAt): DeadlineTimer[] {
  const timer = (kind: TimerKind, due: string): DeadlineTimer => ({
    caseId,
    kind,
    setAtRevision: revision,
    due,
  });
  const fromDeadlines = (deadlines: CaseDeadlines): DeadlineTimer[] =>
    [deadlines.acknowledgeBy, deadlines.respondBy]
      .filter((deadline): deadline is Deadline => deadline !== null)
      .map((deadline) => timer(deadline.kind, deadline.due));
  switch (event.type) {
    case 'CaseFiled':
      return fromDeadlines(event.data.deadlines);
    case 'CaseEscalated':
      return fromDeadlines(event.data.deadlines);
    case 'InformationProvided':
    case 'SupportThresholdReached':
      return [timer('respond', event.data.respondBy.due)];
    case 'DecisionIssued':
      return event.data.escalationWindowEndsAt === null
        ? []
        : [timer('escalation-window', event.data.escalationWindowEndsAt)];
    default:
      return [];
  }
}

/**
 * The timers that should be pending after the given events of one case (all of them, from
 * revision 0, in order): deadlines set and not yet met, paused, superseded or recorded missed.
 * It reads the domain's own fold, so it agrees with the decider; when a timer fires, the decider
 * still has the last word.
 */
export function pendingTimers(caseId: string, events: readonly CaseEventAt[]): DeadlineTimer[] {
  const state = fold(events.map((at) => at.event));
  if (state.status === 'withdrawn' || state.status === 'closed') return [];
  const timers: DeadlineTimer[] = [];
  const standing = (kind: DeadlineKind, deadline: Deadline | null, met: boolean) => {
    const setAtRevision = state.deadlineSetAt[kind];
    if (deadline === null || setAtRevision === null || met) return;
    const recorded = state.missedDeadlines.some(
      (missed) => missed.deadline === kind && missed.setAtRevision === setAtRevision,
    );
    if (!recorded) timers.push({ caseId, kind, setAtRevision, due: deadline.due });
  };
  const awaitingAcknowledgement = state.status === 'filed' || state.status === 'escalated';
  standing('acknowledge', state.deadlines.acknowledgeBy, !awaitingAcknowledgement);
  const paused = state.pausedSince !== null;
  standing('respond', state.deadlines.respondBy, state.status === 'decided' || paused);
  const windowEndsAt = state.status === 'decided' ? state.decision?.escalationWindowEndsAt : null;
  const decidedAt = events.findLast((at) => at.event.type === 'DecisionIssued');
  if (windowEndsAt && decidedAt) {
    timers.push(...timersSetBy(caseId, decidedAt));
  }
  return timers;
}

/** A stored event read back as a case event (case streams only hold case events). */
export function caseEventAt(recorded: {
  revision: number;
  type: string;
  data: unknown;
}): CaseEventAt {
  return {
    revision: recorded.revision,
    event: { type: recorded.type, data: recorded.data } as CaseEvent,
  };
}
