import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/app';
import { appealBody, countAllEvents, petitionBody } from './api-fixtures';

/**
 * Whatever arrives as a filing body, the API answers with a 2xx or a 4xx, never a 5xx, and a
 * refused body appends nothing (an accepted one appends exactly its CaseFiled).
 */
describe('POST /v1/cases under fuzzing', () => {
  let app: TestApp;
  let citizen: string;

  beforeAll(async () => {
    app = await startTestApp();
    citizen = await app.token('fuzzer', 'citizen');
  });
  afterAll(() => app.close());

  let requests = 0;

  /** every other request carries an Idempotency-Key, whose fingerprint reads the body too */
  async function checkFiling(rawBody: string): Promise<void> {
    const before = await countAllEvents(app);
    requests += 1;
    const request = app.http
      .post('/v1/cases')
      .set('Authorization', citizen)
      .set('Content-Type', 'application/json');
    if (requests % 2 === 0) request.set('Idempotency-Key', `fuzz-${requests}`);
    const response = await request.send(rawBody);
    const appended = (await countAllEvents(app)) - before;
    if (response.status >= 500 || (response.status === 201 ? appended !== 1 : appended !== 0)) {
      throw new Error(
        `status ${response.status}, ${appended} events appended for ${rawBody.slice(0, 300)}: ${JSON.stringify(response.body).slice(0, 300)}`,
      );
    }
  }

  const json = (value: unknown) => JSON.stringify(value);
  const FIELDS = [
    'kind',
    'authorityId',
    'priority',
    'decision',
    'grounds',
    'remedy',
    'title',
    'demand',
    'appellant',
  ];
  const DECISION_FIELDS = [
    'reference',
    'type',
    'outcome',
    'issuedAt',
    'statedReason',
    'location',
    'automation',
  ];

  /** a value nested `depth` levels deep in arrays or objects */
  const deeplyNested = fc
    .tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean())
    .map(([depth, arrays]) =>
      arrays
        ? '['.repeat(depth) + ']'.repeat(depth)
        : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
    );

  it('survives arbitrary JSON values as the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), (value) => checkFiling(json(value) ?? 'null')),
      { numRuns: 100 },
    );
  });

  it('survives valid filings with one field replaced by anything', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(appealBody(), petitionBody()),
        fc.constantFrom(...FIELDS, 'unknownField', '__proto__', 'constructor'),
        fc.oneof(fc.jsonValue(), fc.string({ maxLength: 12_000 }), fc.constant(undefined)),
        (body, field, value) => checkFiling(json({ ...body, [field]: value })),
      ),
      { numRuns: 100 },
    );
  });

  it('survives appeals with one decision field replaced by anything', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DECISION_FIELDS, 'extra'),
        fc.oneof(
          fc.jsonValue(),
          fc.string({ maxLength: 300 }),
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        ),
        (field, value) => {
          const body = appealBody();
          return checkFiling(
            json({ ...body, decision: { ...(body.decision as object), [field]: value } }),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('survives huge strings and deep nesting, in known and unknown fields', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('grounds', 'appellant', 'decision', 'deep'),
        fc.oneof(
          deeplyNested,
          fc.integer({ min: 10_000, max: 120_000 }).map((length) => json('x'.repeat(length))),
        ),
        (field, rawValue) => {
          const body = json(appealBody());
          return checkFiling(`{"${field}":${rawValue},${body.slice(1)}`);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('survives bodies that are not JSON at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), (text) => checkFiling(text)),
      { numRuns: 100 },
    );
  });
});
