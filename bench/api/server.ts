/**
 * One server of bench:api, in a child process of its own so that the load generator does not
 * share its event loop: `bare` (the baseline), `recourse` (the full application on a fresh
 * PostgreSQL schema, logging at the configured LOG_LEVEL to stdout as in production) or
 * `plaintext` (the same with personal data passed through unencrypted: the baseline of what
 * encryption costs). Reports { port, token, caseId, newcomers } over IPC; answers "cpu" with
 * { cpu } (µs used so far); on "stop" closes, drops its schema and exits.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { mintToken } from '@recourse/auth';
import { loadConfig } from '@recourse/config';
import { EVENT_STORE } from '@recourse/infrastructure';
import { openDatabase, quoteIdentifier, type Database } from '@recourse/database';
import { caseStreamName, type CaseFiled } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { ALL_CHECKPOINT, applyEvents } from '@recourse/read-models';
import { createApp } from '../../apps/api/src/create-app';
import { appealBody } from '../../test/support/fixtures';
import { createBareApp } from './bare-app';
import { PlaintextPersonalDataModule } from './plaintext-personal-data';

export type ServerKind = 'bare' | 'recourse' | 'plaintext';

export interface ServerReady {
  port: number;
  token: string;
  /** tokens of citizens who have filed nothing yet (no data key), one per request */
  newcomers: string[];
  /** a case the token's citizen owns, in the read models */
  caseId: string;
}

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'recourse-bench-secret-not-for-production-0123456789';
/** more than the filings of all rounds of one scenario on this machine */
const NEWCOMERS = Number(process.env.BENCH_NEWCOMERS ?? 20_000);

async function listen(app: INestApplication): Promise<number> {
  const server = await app.listen(0, '127.0.0.1');
  return (server.address() as AddressInfo).port;
}

async function fileOne(port: number, token: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(appealBody()),
  });
  if (response.status !== 201) throw new Error(`filing answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

async function bare(): Promise<{ ready: ServerReady; close: () => Promise<void> }> {
  const app = await createBareApp();
  const port = await listen(app);
  const caseId = await fileOne(port, 'none');
  return { ready: { port, token: 'none', caseId, newcomers: [] }, close: () => app.close() };
}

async function recourse(
  encrypted: boolean,
): Promise<{ ready: ServerReady; close: () => Promise<void> }> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const database: Database = await openDatabase({ url: DATABASE_URL, schema, maxConnections: 20 });
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-bench-'));
  const config = loadConfig({
    RECOURSE_DATA_DIR: dataDir,
    DATABASE_URL,
    AUTH_JWT_SECRET: SECRET,
    RECOURSE_KEK: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.LOG_LEVEL,
    RATE_LIMIT_PER_MINUTE: '0', // one token at full speed: measure the path, not the limiter
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
  });
  const app = await createApp(config, {
    database,
    modules: encrypted ? [] : [PlaintextPersonalDataModule],
  });
  const port = await listen(app);
  const token = await mintToken({ sub: 'bench', role: 'citizen' }, config);
  const caseId = await fileOne(port, token);
  const newcomers = await Promise.all(
    Array.from({ length: NEWCOMERS }, (_, i) =>
      mintToken({ sub: `newcomer-${i}`, role: 'citizen' }, config),
    ),
  );
  // the bench runs no projection worker: project the one case that GET reads
  const events = await app.get<EventStore>(EVENT_STORE).readStream(caseStreamName(caseId));
  // the two are compared: make sure each stores what it claims to
  const { name } = (events[0].data as CaseFiled['data']).appellant;
  if (typeof name !== 'object' || (name.$enc.kid === 'plaintext') === encrypted) {
    throw new Error(
      `the ${encrypted ? 'encrypted' : 'plaintext'} server stored ${JSON.stringify(name)}`,
    );
  }
  await database.transaction((tx) => applyEvents(tx, events, ALL_CHECKPOINT));
  return {
    ready: { port, token, caseId, newcomers },
    close: async () => {
      await app.close();
      await database.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  const { ready, close } = kind === 'bare' ? await bare() : await recourse(kind === 'recourse');
  process.on('message', (message) => {
    // the CPU this process has used so far (µs, user + system): main.ts takes it around each round
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ cpu: user + system });
      return;
    }
    if (message !== 'stop') return;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  process.send!(ready);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
