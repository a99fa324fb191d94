import type { CaseEventType } from '@recourse/domain';

/** Every case event type, checked against the domain's union: a new type must be listed here. */
const LISTED: Record<CaseEventType, true> = {
  CaseFiled: true,
  CaseAcknowledged: true,
  CaseAssigned: true,
  InformationRequested: true,
  InformationProvided: true,
  EvidenceAdded: true,
  NoteAdded: true,
  DecisionIssued: true,
  EscalationRequested: true,
  CaseEscalated: true,
  DeadlineMissed: true,
  CaseWithdrawn: true,
  CaseClosed: true,
  PetitionSigned: true,
  SupportThresholdReached: true,
};

export const CASE_EVENT_TYPES = Object.keys(LISTED) as CaseEventType[];
