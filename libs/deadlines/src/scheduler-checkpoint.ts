import { migrate, type Database } from '@recourse/database';
import { namedCheckpoint } from '@recourse/event-store';

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

/** The deadline scheduler's place in the log. */
export const schedulerCheckpoint = namedCheckpoint('deadline_scheduler_checkpoint', 'scheduler');
