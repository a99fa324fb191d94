import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';
import { startTestApp, type TestApp } from '../support/app';
import { castOf, fileCase, streamOf, type Cast } from './api-fixtures';

const CONCURRENT = 50;

/** Many writers on one case: optimistic concurrency with retries, no lost or doubled event. */
describe('concurrent commands on one case', () => {
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await castOf(app);
  });
  afterAll(() => app.close());

  it(`accepts ${CONCURRENT} concurrent evidence uploads: revisions 1..${CONCURRENT}, no hole, chain verified`, async () => {
    const caseId = await fileCase(app, cast.owner);
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) =>
        app.http
          .post(`/v1/cases/${caseId}/evidence`)
          .set('Authorization', cast.owner)
          // identical bodies on purpose: concurrent twins must not collapse into one event
          .send({ description: index % 2 === 0 ? 'Same photo' : `Photo ${index}` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(CONCURRENT).fill(200));
    const revisions = responses.map((response) => response.body.revision as number);
    expect([...revisions].sort((a, b) => a - b)).toEqual(
      Array.from({ length: CONCURRENT }, (_, index) => index + 1),
    );

    const events = await streamOf(app.eventStore, caseId);
    expect(events.map((event) => event.revision)).toEqual(
      Array.from({ length: CONCURRENT + 1 }, (_, index) => index),
    );
    const evidenceIds = new Set(
      events.slice(1).map((event) => (event.data as { evidenceId: string }).evidenceId),
    );
    expect(evidenceIds.size).toBe(CONCURRENT);
    expect(new Set(responses.map((response) => response.body.id))).toEqual(evidenceIds);

    const audit = await app.http
      .get(`/v1/cases/${caseId}/audit`)
      .set('Authorization', cast.oversight)
      .expect(200);
    expect(audit.body.verified).toBe(true);
    expect(audit.body.events).toHaveLength(CONCURRENT + 1);
  });

  it('settles races between two api processes on one database by retrying', async () => {
    // a second process: its own Nest app, event store and per-case queue, the same schema
    const second: INestApplication = await createApp(app.config, { database: app.database });
    try {
      const caseId = await fileCase(app, cast.owner);
      const servers = [app.app.getHttpServer(), second.getHttpServer()];
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, index) =>
          request(servers[index % 2])
            .post(`/v1/cases/${caseId}/notes`)
            .set('Authorization', cast.caseworker)
            .send({ text: `Note ${index}` }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(CONCURRENT).fill(200));
      const events = await streamOf(app.eventStore, caseId);
      expect(events.map((event) => event.revision)).toEqual(
        Array.from({ length: CONCURRENT + 1 }, (_, index) => index),
      );
      const audit = await app.http
        .get(`/v1/cases/${caseId}/audit`)
        .set('Authorization', cast.oversight);
      expect(audit.body.verified).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('lets exactly one of several writers with the same If-Match through; the rest get 412', async () => {
    const caseId = await fileCase(app, cast.owner);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        app.http
          .post(`/v1/cases/${caseId}/notes`)
          .set('Authorization', cast.caseworker)
          .set('If-Match', '"0"')
          .send({ text: `Note ${index}` }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(412)]);
    expect((await streamOf(app.eventStore, caseId)).map((event) => event.type)).toEqual([
      'CaseFiled',
      'NoteAdded',
    ]);
  });
});
