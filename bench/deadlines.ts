/**
 * Deadline timers under load: CASES appeals filed at once, each with an acknowledgement deadline
 * of DUE (default PT6S), so that they all fall due within a few seconds. Measures, for every
 * deadline, the delay from its due time to the DeadlineMissed event (its occurredAt, taken when
 * the command runs, a few ms before the append commits): p50, p99, max. Runs BullMQ (real Redis,
 * a throwaway prefix) and the in-process timers, each on a fresh PostgreSQL schema.
 *
 *   npm run bench:deadlines   (BENCH_CASES=1000, BENCH_DUE=PT6S, BENCH_MODES=bullmq,in-process,
 *                              BENCH_DATABASE_URL, BENCH_REDIS_URL)
 */
import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { CaseCommandService, CommandsModule } from '@recourse/commands';
import { loadConfig } from '@recourse/config';
import { EVENT_STORE, InfrastructureModule, systemClock } from '@recourse/infrastructure';
import { openDatabase, quoteIdentifier } from '@recourse/database';
import { DeadlinesModule } from '@recourse/deadlines';
import { examplePolicyJson, loadPolicy, type DeadlineMissed } from '@recourse/domain';
import { START, type EventStore, type RecordedEvent } from '@recourse/event-store';
import { fileAppealCommand } from '../test/support/fixtures';
import { deleteKeysWithPrefix } from '../test/support/redis';
import { percentile } from './percentile';

const CASES = Number(process.env.BENCH_CASES ?? 1000);
const DUE = process.env.BENCH_DUE ?? 'PT6S';
const MODES = (process.env.BENCH_MODES ?? 'bullmq,in-process').split(',');
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FILING_CONCURRENCY = 16;

const policy = loadPolicy({
  ...examplePolicyJson,
  version: 'bench-deadlines',
  deadlines: {
    ...examplePolicyJson.deadlines,
    appeal: {
      ...examplePolicyJson.deadlines.appeal,
      standard: { acknowledge: DUE, respond: 'PT1H' },
    },
  },
});

async function main(): Promise<void> {
  console.log(
    `deadline timers: ${CASES} acknowledgement deadlines of ${DUE}, filed ${FILING_CONCURRENCY} at a time`,
  );
  for (const mode of MODES) await run(mode as 'bullmq' | 'in-process');
}

async function run(mode: 'bullmq' | 'in-process'): Promise<void> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const prefix = `bench-deadlines-${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-bench-'));
  const database = await openDatabase({ url: DATABASE_URL, schema, maxConnections: 20 });
  const config = loadConfig({
    AUTH_JWT_SECRET: 'recourse-bench-secret-not-for-production-0123456789',
    RECOURSE_DATA_DIR: dataDir,
    ...(mode === 'bullmq' ? { REDIS_URL } : {}),
  });

  @Module({
    imports: [
      InfrastructureModule.forRoot(config, { database, policy, clock: systemClock }),
      CommandsModule,
      DeadlinesModule.forRoot({ prefix, sweep: { intervalMs: 3_600_000 } }),
    ],
  })
  class BenchModule {}

  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
    await app.init();
    const commands = app.get(CaseCommandService);
    const store = app.get<EventStore>(EVENT_STORE);

    const filingStarted = Date.now();
    const caseIds = Array.from({ length: CASES }, () => randomUUID());
    let next = 0;
    await Promise.all(
      Array.from({ length: FILING_CONCURRENCY }, async () => {
        while (next < caseIds.length) {
          const caseId = caseIds[next++];
          await commands.execute(caseId, fileAppealCommand(caseId), {
            actor: { id: 'citizen-bench', role: 'citizen' },
            correlationId: randomUUID(),
          });
        }
      }),
    );
    const filingMs = Date.now() - filingStarted;

    const missed = await waitForMisses(store, CASES, 60_000 + filingMs);
    const delays = missed
      .map(
        (event) =>
          Date.parse(event.metadata.occurredAt) -
          Date.parse((event.data as DeadlineMissed['data']).due),
      )
      .sort((a, b) => a - b);
    const dueTimes = missed.map((event) => Date.parse((event.data as DeadlineMissed['data']).due));
    const spreadS = (Math.max(...dueTimes) - Math.min(...dueTimes)) / 1000;
    console.log(
      `  ${mode.padEnd(10)} filed in ${(filingMs / 1000).toFixed(1)} s, due over ${spreadS.toFixed(1)} s, ` +
        `${missed.length}/${CASES} recorded; due → DeadlineMissed: ` +
        `p50 ${percentile(delays, 50)} ms, p99 ${percentile(delays, 99)} ms, max ${delays.at(-1)} ms`,
    );
  } finally {
    await app?.close();
    await database.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (mode === 'bullmq') await deleteKeys(prefix);
  }
}

/** every DeadlineMissed in the store, once there are `count` of them */
async function waitForMisses(
  store: EventStore,
  count: number,
  timeoutMs: number,
): Promise<RecordedEvent[]> {
  const until = Date.now() + timeoutMs;
  const missed: RecordedEvent[] = [];
  let from: Parameters<EventStore['readAll']>[0] = START;
  while (missed.length < count) {
    if (Date.now() > until)
      throw new Error(`only ${missed.length} of ${count} deadlines recorded in time`);
    const page = await store.readAll(from, 5000);
    for (const event of page) if (event.type === 'DeadlineMissed') missed.push(event);
    if (page.length > 0) from = page[page.length - 1].position;
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return missed;
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
