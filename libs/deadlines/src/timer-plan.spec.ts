import type { CaseEvent, Deadline, DeadlineKind } from '@recourse/domain';
import { caseRetentionOf, pendingTimers, timersSetBy, type CaseEventAt } from './timer-plan';

const deadline = (kind: DeadlineKind, due: string): Deadline => ({
  kind,
  due,
  start: '2026-06-01T00:00:00.000Z',
  rule: 'PT2S',
  calendar: 'cn',
  timeZone: 'Asia/Shanghai',
  policyVersion: 'test',
  skipped: [],
  pauses: [],
});

const filed = (respondBy: Deadline | null = deadline('respond', '2026-06-03T00:00:00.000Z')) =>
  ({
    type: 'CaseFiled',
    data: {
      caseId: 'c1',
      reference: 'R-1',
      kind: 'appeal',
      authorityId: 'city',
      level: 0,
      priority: 'standard',
      ownerId: 'u1',
      appellant: { name: 'Liu', contact: 'liu@example.org' },
      deadlines: { acknowledgeBy: deadline('acknowledge', '2026-06-02T00:00:00.000Z'), respondBy },
    },
  }) as CaseEvent;

/** when every event of these histories was recorded, one hour apart from the first */
const FIRST = Date.parse('2026-06-01T00:00:00.000Z');
const occurredAt = (revision: number) => new Date(FIRST + revision * 3_600_000).toISOString();
const at = (...events: CaseEvent[]): CaseEventAt[] =>
  events.map((event, revision) => ({ revision, event, occurredAt: occurredAt(revision) }));
const kindsAndRevisions = (caseEvents: CaseEventAt[]) =>
  pendingTimers('c1', caseEvents)
    .map((t) => `${t.kind}@${t.setAtRevision}`)
    .sort();

describe('timersSetBy', () => {
  it('starts both deadlines of a filed case, named by the filing revision', () => {
    expect(timersSetBy('c1', { revision: 0, event: filed(), occurredAt: occurredAt(0) })).toEqual([
      { caseId: 'c1', kind: 'acknowledge', setAtRevision: 0, due: '2026-06-02T00:00:00.000Z' },
      { caseId: 'c1', kind: 'respond', setAtRevision: 0, due: '2026-06-03T00:00:00.000Z' },
    ]);
  });

  it('starts no response timer for a petition until the threshold is reached', () => {
    expect(
      timersSetBy('c1', { revision: 0, event: filed(null), occurredAt: occurredAt(0) }).map(
        (t) => t.kind,
      ),
    ).toEqual(['acknowledge']);
    const reached: CaseEvent = {
      type: 'SupportThresholdReached',
      data: { signatures: 100, respondBy: deadline('respond', '2026-07-01T00:00:00.000Z') },
    };
    expect(timersSetBy('c1', { revision: 7, event: reached, occurredAt: occurredAt(7) })).toEqual([
      { caseId: 'c1', kind: 'respond', setAtRevision: 7, due: '2026-07-01T00:00:00.000Z' },
    ]);
  });

  it('starts the escalation window of a decision that is not final', () => {
    const decision = (final: boolean): CaseEvent => ({
      type: 'DecisionIssued',
      data: {
        outcome: 'rejected',
        reasons: 'r',
        authorityId: 'city',
        level: 0,
        final,
        escalationWindowEndsAt: final ? null : '2026-06-20T00:00:00.000Z',
      },
    });
    expect(
      timersSetBy('c1', { revision: 4, event: decision(false), occurredAt: occurredAt(4) }),
    ).toEqual([
      {
        caseId: 'c1',
        kind: 'escalation-window',
        setAtRevision: 4,
        due: '2026-06-20T00:00:00.000Z',
      },
    ]);
    expect(
      timersSetBy('c1', { revision: 4, event: decision(true), occurredAt: occurredAt(4) }),
    ).toEqual([]);
  });
});

describe('pendingTimers', () => {
  const acknowledged: CaseEvent = { type: 'CaseAcknowledged', data: { authorityId: 'city' } };
  const requested: CaseEvent = {
    type: 'InformationRequested',
    data: { requestId: 'q1', question: '?', pausedAt: '2026-06-02T00:00:00.000Z' },
  };
  const provided: CaseEvent = {
    type: 'InformationProvided',
    data: {
      requestId: 'q1',
      message: '!',
      resumedAt: '2026-06-02T01:00:00.000Z',
      respondBy: deadline('respond', '2026-06-03T01:00:00.000Z'),
    },
  };
  const missed = (kind: DeadlineKind, setAtRevision: number): CaseEvent => ({
    type: 'DeadlineMissed',
    data: { deadline: kind, due: '2026-06-02T00:00:00.000Z', setAtRevision, authorityId: 'city' },
  });

  it('drops the acknowledge timer once acknowledged', () => {
    expect(kindsAndRevisions(at(filed(), acknowledged))).toEqual(['respond@0']);
  });

  it('pauses the response timer on an information request and restarts it moved', () => {
    expect(kindsAndRevisions(at(filed(), acknowledged, requested))).toEqual([]);
    expect(kindsAndRevisions(at(filed(), acknowledged, requested, provided))).toEqual([
      'respond@3',
    ]);
  });

  it('drops a deadline recorded as missed, but not a newer one of the same kind', () => {
    expect(kindsAndRevisions(at(filed(), missed('acknowledge', 0)))).toEqual(['respond@0']);
    expect(
      kindsAndRevisions(at(filed(), acknowledged, requested, provided, missed('respond', 0))),
    ).toEqual(['respond@3']);
  });

  it('replaces the deadlines on escalation and ends everything on withdrawal', () => {
    const escalated: CaseEvent = {
      type: 'CaseEscalated',
      data: {
        fromAuthorityId: 'city',
        toAuthorityId: 'province',
        level: 1,
        reason: 'missed-deadline',
        deadlines: {
          acknowledgeBy: deadline('acknowledge', '2026-06-05T00:00:00.000Z'),
          respondBy: deadline('respond', '2026-06-09T00:00:00.000Z'),
        },
      },
    };
    expect(kindsAndRevisions(at(filed(), missed('acknowledge', 0), escalated))).toEqual([
      'acknowledge@2',
      'respond@2',
    ]);
    expect(kindsAndRevisions(at(filed(), { type: 'CaseWithdrawn', data: {} }))).toEqual([]);
  });

  it('keeps only the escalation window of a decided case, until it closes', () => {
    const decided: CaseEvent = {
      type: 'DecisionIssued',
      data: {
        outcome: 'rejected',
        reasons: 'r',
        authorityId: 'city',
        level: 0,
        final: false,
        escalationWindowEndsAt: '2026-06-20T00:00:00.000Z',
      },
    };
    expect(kindsAndRevisions(at(filed(), acknowledged, decided))).toEqual(['escalation-window@2']);
    const closed: CaseEvent = { type: 'CaseClosed', data: { reason: 'escalation-window-ended' } };
    expect(kindsAndRevisions(at(filed(), acknowledged, decided, closed))).toEqual([]);
  });
});

describe('retention timers', () => {
  const withdrawn: CaseEvent = { type: 'CaseWithdrawn', data: {} };
  const closed: CaseEvent = { type: 'CaseClosed', data: { reason: 'final-decision' } };
  const erased: CaseEvent = {
    type: 'PersonalDataErased',
    data: { subject: 'u1', reason: 'request', keys: ['k'], fullyErased: true },
  };
  const note: CaseEvent = { type: 'NoteAdded', data: { noteId: 'n', text: 'later' } };

  it('are set by the end of a case, the rule after it, named by its revision', () => {
    const [, end] = at(filed(), withdrawn);
    expect(timersSetBy('c1', end, 'P730D')).toEqual([
      { caseId: 'c1', kind: 'retention', setAtRevision: 1, due: '2028-05-31T01:00:00.000Z' },
    ]);
    expect(timersSetBy('c1', at(filed(), closed)[1], 'PT36H')[0].due).toBe(
      '2026-06-02T13:00:00.000Z',
    );
    expect(timersSetBy('c1', end)).toEqual([]); // the policy has no retention
  });

  it('stay pending after the end until the personal data is erased, and again after new data', () => {
    const pending = (...events: CaseEvent[]) =>
      pendingTimers('c1', at(...events), 'P30D').map((t) => `${t.kind}@${t.setAtRevision}`);
    expect(pending(filed())).toEqual(['acknowledge@0', 'respond@0']);
    expect(pending(filed(), withdrawn)).toEqual(['retention@1']);
    expect(pending(filed(), withdrawn, erased)).toEqual([]);
    expect(pending(filed(), withdrawn, erased, note)).toEqual(['retention@1']);
    expect(pendingTimers('c1', at(filed(), withdrawn))).toEqual([]);
  });

  it('weigh a case for its subject: open, or ended when, and whether erased', () => {
    expect(caseRetentionOf(at(filed()))).toEqual({
      status: 'filed',
      endedAt: null,
      personalDataErased: false,
    });
    expect(caseRetentionOf(at(filed(), withdrawn, erased))).toEqual({
      status: 'withdrawn',
      endedAt: occurredAt(1),
      personalDataErased: true,
    });
  });
});
