import type { Sql } from '@recourse/database';

/** Where a page of cases ended: the next page starts after it. */
export interface DueCursor {
  nextDue: string;
  id: string;
}

/**
 * Cases of the read model with a clock that falls due by `until` and is not recorded missed: the
 * projection keeps next_due from the domain's runningClocks. Most urgent first; `after` pages on.
 * The caller reads the stream for the revision that names the deadline.
 */
export async function casesWithDeadlinesDueBy(
  db: Sql,
  until: Date,
  limit: number,
  after?: DueCursor,
): Promise<DueCursor[]> {
  const { rows } = await db.query<{ id: string; next_due: string }>(
    `SELECT id::text AS id, to_json(next_due) #>> '{}' AS next_due FROM cases
      WHERE next_due <= $1 AND (next_due, id) > ($3::timestamptz, $4::uuid)
      ORDER BY next_due, id LIMIT $2`,
    [
      until.toISOString(),
      limit,
      after?.nextDue ?? '-infinity',
      after?.id ?? '00000000-0000-0000-0000-000000000000',
    ],
  );
  return rows.map((row) => ({ id: row.id, nextDue: row.next_due }));
}
