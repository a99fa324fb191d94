import { startTestApp, type TestApp } from '../support/app';
import { appealBody } from '../support/fixtures';
import { castOf, type Cast } from './api-fixtures';

describe('conditional requests on a case', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    cast = await castOf(t);
  });
  afterAll(() => t.close());

  it('answers the strong ETag "<revision>" that If-Match takes, and 304 to If-None-Match', async () => {
    const filed = await t.http
      .post('/v1/cases')
      .set('Authorization', cast.owner)
      .send(appealBody())
      .expect(201);
    const caseId = filed.body.id as string;
    const view = await t.http
      .get(`/v1/cases/${caseId}`)
      .set('Authorization', cast.owner)
      .set('X-Min-Position', filed.body.position)
      .expect(200);
    expect(view.headers.etag).toBe(`"${view.body.revision}"`);
    await t.http
      .get(`/v1/cases/${caseId}`)
      .set('Authorization', cast.owner)
      .set('If-None-Match', view.headers.etag)
      .expect(304);
    await t.http
      .post(`/v1/cases/${caseId}/withdraw`)
      .set('Authorization', cast.owner)
      .set('If-Match', view.headers.etag)
      .send({})
      .expect(200);
  });
});
