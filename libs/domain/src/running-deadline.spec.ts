import { fold } from './case-state';
import { deadlineRuns, runningClocks, runningDeadline } from './running-deadline';
import type { CaseStatus } from './status';
import {
  acknowledged,
  alice,
  awaitingInformation,
  decided,
  filed,
  filePetition,
  monday,
  underReview,
} from './testing/fixtures';
import { history, type Step } from './testing/spec';

const clocksOf = (steps: Step[]) => {
  const state = fold(history(steps));
  return runningClocks({
    ...state,
    escalationWindowEndsAt: state.decision?.escalationWindowEndsAt ?? null,
  });
};

describe('which deadline runs in which status', () => {
  it.each<[CaseStatus, boolean, boolean]>([
    ['none', false, false],
    ['filed', true, true],
    ['escalated', true, true],
    ['acknowledged', false, true],
    ['under_review', false, true],
    ['awaiting_information', false, false],
    ['decided', false, false],
    ['withdrawn', false, false],
    ['closed', false, false],
  ])('%s: acknowledge %s, respond %s', (status, acknowledge, respond) => {
    expect(deadlineRuns('acknowledge', status)).toBe(acknowledge);
    expect(deadlineRuns('respond', status)).toBe(respond);
  });

  it('the authority works against the acknowledgement first, then the response', () => {
    const atFiling = fold(history(filed));
    expect(runningDeadline(atFiling)).toEqual({
      kind: 'acknowledge',
      deadline: atFiling.deadlines.acknowledgeBy,
    });
    const reviewing = fold(history(underReview));
    expect(runningDeadline(reviewing)).toEqual({
      kind: 'respond',
      deadline: reviewing.deadlines.respondBy,
    });
    expect(runningDeadline(fold(history(awaitingInformation)))).toBeNull();
    expect(runningDeadline(fold(history(decided)))).toBeNull();
  });

  it('a petition below its threshold runs no response clock', () => {
    const petition = fold(history([[filePetition(), alice, monday]]));
    expect(runningDeadline({ ...petition, status: 'acknowledged' })).toEqual({
      kind: 'respond',
      deadline: null,
    });
  });

  it('lists every clock that runs: both deadlines at filing, the escalation window once decided', () => {
    expect(clocksOf(filed).map((clock) => clock.kind)).toEqual(['acknowledge', 'respond']);
    expect(clocksOf(acknowledged).map((clock) => clock.kind)).toEqual(['respond']);
    expect(clocksOf(awaitingInformation)).toEqual([]);
    const decision = fold(history(decided)).decision!;
    expect(clocksOf(decided)).toEqual([
      { kind: 'escalation-window', due: decision.escalationWindowEndsAt },
    ]);
    expect(clocksOf([...decided.slice(0, 1), [{ type: 'WithdrawCase' }, alice, monday]])).toEqual(
      [],
    );
  });
});
