import type { INestApplication, Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
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
import { ResponseValidator } from './openapi';

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
  /**
   * paths of test-only routes (from `modules`) whose answers are not checked against the OpenAPI
   * document; every other answer of `http` is
   */
  unvalidatedPaths?: RegExp;
  /** the Redis namespace of the rate-limit counts; default: the app's own */
  rateLimitKeyPrefix?: string;
  /** the BullMQ prefix of the queues /admin/queues shows; default: the app's own */
  queueBoardPrefix?: string;
}

export interface TestApp {
  app: INestApplication;
  /** supertest on the app; every answer is checked against the OpenAPI document (openapi.ts) */
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
  let responses: ResponseValidator;
  try {
    app = await createApp(config, {
      database: options.wrapDatabase?.(database) ?? database,
      clock: options.clock,
      policy: options.policy,
      worker: options.worker,
      modules: options.modules,
      logDestination: options.logDestination,
      rateLimitKeyPrefix: options.rateLimitKeyPrefix ?? `t_${randomUUID()}:ratelimit:`,
      queueBoardPrefix: options.queueBoardPrefix ?? `t_${randomUUID()}`,
    });
    responses = ResponseValidator.of(app);
  } catch (error) {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    http: validatingAgent(request.agent(app.getHttpServer()), (method, url, response) => {
      if (!options.unvalidatedPaths?.test(new URL(url, 'http://localhost').pathname)) {
        responses.check(method, url, response);
      }
    }),
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

type Agent = ReturnType<typeof request.agent>;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/**
 * The agent, with one more assertion on every request it makes: `check` sees each answer, and
 * what it throws fails the request's `await` like a failed `.expect()`.
 */
function validatingAgent(
  agent: Agent,
  check: (method: string, url: string, response: request.Response) => void,
): Agent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !HTTP_METHODS.has(property)) return value;
      return (url: string, ...rest: unknown[]) =>
        (value as (url: string, ...rest: unknown[]) => request.Test)
          .call(target, url, ...rest)
          .expect((response: request.Response) => check(property, url, response));
    },
  });
}
