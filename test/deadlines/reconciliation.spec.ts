import { timerId, type BullmqDeadlineTimers } from '@recourse/deadlines';
import {
  caseworkerOf,
  deleteRedisKeys,
  ofType,
  startDeadlines,
  toCaseEvent,
  type DeadlinesHarness,
} from './harness';
import { eventually } from '../support/eventually';

// A timer goes missing (a job removed, given up): the sweep, reading the read model and the
// streams, still records every deadline. Redis losing them all is noticed and re-armed at once.
describe('reconciliation sweep', () => {
  let h: DeadlinesHarness;

  beforeAll(async () => {
    h = await startDeadlines({ redis: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  const queue = () => (h.timers as BullmqDeadlineTimers).jobs;

  /** removes every timer of the case from the queue, as if it had been lost */
  const loseTimersOf = async (caseId: string) => {
    const jobs = await queue().getJobs(['delayed', 'wait', 'prioritized']);
    const ofCase = jobs.filter((job) => job?.data.caseId === caseId);
    await Promise.all(ofCase.map((job) => job.remove()));
    return ofCase.length;
  };

  /** files an appeal and loses its timers once the scheduler has armed them */
  const fileAndLoseTimers = async (authorityId = 'zhengzhou-health') => {
    const caseId = await h.fileAppeal(authorityId);
    const [filed] = await h.events(caseId);
    await h.waitForScheduler(filed.position);
    const acknowledgeJob = timerId({ caseId, kind: 'acknowledge', setAtRevision: 0 });
    expect(await queue().getJob(acknowledgeJob)).toBeDefined();
    expect(await loseTimersOf(caseId)).toBeGreaterThan(0);
    expect(await queue().getJob(acknowledgeJob)).toBeUndefined();
    await h.waitForReadModel(caseId, 0);
    const due = (filed.data as { deadlines: { acknowledgeBy: { due: string } } }).deadlines
      .acknowledgeBy.due;
    return { caseId, due: Date.parse(due) };
  };

  it('fires a deadline whose timer Redis lost', async () => {
    const { caseId, due } = await fileAndLoseTimers();
    await sleepUntil(due + 1_000);
    // nothing fired on its own: the timer is really gone
    expect(ofType((await h.events(caseId)).map(toCaseEvent), 'DeadlineMissed')).toEqual([]);

    const report = await h.sweep.sweep();

    expect(report.fired).toBeGreaterThanOrEqual(1);
    const events = (await h.events(caseId)).map(toCaseEvent);
    expect(events.map((event) => event.type)).toEqual([
      'CaseFiled',
      'DeadlineMissed',
      'CaseEscalated',
    ]);
    // a second sweep finds nothing left to do for this case
    await h.waitForReadModel(caseId, 2);
    await h.sweep.sweep();
    expect(ofType((await h.events(caseId)).map(toCaseEvent), 'DeadlineMissed')).toHaveLength(1);
  });

  it('re-arms a deadline due soon, so it fires on time without another sweep', async () => {
    const { caseId } = await fileAndLoseTimers();

    const report = await h.sweep.sweep();

    expect(report.armed).toBeGreaterThanOrEqual(1);
    expect(
      await queue().getJob(timerId({ caseId, kind: 'acknowledge', setAtRevision: 0 })),
    ).toBeDefined();
    const events = (
      await h.waitForEvents(caseId, (all) => ofType(all, 'CaseEscalated').length > 0)
    ).map(toCaseEvent);
    expect(ofType(events, 'DeadlineMissed')).toHaveLength(1);
  });

  it('closes a decided case whose window timer Redis lost', async () => {
    const caseId = await h.fileAppeal();
    const staff = caseworkerOf('zhengzhou-health');
    await h.run(caseId, { type: 'AcknowledgeCase' }, staff);
    const decided = await h.run(
      caseId,
      { type: 'IssueDecision', outcome: 'upheld', reasons: 'Valid.' },
      staff,
    );
    await h.waitForScheduler(decided.position);
    expect(await loseTimersOf(caseId)).toBeGreaterThan(0);
    await h.waitForReadModel(caseId, decided.revision);
    await sleepUntil(Date.parse(decided.state.decision!.escalationWindowEndsAt!) + 500);
    expect(ofType((await h.events(caseId)).map(toCaseEvent), 'CaseClosed')).toEqual([]);

    await h.sweep.sweep();

    expect(ofType((await h.events(caseId)).map(toCaseEvent), 'CaseClosed')).toEqual([
      { type: 'CaseClosed', data: { reason: 'escalation-window-ended' } },
    ]);
  });

  it('re-arms every pending timer at once when Redis loses them all, without waiting for a sweep', async () => {
    const caseId = await h.fileAppeal();
    const [filed] = await h.events(caseId);
    await h.waitForScheduler(filed.position);
    await h.waitForReadModel(caseId, 0);
    const acknowledge = timerId({ caseId, kind: 'acknowledge', setAtRevision: 0 });
    expect(await deleteRedisKeys(h.prefix)).toBeGreaterThan(0);
    expect(await queue().getJob(acknowledge)).toBeUndefined();
    // noticed within a second or so, and armed again: it then fires on its own
    await eventually(async () => (await queue().getJob(acknowledge)) !== undefined, 5_000);
    const events = (
      await h.waitForEvents(caseId, (all) => ofType(all, 'DeadlineMissed').length > 0)
    ).map(toCaseEvent);
    expect(ofType(events, 'DeadlineMissed')).toHaveLength(1);
  });
});

const sleepUntil = (time: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));
