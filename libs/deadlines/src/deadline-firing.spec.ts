import type { LoadedCase } from '@recourse/commands';
import { DomainError, initialState, type CaseCommand, type CaseState } from '@recourse/domain';
import { Metrics } from '@recourse/observability';
import { DeadlineFiring, SYSTEM_ACTOR, type SystemCommands } from './deadline-firing';
import type { DeadlineTimer } from './deadline-timer';

const timer = (kind: DeadlineTimer['kind']): DeadlineTimer => ({
  caseId: 'c1',
  kind,
  setAtRevision: 3,
  due: '2026-06-20T00:00:00.000Z',
});

/** a command service that runs the command factory against `state`, then answers `answer` */
function commandsAnswering(answer: () => Promise<unknown>, state: CaseState = initialState) {
  const sent: CaseCommand[] = [];
  const commands: SystemCommands = {
    execute: async (caseId, input, options) => {
      expect(options.actor).toEqual(SYSTEM_ACTOR);
      const loaded: LoadedCase = { caseId, revision: 3, state };
      sent.push(typeof input === 'function' ? input(loaded) : input);
      return (await answer()) as Awaited<ReturnType<SystemCommands['execute']>>;
    },
  };
  return { commands, sent };
}

const appended = async () => ({
  revision: 5,
  events: [{ type: 'DeadlineMissed' }, { type: 'CaseEscalated' }],
});
const refused = (code: DomainError['code']) => async () => {
  throw new DomainError(code, code);
};

describe('DeadlineFiring', () => {
  it('records a missed deadline by the revision that set it', async () => {
    const { commands, sent } = commandsAnswering(appended);
    const result = await new DeadlineFiring(commands).fire(timer('respond'));
    expect(sent).toEqual([{ type: 'RecordMissedDeadline', deadline: 'respond', setAtRevision: 3 }]);
    expect(result).toEqual({
      outcome: 'appended',
      revision: 5,
      eventTypes: ['DeadlineMissed', 'CaseEscalated'],
    });
  });

  it('counts every firing by its outcome, failures included', async () => {
    const metrics = new Metrics();
    await new DeadlineFiring(commandsAnswering(appended).commands, metrics).fire(timer('respond'));
    await new DeadlineFiring(
      commandsAnswering(refused('deadline-already-recorded')).commands,
      metrics,
    ).fire(timer('respond'));
    await expect(
      new DeadlineFiring(
        commandsAnswering(async () => {
          throw new Error('database down');
        }).commands,
        metrics,
      ).fire(timer('respond')),
    ).rejects.toThrow('database down');
    const text = await metrics.registry.getSingleMetricAsString('recourse_deadline_firings_total');
    expect(text).toMatch(/outcome="appended"} 1/);
    expect(text).toMatch(/outcome="no-op"} 1/);
    expect(text).toMatch(/outcome="failed"} 1/);
  });

  it.each(['deadline-not-standing', 'deadline-already-recorded'] as const)(
    'treats %s as nothing to do',
    async (code) => {
      const { commands } = commandsAnswering(refused(code));
      expect(await new DeadlineFiring(commands).fire(timer('acknowledge'))).toEqual({
        outcome: 'no-op',
        reason: code,
      });
    },
  );

  it('asks to wait when the domain clock says the deadline is not due', async () => {
    const { commands } = commandsAnswering(refused('deadline-not-due'));
    expect(await new DeadlineFiring(commands).fire(timer('acknowledge'))).toEqual({
      outcome: 'not-due',
    });
  });

  it('lets any other failure through, so the timer retries', async () => {
    const { commands } = commandsAnswering(async () => {
      throw new Error('store unavailable');
    });
    await expect(new DeadlineFiring(commands).fire(timer('acknowledge'))).rejects.toThrow(
      'store unavailable',
    );
    const invalid = commandsAnswering(refused('invalid-transition'));
    await expect(new DeadlineFiring(invalid.commands).fire(timer('respond'))).rejects.toThrow(
      DomainError,
    );
  });

  it('closes the case only while the decision whose window ended is the current one', async () => {
    const decided = (escalationWindowEndsAt: string): CaseState => ({
      ...initialState,
      status: 'decided',
      decision: {
        outcome: 'rejected',
        reasons: 'r',
        authorityId: 'a',
        level: 0,
        final: false,
        escalationWindowEndsAt,
      },
    });
    const current = commandsAnswering(appended, decided(timer('escalation-window').due));
    expect(
      (await new DeadlineFiring(current.commands).fire(timer('escalation-window'))).outcome,
    ).toBe('appended');
    expect(current.sent).toEqual([{ type: 'CloseCase' }]);

    const superseded = commandsAnswering(appended, decided('2026-07-30T00:00:00.000Z'));
    expect(await new DeadlineFiring(superseded.commands).fire(timer('escalation-window'))).toEqual({
      outcome: 'no-op',
      reason: 'decision-superseded',
    });
    const closed = commandsAnswering(
      refused('invalid-transition'),
      decided(timer('escalation-window').due),
    );
    expect(await new DeadlineFiring(closed.commands).fire(timer('escalation-window'))).toEqual({
      outcome: 'no-op',
      reason: 'invalid-transition',
    });
  });
});
