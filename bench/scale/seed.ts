/**
 * `npm run seed:scale -- --cases 1000000`: loads realistic case histories (bench/scale/histories:
 * decided by the domain, several events per case, 49 authorities, dates spread over two years)
 * through the PostgreSQL event store adapter, many new streams per statement, then projects them
 * (a read-model rebuild), each with a progress bar. Into a schema of its own, emptied first.
 *
 *   --cases N        cases to file (default 100000)
 *   --days N         spread of filing dates before now (default 730)
 *   --schema NAME    PostgreSQL schema (default scale); never public
 *   --no-project     leave the read models to a later `npm run projections:rebuild`
 *   BENCH_DATABASE_URL (default TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
 */
import { MultiBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { openDatabase, quoteIdentifier, type Database } from '@recourse/database';
import { caseStreamName } from '@recourse/domain';
import { PostgresEventStore } from '@recourse/event-store';
import { rebuildReadModels } from '@recourse/projections';
import { caseHistory, random, type History } from '../../test/support/case-histories';
import { SCALE_DATABASE_URL } from './database-url';

/** cases per INSERT statement */
const BATCH = 500;
/** statements in flight while the next batch is generated */
const IN_FLIGHT = 2;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '100000' },
      days: { type: 'string', default: '730' },
      schema: { type: 'string', default: 'scale' },
      'no-project': { type: 'boolean', default: false },
    },
  });
  const cases = Number(values.cases);
  const days = Number(values.days);
  const schema = values.schema!;
  if (!Number.isInteger(cases) || cases <= 0) throw new Error('--cases must be a positive integer');
  if (schema === 'public') throw new Error('--schema public: the seed empties its schema first');

  const admin = await openDatabase({ url: SCALE_DATABASE_URL });
  await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
  await admin.close();
  const db = await openDatabase({ url: SCALE_DATABASE_URL, schema, maxConnections: IN_FLIGHT + 2 });
  const store = await PostgresEventStore.create(db);
  const bars = new MultiBar(
    {
      format:
        '{task} [{bar}] {percentage}% | {value}/{total} {unit} | {speed}/s | ETA {eta_formatted}',
      etaBuffer: 50,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  try {
    const seeded = await seed(store, db, cases, days, bars);
    if (!values['no-project']) await project(db, store, seeded.events, bars);
    bars.stop();
    console.log(
      `seeded ${cases} cases, ${seeded.events} events in ${seeded.seconds.toFixed(0)} s ` +
        `(${Math.round(seeded.events / seeded.seconds)} events/s) into schema "${schema}"`,
    );
  } finally {
    bars.stop();
    await store.close();
    await db.close();
  }
}

async function seed(
  store: PostgresEventStore,
  db: Database,
  cases: number,
  days: number,
  bars: MultiBar,
): Promise<{ events: number; seconds: number }> {
  const bar = bars.create(cases, 0, { task: 'append ', unit: 'cases', speed: 0 });
  const next = random(14);
  const now = Date.now();
  const citizens = Math.max(1, Math.floor(cases / 4));
  const started = Date.now();
  let events = 0;
  let done = 0;
  const inFlight = new Set<Promise<void>>();
  for (let filed = 0; filed < cases;) {
    const histories: History[] = [];
    for (; histories.length < BATCH && filed < cases; filed++) {
      histories.push(caseHistory(next, now, days, citizens));
    }
    const append = store
      .appendNewStreams(
        histories.map((h) => ({ stream: caseStreamName(h.caseId), events: h.events })),
      )
      .then(() => {
        done += histories.length;
        events += histories.reduce((sum, h) => sum + h.events.length, 0);
        bar.update(done, { speed: Math.round(done / ((Date.now() - started) / 1000)) });
      });
    inFlight.add(append);
    void append.finally(() => inFlight.delete(append));
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  // the planner's statistics, as autovacuum would gather them in time
  await db.query('ANALYZE event_store_events', []);
  return { events, seconds: (Date.now() - started) / 1000 };
}

async function project(db: Database, store: PostgresEventStore, total: number, bars: MultiBar) {
  const bar = bars.create(total, 0, { task: 'project', unit: 'events', speed: 0 });
  const started = Date.now();
  await rebuildReadModels(db, store, {
    batchSize: 5_000,
    onProgress: ({ events }) => {
      if (events > bar.getTotal()) bar.setTotal(events);
      bar.update(events, { speed: Math.round(events / ((Date.now() - started) / 1000)) });
    },
  });
  await db.query('ANALYZE', []);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
