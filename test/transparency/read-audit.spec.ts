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

  it('does not answer a read it cannot record (503), while the owner still reads', async () => {
    // a fault in the real database: appends to access streams fail
    await t.database.query(`
      CREATE FUNCTION refuse_access_records() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'access log unavailable'; END $$;
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
      await view(owner).expect(200);
      expect((await accessList(oversight).expect(200)).body.items).toHaveLength(before);
    } finally {
      await t.database.query('DROP TRIGGER refuse_access_records ON event_store_events');
    }
    await view(caseworker).expect(200);
  });
});
