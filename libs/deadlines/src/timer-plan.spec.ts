import type { CaseEvent, Deadline, DeadlineKind } from '@recourse/domain';
import { pendingTimers, timersSetBy, type CaseEventAt } from './timer-plan';

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

const at = (...events: CaseEvent[]): CaseEventAt[] =>
  events.map((event, revision) => ({ revision, event }));
const kindsAndRevisions = (caseEvents: CaseEventAt[]) =>
  pendingTimers('c1', caseEvents)
    .map((t) => `${t.kind}@${t.setAtRevision}`)
    .sort();

describe('timersSetBy', () => {
  it('starts both deadlines of a filed case, named by the filing revision', () => {
    expect(timersSetBy('c1', { revision: 0, event: filed() })).toEqual([
      { caseId: 'c1', kind: 'acknowledge', setAtRevision: 0, due: '2026-06-02T00:00:00.000Z' },
      { caseId: 'c1', kind: 'respond', setAtRevision: 0, due: '2026-06-03T00:00:00.000Z' },
    ]);
  });

  it('starts no response timer for a petition until the threshold is reached', () => {
    expect(timersSetBy('c1', { revision: 0, event: filed(null) }).map((t) => t.kind)).toEqual([
      'acknowledge',
    ]);
    const reached: CaseEvent = {
      type: 'SupportThresholdReached',
      data: { signatures: 100, respondBy: deadline('respond', '2026-07-01T00:00:00.000Z') },
    };
    expect(timersSetBy('c1', { revision: 7, event: reached })).toEqual([
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
    expect(timersSetBy('c1', { revision: 4, event: decision(false) })).toEqual([
      {
        caseId: 'c1',
        kind: 'escalation-window',
        setAtRevision: 4,
        due: '2026-06-20T00:00:00.000Z',
      },
    ]);
    expect(timersSetBy('c1', { revision: 4, event: decision(true) })).toEqual([]);
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
