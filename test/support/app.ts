import type { INestApplication, Type } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { mintToken, type TokenRole } from '@recourse/auth';
import { loadConfig, type RecourseConfig } from '@recourse/config';
import { DATABASE, EVENT_STORE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import type { Clock, Policy } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { createApp } from '../../apps/api/src/create-app';
import { openTestDatabase } from './database';

/** The HS256 secret every test app verifies with. */
export const TEST_JWT_SECRET = 'recourse-test-secret-not-for-production-0123456789';

export interface TestAppOptions {
  policy?: Policy;
  clock?: Clock;
  /** run the worker modules (projections, deadlines) in the app too */
  worker?: boolean;
  /** further modules to compose into the app (e.g. test-only controllers) */
  modules?: Type[];
  /** extra environment for loadConfig, e.g. { REDIS_URL: 'redis://127.0.0.1:6379' } */
  env?: Record<string, string>;
  /** a PostgreSQL server of the test's own instead of the shared one (a fresh schema on it) */
  databaseUrl?: string;
  /** where log lines go; default: discarded unless LOG_LEVEL is set */
  logDestination?: DestinationStream;
  /** what the app gets instead of the test database (e.g. a wrapper recording statements) */
  wrapDatabase?: (database: Database) => Database;
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request.agent>;
  /** 'Bearer <jwt>' for this user */
  token(sub: string, role: TokenRole, authorityId?: string): Promise<string>;
  database: Database;
  eventStore: EventStore;
  config: RecourseConfig;
  close(): Promise<void>;
}

/** The real API (same createApp as main.ts) on a fresh PostgreSQL schema, dropped on close. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-test-'));
  const config = loadConfig({
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    RECOURSE_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const database = await openTestDatabase({ url: options.databaseUrl });
  let app: INestApplication;
  try {
    app = await createApp(config, {
      database: options.wrapDatabase?.(database) ?? database,
      clock: options.clock,
      policy: options.policy,
      worker: options.worker,
      modules: options.modules,
      logDestination: options.logDestination,
    });
  } catch (error) {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    http: request.agent(app.getHttpServer()),
    token: async (sub, role, authorityId) =>
      `Bearer ${await mintToken({ sub, role, authorityId }, config)}`,
    database: app.get<Database>(DATABASE),
    eventStore: app.get<EventStore>(EVENT_STORE),
    config,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
