import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/app';
import { AUTHORITY, castOf, fileCase, type Cast } from '../api/api-fixtures';

interface OpenApiParameter {
  name: string;
  in: string;
}
interface OpenApiDocument {
  paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }>;
}

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as in any client). */
const encoded = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

const cursorOf = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/** Values a hostile or careless client puts into query parameters. */
const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.constantFrom('', '-1', '0', '1e309', 'NaN', 'Infinity', '0x10', ' 5', '5 ', '1.5', 'true'),
  fc
    .date({ noInvalidDate: false })
    .map((date) => (Number.isNaN(date.getTime()) ? 'Invalid' : date.toISOString())),
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-06-01T24:00:00Z',
    '2026-06-01T00:00:00+99:99',
    '9999-12-31T23:59:59.999999999Z',
    '18446744073709551615-18446744073709551615',
    '18446744073709551616-1',
    '1-9223372036854775808',
    '99999999999999999999-99999999999999999999',
  ),
  fc
    .tuple(
      fc.oneof(
        fc
          .date({ noInvalidDate: false })
          .map((date) => (Number.isNaN(date.getTime()) ? 'x' : date.toISOString())),
        fc.constantFrom(
          'infinity',
          '-infinity',
          '0000-01-01',
          '2026-02-30',
          '+275760-09-13T00:00:00.000Z',
          'epoch',
          'now',
        ),
        fc.string(),
      ),
      fc.oneof(fc.uuid(), fc.string()),
    )
    .map(cursorOf),
  fc.jsonValue().map(cursorOf),
);

/**
 * Every query parameter of every GET route the OpenAPI document lists (so routes added later are
 * fuzzed too), over real HTTP, as every role: bad values are a 4xx problem, never a 5xx.
 */
describe('query parameter fuzzing over HTTP', () => {
  let app: TestApp;
  let cast: Cast;
  let caseId: string;
  let routes: Array<{ path: string; query: string[] }>;

  beforeAll(async () => {
    // no rate limit: a 429 would hide what the fuzzer is after
    app = await startTestApp({
      worker: true,
      env: { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0' },
    });
    cast = await castOf(app);
    caseId = await fileCase(app, cast.owner);
    const document = (await app.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    routes = Object.entries(document.paths)
      .filter(([, item]) => item.get)
      .map(([path, item]) => ({
        path: path.replace(/\{(\w+)\}/g, (_, name: string) =>
          /authority/i.test(name) ? AUTHORITY : caseId,
        ),
        query: (item.get!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      }));
  });
  afterAll(() => app.close());

  it('finds the GET routes with query parameters', () => {
    const withQuery = routes.filter((route) => route.query.length > 0).map((route) => route.path);
    expect(withQuery).toEqual(
      expect.arrayContaining([`/v1/queues/${AUTHORITY}`, '/v1/audit/events', '/v1/stats/outcomes']),
    );
  });

  it('answers the counterexamples fuzzing found with a 4xx', async () => {
    const found: [path: string, query: string][] = [
      // the month after December 9999 reached SQL as '+010000-01-01'
      ['/v1/stats/outcomes', 'from=9999-12-31T23:59:59.999999999Z'],
      // a cursor whose date JavaScript reads and PostgreSQL does not
      [
        '/v1/me/notifications',
        `cursor=${cursorOf(['+010000-01-01T00:00:00.000Z', '00000000-0000-1000-8000-000000000000'])}`,
      ],
    ];
    for (const [path, query] of found) {
      const caller = path.startsWith('/v1/me/') ? cast.owner : cast.oversight;
      const response = await app.http.get(`${path}?${query}`).set('Authorization', caller);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
    }
  });

  it('never answers 5xx, and refuses with problem+json', async () => {
    const who = fc.constantFrom<keyof Cast>('owner', 'caseworker', 'supervisor', 'oversight');
    const query = (names: string[]) =>
      fc.array(fc.tuple(fc.constantFrom(...names, 'unknown', '__proto__'), hostileValue), {
        minLength: 1,
        maxLength: 4,
      });
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(who, query(route.query), async (caller, pairs) => {
          const search = pairs
            .map(([name, value]) => `${encoded(name)}=${encoded(value)}`)
            .join('&');
          const response = await app.http
            .get(`${route.path}?${search}`)
            .set('Authorization', cast[caller]);
          if (response.status >= 500) {
            throw new Error(
              `${route.path}?${search} as ${caller}: ${response.status} ${response.text}`,
            );
          }
          if (response.status >= 400) {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          }
        }),
        { numRuns: 25 },
      );
    }
  }, 300_000);

  it("never answers 5xx to one hostile parameter alone (not masked by another one's 400)", async () => {
    for (const route of routes.filter((r) => r.query.length > 0)) {
      const caller = route.path.startsWith('/v1/queues') ? cast.caseworker : cast.oversight;
      for (const name of route.query) {
        await fc.assert(
          fc.asyncProperty(hostileValue, async (value) => {
            const response = await app.http
              .get(`${route.path}?${encoded(name)}=${encoded(value)}`)
              .set('Authorization', caller);
            if (response.status >= 500) {
              throw new Error(
                `${route.path}?${name}=${value}: ${response.status} ${response.text}`,
              );
            }
            expect(response.status).not.toBe(429);
          }),
          { numRuns: 30 },
        );
      }
    }
  }, 300_000);
});
