import { randomBytes } from 'node:crypto';
import { quoteIdentifier as q, type Database, type Sql } from '@recourse/database';
import { START, type EventStore, type From, type RecordedEvent } from '@recourse/event-store';
import {
  ALL_CHECKPOINT,
  applyEvents,
  applyEventsInBulk,
  BACKFILL_COUNTS,
  BULK_KEYED_TABLES,
  migrateReadModels,
  PROJECTED_TABLES,
} from '@recourse/read-models';
import { createIndexIn, indexesOf, type TableIndex } from './rebuild-indexes';

export interface RebuildProgress {
  /** events replayed so far */
  events: number;
}

export interface RebuildOptions {
  /** events per read and per transaction */
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Replays every event from the start into fresh copies of the projected tables (a scratch
 * schema, with the live tables' indexes under their names), then swaps them in atomically: in one transaction that locks the live tables against
 * the projection workers, it applies what arrived during the replay and moves the copies into the
 * live schema. Queries see the old tables until the swap commits and the new ones after.
 * Live workers keep running; what they apply after the swap is guarded by revision as always.
 */
export async function rebuildReadModels(
  db: Database,
  store: EventStore,
  options: RebuildOptions = {},
): Promise<{ events: number }> {
  const batchSize = options.batchSize ?? 2_000;
  await migrateReadModels(db);
  const live = (await db.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]
    .schema;
  const suffix = randomBytes(4).toString('hex');
  const scratch = `rebuild_${suffix}`;
  const retired = `retired_${suffix}`;
  await db.query(`CREATE SCHEMA ${q(scratch)}`);
  try {
    // the copies get the live indexes under the live names (so they keep them after the swap):
    // the keys the replay upserts by now; the others once filled, built in one pass each
    // instead of maintained row by row
    const indexes = await indexesOf(db, live, PROJECTED_TABLES);
    for (const table of PROJECTED_TABLES) {
      await db.query(
        `CREATE TABLE ${q(scratch)}.${q(table)} (LIKE ${q(live)}.${q(table)} INCLUDING ALL EXCLUDING INDEXES)`,
      );
    }
    const upsertKey = (index: TableIndex) =>
      index.unique && BULK_KEYED_TABLES.includes(index.table);
    for (const index of indexes.filter(upsertKey)) {
      await db.query(createIndexIn(scratch, index));
    }
    const progress = { events: 0 };
    const into = (tx: Sql, events: RecordedEvent[]) =>
      inScratch(tx, scratch, () => applyEventsInBulk(tx, events));
    const counted = (n: number) => {
      progress.events += n;
      options.onProgress?.({ ...progress });
    };
    const replayed = await replay(db, store, START, batchSize, into, counted);
    await db.transaction((tx) => inScratch(tx, scratch, () => tx.query(BACKFILL_COUNTS)));
    for (const index of indexes.filter((i) => !upsertKey(i))) {
      await db.query(createIndexIn(scratch, index));
    }
    // PGlite has one connection: reading the store inside the swap transaction would wait for
    // that transaction; and nothing else writes there (one process), so there is nothing to catch up
    const catchUpInSwap = db.kind === 'postgres';
    await db.transaction(async (tx) => {
      // the workers' transactions touch these tables in this order: lock them the same way
      for (const table of PROJECTED_TABLES) {
        await tx.query(`LOCK TABLE ${q(live)}.${q(table)} IN EXCLUSIVE MODE`);
      }
      if (catchUpInSwap) {
        await replayIn(store, replayed, batchSize, async (events) => {
          await inScratch(tx, scratch, () => applyEvents(tx, events, ALL_CHECKPOINT));
          progress.events += events.length;
        });
      }
      await tx.query(`SET LOCAL search_path TO ${q(live)}`);
      await tx.query(`CREATE SCHEMA ${q(retired)}`);
      for (const table of PROJECTED_TABLES) {
        await tx.query(`ALTER TABLE ${q(live)}.${q(table)} SET SCHEMA ${q(retired)}`);
        await tx.query(`ALTER TABLE ${q(scratch)}.${q(table)} SET SCHEMA ${q(live)}`);
      }
      await tx.query(`DROP SCHEMA ${q(retired)} CASCADE`);
    });
    options.onProgress?.({ ...progress });
    return { events: progress.events };
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${q(scratch)} CASCADE`);
  }
}

/** Runs `write` on the scratch tables: unqualified names resolve there for this transaction only. */
async function inScratch(tx: Sql, scratch: string, write: () => Promise<unknown>): Promise<void> {
  await tx.query(`SET LOCAL search_path TO ${q(scratch)}`);
  await write();
}

/**
 * Reads batch n+1 while batch n is applied (one transaction per batch). Returns where it stopped.
 */
async function replay(
  db: Database,
  store: EventStore,
  from: From,
  batchSize: number,
  apply: (tx: Sql, events: RecordedEvent[]) => Promise<void>,
  onApplied: (count: number) => void,
): Promise<From> {
  let position = from;
  let next = store.readAll(position, batchSize);
  for (;;) {
    const events = await next;
    if (events.length === 0) return position;
    position = events[events.length - 1].position;
    next = store.readAll(position, batchSize);
    await db.transaction((tx) => apply(tx, events));
    onApplied(events.length);
  }
}

async function replayIn(
  store: EventStore,
  from: From,
  batchSize: number,
  apply: (events: RecordedEvent[]) => Promise<void>,
): Promise<void> {
  let position = from;
  for (;;) {
    const events = await store.readAll(position, batchSize);
    if (events.length === 0) return;
    await apply(events);
    position = events[events.length - 1].position;
  }
}
