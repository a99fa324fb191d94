import type { Migration } from '@recourse/database';
import { durationBucketSql } from './durations';
import { isOpenSql } from './open-statuses';

/** Fills open_stints and appeal_filings from cases and case_stints. */
const BACKFILL_OPEN_AND_FILINGS = `
  WITH open AS (
    INSERT INTO open_stints
    SELECT c.id, s.authority_id, c.decision_type, c.automation, s.received_at, c.effective_deadline
      FROM cases c JOIN case_stints s ON s.case_id = c.id AND s.seq = c.escalation_count
     WHERE ${isOpenSql('c.status')}
  )
  INSERT INTO appeal_filings
  SELECT c.authorities[1], c.decision_type,
         to_timestamp(floor(extract(epoch FROM c.filed_at) / 60) * 60), 'all', count(*)
    FROM cases c WHERE c.kind = 'appeal' AND c.decision_type IS NOT NULL
   GROUP BY 1, 2, 3`;

/**
 * The counting behind GET /v1/stats/outcomes and appeal-wave detection, kept by the projection
 * in its own transaction so that both read a few rows whatever the history:
 *
 * - outcome_stats: the counters of the authority stints (case_stints) with their times to
 *   decision as a histogram (durations.ts); by grouping, month and authority since 006;
 * - open_stints: the current stint of every open case, with its running deadline, for "open"
 *   and "overdue" (which depend on the time of the question);
 * - appeal_filings: appeals filed per authority, decision type and UTC minute.
 *
 * Counter rows carry the writer (`shard`: the projection checkpoint it advances), so that
 * partitions projecting in parallel never wait on each other's row locks; readers sum the shards.
 */
export const COUNTS_MIGRATION: Migration = {
  id: '005-counts',
  sql: `
    -- this first layout is replaced by 006 (outcome_stats by grouping)
    CREATE TABLE outcome_stats (
      authority_id text NOT NULL,
      decision_type text,
      automation text,
      month date NOT NULL,
      shard text NOT NULL,
      total integer NOT NULL,
      decided integer NOT NULL,
      upheld integer NOT NULL,
      overturned integer NOT NULL,
      partially_overturned integer NOT NULL,
      rejected integer NOT NULL,
      with_deadline integer NOT NULL,
      on_time integer NOT NULL,
      escalated integer NOT NULL,
      -- seconds from receipt to decision: { "<bucket>": [count, sum] }
      durations jsonb NOT NULL
    );
    CREATE UNIQUE INDEX outcome_stats_key
      ON outcome_stats (month, authority_id, decision_type, automation, shard) NULLS NOT DISTINCT;

    CREATE TABLE open_stints (
      case_id uuid PRIMARY KEY,
      authority_id text NOT NULL,
      decision_type text,
      automation text,
      received_at timestamptz NOT NULL,
      -- the running deadline; 'infinity' when no clock runs
      due timestamptz NOT NULL
    );
    CREATE INDEX open_stints_received_idx ON open_stints (received_at);

    CREATE TABLE appeal_filings (
      authority_id text NOT NULL,
      decision_type text NOT NULL,
      minute timestamptz NOT NULL,
      shard text NOT NULL,
      filings integer NOT NULL,
      PRIMARY KEY (minute, authority_id, decision_type, shard)
    );

    ${BACKFILL_OPEN_AND_FILINGS};
  `,
};

/**
 * The groups a stint counts in (counts.ts, rollupsOf) as a VALUES list over `alias`, which has
 * authority_id, decision_type, automation and received_month.
 */
const rollupsSql = (alias: string): string => `(VALUES
        ('authority', '', ${alias}.received_month, ${alias}.authority_id),
        ('authority', '', NULL, ${alias}.authority_id),
        ('decisionType', '', ${alias}.received_month, ${alias}.decision_type),
        ('decisionType', '', NULL, ${alias}.decision_type),
        ('decisionType', ${alias}.authority_id, ${alias}.received_month, ${alias}.decision_type),
        ('decisionType', ${alias}.authority_id, NULL, ${alias}.decision_type),
        ('automation', '', ${alias}.received_month, ${alias}.automation),
        ('automation', '', NULL, ${alias}.automation),
        ('automation', ${alias}.authority_id, ${alias}.received_month, ${alias}.automation),
        ('automation', ${alias}.authority_id, NULL, ${alias}.automation),
        ('month', '', ${alias}.received_month, to_char(${alias}.received_month, 'YYYY-MM')),
        ('month', ${alias}.authority_id, ${alias}.received_month, to_char(${alias}.received_month, 'YYYY-MM'))
      ) AS r (dimension, scope, month, key)`;

/** Fills outcome_stats (the layout of 006) from case_stints and cases. */
const BACKFILL_OUTCOME_STATS = `
  WITH stints AS (
    SELECT s.authority_id, c.decision_type, c.automation,
           date_trunc('month', s.received_at AT TIME ZONE 'UTC')::date AS received_month,
           s.outcome, s.decided_at, s.respond_by, s.escalated_at,
           extract(epoch FROM s.decided_at - s.received_at)::float8 AS seconds
      FROM case_stints s JOIN cases c ON c.id = s.case_id
  ), rolled AS (
    SELECT r.dimension, r.scope, r.month, r.key, s.*
      FROM stints s CROSS JOIN LATERAL ${rollupsSql('s')}
  ), counted AS (
    SELECT r.dimension, r.scope, r.month, r.key, count(*) AS total, count(r.decided_at) AS decided,
           count(*) FILTER (WHERE r.outcome = 'upheld') AS upheld,
           count(*) FILTER (WHERE r.outcome = 'overturned') AS overturned,
           count(*) FILTER (WHERE r.outcome = 'partially_overturned') AS partially_overturned,
           count(*) FILTER (WHERE r.outcome = 'rejected') AS rejected,
           count(*) FILTER (WHERE r.decided_at IS NOT NULL AND r.respond_by IS NOT NULL) AS with_deadline,
           count(*) FILTER (WHERE r.decided_at <= r.respond_by) AS on_time,
           count(r.escalated_at) AS escalated
      FROM rolled r GROUP BY 1, 2, 3, 4
  ), buckets AS (
    SELECT dimension, scope, month, key, ${durationBucketSql('seconds')} AS bucket,
           count(*) AS n, sum(seconds) AS total_seconds
      FROM rolled WHERE seconds IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5
  ), histograms AS (
    SELECT dimension, scope, month, key,
           jsonb_object_agg(bucket::text, jsonb_build_array(n, total_seconds)) AS durations
      FROM buckets GROUP BY 1, 2, 3, 4
  )
  INSERT INTO outcome_stats
  SELECT c.dimension, c.scope, c.month, c.key, 'all', c.total, c.decided, c.upheld, c.overturned,
         c.partially_overturned, c.rejected, c.with_deadline, c.on_time, c.escalated,
         coalesce(h.durations, '{}')
    FROM counted c
    -- NULL month and key compared through stand-ins, so that the join can hash
    LEFT JOIN histograms h ON h.dimension = c.dimension AND h.scope = c.scope
     AND coalesce(h.month, 'infinity') = coalesce(c.month, 'infinity')
     AND coalesce(h.key, chr(1)) = coalesce(c.key, chr(1))`;

/**
 * Fills `table` from open_stints: the open stints by group and `unit` (month: open_stats, 009;
 * day: open_due_days, 012) of their deadline.
 */
const backfillOpenBy = (table: string, unit: 'month' | 'day') => `
  INSERT INTO ${table}
  SELECT r.dimension, r.scope, r.month, r.key, p.due, 'all', count(*)
    FROM (SELECT authority_id, decision_type, automation,
                 date_trunc('month', received_at AT TIME ZONE 'UTC')::date AS received_month,
                 date_trunc('${unit}', due AT TIME ZONE 'UTC')::date AS due
            FROM open_stints) p
   CROSS JOIN LATERAL ${rollupsSql('p')}
   GROUP BY 1, 2, 3, 4, 5`;
const BACKFILL_OPEN_STATS = backfillOpenBy('open_stats', 'month');
const BACKFILL_OPEN_DUE_DAYS = backfillOpenBy('open_due_days', 'day');

/** Fills the counting tables from case_stints and cases (read models projected before them). */
export const BACKFILL_COUNTS = `${BACKFILL_OUTCOME_STATS}; ${BACKFILL_OPEN_AND_FILINGS}; ${BACKFILL_OPEN_STATS}; ${BACKFILL_OPEN_DUE_DAYS}`;

/**
 * Open stints counted by group and month of their running deadline (counts.ts, OpenRollup), so
 * that "open" and "overdue" no longer count every open case at each question.
 */
export const OPEN_STATS_MIGRATION: Migration = {
  id: '009-open-stats',
  sql: `
    CREATE TABLE open_stats (
      dimension text NOT NULL,
      scope text NOT NULL,
      month date,
      key text,
      -- first day of the UTC month the running deadline falls in; 'infinity': no clock runs
      due_month date NOT NULL,
      shard text NOT NULL,
      open integer NOT NULL
    );
    CREATE UNIQUE INDEX open_stats_key
      ON open_stats (dimension, scope, month, key, due_month, shard) NULLS NOT DISTINCT;
    -- the stints due in the month of a question are counted one by one
    CREATE INDEX open_stints_due_idx ON open_stints (due);
    ${BACKFILL_OPEN_STATS};
  `,
};

/**
 * Open stints counted by group and UTC day of their running deadline (counts.ts, OpenRollup), so
 * that "overdue" in the question's own month reads a row per group and day gone by instead of
 * every stint due since the month began (10,208 on the 4th at a million cases); only those due
 * on the question's own day are still counted one by one. Keyed day first after the group's
 * grouping and month, so that the days of one month are one range of the index.
 */
export const OPEN_DUE_DAYS_MIGRATION: Migration = {
  id: '012-open-due-days',
  sql: `
    CREATE TABLE open_due_days (
      dimension text NOT NULL,
      scope text NOT NULL,
      month date,
      key text,
      -- the UTC day the running deadline falls on; 'infinity': no clock runs
      due_day date NOT NULL,
      shard text NOT NULL,
      open integer NOT NULL
    );
    CREATE UNIQUE INDEX open_due_days_key
      ON open_due_days (dimension, scope, month, due_day, key, shard) NULLS NOT DISTINCT;
    ${BACKFILL_OPEN_DUE_DAYS};
  `,
};

/**
 * outcome_stats by grouping: each stint counts in its group of every grouping, over every
 * authority and over its own, by month and over all time (counts.ts, rollupsOf), so that every
 * question reads one row per group, or per group and month.
 */
export const OUTCOME_ROLLUPS_MIGRATION: Migration = {
  id: '006-outcome-rollups',
  sql: `
    DROP TABLE outcome_stats;
    CREATE TABLE outcome_stats (
      dimension text NOT NULL,
      -- '' for every authority, else the one authority counted
      scope text NOT NULL,
      -- first day of the UTC month of receipt; NULL: all time
      month date,
      key text,
      shard text NOT NULL,
      total integer NOT NULL,
      decided integer NOT NULL,
      upheld integer NOT NULL,
      overturned integer NOT NULL,
      partially_overturned integer NOT NULL,
      rejected integer NOT NULL,
      with_deadline integer NOT NULL,
      on_time integer NOT NULL,
      escalated integer NOT NULL,
      -- seconds from receipt to decision: { "<bucket>": [count, sum] }
      durations jsonb NOT NULL
    );
    CREATE UNIQUE INDEX outcome_stats_key
      ON outcome_stats (dimension, scope, month, key, shard) NULLS NOT DISTINCT;
    ${BACKFILL_OUTCOME_STATS};
  `,
};
