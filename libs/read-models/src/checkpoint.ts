import type { Sql } from '@recourse/database';
import { comparePositions, type Position } from '@recourse/event-store';

/** Every event up to this checkpoint is applied (embedded runner, rebuild). */
export const ALL_CHECKPOINT = 'all';
/** The last event partition k's worker applied (BullMQ mode). */
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

/** Records what was just added to Redis; called only after the add succeeded. */
export async function saveFeederCheckpoint(
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

/** Forgets what was handed to Redis (Redis lost it, or the process no longer feeds Redis). */
export async function clearFeederCheckpoint(db: Sql): Promise<void> {
  await db.query('DELETE FROM feeder_checkpoint');
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
