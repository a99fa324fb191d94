import { fold } from './case-state';
import { explainDeadline, computeDeadline, resumeDeadline } from './deadline-policy';
import { examplePolicy } from './example-policy';
import { nextStep } from './next-step';
import {
  acknowledged,
  alice,
  awaitingInformation,
  daysAfter,
  decided,
  escalate,
  filePetition,
  filed,
  monday,
  provincialCaseworker,
  underReview,
} from './testing/fixtures';
import { history } from './testing/spec';

describe('explainDeadline', () => {
  it('says where a working-day deadline comes from', () => {
    // Friday 20 Nov 2026 17:00 Shanghai + 15 working days, with a holiday on Monday 30 November
    const policy = {
      ...examplePolicy,
      calendars: { cn: { ...examplePolicy.calendars.cn, holidays: ['2026-11-30'] } },
    };
    const deadline = computeDeadline({
      kind: 'respond',
      rule: 'P15WD',
      start: new Date('2026-11-20T09:00:00Z'),
      calendarId: 'cn',
      policy,
    });
    const paused = resumeDeadline(
      deadline,
      {
        from: new Date('2026-11-23T02:00:00Z'),
        to: new Date('2026-11-26T02:00:00Z'),
        reason: 'awaiting information',
      },
      policy,
    );
    expect(explainDeadline(deadline)).toBe(
      'due 14 Dec 2026 17:00 Asia/Shanghai: 15 working days from 20 Nov 2026; skipped 8 weekend days and 1 holiday',
    );
    expect(explainDeadline(paused)).toBe(
      'due 17 Dec 2026 17:00 Asia/Shanghai: 15 working days from 20 Nov 2026; skipped 8 weekend days and 1 holiday; paused 3 working days awaiting information',
    );
  });

  it('says where an absolute deadline comes from', () => {
    const deadline = computeDeadline({
      kind: 'respond',
      rule: 'PT24H',
      start: new Date('2026-06-13T08:10:00Z'),
      calendarId: 'cn',
      policy: examplePolicy,
    });
    expect(explainDeadline(deadline)).toBe(
      'due 14 Jun 2026 16:10 Asia/Shanghai: 1 day from 13 Jun 2026 16:10',
    );
  });
});

describe('nextStep', () => {
  const now = daysAfter(monday, 1);

  it('waits for the authority to acknowledge a filed case', () => {
    const state = fold(history(filed));
    expect(nextStep(state, examplePolicy, now)).toMatchObject({
      kind: 'acknowledge',
      who: 'authority',
      authorityId: 'zhengzhou-health',
      deadline: state.deadlines.acknowledgeBy,
      due: '2026-06-17T01:00:00.000Z',
      overdue: false,
    });
    expect(nextStep(state, examplePolicy, now).explanation).toMatch(
      /^Zhengzhou Health Commission must acknowledge the case: due 17 Jun 2026/,
    );
    expect(nextStep(state, examplePolicy, daysAfter(monday, 3))).toMatchObject({
      overdue: true,
      explanation: expect.stringContaining('(overdue)'),
    });
  });

  it('waits for a decision once acknowledged or under review', () => {
    for (const steps of [acknowledged, underReview]) {
      const state = fold(history(steps));
      expect(nextStep(state, examplePolicy, now)).toMatchObject({
        kind: 'respond',
        who: 'authority',
        deadline: state.deadlines.respondBy,
      });
    }
  });

  it('waits for the citizen while information is requested, with the clock paused', () => {
    expect(nextStep(fold(history(awaitingInformation)), examplePolicy, now)).toMatchObject({
      kind: 'respond',
      who: 'citizen',
      due: null,
      explanation: expect.stringContaining('paused'),
    });
  });

  it('offers the escalation window after a decision, until it ends', () => {
    const state = fold(history(decided));
    const endsAt = state.decision!.escalationWindowEndsAt!;
    expect(nextStep(state, examplePolicy, now)).toMatchObject({
      kind: 'escalation-window',
      who: 'citizen',
      due: endsAt,
      explanation: expect.stringContaining('escalate to Henan Provincial Health Commission'),
    });
    expect(nextStep(state, examplePolicy, new Date(endsAt)).overdue).toBe(true);
  });

  it('counts a petition’s support before its response clock starts', () => {
    const petition = history([[filePetition(), alice, monday]]);
    const acknowledgedPetition = fold([
      ...petition,
      { type: 'CaseAcknowledged', data: { authorityId: 'zhengzhou-health' } },
    ]);
    expect(nextStep(acknowledgedPetition, examplePolicy, now)).toMatchObject({
      kind: null,
      deadline: null,
      explanation: 'collecting support: 0 of 100 signatures; the response clock starts at 100',
    });
  });

  it('waits for the next authority after an escalation', () => {
    const state = fold(history([...decided, [escalate(), alice, daysAfter(monday, 3)]]));
    expect(nextStep(state, examplePolicy, now)).toMatchObject({
      kind: 'acknowledge',
      who: 'authority',
      authorityId: 'henan-health',
    });
  });

  it('has nothing next once closed or withdrawn', () => {
    const top = history([
      ...decided,
      [escalate(), alice, daysAfter(monday, 3)],
      [{ type: 'ReferCase', reason: 'up' }, provincialCaseworker, daysAfter(monday, 3)],
      [
        { type: 'AcknowledgeCase' },
        { id: 'n', role: 'caseworker', authorityId: 'national-ombudsman' },
        daysAfter(monday, 4),
      ],
      [
        { type: 'IssueDecision', outcome: 'upheld', reasons: 'r' },
        { id: 'n', role: 'caseworker', authorityId: 'national-ombudsman' },
        daysAfter(monday, 5),
      ],
    ]);
    expect(nextStep(fold(top), examplePolicy, now)).toMatchObject({
      kind: null,
      who: null,
      explanation: 'closed: the decision of National Ombudsman is final',
    });
    const withdrawn = fold(history([...filed, [{ type: 'WithdrawCase' }, alice, monday]]));
    expect(nextStep(withdrawn, examplePolicy, now)).toMatchObject({
      kind: null,
      explanation: 'withdrawn by the citizen',
    });
  });
});
