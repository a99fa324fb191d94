import { migrate, type Database, type Sql } from '@recourse/database';
import type { Position } from '@recourse/event-store';

export const DEADLINES_COMPONENT = 'deadlines';

export const DEADLINE_MIGRATIONS = [
  {
    id: '001-deadline-scheduler-checkpoint',
    sql: `
      -- the last event the deadline scheduler turned into timers (it only moves forward)
      CREATE TABLE deadline_scheduler_checkpoint (
        name text PRIMARY KEY,
        commit numeric(20) NOT NULL,
        prepare numeric(20) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

export function migrateDeadlines(db: Database): Promise<void> {
  return migrate(db, DEADLINES_COMPONENT, DEADLINE_MIGRATIONS);
}

const SCHEDULER = 'scheduler';

export async function readSchedulerCheckpoint(db: Sql): Promise<Position | null> {
  const { rows } = await db.query<{ commit: string; prepare: string }>(
    'SELECT commit::text, prepare::text FROM deadline_scheduler_checkpoint WHERE name = $1',
    [SCHEDULER],
  );
  return rows[0] ? { commit: BigInt(rows[0].commit), prepare: BigInt(rows[0].prepare) } : null;
}

/** Moves the checkpoint forward, never back (several worker processes may run a scheduler). */
export async function saveSchedulerCheckpoint(db: Sql, position: Position): Promise<void> {
  await db.query(
    `INSERT INTO deadline_scheduler_checkpoint AS c (name, commit, prepare)
     VALUES ($1, $2::numeric, $3::numeric)
     ON CONFLICT (name) DO UPDATE
       SET commit = excluded.commit, prepare = excluded.prepare, updated_at = now()
       WHERE (c.commit, c.prepare) < (excluded.commit, excluded.prepare)`,
    [SCHEDULER, position.commit.toString(), position.prepare.toString()],
  );
}
