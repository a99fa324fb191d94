import { randomUUID } from 'node:crypto';
import {
  NewEvent,
  PostgresEventStore,
  StreamNotFound,
  verifyChain,
  WrongExpectedRevision,
} from '@recourse/event-store';
import { openTestDatabase } from '../support/database';
import { eventStoreConformance } from './conformance';
import { tamperWithSql } from './postgres-tamper';

eventStoreConformance('PostgreSQL', { lateCommit: true, tampering: true }, async () => {
  const db = await openTestDatabase({ maxConnections: 24 });
  const store = await PostgresEventStore.create(db);
  return {
    store,
    tamper: tamperWithSql(db),
    async appendHeldOpen(stream: string, events: NewEvent[]) {
      let commit!: () => void;
      const committing = new Promise<void>((resolve) => (commit = resolve));
      let appended!: () => void;
      const inserted = new Promise<void>((resolve) => (appended = resolve));
      const transaction = db.transaction(async (tx) => {
        await store.appendToStreamIn(tx, stream, events, 'no-stream');
        appended();
        await committing;
      });
      await Promise.race([inserted, transaction]);
      return {
        commit: async () => {
          commit();
          await transaction;
        },
      };
    },
    async close() {
      await store.close();
      await db.close();
    },
  };
});

describe('PostgreSQL subscription woken while the snapshot xmin is held back', () => {
  const event = (id: string): NewEvent => ({
    id,
    type: 'Held',
    data: {},
    metadata: { actor: { id: 't', role: 'system' }, occurredAt: '2026-11-28T00:00:00.000Z' },
  });

  it('delivers the event as soon as it becomes visible, without waiting for the next poll', async () => {
    const db = await openTestDatabase({ maxConnections: 4 });
    // a poll far longer than the test's timeout: only the wake-up can deliver in time
    const store = await PostgresEventStore.create(db, { subscriptionPollMs: 600_000 });
    const stop = new AbortController();
    try {
      const warmUp = event('6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
      const held = event('0b9a8f6e-3c1d-4f5e-9a7b-2c4d6e8f0a1b');
      const received: string[] = [];
      let listening!: () => void;
      const subscribed = new Promise<void>((resolve) => (listening = resolve));
      const subscription = (async () => {
        for await (const recorded of store.subscribeToAll('start', { signal: stop.signal })) {
          received.push(recorded.id);
          if (recorded.id === warmUp.id) listening();
          else stop.abort();
        }
      })();
      // once the warm-up arrives, the subscriber is listening for wake-ups
      await store.appendToStream('held-0', [warmUp], 'no-stream');
      await subscribed;

      // an unrelated transaction with an id keeps every later append below the visible horizon
      let release!: () => void;
      const holding = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const begun = new Promise<void>((resolve) => (started = resolve));
      const blocker = db.transaction(async (tx) => {
        await tx.query('SELECT pg_current_xact_id()');
        started();
        await holding;
      });
      await begun;
      await store.appendToStream('held-1', [held], 'no-stream');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toEqual([warmUp.id]);
      release(); // commits without NOTIFY: nothing else will wake the subscriber
      await blocker;
      await subscription;
      expect(received).toEqual([warmUp.id, held.id]);
    } finally {
      stop.abort();
      await store.close();
      await db.close();
    }
  }, 15_000);
});

describe('PostgreSQL appendNewStreams (seeding and imports)', () => {
  const event = (n: number): NewEvent => ({
    id: randomUUID(),
    type: 'Seeded',
    data: { n },
    metadata: { actor: { id: 't', role: 'system' }, occurredAt: '2026-11-28T00:00:00.000Z' },
  });

  it('appends many new streams in one statement, each chained as appendToStream would', async () => {
    const db = await openTestDatabase();
    const store = await PostgresEventStore.create(db);
    try {
      const a = `case-${randomUUID()}`;
      const b = `case-${randomUUID()}`;
      const c = `case-${randomUUID()}`;
      await store.appendNewStreams([
        { stream: a, events: [event(1), event(2), event(3)] },
        { stream: b, events: [event(4)] },
      ]);
      await store.appendToStream(c, [event(1), event(2), event(3)], 'no-stream');
      const seeded = await store.readStream(a);
      expect(seeded.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(verifyChain(a, seeded).verified).toBe(true);
      expect(verifyChain(b, await store.readStream(b)).verified).toBe(true);
      expect(verifyChain(c, await store.readStream(c)).verified).toBe(true);
      // the stream continues normally after a bulk append
      await store.appendToStream(a, [event(5)], 2);
      expect(verifyChain(a, await store.readStream(a)).verified).toBe(true);

      // one stream that exists refuses the whole batch
      const d = `case-${randomUUID()}`;
      await expect(
        store.appendNewStreams([
          { stream: d, events: [event(6)] },
          { stream: b, events: [event(7)] },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedRevision);
      await expect(store.readStream(d)).rejects.toBeInstanceOf(StreamNotFound);
    } finally {
      await store.close();
      await db.close();
    }
  });
});

describe('PostgreSQL stream reads', () => {
  it('go through the (stream, revision) index even when the planner would rather scan the table', async () => {
    const db = await openTestDatabase();
    const store = await PostgresEventStore.create(db);
    try {
      const stream = `case-${randomUUID()}`;
      const seeded = (n: number): NewEvent => ({
        id: randomUUID(),
        type: 'Seeded',
        data: { n },
        metadata: { actor: { id: 't', role: 'system' }, occurredAt: '2026-11-28T00:00:00.000Z' },
      });
      await store.appendNewStreams([{ stream, events: [seeded(1), seeded(2), seeded(3)] }]);
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);

      // the plan of the read function's query, under prices that make the table scan look
      // cheapest (what a planner without statistics may conclude), with or without its settings
      const { rows } = await db.query<{ body: string; settings: string[] }>(
        `SELECT prosrc AS body, proconfig AS settings FROM pg_proc
          WHERE proname = 'event_store_read_stream'
            AND pronamespace = current_schema()::regnamespace`,
      );
      const [{ body, settings }] = rows;
      const plan = (withSettings: boolean) =>
        db.transaction(async (tx) => {
          await tx.query('SET LOCAL random_page_cost = 1000000');
          await tx.query('SET LOCAL cpu_index_tuple_cost = 1000000');
          for (const setting of withSettings ? settings : []) {
            const [name, value] = setting.split('=');
            await tx.query(`SET LOCAL ${name} = ${value}`);
          }
          const explained = await tx.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN ${body.replace('stream_name', `'${stream}'`)}`,
          );
          return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
        });
      expect(await plan(false)).toMatch(/Seq Scan/);
      expect(await plan(true)).toMatch(/Index Scan using event_store_events_stream_revision/);
    } finally {
      await store.close();
      await db.close();
    }
  });
});
