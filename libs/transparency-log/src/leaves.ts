import type { Sql } from '@recourse/database';
import type { Position } from '@recourse/event-store';

/** Leaf data (event chain hashes) of logIndex start..end-1, in log order. */
export async function leavesBetween(sql: Sql, start: number, end: number): Promise<string[]> {
  const { rows } = await sql.query<{ leaf: string }>(
    'SELECT leaf FROM log_leaves WHERE log_index >= $1 AND log_index < $2 ORDER BY log_index',
    [start, end],
  );
  return rows.map((row) => row.leaf);
}

/** The logIndex of the event at this position, when the tree has reached it. */
export async function logIndexAt(sql: Sql, position: Position): Promise<number | null> {
  const { rows } = await sql.query<{ log_index: string }>(
    'SELECT log_index::text AS log_index FROM log_leaves WHERE commit = $1::numeric AND prepare = $2::numeric',
    [position.commit.toString(), position.prepare.toString()],
  );
  return rows.length ? Number(rows[0].log_index) : null;
}
