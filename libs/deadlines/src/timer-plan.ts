import {
  fold,
  hasEnded,
  retentionDueAt,
  runningClocks,
  unknownEvent,
  type CaseDeadlines,
  type CaseEvent,
  type CaseRetention,
  type Deadline,
  type EventMetadata,
} from '@recourse/domain';
import type { DeadlineTimer, TimerKind } from './deadline-timer';

/** A case event with the revision it has in its stream, and when it was recorded. */
export interface CaseEventAt {
  revision: number;
  event: CaseEvent;
  /** ISO instant; a retention counts from the event that ended the case */
  occurredAt: string;
}

/**
 * The timers an event starts: every event that sets or moves a deadline, and, when the policy
 * has a `retention` rule, the event that ends the case. The timer is named by the event's own
 * revision, which is how the domain names the deadline when it fires.
 */
export function timersSetBy(
  caseId: string,
  { revision, event, occurredAt }: CaseEventAt,
  retention: string | null = null,
): DeadlineTimer[] {
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
    case 'CaseWithdrawn':
    case 'CaseClosed':
      return retention === null ? [] : [timer('retention', retentionDueAt(occurredAt, retention))];
    case 'DeadlineMissed':
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
 * missed, and with a `retention` rule the retention of an ended case not yet erased. It reads the
 * domain's own fold, so it agrees with the decider; when a timer fires, the decider still has
 * the last word.
 */
export function pendingTimers(
  caseId: string,
  events: readonly CaseEventAt[],
  retention: string | null = null,
): DeadlineTimer[] {
  const state = fold(events.map((at) => at.event));
  if (hasEnded(state.status)) {
    const endedBy = endingEvent(events);
    return retention === null || state.personalDataErased || !endedBy
      ? []
      : timersSetBy(caseId, endedBy, retention);
  }
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

/** One case as retention weighs it, from all its events. */
export function caseRetentionOf(events: readonly CaseEventAt[]): CaseRetention {
  const state = fold(events.map((at) => at.event));
  return {
    status: state.status,
    endedAt: hasEnded(state.status) ? (endingEvent(events)?.occurredAt ?? null) : null,
    personalDataErased: state.personalDataErased,
  };
}

/** the event that closed or withdrew the case (nothing reopens one) */
const endingEvent = (events: readonly CaseEventAt[]): CaseEventAt | undefined =>
  events.findLast(({ event }) => event.type === 'CaseClosed' || event.type === 'CaseWithdrawn');

/** A stored event read back as a case event (case streams only hold case events). */
export function caseEventAt(recorded: {
  revision: number;
  type: string;
  data: unknown;
  metadata: Pick<EventMetadata, 'occurredAt'>;
}): CaseEventAt {
  return {
    revision: recorded.revision,
    event: { type: recorded.type, data: recorded.data } as CaseEvent,
    occurredAt: recorded.metadata.occurredAt,
  };
}
