import type { Sql } from '@recourse/database';
import {
  comparePositions,
  START,
  type EventStore,
  type From,
  type Position,
} from '@recourse/event-store';
import { readTreeHead } from './tree-store';

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

/**
 * The logIndex of the first event after `from` (START: 0): the leaf after it when the tree has
 * reached it, otherwise the tree's size plus the events between its head and `from`. Undefined
 * when `from` is behind the tree's head yet no leaf is there: not an event's position.
 */
export async function logIndexAfter(
  db: Sql,
  store: EventStore,
  from: From,
): Promise<number | undefined> {
  if (from === START) return 0;
  const at = await logIndexAt(db, from);
  if (at !== null) return at + 1;
  const head = await readTreeHead(db);
  if (head.position && comparePositions(from, head.position) <= 0) return undefined;
  let count = head.size;
  for (let position: From = head.position ?? START; ;) {
    const batch = await store.readAll(position, 1000);
    for (const event of batch) {
      count += 1;
      const order = comparePositions(event.position, from);
      if (order === 0) return count;
      if (order > 0) return undefined;
    }
    if (batch.length === 0) return undefined;
    position = batch[batch.length - 1].position;
  }
}
