import type { Sql } from '@recourse/database';
import type { Position, RecordedEvent } from '@recourse/event-store';
import {
  appendLeaves,
  frontierOf,
  MerkleTree,
  type NodeId,
  type NodeReader,
  type StoredNode,
} from '@recourse/transparency';

/** Reads complete subtrees from log_tree_nodes: one statement per root or proof. */
export class SqlNodeReader implements NodeReader {
  constructor(private readonly sql: Sql) {}

  async readNodes(nodes: readonly NodeId[]): Promise<StoredNode[]> {
    if (nodes.length === 0) return [];
    const { rows } = await this.sql.query<{ level: number; idx: string; hash: string }>(
      `SELECT n.level, n.idx::text AS idx, encode(n.hash, 'hex') AS hash
         FROM unnest($1::smallint[], $2::bigint[]) AS wanted(level, idx)
         JOIN log_tree_nodes n ON n.level = wanted.level AND n.idx = wanted.idx`,
      [nodes.map((n) => n.level), nodes.map((n) => String(n.index))],
      { prepare: 'log-read-nodes' },
    );
    return rows.map((row) => ({
      level: Number(row.level),
      index: Number(row.idx),
      hash: Buffer.from(row.hash, 'hex'),
    }));
  }
}

/** Stores complete subtrees (one statement). */
export async function insertNodes(sql: Sql, nodes: readonly StoredNode[]): Promise<void> {
  await sql.query(
    `INSERT INTO log_tree_nodes (level, idx, hash)
     SELECT level, idx, decode(hash, 'hex') FROM unnest($1::smallint[], $2::bigint[], $3::text[]) AS n(level, idx, hash)`,
    [
      nodes.map((n) => n.level),
      nodes.map((n) => String(n.index)),
      nodes.map((n) => n.hash.toString('hex')),
    ],
    { prepare: 'log-insert-nodes' },
  );
}

export const merkleTreeOf = (sql: Sql): MerkleTree => new MerkleTree(new SqlNodeReader(sql));

export interface TreeHead {
  size: number;
  /** the store position of the last leaf; null for the empty tree */
  position: Position | null;
}

export async function readTreeHead(sql: Sql, lock = false): Promise<TreeHead> {
  const { rows } = await sql.query<{ size: string; commit: string; prepare: string }>(
    `SELECT size::text AS size, commit::text AS commit, prepare::text AS prepare
       FROM log_tree_head${lock ? ' FOR UPDATE' : ''}`,
  );
  if (rows.length === 0) return { size: 0, position: null };
  const [row] = rows;
  return {
    size: Number(row.size),
    position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
  };
}

const after = (event: RecordedEvent, position: Position | null): boolean =>
  position === null ||
  event.position.commit > position.commit ||
  (event.position.commit === position.commit && event.position.prepare > position.prepare);

/**
 * Appends the events (a run of the global order) as leaves, in the caller's transaction. The
 * head row is locked first, so processes appending at once take turns; events the head already
 * covers are skipped, so a run that overlaps what another process appended adds only the rest.
 * Returns the tree size after.
 */
export async function appendToTree(tx: Sql, events: readonly RecordedEvent[]): Promise<number> {
  await tx.query(
    `INSERT INTO log_tree_head (size, commit, prepare) VALUES (0, -1, -1) ON CONFLICT DO NOTHING`,
  );
  const head = await readTreeHead(tx, true);
  const fresh = events.filter((event) => after(event, head.size === 0 ? null : head.position));
  if (fresh.length === 0) return head.size;
  const frontier = await new SqlNodeReader(tx).readNodes(frontierOf(head.size));
  const leaves = fresh.map((event) => Buffer.from(event.metadata.hash, 'ascii'));
  const nodes = appendLeaves(head.size, frontier, leaves);
  await insertNodes(tx, nodes);
  await tx.query(
    `INSERT INTO log_leaves (log_index, commit, prepare, leaf)
     SELECT * FROM unnest($1::bigint[], $2::numeric[], $3::numeric[], $4::text[])`,
    [
      fresh.map((_, i) => String(head.size + i)),
      fresh.map((e) => e.position.commit.toString()),
      fresh.map((e) => e.position.prepare.toString()),
      fresh.map((e) => e.metadata.hash),
    ],
    { prepare: 'log-insert-leaves' },
  );
  const last = fresh[fresh.length - 1].position;
  const size = head.size + fresh.length;
  await tx.query(
    `UPDATE log_tree_head SET size = $1, commit = $2::numeric, prepare = $3::numeric`,
    [size, last.commit.toString(), last.prepare.toString()],
  );
  return size;
}
