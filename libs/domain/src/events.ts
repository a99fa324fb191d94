import type { Deadline } from './deadline';
import type { Personal } from './personal';

/** Who did something. `system` is the actor of timers and the sweep. */
export type Role = 'citizen' | 'caseworker' | 'supervisor' | 'oversight' | 'admin' | 'system';

export interface Actor {
  id: string;
  role: Role;
  authorityId?: string;
}

export type CaseKind = 'appeal' | 'petition';
export type Priority = 'standard' | 'urgent';
/** What an authority may decide. */
export const OUTCOMES = ['upheld', 'overturned', 'partially_overturned', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Automation = 'full' | 'partial' | 'none' | 'unknown';
export type DeadlineKind = 'acknowledge' | 'respond';
export type EscalationReason = 'citizen' | 'missed-deadline' | 'referral';

/** The decision an appeal contests. */
export interface ContestedDecision {
  reference: string;
  type: string;
  outcome: string;
  issuedAt: string;
  statedReason: string | null;
  location?: string | null;
  automation: Automation;
}

/** Personal: sealed when stored (see ./personal). */
export interface Appellant {
  name: Personal;
  contact: Personal;
}

export interface CaseDeadlines {
  acknowledgeBy: Deadline | null;
  respondBy: Deadline | null;
}

export interface CaseFiled {
  type: 'CaseFiled';
  data: {
    caseId: string;
    reference: string;
    kind: CaseKind;
    authorityId: string;
    level: number;
    priority: Priority;
    ownerId: string;
    appellant: Appellant;
    /** appeals only */
    decision?: ContestedDecision;
    grounds?: Personal;
    remedy?: Personal;
    /** petitions only */
    title?: string;
    demand?: string;
    /** a petition's respondBy is null until SupportThresholdReached */
    deadlines: CaseDeadlines;
  };
}

export interface CaseAcknowledged {
  type: 'CaseAcknowledged';
  data: { authorityId: string };
}

export interface CaseAssigned {
  type: 'CaseAssigned';
  data: { caseworkerId: string; assignedBy: string };
}

export interface InformationRequested {
  type: 'InformationRequested';
  data: { requestId: string; question: string; pausedAt: string };
}

export interface InformationProvided {
  type: 'InformationProvided';
  /** respondBy is the response deadline moved by the paused (working) time */
  data: { requestId: string; message: Personal; resumedAt: string; respondBy: Deadline };
}

export interface EvidenceAdded {
  type: 'EvidenceAdded';
  data: { evidenceId: string; description: Personal; sha256?: string; url?: string };
}

/** Internal: never shown to the citizen. The text is sealed under the case owner's key. */
export interface NoteAdded {
  type: 'NoteAdded';
  data: { noteId: string; text: Personal };
}

export interface DecisionIssued {
  type: 'DecisionIssued';
  data: {
    outcome: Outcome;
    reasons: string;
    remedy?: string;
    authorityId: string;
    level: number;
    /** true at the top of the ladder: nothing further to escalate to */
    final: boolean;
    /** end of the citizen's escalation window; null when final */
    escalationWindowEndsAt: string | null;
  };
}

export interface EscalationRequested {
  type: 'EscalationRequested';
  data: { grounds: Personal };
}

export interface CaseEscalated {
  type: 'CaseEscalated';
  data: {
    fromAuthorityId: string;
    toAuthorityId: string;
    level: number;
    reason: EscalationReason;
    deadlines: CaseDeadlines;
  };
}

export interface DeadlineMissed {
  type: 'DeadlineMissed';
  /** setAtRevision identifies which deadline (the revision of the event that set it) */
  data: { deadline: DeadlineKind; due: string; setAtRevision: number; authorityId: string };
}

export interface CaseWithdrawn {
  type: 'CaseWithdrawn';
  data: { reason?: Personal };
}

export type CloseReason = 'escalation-window-ended' | 'final-decision';

export interface CaseClosed {
  type: 'CaseClosed';
  data: { reason: CloseReason };
}

export interface PetitionSigned {
  type: 'PetitionSigned';
  /** the signer's id, sealed stably under the signer's own key */
  data: { signerId: Personal; signatures: number };
}

export interface SupportThresholdReached {
  type: 'SupportThresholdReached';
  data: { signatures: number; respondBy: Deadline };
}

export type ErasureReason = 'request' | 'retention';

/**
 * The data keys of the case owner were destroyed: every value sealed under them is unreadable
 * for good. Valid in any status. `fullyErased` is false when the case holds personal values
 * written in clear before encryption (events are never edited, so those remain).
 */
export interface PersonalDataErased {
  type: 'PersonalDataErased';
  data: { subject: string; reason: ErasureReason; keys: string[]; fullyErased: boolean };
}

export type CaseEvent =
  | CaseFiled
  | CaseAcknowledged
  | CaseAssigned
  | InformationRequested
  | InformationProvided
  | EvidenceAdded
  | NoteAdded
  | DecisionIssued
  | EscalationRequested
  | CaseEscalated
  | DeadlineMissed
  | CaseWithdrawn
  | CaseClosed
  | PetitionSigned
  | SupportThresholdReached
  | PersonalDataErased;

export type CaseEventType = CaseEvent['type'];

/** Every case event type, checked against the union: a new type must be listed here. */
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
  PersonalDataErased: true,
};

export const CASE_EVENT_TYPES = Object.keys(LISTED) as CaseEventType[];

/**
 * Ends a switch over every case event type. The compiler checks that no type is missing; at run
 * time an event of a newer schema, unknown to this code, changes nothing.
 */
export const unknownEvent = <T>(_event: never, unchanged: T): T => unchanged;

/** Events never shown on the citizen's timeline. */
export const INTERNAL_EVENT_TYPES: readonly CaseEventType[] = ['NoteAdded'];

/** Metadata stored with every event (the hash chain fields are added by the event store). */
export interface EventMetadata {
  actor: Actor;
  occurredAt: string;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
}

export const SCHEMA_VERSION = 1;

const CASE_STREAM_PREFIX = 'case-';

export const caseStreamName = (caseId: string): string => `${CASE_STREAM_PREFIX}${caseId}`;

/** The id of the case a stream holds, or undefined for streams that are not cases. */
export function caseIdOfStream(stream: string): string | undefined {
  return stream.startsWith(CASE_STREAM_PREFIX)
    ? stream.slice(CASE_STREAM_PREFIX.length)
    : undefined;
}

const ACCESS_STREAM_PREFIX = 'access-';

/** Who read a case is part of its record: one `access-<caseId>` stream of CaseRead facts. */
export const accessStreamName = (caseId: string): string => `${ACCESS_STREAM_PREFIX}${caseId}`;

export function caseIdOfAccessStream(stream: string): string | undefined {
  return stream.startsWith(ACCESS_STREAM_PREFIX)
    ? stream.slice(ACCESS_STREAM_PREFIX.length)
    : undefined;
}

/**
 * The views of one case whose reads by anyone but the owner are recorded: the case view (which
 * carries the internal notes the reader may see) and the audit trail.
 */
export const CASE_READ_VIEWS = ['case', 'audit'] as const;
export type CaseReadView = (typeof CASE_READ_VIEWS)[number];

/** A read of a case's details by someone other than its owner (actor and time in the metadata). */
export interface CaseRead {
  type: 'CaseRead';
  data: { caseId: string; view: CaseReadView };
}
