import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { IN_FLIGHT_LEASE_MS, IdempotencyStore } from '@recourse/commands';
import { openDatabase } from '@recourse/database';
import { createApp } from '../../apps/api/src/create-app';
import { startTestApp, type TestApp } from '../support/app';
import {
  ManualClock,
  appealBody,
  castOf,
  countAllEvents,
  fileCase,
  typesOf,
  type Cast,
} from './api-fixtures';
import { eventually } from '../support/eventually';
import { TEST_DATABASE_URL } from '../support/database';

const HOUR_MS = 3_600_000;

/** Idempotency-Key on POST (draft-ietf-httpapi-idempotency-key-header). */
describe('Idempotency-Key', () => {
  let app: TestApp;
  let cast: Cast;
  const clock = new ManualClock();

  beforeAll(async () => {
    app = await startTestApp({ clock, env: { IDEMPOTENCY_KEY_TTL: 'PT1H' } });
    cast = await castOf(app);
  });
  afterAll(() => app.close());

  const file = (key: string, body: object = appealBody(), token = cast.owner) =>
    app.http.post('/v1/cases').set('Authorization', token).set('Idempotency-Key', key).send(body);

  it('replays the first answer of a filing and files only one case', async () => {
    const first = await file('"file-1"').expect(201);
    const before = await countAllEvents(app);
    const retry = await file('"file-1"').expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await countAllEvents(app)).toBe(before);
  });

  it('treats the same JSON with its keys in another order as the same request', async () => {
    const body = appealBody();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await file('reorder', body).expect(201);
    const retry = await file('reorder', reordered).expect(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('replays a command on a case and appends nothing', async () => {
    const caseId = await fileCase(app, cast.owner);
    const send = () =>
      app.http
        .post(`/v1/cases/${caseId}/evidence`)
        .set('Authorization', cast.owner)
        .set('Idempotency-Key', 'evidence-1')
        .send({ description: 'Test result' });
    const first = await send().expect(200);
    const retry = await send().expect(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await typesOf(app.eventStore, caseId)).toEqual(['CaseFiled', 'EvidenceAdded']);
  });

  it('refuses the same key on a different body with 422, appending nothing', async () => {
    await file('mismatch').expect(201);
    const before = await countAllEvents(app);
    const response = await file('mismatch', appealBody({ grounds: 'Other grounds.' }));
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await countAllEvents(app)).toBe(before);
  });

  it('refuses the same key on another path with 422', async () => {
    const caseId = await fileCase(app, cast.owner);
    const key = 'path-bound';
    await app.http
      .post(`/v1/cases/${caseId}/withdraw`)
      .set('Authorization', cast.owner)
      .set('Idempotency-Key', key)
      .send({})
      .expect(200);
    const other = await app.http
      .post(`/v1/cases/${caseId}/evidence`)
      .set('Authorization', cast.owner)
      .set('Idempotency-Key', key)
      .send({});
    expect(other.status).toBe(422);
  });

  it('answers 409 to a retry while the first request is still running', async () => {
    const caseId = await fileCase(app, cast.owner);
    const send = () =>
      app.http
        .post(`/v1/cases/${caseId}/notes`)
        .set('Authorization', cast.caseworker)
        .set('Idempotency-Key', 'slow-note')
        .send({ text: 'Slow.' });
    let releaseLock!: () => void;
    let lockTaken!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    // hold the events table so the first request's append waits, mid-flight
    const holder = app.database.transaction(async (tx) => {
      await tx.query('LOCK TABLE event_store_events IN EXCLUSIVE MODE');
      lockTaken();
      await new Promise<void>((resolve) => (releaseLock = resolve));
    });
    await taken;
    const first = send().then((response) => response);
    await eventually(async () => {
      const { rows } = await app.database.query<{ state: string }>(
        `SELECT state FROM idempotency_keys WHERE key = 'slow-note'`,
      );
      return rows[0]?.state === 'in_flight';
    }, 5_000);
    const retry = await send();
    releaseLock();
    await holder;
    expect(retry.status).toBe(409);
    expect(retry.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await first).status).toBe(200);
    const replay = await send().expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await typesOf(app.eventStore, caseId)).toEqual(['CaseFiled', 'NoteAdded']);
  });

  it('frees the key of a refused request, so a corrected retry runs', async () => {
    const caseId = await fileCase(app, cast.owner);
    const decide = () =>
      app.http
        .post(`/v1/cases/${caseId}/decision`)
        .set('Authorization', cast.caseworker)
        .set('Idempotency-Key', 'decide-early')
        .send({ outcome: 'upheld', reasons: 'Rules.' });
    await decide().expect(409); // not acknowledged yet
    await app.http
      .post(`/v1/cases/${caseId}/acknowledge`)
      .set('Authorization', cast.caseworker)
      .send({})
      .expect(200);
    const response = await decide().expect(200);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
  });

  it('scopes keys per caller', async () => {
    const mine = await file('shared-key').expect(201);
    const theirs = await file('shared-key', appealBody(), cast.otherCitizen).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with 400', async () => {
    await file('x'.repeat(256)).expect(400);
    await file('"a"b"').expect(400);
  });

  it('lets a retry take over a claim abandoned by a dead process, keeping its request id', async () => {
    const store = app.app.get(IdempotencyStore);
    const first = await store.claim('caller-x', 'abandoned', 'POST /v1/cases abc');
    expect(first.outcome).toBe('claimed');
    expect(await store.claim('caller-x', 'abandoned', 'POST /v1/cases abc')).toEqual({
      outcome: 'in-flight',
    });
    clock.advance(IN_FLIGHT_LEASE_MS);
    expect(await store.claim('caller-x', 'abandoned', 'POST /v1/cases other')).toEqual({
      outcome: 'mismatch',
    });
    expect(await store.claim('caller-x', 'abandoned', 'POST /v1/cases abc')).toEqual(first);
  });

  it('lets a retry take over at once the claim of a process whose database session is gone', async () => {
    const { rows } = await app.database.query<{ schema: string }>(
      'SELECT current_schema() AS schema',
    );
    // another api process: its own connections to the same schema
    const otherProcess = await openDatabase({ url: TEST_DATABASE_URL, schema: rows[0].schema });
    const theirs = new IdempotencyStore(otherProcess, clock, app.config);
    const claimed = await theirs.claim('caller-y', 'killed', 'POST /v1/cases abc');
    expect(claimed.outcome).toBe('claimed');
    const store = app.app.get(IdempotencyStore);
    expect(await store.claim('caller-y', 'killed', 'POST /v1/cases abc')).toEqual({
      outcome: 'in-flight',
    });
    await otherProcess.close(); // the process dies mid-request: its sessions end with it
    // well within the lease (the clock stands still): the retry runs, under the same request id
    expect(
      await eventually(async () => {
        const retry = await store.claim('caller-y', 'killed', 'POST /v1/cases abc');
        return retry.outcome === 'claimed' ? retry : undefined;
      }, 5_000),
    ).toEqual(claimed);
  });

  it('expires keys after IDEMPOTENCY_KEY_TTL (here PT1H)', async () => {
    await file('expiring').expect(201);
    clock.advance(HOUR_MS / 2);
    await file('expiring', appealBody({ grounds: 'Changed.' })).expect(422);
    clock.advance(HOUR_MS);
    const reused = await file('expiring', appealBody({ grounds: 'Changed.' })).expect(201);
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('Idempotency-Key across a restart', () => {
  it('replays the first answer from a new application on the same database', async () => {
    const first = await startTestApp();
    let second: INestApplication | undefined;
    try {
      const owner = await first.token('citizen-liu', 'citizen');
      // the first "process" answers, then goes away; its database stays
      const firstApp = await createApp(first.config, { database: first.database });
      const original = await request(firstApp.getHttpServer())
        .post('/v1/cases')
        .set('Authorization', owner)
        .set('Idempotency-Key', 'across-restart')
        .send(appealBody())
        .expect(201);
      await firstApp.close();

      second = await createApp(first.config, { database: first.database });
      const before = await countAllEvents(first);
      const retry = await request(second.getHttpServer())
        .post('/v1/cases')
        .set('Authorization', owner)
        .set('Idempotency-Key', 'across-restart')
        .send(appealBody())
        .expect(201);
      expect(retry.body).toEqual(original.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await countAllEvents(first)).toBe(before);
    } finally {
      await second?.close();
      await first.close();
    }
  });
});
