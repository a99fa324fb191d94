import {
  caseIdOfStream,
  runningClocks,
  runningDeadline,
  statusAfter,
  unknownEvent,
  ERASED,
  isPlaintextPersonal,
  personalValuesOf,
  type Personal,
  type CaseEvent,
  type CaseFiled,
  type CaseStatus,
  type Deadline,
  type EventMetadata,
} from '@recourse/domain';
import type { RecordedEvent } from '@recourse/event-store';
import { NO_DEADLINE } from './open-statuses';

/** A deadline as the read model keeps it: the stored Deadline plus its one-sentence explanation. */
export type ExplainedDeadline = Deadline & { explanation: string };

/** One row of `cases`, in the shape to_jsonb() gives and jsonb_populate_recordset() takes. */
export interface CaseRecord {
  id: string;
  reference: string;
  kind: string;
  status: CaseStatus;
  level: number;
  authority_id: string;
  authorities: string[];
  owner_id: string;
  assignee: string | null;
  priority: string;
  title: string | null;
  decision_type: string | null;
  automation: string | null;
  details: Record<string, unknown>;
  acknowledge_by: string | null;
  respond_by: string | null;
  effective_deadline: string;
  /** the earliest clock that runs and is not recorded missed: the sweep's index; 'infinity' if none */
  next_due: string;
  /**
   * As stored in the events. Explanations are written when the case is read: explaining costs
   * ~0.3 ms (time-zone formatting), which would cap a rebuild near 2,000 cases/s.
   */
  deadlines: { acknowledgeBy: Deadline | null; respondBy: Deadline | null };
  pauses: Deadline['pauses'];
  paused_since: string | null;
  open_request: { requestId: string; question: string; pausedAt: string } | null;
  outcome: string | null;
  decision: Record<string, unknown> | null;
  decided_at: string | null;
  escalated: boolean;
  escalation_count: number;
  escalation_requested: boolean;
  missed_deadlines: { deadline: string; due: string; setAtRevision: number; authorityId: string }[];
  filed_at: string;
  updated_at: string;
  last_revision: number;
  /** when the case closed or was withdrawn: its retention counts from then */
  ended_at: string | null;
  /** its personal data is erased and none was written since (the domain's personalDataErased) */
  personal_data_erased: boolean;
}

export interface TimelineEntry {
  case_id: string;
  revision: number;
  type: string;
  occurred_at: string;
  actor_role: string;
  summary: Record<string, unknown>;
}

export interface NoteEntry {
  case_id: string;
  revision: number;
  note_id: string;
  /** sealed (a jsonb envelope), or a JSON string when written before encryption */
  text: Personal;
  author_id: string;
  occurred_at: string;
  /** the authority holding the case when the note was written: its staff read the text */
  authority_id: string;
}

export interface SignatureCount {
  case_id: string;
  signatures: number;
  last_signed_at: string;
}

/**
 * A case_stints row (one per authority that held the case), or the columns of one that an event
 * sets: rows are merged by (case_id, seq), absent columns keep their value.
 */
export interface StintEntry {
  case_id: string;
  seq: number;
  authority_id?: string;
  level?: number;
  received_at?: string;
  respond_by?: string | null;
  outcome?: string;
  decided_at?: string;
  escalated_at?: string;
}

/** What one event changes: the case row after it, and the rows it adds. */
export interface Projected {
  record: CaseRecord;
  timeline?: TimelineEntry;
  note?: NoteEntry;
  signatures?: SignatureCount;
  stints?: StintEntry[];
}

/** The deadline the authority works against now (the domain's runningDeadline). */
function effectiveDeadline(record: CaseRecord): string {
  const running = runningDeadline({ status: record.status, deadlines: record.deadlines });
  return running?.deadline?.due ?? NO_DEADLINE;
}

/**
 * When the first clock that runs falls due (the domain's runningClocks), leaving out deadlines
 * recorded missed. The read model keeps no revision for the current deadlines, so a recorded miss
 * is matched by kind and due time; the sweep reads the stream for the revision that names it.
 */
export function nextDue(record: CaseRecord): string {
  const dues = runningClocks({
    status: record.status,
    deadlines: record.deadlines,
    escalationWindowEndsAt:
      (record.decision?.escalationWindowEndsAt as string | null | undefined) ?? null,
  })
    .filter(
      (clock) =>
        !record.missed_deadlines.some(
          (missed) =>
            missed.deadline === clock.kind && Date.parse(missed.due) === Date.parse(clock.due),
        ),
    )
    .map((clock) => Date.parse(clock.due));
  return dues.length === 0 ? NO_DEADLINE : new Date(Math.min(...dues)).toISOString();
}

function withDeadlines(
  record: CaseRecord,
  acknowledgeBy: Deadline | null,
  respondBy: Deadline | null,
): CaseRecord {
  return {
    ...record,
    acknowledge_by: acknowledgeBy?.due ?? null,
    respond_by: respondBy?.due ?? null,
    deadlines: { acknowledgeBy, respondBy },
    pauses: respondBy?.pauses ?? [],
  };
}

function filed(caseId: string, data: CaseFiled['data'], occurredAt: string): CaseRecord {
  const details = {
    decision: data.decision ?? null,
    grounds: data.grounds ?? null,
    remedy: data.remedy ?? null,
    title: data.title ?? null,
    demand: data.demand ?? null,
    appellant: data.appellant,
  };
  const record: CaseRecord = {
    id: caseId,
    reference: data.reference,
    kind: data.kind,
    status: 'filed',
    level: data.level,
    authority_id: data.authorityId,
    authorities: [data.authorityId],
    owner_id: data.ownerId,
    assignee: null,
    priority: data.priority,
    title: data.title ?? null,
    decision_type: data.decision?.type ?? null,
    automation: data.decision?.automation ?? null,
    details,
    acknowledge_by: null,
    respond_by: null,
    effective_deadline: NO_DEADLINE,
    next_due: NO_DEADLINE,
    deadlines: { acknowledgeBy: null, respondBy: null },
    pauses: [],
    paused_since: null,
    open_request: null,
    outcome: null,
    decision: null,
    decided_at: null,
    escalated: false,
    escalation_count: 0,
    escalation_requested: false,
    missed_deadlines: [],
    filed_at: occurredAt,
    updated_at: occurredAt,
    last_revision: 0,
    ended_at: null,
    personal_data_erased: false,
  };
  return withDeadlines(record, data.deadlines.acknowledgeBy, data.deadlines.respondBy);
}

/**
 * The case row after one event (pure), but for its status. `record` is undefined only for
 * CaseFiled.
 */
function evolveRecord(
  record: CaseRecord | undefined,
  event: CaseEvent,
  caseId: string,
  occurredAt: string,
): CaseRecord {
  if (event.type === 'CaseFiled') return filed(caseId, event.data, occurredAt);
  if (!record) throw new Error(`case ${caseId}: ${event.type} before CaseFiled`);
  switch (event.type) {
    case 'CaseAssigned':
      return { ...record, assignee: event.data.caseworkerId };
    case 'InformationRequested':
      return { ...record, paused_since: event.data.pausedAt, open_request: event.data };
    case 'InformationProvided':
      return withDeadlines(
        { ...record, paused_since: null, open_request: null },
        record.deadlines.acknowledgeBy,
        event.data.respondBy,
      );
    case 'DecisionIssued':
      return {
        ...record,
        paused_since: null,
        open_request: null,
        outcome: event.data.outcome,
        decision: { ...event.data },
        decided_at: occurredAt,
      };
    case 'EscalationRequested':
      return { ...record, escalation_requested: true };
    case 'CaseEscalated':
      return withDeadlines(
        {
          ...record,
          authority_id: event.data.toAuthorityId,
          authorities: [...record.authorities, event.data.toAuthorityId],
          level: event.data.level,
          assignee: null,
          escalated: true,
          escalation_count: record.escalation_count + 1,
          escalation_requested: false,
          paused_since: null,
          open_request: null,
          // the decision belongs to the authority the case left; the timeline keeps it
          outcome: null,
          decision: null,
          decided_at: null,
        },
        event.data.deadlines.acknowledgeBy,
        event.data.deadlines.respondBy,
      );
    case 'DeadlineMissed':
      return { ...record, missed_deadlines: [...record.missed_deadlines, { ...event.data }] };
    case 'SupportThresholdReached':
      return withDeadlines(record, record.deadlines.acknowledgeBy, event.data.respondBy);
    case 'PersonalDataErased':
      return { ...record, details: withoutPlaintextPersonalData(record.details) };
    case 'CaseWithdrawn':
    case 'CaseClosed':
      return { ...record, ended_at: occurredAt };
    case 'CaseAcknowledged':
    case 'PetitionSigned':
    case 'EvidenceAdded':
    case 'NoteAdded':
      return record;
    default:
      return unknownEvent(event, record);
  }
}

/**
 * The filed details with personal values written in clear (before encryption) replaced by
 * "[erased]": the event keeps them, the read model need not. Sealed values stay sealed (their
 * key is gone, so they open as "[erased]").
 */
function withoutPlaintextPersonalData(details: Record<string, unknown>): Record<string, unknown> {
  const erase = (value: unknown) => (isPlaintextPersonal(value as Personal) ? ERASED : value);
  const appellant = details.appellant as Record<string, unknown> | undefined;
  return {
    ...details,
    grounds: erase(details.grounds),
    remedy: erase(details.remedy),
    appellant: appellant && { name: erase(appellant.name), contact: erase(appellant.contact) },
  };
}

/** What the citizen's timeline says about an event; undefined for events it does not show. */
function timelineSummary(event: CaseEvent): Record<string, unknown> | undefined {
  switch (event.type) {
    case 'NoteAdded': // internal
    case 'PetitionSigned': // other citizens' ids; the count is in petition_signatures
      return undefined;
    case 'CaseFiled': {
      const { reference, kind, authorityId, level, priority } = event.data;
      return { reference, kind, authorityId, level, priority };
    }
    case 'CaseAssigned':
      return {};
    case 'InformationProvided':
      return {
        requestId: event.data.requestId,
        message: event.data.message,
        respondBy: event.data.respondBy.due,
      };
    case 'CaseEscalated': {
      const { fromAuthorityId, toAuthorityId, level, reason } = event.data;
      return { fromAuthorityId, toAuthorityId, level, reason };
    }
    case 'SupportThresholdReached':
      return { signatures: event.data.signatures, respondBy: event.data.respondBy.due };
    case 'PersonalDataErased':
      return { reason: event.data.reason, fullyErased: event.data.fullyErased };
    case 'CaseAcknowledged':
    case 'InformationRequested':
    case 'EvidenceAdded':
    case 'DecisionIssued':
    case 'EscalationRequested':
    case 'DeadlineMissed':
    case 'CaseWithdrawn':
    case 'CaseClosed':
      return { ...event.data };
    default:
      // a newer schema's event: shown as it came
      return unknownEvent(event, { ...(event as { data: object }).data });
  }
}

/** What an event changes in the stints of the authorities that held the case (pure). */
function stintChanges(
  before: CaseRecord | undefined,
  event: CaseEvent,
  caseId: string,
  occurredAt: string,
): StintEntry[] | undefined {
  if (event.type === 'CaseFiled') {
    const { authorityId, level } = event.data;
    return [{ case_id: caseId, seq: 0, authority_id: authorityId, level, received_at: occurredAt }];
  }
  if (!before) return undefined;
  const current = before.escalation_count;
  switch (event.type) {
    case 'DecisionIssued':
      return [
        {
          case_id: caseId,
          seq: current,
          outcome: event.data.outcome,
          decided_at: occurredAt,
          respond_by: before.respond_by,
        },
      ];
    case 'CaseEscalated':
      return [
        { case_id: caseId, seq: current, escalated_at: occurredAt },
        {
          case_id: caseId,
          seq: current + 1,
          authority_id: event.data.toAuthorityId,
          level: event.data.level,
          received_at: occurredAt,
        },
      ];
    case 'CaseAcknowledged':
    case 'CaseAssigned':
    case 'InformationRequested':
    case 'InformationProvided':
    case 'EvidenceAdded':
    case 'NoteAdded':
    case 'EscalationRequested':
    case 'DeadlineMissed':
    case 'CaseWithdrawn':
    case 'CaseClosed':
    case 'PetitionSigned':
    case 'SupportThresholdReached':
    case 'PersonalDataErased':
      return undefined;
    default:
      return unknownEvent(event, undefined);
  }
}

/** The rows one recorded case event produces, given the case row before it (pure). */
export function projectEvent(record: CaseRecord | undefined, recorded: RecordedEvent): Projected {
  const caseId = caseIdOfStream(recorded.stream);
  if (!caseId) throw new Error(`not a case stream: ${recorded.stream}`);
  const event = { type: recorded.type, data: recorded.data } as CaseEvent;
  const metadata = recorded.metadata as unknown as EventMetadata;
  const occurredAt = metadata.occurredAt;
  const evolved = evolveRecord(record, event, caseId, occurredAt);
  const next: CaseRecord = {
    ...evolved,
    status: record ? statusAfter(record, event) : evolved.status,
  };
  const after: CaseRecord = {
    ...next,
    effective_deadline: effectiveDeadline(next),
    next_due: nextDue(next),
    updated_at: occurredAt,
    last_revision: recorded.revision,
    // as the domain folds it: set by the erasure, cleared by any personal value written after
    personal_data_erased:
      event.type === 'PersonalDataErased' ||
      (next.personal_data_erased && personalValuesOf(event).length === 0),
  };
  const projected: Projected = { record: after };
  const stints = stintChanges(record, event, caseId, occurredAt);
  if (stints) projected.stints = stints;
  const summary = timelineSummary(event);
  if (summary) {
    projected.timeline = {
      case_id: caseId,
      revision: recorded.revision,
      type: event.type,
      occurred_at: occurredAt,
      actor_role: metadata.actor.role,
      summary,
    };
  }
  if (event.type === 'NoteAdded') {
    projected.note = {
      case_id: caseId,
      revision: recorded.revision,
      note_id: event.data.noteId,
      text: event.data.text,
      author_id: metadata.actor.id,
      occurred_at: occurredAt,
      authority_id: after.authority_id,
    };
  }
  if (event.type === 'PetitionSigned') {
    projected.signatures = {
      case_id: caseId,
      signatures: event.data.signatures,
      last_signed_at: occurredAt,
    };
  }
  return projected;
}
