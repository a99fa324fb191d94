import { randomUUID } from 'node:crypto';
import { timerId, type BullmqDeadlineTimers, type DeadlineTimer } from '@recourse/deadlines';
import {
  ERASED,
  examplePolicyJson,
  loadPolicy,
  type Actor,
  type CaseFiled,
  type CaseWithdrawn,
} from '@recourse/domain';
import { PersonalDataService } from '@recourse/personal-data';
import { startDeadlines, toCaseEvent, type DeadlinesHarness } from '../deadlines/harness';
import { eventually } from '../support/eventually';
import { fileAppealCommand } from '../support/fixtures';

/** The example policy (deadlines in working days: none falls due here) with a 3-second retention. */
const RETENTION_MS = 3_000;
const policy = loadPolicy({
  ...examplePolicyJson,
  version: 'retention-tests',
  retention: { personalData: 'PT3S' },
});

// Retention through the real timers: BullMQ on Redis, PostgreSQL for the store, the read model
// and the data keys. What a subject sees: their name and withdrawal reason open until the
// retention after their last case ends, and "[erased]" from then on.
describe('retention of personal data (real PostgreSQL, Redis and BullMQ)', () => {
  let h: DeadlinesHarness;
  let personalData: PersonalDataService;

  beforeAll(async () => {
    h = await startDeadlines({ redis: true, policy });
    personalData = h.module.get(PersonalDataService);
  });
  afterAll(async () => {
    await h?.close();
  });

  const queue = () => (h.timers as BullmqDeadlineTimers).jobs;
  const citizen = (): Actor => ({ id: `citizen-${randomUUID().slice(0, 8)}`, role: 'citizen' });

  const file = async (owner: Actor) => {
    const caseId = randomUUID();
    await h.run(
      caseId,
      fileAppealCommand(caseId, { appellant: { name: 'Wang Fang', contact: 'wang@example.org' } }),
      owner,
    );
    return caseId;
  };
  /** withdraws with a (personal) reason; resolves once its retention timer is armed */
  const withdraw = async (caseId: string, owner: Actor): Promise<DeadlineTimer> => {
    const { revision } = await h.run(
      caseId,
      { type: 'WithdrawCase', reason: 'I moved away' },
      owner,
    );
    const events = await h.events(caseId);
    await h.waitForScheduler(events[revision].position);
    await h.waitForReadModel(caseId, revision);
    const timer: DeadlineTimer = {
      caseId,
      kind: 'retention',
      setAtRevision: revision,
      due: new Date(Date.parse(events[revision].metadata.occurredAt) + RETENTION_MS).toISOString(),
    };
    expect(await queue().getJob(timerId(timer))).toBeDefined();
    return timer;
  };
  /** the personal values of the case as any view opens them */
  const opened = async (caseId: string) => {
    const events = (await h.events(caseId)).map(toCaseEvent);
    const filed = events.find((event): event is CaseFiled => event.type === 'CaseFiled')!;
    const withdrawn = events.find(
      (event): event is CaseWithdrawn => event.type === 'CaseWithdrawn',
    );
    return {
      name: await personalData.open(filed.data.appellant.name),
      reason: withdrawn && (await personalData.open(withdrawn.data.reason)),
      erasures: events
        .filter((event) => event.type === 'PersonalDataErased')
        .map((event) => event.data),
    };
  };
  /** waits until BullMQ ran the timer, and gives what it answered */
  const fired = (timer: DeadlineTimer) =>
    eventually(
      async () => {
        const job = await queue().getJob(timerId(timer));
        return job && (await job.getState()) === 'completed'
          ? (job.returnvalue as string)
          : undefined;
      },
      RETENTION_MS + 10_000,
      `retention timer ${timerId(timer)} did not run`,
    );

  it('keeps everything while another case of the subject is open, and erases after the last one ends', async () => {
    const owner = citizen();
    const first = await file(owner);
    const second = await file(owner);
    const firstTimer = await withdraw(first, owner);

    // the first case's retention comes and goes: the second case is still open
    expect(await fired(firstTimer)).toBe('no-op');
    expect(await opened(first)).toEqual({
      name: 'Wang Fang',
      reason: 'I moved away',
      erasures: [],
    });
    expect((await opened(second)).name).toBe('Wang Fang');

    const secondTimer = await withdraw(second, owner);
    expect(await fired(secondTimer)).toBe('appended');
    for (const caseId of [first, second]) {
      expect(await opened(caseId)).toEqual({
        name: ERASED,
        reason: ERASED,
        erasures: [
          expect.objectContaining({ subject: owner.id, reason: 'retention', fullyErased: true }),
        ],
      });
    }

    // a timer firing again, and the sweep, find nothing left to do
    expect(await h.firing.fire(firstTimer)).toEqual({
      outcome: 'no-op',
      reason: 'retention-not-pending',
    });
    expect(await h.firing.fire(secondTimer)).toEqual({
      outcome: 'no-op',
      reason: 'retention-not-pending',
    });
    await h.waitForReadModel(second, 2);
    await h.sweep.sweep();
    expect((await opened(first)).erasures).toHaveLength(1);
    expect((await opened(second)).erasures).toHaveLength(1);
  });

  it('erases through the sweep when the timer was lost, by the clock it is given, but not a subject with an open case', async () => {
    const done = citizen();
    const busy = citizen();
    const doneCase = await file(done);
    const busyEnded = await file(busy);
    const busyOpen = await file(busy);
    const lost = [await withdraw(doneCase, done), await withdraw(busyEnded, busy)];
    await Promise.all(lost.map((timer) => queue().remove(timerId(timer))));
    expect(await Promise.all(lost.map((timer) => queue().getJob(timerId(timer))))).toEqual([
      undefined,
      undefined,
    ]);

    // an hour on by the domain's clock: no timer is left to notice, only the sweep
    h.clock.shift(3_600_000);
    const report = await h.sweep.sweep();

    expect(report.fired).toBe(1);
    expect(await opened(doneCase)).toMatchObject({ name: ERASED, reason: ERASED });
    expect((await opened(doneCase)).erasures).toEqual([
      expect.objectContaining({ reason: 'retention' }),
    ]);
    expect(await opened(busyEnded)).toEqual({
      name: 'Wang Fang',
      reason: 'I moved away',
      erasures: [],
    });
    expect((await opened(busyOpen)).name).toBe('Wang Fang');
  });
});
