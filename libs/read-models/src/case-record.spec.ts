import fc from 'fast-check';
import {
  DomainError,
  fold,
  hasEnded,
  runningDeadline,
  type Actor,
  type CaseCommand,
  type CaseState,
} from '@recourse/domain';
import {
  acknowledge,
  acknowledged,
  admin,
  alice,
  assign,
  awaitingInformation,
  bob,
  carol,
  caseworker,
  daysAfter,
  decideCase,
  decided,
  escalate,
  fileAppeal,
  filed,
  filePetition,
  hoursAfter,
  missed,
  monday,
  ombudsmanCaseworker,
  policyWith,
  provideInformation,
  provincialCaseworker,
  requestInformation,
  sign,
  system,
  timedHistory,
  underReview,
  type Step,
  type TimedEvent,
} from '@recourse/domain/testing';
import type { RecordedEvent } from '@recourse/event-store';
import { recordedCaseEvent } from '@recourse/read-models/testing';
import { projectEvent, type CaseRecord, type Projected } from './case-record';

const CASE_ID = '5b3c7f0e-1d2a-4c6b-9e8f-0a1b2c3d4e5f';

const recorded = (timed: TimedEvent, revision: number): RecordedEvent =>
  recordedCaseEvent(timed, CASE_ID, revision, BigInt(revision), `event-${revision}`);

/** The case row after every event, folded with projectEvent. */
const projectAll = (events: readonly TimedEvent[]): CaseRecord | undefined =>
  events.reduce<CaseRecord | undefined>(
    (record, event, revision) => projectEvent(record, recorded(event, revision)).record,
    undefined,
  );

/** given the steps, when the next step runs: the rows its (first) event produces. */
function given(steps: Step[]) {
  const before = timedHistory(steps);
  return {
    when(step: Step): Projected[] {
      const added = timedHistory(
        [step],
        undefined,
        before.map((timed) => timed.event),
      );
      let record = projectAll(before);
      return added.map((event, i) => {
        const projected = projectEvent(record, recorded(event, before.length + i));
        record = projected.record;
        return projected;
      });
    },
  };
}

const stateOf = (steps: Step[]): CaseState => fold(timedHistory(steps).map((t) => t.event));

describe('projectEvent', () => {
  it('CaseFiled: a new row, the first stint, a timeline entry; the acknowledgement runs', () => {
    const [projected] = given([]).when(filed[0]);
    const state = stateOf(filed);
    expect(projected.record).toMatchObject({
      id: CASE_ID,
      status: 'filed',
      authority_id: 'zhengzhou-health',
      authorities: ['zhengzhou-health'],
      owner_id: alice.id,
      acknowledge_by: state.deadlines.acknowledgeBy!.due,
      respond_by: state.deadlines.respondBy!.due,
      effective_deadline: state.deadlines.acknowledgeBy!.due,
      next_due: state.deadlines.acknowledgeBy!.due,
      last_revision: 0,
    });
    expect(projected.stints).toEqual([
      expect.objectContaining({ seq: 0, authority_id: 'zhengzhou-health', level: 0 }),
    ]);
    expect(projected.timeline).toMatchObject({
      revision: 0,
      type: 'CaseFiled',
      actor_role: 'citizen',
    });
  });

  it('CaseAcknowledged and CaseAssigned: under review, against the response deadline', () => {
    const [assigned] = given(acknowledged).when(underReview.at(-1)!);
    const respondBy = stateOf(underReview).deadlines.respondBy!.due;
    expect(assigned.record).toMatchObject({
      status: 'under_review',
      assignee: caseworker.id,
      effective_deadline: respondBy,
      next_due: respondBy,
    });
    expect(assigned.timeline).toMatchObject({ type: 'CaseAssigned', summary: {} });
  });

  it('InformationRequested: the clock stands still, nothing is due', () => {
    const [requested] = given(underReview).when(awaitingInformation.at(-1)!);
    expect(requested.record).toMatchObject({
      status: 'awaiting_information',
      paused_since: expect.any(String),
      open_request: expect.objectContaining({ requestId: 'rq-1' }),
      effective_deadline: 'infinity',
      next_due: 'infinity',
    });
  });

  it('NoteAdded: a staff note, never on the timeline', () => {
    const [noted] = given(underReview).when([
      { type: 'AddNote', noteId: 'n-1', text: 'Call the station.' },
      caseworker,
      hoursAfter(monday, 5),
    ]);
    expect(noted.timeline).toBeUndefined();
    expect(noted.note).toMatchObject({
      note_id: 'n-1',
      text: 'Call the station.',
      author_id: caseworker.id,
    });
  });

  it('DecisionIssued: decided, the stint gets its outcome, the escalation window runs', () => {
    const [decision] = given(underReview).when(decided.at(-1)!);
    const windowEnds = stateOf(decided).decision!.escalationWindowEndsAt!;
    expect(decision.record).toMatchObject({
      status: 'decided',
      outcome: 'overturned',
      effective_deadline: 'infinity',
      next_due: windowEnds,
    });
    expect(decision.stints).toEqual([expect.objectContaining({ seq: 0, outcome: 'overturned' })]);
  });

  it('CaseEscalated: the next authority holds it, unassigned, undecided, with a new stint', () => {
    const [, escalated] = given(decided).when([escalate(), alice, daysAfter(monday, 3)]);
    expect(escalated.record).toMatchObject({
      status: 'escalated',
      authority_id: 'henan-health',
      authorities: ['zhengzhou-health', 'henan-health'],
      level: 1,
      assignee: null,
      outcome: null,
      decision: null,
      escalation_count: 1,
    });
    expect(escalated.stints).toEqual([
      expect.objectContaining({ seq: 0, escalated_at: expect.any(String) }),
      expect.objectContaining({ seq: 1, authority_id: 'henan-health', level: 1 }),
    ]);
  });

  it('DeadlineMissed: recorded, and no longer the next thing due', () => {
    const late = daysAfter(monday, 30);
    const noAutoEscalation = policyWith({
      escalation: { onMissedDeadline: false, citizenWindow: 'P15D' },
    });
    const events = timedHistory(
      [...filed, [missed('acknowledge', 0), system, late]],
      noAutoEscalation,
    );
    const record = projectAll(events)!;
    expect(record.missed_deadlines).toEqual([
      expect.objectContaining({ deadline: 'acknowledge', setAtRevision: 0 }),
    ]);
    expect(record.next_due).toBe(fold(events.map((t) => t.event)).deadlines.respondBy!.due);
  });

  it('PetitionSigned: the count, never the signer on the timeline', () => {
    const petition: Step[] = [[filePetition(), alice, monday]];
    const [signed] = given(petition).when([sign, bob, hoursAfter(monday, 1)]);
    expect(signed.signatures).toMatchObject({ case_id: CASE_ID, signatures: 1 });
    expect(signed.timeline).toBeUndefined();
  });

  it('CaseWithdrawn and PersonalDataErased: when it ended, and whether its personal data is gone', () => {
    const later = hoursAfter(monday, 5);
    const events = timedHistory([
      ...filed,
      [{ type: 'WithdrawCase', reason: 'moved' }, alice, later],
      [
        { type: 'ErasePersonalData', subject: alice.id, reason: 'request', keys: ['k'] },
        admin,
        daysAfter(monday, 3),
      ],
    ]);
    expect(projectAll(events.slice(0, 1))).toMatchObject({
      ended_at: null,
      personal_data_erased: false,
    });
    expect(projectAll(events.slice(0, 2))).toMatchObject({
      ended_at: later.toISOString(),
      personal_data_erased: false,
    });
    expect(projectAll(events)).toMatchObject({
      ended_at: later.toISOString(),
      personal_data_erased: true,
    });
  });

  it('refuses an event before CaseFiled, and a stream that is not a case', () => {
    const [, ack] = timedHistory(acknowledged);
    expect(() => projectEvent(undefined, recorded(ack, 1))).toThrow(/before CaseFiled/);
    expect(() =>
      projectEvent(undefined, { ...recorded(ack, 1), stream: 'alerts-zhengzhou-health' }),
    ).toThrow(/not a case stream/);
  });
});

/** Commands any party might send next, made from the case as it stands. */
const nextCommands: ((state: CaseState) => [CaseCommand, Actor])[] = [
  () => [acknowledge, caseworker],
  () => [acknowledge, provincialCaseworker],
  () => [acknowledge, ombudsmanCaseworker],
  () => [assign(caseworker.id), caseworker],
  () => [assign(provincialCaseworker.id), provincialCaseworker],
  () => [requestInformation('rq'), caseworker],
  () => [requestInformation('rq'), provincialCaseworker],
  () => [provideInformation, alice],
  () => [decideCase(), caseworker],
  () => [decideCase({ outcome: 'upheld' }), provincialCaseworker],
  () => [decideCase({ outcome: 'rejected' }), ombudsmanCaseworker],
  () => [escalate(), alice],
  () => [{ type: 'ReferCase', reason: 'Not ours' }, caseworker],
  (state) => [missed('acknowledge', state.deadlineSetAt.acknowledge ?? 0), system],
  (state) => [missed('respond', state.deadlineSetAt.respond ?? 0), system],
  () => [{ type: 'WithdrawCase' }, alice],
  () => [{ type: 'CloseCase' }, system],
  () => [sign, bob],
  () => [sign, carol],
  () => [{ type: 'AddEvidence', evidenceId: 'e', description: 'A photo' }, alice],
  () => [{ type: 'AddNote', noteId: 'n', text: 'A remark' }, caseworker],
  () => [{ type: 'ErasePersonalData', subject: alice.id, reason: 'request', keys: ['k'] }, admin],
];

describe('the read model and the domain agree', () => {
  it('on the status, the deadline the authority works against, the end and the erasure, after any history', () => {
    const histories = fc.record({
      petition: fc.boolean(),
      steps: fc.array(
        fc.record({
          pick: fc.nat(nextCommands.length - 1),
          hours: fc.integer({ min: 0, max: 24 * 25 }),
        }),
        { maxLength: 25 },
      ),
    });
    fc.assert(
      fc.property(histories, ({ petition, steps }) => {
        const events: TimedEvent[] = timedHistory([
          [petition ? filePetition() : fileAppeal(), alice, monday],
        ]);
        let now = monday;
        for (const { pick, hours } of steps) {
          now = hoursAfter(now, hours);
          const state = fold(events.map((t) => t.event));
          const [command, actor] = nextCommands[pick](state);
          try {
            events.push(
              ...timedHistory(
                [[command, actor, now]],
                undefined,
                events.map((t) => t.event),
              ),
            );
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        }
        const state = fold(events.map((t) => t.event));
        const record = projectAll(events)!;
        expect(record.status).toBe(state.status);
        expect(record.effective_deadline).toBe(runningDeadline(state)?.deadline?.due ?? 'infinity');
        // what retention looks cases up by
        expect(record.ended_at !== null).toBe(hasEnded(state.status));
        expect(record.personal_data_erased).toBe(state.personalDataErased);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the fixture histories of the domain specs', () => {
  it.each<[string, Step[]]>([
    ['filed', filed],
    ['acknowledged', acknowledged],
    ['under review', underReview],
    ['awaiting information', awaitingInformation],
    ['decided', decided],
  ])('%s: projects to the status the domain folds', (_name, steps) => {
    const events = timedHistory(steps);
    expect(projectAll(events)!.status).toBe(fold(events.map((t) => t.event)).status);
  });
});
