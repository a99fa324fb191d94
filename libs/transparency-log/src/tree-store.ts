import type { Sql } from '@recourse/database';
import { comparePositions, type ChainLink, type Position } from '@recourse/event-store';
import {
  appendLeaves,
  frontierAfter,
  frontierOf,
  leafHash,
  MerkleTree,
  type NodeId,
  type NodeReader,
  type StoredNode,
} from '@recourse/transparency';

/**
 * Reads complete subtrees: one statement per root or proof. A leaf's node (level 0) is not stored
 * twice: it is hashed from log_leaves, so appending writes one row fewer per event.
 */
export class SqlNodeReader implements NodeReader {
  constructor(private readonly sql: Sql) {}

  async readNodes(nodes: readonly NodeId[]): Promise<StoredNode[]> {
    if (nodes.length === 0) return [];
    const inner = nodes.filter((n) => n.level > 0);
    const { rows } = await this.sql.query<{ level: number; idx: string; hash: Buffer }>(
      `SELECT n.level, n.idx::text AS idx, n.hash
         FROM unnest($1::smallint[], $2::bigint[]) AS wanted(level, idx)
         JOIN log_tree_nodes n ON n.level = wanted.level AND n.idx = wanted.idx
       UNION ALL
       SELECT 0, log_index::text, convert_to(leaf, 'UTF8')
         FROM log_leaves WHERE log_index = ANY($3::bigint[])`,
      [
        inner.map((n) => n.level),
        inner.map((n) => String(n.index)),
        nodes.filter((n) => n.level === 0).map((n) => String(n.index)),
      ],
      { prepare: 'log-read-nodes' },
    );
    return rows.map((row) => ({
      level: Number(row.level),
      index: Number(row.idx),
      // a leaf's row holds its data (the event's chain hash), which the leaf node is the hash of
      hash: Number(row.level) === 0 ? leafHash(row.hash) : Buffer.from(row.hash),
    }));
  }
}

/** Stores complete subtrees above the leaves (one statement); leaves go to log_leaves. */
export async function insertNodes(sql: Sql, nodes: readonly StoredNode[]): Promise<void> {
  await sql.query(
    `INSERT INTO log_tree_nodes (level, idx, hash)
     SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
    nodeColumns(nodes),
    { prepare: 'log-insert-nodes' },
  );
}

const nodeColumns = (nodes: readonly StoredNode[]) => {
  const inner = nodes.filter((n) => n.level > 0);
  return [inner.map((n) => n.level), inner.map((n) => String(n.index)), inner.map((n) => n.hash)];
};

export const merkleTreeOf = (sql: Sql): MerkleTree => new MerkleTree(new SqlNodeReader(sql));

export interface TreeHead {
  size: number;
  /** the store position of the last leaf; null for the empty tree */
  position: Position | null;
}

export async function readTreeHead(sql: Sql): Promise<TreeHead> {
  const { rows } = await sql.query<{ size: string; commit: string; prepare: string }>(
    `SELECT size::text AS size, commit::text AS commit, prepare::text AS prepare FROM log_tree_head`,
  );
  // an empty tree may have a head row (size 0, no position) left by an earlier version
  if (rows.length === 0 || rows[0].size === '0') return { size: 0, position: null };
  const [row] = rows;
  return {
    size: Number(row.size),
    position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
  };
}

/** The tree's right edge: its head and frontier, all that appending to it needs. */
export interface TreeEdge {
  head: TreeHead;
  frontier: StoredNode[];
}

export async function readTreeEdge(sql: Sql): Promise<TreeEdge> {
  const head = await readTreeHead(sql);
  const wanted = frontierOf(head.size);
  // rows come in no particular order (a join, then the leaves), the frontier in frontierOf's:
  // out of order, appending to it failed ("frontier does not match a tree of size N"), which
  // showed with two workers, where one re-reads the edge whenever the other appended first
  const byId = new Map(
    (await new SqlNodeReader(sql).readNodes(wanted)).map((node) => [
      `${node.level}/${node.index}`,
      node,
    ]),
  );
  const frontier = wanted.flatMap((id) => byId.get(`${id.level}/${id.index}`) ?? []);
  return { head, frontier };
}

/**
 * Moves the head from the size the appender read to the new one, and only then stores the leaves
 * and nodes: all in one statement, so one round trip and one commit. The head's row lock makes
 * appenders take turns; one whose size is stale moves nothing and stores nothing.
 */
const moveHeadThenStore = (head: string): string => `
  WITH head AS (${head}),
  nodes AS (
    INSERT INTO log_tree_nodes (level, idx, hash)
    SELECT * FROM unnest($4::smallint[], $5::bigint[], $6::bytea[]) WHERE EXISTS (SELECT FROM head)
  ),
  leaves AS (
    INSERT INTO log_leaves (log_index, commit, prepare, leaf)
    SELECT $7::bigint + leaf.n - 1, leaf.commit, leaf.prepare, leaf.hash
      FROM unnest($8::numeric[], $9::numeric[], $10::text[]) WITH ORDINALITY
        AS leaf(commit, prepare, hash, n)
     WHERE EXISTS (SELECT FROM head)
  )
  SELECT count(*)::int AS moved FROM head`;

/** a head row may be missing (a new or truncated tree) or at size 0 (an earlier version's) */
const APPEND_TO_EMPTY = moveHeadThenStore(`
  INSERT INTO log_tree_head AS h (size, commit, prepare) VALUES ($1, $2::numeric, $3::numeric)
  ON CONFLICT (one) DO UPDATE SET size = excluded.size, commit = excluded.commit, prepare = excluded.prepare
  WHERE h.size = 0
  RETURNING size`);
const APPEND = moveHeadThenStore(`
  UPDATE log_tree_head SET size = $1, commit = $2::numeric, prepare = $3::numeric
  WHERE size = $7::bigint
  RETURNING size`);

const after = (link: ChainLink, position: Position | null): boolean =>
  position === null || comparePositions(link.position, position) > 0;

/**
 * Appends the links (a run of the global order) as leaves onto the edge the caller last saw, in
 * one statement; links the edge already covers are skipped. Returns the edge after, or null when
 * another process moved the head first: read the edge again (readTreeEdge) and call again.
 */
export async function appendToTree(
  sql: Sql,
  edge: TreeEdge,
  links: readonly ChainLink[],
): Promise<TreeEdge | null> {
  const fresh = links.filter((link) => after(link, edge.head.position));
  if (fresh.length === 0) return edge;
  const { size } = edge.head;
  const created = appendLeaves(
    size,
    edge.frontier,
    fresh.map((link) => Buffer.from(link.hash, 'ascii')),
  );
  const last = fresh[fresh.length - 1].position;
  const head = { size: size + fresh.length, position: last };
  const { rows } = await sql.query<{ moved: number }>(
    size === 0 ? APPEND_TO_EMPTY : APPEND,
    [
      head.size,
      last.commit.toString(),
      last.prepare.toString(),
      ...nodeColumns(created),
      size,
      fresh.map((link) => link.position.commit.toString()),
      fresh.map((link) => link.position.prepare.toString()),
      fresh.map((link) => link.hash),
    ],
    { prepare: size === 0 ? 'log-append-to-empty' : 'log-append' },
  );
  if (rows[0].moved === 0) return null;
  return { head, frontier: frontierAfter(head.size, edge.frontier, created) };
}
