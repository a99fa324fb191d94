import { Migration } from '@recourse/database';

export const EVENTS_TABLE = 'event_store_events';
export const STREAM_REVISION_CONSTRAINT = 'event_store_events_stream_revision';
export const EVENT_ID_CONSTRAINT = 'event_store_events_event_id';
export const READ_STREAM_FUNCTION = 'event_store_read_stream';

export const eventStoreMigrations: Migration[] = [
  {
    id: '001_events',
    sql: `
      CREATE TABLE ${EVENTS_TABLE} (
        -- no index of its own: every read goes through (transaction_id, global_position), and one
        -- index fewer is one write fewer on every append
        global_position bigserial NOT NULL,
        -- the appending transaction: the global order is (transaction_id, global_position), read
        -- only below the oldest running transaction, so a late commit is never skipped
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream text NOT NULL,
        revision integer NOT NULL CHECK (revision >= 0),
        event_id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ${STREAM_REVISION_CONSTRAINT} UNIQUE (stream, revision),
        CONSTRAINT ${EVENT_ID_CONSTRAINT} UNIQUE (event_id)
      );
      CREATE INDEX event_store_events_global_order ON ${EVENTS_TABLE} (transaction_id, global_position);
    `,
  },
  {
    // A stream read goes through (stream, revision) whatever the planner's statistics say: on a
    // large table never analyzed, its default guess for "stream = $1" is thousands of rows, and
    // it picks a parallel bitmap scan and a sort, some twenty times slower. The function's own
    // settings leave it the index; it runs in the schema of the caller's search_path.
    id: '002_read_stream_by_index',
    sql: `
      CREATE FUNCTION ${READ_STREAM_FUNCTION}(stream_name text)
        RETURNS SETOF ${EVENTS_TABLE}
        LANGUAGE sql STABLE
        SET enable_seqscan = off SET enable_bitmapscan = off SET max_parallel_workers_per_gather = 0
        AS $$ SELECT * FROM ${EVENTS_TABLE} WHERE stream = stream_name ORDER BY revision $$;
    `,
  },
];

const SELECTED_COLUMNS = `event_id::text AS id, stream, revision, transaction_id::text AS commit,
  global_position::text AS prepare, type, data, metadata`;

/** the stream's last revision and hash */
export const READ_HEAD = `
  SELECT revision, metadata->>'hash' AS hash FROM ${EVENTS_TABLE}
  WHERE stream = $1::text ORDER BY revision DESC LIMIT 1`;

/**
 * One statement, one round trip: inserts the already chained events only if the event they chain
 * onto ($2 revision) exists (-1: a new stream). UNIQUE (stream, revision) refuses a concurrent
 * writer that chained onto the same event, so a stream never gets a hole or two events at one
 * revision. No row back means the expected previous event is not there. Its hash is not checked
 * again: a committed event never changes, so a head the store saw committed stays true.
 *
 * With `notify`, subscribers ($4 channel) are notified when the transaction commits. NOTIFY holds a
 * database-wide lock from before the commit's WAL flush to its end, which serialises committing
 * writers, so on its own transaction the store notifies after the commit instead.
 */
function insertEvents(notify: boolean): string {
  return `
  WITH inserted AS (
    INSERT INTO ${EVENTS_TABLE} (stream, revision, event_id, type, data, metadata)
    SELECT $1::text, e.revision, e.id, e.type, e.data, e.metadata
    FROM jsonb_to_recordset($3::jsonb) AS e(revision integer, id uuid, type text, data jsonb, metadata jsonb)
    WHERE $2::integer < 0 OR EXISTS (
      SELECT 1 FROM ${EVENTS_TABLE} p
      WHERE p.stream = $1::text AND p.revision = $2::integer)
    ORDER BY e.revision
    RETURNING revision, transaction_id::text AS commit, global_position::text AS prepare
  )
  SELECT revision, commit, prepare${notify ? ", pg_notify($4::text, '') AS notified" : ''}
  FROM inserted ORDER BY revision DESC LIMIT 1`;
}

export const INSERT_EVENTS = insertEvents(false);
export const INSERT_EVENTS_AND_NOTIFY = insertEvents(true);

export const NOTIFY = `SELECT pg_notify($1::text, '')`;

/** Many new streams at once (imports, seeding): UNIQUE (stream, revision) refuses one that exists. */
export const INSERT_NEW_STREAMS = `
  INSERT INTO ${EVENTS_TABLE} (stream, revision, event_id, type, data, metadata)
  SELECT e.stream, e.revision, e.id, e.type, e.data, e.metadata
  FROM jsonb_to_recordset($1::jsonb)
    AS e(stream text, revision integer, id uuid, type text, data jsonb, metadata jsonb)
  ORDER BY e.stream, e.revision`;

/** the events of the stream from the one with id $2 on: an earlier append of the same events? */
export const READ_FROM_EVENT_ID = `
  SELECT event_id::text AS id, revision, transaction_id::text AS commit, global_position::text AS prepare
  FROM ${EVENTS_TABLE}
  WHERE stream = $1::text
    AND revision >= (SELECT revision FROM ${EVENTS_TABLE} WHERE event_id = $2::uuid AND stream = $1::text)
  ORDER BY revision LIMIT $3::integer`;

export const FIND_EVENT_STREAM = `SELECT stream FROM ${EVENTS_TABLE} WHERE event_id = $1::uuid`;

export const READ_STREAM = `
  SELECT ${SELECTED_COLUMNS} FROM ${READ_STREAM_FUNCTION}($1::text) ORDER BY revision`;

/** READ_STREAM of each of the streams $1 names, by the same function (the same plan) */
export const READ_STREAMS = `
  SELECT ${SELECTED_COLUMNS} FROM unnest($1::text[]) AS wanted(name)
    CROSS JOIN LATERAL ${READ_STREAM_FUNCTION}(wanted.name) ORDER BY stream, revision`;

/**
 * Strictly after ($1, $2) in (transaction_id, global_position) order, and only events of
 * transactions older than every transaction still running: a transaction that is still open may
 * yet commit events that sort before anything newer, so nothing at or past it is handed out.
 */
const AFTER_IN_GLOBAL_ORDER = `
  WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY transaction_id, global_position
  LIMIT $3::integer`;

export const READ_ALL = `SELECT ${SELECTED_COLUMNS} FROM ${EVENTS_TABLE} ${AFTER_IN_GLOBAL_ORDER}`;

/** READ_ALL for the transparency log: each event's position and chain hash, not its data */
export const READ_CHAIN = `
  SELECT transaction_id::text AS commit, global_position::text AS prepare, metadata->>'hash' AS hash
  FROM ${EVENTS_TABLE} ${AFTER_IN_GLOBAL_ORDER}`;

export interface ChainRow {
  commit: string;
  prepare: string;
  hash: string;
}

export interface EventRow {
  id: string;
  stream: string;
  revision: number;
  commit: string;
  prepare: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface AppendedRow {
  id?: string;
  revision: number;
  commit: string;
  prepare: string;
}
