import { randomUUID } from 'node:crypto';
import {
  AppendResult,
  ChainLink,
  comparePositions,
  EventStore,
  ExpectedRevision,
  From,
  NewEvent,
  Position,
  RecordedEvent,
  StreamNotFound,
  verifyChain,
  WrongExpectedRevision,
} from '@recourse/event-store';

/** What an adapter's spec hands the suite; the optional parts exist only where they can. */
export interface ConformanceContext {
  store: EventStore;
  /** edits stored events behind the store's back (PostgreSQL: plain SQL) */
  tamper?: {
    editData(stream: string, revision: number): Promise<void>;
    swapRevisions(stream: string, a: number, b: number): Promise<void>;
    deleteEvent(stream: string, revision: number): Promise<void>;
  };
  /** appends in a transaction that stays open until commit() (PostgreSQL with 2+ connections) */
  appendHeldOpen?(stream: string, events: NewEvent[]): Promise<{ commit(): Promise<void> }>;
  close(): Promise<void>;
}

const WAIT_FOR_EVENTS_MS = 10_000;

function newStream(): string {
  return `case-${randomUUID()}`;
}

function newEvent(data: Record<string, unknown> = {}, type = 'NoteAdded'): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: { id: 'u1', role: 'citizen' },
      occurredAt: new Date().toISOString(),
      correlationId: 'c1',
      schemaVersion: 1,
    },
  };
}

/** appends one event, re-reading the stream's revision whenever another writer got in first */
async function appendWithRetry(
  store: EventStore,
  stream: string,
  event: NewEvent,
): Promise<AppendResult> {
  let expected: ExpectedRevision = 'no-stream';
  for (;;) {
    try {
      return await store.appendToStream(stream, [event], expected);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      expected = error.actual;
    }
  }
}

/**
 * Reads $all after `from` until every wanted id has shown up. Events of a transaction still open
 * anywhere on the server may be held back for a moment, so the read is repeated, within a bound.
 */
async function readAllUntil(
  store: EventStore,
  from: From,
  wanted: Set<string>,
): Promise<RecordedEvent[]> {
  const deadline = Date.now() + WAIT_FOR_EVENTS_MS;
  for (;;) {
    const seen: RecordedEvent[] = [];
    let position = from;
    for (;;) {
      const page = await store.readAll(position, 100);
      if (page.length === 0) break;
      seen.push(...page);
      position = page[page.length - 1].position;
    }
    const ours = seen.filter((event) => wanted.has(event.id));
    if (new Set(ours.map((event) => event.id)).size === wanted.size || Date.now() > deadline)
      return ours;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Collects the wanted events from a subscription until every one of `until` (default: all wanted)
 * has shown up, or the bound runs out.
 */
async function subscribeUntil(
  store: EventStore,
  from: From,
  wanted: Set<string>,
  whileSubscribed: () => Promise<void> = async () => undefined,
  until: Set<string> = wanted,
): Promise<RecordedEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), WAIT_FOR_EVENTS_MS);
  const received: RecordedEvent[] = [];
  const remaining = new Set(until);
  const collecting = (async () => {
    for await (const event of store.subscribeToAll(from, { signal: controller.signal })) {
      if (!wanted.has(event.id)) continue;
      received.push(event);
      remaining.delete(event.id);
      if (remaining.size === 0) break;
    }
  })();
  try {
    await whileSubscribed();
    await collecting;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return received;
}

/** a position every event appended from now on comes after */
async function markPosition(store: EventStore): Promise<Position> {
  return (await store.appendToStream(newStream(), [newEvent({}, 'Marker')], 'no-stream')).position;
}

function ids(events: readonly { id: string }[]): string[] {
  return events.map((event) => event.id);
}

function expectStrictlyIncreasing(positions: Position[]): void {
  for (let i = 1; i < positions.length; i++)
    expect(comparePositions(positions[i - 1], positions[i])).toBeLessThan(0);
}

function required<T>(capability: T | undefined, name: string): T {
  if (capability === undefined)
    throw new Error(`the spec declared ${name} but its context does not provide it`);
  return capability;
}

/** which cases the adapter can take part in; the others are reported as skipped */
export interface Capabilities {
  /** appendHeldOpen is provided */
  lateCommit: boolean;
  /** tamper is provided */
  tampering: boolean;
}

export function eventStoreConformance(
  adapter: string,
  capabilities: Capabilities,
  setUp: () => Promise<ConformanceContext>,
): void {
  describe(`EventStore conformance: ${adapter}`, () => {
    let context: ConformanceContext;
    let store: EventStore;

    beforeAll(async () => {
      context = await setUp();
      store = context.store;
    });
    afterAll(() => context?.close());

    it('round-trips events with their metadata, revisions, positions and a verifiable chain', async () => {
      const stream = newStream();
      const first = [
        newEvent({ n: 0, nested: { b: 1, a: [true, null] } }, 'CaseFiled'),
        newEvent({ n: 1 }),
      ];
      const firstResult = await store.appendToStream(stream, first, 'no-stream');
      expect(firstResult.nextRevision).toBe(1);
      const second = [newEvent({ n: 2 })];
      const secondResult = await store.appendToStream(stream, second, 1);
      expect(secondResult.nextRevision).toBe(2);
      expect(comparePositions(firstResult.position, secondResult.position)).toBeLessThan(0);

      const events = await store.readStream(stream);
      expect(
        events.map(({ id, stream, revision, type, data }) => ({
          id,
          stream,
          revision,
          type,
          data,
        })),
      ).toEqual(
        [...first, ...second].map((event, revision) => ({
          id: event.id,
          stream,
          revision,
          type: event.type,
          data: event.data,
        })),
      );
      expect(events[0].metadata).toMatchObject(first[0].metadata);
      expect(events[0].metadata.prevHash).toMatch(/^[0-9a-f]{64}$/);
      expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
      expect(events[2].position).toEqual(secondResult.position);
      expectStrictlyIncreasing(events.map((event) => event.position));
      expect(verifyChain(stream, events)).toEqual({
        verified: true,
        firstBrokenRevision: null,
        reason: null,
      });

      await expect(store.readStream(newStream())).rejects.toBeInstanceOf(StreamNotFound);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('reads many streams at once, each as readStream does, in the order asked, none for a missing one', async () => {
      const [one, two, missing] = [newStream(), newStream(), newStream()];
      await store.appendToStream(two, [newEvent(), newEvent()], 'no-stream');
      await store.appendToStream(one, [newEvent()], 'no-stream');
      await store.appendToStream(two, [newEvent()], 1);

      const read = await store.readStreams([two, missing, one]);

      expect(read).toEqual([await store.readStream(two), [], await store.readStream(one)]);
      expect(read[0].map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(await store.readStreams([])).toEqual([]);
    });

    it('refuses a stale expected revision and writes nothing', async () => {
      const stream = newStream();
      await store.appendToStream(stream, [newEvent(), newEvent()], 'no-stream');
      const refusals: [ExpectedRevision, number | 'no-stream'][] = [];
      for (const expected of [0, 5, 'no-stream'] as const) {
        const error = await store
          .appendToStream(stream, [newEvent()], expected)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        refusals.push([
          (error as WrongExpectedRevision).expected,
          (error as WrongExpectedRevision).actual,
        ]);
      }
      expect(refusals).toEqual([
        [0, 1],
        [5, 1],
        ['no-stream', 1],
      ]);
      const missing = await store
        .appendToStream(newStream(), [newEvent()], 0)
        .catch((e: unknown) => e);
      expect(missing).toMatchObject({ name: 'WrongExpectedRevision', actual: 'no-stream' });
      expect((await store.readStream(stream)).length).toBe(2);
    });

    it('lets 20 concurrent appenders on one stream leave no hole and no duplicate revision', async () => {
      const stream = newStream();
      const events = Array.from({ length: 20 }, (_, n) => newEvent({ n }));
      await Promise.all(events.map((event) => appendWithRetry(store, stream, event)));
      const stored = await store.readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual(events.map((_, revision) => revision));
      expect(new Set(ids(stored))).toEqual(new Set(ids(events)));
      expect(verifyChain(stream, stored).verified).toBe(true);
    });

    it('answers a re-append of the same events with the first result and writes nothing', async () => {
      const stream = newStream();
      const filed = [newEvent({ n: 0 }), newEvent({ n: 1 })];
      const first = await store.appendToStream(stream, filed, 'no-stream');
      expect(first.replayed).toBeUndefined();
      // the same answer, marked as a replay: what is stored is the first attempt's events
      const replayOf = (result: AppendResult) => ({ ...result, replayed: true });
      expect(await store.appendToStream(stream, filed, 'no-stream')).toEqual(replayOf(first));

      const next = [newEvent({ n: 2 })];
      const second = await store.appendToStream(stream, next, 1);
      expect(await store.appendToStream(stream, next, 1)).toEqual(replayOf(second));
      expect(await store.appendToStream(stream, next, 'any')).toEqual(replayOf(second));
      expect(await store.appendToStream(stream, filed, 'no-stream')).toEqual(replayOf(first));
      // a retry that loaded the stream after others appended: the events are found where they are
      const later = [newEvent({ n: 3 })];
      await store.appendToStream(stream, later, 2);
      expect(await store.appendToStream(stream, next, 3)).toEqual(replayOf(second));
      expect(await store.appendToStream(stream, filed, 3)).toEqual(replayOf(first));
      expect(ids(await store.readStream(stream))).toEqual(ids([...filed, ...next, ...later]));
    });

    it('reads every event of 10 concurrent writers exactly once, in a stable order', async () => {
      const from = await markPosition(store);
      const written = await Promise.all(
        Array.from({ length: 10 }, async (_, writer) => {
          const stream = newStream();
          const events = Array.from({ length: 10 }, (_, n) => newEvent({ writer, n }));
          let expected: ExpectedRevision = 'no-stream';
          for (const event of events)
            expected = (await store.appendToStream(stream, [event], expected)).nextRevision;
          return events;
        }),
      );
      const wanted = new Set(written.flat().map((event) => event.id));
      const firstRead = await readAllUntil(store, from, wanted);
      const secondRead = await readAllUntil(store, from, wanted);
      expect(firstRead).toHaveLength(100);
      expect(new Set(ids(firstRead))).toEqual(wanted);
      expect(ids(secondRead)).toEqual(ids(firstRead));
      expectStrictlyIncreasing(firstRead.map((event) => event.position));
      // within a stream, the global order keeps the stream's order
      for (const events of written) {
        expect(ids(firstRead.filter((event) => events.some((e) => e.id === event.id)))).toEqual(
          ids(events),
        );
      }
    });

    it('hands a subscriber started mid-write every event exactly once', async () => {
      const from = await markPosition(store);
      const events = Array.from({ length: 60 }, (_, n) => newEvent({ n }));
      const streams = Array.from({ length: 6 }, () => newStream());
      let written = 0;
      let finished = false;
      const writing = Promise.all(
        streams.map(async (stream, writer) => {
          let expected: ExpectedRevision = 'no-stream';
          for (const event of events.filter((_, n) => n % streams.length === writer)) {
            expected = (await store.appendToStream(stream, [event], expected)).nextRevision;
            written++;
          }
        }),
      ).finally(() => (finished = true));
      while (written < 15 && !finished) await new Promise((resolve) => setTimeout(resolve, 1));
      const received = await subscribeUntil(store, from, new Set(ids(events)), async () => {
        await writing;
      });
      expect(received).toHaveLength(events.length);
      expect(new Set(ids(received))).toEqual(new Set(ids(events)));
      expectStrictlyIncreasing(received.map((event) => event.position));
    });

    it('continues from a saved position with no loss and no duplicate', async () => {
      const from = await markPosition(store);
      const stream = newStream();
      const before = Array.from({ length: 5 }, (_, n) => newEvent({ n }));
      await store.appendToStream(stream, before, 'no-stream');
      const firstRun = await subscribeUntil(store, from, new Set(ids(before.slice(0, 3))));
      const saved = firstRun[firstRun.length - 1].position;
      const after = Array.from({ length: 5 }, (_, n) => newEvent({ n: n + 5 }));
      await store.appendToStream(stream, after, 4);
      const rest = [...before.slice(3), ...after];
      // any event of the stream counts, so a replay of the first run would show up as a duplicate
      const everyEvent = new Set(ids([...before, ...after]));
      const secondRun = await subscribeUntil(
        store,
        saved,
        everyEvent,
        undefined,
        new Set(ids(rest)),
      );
      expect(ids(firstRun)).toEqual(ids(before.slice(0, 3)));
      expect(ids(secondRun)).toEqual(ids(rest));
    });

    it('hands a chain follower, in pages, each event position and hash as readAll has them', async () => {
      const from = await markPosition(store);
      const [one, two] = [newStream(), newStream()];
      const appended = Array.from({ length: 4 }, (_, n) => newEvent({ n }));
      await store.appendToStream(one, appended.slice(0, 2), 'no-stream');
      await store.appendToStream(two, appended.slice(2, 3), 'no-stream');
      await store.appendToStream(one, appended.slice(3), 1);
      const events = await readAllUntil(store, from, new Set(ids(appended)));
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), WAIT_FOR_EVENTS_MS);
      const links: ChainLink[] = [];
      try {
        for await (const page of store.subscribeToChain(from, { signal: controller.signal })) {
          expect(page.length).toBeGreaterThan(0);
          links.push(...page);
          if (links.length >= events.length) break;
        }
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
      expect(links).toEqual(
        events.map((event) => ({ position: event.position, hash: event.metadata.hash })),
      );
    });

    // needs a second connection to PostgreSQL; PGlite serves one, so nothing can commit late there
    (capabilities.lateCommit ? it : it.skip)(
      'never lets a reader skip an event whose transaction commits late',
      async () => {
        const appendHeldOpen = required(context.appendHeldOpen, 'lateCommit');
        const from = await markPosition(store);
        const late = newEvent({ late: true });
        const early = newEvent({ late: false });
        const wanted = new Set([late.id, early.id]);
        const lateAppend = await appendHeldOpen(newStream(), [late]);
        const subscribed = subscribeUntil(store, from, wanted);
        try {
          // B starts after A (a newer transaction) and commits first
          await store.appendToStream(newStream(), [early], 'no-stream');
          const whileOpen = await store.readAll(from, 100);
          expect(ids(whileOpen).filter((id) => wanted.has(id))).toEqual([]);
        } finally {
          await lateAppend.commit();
        }
        expect(ids(await readAllUntil(store, from, wanted))).toEqual([late.id, early.id]);
        expect(ids(await subscribed)).toEqual([late.id, early.id]);
      },
    );

    (capabilities.tampering ? it : it.skip)(
      'lets the chain verifier catch an edited, a reordered and a deleted event',
      async () => {
        const tamper = required(context.tamper, 'tampering');
        const streams = {
          edited: newStream(),
          reordered: newStream(),
          deleted: newStream(),
          intact: newStream(),
        };
        for (const stream of Object.values(streams)) {
          await store.appendToStream(
            stream,
            Array.from({ length: 4 }, (_, n) => newEvent({ n })),
            'no-stream',
          );
        }
        await tamper.editData(streams.edited, 1);
        await tamper.swapRevisions(streams.reordered, 1, 2);
        await tamper.deleteEvent(streams.deleted, 1);
        const verdict = async (stream: string) =>
          verifyChain(stream, await store.readStream(stream));
        expect(await verdict(streams.edited)).toMatchObject({
          verified: false,
          firstBrokenRevision: 1,
        });
        expect(await verdict(streams.reordered)).toMatchObject({
          verified: false,
          firstBrokenRevision: 1,
        });
        expect(await verdict(streams.deleted)).toMatchObject({
          verified: false,
          firstBrokenRevision: 2,
        });
        expect(await verdict(streams.intact)).toMatchObject({ verified: true });
      },
    );
  });
}
