import type { Database, Sql } from '@recourse/database';
import { checkpointBody, type NoteSigner } from '@recourse/transparency';
import { merkleTreeOf, readTreeHead } from './tree-store';

export interface StoredCheckpoint {
  treeSize: number;
  /** the signed note, as served */
  note: string;
  verifierKey: string;
  signedAt: string;
}

/**
 * Signs the tree as it is now if it has grown since the last checkpoint (or none exists). The
 * primary key on tree_size keeps the first checkpoint of a size: a second signer racing for the
 * same size inserts nothing, so no size ever has two roots. Returns the new size, or null.
 */
export async function signCheckpoint(db: Database, signer: NoteSigner): Promise<number | null> {
  return db.transaction(async (tx) => {
    const head = await readTreeHead(tx);
    const latest = await latestCheckpoint(tx);
    if (latest && latest.treeSize >= head.size) return null;
    const root = await merkleTreeOf(tx).root(head.size);
    const note = signer.sign(checkpointBody(signer.name, head.size, root));
    const inserted = await tx.query(
      `INSERT INTO log_checkpoints (tree_size, root, note, verifier_key)
       VALUES ($1, decode($2, 'hex'), $3, $4) ON CONFLICT (tree_size) DO NOTHING`,
      [head.size, root.toString('hex'), note, signer.verifierKey],
    );
    return inserted.rowCount > 0 ? head.size : null;
  });
}

const CHECKPOINT_COLUMNS = `tree_size::text AS tree_size, note, verifier_key,
  to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS signed_at`;

interface CheckpointRow {
  tree_size: string;
  note: string;
  verifier_key: string;
  signed_at: string;
}

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  treeSize: Number(row.tree_size),
  note: row.note,
  verifierKey: row.verifier_key,
  signedAt: row.signed_at,
});

export async function latestCheckpoint(sql: Sql): Promise<StoredCheckpoint | null> {
  const { rows } = await sql.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints ORDER BY log_checkpoints.tree_size DESC LIMIT 1`,
  );
  return rows.length ? toCheckpoint(rows[0]) : null;
}

/** Checkpoints after the given size, oldest first. */
export async function checkpointsAfter(
  sql: Sql,
  afterSize: number,
  limit: number,
): Promise<StoredCheckpoint[]> {
  const { rows } = await sql.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints WHERE tree_size > $1
     ORDER BY log_checkpoints.tree_size LIMIT $2`,
    [afterSize, limit],
  );
  return rows.map(toCheckpoint);
}
