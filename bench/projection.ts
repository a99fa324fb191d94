/**
 * Projection benchmark (BullMQ mode, real PostgreSQL and Redis):
 *  - lag from append (commit acknowledged) to visible in the read model, p50/p99, at 200, 1,000
 *    and 5,000 events/s (BENCH_RATES; half CaseFiled, half CaseAcknowledged of an earlier case);
 *  - rebuild rate over 100,000 events (20,000 cases × 5 events), beside its ceiling in the same
 *    run: read every event, COPY the rows the rebuild produced into empty tables, index them.
 *
 *   npm run bench:projection   (BENCH_SECONDS per rate, default 10; BENCH_REBUILD_EVENTS, default
 *   100000; BENCH_DATABASE_URL; BENCH_REDIS_URL). Uses a scratch schema and Redis prefix, removed after.
 */
import { Logger } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import IORedis from 'ioredis';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyIn, to as copyOut } from 'pg-copy-streams';
import { openDatabase, quoteIdentifier, type Database } from '@recourse/database';
import {
  caseStreamName,
  decide,
  evolve,
  examplePolicy,
  initialState,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '@recourse/domain';
import {
  comparePositions,
  openEventStore,
  PostgresEventStore,
  type EventStore,
  type NewEvent,
  type Position,
} from '@recourse/event-store';
import { Metrics } from '@recourse/observability';
import {
  partitionOf,
  ProjectionFeeder,
  ProjectionWorkers,
  rebuildReadModels,
  resolveProjectionOptions,
} from '@recourse/projections';
import { migrateReadModels, partitionCheckpoint, PROJECTED_TABLES } from '@recourse/read-models';
import { fileAppealCommand } from '../test/support/fixtures';
import { deleteKeysWithPrefix } from '../test/support/redis';
import { percentile } from './percentile';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REBUILD_EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 100_000);
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 8);
/** the PostgreSQL store's fallback poll when a wake-up finds nothing visible yet (store default 1 s) */
const POLL_MS = process.env.BENCH_SUBSCRIPTION_POLL_MS
  ? Number(process.env.BENCH_SUBSCRIPTION_POLL_MS)
  : undefined;
const TICK_MS = 10;
const MAX_IN_FLIGHT = 20;
const RATES = (process.env.BENCH_RATES ?? '200,1000,5000').split(',').map(Number);

const citizen: Actor = { id: 'bench-citizen', role: 'citizen' };
const caseworker: Actor = { id: 'bench-cw', role: 'caseworker', authorityId: 'zhengzhou-health' };

const fileCase = (caseId: string): CaseCommand =>
  fileAppealCommand(caseId, { reference: `RC-BENCH-${caseId.slice(0, 8)}` });

/** Events as the command path would append them: decided by the domain, with full metadata. */
function decided(
  state: CaseState,
  command: CaseCommand,
  actor: Actor,
): { events: NewEvent[]; state: CaseState } {
  const now = new Date();
  const events = decide(command, state, { actor, now, policy: examplePolicy });
  const metadata = {
    actor,
    occurredAt: now.toISOString(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
  };
  return {
    events: events.map((e: CaseEvent) => ({
      id: randomUUID(),
      type: e.type,
      data: e.data,
      metadata,
    })),
    state: events.reduce(evolve, state),
  };
}

/** the load average (1, 5, 15 min): the machine is shared, so figures come with it */
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

async function measureLag(db: Database, store: EventStore, rate: number) {
  const pending: { partition: number; position: Position; appendedAt: number }[] = [];
  const lags: number[] = [];
  const filed: { caseId: string; state: CaseState }[] = [];
  let stopPolling = false;
  // visibility: a partition's checkpoint at or past the event's position (partitions are FIFO)
  const poller = (async () => {
    while (!stopPolling || pending.length > 0) {
      const { rows } = await db.query<{ name: string; commit: string; prepare: string }>(
        'SELECT name, commit::text, prepare::text FROM projection_checkpoint',
      );
      const now = performance.now();
      const reached = new Map(
        rows.map((r) => [r.name, { commit: BigInt(r.commit), prepare: BigInt(r.prepare) }]),
      );
      for (let i = pending.length - 1; i >= 0; i--) {
        const at = reached.get(partitionCheckpoint(pending[i].partition));
        if (at && comparePositions(at, pending[i].position) >= 0) {
          lags.push(now - pending[i].appendedAt);
          pending.splice(i, 1);
        }
      }
      // every 10 ms: finer polling measures the poller more than the projections (2 cores)
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const appendOne = async (n: number) => {
    let caseId: string;
    let batch: { events: NewEvent[]; state: CaseState };
    let expected: number | 'no-stream';
    if (n % 2 === 0 || filed.length === 0) {
      caseId = randomUUID();
      batch = decided(initialState, fileCase(caseId), citizen);
      expected = 'no-stream';
    } else {
      const earlier = filed.shift()!;
      caseId = earlier.caseId;
      batch = decided(earlier.state, { type: 'AcknowledgeCase' }, caseworker);
      expected = earlier.state.revision;
    }
    const stream = caseStreamName(caseId);
    const result = await store.appendToStream(stream, batch.events, expected);
    pending.push({
      partition: partitionOf(stream, PARTITIONS),
      position: result.position,
      appendedAt: performance.now(),
    });
    if (expected === 'no-stream') filed.push({ caseId, state: batch.state });
  };
  const total = rate * SECONDS;
  const perTick = (rate * TICK_MS) / 1000;
  const started = performance.now();
  const appends: Promise<void>[] = [];
  const inFlight = new Set<Promise<void>>();
  for (let sent = 0; sent < total;) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - started) / TICK_MS + 1) * perTick),
    );
    for (; sent < due; sent++) {
      // a bounded number in flight, as writers of a real pool would be: past it, the rate falls
      // behind (see "achieved") rather than queueing without end
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const append = appendOne(sent).finally(() => inFlight.delete(append));
      inFlight.add(append);
      appends.push(append);
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(appends);
  const achieved = total / ((performance.now() - started) / 1000);
  stopPolling = true;
  await poller;
  lags.sort((a, b) => a - b);
  return {
    rate,
    achieved: Math.round(achieved),
    events: lags.length,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: lags.at(-1)!,
  };
}

async function seed(store: EventStore, events: number): Promise<void> {
  const cases = Math.ceil(events / 5);
  let next = 0;
  const writer = async () => {
    while (next < cases) {
      next++;
      const caseId = randomUUID();
      let state = initialState;
      const all: NewEvent[] = [];
      const steps: [CaseCommand, Actor][] = [
        [fileCase(caseId), citizen],
        [{ type: 'AcknowledgeCase' }, caseworker],
        [{ type: 'AssignCase', caseworkerId: 'bench-cw' }, caseworker],
        [{ type: 'AddNote', noteId: 'n1', text: 'called the station' }, caseworker],
        [
          { type: 'RequestInformation', requestId: 'r1', question: 'Which gate did you use?' },
          caseworker,
        ],
      ];
      for (const [command, actor] of steps) {
        const d = decided(state, command, actor);
        all.push(...d.events);
        state = d.state;
      }
      await store.appendToStream(caseStreamName(caseId), all, 'no-stream');
    }
  };
  await Promise.all(Array.from({ length: 16 }, writer));
}

/**
 * What no rebuild can beat, measured on the rows this one produced: read every event once (the
 * same pages), COPY each projected table's rows into an empty copy of it, and build its indexes.
 */
async function copyCeiling(store: EventStore, schema: string) {
  const connect = async () => {
    const client = new Client({
      connectionString: DATABASE_URL,
      options: `-c search_path=${quoteIdentifier(schema)}`,
    });
    await client.connect();
    return client;
  };
  const [from, to] = [await connect(), await connect()];
  try {
    let started = performance.now();
    let position: Parameters<EventStore['readAll']>[0] = 'start';
    for (let page = await store.readAll(position, 2_000); page.length > 0;) {
      position = page[page.length - 1].position;
      page = await store.readAll(position, 2_000);
    }
    const read = (performance.now() - started) / 1000;
    await to.query('CREATE SCHEMA ceiling');
    for (const table of PROJECTED_TABLES) {
      await to.query(
        `CREATE TABLE ceiling.${table} (LIKE ${table} INCLUDING ALL EXCLUDING INDEXES)`,
      );
    }
    started = performance.now();
    for (const table of PROJECTED_TABLES) {
      await pipeline(
        from.query(copyOut(`COPY ${table} TO STDOUT`)),
        to.query(copyIn(`COPY ceiling.${table} FROM STDIN`)),
      );
    }
    const copy = (performance.now() - started) / 1000;
    started = performance.now();
    const { rows } = await from.query<{ definition: string }>(
      `SELECT indexdef AS definition FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = ANY($1::text[])`,
      [PROJECTED_TABLES],
    );
    for (const { definition } of rows) {
      await to.query(
        definition.replace(
          /INDEX (\S+) ON \S+\.(\S+) USING/,
          'INDEX ceiling_$1 ON ceiling.$2 USING',
        ),
      );
    }
    const index = (performance.now() - started) / 1000;
    return { read, copy, index, seconds: read + copy + index };
  } finally {
    await to.query('DROP SCHEMA IF EXISTS ceiling CASCADE');
    await Promise.all([from.end(), to.end()]);
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'fatal']);
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const prefix = `bench-proj-${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ url: DATABASE_URL, schema, maxConnections: 24 });
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const store = POLL_MS
    ? await PostgresEventStore.create(db, { subscriptionPollMs: POLL_MS })
    : await openEventStore({ database: db });
  try {
    await migrateReadModels(db);
    const options = resolveProjectionOptions({ prefix, partitions: PARTITIONS });
    const workers = new ProjectionWorkers(db, store, redis, options, new Metrics());
    const feeder = new ProjectionFeeder(db, store, redis, options);
    await workers.start();
    await feeder.start();
    const results = [];
    for (const rate of RATES) results.push(await measureLag(db, store, rate));
    await feeder.stop();
    await workers.stop();
    console.log(
      '\nprojection lag, append → visible (BullMQ, %d partitions, %d s per rate; load %s)',
      PARTITIONS,
      SECONDS,
      load(),
    );
    console.table(
      results.map((r) => ({
        'target ev/s': r.rate,
        'achieved ev/s': r.achieved,
        events: r.events,
        'p50 ms': r.p50.toFixed(1),
        'p99 ms': r.p99.toFixed(1),
        'max ms': r.max.toFixed(1),
      })),
    );

    const seedStarted = performance.now();
    await seed(store, REBUILD_EVENTS);
    console.log(
      `seeded ${REBUILD_EVENTS} events in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const started = performance.now();
    const rebuilt = await rebuildReadModels(db, store);
    const seconds = (performance.now() - started) / 1000;
    const ceiling = await copyCeiling(store, schema);
    const rate = rebuilt.events / seconds;
    const ceilingRate = rebuilt.events / ceiling.seconds;
    console.log(
      `\nrebuild (all events in the store, default batches) beside its COPY ceiling; load ${load()}`,
    );
    console.table([
      {
        events: rebuilt.events,
        'rebuild s': seconds.toFixed(1),
        'rebuild ev/s': Math.round(rate),
        'ceiling s (read + COPY + index)': `${ceiling.seconds.toFixed(1)} (${ceiling.read.toFixed(1)} + ${ceiling.copy.toFixed(1)} + ${ceiling.index.toFixed(1)})`,
        'ceiling ev/s': Math.round(ceilingRate),
        ratio: (rate / ceilingRate).toFixed(2),
      },
    ]);
  } finally {
    await store.close();
    await db.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    await db.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
