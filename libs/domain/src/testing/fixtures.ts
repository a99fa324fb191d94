import type {
  CaseCommand,
  FileCase,
  IssueDecision,
  RecordMissedDeadline,
  RequestEscalation,
  RequestInformation,
} from '../commands';
import type { Actor, ContestedDecision } from '../events';
import { loadPolicy, type Policy } from '../policy';
import { examplePolicyJson } from '../example-policy';
import type { Step } from './spec';

/** Actors of the example policy's ladder: zhengzhou-health → henan-health → national-ombudsman. */
export const alice: Actor = { id: 'alice', role: 'citizen' };
export const bob: Actor = { id: 'bob', role: 'citizen' };
export const carol: Actor = { id: 'carol', role: 'citizen' };
export const caseworker: Actor = {
  id: 'cw-zz',
  role: 'caseworker',
  authorityId: 'zhengzhou-health',
};
export const otherCaseworker: Actor = {
  id: 'cw-zz-2',
  role: 'caseworker',
  authorityId: 'zhengzhou-health',
};
export const supervisor: Actor = {
  id: 'sup-zz',
  role: 'supervisor',
  authorityId: 'zhengzhou-health',
};
export const provincialCaseworker: Actor = {
  id: 'cw-henan',
  role: 'caseworker',
  authorityId: 'henan-health',
};
export const ombudsmanCaseworker: Actor = {
  id: 'cw-nat',
  role: 'caseworker',
  authorityId: 'national-ombudsman',
};
export const oversight: Actor = { id: 'ovs', role: 'oversight' };
export const admin: Actor = { id: 'adm', role: 'admin' };
export const system: Actor = { id: 'system', role: 'system' };

/** Monday 15 June 2026, 09:00 in Asia/Shanghai (UTC+8, no DST); no holidays in the weeks after. */
export const monday = new Date('2026-06-15T01:00:00Z');
export const at = (iso: string): Date => new Date(iso);
export const hoursAfter = (date: Date, hours: number): Date =>
  new Date(date.getTime() + hours * 3_600_000);
export const daysAfter = (date: Date, days: number): Date => hoursAfter(date, days * 24);

export const contested: ContestedDecision = {
  reference: 'HC-2026-0613-88121',
  type: 'health-code',
  outcome: 'red',
  issuedAt: '2026-06-13T08:10:00Z',
  statedReason: null,
  location: 'Zhengzhou East Station',
  automation: 'full',
};

export const fileAppeal = (overrides: Partial<FileCase> = {}): FileCase => ({
  type: 'FileCase',
  caseId: 'case-1',
  reference: 'RC-2026-000001',
  kind: 'appeal',
  authorityId: 'zhengzhou-health',
  priority: 'standard',
  appellant: { name: 'Liu', contact: 'liu@example.org' },
  decision: contested,
  grounds: 'My code turned red after scanning a station QR code.',
  remedy: 'Restore my code to green.',
  ...overrides,
});

export const filePetition = (overrides: Partial<FileCase> = {}): FileCase => ({
  type: 'FileCase',
  caseId: 'petition-1',
  reference: 'RC-2026-000002',
  kind: 'petition',
  authorityId: 'zhengzhou-health',
  priority: 'standard',
  appellant: { name: 'Liu', contact: 'liu@example.org' },
  title: 'Publish the health-code rules',
  demand: 'Publish the rules that turn a code red.',
  ...overrides,
});

export const acknowledge: CaseCommand = { type: 'AcknowledgeCase' };
export const assign = (caseworkerId: string): CaseCommand => ({ type: 'AssignCase', caseworkerId });
export const requestInformation = (requestId = 'rq-1'): RequestInformation => ({
  type: 'RequestInformation',
  requestId,
  question: 'Which station did you scan?',
});
export const provideInformation: CaseCommand = {
  type: 'ProvideInformation',
  message: 'Zhengzhou East, gate 3.',
};
export const decideCase = (overrides: Partial<IssueDecision> = {}): IssueDecision => ({
  type: 'IssueDecision',
  outcome: 'overturned',
  reasons: 'The scan was not a contact.',
  ...overrides,
});
export const escalate = (grounds = 'The answer ignores my evidence.'): RequestEscalation => ({
  type: 'RequestEscalation',
  grounds,
});
export const missed = (
  deadline: 'acknowledge' | 'respond',
  setAtRevision: number,
): RecordMissedDeadline => ({
  type: 'RecordMissedDeadline',
  deadline,
  setAtRevision,
});
export const sign: CaseCommand = { type: 'SignPetition' };

/** Common histories, as steps. */
export const filed: Step[] = [[fileAppeal(), alice, monday]];
export const acknowledged: Step[] = [...filed, [acknowledge, caseworker, hoursAfter(monday, 2)]];
export const underReview: Step[] = [
  ...acknowledged,
  [assign(caseworker.id), caseworker, hoursAfter(monday, 3)],
];
export const awaitingInformation: Step[] = [
  ...underReview,
  [requestInformation(), caseworker, hoursAfter(monday, 4)],
];
export const decided: Step[] = [...underReview, [decideCase(), caseworker, daysAfter(monday, 2)]];

/** The example policy with some fields replaced (shallowly per top-level key). */
export function policyWith(changes: Record<string, unknown>): Policy {
  return loadPolicy({ ...structuredClone(examplePolicyJson), ...changes });
}

/** Calendars for deadline properties: one without DST, two with DST, one with a Friday–Saturday weekend. */
export const calendarsPolicy: Policy = policyWith({
  calendars: {
    cn: {
      timeZone: 'Asia/Shanghai',
      weekend: [6, 7],
      holidays: ['2026-10-01', '2026-10-02', '2027-01-01'],
    },
    paris: {
      timeZone: 'Europe/Paris',
      weekend: [6, 7],
      holidays: [
        '2026-01-01',
        '2026-04-06',
        '2026-05-01',
        '2026-05-08',
        '2026-05-14',
        '2026-05-25',
        '2026-07-14',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-25',
        '2027-01-01',
        '2027-03-29',
        '2027-05-01',
      ],
    },
    everyday: { timeZone: 'Europe/Paris', weekend: [], holidays: [] },
    gulf: { timeZone: 'Asia/Dubai', weekend: [5, 6], holidays: ['2026-12-02'] },
    newyork: {
      timeZone: 'America/New_York',
      weekend: [6, 7],
      holidays: ['2026-11-26', '2026-12-25'],
    },
  },
});
