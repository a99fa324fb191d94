import { fold } from './case-state';
import type { InformationProvided } from './events';
import {
  acknowledge,
  acknowledged,
  admin,
  alice,
  assign,
  awaitingInformation,
  bob,
  caseworker,
  contested,
  daysAfter,
  decideCase,
  decided,
  filed,
  hoursAfter,
  monday,
  otherCaseworker,
  oversight,
  policyWith,
  provideInformation,
  provincialCaseworker,
  requestInformation,
  supervisor,
  system,
  underReview,
} from './testing/fixtures';
import { given, history } from './testing/spec';

const later = hoursAfter(monday, 6);

describe('AcknowledgeCase', () => {
  it('acknowledges a filed case for the current authority', () => {
    given(history(filed))
      .when(acknowledge, { actor: caseworker, now: later })
      .then([{ type: 'CaseAcknowledged', data: { authorityId: 'zhengzhou-health' } }]);
  });

  it('moves the case to acknowledged, or straight to under_review when already assigned', () => {
    const ack = history([...filed, [acknowledge, caseworker, later]]);
    expect(fold(ack).status).toBe('acknowledged');
    const claimedFirst = history([
      ...filed,
      [assign(caseworker.id), caseworker, later],
      [acknowledge, caseworker, later],
    ]);
    expect(fold(claimedFirst).status).toBe('under_review');
  });

  it('is refused twice', () => {
    given(history(acknowledged))
      .when(acknowledge, { actor: caseworker, now: later })
      .thenRefused('invalid-transition');
  });

  it('is refused to staff of another authority', () => {
    given(history(filed))
      .when(acknowledge, { actor: provincialCaseworker, now: later })
      .thenRefused('not-case-authority');
  });

  it.each([alice, oversight, admin, system])('is refused to a $role', (actor) => {
    given(history(filed)).when(acknowledge, { actor, now: later }).thenRefused('role-not-allowed');
  });
});

describe('AssignCase', () => {
  it('lets a caseworker claim an acknowledged case, which puts it under review', () => {
    const events = given(history(acknowledged))
      .when(assign(caseworker.id), { actor: caseworker, now: later })
      .events();
    expect(events).toEqual([
      { type: 'CaseAssigned', data: { caseworkerId: 'cw-zz', assignedBy: 'cw-zz' } },
    ]);
    const state = fold([...history(acknowledged), ...events]);
    expect(state).toMatchObject({ status: 'under_review', assignee: 'cw-zz' });
  });

  it('lets a supervisor assign anyone, also reassigning', () => {
    given(history(underReview))
      .when(assign(otherCaseworker.id), { actor: supervisor, now: later })
      .then([{ type: 'CaseAssigned', data: { caseworkerId: 'cw-zz-2', assignedBy: 'sup-zz' } }]);
  });

  it('lets a case be claimed before it is acknowledged, keeping its status', () => {
    const events = history([...filed, [assign(caseworker.id), caseworker, later]]);
    expect(fold(events)).toMatchObject({ status: 'filed', assignee: 'cw-zz' });
  });

  it('records nothing when the case is already assigned to that caseworker', () => {
    given(history(underReview))
      .when(assign(caseworker.id), { actor: caseworker, now: later })
      .then([]);
  });

  it('refuses a caseworker assigning someone else', () => {
    given(history(acknowledged))
      .when(assign(otherCaseworker.id), { actor: caseworker, now: later })
      .thenRefused('caseworker-may-only-assign-self');
  });

  it('assigns staff the directory knows at the authority holding the case, and no one else', () => {
    const to = (assigneeAuthorityId: string | null) => ({
      type: 'AssignCase' as const,
      caseworkerId: 'cw-new',
      assigneeAuthorityId,
    });
    given(history(acknowledged))
      .when(to(caseworker.authorityId!), { actor: supervisor, now: later })
      .then([
        { type: 'CaseAssigned', data: { caseworkerId: 'cw-new', assignedBy: supervisor.id } },
      ]);
    given(history(acknowledged))
      .when(to('henan-health'), { actor: supervisor, now: later })
      .thenRefused('assignee-not-in-authority');
    const unknown = given(history(acknowledged))
      .when(to(null), { actor: supervisor, now: later })
      .thenRefused('assignee-not-in-authority');
    expect(unknown.message).toMatch(/not known as staff/);
    expect(unknown.field).toBe('caseworkerId');
  });

  it('refuses an empty caseworker id', () => {
    given(history(acknowledged))
      .when(assign(' '), { actor: supervisor, now: later })
      .thenRefused('missing-field');
  });

  it('is refused on a decided case', () => {
    given(history(decided))
      .when(assign(caseworker.id), { actor: caseworker, now: later })
      .thenRefused('invalid-transition');
  });

  it('is refused to staff of another authority and to citizens', () => {
    given(history(acknowledged))
      .when(assign(provincialCaseworker.id), { actor: provincialCaseworker, now: later })
      .thenRefused('not-case-authority');
    given(history(acknowledged))
      .when(assign(alice.id), { actor: alice, now: later })
      .thenRefused('role-not-allowed');
  });
});

describe('RequestInformation', () => {
  it('pauses the response clock', () => {
    const now = hoursAfter(monday, 4);
    const events = given(history(underReview))
      .when(requestInformation(), { actor: caseworker, now })
      .events();
    expect(events).toEqual([
      {
        type: 'InformationRequested',
        data: {
          requestId: 'rq-1',
          question: 'Which station did you scan?',
          pausedAt: now.toISOString(),
        },
      },
    ]);
    expect(fold([...history(underReview), ...events])).toMatchObject({
      status: 'awaiting_information',
      pausedSince: now.toISOString(),
      pauseReason: 'awaiting information',
      openInformationRequestId: 'rq-1',
    });
  });

  it('may be asked straight after acknowledgement', () => {
    given(history(acknowledged))
      .when(requestInformation(), { actor: caseworker, now: later })
      .thenMatch([{ type: 'InformationRequested' }]);
  });

  it('is refused while a request is open, and on a filed case', () => {
    given(history(awaitingInformation))
      .when(requestInformation('rq-2'), { actor: caseworker, now: later })
      .thenRefused('invalid-transition');
    given(history(filed))
      .when(requestInformation(), { actor: caseworker, now: later })
      .thenRefused('invalid-transition');
  });

  it('refuses an empty question', () => {
    const refusal = given(history(underReview))
      .when(
        { type: 'RequestInformation', requestId: 'rq-1', question: '' },
        { actor: caseworker, now: later },
      )
      .thenRefused('missing-field');
    expect(refusal.field).toBe('question');
  });

  it('is refused on a petition whose response clock has not started', () => {
    const petition = history([
      [
        {
          type: 'FileCase',
          caseId: 'p',
          reference: 'R',
          kind: 'petition',
          authorityId: 'zhengzhou-health',
          priority: 'standard',
          appellant: { name: 'L', contact: 'c' },
          title: 't',
          demand: 'd',
        },
        alice,
        monday,
      ],
      [acknowledge, caseworker, later],
    ]);
    given(petition)
      .when(requestInformation(), { actor: caseworker, now: later })
      .thenRefused('response-clock-not-started');
  });

  it('is refused to staff of another authority and to citizens', () => {
    given(history(underReview))
      .when(requestInformation(), { actor: provincialCaseworker, now: later })
      .thenRefused('not-case-authority');
    given(history(underReview))
      .when(requestInformation(), { actor: alice, now: later })
      .thenRefused('role-not-allowed');
  });
});

describe('ProvideInformation', () => {
  // paused Monday 13:00 local, answered Thursday 10:00 local: Monday, Tuesday and Wednesday ended paused
  const answeredAt = new Date('2026-06-18T02:00:00Z');

  it('resumes the response clock and moves respondBy by the paused working days', () => {
    const before = fold(history(awaitingInformation));
    const [provided] = given(history(awaitingInformation))
      .when(provideInformation, { actor: alice, now: answeredAt })
      .events() as [InformationProvided];
    expect(provided.type).toBe('InformationProvided');
    expect(provided.data).toMatchObject({
      requestId: 'rq-1',
      message: 'Zhengzhou East, gate 3.',
      resumedAt: answeredAt.toISOString(),
    });
    expect(before.deadlines.respondBy!.due).toBe('2026-07-06T01:00:00.000Z');
    expect(provided.data.respondBy).toMatchObject({
      due: '2026-07-09T01:00:00.000Z',
      start: before.deadlines.respondBy!.start,
      rule: 'P15WD',
      pauses: [
        {
          from: '2026-06-15T05:00:00.000Z',
          to: answeredAt.toISOString(),
          reason: 'awaiting information',
          length: 'P3WD',
        },
      ],
    });
    const after = fold([...history(awaitingInformation), provided]);
    expect(after).toMatchObject({
      status: 'under_review',
      pausedSince: null,
      openInformationRequestId: null,
    });
    expect(after.deadlineSetAt.respond).toBe(after.revision);
  });

  it('moves an absolute respond deadline by the paused absolute time', () => {
    const urgent = history([
      [
        {
          type: 'FileCase',
          caseId: 'u',
          reference: 'U',
          kind: 'appeal',
          authorityId: 'zhengzhou-health',
          priority: 'urgent',
          appellant: { name: 'L', contact: 'c' },
          decision: contested,
          grounds: 'g',
        },
        alice,
        monday,
      ],
      [acknowledge, caseworker, hoursAfter(monday, 1)],
      [requestInformation(), caseworker, hoursAfter(monday, 2)],
    ]);
    given(urgent)
      .when(provideInformation, { actor: alice, now: hoursAfter(monday, 7) })
      .thenMatch([
        {
          type: 'InformationProvided',
          data: { respondBy: { due: '2026-06-16T06:00:00.000Z', pauses: [{ length: 'PT5H' }] } },
        },
      ]);
  });

  it('is refused when no information was requested', () => {
    given(history(underReview))
      .when(provideInformation, { actor: alice, now: later })
      .thenRefused('invalid-transition');
  });

  it('is refused to another citizen and to staff', () => {
    given(history(awaitingInformation))
      .when(provideInformation, { actor: bob, now: later })
      .thenRefused('not-case-owner');
    given(history(awaitingInformation))
      .when(provideInformation, { actor: caseworker, now: later })
      .thenRefused('role-not-allowed');
  });

  it('refuses an empty answer', () => {
    given(history(awaitingInformation))
      .when({ type: 'ProvideInformation', message: ' ' }, { actor: alice, now: later })
      .thenRefused('missing-field');
  });
});

describe('AddEvidence', () => {
  const evidence = {
    type: 'AddEvidence',
    evidenceId: 'ev-1',
    description: 'Test result, negative',
  } as const;

  it('adds the owner’s evidence to an open case, also once decided', () => {
    given(history(filed))
      .when({ ...evidence, sha256: 'ab'.repeat(32) }, { actor: alice, now: later })
      .then([
        {
          type: 'EvidenceAdded',
          data: {
            evidenceId: 'ev-1',
            description: 'Test result, negative',
            sha256: 'ab'.repeat(32),
          },
        },
      ]);
    given(history(decided))
      .when(evidence, { actor: alice, now: later })
      .thenMatch([{ type: 'EvidenceAdded' }]);
  });

  it('is refused once withdrawn', () => {
    const withdrawn = history([...filed, [{ type: 'WithdrawCase' }, alice, later]]);
    given(withdrawn).when(evidence, { actor: alice, now: later }).thenRefused('invalid-transition');
  });

  it('is refused to another citizen, to staff, and without a description', () => {
    given(history(filed)).when(evidence, { actor: bob, now: later }).thenRefused('not-case-owner');
    given(history(filed))
      .when(evidence, { actor: caseworker, now: later })
      .thenRefused('role-not-allowed');
    given(history(filed))
      .when({ ...evidence, description: '' }, { actor: alice, now: later })
      .thenRefused('missing-field');
  });
});

describe('AddNote', () => {
  const note = { type: 'AddNote', noteId: 'n-1', text: 'Called the station.' } as const;

  it('adds an internal note in any status, even closed', () => {
    given(history(filed))
      .when(note, { actor: caseworker, now: later })
      .then([{ type: 'NoteAdded', data: { noteId: 'n-1', text: 'Called the station.' } }]);
    const closed = history([...decided, [{ type: 'CloseCase' }, system, daysAfter(monday, 40)]]);
    expect(fold(closed).status).toBe('closed');
    given(closed)
      .when(note, { actor: supervisor, now: later })
      .thenMatch([{ type: 'NoteAdded' }]);
  });

  it('is refused to staff of an authority that no longer holds the case', () => {
    const escalated = history([
      ...decided,
      [{ type: 'RequestEscalation', grounds: 'no' }, alice, daysAfter(monday, 3)],
    ]);
    given(escalated)
      .when(note, { actor: caseworker, now: later })
      .thenRefused('not-case-authority');
    given(escalated)
      .when(note, { actor: provincialCaseworker, now: later })
      .thenMatch([{ type: 'NoteAdded' }]);
  });

  it('is refused to citizens and without text', () => {
    given(history(filed)).when(note, { actor: alice, now: later }).thenRefused('role-not-allowed');
    given(history(filed))
      .when({ ...note, text: '' }, { actor: caseworker, now: later })
      .thenRefused('missing-field');
  });
});

describe('IssueDecision', () => {
  const decidedAt = daysAfter(monday, 2);

  it('decides with written reasons and opens the escalation window', () => {
    given(history(underReview))
      .when(decideCase({ remedy: 'Code restored' }), { actor: caseworker, now: decidedAt })
      .then([
        {
          type: 'DecisionIssued',
          data: {
            outcome: 'overturned',
            reasons: 'The scan was not a contact.',
            remedy: 'Code restored',
            authorityId: 'zhengzhou-health',
            level: 0,
            final: false,
            escalationWindowEndsAt: daysAfter(decidedAt, 15).toISOString(),
          },
        },
      ]);
  });

  it('may decide straight from acknowledged, and while information is awaited', () => {
    given(history(acknowledged))
      .when(decideCase(), { actor: supervisor, now: decidedAt })
      .thenMatch([{ type: 'DecisionIssued' }]);
    const events = given(history(awaitingInformation))
      .when(decideCase(), { actor: caseworker, now: decidedAt })
      .events();
    expect(fold([...history(awaitingInformation), ...events])).toMatchObject({
      status: 'decided',
      pausedSince: null,
    });
  });

  it('counts the escalation window in working days when the policy says so', () => {
    const policy = policyWith({ escalation: { onMissedDeadline: true, citizenWindow: 'P1WD' } });
    // Friday 19 June 2026 10:00 local → Monday 22 June 10:00 local
    given(history(underReview, policy))
      .when(decideCase(), { actor: caseworker, now: new Date('2026-06-19T02:00:00Z'), policy })
      .thenMatch([
        { type: 'DecisionIssued', data: { escalationWindowEndsAt: '2026-06-22T02:00:00.000Z' } },
      ]);
  });

  it('is final at the top authority and closes the case at once', () => {
    const atTop = history([
      ...decided,
      [{ type: 'RequestEscalation', grounds: 'no' }, alice, daysAfter(monday, 3)],
      [
        { type: 'ReferCase', reason: 'national matter' },
        provincialCaseworker,
        daysAfter(monday, 4),
      ],
      [
        acknowledge,
        { id: 'cw-nat', role: 'caseworker', authorityId: 'national-ombudsman' },
        daysAfter(monday, 5),
      ],
    ]);
    given(atTop)
      .when(decideCase({ outcome: 'upheld' }), {
        actor: { id: 'cw-nat', role: 'caseworker', authorityId: 'national-ombudsman' },
        now: daysAfter(monday, 6),
      })
      .thenMatch([
        {
          type: 'DecisionIssued',
          data: { final: true, escalationWindowEndsAt: null, level: 2, outcome: 'upheld' },
        },
        { type: 'CaseClosed', data: { reason: 'final-decision' } },
      ]);
  });

  it.each(['', '   ', '\n\t'])('refuses empty reasons %j', (reasons) => {
    const refusal = given(history(underReview))
      .when(decideCase({ reasons }), { actor: caseworker, now: decidedAt })
      .thenRefused('reasons-required');
    expect(refusal.field).toBe('reasons');
  });

  it('refuses an outcome outside the four', () => {
    given(history(underReview))
      .when(decideCase({ outcome: 'maybe' as never }), { actor: caseworker, now: decidedAt })
      .thenRefused('invalid-outcome');
  });

  it('is refused before acknowledgement and once decided', () => {
    given(history(filed))
      .when(decideCase(), { actor: caseworker, now: decidedAt })
      .thenRefused('invalid-transition');
    given(history(decided))
      .when(decideCase(), { actor: caseworker, now: decidedAt })
      .thenRefused('invalid-transition');
  });

  it('is refused to staff of another authority and to other roles', () => {
    given(history(underReview))
      .when(decideCase(), { actor: provincialCaseworker, now: decidedAt })
      .thenRefused('not-case-authority');
    given(history(underReview))
      .when(decideCase(), { actor: oversight, now: decidedAt })
      .thenRefused('role-not-allowed');
  });
});
