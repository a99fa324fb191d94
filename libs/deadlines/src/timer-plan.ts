import type { CaseDeadlines, CaseEvent, Deadline } from '@recourse/domain';
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

const ALL_KINDS: readonly TimerKind[] = ['acknowledge', 'respond', 'escalation-window'];

/**
 * The timers that should be pending after the given events of one case (in revision order):
 * deadlines set and not yet met, paused, superseded or recorded as missed. This is the
 * scheduler's view for cancelling and re-arming; when a timer fires, the domain decides.
 */
export function pendingTimers(caseId: string, events: Iterable<CaseEventAt>): DeadlineTimer[] {
  const pending = new Map<TimerKind, DeadlineTimer>();
  for (const at of events) {
    for (const kind of kindsEndedBy(at.event, pending)) pending.delete(kind);
    for (const timer of timersSetBy(caseId, at)) pending.set(timer.kind, timer);
  }
  return [...pending.values()];
}

function kindsEndedBy(
  event: CaseEvent,
  pending: Map<TimerKind, DeadlineTimer>,
): readonly TimerKind[] {
  switch (event.type) {
    case 'CaseAcknowledged':
      return ['acknowledge'];
    case 'InformationRequested': // the response clock is paused until InformationProvided
      return ['respond'];
    case 'DeadlineMissed':
      return pending.get(event.data.deadline)?.setAtRevision === event.data.setAtRevision
        ? [event.data.deadline]
        : [];
    case 'DecisionIssued': // a decision meets both deadlines (and may open a new window)
    case 'EscalationRequested':
    case 'CaseEscalated': // the next authority's deadlines replace the previous ones
    case 'CaseWithdrawn':
    case 'CaseClosed':
      return ALL_KINDS;
    default:
      return [];
  }
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
