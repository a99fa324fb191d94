import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import { castOf, type Cast } from '../api/api-fixtures';

const LIMIT = 5;

describe('rate limiting (RATE_LIMIT_PER_MINUTE)', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    cast = await castOf(t);
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once a caller spends its minute, across routes', async () => {
    for (let i = 0; i < LIMIT; i++) {
      const path = i % 2 === 0 ? '/v1/alerts' : '/v1/stats/outcomes';
      const ok = await t.http.get(path).set('Authorization', cast.oversight).expect(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1 - i));
    }
    const refused = await t.http
      .get('/v1/audit/events')
      .set('Authorization', cast.oversight)
      .expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: expect.stringMatching(/More than 5 requests in a minute/),
    });
  });

  it('counts per token subject, not per connection or IP', async () => {
    // same client IP as the caller refused above
    await t.http.get('/v1/alerts').set('Authorization', cast.oversight).expect(429);
    const other = await t.token('ovs-2', 'oversight');
    await t.http.get('/v1/alerts').set('Authorization', other).expect(200);
  });

  it('never limits health and metrics', async () => {
    for (let i = 0; i < LIMIT + 2; i++) {
      await t.http.get('/health/live').expect(200);
      await t.http.get('/metrics').expect(200);
    }
  });
});

describe('rate limiting disabled (RATE_LIMIT_PER_MINUTE=0)', () => {
  let t: TestApp;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(() => t.close());

  it('lets every request through', async () => {
    const token = await t.token('ovs-1', 'oversight');
    for (let i = 0; i < 20; i++) {
      await t.http.get('/v1/alerts').set('Authorization', token).expect(200);
    }
  });
});
