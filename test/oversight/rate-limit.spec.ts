import { randomUUID } from 'node:crypto';
import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import { castOf, type Cast } from '../api/api-fixtures';

const LIMIT = 5;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('rate limiting per caller (RATE_LIMIT_PER_MINUTE)', () => {
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
      detail: expect.stringMatching(/More than 5 requests in a minute by this caller/),
    });
  });

  it('counts per token subject, not per connection or address', async () => {
    // same client address as the caller refused above
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

describe('rate limiting per client address (RATE_LIMIT_PER_ADDRESS_PER_MINUTE)', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  async function start(env: Record<string, string>, rateLimitKeyPrefix?: string) {
    const app = await startTestApp({
      env: { RATE_LIMIT_PER_ADDRESS_PER_MINUTE: String(LIMIT), ...env },
      rateLimitKeyPrefix,
    });
    apps.push(app);
    return app;
  }

  beforeAll(() => quietNestLogs());

  it('limits a flood of bad tokens before authentication', async () => {
    const t = await start({});
    for (let i = 0; i < LIMIT; i++) {
      await t.http.get('/v1/alerts').set('Authorization', `Bearer forged-${i}`).expect(401);
    }
    const refused = await t.http
      .get('/v1/alerts')
      .set('Authorization', 'Bearer forged')
      .expect(429);
    expect(refused.body.detail).toMatch(/More than 5 requests in a minute from this address/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // a valid token from the same address is refused too: the address has spent its budget
    const valid = await t.token('ovs-1', 'oversight');
    await t.http.get('/v1/alerts').set('Authorization', valid).expect(429);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY trusts the sender', async () => {
    const direct = await start({});
    for (let i = 0; i < LIMIT; i++) {
      await direct.http.get('/v1/alerts').set('X-Forwarded-For', `203.0.113.${i}`).expect(401);
    }
    await direct.http.get('/v1/alerts').set('X-Forwarded-For', '203.0.113.99').expect(429);

    const proxied = await start({ TRUST_PROXY: 'loopback' });
    for (let i = 0; i < LIMIT; i++) {
      await proxied.http.get('/v1/alerts').set('X-Forwarded-For', '203.0.113.7').expect(401);
    }
    await proxied.http.get('/v1/alerts').set('X-Forwarded-For', '203.0.113.7').expect(429);
    // behind the trusted proxy, another client has a budget of its own
    await proxied.http.get('/v1/alerts').set('X-Forwarded-For', '198.51.100.4').expect(401);
  });

  it('shares one budget across api processes on one Redis', async () => {
    const namespace = `t_${randomUUID()}:ratelimit:`;
    const first = await start({ REDIS_URL }, namespace);
    const second = await start({ REDIS_URL }, namespace);
    for (let i = 0; i < LIMIT; i++) {
      await (i % 2 === 0 ? first : second).http.get('/v1/alerts').expect(401);
    }
    await first.http.get('/v1/alerts').expect(429);
    await second.http.get('/v1/alerts').expect(429);
    // another deployment on the same Redis (its own namespace) is untouched
    const elsewhere = await start({ REDIS_URL });
    await elsewhere.http.get('/v1/alerts').expect(401);
  });
});

describe('rate limiting disabled (both budgets 0)', () => {
  let t: TestApp;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0' },
    });
  });
  afterAll(() => t.close());

  it('lets every request through', async () => {
    const token = await t.token('ovs-1', 'oversight');
    for (let i = 0; i < 20; i++) {
      await t.http.get('/v1/alerts').set('Authorization', token).expect(200);
    }
  });
});
