import type { Migration } from '@recourse/database';
import { durationBucketSql } from './durations';
import { isOpenSql } from './open-statuses';

/** 005's backfill, as it ran (the outcome_stats layout before 006). */
const BACKFILL_COUNTS_005 = `
  WITH stints AS (
    SELECT s.authority_id, c.decision_type, c.automation,
           date_trunc('month', s.received_at AT TIME ZONE 'UTC')::date AS month, s.outcome,
           s.decided_at, s.respond_by, s.escalated_at,
           extract(epoch FROM s.decided_at - s.received_at)::float8 AS seconds
      FROM case_stints s JOIN cases c ON c.id = s.case_id
  ), buckets AS (
    SELECT authority_id, decision_type, automation, month, ${durationBucketSql('seconds')} AS bucket,
           count(*) AS n, sum(seconds) AS total_seconds
      FROM stints WHERE seconds IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5
  ), histograms AS (
    SELECT authority_id, decision_type, automation, month,
           jsonb_object_agg(bucket::text, jsonb_build_array(n, total_seconds)) AS durations
      FROM buckets GROUP BY 1, 2, 3, 4
  ), stats AS (
    INSERT INTO outcome_stats
    SELECT s.authority_id, s.decision_type, s.automation, s.month, 'all',
           count(*), count(s.decided_at),
           count(*) FILTER (WHERE s.outcome = 'upheld'),
           count(*) FILTER (WHERE s.outcome = 'overturned'),
           count(*) FILTER (WHERE s.outcome = 'partially_overturned'),
           count(*) FILTER (WHERE s.outcome = 'rejected'),
           count(*) FILTER (WHERE s.decided_at IS NOT NULL AND s.respond_by IS NOT NULL),
           count(*) FILTER (WHERE s.decided_at <= s.respond_by),
           count(s.escalated_at),
           coalesce(min(h.durations::text)::jsonb, '{}')
      FROM stints s
      LEFT JOIN histograms h ON h.authority_id = s.authority_id
       AND h.decision_type IS NOT DISTINCT FROM s.decision_type
       AND h.automation IS NOT DISTINCT FROM s.automation AND h.month = s.month
     GROUP BY s.authority_id, s.decision_type, s.automation, s.month
  ), open AS (
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

    ${BACKFILL_COUNTS_005};
  `,
};

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
      FROM stints s CROSS JOIN LATERAL (VALUES
        ('authority', '', s.received_month, s.authority_id),
        ('authority', '', NULL, s.authority_id),
        ('decisionType', '', s.received_month, s.decision_type),
        ('decisionType', '', NULL, s.decision_type),
        ('decisionType', s.authority_id, s.received_month, s.decision_type),
        ('decisionType', s.authority_id, NULL, s.decision_type),
        ('automation', '', s.received_month, s.automation),
        ('automation', '', NULL, s.automation),
        ('automation', s.authority_id, s.received_month, s.automation),
        ('automation', s.authority_id, NULL, s.automation),
        ('month', '', s.received_month, to_char(s.received_month, 'YYYY-MM')),
        ('month', s.authority_id, s.received_month, to_char(s.received_month, 'YYYY-MM'))
      ) AS r (dimension, scope, month, key)
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
  SELECT r.dimension, r.scope, r.month, r.key, 'all',
         count(*), count(r.decided_at),
         count(*) FILTER (WHERE r.outcome = 'upheld'),
         count(*) FILTER (WHERE r.outcome = 'overturned'),
         count(*) FILTER (WHERE r.outcome = 'partially_overturned'),
         count(*) FILTER (WHERE r.outcome = 'rejected'),
         count(*) FILTER (WHERE r.decided_at IS NOT NULL AND r.respond_by IS NOT NULL),
         count(*) FILTER (WHERE r.decided_at <= r.respond_by),
         count(r.escalated_at),
         coalesce(min(h.durations::text)::jsonb, '{}')
    FROM rolled r
    LEFT JOIN histograms h ON h.dimension = r.dimension AND h.scope = r.scope
     AND h.month IS NOT DISTINCT FROM r.month AND h.key IS NOT DISTINCT FROM r.key
   GROUP BY r.dimension, r.scope, r.month, r.key`;

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

/** Fills the counting tables from case_stints and cases (read models projected before them). */
export const BACKFILL_COUNTS = `${BACKFILL_OUTCOME_STATS}; ${BACKFILL_OPEN_AND_FILINGS}`;

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
