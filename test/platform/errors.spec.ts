import { startTestApp, type TestApp } from '../support/app';
import { PROBE_PATHS, ProbeModule } from './probe.module';

const PROBLEM = /^application\/problem\+json/;

describe('errors are RFC 9457 problems', () => {
  let t: TestApp;
  let citizen: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      modules: [ProbeModule],
      unvalidatedPaths: PROBE_PATHS,
      env: { LOG_LEVEL: 'info', REQUEST_LOG_LEVEL: 'info' },
      logDestination: { write: (line: string) => void logLines.push(JSON.parse(line)) },
    });
    citizen = await t.token('u1', 'citizen');
  });
  afterAll(() => t.close());

  const validBody = { grounds: 'g', decision: { reference: 'HC-1', automation: 'full' } };

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http.get('/nowhere').set('Authorization', citizen);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /nowhere',
      instance: '/nowhere',
      correlationId: res.headers['x-correlation-id'],
    });
  });

  it('refuses a body that is not JSON with 415, and takes a bodiless POST', async () => {
    const res = await t.http
      .post('/probe/echo')
      .set('Authorization', citizen)
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify(validBody));
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.detail).toBe('the body must be application/json, not text/plain');
    const bodiless = await t.http.post('/probe/echo').set('Authorization', citizen);
    expect(bodiless.status).not.toBe(415);
  });

  it('validates and transforms a DTO', async () => {
    const res = await t.http.post('/probe/echo').set('Authorization', citizen).send(validBody);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ isDto: true, body: validBody });
  });

  it('refuses unknown and invalid fields with 400 and field errors, nested paths included', async () => {
    const res = await t.http
      .post('/probe/echo')
      .set('Authorization', citizen)
      .send({
        ...validBody,
        extra: 1,
        decision: { reference: 'HC-1', automation: 'robot', sneaky: true },
      });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      type: 'https://recourse.example/problems/validation-failed',
      title: 'Invalid request',
      status: 400,
    });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'extra', message: 'property extra should not exist' },
        { field: 'decision.sneaky', message: 'property sneaky should not exist' },
        {
          field: 'decision.automation',
          message: expect.stringContaining('automation must be one of'),
        },
      ]),
    );
    expect(res.body.errors).toHaveLength(3);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await t.http
      .post('/probe/echo')
      .set('Authorization', citizen)
      .set('Content-Type', 'application/json')
      .send('{"grounds": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      title: 'Bad Request',
      status: 400,
      detail: expect.stringMatching(/JSON/),
    });
    expect(res.headers['x-correlation-id']).toBeDefined();
  });

  it('answers a body over 64 KiB with a 413 problem', async () => {
    const res = await t.http
      .post('/probe/echo')
      .set('Authorization', citizen)
      .send({ ...validBody, grounds: 'x'.repeat(64 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      title: 'Payload Too Large',
      status: 413,
      detail: expect.stringMatching(/64 KiB/),
    });
  });

  it('accepts a body just under the limit', async () => {
    const res = await t.http
      .post('/probe/echo')
      .set('Authorization', citizen)
      .send({ ...validBody, grounds: 'x'.repeat(60 * 1024) });
    expect(res.status).toBe(201);
  });

  it('answers an unexpected error with a bare 500 and logs it with the correlation id', async () => {
    const res = await t.http
      .get('/probe/boom')
      .set('Authorization', citizen)
      .set('X-Correlation-Id', 'corr-boom-1');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.headers['x-correlation-id']).toBe('corr-boom-1');
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: expect.stringContaining('correlation id'),
      instance: '/probe/boom',
      correlationId: 'corr-boom-1',
    });
    expect(res.text).not.toMatch(/hunter2|at .*\.ts|stack/);
    const logged = logLines.find(
      (line) => line.context === 'ProblemDetails' && line.correlationId === 'corr-boom-1',
    );
    expect(logged).toMatchObject({
      level: 50,
      err: { message: 'database password is hunter2', stack: expect.any(String) },
    });
  });

  it('hides whether a case exists: not-found, not-owner and not-authority answer the same 404', async () => {
    const bodies = [];
    for (const code of ['case-not-found', 'not-case-owner', 'not-case-authority']) {
      const res = await t.http.get(`/probe/domain/${code}`).set('Authorization', citizen);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const { correlationId: _c, instance: _i, ...body } = res.body;
      bodies.push(body);
    }
    expect(bodies[0]).toMatchObject({
      type: 'https://recourse.example/problems/case-not-found',
      status: 404,
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it.each([
    ['role-not-allowed', 403],
    ['reasons-required', 400],
    ['invalid-transition', 409],
    ['escalation-window-closed', 409],
  ])('maps the domain error %s to %i', async (code, status) => {
    const res = await t.http.get(`/probe/domain/${code}`).set('Authorization', citizen);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({
      type: `https://recourse.example/problems/${code}`,
      status,
      detail: `refused: ${code}`,
    });
  });

  it('maps HttpExceptions faithfully (429)', async () => {
    const res = await t.http.get('/probe/rate-limited').set('Authorization', citizen);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'slow down',
    });
  });

  it('echoes a given correlation id, generates one otherwise, and logs every request line with it', async () => {
    const given = await t.http
      .get('/probe/me')
      .set('Authorization', citizen)
      .set('X-Correlation-Id', 'corr-me-1');
    expect(given.headers['x-correlation-id']).toBe('corr-me-1');
    expect(given.body.correlationId).toBe('corr-me-1');
    const generated = await t.http.get('/probe/me').set('Authorization', citizen);
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await t.http
      .get('/probe/me')
      .set('Authorization', citizen)
      .set('X-Correlation-Id', 'a b"c');
    expect(unsafe.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const completed = logLines.find(
      (line) => line.correlationId === 'corr-me-1' && line.msg === 'request completed',
    );
    expect(completed).toMatchObject({ res: { statusCode: 200 } });
    expect(JSON.stringify(completed)).not.toMatch(/Bearer/);
  });
});
