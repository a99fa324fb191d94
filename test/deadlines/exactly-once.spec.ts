import { BullmqDeadlineTimers, timerId, type DeadlineTimer } from '@recourse/deadlines';
import { REDIS_URL, ofType, startDeadlines, toCaseEvent, type DeadlinesHarness } from './harness';
import { eventually } from '../support/eventually';

// A timer may run more than once (BullMQ delivers at least once; the sweep and the timer may both
// fire; several workers): the domain check and the expected revision keep the append single.
describe('deadline timers fire exactly once', () => {
  let h: DeadlinesHarness;

  beforeAll(async () => {
    h = await startDeadlines({ redis: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  const acknowledgeTimer = async (caseId: string): Promise<DeadlineTimer> => {
    const [filed] = await h.events(caseId);
    const due = (filed.data as { deadlines: { acknowledgeBy: { due: string } } }).deadlines
      .acknowledgeBy.due;
    return { caseId, kind: 'acknowledge', setAtRevision: 0, due };
  };

  it('appends one DeadlineMissed when the job is delivered again', async () => {
    const caseId = await h.fileAppeal();
    await h.waitForEvents(caseId, (events) => ofType(events, 'CaseEscalated').length > 0);
    const queue = (h.timers as BullmqDeadlineTimers).jobs;
    const timer = await acknowledgeTimer(caseId);

    // the same deadline delivered again, as a redelivered or duplicated job would be
    const again = await queue.add('deadline', timer, { jobId: `${timerId(timer)}.again` });
    const redelivered = await eventually(
      async () => {
        const state = await queue.getJobState(again.id!);
        // fetched after it completed: a job read earlier keeps its old returnvalue
        return state === 'completed' ? queue.getJob(again.id!) : undefined;
      },
      10_000,
      'the redelivered job did not complete',
    );
    expect(redelivered.returnvalue).toBe('no-op');
    // arming it again under its own id changes nothing: the job that fired is still known
    await h.timers.arm([timer]);
    expect(await (await queue.getJob(timerId(timer)))?.getState()).toBe('completed');

    const events = (await h.events(caseId)).map(toCaseEvent);
    expect(ofType(events, 'DeadlineMissed')).toHaveLength(1);
    expect(ofType(events, 'CaseEscalated')).toHaveLength(1);
  });

  it('appends one DeadlineMissed when workers and the sweep race on a due deadline', async () => {
    const caseId = await h.fileAppeal();
    const timer = await acknowledgeTimer(caseId);
    // due by the domain's clock now, while the scheduled job still waits for wall time
    h.clock.shift(5_000);
    // a second worker process on the same queue, with duplicate jobs for the same deadline
    const otherWorker = new BullmqDeadlineTimers(
      { redisUrl: REDIS_URL, prefix: h.prefix, queueName: 'deadlines', concurrency: 8 },
      h.firing,
      h.clock,
    );
    await otherWorker.start();
    try {
      const duplicates = Array.from({ length: 4 }, (_, i) => ({
        name: 'deadline',
        data: timer,
        opts: { jobId: `${timerId(timer)}.dup${i}` },
      }));
      const [results] = await Promise.all([
        Promise.all(Array.from({ length: 6 }, () => h.firing.fire(timer))),
        (h.timers as BullmqDeadlineTimers).jobs.addBulk(duplicates),
        h.sweep.sweep(),
      ]);
      for (const result of results) {
        if (result.outcome === 'no-op')
          expect(result.reason).toMatch(/deadline-already-recorded|deadline-not-standing/);
      }
      await h.waitForEvents(caseId, (events) => ofType(events, 'CaseEscalated').length > 0);
      const queue = (h.timers as BullmqDeadlineTimers).jobs;
      await eventually(
        async () => {
          const states = await Promise.all(
            duplicates.map(async (d) => (await queue.getJob(d.opts.jobId))?.getState()),
          );
          return states.every((state) => state === 'completed') ? true : undefined;
        },
        10_000,
        'the duplicate jobs did not complete',
      );
      expect(results.filter((result) => result.outcome === 'appended').length).toBeLessThanOrEqual(
        1,
      );
    } finally {
      await otherWorker.stop();
      h.clock.shift(-5_000);
    }
    const events = (await h.events(caseId)).map(toCaseEvent);
    expect(events.map((event) => event.type)).toEqual([
      'CaseFiled',
      'DeadlineMissed',
      'CaseEscalated',
    ]);
  });

  it('waits again when the domain clock says the deadline is not due yet (clock skew)', async () => {
    const caseId = await h.fileAppeal();
    const [filed] = await h.events(caseId);
    await h.waitForScheduler(filed.position);
    // the job was armed on one clock; the domain now runs 1.5 s behind it
    h.clock.shift(-1_500);
    try {
      const recorded = await h.waitForEvents(
        caseId,
        (events) => ofType(events, 'DeadlineMissed').length > 0,
      );
      const missed = recorded.find((event) => event.type === 'DeadlineMissed')!;
      const due = (missed.data as { due: string }).due;
      expect(Date.parse(missed.metadata.occurredAt)).toBeGreaterThanOrEqual(Date.parse(due));
      expect(ofType(recorded.map(toCaseEvent), 'DeadlineMissed')).toHaveLength(1);
    } finally {
      h.clock.shift(1_500);
    }
  });
});
