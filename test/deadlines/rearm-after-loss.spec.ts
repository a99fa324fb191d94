import { randomUUID } from 'node:crypto';
import { timerId, type BullmqDeadlineTimers } from '@recourse/deadlines';
import { examplePolicyJson, loadPolicy } from '@recourse/domain';
import { forEachLimited } from '@recourse/infrastructure';
import type { RecordedEvent } from '@recourse/event-store';
import { fileAppealCommand } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { citizen, deleteRedisKeys, startDeadlines, type DeadlinesHarness } from './harness';

/** standard appeals: a minute to acknowledge; urgent ones: seconds, the deadline due soon */
const policy = loadPolicy({
  ...examplePolicyJson,
  version: 'rearm-tests',
  deadlines: {
    appeal: {
      standard: { acknowledge: 'PT1M', respond: 'PT2M' },
      urgent: { acknowledge: 'PT3S', respond: 'PT1H' },
    },
    petition: { standard: { acknowledge: 'PT1M', respond: 'PT2M' } },
    escalated: { acknowledge: 'PT1H', respond: 'PT2H' },
  },
  escalation: { onMissedDeadline: true, citizenWindow: 'PT1H' },
});

/** deadlines past due when Redis loses the timers: each one a command to run at once */
const OVERDUE = 600;
/** deadlines a minute off when Redis loses the timers */
const UPCOMING = 100;
/**
 * How late the deadline due seconds after the loss may fire. Re-armed case by case in order of
 * due time, it waited behind every overdue deadline's command (1.99, 3.63 and 4.02 s late, load
 * 4-5); with a lane of its own it was armed at once (16 and 79 ms late; 1.1 s at load 11 beside
 * the PGlite suite).
 */
const MAX_LATENESS_MS = 1_500;

// Redis lost the timers while many deadlines had passed: firing those must not hold up the
// deadline falling due a few seconds later, and every deadline still to come is armed again.
describe('re-arming the deadline timers after Redis lost them', () => {
  let h: DeadlinesHarness;

  beforeAll(async () => {
    h = await startDeadlines({ redis: true, policy });
  });
  afterAll(async () => {
    await h?.close();
  });

  const queue = () => (h.timers as BullmqDeadlineTimers).jobs;
  const acknowledgeTimer = (caseId: string) =>
    timerId({ caseId, kind: 'acknowledge', setAtRevision: 0 });

  const fileAppeals = async (count: number, priority: 'standard' | 'urgent') => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await forEachLimited(ids, 8, async (caseId) => {
      await h.run(caseId, fileAppealCommand(caseId, { priority }), citizen);
    });
    return ids;
  };
  const projected = async (ids: string[]) => {
    const { rows } = await h.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return rows[0].n === ids.length;
  };
  const missed = (events: RecordedEvent[]) =>
    events.find((event) => event.type === 'DeadlineMissed');

  it('fires the deadline due seconds after the loss on time, however many are overdue, and arms every one to come', async () => {
    const overdue = await fileAppeals(OVERDUE, 'standard');
    await eventually(() => projected(overdue), 30_000, 'the overdue cases were not projected');
    // a minute on: every one of them is past due, and their timers wait in wall time
    h.clock.shift(61_000);
    const upcoming = await fileAppeals(UPCOMING, 'standard');
    const [soon] = await fileAppeals(1, 'urgent');
    const [filed] = await h.events(soon);
    await h.waitForScheduler(filed.position);
    await eventually(() => projected([...upcoming, soon]), 30_000, 'cases not projected');

    expect(await deleteRedisKeys(h.prefix)).toBeGreaterThan(0);

    const events = await h.waitForEvents(soon, (all) =>
      all.some((event) => event.type === 'DeadlineMissed'),
    );
    const { due } = missed(events)!.data as { due: string };
    const lateness = Date.parse(missed(events)!.metadata.occurredAt) - Date.parse(due);
    expect(lateness).toBeLessThan(MAX_LATENESS_MS);
    // every overdue deadline recorded, every one to come armed again (its job id as before)
    await eventually(
      async () => {
        for (const caseId of overdue) if (!missed(await h.events(caseId))) return false;
        return true;
      },
      30_000,
      'an overdue deadline was not recorded',
    );
    for (const caseId of upcoming) {
      expect(await queue().getJob(acknowledgeTimer(caseId))).toBeDefined();
    }
  });
});
