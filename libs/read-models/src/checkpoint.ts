import type { Sql } from '@recourse/database';
import { comparePositions, type Position } from '@recourse/event-store';

/** Every event up to this checkpoint is applied (embedded runner, rebuild). */
export const ALL_CHECKPOINT = 'all';
/** Every event of partition k up to here is applied (BullMQ mode): it only moves over gap-free runs. */
export const partitionCheckpoint = (partition: number): string => `partition/${partition}`;
const HANDED = 'handed';

interface PositionRow {
  name: string;
  commit: string;
  prepare: string;
  partitions?: number | null;
}

const toPosition = (row: { commit: string; prepare: string }): Position => ({
  commit: BigInt(row.commit),
  prepare: BigInt(row.prepare),
});

const maxPosition = (a: Position | null, b: Position | null): Position | null =>
  !a ? b : !b ? a : comparePositions(a, b) >= 0 ? a : b;

/** Moves a projection checkpoint forward (never back), in the caller's transaction. */
export async function advanceCheckpoint(tx: Sql, name: string, position: Position): Promise<void> {
  await tx.query(
    `INSERT INTO projection_checkpoint AS c (name, commit, prepare) VALUES ($1, $2::numeric, $3::numeric)
     ON CONFLICT (name) DO UPDATE SET commit = excluded.commit, prepare = excluded.prepare, updated_at = now()
     WHERE (c.commit, c.prepare) < (excluded.commit, excluded.prepare)`,
    [name, position.commit.toString(), position.prepare.toString()],
  );
}

/**
 * A job's events as a run of its partition: every event of the partition after `after` (null:
 * from the start of the feed, which begins at or below the read models' watermark) up to the
 * job's last event was handed in this job.
 */
export interface PartitionRun {
  after: Position | null;
}

const ORIGIN: Position = { commit: 0n, prepare: 0n };

/**
 * Records that a run is applied, then moves the partition's checkpoint over every applied run that
 * starts at or below it, so that it never passes a run still waiting (a job in backoff, a dead
 * letter): a run applied early waits in projection_runs until the gap before it is filled.
 * Serialised per partition (several workers may apply one partition's jobs at once).
 */
export async function advanceOverRun(
  tx: Sql,
  name: string,
  run: PartitionRun,
  last: Position,
): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))', [
    `:projection_runs:${name}`,
  ]);
  const after = run.after ?? ORIGIN;
  await tx.query(
    `INSERT INTO projection_runs (name, after_commit, after_prepare, last_commit, last_prepare)
     VALUES ($1, $2::numeric, $3::numeric, $4::numeric, $5::numeric) ON CONFLICT DO NOTHING`,
    [
      name,
      after.commit.toString(),
      after.prepare.toString(),
      last.commit.toString(),
      last.prepare.toString(),
    ],
  );
  const [checkpoint, runs] = await Promise.all([
    tx.query<{ commit: string; prepare: string }>(
      'SELECT commit::text, prepare::text FROM projection_checkpoint WHERE name = $1',
      [name],
    ),
    tx.query<{
      after_commit: string;
      after_prepare: string;
      last_commit: string;
      last_prepare: string;
    }>(
      `SELECT after_commit::text, after_prepare::text, last_commit::text, last_prepare::text
         FROM projection_runs WHERE name = $1 ORDER BY after_commit, after_prepare`,
      [name],
    ),
  ]);
  let reached = checkpoint.rows[0] ? toPosition(checkpoint.rows[0]) : ORIGIN;
  const covered: string[][] = [];
  for (const row of runs.rows) {
    const from = toPosition({ commit: row.after_commit, prepare: row.after_prepare });
    if (comparePositions(from, reached) > 0) break;
    const to = toPosition({ commit: row.last_commit, prepare: row.last_prepare });
    if (comparePositions(to, reached) > 0) reached = to;
    covered.push([row.after_commit, row.after_prepare, row.last_commit, row.last_prepare]);
  }
  if (covered.length === 0) return;
  await tx.query(
    `DELETE FROM projection_runs r USING jsonb_to_recordset($2::jsonb)
       AS c(a numeric, b numeric, l numeric, m numeric)
     WHERE r.name = $1 AND r.after_commit = c.a AND r.after_prepare = c.b
       AND r.last_commit = c.l AND r.last_prepare = c.m`,
    [name, JSON.stringify(covered.map(([a, b, l, m]) => ({ a, b, l, m })))],
  );
  if (comparePositions(reached, ORIGIN) > 0) await advanceCheckpoint(tx, name, reached);
}

export interface FeederCheckpoint {
  /** the last event added to Redis */
  handed: Position;
  partitions: number;
  /** the last event added to each partition's queue */
  byPartition: Map<number, Position>;
}

export async function readFeederCheckpoint(db: Sql): Promise<FeederCheckpoint | null> {
  const { rows } = await db.query<PositionRow>(
    'SELECT name, commit::text, prepare::text, partitions FROM feeder_checkpoint',
  );
  const handed = rows.find((row) => row.name === HANDED);
  if (!handed) return null;
  const byPartition = new Map<number, Position>();
  for (const row of rows) {
    if (row.name.startsWith('partition/')) {
      byPartition.set(Number(row.name.slice('partition/'.length)), toPosition(row));
    }
  }
  return { handed: toPosition(handed), partitions: handed.partitions ?? 0, byPartition };
}

/**
 * The feeder checkpoint of the feed `epoch` (the Redis epoch marker's value), in the caller's
 * transaction. The first feeder to come with a new epoch resets it to the read models' watermark
 * (Redis lost what was handed after it) and records the feed; every other feeder of that epoch,
 * before or after, gets the checkpoint as it stands. So a feed is reset once, however many
 * feeders see it begin, and never again while it lasts.
 */
export async function adoptFeed(
  tx: Sql,
  epoch: string,
  partitions: number,
): Promise<{ checkpoint: FeederCheckpoint | null; reset: boolean }> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))', [
    ':feeder_feed',
  ]);
  const { rows } = await tx.query<{ epoch: string }>('SELECT epoch FROM feeder_feed', []);
  if (rows[0]?.epoch === epoch) return { checkpoint: await readFeederCheckpoint(tx), reset: false };
  const watermark = await currentPosition(tx);
  await clearFeederCheckpoint(tx);
  await tx.query('INSERT INTO feeder_feed (epoch) VALUES ($1)', [epoch]);
  if (!watermark) return { checkpoint: null, reset: true };
  await writeFeederCheckpoint(tx, watermark, partitions, new Map());
  return { checkpoint: { handed: watermark, partitions, byPartition: new Map() }, reset: true };
}

/**
 * Records what was just added to Redis (called only after the add succeeded) if `epoch` is still
 * the feed of record; false when a newer feed has begun (its reset must not be overwritten).
 * Holds the feed's row to the commit, so that no reset runs in between.
 */
export async function saveFeederCheckpoint(
  tx: Sql,
  epoch: string,
  handed: Position,
  partitions: number,
  byPartition: Map<number, Position>,
): Promise<boolean> {
  const feed = await tx.query('SELECT 1 FROM feeder_feed WHERE epoch = $1 FOR SHARE', [epoch]);
  if (feed.rows.length === 0) return false;
  await writeFeederCheckpoint(tx, handed, partitions, byPartition);
  return true;
}

async function writeFeederCheckpoint(
  tx: Sql,
  handed: Position,
  partitions: number,
  byPartition: Map<number, Position>,
): Promise<void> {
  const rows = [
    {
      name: HANDED,
      commit: handed.commit.toString(),
      prepare: handed.prepare.toString(),
      partitions,
    },
    ...[...byPartition].map(([k, position]) => ({
      name: partitionCheckpoint(k),
      commit: position.commit.toString(),
      prepare: position.prepare.toString(),
      partitions: null,
    })),
  ];
  await tx.query(
    `INSERT INTO feeder_checkpoint AS f (name, commit, prepare, partitions)
     SELECT name, commit, prepare, partitions FROM jsonb_to_recordset($1::jsonb)
       AS r(name text, commit numeric, prepare numeric, partitions integer)
     ON CONFLICT (name) DO UPDATE
       SET commit = excluded.commit, prepare = excluded.prepare, partitions = excluded.partitions, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

/** Forgets what was handed to Redis, and the feed (Redis lost it, or no process feeds Redis). */
export async function clearFeederCheckpoint(db: Sql): Promise<void> {
  await db.query('WITH feed AS (DELETE FROM feeder_feed) DELETE FROM feeder_checkpoint');
}

/**
 * The read models' watermark: the greatest position such that every event at or before it is
 * applied, or null when nothing is. In BullMQ mode partitions apply concurrently, so it is the
 * lowest point any partition with events still in Redis has reached (partitions with nothing
 * pending are complete up to what the feeder handed over).
 */
export async function currentPosition(db: Sql): Promise<Position | null> {
  const [applied, feeder] = await Promise.all([
    db.query<PositionRow>('SELECT name, commit::text, prepare::text FROM projection_checkpoint'),
    readFeederCheckpoint(db),
  ]);
  const appliedByName = new Map(applied.rows.map((row) => [row.name, toPosition(row)]));
  const all = appliedByName.get(ALL_CHECKPOINT) ?? null;
  if (!feeder) return all;
  let watermark: Position = feeder.handed;
  for (let k = 0; k < feeder.partitions; k++) {
    const handed = feeder.byPartition.get(k);
    const reached = maxPosition(appliedByName.get(partitionCheckpoint(k)) ?? null, all);
    if (!handed || (reached && comparePositions(reached, handed) >= 0)) continue;
    if (!reached) return all;
    if (comparePositions(reached, watermark) < 0) watermark = reached;
  }
  return maxPosition(watermark, all);
}

/**
 * Seconds since each projection checkpoint (`all`, `partition/<k>`) and the feeder's hand-over
 * point last advanced, named `projection/<name>` and `feeder`.
 */
export async function checkpointAges(db: Sql): Promise<{ checkpoint: string; seconds: number }[]> {
  const { rows } = await db.query<{ checkpoint: string; seconds: number }>(
    `SELECT 'projection/' || name AS checkpoint, extract(epoch FROM now() - updated_at)::float8 AS seconds
       FROM projection_checkpoint
     UNION ALL
     SELECT 'feeder', extract(epoch FROM now() - updated_at)::float8
       FROM feeder_checkpoint WHERE name = $1`,
    [HANDED],
  );
  return rows;
}

/** The channel notified whenever a batch of events is applied in this database schema. */
export async function readModelsChannel(db: Sql): Promise<string> {
  const { rows } = await db.query<{ channel: string }>(
    `SELECT 'read_models_' || current_schema() AS channel`,
    [],
  );
  return rows[0].channel;
}
