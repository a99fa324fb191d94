import type { CaseCommand } from './commands';
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from './errors';
import {
  acknowledge,
  alice,
  assign,
  bob,
  caseworker,
  daysAfter,
  decideCase,
  decided,
  escalate,
  fileAppeal,
  filed,
  filePetition,
  missed,
  monday,
  otherCaseworker,
  provideInformation,
  provincialCaseworker,
  requestInformation,
  sign,
  system,
  underReview,
} from './testing/fixtures';
import { given, history, type Outcome } from './testing/spec';

/** One refusal per published error code, so the API can rely on every code in the list being reachable. */
const refusals: Record<DomainErrorCode, () => Outcome> = {
  'case-not-found': () => given().when(acknowledge, { actor: caseworker, now: monday }),
  'case-already-exists': () =>
    given(history(filed)).when(fileAppeal(), { actor: alice, now: monday }),
  'invalid-transition': () =>
    given(history(filed)).when(decideCase(), { actor: caseworker, now: monday }),
  'reasons-required': () =>
    given(history(underReview)).when(decideCase({ reasons: ' ' }), {
      actor: caseworker,
      now: monday,
    }),
  'missing-field': () => given().when(fileAppeal({ grounds: '' }), { actor: alice, now: monday }),
  'field-not-applicable': () =>
    given().when(fileAppeal({ demand: 'x' }), { actor: alice, now: monday }),
  'invalid-outcome': () =>
    given(history(underReview)).when(decideCase({ outcome: 'void' as never }), {
      actor: caseworker,
      now: monday,
    }),
  'not-case-owner': () =>
    given(history(filed)).when({ type: 'WithdrawCase' }, { actor: bob, now: monday }),
  'not-case-authority': () =>
    given(history(filed)).when(acknowledge, { actor: provincialCaseworker, now: monday }),
  'role-not-allowed': () => given(history(filed)).when(acknowledge, { actor: alice, now: monday }),
  'caseworker-may-only-assign-self': () =>
    given(history(filed)).when(assign(otherCaseworker.id), { actor: caseworker, now: monday }),
  'assignee-not-in-authority': () =>
    given(history(filed)).when(
      { type: 'AssignCase', caseworkerId: caseworker.id, assigneeAuthorityId: 'henan-health' },
      { actor: caseworker, now: monday },
    ),
  'unknown-authority': () =>
    given().when(fileAppeal({ authorityId: 'atlantis' }), { actor: alice, now: monday }),
  'no-higher-authority': () =>
    given(
      history([
        ...decided,
        [escalate(), alice, daysAfter(monday, 3)],
        [{ type: 'ReferCase', reason: 'up' }, provincialCaseworker, daysAfter(monday, 3)],
      ]),
    ).when(escalate(), { actor: alice, now: daysAfter(monday, 4) }),
  'escalation-window-closed': () =>
    given(history(decided)).when(escalate(), { actor: alice, now: daysAfter(monday, 30) }),
  'escalation-not-allowed': () =>
    given(history(filed)).when(escalate(), { actor: alice, now: monday }),
  'deadline-not-due': () =>
    given(history(filed)).when(missed('acknowledge', 0), { actor: system, now: monday }),
  'deadline-not-standing': () =>
    given(history(underReview)).when(missed('acknowledge', 0), {
      actor: system,
      now: daysAfter(monday, 9),
    }),
  'deadline-already-recorded': () =>
    given(history([...filed, [missed('acknowledge', 0), system, daysAfter(monday, 3)]])).when(
      missed('acknowledge', 0),
      {
        actor: system,
        now: daysAfter(monday, 3),
      },
    ),
  'not-a-petition': () => given(history(filed)).when(sign, { actor: bob, now: monday }),
  'threshold-not-applicable': () =>
    given().when(filePetition({ priority: 'urgent' }), { actor: alice, now: monday }),
  'response-clock-not-started': () =>
    given(
      history([
        [filePetition(), alice, monday],
        [acknowledge, caseworker, monday],
      ]),
    ).when(requestInformation(), { actor: caseworker, now: monday }),
};

describe('every domain error code', () => {
  it('has a refusal scenario, and no scenario names an unpublished code', () => {
    expect(Object.keys(refusals).sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
  });

  it.each(DOMAIN_ERROR_CODES.map((code) => [code]))('%s is reachable', (code) => {
    const refusal = refusals[code]().thenRefused(code);
    expect(refusal.message.length).toBeGreaterThan(0);
  });
});

describe('commands on a case that does not exist', () => {
  const commands: CaseCommand[] = [
    acknowledge,
    assign(caseworker.id),
    requestInformation(),
    provideInformation,
    { type: 'AddEvidence', evidenceId: 'e', description: 'd' },
    { type: 'AddNote', noteId: 'n', text: 't' },
    decideCase(),
    escalate(),
    { type: 'ReferCase', reason: 'r' },
    missed('respond', 0),
    { type: 'WithdrawCase' },
    { type: 'CloseCase' },
    sign,
  ];

  it('refuses a command type it does not know', () => {
    given(history(filed))
      .when({ type: 'RenameCase' } as unknown as CaseCommand, { actor: system, now: monday })
      .thenRefused('invalid-transition');
  });

  it.each(commands.map((command) => [command.type, command]))(
    '%s is refused as case-not-found',
    (_type, command) => {
      given().when(command, { actor: system, now: monday }).thenRefused('case-not-found');
    },
  );
});
