import {
  fold,
  runningClocks,
  unknownEvent,
  type CaseDeadlines,
  type CaseEvent,
  type Deadline,
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
    case 'CaseAcknowledged':
    case 'CaseAssigned':
    case 'InformationRequested':
    case 'EvidenceAdded':
    case 'NoteAdded':
    case 'EscalationRequested':
    case 'DeadlineMissed':
    case 'CaseWithdrawn':
    case 'CaseClosed':
    case 'PetitionSigned':
    case 'PersonalDataErased':
      return [];
    default:
      return unknownEvent(event, []);
  }
}

/**
 * The timers that should be pending after the given events of one case (all of them, from
 * revision 0, in order): the clocks that run (the domain's runningClocks) and are not recorded
 * missed. It reads the domain's own fold, so it agrees with the decider; when a timer fires, the
 * decider still has the last word.
 */
export function pendingTimers(caseId: string, events: readonly CaseEventAt[]): DeadlineTimer[] {
  const state = fold(events.map((at) => at.event));
  const clocks = runningClocks({
    status: state.status,
    deadlines: state.deadlines,
    escalationWindowEndsAt: state.decision?.escalationWindowEndsAt ?? null,
  });
  return clocks.flatMap(({ kind, due }): DeadlineTimer[] => {
    if (kind === 'escalation-window') {
      const decidedAt = events.findLast((at) => at.event.type === 'DecisionIssued');
      return decidedAt ? timersSetBy(caseId, decidedAt) : [];
    }
    const setAtRevision = state.deadlineSetAt[kind];
    const recorded = state.missedDeadlines.some(
      (missed) => missed.deadline === kind && missed.setAtRevision === setAtRevision,
    );
    return setAtRevision === null || recorded ? [] : [{ caseId, kind, setAtRevision, due }];
  });
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
