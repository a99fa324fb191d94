import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { recourseQueueNames } from '../../apps/api/src/admin/queue-board';
import { startTestApp, type TestApp } from '../support/app';
import { deleteKeysWithPrefix } from '../support/redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('Bull Board at /admin/queues', () => {
  const prefix = `t_${randomUUID()}`;
  let t: TestApp;
  let redis: Redis;
  let admin: string;

  beforeAll(async () => {
    redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    // a timer waiting in the deadline queue, as the worker would have armed it
    const deadlines = new Queue('deadlines', { connection: redis, prefix });
    await deadlines.add('deadline', { caseId: 'c1' }, { delay: 3_600_000, jobId: 'c1-due' });
    await deadlines.close();
    t = await startTestApp({ env: { REDIS_URL }, queueBoardPrefix: prefix });
    admin = await t.token('a1', 'admin');
  });
  afterAll(async () => {
    await t?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  const expectProblem = (
    res: { headers: Record<string, string>; body: unknown },
    status: number,
  ) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, instance: expect.stringMatching(/^\/admin\/queues/) });
  };

  it('401 problem+json without a token, on the page and on its API', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expectProblem(res, 401);
    }
  });

  it('403 problem+json for every role but admin', async () => {
    const tokens = [
      await t.token('u1', 'citizen'),
      await t.token('w1', 'caseworker', 'zhengzhou-health'),
      await t.token('s1', 'supervisor', 'zhengzhou-health'),
      await t.token('o1', 'oversight'),
    ];
    for (const token of tokens) {
      const res = await t.http.get('/admin/queues').set('Authorization', token);
      expect(res.status).toBe(403);
      expectProblem(res, 403);
    }
  });

  it('serves the board to an admin, its assets loadable under the CSP', async () => {
    const res = await t.http.get('/admin/queues').set('Authorization', admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<base href="/admin/queues/"');
    expect(res.text).toContain('Recourse queues');

    // helmet's policy: scripts only from this origin, no inline script
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    const scripts = [...res.text.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    const styles = [...res.text.matchAll(/<link href="(static\/[^"]+\.css)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(styles.length).toBeGreaterThan(0);
    // the only inline <script> is the board's JSON configuration, which is data and never runs
    const inline = [...res.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline).toEqual([' id="__UI_CONFIG__" type="application/json"']);
    for (const asset of [...scripts, ...styles]) {
      // relative to <base href>: same origin, which script-src 'self' and style-src 'self' allow
      expect(asset).toMatch(/^static\//);
      const loaded = await t.http.get(`/admin/queues/${asset}`).set('Authorization', admin);
      expect(loaded.status).toBe(200);
      expect(loaded.headers['content-type']).toMatch(
        asset.endsWith('.js') ? /javascript/ : /^text\/css/,
      );
    }
  });

  it("lists every queue of Recourse with its jobs in the board's JSON API", async () => {
    const res = await t.http
      .get('/admin/queues/api/queues?activeQueue=deadlines&status=delayed&page=1&jobsPerPage=10')
      .set('Authorization', admin);
    expect(res.status).toBe(200);
    const queues = res.body.queues as {
      name: string;
      readOnlyMode: boolean;
      counts: Record<string, number>;
      jobs: { id: string }[];
    }[];
    expect(queues.map((queue) => queue.name).sort()).toEqual(recourseQueueNames().sort());
    expect(queues.map((queue) => queue.name)).toEqual(
      expect.arrayContaining(['projections.p0', 'deadlines', 'notify.deliveries']),
    );
    expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
    const deadlines = queues.find((queue) => queue.name === 'deadlines')!;
    expect(deadlines.counts.delayed).toBe(1);
    expect(deadlines.jobs.map((job) => job.id)).toEqual(['c1-due']);
  });

  it('refuses changes: the board is read-only', async () => {
    const res = await t.http
      .put('/admin/queues/api/queues/deadlines/pause')
      .set('Authorization', admin);
    // the board's own error body, which its page shows
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ error: { key: 'ERRORS.QUEUE_READ_ONLY' } });
    expect(await redis.hget(`${prefix}:deadlines:meta`, 'paused')).toBeNull();
  });
});

describe('/admin/queues without REDIS_URL', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t?.close());

  it('is not there: the in-process runner has no queues to show', async () => {
    const res = await t.http
      .get('/admin/queues')
      .set('Authorization', await t.token('a1', 'admin'));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
