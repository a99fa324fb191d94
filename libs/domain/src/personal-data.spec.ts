import type { CaseCommand, ErasePersonalData, SignPetition } from './commands';
import type { CaseEvent, CaseFiled } from './events';
import { isSealed, personalIdentity, type Sealed, type Sealer } from './personal';
import { personalValuesOf, sealCommand } from './personal-fields';
import {
  admin,
  alice,
  bob,
  caseworker,
  daysAfter,
  decided,
  fileAppeal,
  filed,
  filePetition,
  monday,
  provideInformation,
  system,
} from './testing/fixtures';
import { given, history } from './testing/spec';

/** A stand-in sealer: not encryption, just a visible stored form the decider must pass through. */
const fakeSealer: Sealer = {
  seal: (text) => ({ $enc: { kid: 'k', iv: 'random', ct: `sealed(${text})` } }),
  sealStable: (text, context) => ({ $enc: { kid: 'k', iv: context, ct: `sealed(${text})` } }),
};
const sealed = (text: string): Sealed => fakeSealer.seal(text);
const erase = (overrides: Partial<ErasePersonalData> = {}): ErasePersonalData => ({
  type: 'ErasePersonalData',
  subject: alice.id,
  reason: 'request',
  keys: ['k'],
  ...overrides,
});
const withdrawn = () => history([...filed, [{ type: 'WithdrawCase' }, alice, monday]]);

describe('personal fields', () => {
  it('seals every personal field of a filing, and nothing else', () => {
    const command = sealCommand(fileAppeal(), fakeSealer, { caseId: 'c1', actor: alice });
    const events = given().when(command, { actor: alice, now: monday }).events();
    const data = (events[0] as CaseFiled).data;
    expect(personalValuesOf(events[0]).every(isSealed)).toBe(true);
    expect(personalValuesOf(events[0])).toHaveLength(4);
    expect(data.decision).toEqual(fileAppeal().decision);
    expect(data.ownerId).toBe('alice');
  });

  it('leaves blank text in clear so that the decider refuses it as before', () => {
    const command = sealCommand(fileAppeal({ grounds: '  ' }), fakeSealer, {
      caseId: 'c1',
      actor: alice,
    });
    given().when(command, { actor: alice, now: monday }).thenRefused('missing-field');
  });

  it.each<[string, CaseCommand]>([
    ['answer', provideInformation],
    ['evidence', { type: 'AddEvidence', evidenceId: 'e1', description: 'a letter' }],
    ['note', { type: 'AddNote', noteId: 'n1', text: 'internal' }],
    ['escalation grounds', { type: 'RequestEscalation', grounds: 'ignored my letter' }],
    ['withdrawal reason', { type: 'WithdrawCase', reason: 'moved' }],
  ])('seals the %s', (_name, command) => {
    const stored = sealCommand(command, fakeSealer, { caseId: 'c1', actor: alice });
    expect(Object.values(stored).filter(isSealed)).toHaveLength(1);
  });

  it('keeps signing idempotent per citizen with the signer sealed stably', () => {
    const petition = history([[filePetition(), alice, monday]]);
    const signBy = (actor = bob): SignPetition =>
      sealCommand({ type: 'SignPetition' }, fakeSealer, { caseId: 'c1', actor }) as SignPetition;
    const first = given(petition).when(signBy(), { actor: bob, now: monday }).events();
    expect(first).toMatchObject([{ type: 'PetitionSigned', data: { signerId: signBy().signer } }]);
    given([...petition, ...first])
      .when(signBy(), { actor: bob, now: monday })
      .then([]);
    // a signature written in clear before encryption still counts
    const legacy: CaseEvent = { type: 'PetitionSigned', data: { signerId: 'bob', signatures: 1 } };
    given([...petition, legacy])
      .when(signBy(), { actor: bob, now: monday })
      .then([]);
    expect(personalIdentity(signBy().signer!)).not.toBe(personalIdentity(signBy(alice).signer!));
  });
});

describe('PersonalDataErased', () => {
  it('is recorded by an admin in any status, with the destroyed keys', () => {
    given(history(filed))
      .when(erase(), { actor: admin, now: monday })
      .then([
        {
          type: 'PersonalDataErased',
          data: { subject: 'alice', reason: 'request', keys: ['k'], fullyErased: false },
        },
      ]);
  });

  it('is fully erased when every personal value was sealed', () => {
    const sealedFiling = sealCommand(fileAppeal(), fakeSealer, { caseId: 'c1', actor: alice });
    given(history([[sealedFiling, alice, monday]]))
      .when(erase(), { actor: admin, now: monday })
      .thenMatch([{ type: 'PersonalDataErased', data: { fullyErased: true } }]);
  });

  it('lets the citizen erase their own ended case only', () => {
    given(withdrawn())
      .when(erase(), { actor: alice, now: monday })
      .thenMatch([{ type: 'PersonalDataErased' }]);
    given(history(decided))
      .when(erase(), { actor: alice, now: monday })
      .thenRefused('invalid-transition');
    given(withdrawn()).when(erase(), { actor: bob, now: monday }).thenRefused('not-case-owner');
    given(withdrawn())
      .when(erase({ subject: 'bob' }), { actor: admin, now: monday })
      .thenRefused('not-case-owner');
    given(withdrawn())
      .when(erase(), { actor: caseworker, now: monday })
      .thenRefused('role-not-allowed');
  });

  it('erases by retention only an ended case', () => {
    given(history(decided))
      .when(erase({ reason: 'retention' }), { actor: system, now: monday })
      .thenRefused('invalid-transition');
    given(withdrawn())
      .when(erase({ reason: 'retention' }), { actor: system, now: monday })
      .thenMatch([{ type: 'PersonalDataErased', data: { reason: 'retention' } }]);
    const closed = history(
      [[{ type: 'CloseCase' }, system, daysAfter(monday, 60)]],
      undefined,
      history(decided),
    );
    given(closed)
      .when(erase({ reason: 'retention' }), { actor: system, now: monday })
      .then([
        {
          type: 'PersonalDataErased',
          data: { subject: alice.id, reason: 'retention', keys: ['k'], fullyErased: false },
        },
      ]);
  });

  it('leaves retention to the system: a person asks for erasure by request', () => {
    given(withdrawn())
      .when(erase({ reason: 'retention' }), { actor: admin, now: monday })
      .thenRefused('role-not-allowed');
    given(withdrawn())
      .when(erase({ reason: 'retention' }), { actor: alice, now: monday })
      .thenRefused('role-not-allowed');
  });

  it('appends nothing when retention fires again on an erased case', () => {
    const erased = history(
      [[erase({ reason: 'retention' }), system, monday]],
      undefined,
      withdrawn(),
    );
    given(erased)
      .when(erase({ reason: 'retention' }), { actor: system, now: monday })
      .then([]);
  });

  it('is idempotent until new personal data arrives', () => {
    const erased = history([[erase(), admin, monday]], undefined, history(filed));
    given(erased).when(erase(), { actor: admin, now: monday }).then([]);
    const noted = history(
      [[{ type: 'AddNote', noteId: 'n2', text: sealed('later') }, caseworker, monday]],
      undefined,
      erased,
    );
    given(noted)
      .when(erase(), { actor: admin, now: monday })
      .thenMatch([{ type: 'PersonalDataErased' }]);
  });
});
