import { fold } from './case-state';
import {
  acknowledge,
  acknowledged,
  alice,
  awaitingInformation,
  bob,
  caseworker,
  daysAfter,
  decideCase,
  decided,
  escalate,
  filed,
  filePetition,
  hoursAfter,
  missed,
  monday,
  ombudsmanCaseworker,
  policyWith,
  provideInformation,
  provincialCaseworker,
  supervisor,
  system,
  underReview,
} from './testing/fixtures';
import { given, history, type Step } from './testing/spec';

const decidedAt = daysAfter(monday, 2);
const noAutoEscalation = policyWith({
  escalation: { onMissedDeadline: false, citizenWindow: 'P15D' },
});
const refer = (reason = 'Outside our competence') => ({ type: 'ReferCase', reason }) as const;

/** A case escalated by the citizen to henan-health (level 1), then referred to the national ombudsman (level 2). */
const atTopAuthority: Step[] = [
  ...decided,
  [escalate(), alice, daysAfter(monday, 3)],
  [refer(), provincialCaseworker, daysAfter(monday, 4)],
];

describe('RequestEscalation', () => {
  const now = daysAfter(decidedAt, 3);

  it('moves a decided case to the next authority with fresh escalated deadlines computed now', () => {
    const events = given(history(decided)).when(escalate(), { actor: alice, now }).events();
    expect(events).toMatchObject([
      { type: 'EscalationRequested', data: { grounds: 'The answer ignores my evidence.' } },
      {
        type: 'CaseEscalated',
        data: {
          fromAuthorityId: 'zhengzhou-health',
          toAuthorityId: 'henan-health',
          level: 1,
          reason: 'citizen',
          deadlines: {
            acknowledgeBy: { rule: 'P2WD', start: now.toISOString(), calendar: 'cn' },
            respondBy: { rule: 'P10WD', start: now.toISOString() },
          },
        },
      },
    ]);
    const state = fold([...history(decided), ...events]);
    expect(state).toMatchObject({
      status: 'escalated',
      authorityId: 'henan-health',
      level: 1,
      assignee: null,
      decision: null,
      authorityHistory: ['zhengzhou-health', 'henan-health'],
    });
    expect(state.deadlineSetAt).toEqual({ acknowledge: state.revision, respond: state.revision });
  });

  it('restarts the cycle one level up: the new authority acknowledges, reviews and decides', () => {
    const upOne = history([
      ...decided,
      [escalate(), alice, now],
      [acknowledge, provincialCaseworker, daysAfter(now, 1)],
    ]);
    expect(fold(upOne).status).toBe('acknowledged');
    given(upOne)
      .when(decideCase(), { actor: provincialCaseworker, now: daysAfter(now, 2) })
      .thenMatch([
        { type: 'DecisionIssued', data: { authorityId: 'henan-health', level: 1, final: false } },
      ]);
  });

  it('is refused once the escalation window has ended', () => {
    given(history(decided))
      .when(escalate(), { actor: alice, now: daysAfter(decidedAt, 15) })
      .thenRefused('escalation-window-closed');
  });

  it('is refused on an undecided case whose deadlines were all kept', () => {
    given(history(underReview))
      .when(escalate(), { actor: alice, now })
      .thenRefused('escalation-not-allowed');
  });

  it('is allowed on an undecided case whose authority missed a deadline', () => {
    const late = history(
      [...filed, [missed('acknowledge', 0), system, daysAfter(monday, 3)]],
      noAutoEscalation,
    );
    given(late)
      .when(escalate(), { actor: alice, now: daysAfter(monday, 4), policy: noAutoEscalation })
      .thenMatch([
        { type: 'EscalationRequested' },
        { type: 'CaseEscalated', data: { reason: 'citizen', level: 1 } },
      ]);
  });

  it('is refused at the top authority, whose decision is final', () => {
    given(history(atTopAuthority))
      .when(escalate(), { actor: alice, now: daysAfter(monday, 5) })
      .thenRefused('no-higher-authority');
  });

  it('needs grounds', () => {
    given(history(decided))
      .when(escalate('  '), { actor: alice, now })
      .thenRefused('reasons-required');
  });

  it('is refused to anyone but the owner, and on a withdrawn case', () => {
    given(history(decided)).when(escalate(), { actor: bob, now }).thenRefused('not-case-owner');
    given(history(decided))
      .when(escalate(), { actor: caseworker, now })
      .thenRefused('role-not-allowed');
    const withdrawn = history([...decided, [{ type: 'WithdrawCase' }, alice, now]]);
    given(withdrawn).when(escalate(), { actor: alice, now }).thenRefused('invalid-transition');
  });

  it('keeps a petition without enough support off the response clock one level up', () => {
    const petition = history([[filePetition(), alice, monday]]);
    const events = given(petition).when(refer(), { actor: supervisor, now }).events();
    expect(events).toMatchObject([
      { type: 'CaseEscalated', data: { deadlines: { respondBy: null } } },
    ]);
  });
});

describe('ReferCase', () => {
  const now = hoursAfter(monday, 8);

  it('sends the case to the next authority', () => {
    given(history(underReview))
      .when(refer(), { actor: supervisor, now })
      .thenMatch([
        {
          type: 'CaseEscalated',
          data: {
            fromAuthorityId: 'zhengzhou-health',
            toAuthorityId: 'henan-health',
            level: 1,
            reason: 'referral',
          },
        },
      ]);
  });

  it('is allowed before acknowledgement and while information is awaited', () => {
    given(history(filed))
      .when(refer(), { actor: caseworker, now })
      .thenMatch([{ type: 'CaseEscalated' }]);
    const events = given(history(awaitingInformation))
      .when(refer(), { actor: caseworker, now })
      .events();
    expect(fold([...history(awaitingInformation), ...events])).toMatchObject({
      status: 'escalated',
      pausedSince: null,
      openInformationRequestId: null,
    });
  });

  it('is refused at the top authority', () => {
    given(history(atTopAuthority))
      .when(refer(), { actor: ombudsmanCaseworker, now: daysAfter(monday, 5) })
      .thenRefused('no-higher-authority');
  });

  it('is refused once decided: the citizen escalates a decision', () => {
    given(history(decided))
      .when(refer(), { actor: caseworker, now })
      .thenRefused('invalid-transition');
  });

  it('needs a reason', () => {
    given(history(underReview))
      .when(refer(''), { actor: caseworker, now })
      .thenRefused('reasons-required');
  });

  it('is refused to staff of another authority and to citizens', () => {
    given(history(underReview))
      .when(refer(), { actor: provincialCaseworker, now })
      .thenRefused('not-case-authority');
    given(history(underReview))
      .when(refer(), { actor: alice, now })
      .thenRefused('role-not-allowed');
  });
});

describe('RecordMissedDeadline', () => {
  const ackDue = new Date('2026-06-17T01:00:00Z');
  const respondDue = new Date('2026-07-06T01:00:00Z');

  it('records the missed deadline and, by policy, escalates to the next authority', () => {
    given(history(filed))
      .when(missed('acknowledge', 0), { actor: system, now: ackDue })
      .thenMatch([
        {
          type: 'DeadlineMissed',
          data: {
            deadline: 'acknowledge',
            due: ackDue.toISOString(),
            setAtRevision: 0,
            authorityId: 'zhengzhou-health',
          },
        },
        {
          type: 'CaseEscalated',
          data: {
            reason: 'missed-deadline',
            toAuthorityId: 'henan-health',
            level: 1,
            deadlines: { acknowledgeBy: { start: ackDue.toISOString() } },
          },
        },
      ]);
  });

  it('only records when the policy does not escalate on missed deadlines', () => {
    given(history(filed))
      .when(missed('acknowledge', 0), { actor: system, now: ackDue, policy: noAutoEscalation })
      .then([
        {
          type: 'DeadlineMissed',
          data: {
            deadline: 'acknowledge',
            due: ackDue.toISOString(),
            setAtRevision: 0,
            authorityId: 'zhengzhou-health',
          },
        },
      ]);
  });

  it('only records at the top authority', () => {
    const top = history(atTopAuthority);
    const state = fold(top);
    given(top)
      .when(missed('acknowledge', state.deadlineSetAt.acknowledge!), {
        actor: system,
        now: new Date(state.deadlines.acknowledgeBy!.due),
      })
      .thenMatch([{ type: 'DeadlineMissed', data: { authorityId: 'national-ombudsman' } }]);
  });

  it('records a missed response deadline', () => {
    given(history(underReview))
      .when(missed('respond', 0), { actor: system, now: respondDue, policy: noAutoEscalation })
      .thenMatch([
        { type: 'DeadlineMissed', data: { deadline: 'respond', due: respondDue.toISOString() } },
      ]);
  });

  it('records each deadline once', () => {
    const recorded = history(
      [...filed, [missed('acknowledge', 0), system, ackDue]],
      noAutoEscalation,
    );
    given(recorded)
      .when(missed('acknowledge', 0), { actor: system, now: ackDue, policy: noAutoEscalation })
      .thenRefused('deadline-already-recorded');
    const escalated = history([...filed, [missed('acknowledge', 0), system, ackDue]]);
    given(escalated)
      .when(missed('acknowledge', 0), { actor: system, now: ackDue })
      .thenRefused('deadline-already-recorded');
  });

  it('is refused before the deadline is due', () => {
    given(history(filed))
      .when(missed('acknowledge', 0), { actor: system, now: new Date(ackDue.getTime() - 1) })
      .thenRefused('deadline-not-due');
  });

  it.each<[string, Step[], 'acknowledge' | 'respond']>([
    ['an acknowledgement deadline that was met', acknowledged, 'acknowledge'],
    ['a response deadline that was met', decided, 'respond'],
    ['a paused response deadline', awaitingInformation, 'respond'],
    [
      'a deadline of a withdrawn case',
      [...filed, [{ type: 'WithdrawCase' }, alice, monday]],
      'acknowledge',
    ],
  ])('refuses %s as not standing', (_what, steps, deadline) => {
    given(history(steps))
      .when(missed(deadline, 0), { actor: system, now: daysAfter(respondDue, 1) })
      .thenRefused('deadline-not-standing');
  });

  it('refuses a deadline that was replaced (moved by a resumed clock, or by an escalation)', () => {
    const resumed = history([
      ...awaitingInformation,
      [provideInformation, alice, daysAfter(monday, 1)],
    ]);
    given(resumed)
      .when(missed('respond', 0), { actor: system, now: daysAfter(respondDue, 5) })
      .thenRefused('deadline-not-standing');
    const resumedState = fold(resumed);
    given(resumed)
      .when(missed('respond', resumedState.deadlineSetAt.respond!), {
        actor: system,
        now: new Date(resumedState.deadlines.respondBy!.due),
      })
      .thenMatch([{ type: 'DeadlineMissed' }, { type: 'CaseEscalated' }]);
    const referred = history([...filed, [refer(), supervisor, monday]]);
    given(referred)
      .when(missed('acknowledge', 0), { actor: system, now: ackDue })
      .thenRefused('deadline-not-standing');
  });

  it('refuses a petition response deadline that has not started', () => {
    given(history([[filePetition(), alice, monday]]))
      .when(missed('respond', 0), { actor: system, now: respondDue })
      .thenRefused('deadline-not-standing');
  });

  it('is refused to anyone but the system', () => {
    given(history(filed))
      .when(missed('acknowledge', 0), { actor: supervisor, now: ackDue })
      .thenRefused('role-not-allowed');
  });
});
