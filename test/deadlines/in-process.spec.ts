import { InProcessDeadlineTimers, pendingTimers, caseEventAt } from '@recourse/deadlines';
import { ofType, startDeadlines, toCaseEvent, type DeadlinesHarness } from './harness';

// Embedded mode (no REDIS_URL): the same scheduler, handler and sweep over in-process timers.
describe('deadline timers in process', () => {
  let h: DeadlinesHarness;

  beforeAll(async () => {
    h = await startDeadlines({ redis: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('uses in-process timers without REDIS_URL', () => {
    expect(h.timers).toBeInstanceOf(InProcessDeadlineTimers);
  });

  it('records a missed acknowledgement once and escalates', async () => {
    const caseId = await h.fileAppeal();
    const recorded = await h.waitForEvents(
      caseId,
      (events) => ofType(events, 'CaseEscalated').length > 0,
    );
    const events = recorded.map(toCaseEvent);

    expect(events.map((event) => event.type)).toEqual([
      'CaseFiled',
      'DeadlineMissed',
      'CaseEscalated',
    ]);
    expect(ofType(events, 'DeadlineMissed')[0].data).toMatchObject({
      deadline: 'acknowledge',
      setAtRevision: 0,
    });
    expect(Date.parse(recorded[1].metadata.occurredAt)).toBeGreaterThanOrEqual(
      Date.parse(ofType(events, 'DeadlineMissed')[0].data.due),
    );
  });

  it('re-arms timers lost with the process from the sweep', async () => {
    const caseId = await h.fileAppeal();
    const [filed] = await h.events(caseId);
    await h.waitForScheduler(filed.position);
    const timers = h.timers as InProcessDeadlineTimers;
    // what a restart loses: the timers of this case
    const lost = pendingTimers(caseId, [caseEventAt(filed)]);
    expect(lost.map((timer) => timers.isArmed(timer))).toEqual([true, true]);
    await timers.disarm(lost);
    expect(lost.map((timer) => timers.isArmed(timer))).toEqual([false, false]);
    await h.waitForReadModel(caseId, 0);

    const report = await h.sweep.sweep();

    expect(report.armed).toBeGreaterThanOrEqual(lost.length);
    expect(lost.map((timer) => timers.isArmed(timer))).toEqual([true, true]);
    const events = (
      await h.waitForEvents(caseId, (all) => ofType(all, 'CaseEscalated').length > 0)
    ).map(toCaseEvent);
    expect(ofType(events, 'DeadlineMissed')).toHaveLength(1);
  });
});
