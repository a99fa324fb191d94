import { quoteIdentifier, type Sql } from '@recourse/database';
import type { Position } from './port';

/**
 * A subscriber's position in the global log, kept as one row `(name, commit, prepare, updated_at)`
 * of its own table in the read-model database. It only moves forward: several worker processes
 * may run the same subscriber.
 */
export interface NamedCheckpoint {
  read(db: Sql): Promise<Position | null>;
  /** in the caller's transaction when it is one */
  advance(db: Sql, position: Position): Promise<void>;
  /** seconds since it last advanced; null before it first does */
  ageSeconds(db: Sql): Promise<number | null>;
}

export function namedCheckpoint(table: string, name: string): NamedCheckpoint {
  const quoted = quoteIdentifier(table);
  return {
    async read(db) {
      const { rows } = await db.query<{ commit: string; prepare: string }>(
        `SELECT commit::text, prepare::text FROM ${quoted} WHERE name = $1`,
        [name],
      );
      return rows[0] ? { commit: BigInt(rows[0].commit), prepare: BigInt(rows[0].prepare) } : null;
    },
    async advance(db, position) {
      await db.query(
        `INSERT INTO ${quoted} AS c (name, commit, prepare)
         VALUES ($1, $2::numeric, $3::numeric)
         ON CONFLICT (name) DO UPDATE
           SET commit = excluded.commit, prepare = excluded.prepare, updated_at = now()
           WHERE (c.commit, c.prepare) < (excluded.commit, excluded.prepare)`,
        [name, position.commit.toString(), position.prepare.toString()],
      );
    },
    async ageSeconds(db) {
      const { rows } = await db.query<{ age: number }>(
        `SELECT extract(epoch FROM now() - updated_at)::float8 AS age FROM ${quoted} WHERE name = $1`,
        [name],
      );
      return rows[0]?.age ?? null;
    },
  };
}
