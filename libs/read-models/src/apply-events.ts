import type { Sql } from '@recourse/database';
import { comparePositions, type RecordedEvent } from '@recourse/event-store';
import { caseIdOfStream } from '@recourse/domain';
import {
  projectEvent,
  type CaseRecord,
  type NoteEntry,
  type SignatureCount,
  type StintEntry,
  type TimelineEntry,
} from './case-record';
import { advanceCheckpoint, advanceOverRun, ALL_CHECKPOINT, type PartitionRun } from './checkpoint';
import { CountsDelta, mergeStint, writeCounts, type StintRow } from './counts';
import { OutOfOrderEvent } from './out-of-order-event';

const CASE_COLUMNS: readonly (keyof CaseRecord)[] = [
  'reference',
  'kind',
  'status',
  'level',
  'authority_id',
  'authorities',
  'owner_id',
  'assignee',
  'priority',
  'title',
  'decision_type',
  'automation',
  'details',
  'acknowledge_by',
  'respond_by',
  'effective_deadline',
  'next_due',
  'deadlines',
  'pauses',
  'paused_since',
  'open_request',
  'outcome',
  'decision',
  'decided_at',
  'escalated',
  'escalation_count',
  'escalation_requested',
  'missed_deadlines',
  'filed_at',
  'updated_at',
  'last_revision',
  'ended_at',
  'personal_data_erased',
];

const UPSERT_CASES = `
  INSERT INTO cases SELECT * FROM jsonb_populate_recordset(NULL::cases, $1::jsonb)
  ON CONFLICT (id) DO UPDATE SET (${CASE_COLUMNS.join(', ')})
    = ROW(${CASE_COLUMNS.map((column) => `excluded.${column}`).join(', ')})`;

const STINT_COLUMNS = [
  'authority_id',
  'level',
  'received_at',
  'respond_by',
  'outcome',
  'decided_at',
  'escalated_at',
] as const;

/** Merges the changed columns into the stored stint rows (an absent column keeps its value). */
const UPSERT_STINTS = `
  INSERT INTO case_stints AS s (case_id, seq, ${STINT_COLUMNS.join(', ')})
  SELECT e.case_id, e.seq, ${STINT_COLUMNS.map((c) => `coalesce(e.${c}, o.${c})`).join(', ')}
    FROM jsonb_populate_recordset(NULL::case_stints, $1::jsonb) e
    LEFT JOIN case_stints o ON o.case_id = e.case_id AND o.seq = e.seq
  ON CONFLICT (case_id, seq) DO UPDATE SET (${STINT_COLUMNS.join(', ')})
    = ROW(${STINT_COLUMNS.map((column) => `excluded.${column}`).join(', ')})`;

/** The cases a batch touches, locked, each with its stints (for the counting tables). */
const LOAD_CASES = `
  SELECT to_jsonb(c) AS record,
         (SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY s.seq), '[]')
            FROM case_stints s WHERE s.case_id = c.id) AS stints
    FROM cases c WHERE c.id = ANY($1::uuid[]) FOR UPDATE`;

/** The cases a bulk replay touches (alone on its tables: no lock, and no stints for counting). */
const LOAD_RECORDS = `SELECT to_jsonb(c) AS record FROM cases c WHERE c.id = ANY($1::uuid[])`;

/**
 * The tables a bulk replay (applyEventsInBulk) upserts into by key: their unique indexes must
 * exist while it runs. The others it only appends to, or leaves to BACKFILL_COUNTS: their
 * indexes can be built once filled.
 */
export const BULK_KEYED_TABLES: readonly string[] = [
  'cases',
  'case_stints',
  'petition_signatures',
  'projection_checkpoint',
];

/**
 * A row that does not exist cannot be locked, so whoever creates a case's row first takes the
 * case's creation lock (in the given order, sorted: no deadlock) and holds it to the commit.
 */
const LOCK_NEW_CASES = `
  SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':case-row:' || id, 0))
    FROM unnest($1::text[]) AS id`;

/** What the batch changes in the counting tables: every changed case, before and after. */
function countsDelta(
  loaded: Map<string, { record: CaseRecord; stints: StintRow[] }>,
  changed: Map<string, CaseRecord>,
  stintChanges: Map<string, StintEntry>,
): CountsDelta {
  const changesOf = new Map<string, StintEntry[]>();
  for (const change of stintChanges.values()) {
    changesOf.set(change.case_id, [...(changesOf.get(change.case_id) ?? []), change]);
  }
  const delta = new CountsDelta();
  for (const [caseId, record] of changed) {
    const before = loaded.get(caseId);
    const stints = new Map((before?.stints ?? []).map((stint) => [stint.seq, stint]));
    for (const change of changesOf.get(caseId) ?? []) {
      stints.set(change.seq, mergeStint(stints.get(change.seq), change));
    }
    delta.addCase(
      { record: before?.record, stints: before?.stints ?? [] },
      { record, stints: [...stints.values()] },
    );
  }
  return delta;
}

/**
 * Applies events to the read models in the caller's transaction and advances `checkpoint` to the
 * last one (over gap-free runs only, when `run` says where the job's run starts). Each case row keeps the last revision applied: an event at or below it is skipped (a
 * redelivery), one beyond the next throws OutOfOrderEvent (the caller retries later, nothing is
 * written). All rows a batch touches are read once, folded in memory and written in one statement
 * per table, so a batch of a thousand events costs a handful of round trips (the rebuild's speed).
 * Returns how many events changed something.
 */
export async function applyEvents(
  tx: Sql,
  events: RecordedEvent[],
  checkpoint: string,
  run?: PartitionRun,
): Promise<number> {
  if (events.length === 0) return 0;
  const caseIds = caseIdsOf(events);
  const records = new Map<string, CaseRecord>();
  const loaded = new Map<string, { record: CaseRecord; stints: StintRow[] }>();
  const load = async (ids: string[]) => {
    const { rows } = await tx.query<{ record: CaseRecord; stints: StintRow[] }>(LOAD_CASES, [ids]);
    for (const row of rows) {
      records.set(row.record.id, row.record);
      loaded.set(row.record.id, row);
    }
  };
  if (caseIds.length > 0) await load(caseIds);
  // Two workers may apply a new case's first events at once (jobs of one partition run in each
  // worker process; after an outage the same events come in several jobs). Without the lock both
  // would insert its row, and the one committing last would overwrite the other's (newer) row
  // with its own and count the case twice. With it, the second waits, then finds the row.
  const missing = caseIds.filter((id) => !records.has(id)).sort();
  if (missing.length > 0) {
    await tx.query(LOCK_NEW_CASES, [missing]);
    await load(missing);
  }
  const { applied, changed, stints } = await writeProjected(tx, events, records);
  await writeCounts(tx, countsDelta(loaded, changed, stints), checkpoint);
  const last = lastOf(events);
  if (run) await advanceOverRun(tx, checkpoint, run, last.position);
  else await advanceCheckpoint(tx, checkpoint, last.position);
  // delivered on commit: queries waiting for X-Min-Position look again (see readModelsChannel)
  await tx.query(`SELECT pg_notify('read_models_' || current_schema(), '')`, []);
  return applied;
}

/**
 * The rebuild's replay: applies events to fresh tables it alone writes (so no case locks), and
 * leaves the counting tables to BACKFILL_COUNTS once every event is in, which counts all stints
 * in one pass instead of folding each batch's changes into them.
 */
export async function applyEventsInBulk(tx: Sql, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const caseIds = caseIdsOf(events);
  const records = new Map<string, CaseRecord>();
  if (caseIds.length > 0) {
    const { rows } = await tx.query<{ record: CaseRecord }>(LOAD_RECORDS, [caseIds]);
    for (const { record } of rows) records.set(record.id, record);
  }
  await writeProjected(tx, events, records);
  await advanceCheckpoint(tx, ALL_CHECKPOINT, lastOf(events).position);
}

const caseIdsOf = (events: RecordedEvent[]): string[] => [
  ...new Set(events.map((event) => caseIdOfStream(event.stream)).filter((id) => id !== undefined)),
];

const lastOf = (events: RecordedEvent[]): RecordedEvent =>
  events.reduce((a, b) => (comparePositions(a.position, b.position) >= 0 ? a : b));

/**
 * Folds the case events into `records` (the rows before them) and writes every row they change,
 * one statement per table.
 */
async function writeProjected(
  tx: Sql,
  events: RecordedEvent[],
  records: Map<string, CaseRecord>,
): Promise<{ applied: number; changed: Map<string, CaseRecord>; stints: Map<string, StintEntry> }> {
  const caseEvents = events.filter((event) => caseIdOfStream(event.stream) !== undefined);

  const changed = new Map<string, CaseRecord>();
  const timeline: TimelineEntry[] = [];
  const notes: NoteEntry[] = [];
  const signatures = new Map<string, SignatureCount>();
  const stints = new Map<string, StintEntry>();
  let applied = 0;
  for (const event of caseEvents) {
    const caseId = caseIdOfStream(event.stream)!;
    const before = records.get(caseId);
    const lastApplied = before?.last_revision ?? -1;
    if (event.revision <= lastApplied) continue;
    if (event.revision > lastApplied + 1) {
      throw new OutOfOrderEvent(event.stream, event.revision, lastApplied);
    }
    const projected = projectEvent(before, event);
    records.set(caseId, projected.record);
    changed.set(caseId, projected.record);
    if (projected.timeline) timeline.push(projected.timeline);
    if (projected.note) notes.push(projected.note);
    if (projected.signatures) signatures.set(caseId, projected.signatures);
    for (const stint of projected.stints ?? []) {
      const key = `${stint.case_id}/${stint.seq}`;
      stints.set(key, { ...stints.get(key), ...stint });
    }
    applied++;
  }

  if (changed.size > 0) await tx.query(UPSERT_CASES, [JSON.stringify([...changed.values()])]);
  if (timeline.length > 0) {
    await tx.query(
      `INSERT INTO case_timeline SELECT * FROM jsonb_populate_recordset(NULL::case_timeline, $1::jsonb)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(timeline)],
    );
  }
  if (notes.length > 0) {
    await tx.query(
      `INSERT INTO case_notes SELECT * FROM jsonb_populate_recordset(NULL::case_notes, $1::jsonb)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(notes)],
    );
  }
  if (signatures.size > 0) {
    await tx.query(
      `INSERT INTO petition_signatures SELECT * FROM jsonb_populate_recordset(NULL::petition_signatures, $1::jsonb)
       ON CONFLICT (case_id) DO UPDATE
         SET signatures = excluded.signatures, last_signed_at = excluded.last_signed_at`,
      [JSON.stringify([...signatures.values()])],
    );
  }
  if (stints.size > 0) await tx.query(UPSERT_STINTS, [JSON.stringify([...stints.values()])]);
  return { applied, changed, stints };
}

/** One event in the caller's transaction: see applyEvents. */
export function applyEvent(tx: Sql, event: RecordedEvent, checkpoint: string): Promise<number> {
  return applyEvents(tx, [event], checkpoint);
}
