import type { Sql } from '@recourse/database';

/** Each projected case's last applied revision: how far the read models saw its stream go. */
export async function projectedRevisions(db: Sql): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: string; last_revision: number }>(
    'SELECT id::text, last_revision FROM cases',
  );
  return new Map(rows.map((row) => [row.id, row.last_revision]));
}
