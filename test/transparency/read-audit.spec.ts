import { randomUUID } from 'node:crypto';
import { CORRELATION_HEADER } from '@recourse/observability';
import { startTestApp, type TestApp } from '../support/app';
import { appealBody } from '../support/fixtures';
import { quietNestLogs } from '../projections/support';

const AUTHORITY = 'zhengzhou-health';

describe('read audit: who read a case', () => {
  let t: TestApp;
  let owner: string;
  let caseworker: string;
  let oversight: string;
  let caseId: string;
  let position: string;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({ worker: true });
    owner = await t.token('citizen-liu', 'citizen');
    caseworker = await t.token('cw-1', 'caseworker', AUTHORITY);
    oversight = await t.token('ovs-1', 'oversight');
    const filed = await t.http
      .post('/v1/cases')
      .set('Authorization', owner)
      .send(appealBody())
      .expect(201);
    caseId = filed.body.id;
    position = filed.body.position;
  });
  afterAll(() => t.close());

  const view = (token: string) =>
    t.http.get(`/v1/cases/${caseId}`).set('Authorization', token).set('X-Min-Position', position);
  const accessList = (token: string) =>
    t.http.get(`/v1/cases/${caseId}/access`).set('Authorization', token);

  it("records a caseworker's and an oversight read, not the owner's own, and lists them to owner and oversight", async () => {
    await view(owner).expect(200);
    await view(caseworker).expect(200);
    await t.http.get(`/v1/cases/${caseId}/audit`).set('Authorization', oversight).expect(200);
    await view(owner).expect(200);

    const listed = await accessList(owner).expect(200);
    expect(listed.body.items).toEqual([
      {
        at: expect.any(String),
        actor: { id: 'cw-1', role: 'caseworker', authorityId: AUTHORITY },
        view: 'case',
      },
      { at: expect.any(String), actor: { id: 'ovs-1', role: 'oversight' }, view: 'audit' },
    ]);
    expect((await accessList(oversight).expect(200)).body).toEqual(listed.body);
  });

  it('keeps the access list from staff and other citizens', async () => {
    await accessList(caseworker).expect(403);
    await accessList(await t.token('citizen-wang', 'citizen')).expect(404);
    await t.http
      .get('/v1/cases/00000000-0000-4000-8000-000000000000/access')
      .set('Authorization', oversight)
      .expect(404);
  });

  it('records reads as chained events of the store, in the export with their logIndex', async () => {
    const exported = await t.http
      .get('/v1/audit/events')
      .set('Authorization', oversight)
      .query({ limit: 500 })
      .expect(200);
    const reads = exported.body.items.filter(
      (item: { stream: string }) => item.stream === `access-${caseId}`,
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads[0]).toMatchObject({
      type: 'CaseRead',
      caseId,
      revision: 0,
      data: { caseId, view: 'case' },
    });
    expect(exported.body.items.map((item: { logIndex: number }) => item.logIndex)).toEqual(
      exported.body.items.map((_: unknown, i: number) => i),
    );
  });

  it('records each of many concurrent reads exactly once, several to an append', async () => {
    // every append to the store is held up a while, so the reads that arrive meanwhile gather
    await t.database.query(`
      CREATE FUNCTION slow_appends() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$;
      CREATE TRIGGER slow_appends BEFORE INSERT ON event_store_events
        FOR EACH STATEMENT EXECUTE FUNCTION slow_appends();`);
    const readers: string[] = Array.from({ length: 20 }, () => randomUUID());
    try {
      await Promise.all(
        readers.map((correlationId) =>
          view(caseworker).set(CORRELATION_HEADER, correlationId).expect(200),
        ),
      );
    } finally {
      await t.database.query('DROP TRIGGER slow_appends ON event_store_events');
    }
    const records = (await t.eventStore.readStream(`access-${caseId}`)).filter((event) =>
      readers.includes(event.metadata.correlationId as string),
    );
    expect(records.map((event) => event.metadata.correlationId).sort()).toEqual(
      [...readers].sort(),
    );
    // events appended together share their transaction: fewer appends than reads
    const appends = new Set(records.map((event) => event.position.commit));
    expect(appends.size).toBeLessThan(readers.length);
    const listed = (await accessList(owner).expect(200)).body.items;
    expect(
      listed.filter((item: { actor: { id: string } }) => item.actor.id === 'cw-1'),
    ).toHaveLength(records.length + 1);
  });

  it('does not answer a read it cannot record (503), while the owner still reads', async () => {
    // a fault in the real database: appends to access streams fail, after a while (so that
    // concurrent reads gather into one append that fails)
    await t.database.query(`
      CREATE FUNCTION refuse_access_records() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN PERFORM pg_sleep(0.2); RAISE EXCEPTION 'access log unavailable'; END $$;
      CREATE TRIGGER refuse_access_records BEFORE INSERT ON event_store_events
        FOR EACH ROW WHEN (NEW.stream LIKE 'access-%') EXECUTE FUNCTION refuse_access_records();`);
    try {
      const before = (await accessList(oversight).expect(200)).body.items.length;
      const refused = await view(caseworker)
        .expect(503)
        .expect('Content-Type', /application\/problem\+json/);
      expect(refused.body.detail).toMatch(/could not be recorded/);
      expect(refused.body.status).toBe(503);
      await t.http.get(`/v1/cases/${caseId}/audit`).set('Authorization', oversight).expect(503);
      // concurrent reads whose append fails together: every one of them is refused
      const together = await Promise.all(Array.from({ length: 10 }, () => view(caseworker)));
      expect(together.map((response) => response.status)).toEqual(Array(10).fill(503));
      await view(owner).expect(200);
      expect((await accessList(oversight).expect(200)).body.items).toHaveLength(before);
    } finally {
      await t.database.query('DROP TRIGGER refuse_access_records ON event_store_events');
    }
    await view(caseworker).expect(200);
  });
});
