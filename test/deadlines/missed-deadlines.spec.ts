import { randomUUID } from 'node:crypto';
import { timerId, type BullmqDeadlineTimers } from '@recourse/deadlines';
import type { CaseCommand } from '@recourse/domain';
import {
  caseworkerOf,
  citizen,
  ofType,
  startDeadlines,
  toCaseEvent,
  type DeadlinesHarness,
} from './harness';

// BullMQ on real Redis (a unique prefix), PostgreSQL on a fresh schema, PT2S deadlines
describe('deadline timers on BullMQ', () => {
  let h: DeadlinesHarness;

  beforeAll(async () => {
    h = await startDeadlines({ redis: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records a missed acknowledgement once and escalates to the next authority', async () => {
    const caseId = await h.fileAppeal('zhengzhou-health');
    const recorded = await h.waitForEvents(
      caseId,
      (events) => ofType(events, 'CaseEscalated').length > 0,
    );
    const filedAt = Date.parse(recorded[0].metadata.occurredAt);
    // the response deadline set at filing (PT3S) passes too: the escalation superseded it
    await h.waitForEvents(caseId, () => Date.now() > filedAt + 3_600);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const events = (await h.events(caseId)).map(toCaseEvent);

    expect(events.map((event) => event.type)).toEqual([
      'CaseFiled',
      'DeadlineMissed',
      'CaseEscalated',
    ]);
    const [missed] = ofType(events, 'DeadlineMissed');
    expect(missed.data).toMatchObject({
      deadline: 'acknowledge',
      setAtRevision: 0,
      authorityId: 'zhengzhou-health',
    });
    const [escalated] = ofType(events, 'CaseEscalated');
    expect(escalated.data).toMatchObject({
      fromAuthorityId: 'zhengzhou-health',
      toAuthorityId: 'henan-health',
      level: 1,
      reason: 'missed-deadline',
    });
    // fresh deadlines of the escalated rules (PT1H / PT2H), not the old ones
    expect(Date.parse(escalated.data.deadlines.acknowledgeBy!.due)).toBeGreaterThan(
      Date.now() + 3_000_000,
    );
    expect(escalated.data.deadlines.acknowledgeBy!.rule).toBe('PT1H');
    // the miss was recorded after it was due, by the system actor
    const missedAt = recorded[1].metadata.occurredAt;
    expect(Date.parse(missedAt)).toBeGreaterThanOrEqual(Date.parse(missed.data.due));
    expect(recorded[1].metadata.actor).toEqual({ id: 'system', role: 'system' });
  });

  it('does not fire the response deadline while the clock is paused for information', async () => {
    const caseId = await h.fileAppeal('zhengzhou-health');
    const staff = caseworkerOf('zhengzhou-health');
    await h.run(caseId, { type: 'AcknowledgeCase' }, staff);
    const requested = await h.run(
      caseId,
      { type: 'RequestInformation', requestId: 'q1', question: 'Which station?' },
      staff,
    );
    const queue = (h.timers as BullmqDeadlineTimers).jobs;
    const respondJob = timerId({ caseId, kind: 'respond', setAtRevision: 0 });
    // once the scheduler has seen the request, the paused response timer is gone (while the
    // acknowledge timer armed by the same filing is still there)
    await h.waitForScheduler(requested.position);
    expect(await queue.getJob(respondJob)).toBeUndefined();
    expect(
      await queue.getJob(timerId({ caseId, kind: 'acknowledge', setAtRevision: 0 })),
    ).toBeDefined();
    const respondBy = requested.state.deadlines.respondBy!;
    await sleepUntil(Date.parse(respondBy.due) + 500);

    expect((await h.sweep.sweep()).fired).toBe(0);
    expect(ofType((await h.events(caseId)).map(toCaseEvent), 'DeadlineMissed')).toEqual([]);

    // answering resumes the clock: the moved deadline gets its own timer and fires
    const provided = await h.run(
      caseId,
      { type: 'ProvideInformation', message: 'Zhengzhou East' },
      citizen,
    );
    const events = (
      await h.waitForEvents(caseId, (all) => ofType(all, 'DeadlineMissed').length > 0)
    ).map(toCaseEvent);
    expect(ofType(events, 'DeadlineMissed')[0].data).toMatchObject({
      deadline: 'respond',
      setAtRevision: provided.revision,
    });
  });

  it('records misses at the top authority without escalating', async () => {
    const caseId = await h.fileAppeal('national-ombudsman');
    const events = (
      await h.waitForEvents(caseId, (all) => ofType(all, 'DeadlineMissed').length === 2)
    ).map(toCaseEvent);

    expect(events.map((event) => event.type)).toEqual([
      'CaseFiled',
      'DeadlineMissed',
      'DeadlineMissed',
    ]);
    expect(ofType(events, 'DeadlineMissed').map((event) => event.data)).toEqual([
      expect.objectContaining({
        deadline: 'acknowledge',
        setAtRevision: 0,
        authorityId: 'national-ombudsman',
      }),
      expect.objectContaining({
        deadline: 'respond',
        setAtRevision: 0,
        authorityId: 'national-ombudsman',
      }),
    ]);
  });

  it('closes a decided case when its escalation window ends', async () => {
    const caseId = await h.fileAppeal('zhengzhou-health');
    const staff = caseworkerOf('zhengzhou-health');
    await h.run(caseId, { type: 'AcknowledgeCase' }, staff);
    const decided = await h.run(
      caseId,
      { type: 'IssueDecision', outcome: 'rejected', reasons: 'The scan was valid.' },
      staff,
    );
    const windowEndsAt = decided.state.decision!.escalationWindowEndsAt!;
    const recorded = await h.waitForEvents(caseId, (all) => ofType(all, 'CaseClosed').length > 0);
    // the response deadline (PT3S) passes too, but the decision met it
    await sleepUntil(Date.parse(recorded[0].metadata.occurredAt) + 3_500);
    const events = (await h.events(caseId)).map(toCaseEvent);

    expect(events.map((event) => event.type)).toEqual([
      'CaseFiled',
      'CaseAcknowledged',
      'DecisionIssued',
      'CaseClosed',
    ]);
    expect(ofType(events, 'CaseClosed')[0].data).toEqual({ reason: 'escalation-window-ended' });
    expect(Date.parse(recorded[3].metadata.occurredAt)).toBeGreaterThanOrEqual(
      Date.parse(windowEndsAt),
    );
  });

  it("starts a petition's response clock and its timer when the threshold is reached", async () => {
    const caseId = randomUUID();
    await h.run(caseId, petition(caseId), citizen);
    await h.run(caseId, { type: 'AcknowledgeCase' }, caseworkerOf('zhengzhou-health'));
    const filed = await h.run(
      caseId,
      { type: 'SignPetition' },
      { id: 'signer-1', role: 'citizen' },
    );
    expect(filed.state.deadlines.respondBy).toBeNull(); // below the threshold (2): no clock
    const reached = await h.run(
      caseId,
      { type: 'SignPetition' },
      { id: 'signer-2', role: 'citizen' },
    );
    expect(reached.events.map((event) => event.type)).toEqual([
      'PetitionSigned',
      'SupportThresholdReached',
    ]);

    await h.waitForScheduler(reached.position);
    const queue = (h.timers as BullmqDeadlineTimers).jobs;
    const job = await queue.getJob(
      timerId({ caseId, kind: 'respond', setAtRevision: reached.revision }),
    );
    expect(job?.data.due).toBe(reached.state.deadlines.respondBy!.due);

    const events = (
      await h.waitForEvents(caseId, (all) => ofType(all, 'CaseEscalated').length > 0)
    ).map(toCaseEvent);
    expect(ofType(events, 'DeadlineMissed').map((event) => event.data)).toEqual([
      expect.objectContaining({ deadline: 'respond', setAtRevision: reached.revision }),
    ]);
  });
});

const petition = (caseId: string): CaseCommand => ({
  type: 'FileCase',
  caseId,
  reference: `RC-${caseId.slice(0, 8)}`,
  kind: 'petition',
  authorityId: 'zhengzhou-health',
  priority: 'standard',
  appellant: { name: 'Liu', contact: 'liu@example.org' },
  title: 'Publish the health-code rules',
  demand: 'Publish the rules that turn a code red.',
});

const sleepUntil = (time: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));
