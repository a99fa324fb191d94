import { isInstant } from '@recourse/contracts';
import type { Sql } from '@recourse/database';
import {
  explainDeadline,
  type Personal,
  initialState,
  nextStep,
  type CaseDecision,
  type CaseState,
  type Deadline,
  type NextStep,
  type Policy,
} from '@recourse/domain';
import { WrappedKeys, wrappedKeysOf } from '@recourse/personal-data';
import type { CaseRecord, ExplainedDeadline } from './case-record';
import { isOpenSql, NO_DEADLINE } from './open-statuses';

export interface TimelineItem {
  revision: number;
  type: string;
  occurredAt: string;
  actorRole: string;
  summary: Record<string, unknown>;
}

export interface InternalNote {
  revision: number;
  noteId: string;
  /** whose staff wrote it; null only for notes a backfill could not attribute */
  authorityId: string | null;
  occurredAt: string;
  /**
   * sealed as stored, opened when served; absent when the caller may only see that the note
   * exists (staff of another authority)
   */
  text?: Personal;
  authorId?: string;
}

/** One line of a queue or of "my cases". */
export interface CaseSummary {
  id: string;
  reference: string;
  kind: string;
  status: string;
  level: number;
  authorityId: string;
  priority: string;
  assignee: string | null;
  title: string | null;
  decisionType: string | null;
  automation: string | null;
  acknowledgeBy: string | null;
  respondBy: string | null;
  /** the deadline the authority works against now; null when no clock runs */
  dueBy: string | null;
  overdue: boolean;
  escalated: boolean;
  filedAt: string;
  updatedAt: string;
  revision: number;
}

export interface CaseView extends CaseSummary {
  ownerId: string;
  /** every authority that held the case, first to current */
  authorities: string[];
  details: Record<string, unknown>;
  deadlines: { acknowledgeBy: ExplainedDeadline | null; respondBy: ExplainedDeadline | null };
  pauses: unknown[];
  pausedSince: string | null;
  openRequest: { requestId: string; question: string; pausedAt: string } | null;
  outcome: string | null;
  decision: Record<string, unknown> | null;
  decidedAt: string | null;
  escalationCount: number;
  missedDeadlines: CaseRecord['missed_deadlines'];
  signatures: number | null;
  nextStep: NextStep;
  timeline: TimelineItem[];
  /** staff only: undefined unless asked for */
  notes?: InternalNote[];
}

const OPEN = isOpenSql();

/** Timestamps compared in JS come from to_jsonb, which spells the absence of a clock 'infinity'. */
const instant = (value: string | null): string | null =>
  value === null || value === NO_DEADLINE ? null : new Date(value).toISOString();

function toSummary(record: CaseRecord, now: Date): CaseSummary {
  const dueBy = instant(record.effective_deadline);
  return {
    id: record.id,
    reference: record.reference,
    kind: record.kind,
    status: record.status,
    level: record.level,
    authorityId: record.authority_id,
    priority: record.priority,
    assignee: record.assignee,
    title: record.title,
    decisionType: record.decision_type,
    automation: record.automation,
    acknowledgeBy: instant(record.acknowledge_by),
    respondBy: instant(record.respond_by),
    dueBy,
    overdue: dueBy !== null && Date.parse(dueBy) <= now.getTime(),
    escalated: record.escalated,
    filedAt: instant(record.filed_at)!,
    updatedAt: instant(record.updated_at)!,
    revision: record.last_revision,
  };
}

const explained = (deadline: Deadline | null): ExplainedDeadline | null =>
  deadline ? { ...deadline, explanation: explainDeadline(deadline) } : null;

/** The parts of the domain's CaseState that the read model holds, for nextStep. */
function toCaseState(record: CaseRecord, signatures: number | null): CaseState {
  return {
    ...initialState,
    status: record.status as CaseState['status'],
    caseId: record.id,
    kind: record.kind as CaseState['kind'],
    reference: record.reference,
    ownerId: record.owner_id,
    authorityId: record.authority_id,
    level: record.level,
    priority: record.priority as CaseState['priority'],
    assignee: record.assignee,
    deadlines: record.deadlines,
    missedDeadlines: record.missed_deadlines as CaseState['missedDeadlines'],
    pausedSince: record.paused_since,
    decision: record.decision as unknown as CaseDecision | null,
    signatures: signatures ?? 0,
    thresholdReached: record.kind === 'petition' && record.respond_by !== null,
    authorityHistory: record.authorities,
    revision: record.last_revision,
  };
}

/**
 * The case row, its signatures, timeline, (when $2) internal notes and (`withKeys`) its owner's
 * wrapped data keys: one round trip.
 */
const getCaseSql = (withKeys: boolean) => `
  SELECT to_jsonb(c) AS record, s.signatures,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('revision', t.revision, 'type', t.type,
                    'occurredAt', t.occurred_at, 'actorRole', t.actor_role, 'summary', t.summary)
                  ORDER BY t.revision), '[]')
            FROM case_timeline t WHERE t.case_id = c.id) AS timeline,
         CASE WHEN $2::boolean THEN
           (SELECT coalesce(jsonb_agg(jsonb_build_object('revision', n.revision,
                      'noteId', n.note_id, 'text', n.text, 'authorId', n.author_id,
                      'authorityId', n.authority_id, 'occurredAt', n.occurred_at) ORDER BY n.revision), '[]')
              FROM case_notes n WHERE n.case_id = c.id)
         END AS notes${
           withKeys
             ? `,
         ${wrappedKeysOf('c.owner_id')} AS keys`
             : ''
         }
    FROM cases c LEFT JOIN petition_signatures s ON s.case_id = c.id
   WHERE c.id = $1::uuid`;
const GET_CASE = getCaseSql(false);
const GET_CASE_WITH_KEYS = getCaseSql(true);

interface CaseViewOptions {
  policy: Policy;
  now: Date;
  includeInternalNotes: boolean;
}

/** The case view, or null when the read model has no such case. Access is the caller's check. */
export async function getCase(
  db: Sql,
  caseId: string,
  options: CaseViewOptions,
): Promise<CaseView | null> {
  return (await readCase(db, caseId, options, false))?.view ?? null;
}

/**
 * getCase with the wrapped data keys of the case's owner, read in the same round trip, for
 * PersonalDataService.open: serving the view opens its sealed values without another query.
 * Needs the personal-data tables in the same database.
 */
export async function getCaseWithKeys(
  db: Sql,
  caseId: string,
  options: CaseViewOptions,
): Promise<{ view: CaseView; keys: WrappedKeys } | null> {
  const found = await readCase(db, caseId, options, true);
  return found && { view: found.view, keys: WrappedKeys.fromColumn(found.keys!) };
}

async function readCase(
  db: Sql,
  caseId: string,
  options: CaseViewOptions,
  withKeys: boolean,
): Promise<{ view: CaseView; keys?: Record<string, string | null> } | null> {
  if (!isUuid(caseId)) return null;
  const { rows } = await db.query<{
    record: CaseRecord;
    signatures: number | null;
    timeline: TimelineItem[];
    notes: InternalNote[] | null;
    keys?: Record<string, string | null>;
  }>(withKeys ? GET_CASE_WITH_KEYS : GET_CASE, [caseId, options.includeInternalNotes], {
    prepare: withKeys ? 'read_models_get_case_with_keys' : 'read_models_get_case',
  });
  if (rows.length === 0) return null;
  const { record, signatures, timeline, notes, keys } = rows[0];
  const view: CaseView = {
    ...toSummary(record, options.now),
    ownerId: record.owner_id,
    authorities: record.authorities,
    details: record.details,
    deadlines: {
      acknowledgeBy: explained(record.deadlines.acknowledgeBy),
      respondBy: explained(record.deadlines.respondBy),
    },
    pauses: record.pauses,
    pausedSince: instant(record.paused_since),
    openRequest: record.open_request,
    outcome: record.outcome,
    decision: record.decision,
    decidedAt: instant(record.decided_at),
    escalationCount: record.escalation_count,
    missedDeadlines: record.missed_deadlines,
    signatures,
    nextStep: nextStep(toCaseState(record, signatures), options.policy, options.now),
    timeline: timeline.map((item) => ({ ...item, occurredAt: instant(item.occurredAt)! })),
  };
  if (notes) {
    view.notes = notes.map((note) => ({ ...note, occurredAt: instant(note.occurredAt)! }));
  }
  return { view, keys };
}

/** One case as a queue line shows it, or null. */
export async function getCaseSummary(
  db: Sql,
  caseId: string,
  now: Date,
): Promise<CaseSummary | null> {
  if (!isUuid(caseId)) return null;
  const { rows } = await db.query<{ record: CaseRecord }>(
    'SELECT to_jsonb(c) AS record FROM cases c WHERE id = $1',
    [caseId],
  );
  return rows.length > 0 ? toSummary(rows[0].record, now) : null;
}

/** The citizen's own cases, most recently filed first. */
/**
 * A citizen's cases, most recently filed first, keyset-paged on (filed_at, id) like the queue,
 * so that every case is reached however many there are.
 */
export async function listMine(
  db: Sql,
  ownerId: string,
  page: { cursor?: string; limit: number; now: Date },
): Promise<QueuePage> {
  const params: unknown[] = [ownerId, page.limit + 1];
  let after = '';
  if (page.cursor) {
    const [filedAt, id] = decodeCursor(page.cursor, isInstant);
    params.push(filedAt, id);
    after = 'AND (c.filed_at, c.id) < ($3::timestamptz, $4::uuid)';
  }
  const { rows } = await db.query<{ record: CaseRecord; filed: string }>(
    `SELECT to_jsonb(c) AS record, to_jsonb(c.filed_at) #>> '{}' AS filed FROM cases c
      WHERE owner_id = $1 ${after} ORDER BY c.filed_at DESC, c.id DESC LIMIT $2`,
    params,
  );
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => toSummary(row.record, page.now)),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.filed, last.record.id) : null,
  };
}

export interface QueueFilters {
  status?: string;
  priority?: string;
  /** a caseworker id; or 'unassigned' */
  assignee?: string;
  /** only cases whose current deadline passed at `now` */
  overdue?: boolean;
}

export interface QueuePage {
  items: CaseSummary[];
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export class InvalidCursor extends Error {
  constructor() {
    super('invalid cursor: pass back the nextCursor of a previous page');
    this.name = 'InvalidCursor';
  }
}

/** A page cursor: the sort key and the id of the last item shown. */
export const encodeCursor = (key: string, id: string): string =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');

/** Reads a cursor back; throws InvalidCursor unless it holds a key `isKey` accepts and a UUID. */
export function decodeCursor(cursor: string, isKey: (key: string) => boolean): [string, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      isKey(decoded[0]) &&
      typeof decoded[1] === 'string' &&
      isUuid(decoded[1])
    ) {
      return [decoded[0], decoded[1]];
    }
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * An authority's open cases, most urgent deadline first (cases without a running clock last),
 * keyset-paged on (effective deadline, id) so pages stay stable while cases come and go.
 */
export async function queue(
  db: Sql,
  authorityId: string,
  filters: QueueFilters,
  page: { cursor?: string; limit: number; now: Date },
): Promise<QueuePage> {
  const params: unknown[] = [authorityId];
  const where = ['authority_id = $1', OPEN];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.status) where.push(`status = ${param(filters.status)}`);
  if (filters.priority) where.push(`priority = ${param(filters.priority)}`);
  if (filters.assignee === 'unassigned') where.push('assignee IS NULL');
  else if (filters.assignee) where.push(`assignee = ${param(filters.assignee)}`);
  if (filters.overdue)
    where.push(`effective_deadline <= ${param(page.now.toISOString())}::timestamptz`);
  if (page.cursor) {
    const [dueBy, id] = decodeCursor(page.cursor, (key) => key === NO_DEADLINE || isInstant(key));
    where.push(`(effective_deadline, id) > (${param(dueBy)}::timestamptz, ${param(id)}::uuid)`);
  }
  const { rows } = await db.query<{ record: CaseRecord; due: string }>(
    `SELECT to_jsonb(c) AS record, to_jsonb(c.effective_deadline) #>> '{}' AS due FROM cases c
      WHERE ${where.join(' AND ')}
      ORDER BY effective_deadline, id LIMIT ${param(page.limit + 1)}`,
    params,
  );
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => toSummary(row.record, page.now)),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.due, last.record.id) : null,
  };
}

/** The owner of a case, or null when there is no such case (yet) in the read models. */
export async function caseOwner(db: Sql, caseId: string): Promise<string | null> {
  if (!isUuid(caseId)) return null;
  const { rows } = await db.query<{ owner_id: string }>(
    'SELECT owner_id FROM cases WHERE id = $1',
    [caseId],
  );
  return rows.length ? rows[0].owner_id : null;
}
