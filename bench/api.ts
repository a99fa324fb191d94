/**
 * Filing throughput of the HTTP API: autocannon POSTs /v1/cases (a citizen token, no
 * Idempotency-Key, so every request files a new case) against the full application, on the
 * embedded store (PGlite in a temporary directory) and on PostgreSQL (a fresh schema, dropped
 * afterwards). Prints requests/s and latency p50/p99.
 *
 *   npm run bench:api    (BENCH_SECONDS per run, default 10; BENCH_CONNECTIONS, default 10;
 *                         BENCH_DATABASE_URL)
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { mintToken } from '@recourse/auth';
import { loadConfig } from '@recourse/config';
import { openDatabase, quoteIdentifier, type Database } from '@recourse/database';
import { createApp } from '../apps/api/src/create-app';
import { appealBody } from '../test/support/fixtures';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'recourse-bench-secret-not-for-production-0123456789';

const FILING = JSON.stringify(appealBody());

interface Result {
  store: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(store: string, app: INestApplication, token: string): Promise<Result> {
  const server = await app.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/v1/cases`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: FILING,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return {
    store,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function embedded(): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-bench-'));
  try {
    const config = loadConfig({
      RECOURSE_DATA_DIR: dataDir,
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0', // one token at full speed: measure filing, not the limiter
    });
    const app = await createApp(config);
    try {
      return await measure(
        'embedded (PGlite)',
        app,
        await mintToken({ sub: 'bench', role: 'citizen' }, config),
      );
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<Result> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const database: Database = await openDatabase({ url: DATABASE_URL, schema, maxConnections: 20 });
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-bench-'));
  try {
    const config = loadConfig({
      RECOURSE_DATA_DIR: dataDir,
      DATABASE_URL,
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0', // one token at full speed: measure filing, not the limiter
    });
    const app = await createApp(config, { database });
    try {
      return await measure(
        'PostgreSQL',
        app,
        await mintToken({ sub: 'bench', role: 'citizen' }, config),
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`POST /v1/cases, ${CONNECTIONS} connections, ${SECONDS} s per store`);
  const results = [await embedded(), await postgres()];
  console.log('');
  console.log('store                  requests/s   p50 ms   p99 ms   errors');
  for (const r of results) {
    console.log(
      `${r.store.padEnd(22)} ${r.requestsPerSecond.toFixed(0).padStart(10)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
