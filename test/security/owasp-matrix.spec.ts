import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { SignJWT } from 'jose';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/app';
import {
  appealBody,
  castOf,
  command,
  countAllEvents,
  fileCase,
  type Cast,
} from '../api/api-fixtures';

/**
 * OWASP API Top 10 probes over real HTTP. Broken object level authorisation first: every route
 * that takes a case id answers a case the caller may not see exactly as an unknown case (status,
 * body byte for byte but the correlation id, headers), whatever else the request carries: a stale
 * If-Match, an Idempotency-Key, a command the case's kind or state would refuse.
 */
const ISSUER = 'https://idp.recourse.test';
const AUDIENCE = 'recourse-api';
const METRICS_TOKEN = 'scraper-secret-0123456789';

describe('OWASP matrix over HTTP', () => {
  let app: TestApp;
  let cast: Cast;
  /** an appeal of `owner` at zhengzhou-health, acknowledged, awaiting information */
  let hiddenCase: string;
  let position: string;

  beforeAll(async () => {
    app = await startTestApp({
      worker: true,
      env: {
        AUTH_JWT_ISSUER: ISSUER,
        AUTH_JWT_AUDIENCE: AUDIENCE,
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
        METRICS_TOKEN: METRICS_TOKEN,
        HTTP_HEADERS_TIMEOUT: '1',
        HTTP_REQUEST_TIMEOUT: '2',
      },
    });
    await app.app.listen(0, '127.0.0.1'); // for the raw sockets of the slow-client probes
    cast = await castOf(app);
    hiddenCase = await fileCase(app, cast.owner);
    await command(app, cast.caseworker, hiddenCase, 'acknowledge');
    await command(app, cast.caseworker, hiddenCase, 'notes', { text: 'internal' });
    const asked = await app.http
      .post(`/v1/cases/${hiddenCase}/request-information`)
      .set('Authorization', cast.caseworker)
      .send({ question: 'When?' })
      .expect(200);
    position = asked.body.position as string;
  });
  afterAll(() => app.close());

  /** What may differ between two answers to different requests: ids, time, budget counters. */
  function comparable(response: Response, caseId: string) {
    const text = response.text
      .replaceAll(caseId, ':id')
      .replace(/"correlationId":"[^"]*"/, '"correlationId":"…"');
    const headers = Object.fromEntries(
      Object.entries(response.headers).filter(
        ([name]) =>
          !['date', 'x-request-id', 'x-correlation-id'].includes(name) && !/ratelimit/.test(name),
      ),
    );
    return { status: response.status, headers, text };
  }

  interface CaseRoute {
    name: string;
    method: 'get' | 'post';
    path: string;
    /** a caller of a role the route serves, who may not see the hidden case */
    intruder: keyof Cast;
    body?: object;
  }
  const STAFF_BODIES: Record<string, object> = {
    acknowledge: {},
    assign: { caseworkerId: 'cw-henan' },
    'request-information': { question: 'Why?' },
    decision: { outcome: 'upheld', reasons: 'Because.' },
    notes: { text: 'peek' },
    refer: { reason: 'not ours' },
  };
  const CITIZEN_BODIES: Record<string, object> = {
    information: { message: 'Yesterday.' },
    evidence: { description: 'photo' },
    withdraw: {},
    escalate: { grounds: 'too slow' },
    signatures: {},
  };
  const CASE_ROUTES: CaseRoute[] = [
    { name: 'case view', method: 'get', path: '', intruder: 'otherCitizen' },
    { name: 'case view (staff)', method: 'get', path: '', intruder: 'otherCaseworker' },
    ...Object.entries(CITIZEN_BODIES).map(([action, body]) => ({
      name: action,
      method: 'post' as const,
      path: `/${action}`,
      intruder: 'otherCitizen' as const,
      body,
    })),
    ...Object.entries(STAFF_BODIES).flatMap(([action, body]) =>
      (['otherCaseworker', 'otherSupervisor'] as const).map((intruder) => ({
        name: `${action} (${intruder})`,
        method: 'post' as const,
        path: `/${action}`,
        intruder,
        body,
      })),
    ),
  ];

  /** The same hostile request to the hidden case and to an unknown one. */
  async function probeBoth(route: Omit<CaseRoute, 'name'>) {
    const probe = (caseId: string) => {
      const url = `/v1/cases/${caseId}${route.path}`;
      const req = route.method === 'get' ? app.http.get(url) : app.http.post(url);
      return req
        .set('Authorization', cast[route.intruder])
        .set('If-Match', '"0"')
        .set('Idempotency-Key', `probe-${randomUUID()}`)
        .set('X-Min-Position', position)
        .send(route.body);
    };
    const unknown = randomUUID();
    const [hidden, absent] = [await probe(hiddenCase), await probe(unknown)];
    return { hidden, absent, unknown };
  }

  it.each(CASE_ROUTES)(
    'API1 object level authorisation: $name answers a hidden case as an unknown one',
    async (route) => {
      const events = await countAllEvents(app);
      const { hidden, absent, unknown } = await probeBoth(route);
      expect(hidden.status).toBe(404);
      expect(hidden.headers.etag).toBeUndefined();
      expect(hidden.text).not.toMatch(/revision/i);
      expect(comparable(hidden, hiddenCase)).toEqual(comparable(absent, unknown));
      expect(await countAllEvents(app)).toBe(events);
    },
  );

  it('API1: every case route of the OpenAPI document, as every caller who may not see the case, answers a hidden case as an unknown one', async () => {
    const document = (await app.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/cases/{id}'))
      .flatMap(([path, item]) =>
        (['get', 'post'] as const)
          .filter((method) => item[method])
          .map((method) => ({ method, path: path.slice('/v1/cases/{id}'.length) })),
      );
    // the document lists every route the explicit rows probe (so this one finds new ones too)
    expect(routes).toEqual(
      expect.arrayContaining(CASE_ROUTES.map(({ method, path }) => ({ method, path }))),
    );
    const events = await countAllEvents(app);
    for (const route of routes) {
      const action = route.path.slice(1);
      const body = STAFF_BODIES[action] ?? CITIZEN_BODIES[action] ?? {};
      for (const intruder of [
        'otherCitizen',
        'otherCaseworker',
        'otherSupervisor',
        'admin',
      ] as const) {
        const { hidden, absent, unknown } = await probeBoth({ ...route, intruder, body });
        expect({ route, intruder, ...comparable(hidden, hiddenCase) }).toEqual({
          route,
          intruder,
          ...comparable(absent, unknown),
        });
      }
    }
    expect(await countAllEvents(app)).toBe(events);
  });

  it('API1: the audit trail is oversight only, and an unknown case is a 404 to oversight', async () => {
    for (const caseId of [hiddenCase, randomUUID()]) {
      await app.http
        .get(`/v1/cases/${caseId}/audit`)
        .set('Authorization', cast.otherCaseworker)
        .expect(403);
    }
    await app.http
      .get(`/v1/cases/${randomUUID()}/audit`)
      .set('Authorization', cast.oversight)
      .expect(404);
  });

  it('API3 property level authorisation: staff read the notes of their own authority, oversight all, others that a note exists', async () => {
    const caseId = await fileCase(app, cast.owner);
    await command(app, cast.caseworker, caseId, 'acknowledge');
    await command(app, cast.caseworker, caseId, 'notes', { text: 'zhengzhou: check the QR log' });
    await command(app, cast.caseworker, caseId, 'refer', { reason: 'provincial matter' });
    const last = await app.http
      .post(`/v1/cases/${caseId}/notes`)
      .set('Authorization', cast.otherCaseworker)
      .send({ text: 'henan: the station operator is at fault' })
      .expect(200);
    const notesOf = async (who: keyof Cast) => {
      const view = await app.http
        .get(`/v1/cases/${caseId}`)
        .set('Authorization', cast[who])
        .set('X-Min-Position', last.body.position as string)
        .expect(200);
      return view.body.notes as Array<Record<string, unknown>> | undefined;
    };
    const zhengzhou = {
      authorityId: 'zhengzhou-health',
      text: 'zhengzhou: check the QR log',
      authorId: 'cw-zhengzhou',
    };
    const henan = {
      authorityId: 'henan-health',
      text: 'henan: the station operator is at fault',
      authorId: 'cw-henan',
    };
    const exists = (authorityId: string) => ({
      revision: expect.any(Number),
      noteId: expect.any(String),
      authorityId,
      occurredAt: expect.any(String),
    });
    expect(await notesOf('caseworker')).toEqual([
      expect.objectContaining(zhengzhou),
      exists('henan-health'),
    ]);
    const previous = await notesOf('supervisor');
    expect(previous?.[1]).not.toHaveProperty('text');
    expect(previous?.[1]).not.toHaveProperty('authorId');
    expect(JSON.stringify(previous)).not.toContain('station operator');
    const current = await notesOf('otherSupervisor');
    expect(current).toEqual([exists('zhengzhou-health'), expect.objectContaining(henan)]);
    expect(await notesOf('oversight')).toEqual([
      expect.objectContaining(zhengzhou),
      expect.objectContaining(henan),
    ]);
    expect(await notesOf('owner')).toBeUndefined();
  });

  describe('API8 text rules', () => {
    /** POSTs a raw JSON text (to send what JSON.stringify would never write) */
    const postRaw = (path: string, token: string, json: string) =>
      app.http
        .post(path)
        .set('Authorization', token)
        .set('Content-Type', 'application/json')
        .send(json);
    const filing = (replace: Record<string, string>) => {
      let json = JSON.stringify(appealBody());
      for (const [from, to] of Object.entries(replace)) json = json.replace(from, to);
      return json;
    };

    it.each([
      ['NUL in grounds', { 'My code': 'My\\u0000code' }, 'grounds'],
      ['a lone surrogate in the appellant name', { '"Liu"': '"Li\\ud800u"' }, 'appellant.name'],
      ['a lone low surrogate in the decision', { '"red"': '"\\udc00"' }, 'decision.outcome'],
      ['NUL in an optional field', { Restore: 'Re\\u0000store' }, 'remedy'],
      ['__proto__', { '"kind"': '"__proto__":{"role":"admin"},"kind"' }, '__proto__'],
      [
        'constructor (nested)',
        { '"automation"': '"constructor":{},"automation"' },
        'decision.constructor',
      ],
      ['prototype', { '"kind"': '"prototype":1,"kind"' }, 'prototype'],
    ])('refuses %s in a filing with 400 naming the field', async (_, replace, field) => {
      const events = await countAllEvents(app);
      const response = await postRaw('/v1/cases', cast.owner, filing(replace)).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect(await countAllEvents(app)).toBe(events);
    });

    it('refuses reasons of zero width and format characters only', async () => {
      const caseId = await fileCase(app, cast.owner);
      await command(app, cast.caseworker, caseId, 'acknowledge');
      const response = await app.http
        .post(`/v1/cases/${caseId}/decision`)
        .set('Authorization', cast.caseworker)
        .send({ outcome: 'upheld', reasons: '\u200b\u200c\u2060\ufeff \u00a0' })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'reasons', message: 'reasons must not be blank (it needs a visible character)' },
      ]);
    });

    it.each([
      ['NUL in a note', 'notes', '{"text":"a\\u0000b"}', 'text'],
      ['a lone surrogate in evidence', 'evidence', '{"description":"\\ud83d"}', 'description'],
    ])('refuses %s on a command', async (_, action, json, field) => {
      const caseId = await fileCase(app, cast.owner);
      const token = action === 'evidence' ? cast.owner : cast.caseworker;
      const response = await postRaw(`/v1/cases/${caseId}/${action}`, token, json).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    });

    it.each([
      ['NUL in a filter', 'assignee=%00', 'assignee'],
      ['__proto__ as a parameter', '__proto__=x', '__proto__'],
      ['constructor as a parameter', 'constructor=x', 'constructor'],
      // (UTF-8 cannot carry a lone surrogate: %ED%A0%80 decodes to U+FFFD)
    ])('refuses %s in a query with 400', async (_, query, field) => {
      const response = await app.http
        .get(`/v1/queues/zhengzhou-health?${query}`)
        .set('Authorization', cast.caseworker)
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    });
  });

  describe('API4/API8 query parameters', () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const someId = '00000000-0000-4000-8000-000000000000';
    it.each([
      [
        'a queue cursor holding a non-date',
        '/v1/queues/zhengzhou-health',
        cursor(['1', someId]),
        'caseworker',
      ],
      [
        'a queue cursor out of range',
        '/v1/queues/zhengzhou-health',
        cursor(['+275760-09-13T00:00:00.000Z', someId]),
        'caseworker',
      ],
      [
        'a queue cursor on 30 February',
        '/v1/queues/zhengzhou-health',
        cursor(['2026-02-30T00:00:00Z', someId]),
        'caseworker',
      ],
      [
        'a queue cursor in year 0',
        '/v1/queues/zhengzhou-health',
        cursor(['0000-06-01T00:00:00Z', someId]),
        'caseworker',
      ],
      [
        'an audit cursor overflowing 64 bits',
        '/v1/audit/events',
        '1-99999999999999999999',
        'oversight',
      ],
      [
        'an audit cursor overflowing PostgreSQL bigint',
        '/v1/audit/events',
        '18446744073709551615-18446744073709551615',
        'oversight',
      ],
    ] as const)(
      'refuses %s with 400 (or reads nothing), never 500',
      async (_, path, value, who) => {
        const response = await app.http
          .get(path)
          .query({ cursor: value })
          .set('Authorization', cast[who]);
        expect([200, 400]).toContain(response.status);
        if (response.status === 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        } else {
          expect(response.body.items).toEqual([]); // past the end of the log
        }
      },
    );

    it.each([
      ['from', '0999-12-31T00:00:00Z'],
      ['to', '2026-02-30T00:00:00Z'],
      ['limit', '1e3'],
      ['limit', '99999999999999999999'],
    ])('refuses %s=%s with 400 naming it', async (name, value) => {
      const response = await app.http
        .get('/v1/audit/events')
        .query({ [name]: value })
        .set('Authorization', cast.oversight)
        .expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(name);
    });
  });

  describe('API2 broken authentication: tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const year3000 = Math.floor(Date.parse('3000-01-01T00:00:00Z') / 1000);
    const signed = (claims: Record<string, unknown>) =>
      new SignJWT({ sub: 'citizen-liu', role: 'citizen', ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const valid = () => ({ iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 3600 });

    it('accepts a token with the configured issuer and audience', async () => {
      await app.http
        .get('/v1/cases/mine')
        .set('Authorization', `Bearer ${await signed(valid())}`)
        .expect(200);
    });

    it.each([
      ['another issuer', { iss: 'https://evil.example' }],
      ['no issuer', { iss: undefined }],
      ['another audience', { aud: 'someone-else' }],
      ['no audience', { aud: undefined }],
      ['a lifetime until the year 3000', { exp: year3000 }],
      ['a lifetime of 24 h and a second', { lifetime: 86_401 }],
      ['an iat in the future', { iat: year3000 - 3600, exp: year3000 }],
      ['no iat', { iat: undefined }],
    ])('refuses %s with 401', async (_, { lifetime, ...claims }: Record<string, unknown>) => {
      const token = { ...valid(), ...claims };
      if (typeof lifetime === 'number') token.exp = token.iat + lifetime;
      const response = await app.http
        .get('/v1/cases/mine')
        .set('Authorization', `Bearer ${await signed(token)}`)
        .expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('API8 security misconfiguration: transport', () => {
    it("sends helmet's headers and Cache-Control: no-store on answers and problems alike", async () => {
      const answers = [
        await app.http.get(`/v1/cases/${hiddenCase}`).set('Authorization', cast.owner),
        await app.http.get('/v1/cases/mine').set('Authorization', cast.owner),
        await app.http.get(`/v1/cases/${randomUUID()}`).set('Authorization', cast.owner),
        await app.http.post('/v1/cases').set('Authorization', cast.owner).send({}),
        await app.http.get('/v1/cases/mine'),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 404, 400, 401]);
      for (const answer of answers) {
        expect(answer.headers).toMatchObject({
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'strict-transport-security': expect.stringContaining('max-age='),
          'content-security-policy': expect.stringContaining("frame-ancestors 'self'"),
          'cross-origin-resource-policy': 'same-origin',
          'referrer-policy': 'no-referrer',
        });
        expect(answer.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('keeps /metrics to the holder of METRICS_TOKEN', async () => {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        `Basic ${METRICS_TOKEN}`,
        cast.oversight,
      ]) {
        const request = app.http.get('/metrics');
        if (authorization) request.set('Authorization', authorization);
        const refused = await request.expect(401);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.text).not.toMatch(/process_cpu|http_request/);
      }
      const scraped = await app.http
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`)
        .expect(200);
      expect(scraped.text).toMatch(/process_cpu_user_seconds_total/);
    });

    /** Opens a raw connection that sends `head` and then one byte of `trickle` every 100 ms. */
    function trickle(
      head: string,
      drip: string,
    ): Promise<{ closedAfterMs: number; answer: string }> {
      const { port } = (app.app.getHttpServer() as Server).address() as AddressInfo;
      const started = Date.now();
      return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(head));
        let answer = '';
        let sent = 0;
        const timer = setInterval(() => {
          if (!socket.destroyed && sent < drip.length) socket.write(drip[sent++]);
        }, 100);
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('error', () => undefined); // a reset is a close too
        socket.on('close', () => {
          clearInterval(timer);
          clearTimeout(limit);
          resolve({ closedAfterMs: Date.now() - started, answer });
        });
        const limit = setTimeout(() => {
          clearInterval(timer);
          socket.destroy();
          reject(new Error('the server kept a trickling connection open for 10 s'));
        }, 10_000);
      });
    }

    it('cuts off a client that trickles its headers, and serves others meanwhile', async () => {
      const slow = trickle(
        'GET /health/live HTTP/1.1\r\nHost: x\r\n',
        'X-Slow: ' + 'a'.repeat(200),
      );
      await app.http.get('/health/live').expect(200);
      const { closedAfterMs, answer } = await slow;
      expect(closedAfterMs).toBeLessThan(3_500);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    });

    it('cuts off a client that trickles its body', async () => {
      const head =
        `POST /v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: ${cast.owner}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n';
      const { closedAfterMs } = await trickle(head, ' '.repeat(500));
      expect(closedAfterMs).toBeLessThan(4_500);
    });
  });

  describe('API5 function level authorisation: who belongs where', () => {
    const assign = (caseId: string, caseworkerId: string) =>
      app.http
        .post(`/v1/cases/${caseId}/assign`)
        .set('Authorization', cast.supervisor)
        .send({ caseworkerId });

    it('refuses to assign a case to staff of another authority or to someone unknown, with 409 and why', async () => {
      const caseId = await fileCase(app, cast.owner);
      await app.http
        .get('/v1/queues/henan-health')
        .set('Authorization', cast.otherCaseworker)
        .expect(200);
      const events = await countAllEvents(app);
      const elsewhere = await assign(caseId, 'cw-henan').expect(409);
      expect(elsewhere.body).toMatchObject({
        type: 'https://recourse.example/problems/assignee-not-in-authority',
        detail: 'cw-henan is staff of henan-health, not of zhengzhou-health, which holds the case',
        errors: [{ field: 'caseworkerId', message: expect.any(String) }],
      });
      const unknown = await assign(caseId, 'cw-nobody').expect(409);
      expect(unknown.body.detail).toMatch(/cw-nobody is not known as staff of zhengzhou-health/);
      expect(await countAllEvents(app)).toBe(events);

      await app.http
        .put('/v1/staff/cw-nobody')
        .set('Authorization', cast.admin)
        .send({ authorityId: 'zhengzhou-health', role: 'caseworker' })
        .expect(200);
      await assign(caseId, 'cw-nobody').expect(200);
    });

    it('records staff from their verified tokens, lets only admins record them, and supervisors list their own', async () => {
      const own = await app.http.get('/v1/staff').set('Authorization', cast.supervisor).expect(200);
      expect(own.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            staffId: 'cw-zhengzhou',
            authorityId: 'zhengzhou-health',
            role: 'caseworker',
            source: 'token',
          }),
        ]),
      );
      expect(
        own.body.items.every((m: { authorityId: string }) => m.authorityId === 'zhengzhou-health'),
      ).toBe(true);
      await app.http
        .get('/v1/staff?authorityId=henan-health')
        .set('Authorization', cast.supervisor)
        .expect(403);
      const body = { authorityId: 'zhengzhou-health', role: 'caseworker' };
      await app.http
        .put('/v1/staff/x')
        .set('Authorization', cast.supervisor)
        .send(body)
        .expect(403);
      await app.http
        .put('/v1/staff/x')
        .set('Authorization', cast.admin)
        .send({ ...body, authorityId: 'atlantis' })
        .expect(400);
      await app.http
        .put('/v1/staff/x')
        .set('Authorization', cast.admin)
        .send({ ...body, role: 'oversight' })
        .expect(400);
      await app.http
        .put(`/v1/staff/${encodeURIComponent('\u200b')}`)
        .set('Authorization', cast.admin)
        .send(body)
        .expect(400);
    });
  });
});
