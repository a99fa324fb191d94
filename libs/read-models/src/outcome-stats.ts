import { createHash } from 'node:crypto';
import type { Database } from '@recourse/database';
import { OUTCOMES, type Outcome } from '@recourse/domain';
import { addDurations, medianOf, oneDuration, type Durations } from './durations';

export const STATS_GROUPINGS = ['authority', 'decisionType', 'automation', 'month'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];

export interface OutcomeStatsFilter {
  /** received by the authority at or after (inclusive) */
  from?: Date;
  /** received before (exclusive) */
  to?: Date;
  authorityId?: string;
  groupBy: StatsGrouping;
  /** decides "overdue" */
  now: Date;
}

export interface OutcomeStatsGroup {
  /** the authority id, decision type, automation or UTC month (yyyy-mm); null: petitions */
  key: string | null;
  /** cases the authority received (filed with it or escalated to it) */
  total: number;
  decided: number;
  byOutcome: Record<Outcome, number>;
  /** (overturned + partially_overturned) / decided; null when nothing was decided */
  overturnRate: number | null;
  /** decided on or before the response deadline / decided with a response deadline */
  onTimeRate: number | null;
  /** from receipt to decision */
  medianSecondsToDecision: number | null;
  /** still with this authority and waiting on it */
  open: number;
  /** open and past the deadline the authority works against */
  overdue: number;
  /** left this authority by escalation */
  escalated: number;
}

/** the group key in each part: the counters by month, raw stints at the edges, open stints */
const GROUP_KEY: Record<StatsGrouping, { raw: string; open: string }> = {
  authority: { raw: 's.authority_id', open: 'p.authority_id' },
  decisionType: { raw: 'c.decision_type', open: 'p.decision_type' },
  automation: { raw: 'c.automation', open: 'p.automation' },
  month: {
    raw: `to_char(s.received_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
    open: `to_char(p.received_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
  },
};

const COUNTERS = [
  'total',
  'decided',
  ...OUTCOMES,
  'with_deadline',
  'on_time',
  'escalated',
  'open',
  'overdue',
] as const;

/** A month's first day as a SQL date; past year 9999 (the end of a range at the far end) 'infinity'. */
const sqlDate = (month: Date): string =>
  month.getUTCFullYear() > 9999 ? 'infinity' : month.toISOString().slice(0, 10);

/** The first instant of the UTC month of `instant`, or of the next month when not on one. */
const monthStart = (instant: Date, roundUp: boolean): Date => {
  const start = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1));
  return roundUp && start.getTime() < instant.getTime()
    ? new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + 1, 1))
    : start;
};

/** The first instant of the UTC day of `instant`. */
const dayStart = (instant: Date): Date =>
  new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));

/**
 * Outcome and deadline statistics over authority stints (one per authority that held a case)
 * received in [from, to), so that each authority answers for what it held: a case escalated
 * from A to B counts for both, its decisions for the authority that made them.
 *
 * Read from the counting tables the projection keeps (counts.migration.ts): the months wholly
 * inside [from, to) from outcome_stats, the parts of months at either edge from the stints
 * themselves (by the received_at index), open and overdue from open_stats, by day in the
 * question's month (open_due_days) and one by one only for the stints due on the question's own
 * day (open_stints, by the due index). Counts are exact;
 * the median comes from the merged histograms (durations.ts).
 */
export async function outcomeStats(
  db: Database,
  filter: OutcomeStatsFilter,
): Promise<OutcomeStatsGroup[]> {
  const params: unknown[] = [filter.now.toISOString()];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const key = GROUP_KEY[filter.groupBy];
  const firstMonth = filter.from && monthStart(filter.from, true);
  const endMonth = filter.to && monthStart(filter.to, false);
  const wholeMonths = !firstMonth || !endMonth || firstMonth < endMonth;
  const authority =
    filter.authorityId === undefined ? undefined : `${param(filter.authorityId)}::text`;

  // outcome_stats rows of this grouping: over every authority, or over the one asked for
  const counted: string[] = [];
  if (wholeMonths) {
    counted.push(`o.dimension = ${param(filter.groupBy)}::text`);
    if (filter.groupBy === 'authority') {
      counted.push(`o.scope = ''`);
      if (authority) counted.push(`o.key = ${authority}`);
    } else counted.push(`o.scope = ${authority ?? `''`}`);
    if (!filter.from && !filter.to) {
      // all time: one row per group (the month grouping has only its months)
      if (filter.groupBy !== 'month') counted.push('o.month IS NULL');
    } else {
      counted.push(
        firstMonth ? `o.month >= ${param(sqlDate(firstMonth))}::date` : 'o.month IS NOT NULL',
      );
      if (endMonth) counted.push(`o.month < ${param(sqlDate(endMonth))}::date`);
    }
  }

  // the edges: [from, first whole month) and [end month, to), or all of [from, to) when no
  // month lies wholly inside
  const edges: [Date | undefined, Date | undefined][] = [];
  if (!wholeMonths) edges.push([filter.from, filter.to]);
  else {
    if (filter.from && firstMonth! > filter.from) edges.push([filter.from, firstMonth]);
    if (filter.to && endMonth! < filter.to) edges.push([endMonth, filter.to]);
  }
  const receivedIn = (column: string, [from, to]: [Date | undefined, Date | undefined]) => {
    const range = ['true'];
    if (from && from.getUTCFullYear() > 9999) range.push('false');
    else if (from) range.push(`${column} >= ${param(from.toISOString())}::timestamptz`);
    // a month past year 9999 bounds nothing: no instant PostgreSQL keeps reaches it
    if (to && to.getUTCFullYear() <= 9999) {
      range.push(`${column} < ${param(to.toISOString())}::timestamptz`);
    }
    return `(${range.join(' AND ')})`;
  };
  const atEdges = (column: string) => edges.map((edge) => receivedIn(column, edge)).join(' OR ');
  const ofAuthority = (column: string) => (authority ? ` AND ${column} = ${authority}` : '');

  // open stints: counted by month of their deadline (open_stats) over the whole months, where
  // every month before the question's is overdue and every later one is not; in the question's
  // own month by day (open_due_days), every day before its own overdue; one by one (by the due
  // index) where due on the question's own day, and at the edges
  const thisMonth = wholeMonths ? param(monthStart(filter.now, false).toISOString()) : '';
  const today = wholeMonths ? param(dayStart(filter.now).toISOString()) : '';
  const zero = (names: readonly string[]) => names.map((n) => `0 AS ${n}`).join(', ');
  const closedCounters = zero(COUNTERS.slice(0, -2));
  const parts = [
    wholeMonths &&
      `SELECT o.key, ${COUNTERS.slice(0, -2).join(', ')}, ${zero(['open', 'overdue'])},
              durations, NULL::float8 AS seconds
         FROM outcome_stats o WHERE ${counted.join(' AND ')}`,
    wholeMonths &&
      `SELECT o.key, ${closedCounters}, o.open,
              CASE WHEN o.due_month < ${thisMonth}::date THEN o.open ELSE 0 END, NULL::jsonb,
              NULL::float8
         FROM open_stats o WHERE ${counted.join(' AND ')}`,
    wholeMonths &&
      `SELECT o.key, ${closedCounters}, 0, o.open, NULL::jsonb, NULL::float8
         FROM open_due_days o
        WHERE ${counted.join(' AND ')}
          AND o.due_day >= ${thisMonth}::date AND o.due_day < ${today}::date`,
    wholeMonths &&
      `SELECT ${key.open} AS key, ${closedCounters}, 0, 1, NULL::jsonb, NULL::float8
         FROM open_stints p
        WHERE p.due >= ${today}::timestamptz AND p.due <= $1::timestamptz
          AND ${receivedIn('p.received_at', [firstMonth, endMonth])}${ofAuthority('p.authority_id')}`,
    edges.length > 0 &&
      `SELECT ${key.raw} AS key, 1, (s.decided_at IS NOT NULL)::int,
              ${OUTCOMES.map((outcome) => `(s.outcome = '${outcome}')::int`).join(', ')},
              (s.decided_at IS NOT NULL AND s.respond_by IS NOT NULL)::int,
              coalesce(s.decided_at <= s.respond_by, false)::int,
              (s.escalated_at IS NOT NULL)::int, 0, 0, NULL::jsonb,
              extract(epoch FROM s.decided_at - s.received_at)::float8
         FROM case_stints s JOIN cases c ON c.id = s.case_id
        WHERE (${atEdges('s.received_at')})${ofAuthority('s.authority_id')}`,
    edges.length > 0 &&
      `SELECT ${key.open} AS key, ${closedCounters}, 1, (p.due <= $1::timestamptz)::int,
              NULL::jsonb, NULL::float8
         FROM open_stints p WHERE (${atEdges('p.received_at')})${ofAuthority('p.authority_id')}`,
  ].filter(Boolean);

  type Row = {
    key: string | null;
    histograms: Durations[] | null;
    seconds: number[] | null;
  } & Record<(typeof COUNTERS)[number], number>;
  const text = `SELECT key, ${COUNTERS.map((c) => `sum(${c})::integer AS ${c}`).join(', ')},
            array_agg(durations) FILTER (WHERE durations IS NOT NULL) AS histograms,
            array_agg(seconds) FILTER (WHERE seconds IS NOT NULL) AS seconds
       FROM (${parts.join(' UNION ALL ')}) part (key, ${COUNTERS.join(', ')}, durations, seconds)
      GROUP BY key HAVING sum(total) > 0
      ORDER BY key NULLS LAST`;
  // a few rows from each part: a parallel plan (which the planner picks for the union of four
  // index scans) spends more starting its workers than reading them, 3 to 10 times the time;
  // and planning the union costs more than running it, so each shape of question (a few dozen:
  // the values are parameters) is prepared once per connection. The histograms come as an
  // array: jsonb_agg would rebuild every one of them into one document, half the query's time
  const { rows } = await db.transaction(async (tx) => {
    await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
    const prepare = `outcome_stats_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    return tx.query<Row>(text, params, { prepare });
  });
  return rows.map((row) => {
    const durations: Durations = {};
    for (const histogram of row.histograms ?? []) addDurations(durations, histogram);
    for (const seconds of row.seconds ?? []) addDurations(durations, oneDuration(seconds));
    const overturned = row.overturned + row.partially_overturned;
    return {
      key: row.key,
      total: row.total,
      decided: row.decided,
      byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, row[o]])) as Record<Outcome, number>,
      overturnRate: row.decided > 0 ? overturned / row.decided : null,
      onTimeRate: row.with_deadline > 0 ? row.on_time / row.with_deadline : null,
      medianSecondsToDecision: medianOf(durations),
      open: row.open,
      overdue: row.overdue,
      escalated: row.escalated,
    };
  });
}
