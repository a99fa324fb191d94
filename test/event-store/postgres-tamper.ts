import { Sql } from '@recourse/database';
import { ConformanceContext } from './conformance';

/** edits the PostgreSQL adapter's table directly, as an attacker with database access would */
export function tamperWithSql(db: Sql): NonNullable<ConformanceContext['tamper']> {
  return {
    async editData(stream, revision) {
      await db.query(
        `UPDATE event_store_events SET data = jsonb_set(data, '{tampered}', 'true') WHERE stream = $1 AND revision = $2`,
        [stream, revision],
      );
    },
    async swapRevisions(stream, a, b) {
      // through a free revision: UNIQUE (stream, revision) is checked row by row
      const park = 1_000_000;
      for (const [from, to] of [
        [a, park],
        [b, a],
        [park, b],
      ]) {
        await db.query(
          'UPDATE event_store_events SET revision = $3 WHERE stream = $1 AND revision = $2',
          [stream, from, to],
        );
      }
    },
    async deleteEvent(stream, revision) {
      await db.query('DELETE FROM event_store_events WHERE stream = $1 AND revision = $2', [
        stream,
        revision,
      ]);
    },
  };
}
