import type { Sql } from '@recourse/database';
import { OPEN_STATUSES, OUTCOMES } from '@recourse/domain';
import type { CaseRecord, StintEntry } from './case-record';
import { addDurations, oneDuration, type Durations } from './durations';
import { NO_DEADLINE } from './open-statuses';

/** A whole case_stints row as to_jsonb gives it. */
export type StintRow = Required<
  Omit<StintEntry, 'respond_by' | 'outcome' | 'decided_at' | 'escalated_at'>
> & {
  respond_by: string | null;
  outcome: string | null;
  decided_at: string | null;
  escalated_at: string | null;
};

const COUNTERS = [
  'total',
  'decided',
  ...OUTCOMES,
  'with_deadline',
  'on_time',
  'escalated',
] as const;
type Counter = (typeof COUNTERS)[number];

interface StatsRow extends Record<Counter, number> {
  authority_id: string;
  decision_type: string | null;
  automation: string | null;
  month: string;
  durations: Durations;
}

/** One row of outcome_stats: the counters of one group of one grouping, over a month or all time. */
interface Rollup extends Record<Counter, number> {
  dimension: StatsDimension;
  key: string | null;
  /** '' for every authority, else the one authority counted */
  scope: string;
  /** the first day of the month; null: all time */
  month: string | null;
  durations: Durations;
}

export type StatsDimension = 'authority' | 'decisionType' | 'automation' | 'month';

/**
 * The outcome_stats rows a stint counts in: for each grouping, its group over every authority
 * and (but for the authority grouping, where it is the same) over its own authority; each by
 * month and over all time (the month grouping is by month anyway). Every question the endpoint
 * takes then reads a few rows: one per group, or one per group and month in a range.
 */
function rollupsOf(
  row: Pick<StatsRow, 'authority_id' | 'decision_type' | 'automation' | 'month'>,
): Omit<Rollup, Counter | 'durations'>[] {
  const { authority_id: authority, month } = row;
  const rollups: Omit<Rollup, Counter | 'durations'>[] = [];
  for (const at of [month, null]) {
    rollups.push({ dimension: 'authority', key: authority, scope: '', month: at });
    for (const scope of ['', authority]) {
      rollups.push({ dimension: 'decisionType', key: row.decision_type, scope, month: at });
      rollups.push({ dimension: 'automation', key: row.automation, scope, month: at });
    }
  }
  for (const scope of ['', authority]) {
    rollups.push({ dimension: 'month', key: month.slice(0, 7), scope, month });
  }
  return rollups;
}

interface OpenStint {
  case_id: string;
  authority_id: string;
  decision_type: string | null;
  automation: string | null;
  received_at: string;
  due: string;
}

/**
 * One row of open_stats: how many open stints of one group (as outcome_stats groups them) run
 * against a deadline in one UTC month, so that "open" and "overdue" read a few rows: every month
 * before the question's is overdue, every later one is not, and only the stints due in the
 * question's own month are counted one by one (by the due index).
 */
interface OpenRollup extends Omit<Rollup, Counter | 'durations'> {
  /** the first day of the UTC month the running deadline falls in; 'infinity': no clock runs */
  due_month: string;
  open: number;
}

/**
 * One row of open_due_days: the same count by UTC day of the deadline, so that of the stints due
 * in the question's month only those due on its own day are counted one by one.
 */
interface OpenDayRollup extends Omit<Rollup, Counter | 'durations'> {
  /** the UTC day the running deadline falls on; 'infinity': no clock runs */
  due_day: string;
  open: number;
}

const monthOf = (instant: string): string =>
  `${new Date(Date.parse(instant)).toISOString().slice(0, 7)}-01`;
const dayOf = (instant: string): string => new Date(Date.parse(instant)).toISOString().slice(0, 10);

const OPEN: readonly string[] = OPEN_STATUSES;
const time = (instant: string | null): number | null =>
  instant === null ? null : Date.parse(instant);

/** A stint row after `changes` (absent or null columns keep their value, as UPSERT_STINTS does). */
export function mergeStint(row: StintRow | undefined, changes: StintEntry): StintRow {
  const merged = { respond_by: null, outcome: null, decided_at: null, escalated_at: null, ...row };
  for (const [column, value] of Object.entries(changes)) {
    if (value !== null && value !== undefined) (merged as Record<string, unknown>)[column] = value;
  }
  return merged as StintRow;
}

/** What one stint adds to outcome_stats (its decision type and automation are the case's). */
function statsOf(stint: StintRow, record: CaseRecord): StatsRow {
  const decidedAt = time(stint.decided_at);
  const respondBy = time(stint.respond_by);
  const receivedAt = Date.parse(stint.received_at);
  const row: StatsRow = {
    authority_id: stint.authority_id,
    decision_type: record.decision_type,
    automation: record.automation,
    month: monthOf(stint.received_at),
    total: 1,
    decided: decidedAt === null ? 0 : 1,
    upheld: stint.outcome === 'upheld' ? 1 : 0,
    overturned: stint.outcome === 'overturned' ? 1 : 0,
    partially_overturned: stint.outcome === 'partially_overturned' ? 1 : 0,
    rejected: stint.outcome === 'rejected' ? 1 : 0,
    with_deadline: decidedAt !== null && respondBy !== null ? 1 : 0,
    on_time: decidedAt !== null && respondBy !== null && decidedAt <= respondBy ? 1 : 0,
    escalated: stint.escalated_at === null ? 0 : 1,
    durations: decidedAt === null ? {} : oneDuration((decidedAt - receivedAt) / 1000),
  };
  return row;
}

/** The case's current stint while the case is open (it waits on that stint's authority). */
function openStintOf(record: CaseRecord | undefined, stints: StintRow[]): OpenStint | undefined {
  if (!record || !OPEN.includes(record.status)) return undefined;
  const current = stints.find((stint) => stint.seq === record.escalation_count);
  if (!current) return undefined;
  return {
    case_id: record.id,
    authority_id: current.authority_id,
    decision_type: record.decision_type,
    automation: record.automation,
    received_at: current.received_at,
    due: record.effective_deadline,
  };
}

const sameOpenStint = (a: OpenStint | undefined, b: OpenStint | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.authority_id === b.authority_id &&
    Date.parse(a.received_at) === Date.parse(b.received_at) &&
    a.due === b.due);

/** Adds `sign` to the open count of the row under `key`, made from `row` when new. */
function count<T extends { open: number }>(
  rows: Map<string, T>,
  key: string,
  row: Omit<T, 'open'>,
  sign: 1 | -1,
): void {
  const sum = rows.get(key) ?? ({ ...row, open: 0 } as T);
  sum.open += sign;
  rows.set(key, sum);
}

/**
 * The changes a batch makes to the counting tables, gathered case by case from the rows before
 * and after it, and written in one statement (writeCounts).
 */
export class CountsDelta {
  private readonly stats = new Map<string, Rollup>();
  private readonly openStats = new Map<string, OpenRollup>();
  private readonly openDays = new Map<string, OpenDayRollup>();
  private readonly openRows: OpenStint[] = [];
  private readonly closed: string[] = [];
  private readonly filings = new Map<
    string,
    { authority_id: string; decision_type: string; minute: string; filings: number }
  >();

  /** One case: its row and stints before the batch (undefined: new) and after it. */
  addCase(
    before: { record: CaseRecord | undefined; stints: StintRow[] },
    after: { record: CaseRecord; stints: StintRow[] },
  ): void {
    const previous = new Map(before.stints.map((stint) => [stint.seq, stint]));
    for (const stint of after.stints) {
      const old = previous.get(stint.seq);
      if (old && JSON.stringify(old) === JSON.stringify(stint)) continue;
      this.addStats(statsOf(stint, after.record), 1);
      if (old && before.record) this.addStats(statsOf(old, before.record), -1);
    }
    const wasOpen = openStintOf(before.record, before.stints);
    const isOpen = openStintOf(after.record, after.stints);
    if (!sameOpenStint(wasOpen, isOpen)) {
      if (isOpen) this.openRows.push(isOpen);
      else this.closed.push(after.record.id);
      if (wasOpen) this.addOpen(wasOpen, -1);
      if (isOpen) this.addOpen(isOpen, 1);
    }
    const { record } = after;
    if (!before.record && record.kind === 'appeal' && record.decision_type !== null) {
      const minute = new Date(
        Math.floor(Date.parse(record.filed_at) / 60_000) * 60_000,
      ).toISOString();
      // the authority it was filed with: the batch may have escalated it already
      const [filedWith] = record.authorities;
      const key = `${filedWith}\u0000${record.decision_type}\u0000${minute}`;
      const row = this.filings.get(key) ?? {
        authority_id: filedWith,
        decision_type: record.decision_type,
        minute,
        filings: 0,
      };
      row.filings += 1;
      this.filings.set(key, row);
    }
  }

  private addStats(row: StatsRow, sign: 1 | -1): void {
    for (const rollup of rollupsOf(row)) {
      const key = [rollup.dimension, rollup.scope, rollup.month, rollup.key].join('\u0000');
      let sum = this.stats.get(key);
      if (!sum) {
        sum = { ...rollup, durations: {} } as Rollup;
        for (const counter of COUNTERS) sum[counter] = 0;
        this.stats.set(key, sum);
      }
      for (const counter of COUNTERS) sum[counter] += sign * row[counter];
      addDurations(sum.durations, row.durations, sign);
    }
  }

  private addOpen(stint: OpenStint, sign: 1 | -1): void {
    const noDeadline = stint.due === NO_DEADLINE;
    const due_month = noDeadline ? NO_DEADLINE : monthOf(stint.due);
    const due_day = noDeadline ? NO_DEADLINE : dayOf(stint.due);
    for (const rollup of rollupsOf({ ...stint, month: monthOf(stint.received_at) })) {
      const group = [rollup.dimension, rollup.scope, rollup.month, rollup.key].join('\u0000');
      count(this.openStats, `${group}\u0000${due_month}`, { ...rollup, due_month }, sign);
      count(this.openDays, `${group}\u0000${due_day}`, { ...rollup, due_day }, sign);
    }
  }

  get empty(): boolean {
    return (
      this.stats.size === 0 &&
      this.openRows.length === 0 &&
      this.closed.length === 0 &&
      this.filings.size === 0
    );
  }

  /** the statement's parameters: rows sorted by key, so concurrent writers lock in one order */
  params(shard: string): unknown[] {
    const byKey = <T>(map: Map<string, T>): T[] =>
      [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    return [
      JSON.stringify(byKey(this.stats)),
      JSON.stringify(this.openRows),
      this.closed,
      JSON.stringify(byKey(this.filings)),
      shard,
      JSON.stringify(byKey(this.openStats).filter((row) => row.open !== 0)),
      JSON.stringify(byKey(this.openDays).filter((row) => row.open !== 0)),
    ];
  }
}

const MERGE_DURATIONS = `(
  SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(n, s)), '{}'::jsonb)
    FROM (SELECT k, sum((v ->> 0)::integer) AS n, sum((v ->> 1)::float8) AS s
            FROM (SELECT * FROM jsonb_each(o.durations)
                  UNION ALL SELECT * FROM jsonb_each(excluded.durations)) e (k, v)
           GROUP BY k) t
   WHERE n <> 0)`;

/** Adds the open counts in parameter `param` to `table`, keyed by group, `due` and shard ($5). */
const addOpen = (table: string, due: string, param: string) => `
    INSERT INTO ${table} AS o (dimension, scope, month, key, ${due}, shard, open)
    SELECT r.dimension, r.scope, r.month, r.key, r.${due}, $5::text, r.open
      FROM jsonb_to_recordset(${param}::jsonb)
        AS r (dimension text, scope text, month date, key text, ${due} date, open integer)
    ON CONFLICT (dimension, scope, month, key, ${due}, shard) DO UPDATE
      SET open = o.open + excluded.open`;

const WRITE_COUNTS = `
  WITH stats AS (
    INSERT INTO outcome_stats AS o (dimension, scope, month, key, shard,
                                    ${COUNTERS.join(', ')}, durations)
    SELECT r.dimension, r.scope, r.month, r.key, $5::text,
           ${COUNTERS.map((c) => `r.${c}`).join(', ')}, r.durations
      FROM jsonb_to_recordset($1::jsonb) AS r (dimension text, scope text, month date, key text,
             ${COUNTERS.map((c) => `${c} integer`).join(', ')}, durations jsonb)
    ON CONFLICT (dimension, scope, month, key, shard) DO UPDATE SET
      ${COUNTERS.map((c) => `${c} = o.${c} + excluded.${c}`).join(', ')},
      durations = ${MERGE_DURATIONS}
  ), opened AS (
    INSERT INTO open_stints
    SELECT * FROM jsonb_populate_recordset(NULL::open_stints, $2::jsonb)
    ON CONFLICT (case_id) DO UPDATE SET authority_id = excluded.authority_id,
      received_at = excluded.received_at, due = excluded.due
  ), closed AS (
    DELETE FROM open_stints WHERE case_id = ANY($3::uuid[])
  ), open_counted AS (${addOpen('open_stats', 'due_month', '$6')}
  ), open_days AS (${addOpen('open_due_days', 'due_day', '$7')}
  )
  INSERT INTO appeal_filings AS f (minute, authority_id, decision_type, shard, filings)
  SELECT r.minute, r.authority_id, r.decision_type, $5::text, r.filings
    FROM jsonb_to_recordset($4::jsonb)
      AS r (minute timestamptz, authority_id text, decision_type text, filings integer)
  ON CONFLICT (minute, authority_id, decision_type, shard) DO UPDATE
    SET filings = f.filings + excluded.filings`;

/** Writes a batch's counting changes in one statement; `shard` is the writer's checkpoint name. */
export async function writeCounts(tx: Sql, delta: CountsDelta, shard: string): Promise<void> {
  if (delta.empty) return;
  await tx.query(WRITE_COUNTS, delta.params(shard));
}
