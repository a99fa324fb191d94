import { evolve, fold, initialState } from './case-state';
import type { Deadline } from './deadline';
import type { CaseEvent, CaseFiled } from './events';
import {
  acknowledge,
  alice,
  assign,
  bob,
  caseworker,
  daysAfter,
  decideCase,
  escalate,
  filePetition,
  fileAppeal,
  monday,
  missed,
  policyWith,
  provideInformation,
  provincialCaseworker,
  requestInformation,
  sign,
  system,
} from './testing/fixtures';
import { history } from './testing/spec';

const lifecycle = () =>
  history([
    [fileAppeal(), alice, monday],
    [acknowledge, caseworker, daysAfter(monday, 0.1)],
    [assign(caseworker.id), caseworker, daysAfter(monday, 0.2)],
    [requestInformation(), caseworker, daysAfter(monday, 0.3)],
    [provideInformation, alice, daysAfter(monday, 1)],
    [decideCase(), caseworker, daysAfter(monday, 2)],
    [escalate(), alice, daysAfter(monday, 3)],
    [acknowledge, provincialCaseworker, daysAfter(monday, 4)],
  ]);

describe('evolve and fold', () => {
  it('start before any event at revision -1 with nothing known', () => {
    expect(initialState).toMatchObject({
      status: 'none',
      revision: -1,
      caseId: null,
      authorityHistory: [],
    });
  });

  it('count one revision per event', () => {
    const events = lifecycle();
    expect(fold(events).revision).toBe(events.length - 1);
    expect(evolve(fold(events.slice(0, 3)), events[3]).revision).toBe(3);
  });

  it('walk the statuses of the lifecycle', () => {
    const events = lifecycle();
    const statuses = events.map((_, index) => fold(events.slice(0, index + 1)).status);
    expect(statuses).toEqual([
      'filed',
      'acknowledged',
      'under_review',
      'awaiting_information',
      'under_review',
      'decided',
      'decided', // EscalationRequested
      'escalated',
      'acknowledged',
    ]);
  });

  it('continue a fold from an earlier state', () => {
    const events = lifecycle();
    expect(fold(events.slice(4), fold(events.slice(0, 4)))).toEqual(fold(events));
  });

  it('never recompute a deadline: the stored one is kept, whatever the policy says now', () => {
    const [filed] = history([[fileAppeal(), alice, monday]]) as [CaseFiled];
    const oldPolicyDeadline: Deadline = {
      ...filed.data.deadlines.respondBy!,
      rule: 'P30WD',
      due: '2031-01-01T00:00:00.000Z',
      policyVersion: 'retired-policy',
    };
    const stored: CaseFiled = {
      ...filed,
      data: { ...filed.data, deadlines: { ...filed.data.deadlines, respondBy: oldPolicyDeadline } },
    };
    expect(fold([stored]).deadlines.respondBy).toEqual(oldPolicyDeadline);
  });

  it('keep who held the case, who owns it, and which revision set each deadline', () => {
    const events = lifecycle();
    const state = fold(events);
    expect(state).toMatchObject({
      caseId: 'case-1',
      reference: 'RC-2026-000001',
      kind: 'appeal',
      ownerId: 'alice',
      priority: 'standard',
      authorityId: 'henan-health',
      level: 1,
      assignee: null,
      authorityHistory: ['zhengzhou-health', 'henan-health'],
      deadlineSetAt: { acknowledge: 7, respond: 7 },
    });
    expect(fold(events.slice(0, 5)).deadlineSetAt).toEqual({ acknowledge: 0, respond: 4 });
  });

  it('record missed deadlines', () => {
    const events = history([
      [fileAppeal(), alice, monday],
      [missed('acknowledge', 0), system, daysAfter(monday, 3)],
    ]);
    expect(fold(events).missedDeadlines).toEqual([
      {
        deadline: 'acknowledge',
        due: '2026-06-17T01:00:00.000Z',
        setAtRevision: 0,
        authorityId: 'zhengzhou-health',
      },
    ]);
  });

  it('count signatures and start the petition response clock at the threshold', () => {
    const policy = policyWith({ petition: { supportThreshold: 2 } });
    const events = history(
      [
        [filePetition(), alice, monday],
        [sign, alice, monday],
        [sign, bob, monday],
      ],
      policy,
    );
    const state = fold(events);
    expect(state).toMatchObject({
      signatures: 2,
      thresholdReached: true,
      deadlineSetAt: { respond: 3 },
    });
    expect([...state.signers]).toEqual(['alice', 'bob']);
    expect(state.deadlines.respondBy).toEqual(
      (events[3] as Extract<CaseEvent, { type: 'SupportThresholdReached' }>).data.respondBy,
    );
  });

  it('let an event type they do not know take its revision and change nothing else', () => {
    const before = fold(lifecycle());
    const after = evolve(before, { type: 'CaseRenamed', data: {} } as unknown as CaseEvent);
    expect(after).toEqual({ ...before, revision: before.revision + 1 });
  });

  it('leave the initial state untouched', () => {
    const snapshot = JSON.stringify({ ...initialState, signers: [...initialState.signers] });
    fold(
      history(
        [
          [filePetition(), alice, monday],
          [sign, bob, monday],
        ],
        policyWith({ petition: { supportThreshold: 5 } }),
      ),
    );
    expect(JSON.stringify({ ...initialState, signers: [...initialState.signers] })).toBe(snapshot);
  });
});
