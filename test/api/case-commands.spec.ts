import { examplePolicy } from '@recourse/domain';
import { startTestApp, type TestApp } from '../support/app';
import {
  AUTHORITY,
  CASEWORKER_ID,
  OTHER_AUTHORITY,
  appealBody,
  castOf,
  command,
  countAllEvents,
  fileCase,
  petitionBody,
  openedStreamOf,
  streamOf,
  typesOf,
  type Cast,
} from './api-fixtures';

/**
 * Every command endpoint: the accepted path (answer and the exact events in the stream) and each
 * kind of refusal (bad input, wrong role, wrong owner or authority, wrong state), after which the
 * stream must be exactly what it was.
 */
describe('case command endpoints', () => {
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    app = await startTestApp({ policy: { ...examplePolicy, petition: { supportThreshold: 2 } } });
    cast = await castOf(app);
  });
  afterAll(() => app.close());

  const post = (path: string, token: string, body: unknown = {}) =>
    app.http
      .post(path)
      .set('Authorization', token)
      .send(body as object);

  /** Runs a refused request and checks that the case's stream did not change. */
  async function expectRefused(
    caseId: string,
    path: string,
    token: string,
    body: unknown,
    status: number,
    type?: string,
  ) {
    const before = await typesOf(app.eventStore, caseId);
    const response = await post(`/v1/cases/${caseId}/${path}`, token, body);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (type) expect(response.body.type).toBe(`https://recourse.example/problems/${type}`);
    expect(await typesOf(app.eventStore, caseId)).toEqual(before);
    return response;
  }

  async function acknowledged(): Promise<string> {
    const caseId = await fileCase(app, cast.owner);
    await command(app, cast.caseworker, caseId, 'acknowledge');
    return caseId;
  }

  async function decided(): Promise<string> {
    const caseId = await acknowledged();
    await command(app, cast.caseworker, caseId, 'decision', {
      outcome: 'rejected',
      reasons: 'The scan record matches the exposure window.',
    });
    return caseId;
  }

  describe('POST /v1/cases', () => {
    it('files an appeal: 201, Location, ETag, and one CaseFiled carrying the metadata', async () => {
      const response = await post('/v1/cases', cast.owner, appealBody())
        .set('X-Correlation-Id', 'corr-file-1')
        .expect(201);
      const { id } = response.body;
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        reference: expect.stringMatching(/^RC-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$/),
        status: 'filed',
        level: 0,
        authorityId: AUTHORITY,
        deadlines: { acknowledgeBy: expect.any(String), respondBy: expect.any(String) },
        revision: 0,
        position: expect.stringMatching(/^\d+-\d+$/),
      });
      expect(response.headers.etag).toBe('"0"');
      expect(response.headers.location).toBe(`/v1/cases/${id}`);

      const [filed, ...rest] = await openedStreamOf(app, id);
      expect(rest).toEqual([]);
      expect(filed.type).toBe('CaseFiled');
      expect(filed.data).toMatchObject({
        caseId: id,
        reference: response.body.reference,
        kind: 'appeal',
        priority: 'urgent',
        ownerId: 'citizen-liu',
        decision: appealBody().decision,
        appellant: { name: 'Liu', contact: 'liu@example.org' },
      });
      expect(filed.metadata).toMatchObject({
        actor: { id: 'citizen-liu', role: 'citizen' },
        correlationId: 'corr-file-1',
        causationId: 'corr-file-1',
        schemaVersion: 1,
      });
    });

    it('files a petition with standard priority and no response deadline yet', async () => {
      const response = await post('/v1/cases', cast.owner, petitionBody()).expect(201);
      expect(response.body.deadlines.respondBy).toBeNull();
      const [filed] = await streamOf(app.eventStore, response.body.id);
      expect(filed.data).toMatchObject({ kind: 'petition', priority: 'standard' });
      expect(filed.data).not.toHaveProperty('decision');
    });

    it.each([
      ['an appeal without grounds', appealBody({ grounds: undefined }), 'grounds'],
      ['an appeal with a petition title', appealBody({ title: 'x' }), 'title'],
      ['a petition with a decision', petitionBody({ decision: appealBody().decision }), 'decision'],
      ['an unknown field', appealBody({ isAdmin: true }), 'isAdmin'],
      [
        'an unknown nested field',
        appealBody({ appellant: { name: 'Liu', contact: 'x', idNumber: '1' } }),
        'appellant',
      ],
      ['a wrong type', appealBody({ priority: 3 }), 'priority'],
      ['an oversized field', appealBody({ grounds: 'x'.repeat(10_001) }), 'grounds'],
      [
        'a bad automation value',
        appealBody({ decision: { ...(appealBody().decision as object), automation: 'ai' } }),
        'decision.automation',
      ],
    ])('refuses %s with 400 naming the field, appending nothing', async (_name, body, field) => {
      const before = await countAllEvents(app);
      const response = await post('/v1/cases', cast.owner, body).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { field: expect.stringContaining(field), message: expect.any(String) },
        ]),
      );
      expect(await countAllEvents(app)).toBe(before);
    });

    it('refuses an authority the policy does not know, appending nothing', async () => {
      const before = await countAllEvents(app);
      const response = await post('/v1/cases', cast.owner, appealBody({ authorityId: 'nowhere' }));
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('https://recourse.example/problems/unknown-authority');
      expect(await countAllEvents(app)).toBe(before);
    });

    it('refuses staff (403) and callers without a token (401)', async () => {
      const before = await countAllEvents(app);
      await post('/v1/cases', cast.caseworker, appealBody()).expect(403);
      await app.http.post('/v1/cases').send(appealBody()).expect(401);
      expect(await countAllEvents(app)).toBe(before);
    });
  });

  describe('POST /v1/cases/:id/evidence', () => {
    it('adds evidence and answers its id', async () => {
      const caseId = await fileCase(app, cast.owner);
      const body = {
        description: 'Test result',
        sha256: 'AB'.repeat(32),
        url: 'https://example.org/r.pdf',
      };
      const response = await post(`/v1/cases/${caseId}/evidence`, cast.owner, body).expect(200);
      expect(response.body).toEqual({
        id: expect.any(String),
        revision: 1,
        position: expect.any(String),
      });
      expect(response.headers.etag).toBe('"1"');
      const events = await openedStreamOf(app, caseId);
      expect(events.map((event) => event.type)).toEqual(['CaseFiled', 'EvidenceAdded']);
      expect(events[1].data).toEqual({
        evidenceId: response.body.id,
        description: 'Test result',
        sha256: 'ab'.repeat(32),
        url: 'https://example.org/r.pdf',
      });
    });

    it('refuses bad input, another citizen, staff, and an ended case', async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(
        caseId,
        'evidence',
        cast.owner,
        { description: 'x', url: 'http://a.b' },
        400,
      );
      await expectRefused(caseId, 'evidence', cast.owner, { description: 'x', sha256: 'zz' }, 400);
      await expectRefused(
        caseId,
        'evidence',
        cast.otherCitizen,
        { description: 'x' },
        404,
        'case-not-found',
      );
      await expectRefused(caseId, 'evidence', cast.caseworker, { description: 'x' }, 403);
      await command(app, cast.owner, caseId, 'withdraw');
      await expectRefused(
        caseId,
        'evidence',
        cast.owner,
        { description: 'x' },
        409,
        'invalid-transition',
      );
    });
  });

  describe('POST /v1/cases/:id/withdraw', () => {
    it('withdraws with or without a reason', async () => {
      const caseId = await fileCase(app, cast.owner);
      await post(`/v1/cases/${caseId}/withdraw`, cast.owner, { reason: 'Resolved' }).expect(200);
      const events = await openedStreamOf(app, caseId);
      expect(events.map((event) => [event.type, event.data])).toEqual([
        ['CaseFiled', expect.any(Object)],
        ['CaseWithdrawn', { reason: 'Resolved' }],
      ]);
    });

    it('refuses another citizen, bad input and a withdrawn case', async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(caseId, 'withdraw', cast.otherCitizen, {}, 404, 'case-not-found');
      await expectRefused(caseId, 'withdraw', cast.owner, { reason: 42 }, 400);
      await command(app, cast.owner, caseId, 'withdraw');
      await expectRefused(caseId, 'withdraw', cast.owner, {}, 409, 'invalid-transition');
    });
  });

  describe('POST /v1/cases/:id/acknowledge', () => {
    it("acknowledges for the case's authority", async () => {
      const caseId = await fileCase(app, cast.owner);
      const response = await post(`/v1/cases/${caseId}/acknowledge`, cast.caseworker).expect(200);
      expect(response.body).toEqual({ revision: 1, position: expect.any(String) });
      const events = await streamOf(app.eventStore, caseId);
      expect(events[1]).toMatchObject({
        type: 'CaseAcknowledged',
        data: { authorityId: AUTHORITY },
        metadata: { actor: { id: CASEWORKER_ID, role: 'caseworker', authorityId: AUTHORITY } },
      });
    });

    it('refuses another authority, a body, the citizen, and a second acknowledgement', async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(caseId, 'acknowledge', cast.otherCaseworker, {}, 404, 'case-not-found');
      await expectRefused(caseId, 'acknowledge', cast.caseworker, { note: 'x' }, 400);
      await expectRefused(caseId, 'acknowledge', cast.owner, {}, 403);
      await command(app, cast.caseworker, caseId, 'acknowledge');
      await expectRefused(caseId, 'acknowledge', cast.caseworker, {}, 409, 'invalid-transition');
    });
  });

  describe('POST /v1/cases/:id/assign', () => {
    it('lets a supervisor assign staff of the authority and a caseworker assign themselves', async () => {
      const caseId = await acknowledged();
      await app.http
        .put('/v1/staff/cw-other')
        .set('Authorization', cast.admin)
        .send({ authorityId: AUTHORITY, role: 'caseworker' })
        .expect(200);
      await post(`/v1/cases/${caseId}/assign`, cast.supervisor, {
        caseworkerId: 'cw-other',
      }).expect(200);
      await post(`/v1/cases/${caseId}/assign`, cast.caseworker, {
        caseworkerId: CASEWORKER_ID,
      }).expect(200);
      const events = await streamOf(app.eventStore, caseId);
      expect(events.slice(2).map((event) => event.data)).toEqual([
        { caseworkerId: 'cw-other', assignedBy: 'sv-zhengzhou' },
        { caseworkerId: CASEWORKER_ID, assignedBy: CASEWORKER_ID },
      ]);
    });

    it('refuses a caseworker assigning someone else, bad input, another authority, an ended case', async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(
        caseId,
        'assign',
        cast.caseworker,
        { caseworkerId: 'cw-other' },
        403,
        'caseworker-may-only-assign-self',
      );
      await expectRefused(caseId, 'assign', cast.supervisor, { caseworkerId: '' }, 400);
      await expectRefused(caseId, 'assign', cast.otherSupervisor, { caseworkerId: 'x' }, 404);
      await command(app, cast.owner, caseId, 'withdraw');
      await expectRefused(
        caseId,
        'assign',
        cast.supervisor,
        { caseworkerId: 'x' },
        409,
        'invalid-transition',
      );
    });
  });

  describe('POST /v1/cases/:id/request-information and /information', () => {
    it('asks the citizen, who answers; the request id links both events', async () => {
      const caseId = await acknowledged();
      const asked = await post(`/v1/cases/${caseId}/request-information`, cast.caseworker, {
        question: 'Which station, and when?',
      }).expect(200);
      expect(asked.body).toEqual({
        id: expect.any(String),
        revision: 2,
        position: expect.any(String),
      });
      const answered = await post(`/v1/cases/${caseId}/information`, cast.owner, {
        message: 'Zhengzhou East, 08:02.',
      }).expect(200);
      expect(answered.body).toEqual({ revision: 3, position: expect.any(String) });
      const events = await openedStreamOf(app, caseId);
      expect(events.slice(2).map((event) => event.type)).toEqual([
        'InformationRequested',
        'InformationProvided',
      ]);
      expect(events[2].data).toMatchObject({
        requestId: asked.body.id,
        question: 'Which station, and when?',
      });
      expect(events[3].data).toMatchObject({
        requestId: asked.body.id,
        message: 'Zhengzhou East, 08:02.',
      });
    });

    it('refuses a question before acknowledgement, a blank question, another authority', async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(
        caseId,
        'request-information',
        cast.caseworker,
        { question: 'Q?' },
        409,
        'invalid-transition',
      );
      await command(app, cast.caseworker, caseId, 'acknowledge');
      await expectRefused(caseId, 'request-information', cast.caseworker, { question: '   ' }, 400);
      await expectRefused(
        caseId,
        'request-information',
        cast.otherCaseworker,
        { question: 'Q?' },
        404,
      );
    });

    it('refuses an answer nobody asked for, from another citizen, or blank', async () => {
      const caseId = await acknowledged();
      await expectRefused(
        caseId,
        'information',
        cast.owner,
        { message: 'hi' },
        409,
        'invalid-transition',
      );
      await command(app, cast.caseworker, caseId, 'request-information', { question: 'Q?' });
      await expectRefused(
        caseId,
        'information',
        cast.otherCitizen,
        { message: 'hi' },
        404,
        'case-not-found',
      );
      await expectRefused(caseId, 'information', cast.owner, { message: '' }, 400);
      await expectRefused(caseId, 'information', cast.owner, {}, 400);
    });
  });

  describe('POST /v1/cases/:id/decision', () => {
    it('records the outcome with written reasons', async () => {
      const caseId = await acknowledged();
      await post(`/v1/cases/${caseId}/decision`, cast.caseworker, {
        outcome: 'overturned',
        reasons: 'No exposure found.',
        remedy: 'Code restored to green.',
      }).expect(200);
      const events = await streamOf(app.eventStore, caseId);
      expect(events.map((event) => event.type)).toEqual([
        'CaseFiled',
        'CaseAcknowledged',
        'DecisionIssued',
      ]);
      expect(events[2].data).toMatchObject({
        outcome: 'overturned',
        reasons: 'No exposure found.',
        remedy: 'Code restored to green.',
        authorityId: AUTHORITY,
        final: false,
      });
    });

    it('refuses blank reasons, an unknown outcome, a filed case, another authority', async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(
        caseId,
        'decision',
        cast.caseworker,
        { outcome: 'upheld', reasons: 'Because.' },
        409,
        'invalid-transition',
      );
      await command(app, cast.caseworker, caseId, 'acknowledge');
      const blank = await expectRefused(
        caseId,
        'decision',
        cast.caseworker,
        { outcome: 'upheld', reasons: ' \n\t' },
        400,
      );
      expect(blank.body.errors).toEqual([
        { field: 'reasons', message: 'reasons must not be blank (it needs a visible character)' },
      ]);
      await expectRefused(
        caseId,
        'decision',
        cast.caseworker,
        { outcome: 'maybe', reasons: 'x' },
        400,
      );
      await expectRefused(
        caseId,
        'decision',
        cast.otherCaseworker,
        { outcome: 'upheld', reasons: 'x' },
        404,
      );
      await expectRefused(
        caseId,
        'decision',
        cast.owner,
        { outcome: 'overturned', reasons: 'x' },
        403,
      );
    });
  });

  describe('POST /v1/cases/:id/escalate', () => {
    it('moves a decided case one authority up', async () => {
      const caseId = await decided();
      await post(`/v1/cases/${caseId}/escalate`, cast.owner, {
        grounds: 'The reasons ignore my test.',
      }).expect(200);
      const events = await streamOf(app.eventStore, caseId);
      expect(events.slice(3).map((event) => event.type)).toEqual([
        'EscalationRequested',
        'CaseEscalated',
      ]);
      expect(events[4].data).toMatchObject({
        fromAuthorityId: AUTHORITY,
        toAuthorityId: OTHER_AUTHORITY,
        level: 1,
        reason: 'citizen',
      });
    });

    it('refuses a case that is neither decided nor late, blank grounds, another citizen', async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(
        caseId,
        'escalate',
        cast.owner,
        { grounds: 'Too slow.' },
        409,
        'escalation-not-allowed',
      );
      const decidedId = await decided();
      await expectRefused(decidedId, 'escalate', cast.owner, { grounds: '' }, 400);
      await expectRefused(
        decidedId,
        'escalate',
        cast.otherCitizen,
        { grounds: 'x' },
        404,
        'case-not-found',
      );
    });
  });

  describe('POST /v1/cases/:id/notes', () => {
    it('adds an internal note and answers its id', async () => {
      const caseId = await fileCase(app, cast.owner);
      const response = await post(`/v1/cases/${caseId}/notes`, cast.caseworker, {
        text: 'Check the QR logs.',
      }).expect(200);
      const events = await openedStreamOf(app, caseId);
      expect(events[1]).toMatchObject({
        type: 'NoteAdded',
        data: { noteId: response.body.id, text: 'Check the QR logs.' },
      });
    });

    it('refuses the citizen, another authority, blank text', async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(caseId, 'notes', cast.owner, { text: 'x' }, 403);
      await expectRefused(caseId, 'notes', cast.otherSupervisor, { text: 'x' }, 404);
      await expectRefused(caseId, 'notes', cast.caseworker, { text: ' ' }, 400);
    });
  });

  describe('POST /v1/cases/:id/refer', () => {
    it('refers the case to the next authority', async () => {
      const caseId = await acknowledged();
      await post(`/v1/cases/${caseId}/refer`, cast.supervisor, {
        reason: 'Provincial data needed.',
      }).expect(200);
      const events = await streamOf(app.eventStore, caseId);
      expect(events[2]).toMatchObject({
        type: 'CaseEscalated',
        data: {
          fromAuthorityId: AUTHORITY,
          toAuthorityId: OTHER_AUTHORITY,
          level: 1,
          reason: 'referral',
        },
      });
      // the case now belongs to the next authority: the first one may no longer act on it
      await expectRefused(caseId, 'notes', cast.caseworker, { text: 'x' }, 404);
      await post(`/v1/cases/${caseId}/acknowledge`, cast.otherCaseworker).expect(200);
    });

    it('refuses a decided case, a blank reason, another authority', async () => {
      const caseId = await decided();
      await expectRefused(
        caseId,
        'refer',
        cast.caseworker,
        { reason: 'x' },
        409,
        'invalid-transition',
      );
      const filedId = await fileCase(app, cast.owner);
      await expectRefused(filedId, 'refer', cast.caseworker, { reason: '' }, 400);
      await expectRefused(filedId, 'refer', cast.otherCaseworker, { reason: 'x' }, 404);
    });
  });

  describe('POST /v1/cases/:id/signatures', () => {
    it('signs once per citizen and starts the response clock at the threshold (2)', async () => {
      const caseId = await fileCase(app, cast.owner, petitionBody());
      const first = await post(`/v1/cases/${caseId}/signatures`, cast.otherCitizen).expect(200);
      expect(first.body.revision).toBe(1);
      // signing again is accepted and changes nothing
      const again = await post(`/v1/cases/${caseId}/signatures`, cast.otherCitizen).expect(200);
      expect(again.body).toEqual({ revision: 1, position: first.body.position });
      await post(`/v1/cases/${caseId}/signatures`, cast.owner).expect(200);
      const events = await openedStreamOf(app, caseId);
      expect(events.map((event) => [event.type, event.data])).toEqual([
        ['CaseFiled', expect.any(Object)],
        ['PetitionSigned', { signerId: 'citizen-wang', signatures: 1 }],
        ['PetitionSigned', { signerId: 'citizen-liu', signatures: 2 }],
        ['SupportThresholdReached', expect.objectContaining({ signatures: 2 })],
      ]);
    });

    it("refuses an appeal (another citizen's as unknown), a body, and staff", async () => {
      const caseId = await fileCase(app, cast.owner);
      await expectRefused(caseId, 'signatures', cast.owner, {}, 409, 'not-a-petition');
      await expectRefused(caseId, 'signatures', cast.otherCitizen, {}, 404, 'case-not-found');
      const petitionId = await fileCase(app, cast.owner, petitionBody());
      await expectRefused(petitionId, 'signatures', cast.otherCitizen, { name: 'x' }, 400);
      await expectRefused(petitionId, 'signatures', cast.caseworker, {}, 403);
    });
  });

  describe('If-Match', () => {
    it('runs the command when the revision matches and refuses a stale one with 412', async () => {
      const caseId = await fileCase(app, cast.owner);
      await post(`/v1/cases/${caseId}/notes`, cast.caseworker, { text: 'a' })
        .set('If-Match', '"0"')
        .expect(200);
      const stale = await post(`/v1/cases/${caseId}/notes`, cast.caseworker, { text: 'b' }).set(
        'If-Match',
        '"0"',
      );
      expect(stale.status).toBe(412);
      expect(stale.body.detail).toContain('"1"');
      await post(`/v1/cases/${caseId}/notes`, cast.caseworker, { text: 'b' })
        .set('If-Match', 'W/"1"')
        .expect(200);
      await post(`/v1/cases/${caseId}/notes`, cast.caseworker, { text: 'c' })
        .set('If-Match', 'yesterday')
        .expect(400);
      expect(await typesOf(app.eventStore, caseId)).toEqual([
        'CaseFiled',
        'NoteAdded',
        'NoteAdded',
      ]);
    });
  });

  describe('OpenAPI', () => {
    it('documents every command endpoint and the filing body', async () => {
      const { body } = await app.http.get('/docs-json').expect(200);
      const actions = [
        'information',
        'evidence',
        'withdraw',
        'escalate',
        'signatures',
        'acknowledge',
        'assign',
        'request-information',
        'decision',
        'notes',
        'refer',
      ];
      for (const action of actions)
        expect(body.paths).toHaveProperty([`/v1/cases/{id}/${action}`, 'post']);
      expect(body.paths).toHaveProperty(['/v1/cases', 'post']);
      expect(body.paths).toHaveProperty(['/v1/cases/{id}/audit', 'get']);
      expect(body.components.schemas.AppealFiling.properties.kind.enum).toEqual(['appeal']);
      expect(body.components.schemas.PetitionFiling.properties.kind.enum).toEqual(['petition']);
      expect(body.components.schemas.ContestedDecisionDto.required).toContain('automation');
    });
  });

  describe('case ids', () => {
    it('answer an unknown or malformed id exactly like a hidden case', async () => {
      const unknown = await post(
        '/v1/cases/00000000-0000-4000-8000-000000000000/evidence',
        cast.owner,
        { description: 'x' },
      );
      const malformed = await post('/v1/cases/not-a-uuid/evidence', cast.owner, {
        description: 'x',
      });
      const caseId = await fileCase(app, cast.owner);
      const hidden = await post(`/v1/cases/${caseId}/evidence`, cast.otherCitizen, {
        description: 'x',
      });
      for (const response of [unknown, malformed, hidden]) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({
          type: 'https://recourse.example/problems/case-not-found',
          detail: unknown.body.detail,
        });
      }
    });
  });
});
