import { randomBytes } from 'node:crypto';
import { BullmqDeadlineTimers, timerId } from '@recourse/deadlines';
import { systemClock } from '@recourse/infrastructure';
import type { RecordedEvent } from '@recourse/event-store';
import { PrivateRedis } from '../faults/private-redis';
import { eventually } from '../support/eventually';
import { startDeadlines, type DeadlinesHarness } from './harness';

/**
 * Far under the sweep's hour, so only a re-armed timer fires in time; far over the 2 s lateness
 * target, which `npm run test:faults` measures (late p99), since a loaded test machine stretches
 * every step here.
 */
const MAX_LATENESS_MS = 20_000;

// Redis restarted without its data loses every timer. Deadlines falling due right after must
// still fire on time, those of a case the read models do not show yet included (the sweep, which
// reads them, cannot see it; the minute sweep would be far too late anyway: it runs hourly here).
describe('deadlines through a Redis restarted empty', () => {
  let redis: PrivateRedis;
  let h: DeadlinesHarness;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    h = await startDeadlines({ redis: true, redisUrl: redis.url });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
  });

  const queue = () => (h.timers as BullmqDeadlineTimers).jobs;
  const acknowledgeTimer = (caseId: string) =>
    timerId({ caseId, kind: 'acknowledge', setAtRevision: 0 });
  const inReadModel = async (caseId: string) =>
    (await h.database.query('SELECT 1 FROM cases WHERE id = $1', [caseId])).rows.length > 0;

  /** holds back the projections (they cannot write the cases table) until the returned release */
  const holdProjections = async (): Promise<() => Promise<void>> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // EXCLUSIVE: reads of the table (the sweep's) go on, writes wait
    const holding = h.database.transaction(async (tx) => {
      await tx.query('LOCK TABLE cases IN EXCLUSIVE MODE');
      locked();
      await released;
    });
    await Promise.race([isLocked, holding]);
    return async () => {
      release();
      await holding;
    };
  };

  const latenessOf = (events: RecordedEvent[]) => {
    const missed = events.find((event) => event.type === 'DeadlineMissed')!;
    const { due } = missed.data as { due: string };
    return Date.parse(missed.metadata.occurredAt) - Date.parse(due);
  };

  it('fires deadlines due just after the loss on time, that of a case not yet projected included', async () => {
    const projected = await h.fileAppeal();
    await h.waitForReadModel(projected, 0);
    const releaseProjections = await holdProjections();
    let unprojected: string;
    try {
      unprojected = await h.fileAppeal();
      const [filed] = await h.events(unprojected);
      await h.waitForScheduler(filed.position);
      expect(await queue().getJob(acknowledgeTimer(unprojected))).toBeDefined();

      await redis.restartEmpty();

      // armed again while the read models still do not show the case
      await eventually(
        async () => (await queue().getJob(acknowledgeTimer(unprojected))) !== undefined,
        MAX_LATENESS_MS,
        'the timer of the case not yet projected was not armed again',
      );
      expect(await inReadModel(unprojected)).toBe(false);
    } finally {
      await releaseProjections();
    }

    for (const caseId of [projected, unprojected]) {
      const events = await h.waitForEvents(caseId, (all) =>
        all.some((event) => event.type === 'DeadlineMissed'),
      );
      expect(latenessOf(events)).toBeLessThan(MAX_LATENESS_MS);
    }
  });

  it("re-arms the deadlines though the process's reminder timers saw the empty Redis first", async () => {
    const prefix = `t-redis-loss-${randomBytes(6).toString('hex')}`;
    const options = { redisUrl: redis.url, prefix, concurrency: 1 };
    const nothingToFire = { fire: async () => ({ outcome: 'no-op', reason: 'test' }) as const };
    // the notifier's reminders: the same prefix, a queue of their own, no loss handler
    const reminders = new BullmqDeadlineTimers(
      { ...options, queueName: 'notify.reminders' },
      nothingToFire,
      systemClock,
    );
    const deadlines = new BullmqDeadlineTimers(
      { ...options, queueName: 'deadlines' },
      nothingToFire,
      systemClock,
    );
    const rearmed = jest.fn(async () => undefined);
    deadlines.whenLost(rearmed);
    try {
      await reminders.start();
      await deadlines.start();

      expect(rearmed).toHaveBeenCalledTimes(1);
    } finally {
      await reminders.stop();
      await deadlines.stop();
    }
  });
});
