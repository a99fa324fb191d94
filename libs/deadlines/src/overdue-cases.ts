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

/** Where a page of ended cases stopped: the next page starts after it. */
export interface EndedCursor {
  endedAt: string;
  id: string;
}

/**
 * Ended cases whose personal data awaits retention, of subjects whose every case has ended and
 * whose cases not yet erased all ended by `endedBy` (retentionEndedBy of the moment looked at):
 * those retention may erase now. A subject with an open case, or a case ended later, is left
 * out: the timer of the case that ends last comes for them. Oldest first; `after` pages on.
 */
export async function casesAwaitingRetention(
  db: Sql,
  endedBy: Date,
  limit: number,
  after?: EndedCursor,
): Promise<EndedCursor[]> {
  const { rows } = await db.query<{ id: string; ended_at: string }>(
    `SELECT id::text AS id, to_json(ended_at) #>> '{}' AS ended_at FROM cases c
      WHERE ended_at IS NOT NULL AND NOT personal_data_erased AND ended_at <= $1
        AND (ended_at, id) > ($3::timestamptz, $4::uuid)
        AND NOT EXISTS (
          SELECT 1 FROM cases o
           WHERE o.owner_id = c.owner_id
             AND (o.ended_at IS NULL OR (o.ended_at > $1 AND NOT o.personal_data_erased)))
      ORDER BY ended_at, id LIMIT $2`,
    [
      endedBy.toISOString(),
      limit,
      after?.endedAt ?? '-infinity',
      after?.id ?? '00000000-0000-0000-0000-000000000000',
    ],
  );
  return rows.map((row) => ({ id: row.id, endedAt: row.ended_at }));
}
