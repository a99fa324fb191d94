/**
 * Event store throughput: appends/s (one event per append) at 1 and 16 concurrent writers and
 * readAll events/s, for the PostgreSQL adapter on real PostgreSQL and on PGlite, each beside the
 * same work done with plain SQL on the same database (single-row INSERT loop, keyset-paged SELECT).
 *
 *   npm run bench:event-store    (BENCH_SECONDS per measurement, default 2; BENCH_DATABASE_URL)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Database, openDatabase, quoteIdentifier } from '@recourse/database';
import { ExpectedRevision, From, NewEvent, PostgresEventStore, START } from '@recourse/event-store';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
/** adapter and plain runs alternate this often, so that warm-up and disk noise hit both alike */
const ROUNDS = 2;
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const CONCURRENCY = [1, 16];
const READ_PAGE = 500;

interface Row {
  engine: string;
  measure: string;
  adapter: number;
  plain: number;
}

function event(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'NoteAdded',
    data: { text: 'a note of ordinary length for a case file', n },
    metadata: {
      actor: { id: 'caseworker-1', role: 'caseworker', authorityId: 'zhengzhou-health' },
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}

/** runs `writers` loops of `step` for SECONDS; operations per second */
async function rate(
  label: string,
  writers: number,
  step: (writer: number) => Promise<void>,
): Promise<number> {
  process.stdout.write(`  ${label.padEnd(44)} `);
  const until = Date.now() + SECONDS * 1000;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (Date.now() < until) {
        await step(writer);
        done++;
      }
    }),
  );
  const perSecond = done / (Number(process.hrtime.bigint() - started) / 1e9);
  console.log(`${Math.round(perSecond).toString().padStart(8)} /s`);
  return perSecond;
}

/** reads everything once, page by page; rows per second */
async function readRate(
  label: string,
  readPage: (after: unknown) => Promise<{ count: number; last: unknown }>,
) {
  process.stdout.write(`  ${label.padEnd(44)} `);
  const started = process.hrtime.bigint();
  let total = 0;
  let after: unknown = undefined;
  for (;;) {
    const page = await readPage(after);
    if (page.count === 0) break;
    total += page.count;
    after = page.last;
  }
  const perSecond = total / (Number(process.hrtime.bigint() - started) / 1e9);
  console.log(`${Math.round(perSecond).toString().padStart(8)} /s  (${total} rows)`);
  return perSecond;
}

async function benchmark(engine: string, db: Database): Promise<Row[]> {
  console.log(`\n${engine}`);
  const store = await PostgresEventStore.create(db);
  await db.query(
    'CREATE TABLE bench_plain (id bigserial PRIMARY KEY, stream text NOT NULL, data jsonb NOT NULL)',
  );
  const rows: Row[] = [];
  for (const writers of CONCURRENCY) {
    const streams = Array.from({ length: writers }, () => `case-${randomUUID()}`);
    const expected: ExpectedRevision[] = streams.map(() => 'no-stream');
    let n = 0;
    let adapter = 0;
    let plain = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      plain += await rate(
        `plain INSERT, ${writers} writer(s), round ${round}`,
        writers,
        async (writer) => {
          const { data } = event(n++);
          await db.query('INSERT INTO bench_plain (stream, data) VALUES ($1, $2)', [
            streams[writer],
            data,
          ]);
        },
      );
      adapter += await rate(
        `adapter append, ${writers} writer(s), round ${round}`,
        writers,
        async (writer) => {
          const result = await store.appendToStream(
            streams[writer],
            [event(n++)],
            expected[writer],
          );
          expected[writer] = result.nextRevision;
        },
      );
    }
    rows.push({
      engine,
      measure: `appends/s, ${writers} writer(s)`,
      adapter: adapter / ROUNDS,
      plain: plain / ROUNDS,
    });
  }
  // a warm cache for both reads
  await store.readAll(START, READ_PAGE);
  const adapterRead = await readRate('adapter readAll', async (after) => {
    const page = await store.readAll((after as From | undefined) ?? START, READ_PAGE);
    return { count: page.length, last: page[page.length - 1]?.position };
  });
  // the same rows of the same table, in insertion order: what the late-commit guard and mapping cost
  const plainRead = await readRate('plain keyset SELECT of the events', async (after) => {
    const from = (after as { commit: string; prepare: string } | undefined) ?? {
      commit: '0',
      prepare: '0',
    };
    const page = await db.query<{ commit: string; prepare: string }>(
      `SELECT event_id::text AS id, stream, revision, transaction_id::text AS commit,
         global_position::text AS prepare, type, data, metadata
       FROM event_store_events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
       ORDER BY transaction_id, global_position LIMIT $3`,
      [from.commit, from.prepare, READ_PAGE],
    );
    return { count: page.rows.length, last: page.rows[page.rows.length - 1] };
  });
  rows.push({ engine, measure: 'readAll events/s', adapter: adapterRead, plain: plainRead });
  await store.close();
  return rows;
}

async function main(): Promise<void> {
  console.log(`event store benchmark: ${SECONDS} s per measurement`);
  const rows: Row[] = [];

  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const postgres = await openDatabase({ url: DATABASE_URL, schema, maxConnections: 20 });
  try {
    rows.push(
      ...(await benchmark(`PostgreSQL (${DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`, postgres)),
    );
  } finally {
    await postgres.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
    await postgres.close();
  }

  const pglite = await openDatabase({ dataDir: 'memory://' });
  try {
    rows.push(...(await benchmark('PGlite (memory://)', pglite)));
  } finally {
    await pglite.close();
  }

  console.log(
    '\nengine                | measure                    |  adapter |    plain | adapter/plain',
  );
  console.log(
    '----------------------|----------------------------|----------|----------|--------------',
  );
  for (const row of rows) {
    console.log(
      [
        row.engine.split(' ')[0].padEnd(21),
        row.measure.padEnd(26),
        Math.round(row.adapter).toString().padStart(8),
        Math.round(row.plain).toString().padStart(8),
        `${Math.round((100 * row.adapter) / row.plain)}%`.padStart(13),
      ].join(' | '),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
