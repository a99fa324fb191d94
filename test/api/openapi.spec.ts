import type { OpenAPIObject } from '@nestjs/swagger';
import { FILING_EXAMPLES } from '@recourse/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { ResponseValidator } from '../support/openapi';

const answer = (status: number, body?: unknown, contentType = 'application/json') => ({
  status,
  headers: { 'content-type': contentType },
  text: body === undefined ? '' : JSON.stringify(body),
  body,
});

describe('the OpenAPI contract', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  let validator: ResponseValidator;

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/docs-json').expect(200)).body as OpenAPIObject;
    validator = new ResponseValidator(document);
  });
  afterAll(() => t.close());

  it('documents a summary, a success body and the problem answers of every operation', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect([where, typeof operation.summary]).toEqual([where, 'string']);
        const statuses = Object.keys(operation.responses);
        const success = statuses.filter((s) => /^2\d\d$/.test(s));
        expect([where, success.length > 0]).toEqual([where, true]);
        for (const status of success.filter((s) => s !== '204')) {
          const media = Object.keys(operation.responses[status].content ?? {});
          expect([where, status, media.length > 0]).toEqual([where, status, true]);
        }
        const secured = operation.security === undefined || operation.security.length > 0;
        if (secured)
          expect([where, statuses]).toEqual([where, expect.arrayContaining(['401', '403', '429'])]);
        else expect([where, operation.security]).toEqual([where, []]);
        for (const status of statuses.filter((s) => Number(s) >= 400)) {
          expect([where, status, Object.keys(operation.responses[status].content)]).toEqual([
            where,
            status,
            ['application/problem+json'],
          ]);
        }
      }
    }
  });

  it('marks a body optional exactly when its schema has no fields, and the server agrees', async () => {
    const schemas = document.components?.schemas ?? {};
    const optional: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const body = operation.requestBody as
          | { required?: boolean; content: Record<string, { schema: { $ref?: string } }> }
          | undefined;
        if (!body) continue;
        const ref = body.content['application/json'].schema.$ref?.split('/').pop();
        const schema = ref ? (schemas[ref] as { properties?: object }) : undefined;
        const hasFields = schema === undefined || Object.keys(schema.properties ?? {}).length > 0;
        expect([method, path, body.required === true]).toEqual([method, path, hasFields]);
        if (!hasFields) optional.push(`${method} ${path}`);
      }
    }
    expect(optional).toEqual([
      'post /v1/cases/{id}/signatures',
      'post /v1/cases/{id}/acknowledge',
      'post /v1/subjects/{sub}/erasure',
    ]);
    // no body at all is taken like {} (here: the subject is unknown, not the body refused)
    const admin = await t.token('admin-1', 'admin');
    const answer = await t.http.post('/v1/subjects/nobody/erasure').set('Authorization', admin);
    expect([answer.status, answer.body.detail]).toEqual([404, 'no such subject: nobody']);
  });

  it('describes filing as appeal or petition, told apart by kind, with examples the server accepts', async () => {
    const body = document.paths['/v1/cases'].post!.requestBody as {
      content: Record<string, { schema: { oneOf: unknown[]; discriminator: unknown } }>;
    };
    const filing = body.content['application/json'];
    expect(filing.schema.oneOf).toHaveLength(2);
    expect(filing.schema.discriminator).toMatchObject({ propertyName: 'kind' });
    expect(document.components!.schemas!.AppealFiling).toMatchObject({
      additionalProperties: false,
    });
    const citizen = await t.token('citizen-liu', 'citizen');
    for (const example of Object.values(FILING_EXAMPLES)) {
      await t.http.post('/v1/cases').set('Authorization', citizen).send(example.value).expect(201);
    }
  });

  describe('response validation (every answer of TestApp.http goes through it)', () => {
    it('refuses an operation the document does not have', () => {
      expect(() => validator.check('GET', '/v1/nowhere', answer(200, {}))).toThrow(
        /no such operation/,
      );
    });

    it('accepts the problem+json 404 of an unknown route', () => {
      const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' };
      expect(() =>
        validator.check('GET', '/v1/nowhere', answer(404, problem, 'application/problem+json')),
      ).not.toThrow();
    });

    it('refuses a status the operation does not document', () => {
      expect(() => validator.check('GET', '/v1/cases/mine', answer(418, {}))).toThrow(
        /418 is not documented/,
      );
    });

    it('refuses a body its schema does not allow, and a media type not described', () => {
      const page = { items: [], nextCursor: null };
      expect(() =>
        validator.check('GET', '/v1/cases/mine', answer(200, { ...page, items: [{ id: 1 }] })),
      ).toThrow(/does not match the OpenAPI schema/);
      expect(() =>
        validator.check('GET', '/v1/cases/mine', answer(200, page, 'text/html')),
      ).toThrow(/answered text\/html/);
      expect(() => validator.check('GET', '/v1/cases/mine', answer(200, page))).not.toThrow();
    });
  });
});
