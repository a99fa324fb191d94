import request from 'supertest';
import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';

const PORTAL = 'https://portal.example.org';

describe('CORS (CORS_ORIGINS)', () => {
  let t: TestApp;
  let closed: TestApp;

  beforeAll(async () => {
    quietNestLogs();
    // a budget of one request per address: a preflight must not spend it
    t = await startTestApp({
      env: {
        CORS_ORIGINS: `${PORTAL},http://localhost:5173`,
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1',
      },
    });
    closed = await startTestApp();
  });
  afterAll(() => Promise.all([t.close(), closed.close()]));

  // preflights are not in the OpenAPI document: sent without the validating agent
  const preflight = (app: TestApp, origin: string) =>
    request(app.app.getHttpServer())
      .options('/v1/cases')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');

  it('answers a preflight from an allowed origin with 204, before authentication and rate limits', async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await preflight(t, PORTAL).expect(204);
      expect(answer.headers['access-control-allow-origin']).toBe(PORTAL);
      expect(answer.headers['access-control-allow-methods']).toContain('POST');
      expect(answer.headers['access-control-allow-headers']?.toLowerCase()).toContain(
        'idempotency-key',
      );
      expect(answer.headers['access-control-max-age']).toBe('600');
    }
  });

  it('lets the page read the contract headers of an answer', async () => {
    const token = await t.token('ovs-1', 'oversight');
    const answer = await t.http
      .get('/v1/alerts')
      .set('Origin', PORTAL)
      .set('Authorization', token)
      .expect(200);
    expect(answer.headers['access-control-allow-origin']).toBe(PORTAL);
    const exposed = answer.headers['access-control-expose-headers']?.split(',') ?? [];
    expect(exposed).toEqual(
      expect.arrayContaining(['ETag', 'Location', 'Retry-After', 'X-Correlation-Id']),
    );
  });

  it('gives another origin no CORS headers', async () => {
    const answer = await preflight(t, 'https://evil.example.com');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is off without CORS_ORIGINS', async () => {
    const answer = await preflight(closed, PORTAL);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const get = await closed.http.get('/health/live').set('Origin', PORTAL).expect(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});
