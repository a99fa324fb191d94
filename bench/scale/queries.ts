/**
 * `npm run bench:queries`: latency of the reads people wait on, at the scale seed:scale loaded
 * (run it first), one client at a time over HTTP against the full application on that schema:
 * queue first page and a deep cursor page, the case view, "mine", statistics and alerts; plus the
 * appeal-wave counting the detector runs at each filing and a stream read of the event store.
 * Prints p50/p99 over BENCH_REQUESTS requests each (default 300) after a warm-up.
 *
 *   BENCH_DATABASE_URL, --schema NAME (default scale), --depth N (cursor pages, default 50)
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, type TokenRole } from '@recourse/auth';
import { loadConfig } from '@recourse/config';
import { openDatabase } from '@recourse/database';
import { caseStreamName, fixedDurationMs } from '@recourse/domain';
import { PostgresEventStore } from '@recourse/event-store';
import { appealWaves } from '@recourse/read-models';
import { createApp } from '../../apps/api/src/create-app';
import { scalePolicy } from '../../test/support/case-histories';
import { percentile } from '../percentile';
import { SCALE_DATABASE_URL } from './database-url';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARM_UP = 20;
const SECRET = 'recourse-bench-secret-not-for-production-0123456789';

interface Measured {
  name: string;
  p50: number;
  p99: number;
}

/** runs `once` sequentially, REQUESTS times after a warm-up; latencies in ms */
async function measure(name: string, once: (i: number) => Promise<void>): Promise<Measured> {
  for (let i = 0; i < WARM_UP; i++) await once(i);
  const latencies: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await once(i);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const result = {
    name,
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p99: Number(percentile(latencies, 99).toFixed(1)),
  };
  console.log(
    `  ${name.padEnd(48)} p50 ${String(result.p50).padStart(6)} ms   p99 ${String(result.p99).padStart(6)} ms`,
  );
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      schema: { type: 'string', default: 'scale' },
      depth: { type: 'string', default: '50' },
    },
  });
  const db = await openDatabase({
    url: SCALE_DATABASE_URL,
    schema: values.schema,
    maxConnections: 10,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-bench-'));
  let app: INestApplication | undefined;
  try {
    const { rows: size } = await db.query<{ cases: number; events: number }>(
      `SELECT (SELECT count(*) FROM cases)::integer AS cases,
              (SELECT count(*) FROM event_store_events)::integer AS events`,
    );
    if (size[0].cases === 0) throw new Error('no cases: run npm run seed:scale first');
    console.log(
      `bench:queries: ${size[0].cases} cases, ${size[0].events} events (schema ${values.schema}), ` +
        `${REQUESTS} requests each, one client`,
    );
    const config = loadConfig({
      RECOURSE_DATA_DIR: dataDir,
      DATABASE_URL: SCALE_DATABASE_URL,
      AUTH_JWT_SECRET: SECRET,
      // the seed files no personal data through the command edge: a fresh key opens nothing
      RECOURSE_KEK: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
    });
    app = await createApp(config, { database: db, policy: scalePolicy });
    const server = await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = (sub: string, role: TokenRole, authorityId?: string) =>
      mintToken({ sub, role, authorityId }, config).then((jwt) => `Bearer ${jwt}`);
    const get = async (path: string, authorization: string): Promise<unknown> => {
      const response = await fetch(`${base}${path}`, { headers: { authorization } });
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
      return response.json();
    };

    // the busiest authority's queue, a citizen with several cases, a sample of cases
    const { rows: busiest } = await db.query<{ authority_id: string; open: number }>(
      `SELECT authority_id, count(*)::integer AS open FROM open_stints
        GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const authority = busiest[0].authority_id;
    const { rows: owners } = await db.query<{ owner_id: string; n: number }>(
      `SELECT owner_id, count(*)::integer AS n FROM cases
        WHERE owner_id IN (SELECT owner_id FROM cases TABLESAMPLE SYSTEM (1) LIMIT 200)
        GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const { rows: sample } = await db.query<{ id: string }>(
      'SELECT id FROM cases TABLESAMPLE SYSTEM (1) LIMIT 500',
    );
    const staff = await token('bench-cw', 'caseworker', authority);
    const oversight = await token('bench-oversight', 'oversight');
    const citizen = await token(owners[0].owner_id, 'citizen');
    const queuePath = `/v1/queues/${authority}?limit=20`;
    let cursor: string | null = null;
    for (let page = 0; page < Number(values.depth); page++) {
      const body = (await get(cursor ? `${queuePath}&cursor=${cursor}` : queuePath, staff)) as {
        nextCursor: string | null;
      };
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    const windowMs = fixedDurationMs(scalePolicy.alerts.window);
    const { minCases, factor } = scalePolicy.alerts;
    const store = await PostgresEventStore.create(db);
    const { rows: latest } = await db.query<{ at: string }>(
      `SELECT max(filed_at) AS at FROM cases WHERE kind = 'appeal'`,
    );
    const lastFiling = new Date(latest[0].at).getTime();

    console.log(
      `  queue of ${authority} (${busiest[0].open} open), mine of ${owners[0].owner_id} (${owners[0].n} cases)`,
    );
    const results = [
      await measure('GET /v1/queues/:authority (first page of 20)', () =>
        get(queuePath, staff).then(() => undefined),
      ),
      await measure(`GET /v1/queues/:authority (page ${values.depth}, by cursor)`, () =>
        get(`${queuePath}&cursor=${cursor}`, staff).then(() => undefined),
      ),
      await measure('GET /v1/cases/:id (case view)', (i) =>
        get(`/v1/cases/${sample[i % sample.length].id}`, oversight).then(() => undefined),
      ),
      await measure('GET /v1/cases/mine', () =>
        get('/v1/cases/mine', citizen).then(() => undefined),
      ),
      await measure('GET /v1/stats/outcomes (by authority, all time)', () =>
        get('/v1/stats/outcomes', oversight).then(() => undefined),
      ),
      await measure('GET /v1/stats/outcomes?groupBy=month', () =>
        get('/v1/stats/outcomes?groupBy=month', oversight).then(() => undefined),
      ),
      await measure('GET /v1/stats/outcomes (from/to cutting months)', () =>
        get(
          `/v1/stats/outcomes?groupBy=decisionType&from=${new Date(lastFiling - 200 * 86_400_000 + 12_345).toISOString()}&to=${new Date(lastFiling - 20 * 86_400_000).toISOString()}`,
          oversight,
        ).then(() => undefined),
      ),
      await measure('GET /v1/alerts (recorded waves)', () =>
        get('/v1/alerts', oversight).then(() => undefined),
      ),
      await measure('appeal-wave counting at a filing (detector)', (i) =>
        appealWaves(db, { windowMs, minCases, factor }, new Date(lastFiling - i * 997_000)).then(
          () => undefined,
        ),
      ),
      await measure('event store: read one stream', (i) =>
        store.readStream(caseStreamName(sample[i % sample.length].id)).then(() => undefined),
      ),
    ];
    // the machine is shared: figures mean little without the load they were taken under
    console.log(
      `\nload average (1, 5, 15 min): ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
    console.log('| read | p50 ms | p99 ms |');
    console.log('|---|---|---|');
    for (const r of results) console.log(`| ${r.name} | ${r.p50} | ${r.p99} |`);
  } finally {
    await app?.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
