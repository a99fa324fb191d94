import type { CaseEvent } from './events';
import { unknownEvent } from './events';

export type CaseStatus =
  | 'none'
  | 'filed'
  | 'acknowledged'
  | 'under_review'
  | 'awaiting_information'
  | 'decided'
  | 'escalated'
  | 'withdrawn'
  | 'closed';

/** Statuses in which a case waits on its authority (before its decision): the queue shows these. */
export const OPEN_STATUSES = [
  'filed',
  'acknowledged',
  'under_review',
  'awaiting_information',
  'escalated',
] as const satisfies readonly CaseStatus[];

/** Statuses after which nothing happens to a case any more. */
export const ENDED_STATUSES = ['withdrawn', 'closed'] as const satisfies readonly CaseStatus[];

export const isOpen = (status: CaseStatus): boolean =>
  (OPEN_STATUSES as readonly CaseStatus[]).includes(status);

export const hasEnded = (status: CaseStatus): boolean =>
  (ENDED_STATUSES as readonly CaseStatus[]).includes(status);

/**
 * The status after an event: every status change of a case, written once (the domain's evolve
 * and the read model both follow it). A case is under review once it is both acknowledged and
 * assigned, whichever came first.
 */
export function statusAfter(
  before: { status: CaseStatus; assignee: string | null },
  event: CaseEvent,
): CaseStatus {
  switch (event.type) {
    case 'CaseFiled':
      return 'filed';
    case 'CaseAcknowledged':
      return before.assignee ? 'under_review' : 'acknowledged';
    case 'CaseAssigned':
      return before.status === 'acknowledged' ? 'under_review' : before.status;
    case 'InformationRequested':
      return 'awaiting_information';
    case 'InformationProvided':
      return 'under_review';
    case 'DecisionIssued':
      return 'decided';
    case 'CaseEscalated':
      return 'escalated';
    case 'CaseWithdrawn':
      return 'withdrawn';
    case 'CaseClosed':
      return 'closed';
    case 'EvidenceAdded':
    case 'NoteAdded':
    case 'EscalationRequested':
    case 'DeadlineMissed':
    case 'PetitionSigned':
    case 'SupportThresholdReached':
    case 'PersonalDataErased':
      return before.status;
    default:
      return unknownEvent(event, before.status);
  }
}
