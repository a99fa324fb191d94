import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { PrivatePostgres } from '../support/private-postgres';
import { appealBody, castOf, countAllEvents, fileCase, typesOf, type Cast } from './api-fixtures';

/**
 * The API on a PostgreSQL of its own that goes down: clients get 503 problem+json with
 * Retry-After (never a bare 500), a request that failed frees its Idempotency-Key at once, and a
 * retry with the key after the outage appends once.
 */
describe('API through a database outage', () => {
  let server: PrivatePostgres;
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    server = await PrivatePostgres.start();
    app = await startTestApp({ databaseUrl: server.url });
    cast = await castOf(app);
  });
  afterAll(async () => {
    await app?.close();
    await server?.destroy();
  });

  const file = (key: string) =>
    app.http
      .post('/v1/cases')
      .set('Authorization', cast.owner)
      .set('Idempotency-Key', key)
      .send(appealBody());

  const backUp = () =>
    eventually(
      () =>
        app.database.query('SELECT 1').then(
          () => true,
          () => false,
        ),
      30_000,
    );

  it('answers 503 with Retry-After while the database is down, for commands and queries', async () => {
    const caseId = await fileCase(app, cast.owner);
    await server.stopServer('fast');
    try {
      for (const response of [
        await file('during-outage'),
        await app.http.get(`/v1/cases/${caseId}`).set('Authorization', cast.owner),
        await app.http.get('/v1/cases/mine').set('Authorization', cast.owner),
      ]) {
        expect(response.status).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['retry-after']).toBe('2');
        expect(response.body).toMatchObject({ status: 503, title: 'Store unavailable' });
      }
      expect((await app.http.get('/health/ready')).status).toBe(503);
    } finally {
      await server.startServer();
    }
    await backUp();
    const retried = await file('during-outage').expect(201);
    expect(await typesOf(app.eventStore, retried.body.id)).toEqual(['CaseFiled']);
    expect((await app.http.get('/health/ready')).status).toBe(200);
  });

  it('frees the key of a request cut off mid-flight, so the retry after the outage runs once', async () => {
    const caseId = await fileCase(app, cast.owner);
    const note = () =>
      app.http
        .post(`/v1/cases/${caseId}/notes`)
        .set('Authorization', cast.caseworker)
        .set('Idempotency-Key', 'cut-off-note')
        .send({ text: 'Written while the server went away.' });
    // hold the events table so that the note's append waits, mid-flight, when the server dies
    let lockTaken!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const holder = app.database
      .transaction(async (tx) => {
        await tx.query('LOCK TABLE event_store_events IN EXCLUSIVE MODE');
        lockTaken();
        await tx.query('SELECT pg_sleep(60)');
      })
      .catch(() => undefined);
    await taken;
    const cutOff = note().then((response) => response);
    await eventually(async () => {
      const { rows } = await app.database.query<{ state: string }>(
        `SELECT state FROM idempotency_keys WHERE key = 'cut-off-note'`,
      );
      return rows[0]?.state === 'in_flight';
    }, 10_000);
    await server.stopServer('immediate');
    expect((await cutOff).status).toBe(503);
    await holder;
    await server.startServer();
    await backUp();
    // released in the background once the database was back: no 409 "in flight"
    const retried = await eventually(async () => {
      const response = await note();
      return response.status === 409 ? undefined : response;
    }, 5_000);
    expect(retried.status).toBe(200);
    expect(await typesOf(app.eventStore, caseId)).toEqual(['CaseFiled', 'NoteAdded']);
  });

  it('answers a retry after a lost answer as the first attempt would have, appending nothing', async () => {
    const filed = await file('lost-answer').expect(201);
    const caseId = filed.body.id as string;
    const acknowledge = () =>
      app.http
        .post(`/v1/cases/${caseId}/acknowledge`)
        .set('Authorization', cast.caseworker)
        .set('Idempotency-Key', 'lost-ack')
        .send({});
    const acknowledged = await acknowledge().expect(200);
    await app.http
      .post(`/v1/cases/${caseId}/evidence`)
      .set('Authorization', cast.owner)
      .send({ description: 'Later evidence' })
      .expect(200);
    // both answers were lost on the way (the key freed as after a cut connection)
    await app.database.query(`UPDATE idempotency_keys SET state = 'released'`);
    const before = await countAllEvents(app);
    const refiled = await file('lost-answer').expect(201);
    expect(refiled.body).toEqual(filed.body);
    expect(refiled.headers['idempotent-replayed']).toBeUndefined();
    const reacknowledged = await acknowledge().expect(200);
    expect(reacknowledged.body).toEqual(acknowledged.body);
    expect(await countAllEvents(app)).toBe(before);
    expect(await typesOf(app.eventStore, caseId)).toEqual([
      'CaseFiled',
      'CaseAcknowledged',
      'EvidenceAdded',
    ]);
  });
});
