import { fold } from './case-state';
import {
  alice,
  bob,
  carol,
  caseworker,
  contested,
  fileAppeal,
  filePetition,
  hoursAfter,
  monday,
  policyWith,
  sign,
  supervisor,
} from './testing/fixtures';
import { given, history } from './testing/spec';

const weekend = (...dates: string[]) => dates.map((date) => ({ date, reason: 'weekend' as const }));

describe('FileCase', () => {
  it('files a standard appeal at level 0 with deadlines computed now in the authority calendar', () => {
    given()
      .when(fileAppeal(), { actor: alice, now: monday })
      .then([
        {
          type: 'CaseFiled',
          data: {
            caseId: 'case-1',
            reference: 'RC-2026-000001',
            kind: 'appeal',
            authorityId: 'zhengzhou-health',
            level: 0,
            priority: 'standard',
            ownerId: 'alice',
            appellant: { name: 'Liu', contact: 'liu@example.org' },
            decision: contested,
            grounds: 'My code turned red after scanning a station QR code.',
            remedy: 'Restore my code to green.',
            deadlines: {
              acknowledgeBy: {
                kind: 'acknowledge',
                due: '2026-06-17T01:00:00.000Z',
                start: '2026-06-15T01:00:00.000Z',
                rule: 'P2WD',
                calendar: 'cn',
                timeZone: 'Asia/Shanghai',
                policyVersion: 'example-1',
                skipped: [],
                pauses: [],
              },
              respondBy: {
                kind: 'respond',
                due: '2026-07-06T01:00:00.000Z',
                start: '2026-06-15T01:00:00.000Z',
                rule: 'P15WD',
                calendar: 'cn',
                timeZone: 'Asia/Shanghai',
                policyVersion: 'example-1',
                skipped: weekend(
                  '2026-06-20',
                  '2026-06-21',
                  '2026-06-27',
                  '2026-06-28',
                  '2026-07-04',
                  '2026-07-05',
                ),
                pauses: [],
              },
            },
          },
        },
      ]);
  });

  it('gives an urgent appeal the urgent absolute deadlines', () => {
    const [filed] = given()
      .when(fileAppeal({ priority: 'urgent' }), { actor: alice, now: monday })
      .events();
    expect(filed).toMatchObject({
      type: 'CaseFiled',
      data: {
        priority: 'urgent',
        deadlines: {
          acknowledgeBy: { rule: 'PT4H', due: '2026-06-15T05:00:00.000Z', skipped: [] },
          respondBy: { rule: 'PT24H', due: '2026-06-16T01:00:00.000Z', skipped: [] },
        },
      },
    });
  });

  it('omits optional fields that were not given, so events never carry undefined', () => {
    const [filed] = given()
      .when(fileAppeal({ remedy: undefined }), { actor: alice, now: monday })
      .events();
    expect(Object.keys(filed.data)).not.toContain('remedy');
  });

  it('files a petition with an acknowledgement deadline and no response clock yet', () => {
    given()
      .when(filePetition(), { actor: alice, now: monday })
      .thenMatch([
        {
          type: 'CaseFiled',
          data: {
            kind: 'petition',
            title: 'Publish the health-code rules',
            demand: 'Publish the rules that turn a code red.',
            level: 0,
            deadlines: {
              acknowledgeBy: { rule: 'P5WD', due: '2026-06-22T01:00:00.000Z' },
              respondBy: null,
            },
          },
        },
      ]);
  });

  it('starts a petition response clock at once when the policy threshold is 0', () => {
    given()
      .when(filePetition(), {
        actor: alice,
        now: monday,
        policy: policyWith({ petition: { supportThreshold: 0 } }),
      })
      .thenMatch([
        { type: 'CaseFiled', data: { deadlines: { respondBy: null } } },
        {
          type: 'SupportThresholdReached',
          data: { signatures: 0, respondBy: { rule: 'P20WD', kind: 'respond' } },
        },
      ]);
  });

  it('is refused to staff', () => {
    given().when(fileAppeal(), { actor: caseworker, now: monday }).thenRefused('role-not-allowed');
  });

  it('is refused when the case already exists', () => {
    given(history([[fileAppeal(), alice, monday]]))
      .when(fileAppeal(), { actor: alice, now: monday })
      .thenRefused('case-already-exists');
  });

  it('is refused for an authority the policy does not know', () => {
    const refusal = given()
      .when(fileAppeal({ authorityId: 'nowhere' }), { actor: alice, now: monday })
      .thenRefused('unknown-authority');
    expect(refusal.field).toBe('authorityId');
  });

  it.each([
    ['decision', { decision: undefined }],
    ['grounds', { grounds: undefined }],
    ['grounds', { grounds: '   ' }],
    // the same rule as the HTTP edge: invisible characters are no text, whoever sends the command
    ['grounds', { grounds: '\u200b\u2060\ufeff' }],
  ])('refuses an appeal without %s', (field, overrides) => {
    const refusal = given()
      .when(fileAppeal(overrides), { actor: alice, now: monday })
      .thenRefused('missing-field');
    expect(refusal.field).toBe(field);
  });

  it.each([
    ['title', { title: undefined }],
    ['demand', { demand: '' }],
  ])('refuses a petition without %s', (field, overrides) => {
    const refusal = given()
      .when(filePetition(overrides), { actor: alice, now: monday })
      .thenRefused('missing-field');
    expect(refusal.field).toBe(field);
  });

  it.each([
    ['appeal', 'title', fileAppeal({ title: 'A title' })],
    ['petition', 'decision', filePetition({ decision: contested })],
    ['petition', 'grounds', filePetition({ grounds: 'because' })],
  ])('refuses a(n) %s carrying %s', (_kind, field, command) => {
    const refusal = given()
      .when(command, { actor: alice, now: monday })
      .thenRefused('field-not-applicable');
    expect(refusal.field).toBe(field);
  });

  it('refuses an urgent petition: its response clock starts at the support threshold', () => {
    given()
      .when(filePetition({ priority: 'urgent' }), { actor: alice, now: monday })
      .thenRefused('threshold-not-applicable');
  });
});

describe('SignPetition', () => {
  const threeSignatures = policyWith({ petition: { supportThreshold: 3 } });
  const petition = history([[filePetition(), alice, monday]], threeSignatures);
  const later = hoursAfter(monday, 1);

  it('records a signature with the running count', () => {
    given(petition)
      .when(sign, { actor: bob, now: later, policy: threeSignatures })
      .then([{ type: 'PetitionSigned', data: { signerId: 'bob', signatures: 1 } }]);
  });

  it('is idempotent per citizen: a second signature by the same citizen records nothing', () => {
    const signed = history([[sign, bob, later]], threeSignatures, petition);
    given(signed).when(sign, { actor: bob, now: later, policy: threeSignatures }).then([]);
  });

  it('records the support threshold and starts the response clock when signatures reach it', () => {
    const twoSigned = history(
      [
        [sign, alice, later],
        [sign, bob, later],
      ],
      threeSignatures,
      petition,
    );
    const when = hoursAfter(monday, 5);
    const events = given(twoSigned)
      .when(sign, { actor: carol, now: when, policy: threeSignatures })
      .events();
    expect(events).toMatchObject([
      { type: 'PetitionSigned', data: { signerId: 'carol', signatures: 3 } },
      {
        type: 'SupportThresholdReached',
        data: {
          signatures: 3,
          respondBy: { kind: 'respond', rule: 'P20WD', start: when.toISOString() },
        },
      },
    ]);
    const state = fold([...twoSigned, ...events]);
    expect(state.thresholdReached).toBe(true);
    expect(state.deadlines.respondBy).toEqual(
      events[1].type === 'SupportThresholdReached' && events[1].data.respondBy,
    );
  });

  it('does not record the threshold twice', () => {
    const reached = history(
      [
        [sign, alice, later],
        [sign, bob, later],
        [sign, carol, later],
      ],
      threeSignatures,
      petition,
    );
    given(reached)
      .when(sign, { actor: { id: 'dan', role: 'citizen' }, now: later, policy: threeSignatures })
      .then([{ type: 'PetitionSigned', data: { signerId: 'dan', signatures: 4 } }]);
  });

  it('uses the escalated response rule for a petition that reaches support after escalation', () => {
    const onePolicy = policyWith({ petition: { supportThreshold: 1 } });
    const escalated = history(
      [
        [filePetition(), alice, monday],
        [{ type: 'ReferCase', reason: 'Provincial matter' }, supervisor, later],
      ],
      onePolicy,
    );
    given(escalated)
      .when(sign, { actor: bob, now: later, policy: onePolicy })
      .thenMatch([
        { type: 'PetitionSigned' },
        { type: 'SupportThresholdReached', data: { respondBy: { rule: 'P10WD' } } },
      ]);
  });

  it('is refused on an appeal', () => {
    given(history([[fileAppeal(), alice, monday]]))
      .when(sign, { actor: bob, now: later })
      .thenRefused('not-a-petition');
  });

  it('is refused to staff', () => {
    given(petition).when(sign, { actor: caseworker, now: later }).thenRefused('role-not-allowed');
  });

  it('is refused on a withdrawn petition', () => {
    const withdrawn = history(
      [[{ type: 'WithdrawCase' }, alice, later]],
      threeSignatures,
      petition,
    );
    given(withdrawn).when(sign, { actor: bob, now: later }).thenRefused('invalid-transition');
  });

  it('is refused on a case that does not exist', () => {
    given().when(sign, { actor: bob, now: later }).thenRefused('case-not-found');
  });
});
