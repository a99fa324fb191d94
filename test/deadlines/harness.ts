import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { CaseCommandService, CommandsModule } from '@recourse/commands';
import { loadConfig } from '@recourse/config';
import { EVENT_STORE, InfrastructureModule } from '@recourse/infrastructure';
import {
  DEADLINE_TIMERS,
  DeadlineFiring,
  DeadlineScheduler,
  DeadlinesModule,
  ReconciliationSweep,
  type DeadlineTimers,
} from '@recourse/deadlines';
import {
  caseStreamName,
  examplePolicyJson,
  loadPolicy,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type Clock,
  type Policy,
} from '@recourse/domain';
import {
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@recourse/event-store';
import { ProjectionsModule } from '@recourse/projections';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { fileAppealCommand } from '../support/fixtures';
import { deleteKeysWithPrefix } from '../support/redis';
import { eventually } from '../support/eventually';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The example ladder (zhengzhou-health → henan-health → national-ombudsman) with second-long clocks. */
export const secondsPolicy: Policy = loadPolicy({
  ...examplePolicyJson,
  version: 'deadline-tests',
  deadlines: {
    appeal: {
      standard: { acknowledge: 'PT2S', respond: 'PT3S' },
      urgent: { acknowledge: 'PT2S', respond: 'PT3S' },
    },
    petition: { standard: { acknowledge: 'PT2S', respond: 'PT2S' } },
    // an escalated case gets an hour: a test sees exactly one escalation
    escalated: { acknowledge: 'PT1H', respond: 'PT2H' },
  },
  escalation: { onMissedDeadline: true, citizenWindow: 'PT2S' },
  petition: { supportThreshold: 2 },
});

/** Wall time plus an offset the test moves: BullMQ still waits in wall time. */
export class ShiftableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  shift(ms: number): void {
    this.offsetMs += ms;
  }
}

export const citizen: Actor = { id: 'citizen-1', role: 'citizen' };
export const caseworkerOf = (authorityId: string): Actor => ({
  id: `cw-${authorityId}`,
  role: 'caseworker',
  authorityId,
});

export interface DeadlinesHarness {
  module: TestingModule;
  clock: ShiftableClock;
  database: TestDatabase;
  commands: CaseCommandService;
  firing: DeadlineFiring;
  timers: DeadlineTimers;
  scheduler: DeadlineScheduler;
  sweep: ReconciliationSweep;
  /** BullMQ key prefix of the deadline queue (unique per harness) */
  prefix: string;
  run(
    caseId: string,
    command: CaseCommand,
    actor: Actor,
  ): ReturnType<CaseCommandService['execute']>;
  fileAppeal(authorityId?: string): Promise<string>;
  events(caseId: string): Promise<RecordedEvent[]>;
  /** polls the stream until `done` holds (bounded) */
  waitForEvents(
    caseId: string,
    done: (events: CaseEvent[]) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedEvent[]>;
  /** polls until the deadline scheduler has turned every event up to `position` into timers */
  waitForScheduler(position: Position): Promise<void>;
  /** polls the read model until the case row is at least at `revision` */
  waitForReadModel(caseId: string, revision: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The worker side on its own: infrastructure on a fresh schema, commands, projections and the
 * deadline timers (BullMQ on a unique prefix, on the shared Redis unless `redisUrl` names
 * another; or in-process). The sweep runs only when a test calls it (its interval is an hour),
 * so every test says when reconciliation happens.
 */
export async function startDeadlines(options: {
  redis: boolean;
  /** default secondsPolicy */
  policy?: Policy;
  /** default the shared Redis (REDIS_URL) */
  redisUrl?: string;
}): Promise<DeadlinesHarness> {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const prefix = `t-deadlines-${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-deadlines-'));
  const config = loadConfig({
    AUTH_JWT_SECRET: 'recourse-test-secret-not-for-production-0123456789',
    RECOURSE_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(options.redis ? { REDIS_URL: redisUrl } : {}),
  });
  const clock = new ShiftableClock();
  const database = await openTestDatabase();
  const module = await Test.createTestingModule({
    imports: [
      InfrastructureModule.forRoot(config, {
        database,
        clock,
        policy: options.policy ?? secondsPolicy,
      }),
      CommandsModule,
      ProjectionsModule.forRoot({ prefix: `${prefix}-projections` }),
      DeadlinesModule.forRoot({ prefix, sweep: { intervalMs: 3_600_000 } }),
    ],
  })
    .setLogger(process.env.LOG_LEVEL ? new Logger() : { log() {}, error() {}, warn() {} })
    .compile();
  await module.init();
  const commands = module.get(CaseCommandService);
  const store = module.get<EventStore>(EVENT_STORE);
  const run: DeadlinesHarness['run'] = (caseId, command, actor) =>
    commands.execute(caseId, command, { actor, correlationId: randomUUID() });
  const events = (caseId: string) => store.readStream(caseStreamName(caseId));
  return {
    module,
    clock,
    database,
    commands,
    firing: module.get(DeadlineFiring),
    timers: module.get<DeadlineTimers>(DEADLINE_TIMERS),
    scheduler: module.get(DeadlineScheduler),
    sweep: module.get(ReconciliationSweep),
    prefix,
    run,
    events,
    async fileAppeal(authorityId = 'zhengzhou-health') {
      const caseId = randomUUID();
      await run(caseId, appeal(caseId, authorityId), citizen);
      return caseId;
    },
    async waitForEvents(caseId, done, timeoutMs = 10_000) {
      return eventually(
        async () => {
          const recorded = await events(caseId);
          return done(recorded.map(toCaseEvent)) ? recorded : undefined;
        },
        timeoutMs,
        `case ${caseId}: the expected events did not arrive`,
      );
    },
    async waitForScheduler(position) {
      const scheduler = module.get(DeadlineScheduler);
      await eventually(
        async () => {
          const handled = scheduler.position;
          return handled && comparePositions(handled, position) >= 0 ? true : undefined;
        },
        10_000,
        'the deadline scheduler did not catch up',
      );
    },
    async waitForReadModel(caseId, revision) {
      await eventually(
        async () => {
          const { rows } = await database.query<{ last_revision: number }>(
            'SELECT last_revision FROM cases WHERE id = $1',
            [caseId],
          );
          return rows[0] && rows[0].last_revision >= revision ? true : undefined;
        },
        10_000,
        `case ${caseId}: the read model did not reach revision ${revision}`,
      );
    },
    async close() {
      try {
        await module.close();
      } finally {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
        // the Redis server is shared and keeps what it is given: leave nothing of this harness
        if (options.redis) {
          await deleteRedisKeys(prefix, redisUrl);
          await deleteRedisKeys(`${prefix}-projections`, redisUrl);
        }
      }
    },
  };
}

export const appeal = (caseId: string, authorityId: string): CaseCommand =>
  fileAppealCommand(caseId, { authorityId });

export const toCaseEvent = (recorded: RecordedEvent): CaseEvent =>
  ({ type: recorded.type, data: recorded.data }) as CaseEvent;

export const ofType = <T extends CaseEvent['type']>(events: CaseEvent[], type: T) =>
  events.filter((event): event is Extract<CaseEvent, { type: T }> => event.type === type);

/** Deletes every Redis key under the prefix, as a Redis that lost its data would. */
export async function deleteRedisKeys(prefix: string, url = REDIS_URL): Promise<number> {
  const redis = new IORedis(url);
  try {
    return await deleteKeysWithPrefix(redis, prefix);
  } finally {
    await redis.quit();
  }
}
