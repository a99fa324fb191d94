import { PrivateRedis } from '../faults/private-redis';
import { startTestApp, type TestApp } from '../support/app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('health, metrics and docs', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { REDIS_URL } })));
  afterAll(() => t.close());

  it('is live', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'up' });
  });

  it('is ready when the database and the event store answer (Redis: the workers need it)', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ready: true,
      checks: { database: { status: 'up' }, eventStore: { status: 'up' } },
    });
  });

  it('exposes Prometheus metrics, default and per route', async () => {
    await t.http.get('/health/live');
    await t.http.get('/no-such-route');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/health\/live",status="200"\} [1-9]/,
    );
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="unmatched",status="404"\} 1/,
    );
    expect(res.text).toContain('http_request_duration_seconds_bucket');
  });

  it('serves Swagger UI and the OpenAPI document', async () => {
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    // its scripts are same-origin: served over plain HTTP, they must not be sent to https://
    expect(ui.headers['content-security-policy']).toContain("script-src 'self'");
    expect(ui.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/health/ready']).toBeDefined();
    expect(doc.body.paths['/metrics']).toBeUndefined();
  });
});

describe('readiness when a store is down', () => {
  it('leaves Redis out of an API-only process: it files and answers without it', async () => {
    // nothing listens on port 1
    const t = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await t.http.get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ready: true,
        checks: { database: { status: 'up' }, eventStore: { status: 'up' } },
      });
    } finally {
      await t.close();
    }
  });

  describe('a process that runs the queues too', () => {
    let redis: PrivateRedis;
    let t: TestApp;
    /** the app's BullMQ workers, connected before the test kills Redis */
    let workers = 0;
    beforeAll(async () => {
      redis = await PrivateRedis.start();
      t = await startTestApp({ worker: true, env: { REDIS_URL: redis.url } });
    });
    afterAll(async () => {
      await redis.startServerAwaitingWorkers(workers);
      await t?.close();
      await redis.stop();
    });

    it('answers 503 naming Redis while it is down; why, only to an admin', async () => {
      expect((await t.http.get('/health/ready')).status).toBe(200);
      workers = await redis.workerConnections();
      await redis.kill();
      const res = await t.http.get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body).toMatchObject({
        type: 'https://recourse.example/problems/not-ready',
        status: 503,
        detail: 'Unavailable: redis',
        checks: {
          database: { status: 'up' },
          eventStore: { status: 'up' },
          redis: { status: 'down' },
        },
      });
      expect(res.body.checks.redis.error).toBeUndefined();
      const admin = await t.http
        .get('/health/ready')
        .set('Authorization', await t.token('adm-1', 'admin'));
      expect(admin.body.checks.redis.error).toEqual(expect.any(String));
      expect((await t.http.get('/health/live')).status).toBe(200);
    });
  });
});
