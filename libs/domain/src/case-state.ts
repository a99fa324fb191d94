import type { CaseDeadlines, CaseEvent, CaseKind, DeadlineKind, Outcome, Priority } from './events';
import { unknownEvent } from './events';
import { statusAfter, type CaseStatus } from './status';
import { isPlaintextPersonal, personalIdentity } from './personal';
import { personalValuesOf } from './personal-fields';

export interface MissedDeadline {
  deadline: DeadlineKind;
  due: string;
  setAtRevision: number;
  authorityId: string;
}

export interface CaseDecision {
  outcome: Outcome;
  reasons: string;
  authorityId: string;
  level: number;
  final: boolean;
  escalationWindowEndsAt: string | null;
}

/** Everything the decider needs to know about a case, folded from its events. */
export interface CaseState {
  status: CaseStatus;
  caseId: string | null;
  kind: CaseKind | null;
  reference: string | null;
  ownerId: string | null;
  /** the authority that currently holds the case */
  authorityId: string | null;
  /** 0 at the first authority, +1 per escalation */
  level: number;
  priority: Priority | null;
  assignee: string | null;
  deadlines: CaseDeadlines;
  /** revision of the event that set each current deadline (timers name a deadline by it) */
  deadlineSetAt: { acknowledge: number | null; respond: number | null };
  missedDeadlines: MissedDeadline[];
  /** when the response clock was paused, and why; null while it runs */
  pausedSince: string | null;
  pauseReason: string | null;
  openInformationRequestId: string | null;
  /** the current authority's decision; cleared when the case moves up */
  decision: CaseDecision | null;
  /**
   * Citizens who signed (petitions). Shared between successive states so that a fold of many
   * signatures stays linear: never keep an older state and expect its signer set to stay put.
   */
  signers: ReadonlySet<string>;
  signatures: number;
  thresholdReached: boolean;
  /** every authority that held the case, first to current */
  authorityHistory: string[];
  /** erased, and no personal value written since */
  personalDataErased: boolean;
  /** some personal value was written in clear (before encryption): erasure cannot reach it */
  plaintextPersonalData: boolean;
  /** -1 before any event; else the revision of the last event folded */
  revision: number;
}

export const initialState: CaseState = Object.freeze({
  status: 'none',
  caseId: null,
  kind: null,
  reference: null,
  ownerId: null,
  authorityId: null,
  level: 0,
  priority: null,
  assignee: null,
  deadlines: { acknowledgeBy: null, respondBy: null },
  deadlineSetAt: { acknowledge: null, respond: null },
  missedDeadlines: [],
  pausedSince: null,
  pauseReason: null,
  openInformationRequestId: null,
  decision: null,
  signers: new Set<string>(),
  signatures: 0,
  thresholdReached: false,
  authorityHistory: [],
  personalDataErased: false,
  plaintextPersonalData: false,
  revision: -1,
}) as CaseState;

/** The reason recorded with a response-clock pause caused by an information request. */
export const INFORMATION_PAUSE_REASON = 'awaiting information';

/**
 * Applies one event. Never recomputes a deadline: every deadline comes from the event that set it.
 * The status follows statusAfter.
 */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const revision = state.revision + 1;
  const next = {
    ...state,
    revision,
    status: statusAfter(state, event),
    ...personalDataFlags(state, event),
  };
  switch (event.type) {
    case 'CaseFiled': {
      const data = event.data;
      return {
        ...next,
        caseId: data.caseId,
        kind: data.kind,
        reference: data.reference,
        ownerId: data.ownerId,
        authorityId: data.authorityId,
        level: data.level,
        priority: data.priority,
        deadlines: data.deadlines,
        deadlineSetAt: {
          acknowledge: data.deadlines.acknowledgeBy ? revision : null,
          respond: data.deadlines.respondBy ? revision : null,
        },
        signers: new Set<string>(),
        authorityHistory: [data.authorityId],
      };
    }
    case 'CaseAssigned':
      return { ...next, assignee: event.data.caseworkerId };
    case 'InformationRequested':
      return {
        ...next,
        pausedSince: event.data.pausedAt,
        pauseReason: INFORMATION_PAUSE_REASON,
        openInformationRequestId: event.data.requestId,
      };
    case 'InformationProvided':
      return {
        ...next,
        pausedSince: null,
        pauseReason: null,
        openInformationRequestId: null,
        deadlines: { ...state.deadlines, respondBy: event.data.respondBy },
        deadlineSetAt: { ...state.deadlineSetAt, respond: revision },
      };
    case 'CaseAcknowledged':
    case 'EvidenceAdded':
    case 'NoteAdded':
    case 'EscalationRequested':
    case 'CaseWithdrawn':
    case 'CaseClosed':
      return next;
    case 'DecisionIssued': {
      const { outcome, reasons, authorityId, level, final, escalationWindowEndsAt } = event.data;
      return {
        ...next,
        decision: { outcome, reasons, authorityId, level, final, escalationWindowEndsAt },
        pausedSince: null,
        pauseReason: null,
        openInformationRequestId: null,
      };
    }
    case 'CaseEscalated': {
      const data = event.data;
      return {
        ...next,
        authorityId: data.toAuthorityId,
        level: data.level,
        assignee: null,
        deadlines: data.deadlines,
        deadlineSetAt: {
          acknowledge: data.deadlines.acknowledgeBy ? revision : null,
          respond: data.deadlines.respondBy ? revision : null,
        },
        pausedSince: null,
        pauseReason: null,
        openInformationRequestId: null,
        decision: null,
        authorityHistory: [...state.authorityHistory, data.toAuthorityId],
      };
    }
    case 'DeadlineMissed':
      return { ...next, missedDeadlines: [...state.missedDeadlines, { ...event.data }] };
    case 'PersonalDataErased':
      return { ...next, personalDataErased: true };
    case 'PetitionSigned':
      return {
        ...next,
        signers: (state.signers as Set<string>).add(personalIdentity(event.data.signerId)),
        signatures: event.data.signatures,
      };
    case 'SupportThresholdReached':
      return {
        ...next,
        thresholdReached: true,
        deadlines: { ...state.deadlines, respondBy: event.data.respondBy },
        deadlineSetAt: { ...state.deadlineSetAt, respond: revision },
      };
    default:
      // an event type this code does not know (a newer schema) still takes its revision
      return unknownEvent(event, next);
  }
}

/** What an event's personal values change in the erasure bookkeeping. */
function personalDataFlags(
  state: CaseState,
  event: CaseEvent,
): Partial<Pick<CaseState, 'personalDataErased' | 'plaintextPersonalData'>> {
  const values = personalValuesOf(event);
  if (values.length === 0) return {};
  return {
    personalDataErased: false,
    plaintextPersonalData: state.plaintextPersonalData || values.some(isPlaintextPersonal),
  };
}

export const fold = (events: readonly CaseEvent[], from: CaseState = initialState): CaseState =>
  events.reduce(evolve, from);
