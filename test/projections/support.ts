import { Logger } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import IORedis, { type Redis } from 'ioredis';
import { CaseCommandService } from '@recourse/commands';
import type { Database } from '@recourse/database';
import {
  caseIdOfStream,
  examplePolicy,
  type Actor,
  type CaseCommand,
  type Clock,
  type FileCase,
} from '@recourse/domain';
import { openEventStore, type EventStore } from '@recourse/event-store';
import { systemClock } from '@recourse/infrastructure';
import { Metrics } from '@recourse/observability';
import {
  epochKey,
  ProjectionFeeder,
  ProjectionWorkers,
  resolveProjectionOptions,
  type ProjectionOptions,
  type ResolvedProjectionOptions,
} from '@recourse/projections';
import { migrateReadModels } from '@recourse/read-models';
import { PersonalDataService } from '@recourse/personal-data';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { TEST_KEK } from '../support/keys';
import { fileAppealCommand } from '../support/fixtures';
import { deleteKeysWithPrefix } from '../support/redis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const AUTHORITY = 'zhengzhou-health';
export const citizen = (id: string): Actor => ({ id, role: 'citizen' });
export const caseworker = (id: string, authorityId = AUTHORITY): Actor => ({
  id,
  role: 'caseworker',
  authorityId,
});

/** A fresh schema, the PostgreSQL event store on it, the read-model tables and the command path. */
export interface Stores {
  db: TestDatabase;
  store: EventStore;
  commands: CaseCommandService;
  /** opens the sealed personal values of what the read models hold */
  personalData: PersonalDataService;
  close(): Promise<void>;
}

export async function openStores(clock: Clock = systemClock): Promise<Stores> {
  const db = await openTestDatabase({ maxConnections: 20 });
  const store = await openEventStore({ database: db });
  await migrateReadModels(db);
  const personalData = new PersonalDataService(db, { kek: TEST_KEK });
  await personalData.onModuleInit();
  const commands = new CaseCommandService(store, examplePolicy, clock, personalData);
  return {
    db,
    store,
    commands,
    personalData,
    close: async () => {
      await store.close();
      await db.close();
    },
  };
}

/** Runs a command through the real command path (decide + append). */
export async function run(
  stores: Pick<Stores, 'commands'>,
  caseId: string,
  command: CaseCommand,
  actor: Actor,
) {
  return stores.commands.execute(caseId, command, { actor, correlationId: randomUUID() });
}

/** Files an appeal for `owner`, returns its id. */
export async function file(
  stores: Pick<Stores, 'commands'>,
  owner = 'alice',
  overrides: Partial<FileCase> = {},
) {
  const caseId = randomUUID();
  await run(stores, caseId, fileAppealCommand(caseId, overrides), citizen(owner));
  return caseId;
}

/** A feeder plus partition workers on a unique BullMQ prefix. */
export interface Pipeline {
  options: ResolvedProjectionOptions;
  redis: Redis;
  feeder: ProjectionFeeder;
  workers: ProjectionWorkers;
  metrics: Metrics;
  startWorkers(): Promise<ProjectionWorkers>;
  stop(): Promise<void>;
}

export const uniquePrefix = (): string => `test-proj-${randomBytes(6).toString('hex')}`;

export async function startPipeline(
  stores: Pick<Stores, 'db' | 'store'>,
  options: ProjectionOptions = {},
  parts: { feeder?: boolean } = {},
): Promise<Pipeline> {
  const resolved = resolveProjectionOptions({
    prefix: uniquePrefix(),
    backoffMs: 20,
    redisCheckMs: 100,
    ...options,
  });
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const metrics = new Metrics();
  const pipeline: Pipeline = {
    options: resolved,
    redis,
    metrics,
    feeder: new ProjectionFeeder(stores.db, stores.store, redis, resolved),
    workers: new ProjectionWorkers(stores.db, stores.store, redis, resolved, metrics),
    startWorkers: async () => {
      pipeline.workers = new ProjectionWorkers(stores.db, stores.store, redis, resolved, metrics);
      await pipeline.workers.start();
      return pipeline.workers;
    },
    stop: async () => {
      await pipeline.feeder.stop();
      await pipeline.workers.stop();
      await deleteKeysWithPrefix(redis, resolved.prefix);
      await redis.quit();
    },
  };
  await pipeline.workers.start();
  if (parts.feeder !== false) await pipeline.feeder.start();
  // without a feeder the test adds jobs itself: mark Redis as fed, as the feeder would
  else await redis.set(epochKey(resolved.prefix), 'test');
  return pipeline;
}

/** Every case stream's last revision, read from the store itself. */
export async function streamHeads(store: EventStore): Promise<Map<string, number>> {
  const heads = new Map<string, number>();
  let from: Parameters<EventStore['readAll']>[0] = 'start';
  for (;;) {
    const events = await store.readAll(from, 5000);
    if (events.length === 0) return heads;
    for (const event of events) {
      const caseId = caseIdOfStream(event.stream);
      if (caseId) heads.set(caseId, event.revision);
    }
    from = events[events.length - 1].position;
  }
}

/** True when every case row holds its stream's last revision, and no row is extra. */
export async function projectedMatchesStore(db: Database, store: EventStore): Promise<boolean> {
  const heads = await streamHeads(store);
  const { rows } = await db.query<{ id: string; last_revision: number }>(
    'SELECT id, last_revision FROM cases',
  );
  return rows.length === heads.size && rows.every((row) => heads.get(row.id) === row.last_revision);
}

/** The projected tables as comparable JSON (rows ordered by key). */
export async function snapshot(db: Database): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    cases: 'id',
    case_timeline: 'case_id, revision',
    case_notes: 'case_id, revision',
    petition_signatures: 'case_id',
  };
  const result: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(tables)) {
    const { rows } = await db.query<{ row: unknown }>(
      `SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY ${key}`,
    );
    result[table] = rows.map((r) => r.row);
  }
  return result;
}

/** Nest's console logger is noise in tests, unless LOG_LEVEL asks for it. */
export function quietNestLogs(): void {
  if (!process.env.LOG_LEVEL) Logger.overrideLogger(false);
}
