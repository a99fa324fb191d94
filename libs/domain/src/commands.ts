import type {
  Actor,
  Appellant,
  CaseKind,
  ContestedDecision,
  DeadlineKind,
  Outcome,
  Priority,
} from './events';

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
  grounds?: string;
  remedy?: string;
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
  message: string;
}

export interface AddEvidence {
  type: 'AddEvidence';
  evidenceId: string;
  description: string;
  sha256?: string;
  url?: string;
}

export interface AddNote {
  type: 'AddNote';
  noteId: string;
  text: string;
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
  grounds: string;
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
  reason?: string;
}

/** The system closes a decided case whose escalation window ended. */
export interface CloseCase {
  type: 'CloseCase';
}

export interface SignPetition {
  type: 'SignPetition';
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
  | SignPetition;

export type CaseCommandType = CaseCommand['type'];

export interface CommandContext {
  actor: Actor;
  /** the time the command runs, from an injected clock */
  now: Date;
}
