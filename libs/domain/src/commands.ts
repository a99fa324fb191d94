import type {
  Actor,
  Appellant,
  CaseKind,
  ContestedDecision,
  DeadlineKind,
  ErasureReason,
  Outcome,
  Priority,
} from './events';
import type { Personal } from './personal';

/**
 * Commands carry what the caller asked for. Who asked (`actor`) and when (`now`) come in the
 * CommandContext, never from the clock inside the domain.
 */
export interface FileCase {
  type: 'FileCase';
  caseId: string;
  reference: string;
  kind: CaseKind;
  authorityId: string;
  priority: Priority;
  appellant: Appellant;
  decision?: ContestedDecision;
  grounds?: Personal;
  remedy?: Personal;
  title?: string;
  demand?: string;
}

export interface AcknowledgeCase {
  type: 'AcknowledgeCase';
}

export interface AssignCase {
  type: 'AssignCase';
  caseworkerId: string;
  /**
   * The authority whose staff the assignee is known to be (the staff directory's answer; null:
   * not known as staff anywhere). Absent when nobody asked, e.g. a caseworker taking a case: their
   * own token vouches for them.
   */
  assigneeAuthorityId?: string | null;
}

export interface RequestInformation {
  type: 'RequestInformation';
  requestId: string;
  question: string;
}

export interface ProvideInformation {
  type: 'ProvideInformation';
  message: Personal;
}

export interface AddEvidence {
  type: 'AddEvidence';
  evidenceId: string;
  description: Personal;
  sha256?: string;
  url?: string;
}

export interface AddNote {
  type: 'AddNote';
  noteId: string;
  text: Personal;
}

export interface IssueDecision {
  type: 'IssueDecision';
  outcome: Outcome;
  reasons: string;
  remedy?: string;
}

/** The citizen asks the next authority up to look at the case. */
export interface RequestEscalation {
  type: 'RequestEscalation';
  grounds: Personal;
}

/** Staff send the case to the next authority themselves. */
export interface ReferCase {
  type: 'ReferCase';
  reason: string;
}

/** The system records that a deadline passed; `setAtRevision` names which deadline. */
export interface RecordMissedDeadline {
  type: 'RecordMissedDeadline';
  deadline: DeadlineKind;
  setAtRevision: number;
}

export interface WithdrawCase {
  type: 'WithdrawCase';
  reason?: Personal;
}

/** The system closes a decided case whose escalation window ended. */
export interface CloseCase {
  type: 'CloseCase';
}

export interface SignPetition {
  type: 'SignPetition';
  /** the signer's id sealed stably (set at the command edge); absent: the actor's id in clear */
  signer?: Personal;
}

/** Records that the case owner's data keys were destroyed (the keys are the edge's business). */
export interface ErasePersonalData {
  type: 'ErasePersonalData';
  subject: string;
  reason: ErasureReason;
  /** ids of the subject's destroyed data keys */
  keys: string[];
}

export type CaseCommand =
  | FileCase
  | AcknowledgeCase
  | AssignCase
  | RequestInformation
  | ProvideInformation
  | AddEvidence
  | AddNote
  | IssueDecision
  | RequestEscalation
  | ReferCase
  | RecordMissedDeadline
  | WithdrawCase
  | CloseCase
  | SignPetition
  | ErasePersonalData;

export type CaseCommandType = CaseCommand['type'];

export interface CommandContext {
  actor: Actor;
  /** the time the command runs, from an injected clock */
  now: Date;
}
