import { migrate, type Database } from '@recourse/database';

/**
 * The tree is a projection of the event store kept in the read-model database: the leaves (the
 * events' chain hashes in global order), every complete subtree's hash above them, the head (size and the
 * store position it covers, moved in the same transaction), and every checkpoint ever signed.
 * Complete subtrees never change once written, so a root or proof of any size reads a few rows.
 */
export const TRANSPARENCY_LOG_MIGRATIONS = [
  {
    id: '001-log-tree',
    sql: `
      CREATE TABLE log_leaves (
        log_index bigint PRIMARY KEY,
        commit numeric NOT NULL,
        prepare numeric NOT NULL,
        -- the event's chain hash, 64 lowercase hex characters: the leaf data
        leaf text NOT NULL
      );
      CREATE UNIQUE INDEX log_leaves_position_idx ON log_leaves (commit, prepare);
      CREATE TABLE log_tree_nodes (
        level smallint NOT NULL,
        idx bigint NOT NULL,
        hash bytea NOT NULL,
        PRIMARY KEY (level, idx)
      );
      CREATE TABLE log_tree_head (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        size bigint NOT NULL,
        commit numeric NOT NULL,
        prepare numeric NOT NULL
      );
      -- one checkpoint per size, ever: two signers can never publish two roots for one size
      CREATE TABLE log_checkpoints (
        tree_size bigint PRIMARY KEY,
        root bytea NOT NULL,
        note text NOT NULL,
        verifier_key text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    // a leaf's node is hashed from log_leaves when read: one row fewer written per event
    id: '002-leaf-nodes-from-leaves',
    sql: `DELETE FROM log_tree_nodes WHERE level = 0;`,
  },
];

export async function migrateTransparencyLog(db: Database): Promise<void> {
  await migrate(db, 'transparency-log', TRANSPARENCY_LOG_MIGRATIONS);
}
