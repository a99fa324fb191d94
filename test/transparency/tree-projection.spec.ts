import { generateKeyPairSync } from 'node:crypto';
import { openDatabase, type Database } from '@recourse/database';
import { KurrentEventStore, openEventStore, type EventStore } from '@recourse/event-store';
import { noteSigner } from '@recourse/transparency';
import {
  latestCheckpoint,
  merkleTreeOf,
  migrateTransparencyLog,
  readTreeHead,
  signCheckpoint,
  TreeProjector,
  checkpointsAfter,
} from '@recourse/transparency-log';
import { eventually } from '../support/eventually';
import { openTestDatabase } from '../support/database';
import { appendMixedEvents, readEverything, treeOfEvents } from './support';

interface Adapter {
  db: Database;
  store: EventStore;
  close(): Promise<void>;
}

const adapters: [string, () => Promise<Adapter>][] = [
  [
    'PostgreSQL',
    async () => {
      const db = await openTestDatabase({ maxConnections: 10 });
      const store = await openEventStore({ database: db });
      return { db, store, close: async () => (await store.close(), await db.close()) };
    },
  ],
  [
    'PGlite',
    async () => {
      const db = await openDatabase({ dataDir: 'memory://' });
      const store = await openEventStore({ database: db });
      return { db, store, close: async () => (await store.close(), await db.close()) };
    },
  ],
];
if (process.env.EVENTSTORE_URL) {
  const url = process.env.EVENTSTORE_URL;
  adapters.push([
    'KurrentDB',
    async () => {
      const db = await openTestDatabase();
      const store = KurrentEventStore.connect(url);
      return { db, store, close: async () => (await store.close(), await db.close()) };
    },
  ]);
}

const BATCH = { batchSize: 7, batchWaitMs: 5 };

describe.each(adapters)('the log tree as a projection (%s)', (_name, open) => {
  let adapter: Adapter;
  const running: TreeProjector[] = [];

  beforeEach(async () => {
    appended = 0;
    adapter = await open();
    await migrateTransparencyLog(adapter.db);
  });
  afterEach(async () => {
    for (const projector of running.splice(0)) await projector.stop();
    await adapter.close();
  });

  const project = (): TreeProjector => {
    const projector = new TreeProjector(adapter.db, adapter.store, BATCH);
    projector.start();
    running.push(projector);
    return projector;
  };

  let appended = 0;
  const append = async (count: number): Promise<void> => {
    await appendMixedEvents(adapter.store, count);
    appended += count;
  };

  /**
   * Waits until the tree holds every event appended so far, and returns them as the store reads
   * them (PostgreSQL shows an event once no older transaction is still open, so that may lag).
   */
  async function caughtUp() {
    await eventually(async () => (await readTreeHead(adapter.db)).size === appended);
    return eventually(async () => {
      const events = await readEverything(adapter.store);
      return events.length === appended && events;
    });
  }

  it('has every event as a leaf in global order, with the roots of a tree built from scratch', async () => {
    project();
    await append(20);
    await caughtUp();
    await append(23);
    const events = await caughtUp();
    const reference = treeOfEvents(events);
    const tree = merkleTreeOf(adapter.db);
    for (const size of [0, 1, 2, 3, 20, 21, 32, 33, 42, 43]) {
      expect((await tree.root(size)).toString('hex')).toBe(
        (await reference.root(size)).toString('hex'),
      );
    }
    const { rows } = await adapter.db.query<{ leaf: string }>(
      'SELECT leaf FROM log_leaves ORDER BY log_index',
    );
    expect(rows.map((r) => r.leaf)).toEqual(events.map((e) => e.metadata.hash));
    const proof = await tree.inclusionProof(17, 43);
    expect(proof.hashes).toEqual((await reference.inclusionProof(17, 43)).hashes);
  });

  it('two projectors at once append each event exactly once', async () => {
    await append(15);
    project();
    project();
    await append(15);
    const events = await caughtUp();
    const { rows } = await adapter.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM log_leaves',
    );
    expect(Number(rows[0].n)).toBe(events.length);
    expect(
      (await merkleTreeOf(adapter.db).root(30)).equals(await treeOfEvents(events).root(30)),
    ).toBe(true);
  });

  it('a rebuild from the store yields the same roots as every signed checkpoint', async () => {
    const signer = noteSigner('recourse.test/log', generateKeyPairSync('ed25519').privateKey);
    const projector = project();
    await append(9);
    await caughtUp();
    await signCheckpoint(adapter.db, signer);
    await append(12);
    await caughtUp();
    await signCheckpoint(adapter.db, signer);
    await projector.stop();
    const signed = await adapter.db.query<{ size: string; root: string }>(
      `SELECT tree_size::text AS size, encode(root, 'hex') AS root FROM log_checkpoints ORDER BY tree_size`,
    );
    expect(signed.rows.map((r) => Number(r.size))).toEqual([9, 21]);

    await adapter.db.query('TRUNCATE log_leaves, log_tree_nodes, log_tree_head');
    project();
    await caughtUp();
    const tree = merkleTreeOf(adapter.db);
    for (const row of signed.rows) {
      expect((await tree.root(Number(row.size))).toString('hex')).toBe(row.root);
    }
  });

  it('signs only when the tree grew, and never two roots for one size', async () => {
    const one = noteSigner('recourse.test/log', generateKeyPairSync('ed25519').privateKey);
    const two = noteSigner('recourse.test/log', generateKeyPairSync('ed25519').privateKey);
    project();
    await append(5);
    await caughtUp();
    const sizes = await Promise.all([
      signCheckpoint(adapter.db, one),
      signCheckpoint(adapter.db, two),
    ]);
    expect(sizes.filter((s) => s !== null)).toEqual([5]);
    expect(await signCheckpoint(adapter.db, one)).toBeNull();
    const all = await checkpointsAfter(adapter.db, -1, 10);
    expect(all.map((c) => c.treeSize)).toEqual([5]);
    expect((await latestCheckpoint(adapter.db))!.note).toMatch(/^recourse\.test\/log\n5\n/);
  });
});
