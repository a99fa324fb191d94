import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { CaseCommandService, CommandsModule } from '@recourse/commands';
import { loadConfig } from '@recourse/config';
import { timerId } from '@recourse/deadlines';
import { examplePolicy, type Actor, type CaseCommand, type Policy } from '@recourse/domain';
import { forEachLimited, InfrastructureModule } from '@recourse/infrastructure';
import { NotifierModule, REMINDER_QUEUE } from '@recourse/notifications';
import { ProjectionsModule } from '@recourse/projections';
import { ShiftableClock } from '../deadlines/harness';
import { REDIS_URL, uniquePrefix } from '../projections/support';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { fileAppealCommand } from '../support/fixtures';
import { deleteKeysWithPrefix } from '../support/redis';

/** Every day a working day, and a citizen's window of two days and an hour: a reminder an hour off. */
const policy: Policy = {
  ...examplePolicy,
  calendars: { cn: { ...examplePolicy.calendars.cn, weekend: [], holidays: [] } },
  escalation: { ...examplePolicy.escalation, citizenWindow: 'P2DT1H' },
};

/** decided cases whose reminders Redis loses */
const DECIDED = 800;
/** after the moved clock, the first reminder is due this long after the loss */
const DUE_AFTER_LOSS_MS = 3_000;
/**
 * From noticing the loss to the soonest reminder armed again. Read one stream after another and
 * armed together at the end, it took all of them (1.8 s here at load 9.5; 5.4 s with 1,200); read
 * a page at a time, the windows closing first first, it takes the first page (44-91 ms).
 */
const MAX_REARM_MS = 400;
/** how late the first reminder may fire */
const MAX_LATENESS_MS = 1_000;

const citizen: Actor = { id: 'citizen-1', role: 'citizen' };
const caseworker: Actor = { id: 'cw-1', role: 'caseworker', authorityId: 'zhengzhou-health' };

// Redis restarted empty lost the reminder timers: they are armed again, the soonest first
// within a fraction of a second of the loss being noticed, and the first still comes on time.
describe('escalation window reminders after Redis lost their timers (BullMQ)', () => {
  const prefix = uniquePrefix();
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const reminders = new Queue(REMINDER_QUEUE, { connection: redis, prefix });
  const clock = new ShiftableClock();
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-reminders-'));
  let database: TestDatabase;
  let module: TestingModule;
  let commands: CaseCommandService;

  beforeAll(async () => {
    database = await openTestDatabase();
    const config = loadConfig({
      AUTH_JWT_SECRET: 'recourse-test-secret-not-for-production-0123456789',
      RECOURSE_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    module = await Test.createTestingModule({
      imports: [
        InfrastructureModule.forRoot(config, { database, clock, policy }),
        CommandsModule,
        ProjectionsModule.forRoot({ redisUrl: REDIS_URL, prefix }),
        NotifierModule.forRoot({ redisUrl: REDIS_URL, prefix }),
      ],
    })
      .setLogger(process.env.LOG_LEVEL ? new Logger() : { log() {}, error() {}, warn() {} })
      .compile();
    await module.init();
    commands = module.get(CaseCommandService);
  });
  afterAll(async () => {
    await module?.close();
    await database?.close();
    await reminders.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (caseId: string, command: CaseCommand, actor: Actor) =>
    commands.execute(caseId, command, { actor, correlationId: randomUUID() });
  /** files, acknowledges and decides a case; resolves to its reminder's timer id */
  const decide = async (caseId: string) => {
    await run(caseId, fileAppealCommand(caseId), citizen);
    await run(caseId, { type: 'AcknowledgeCase' }, caseworker);
    const decided = await run(
      caseId,
      { type: 'IssueDecision', outcome: 'upheld', reasons: 'Valid.' },
      caseworker,
    );
    return timerId({ caseId, kind: 'escalation-window', setAtRevision: decided.revision });
  };
  const decidedInReadModel = async () => {
    const { rows } = await database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE status = 'decided'",
    );
    return rows[0].n === DECIDED;
  };

  it('arms the soonest reminder again within a fraction of a second, and every other, and the first comes on time', async () => {
    const first = await decide(randomUUID());
    const others: string[] = [];
    await forEachLimited(
      Array.from({ length: DECIDED - 1 }, () => randomUUID()),
      8,
      async (caseId) => void others.push(await decide(caseId)),
    );
    await eventually(decidedInReadModel, 120_000, 'the decided cases were not projected');
    const due = Date.parse((await reminders.getJob(first))!.data.due);
    // the clock moved on to just before the first reminder: its timer now waits a few seconds
    const shift = due - DUE_AFTER_LOSS_MS - Date.now();
    clock.shift(shift);

    expect(await deleteKeysWithPrefix(redis, `${prefix}:${REMINDER_QUEUE}`)).toBeGreaterThan(0);

    const marker = `${prefix}:${REMINDER_QUEUE}:kept`;
    await eventually(async () => (await redis.exists(marker)) === 1, 5_000, 'loss not noticed');
    const noticed = Date.now();
    await eventually(async () => (await reminders.getJob(first)) !== undefined, 10_000);
    expect(Date.now() - noticed).toBeLessThan(MAX_REARM_MS);
    const fired = await eventually(async () => (await reminders.getJob(first))?.finishedOn);
    expect(fired + shift - due).toBeLessThan(MAX_LATENESS_MS);
    for (const id of others) expect(await reminders.getJob(id)).toBeDefined();
  }, 240_000);
});
