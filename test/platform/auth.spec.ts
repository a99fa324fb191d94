import { SignJWT, UnsecuredJWT } from 'jose';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/app';
import { PROBE_PATHS, ProbeModule } from './probe.module';

const secret = new TextEncoder().encode(TEST_JWT_SECRET);

describe('authentication and roles over HTTP', () => {
  let t: TestApp;
  beforeAll(
    async () => (t = await startTestApp({ modules: [ProbeModule], unvalidatedPaths: PROBE_PATHS })),
  );
  afterAll(() => t.close());

  const expect401 = async (authorization: string | undefined, detail: RegExp) => {
    const req = t.http.get('/probe/me');
    const res = await (authorization ? req.set('Authorization', authorization) : req);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body).toMatchObject({
      status: 401,
      title: 'Unauthorized',
      detail: expect.stringMatching(detail),
    });
  };

  it('accepts a valid token and gives the route the actor', async () => {
    const res = await t.http.get('/probe/me').set('Authorization', await t.token('u1', 'citizen'));
    expect(res.status).toBe(200);
    expect(res.body.actor).toEqual({ id: 'u1', role: 'citizen' });
  });

  it('401 without a token', () => expect401(undefined, /Authorization: Bearer/));
  it('401 with another scheme', () => expect401('Basic dTE6cHc=', /Authorization: Bearer/));
  it('401 for a malformed token', () => expect401('Bearer abc.def', /malformed/));

  it('401 for an expired token', async () => {
    const expired = await new SignJWT({ role: 'citizen' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(secret);
    await expect401(`Bearer ${expired}`, /expired/);
  });

  it('401 for a token signed with another secret', async () => {
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret-of-enough-length-123'));
    await expect401(`Bearer ${forged}`, /signature/);
  });

  it('401 for an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin' })
      .setSubject('u1')
      .setExpirationTime('1h')
      .encode();
    await expect401(`Bearer ${unsigned}`, /./);
  });

  it('401 for a staff token without an authority', async () => {
    const token = await new SignJWT({ role: 'caseworker' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('w1')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    await expect401(`Bearer ${token}`, /authorityId/);
  });

  it('403 problem when the role may not use the route', async () => {
    const res = await t.http
      .get('/probe/staff')
      .set('Authorization', await t.token('u1', 'citizen'));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Forbidden', status: 403 });
  });

  it('lets an allowed role through', async () => {
    const res = await t.http
      .get('/probe/staff')
      .set('Authorization', await t.token('w1', 'caseworker', 'zhengzhou-health'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'w1', role: 'caseworker', authorityId: 'zhengzhou-health' });
  });

  it('keeps health, metrics and docs public', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics', '/docs', '/docs-json']) {
      expect((await t.http.get(path)).status).toBe(200);
    }
  });
});
