import type { Sql } from '@recourse/database';

/**
 * Cases of the read model with a clock that falls due by `until` and is not recorded missed: the
 * projection keeps next_due from the domain's runningClocks. The caller reads the stream for the
 * revision that names the deadline.
 */
export async function casesWithDeadlinesDueBy(
  db: Sql,
  until: Date,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM cases WHERE next_due <= $1 ORDER BY next_due, id LIMIT $2`,
    [until.toISOString(), limit],
  );
  return rows.map((row) => row.id);
}
