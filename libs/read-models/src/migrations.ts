import { migrate, type Database, type Migration } from '@recourse/database';
import { AUTHORITY_STINTS_MIGRATION } from './authority-stints.migration';
import {
  COUNTS_MIGRATION,
  OPEN_DUE_DAYS_MIGRATION,
  OPEN_STATS_MIGRATION,
  OUTCOME_ROLLUPS_MIGRATION,
} from './counts.migration';
import { NEXT_DUE_MIGRATION } from './next-due.migration';
import { RETENTION_MIGRATION } from './retention.migration';
import { isOpenSql } from './open-statuses';

const OPEN = isOpenSql();

/**
 * The tables a projection writes. The rebuild copies their shape (CREATE TABLE … LIKE …
 * INCLUDING ALL), fills the copies and swaps them in, so every table listed here must be derived
 * from events only. feeder_checkpoint is not one of them: it tracks Redis, not the read models.
 */
export const PROJECTED_TABLES = [
  'cases',
  'case_timeline',
  'case_notes',
  'petition_signatures',
  'case_stints',
  'outcome_stats',
  'open_stints',
  'open_stats',
  'open_due_days',
  'appeal_filings',
  'projection_checkpoint',
  'projection_runs',
] as const;

export const READ_MODEL_MIGRATIONS: Migration[] = [
  {
    id: '001-read-models',
    sql: `
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        reference text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        level integer NOT NULL,
        authority_id text NOT NULL,
        -- every authority that held the case, the current one last: their staff may read it
        authorities text[] NOT NULL,
        owner_id text NOT NULL,
        assignee text,
        priority text NOT NULL,
        title text,
        decision_type text,
        automation text,
        -- what was filed: contested decision, grounds, remedy, petition title and demand, appellant
        details jsonb NOT NULL,
        acknowledge_by timestamptz,
        respond_by timestamptz,
        -- the deadline the authority works against now; 'infinity' when no clock runs (paused,
        -- petition below its threshold, closed), so keyset paging never meets a NULL
        effective_deadline timestamptz NOT NULL DEFAULT 'infinity',
        -- { acknowledgeBy, respondBy }: the Deadline objects of the events (explained when read)
        deadlines jsonb NOT NULL,
        pauses jsonb NOT NULL DEFAULT '[]',
        paused_since timestamptz,
        open_request jsonb,
        outcome text,
        decision jsonb,
        decided_at timestamptz,
        escalated boolean NOT NULL DEFAULT false,
        escalation_count integer NOT NULL DEFAULT 0,
        escalation_requested boolean NOT NULL DEFAULT false,
        missed_deadlines jsonb NOT NULL DEFAULT '[]',
        filed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_revision integer NOT NULL
      );
      CREATE INDEX cases_queue_idx ON cases (authority_id, effective_deadline, id) WHERE ${OPEN};
      CREATE INDEX cases_queue_status_idx ON cases (authority_id, status, effective_deadline, id);
      CREATE INDEX cases_queue_assignee_idx ON cases (authority_id, assignee, effective_deadline, id) WHERE ${OPEN};
      CREATE INDEX cases_unassigned_idx ON cases (authority_id, effective_deadline, id) WHERE assignee IS NULL AND ${OPEN};
      CREATE INDEX cases_owner_idx ON cases (owner_id, filed_at DESC, id);

      -- citizen-facing: internal notes are never written here
      CREATE TABLE case_timeline (
        case_id uuid NOT NULL,
        revision integer NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_role text NOT NULL,
        summary jsonb NOT NULL,
        PRIMARY KEY (case_id, revision)
      );

      -- staff only
      CREATE TABLE case_notes (
        case_id uuid NOT NULL,
        revision integer NOT NULL,
        note_id text NOT NULL,
        text text NOT NULL,
        author_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, revision)
      );

      CREATE TABLE petition_signatures (
        case_id uuid PRIMARY KEY,
        signatures integer NOT NULL,
        last_signed_at timestamptz NOT NULL
      );

      -- 'all': every event up to here is applied (embedded runner, rebuild);
      -- 'partition/<k>': the last event applied by partition k's worker
      CREATE TABLE projection_checkpoint (
        name text PRIMARY KEY,
        commit numeric(20) NOT NULL,
        prepare numeric(20) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- short-lived reservations of claimNext while its AssignCase command runs: not derived
      -- from events (the CaseAssigned event is the truth), so not rebuilt
      CREATE TABLE case_claims (
        case_id uuid PRIMARY KEY,
        caseworker_id text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now()
      );

      -- what the feeder handed to Redis: 'handed' (with the partition count) and 'partition/<k>'
      CREATE TABLE feeder_checkpoint (
        name text PRIMARY KEY,
        commit numeric(20) NOT NULL,
        prepare numeric(20) NOT NULL,
        partitions integer,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  AUTHORITY_STINTS_MIGRATION,
  {
    // notes belong to the authority whose staff wrote them (the one holding the case then);
    // notes projected before are attributed through case_stints, exactly again on a rebuild
    id: '003-note-authority',
    sql: `
      ALTER TABLE case_notes ADD COLUMN authority_id text;
      UPDATE case_notes n SET authority_id = s.authority_id
        FROM case_stints s
       WHERE s.case_id = n.case_id AND s.received_at <= n.occurred_at
         AND (s.escalated_at IS NULL OR n.occurred_at < s.escalated_at);
    `,
  },
  NEXT_DUE_MIGRATION,
  COUNTS_MIGRATION,
  OUTCOME_ROLLUPS_MIGRATION,
  {
    // runs of a partition applied ahead of a gap (an earlier job in backoff or dead-lettered):
    // the partition checkpoint moves over them once the gap is filled (see advanceOverRun)
    id: '007-projection-runs',
    sql: `
      CREATE TABLE projection_runs (
        name text NOT NULL,
        after_commit numeric(20) NOT NULL,
        after_prepare numeric(20) NOT NULL,
        last_commit numeric(20) NOT NULL,
        last_prepare numeric(20) NOT NULL,
        PRIMARY KEY (name, after_commit, after_prepare, last_commit, last_prepare)
      );
    `,
  },
  {
    // a note's text is personal data: stored sealed ({ "$enc": … }), or a string from before
    id: '008-sealed-notes',
    sql: 'ALTER TABLE case_notes ALTER COLUMN text TYPE jsonb USING to_jsonb(text)',
  },
  OPEN_STATS_MIGRATION,
  RETENTION_MIGRATION,
  {
    // the feed (Redis epoch) the feeder_checkpoint rows belong to: one row, or none before the
    // first feed; a feed after Redis lost its queues resets the checkpoint once (adoptFeed)
    id: '011-feeder-feed',
    sql: `
      CREATE TABLE feeder_feed (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        epoch text NOT NULL
      );
    `,
  },
  OPEN_DUE_DAYS_MIGRATION,
];

export function migrateReadModels(db: Database): Promise<void> {
  return migrate(db, 'read-models', READ_MODEL_MIGRATIONS);
}
