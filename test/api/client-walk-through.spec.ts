import { randomUUID } from 'node:crypto';
import type { RecourseClient } from '@recourse/client';
import { startTestApp, type TestApp } from '../support/app';
import { listeningClients } from '../support/client';
import { appealExample, EXAMPLE_AUTHORITY } from '../support/fixtures';

/**
 * The README's walk-through, an appeal from filing to audit, as an integrator writes it: with the
 * typed client (libs/client) over real HTTP to a listening server, API and worker in one process
 * as `npm start` runs them.
 */
describe('the walk-through with the typed client', () => {
  let t: TestApp;
  let citizen: RecourseClient;
  let caseworker: RecourseClient;
  let oversight: RecourseClient;
  let anonymous: RecourseClient;

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    const clientOf = await listeningClients(t);
    citizen = clientOf(await t.token('liu', 'citizen'));
    caseworker = clientOf(await t.token('cw-1', 'caseworker', EXAMPLE_AUTHORITY));
    oversight = clientOf(await t.token('ovs-1', 'oversight'));
    anonymous = clientOf();
  });
  afterAll(() => t.close());

  it('files an appeal, reads it, acknowledges and decides it, and audits its chain', async () => {
    const filed = await citizen.POST('/v1/cases', {
      params: { header: { 'Idempotency-Key': `"liu-appeal-${randomUUID()}"` } },
      body: appealExample(),
    });
    expect(filed.response.status).toBe(201);
    const { id, position } = filed.data!;
    expect(filed.data).toMatchObject({ status: 'filed', level: 0, revision: 0 });

    const read = await citizen.GET('/v1/cases/{id}', {
      params: { path: { id }, header: { 'X-Min-Position': position } },
    });
    expect(read.response.headers.get('etag')).toBe('"0"');
    expect(read.data?.status).toBe('filed');
    expect(read.data?.nextStep.explanation).toMatch(
      /^Zhengzhou Health Commission must acknowledge the case: due /,
    );

    const acknowledged = await caseworker.POST('/v1/cases/{id}/acknowledge', {
      params: { path: { id } },
      body: {},
    });
    expect(acknowledged.response.status).toBe(200);
    expect(acknowledged.response.headers.get('etag')).toBe('"1"');
    expect(acknowledged.data?.revision).toBe(1);

    const decision = {
      outcome: 'overturned' as const,
      reasons: 'The station scan predates the exposure window.',
      remedy: 'Code set to green.',
    };
    const decided = await caseworker.POST('/v1/cases/{id}/decision', {
      params: { path: { id }, header: { 'If-Match': '"1"' } },
      body: decision,
    });
    expect(decided.data?.revision).toBe(2);

    const audit = await oversight.GET('/v1/cases/{id}/audit', { params: { path: { id } } });
    expect(audit.data?.verified).toBe(true);
    expect(audit.data?.events.map((event) => event.type)).toEqual([
      'CaseFiled',
      'CaseAcknowledged',
      'DecisionIssued',
    ]);
  });

  it('gives errors back as problem+json: a stale If-Match, blank reasons, no token', async () => {
    const filed = await citizen.POST('/v1/cases', { body: appealExample() });
    const id = filed.data!.id;

    const stale = await caseworker.POST('/v1/cases/{id}/acknowledge', {
      params: { path: { id }, header: { 'If-Match': '"7"' } },
      body: {},
    });
    expect(stale.data).toBeUndefined();
    expect(stale.response.status).toBe(412);
    expect(stale.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(stale.error).toMatchObject({ status: 412, title: expect.any(String) as string });

    await caseworker.POST('/v1/cases/{id}/acknowledge', { params: { path: { id } }, body: {} });
    const blank = await caseworker.POST('/v1/cases/{id}/decision', {
      params: { path: { id } },
      body: { outcome: 'upheld', reasons: '   ' },
    });
    expect(blank.response.status).toBe(400);
    expect(blank.error?.errors?.map((error) => error.field)).toEqual(['reasons']);

    const unauthenticated = await anonymous.GET('/v1/cases/{id}', { params: { path: { id } } });
    expect(unauthenticated.response.status).toBe(401);
    expect(unauthenticated.error?.status).toBe(401);
  });
});
