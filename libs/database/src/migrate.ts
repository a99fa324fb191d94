import { Database } from './database';

export interface Migration {
  /** unique within its component, applied in the order given */
  id: string;
  /** one or more statements */
  sql: string;
}

/**
 * Applies the component's migrations that are not yet recorded in `schema_migrations`, each in
 * its own transaction. A transaction-scoped advisory lock (per schema) makes processes that start
 * together apply each migration exactly once.
 */
export async function migrate(
  db: Database,
  component: string,
  migrations: Migration[],
): Promise<void> {
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      await tx.query(
        `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':schema_migrations'))`,
        [],
      );
      await tx.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           component text NOT NULL,
           id text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now(),
           PRIMARY KEY (component, id)
         )`,
        [],
      );
      const applied = await tx.query(
        'SELECT 1 FROM schema_migrations WHERE component = $1 AND id = $2',
        [component, migration.id],
      );
      if (applied.rowCount > 0) return;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_migrations (component, id) VALUES ($1, $2)', [
        component,
        migration.id,
      ]);
    });
  }
}
