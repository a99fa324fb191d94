import { caseStreamName } from '@recourse/domain';
import { comparePositions, parsePosition } from '@recourse/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { appealBody } from '../support/fixtures';
import { quietNestLogs } from './support';

const AUTHORITY = 'zhengzhou-health';
const NEXT_AUTHORITY = 'henan-health';

/** A controllable clock: queries decide "overdue" with it. */
class TestClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const appeal = (priority: 'standard' | 'urgent' = 'standard') => appealBody({ priority });

describe('query endpoints over HTTP (read models, embedded projection runner)', () => {
  let t: TestApp;
  const clock = new TestClock();
  let owner: string;
  let otherCitizen: string;
  let caseworker: string;
  let supervisor: string;
  let nextCaseworker: string;
  let oversight: string;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({ clock, worker: true });
    owner = await t.token('citizen-liu', 'citizen');
    otherCitizen = await t.token('citizen-wang', 'citizen');
    caseworker = await t.token('cw-1', 'caseworker', AUTHORITY);
    supervisor = await t.token('sv-1', 'supervisor', AUTHORITY);
    nextCaseworker = await t.token('cw-henan', 'caseworker', NEXT_AUTHORITY);
    oversight = await t.token('ovs-1', 'oversight');
  });
  afterAll(() => t.close());

  const fileCase = async (priority: 'standard' | 'urgent' = 'standard', token = owner) => {
    const response = await t.http
      .post('/v1/cases')
      .set('Authorization', token)
      .send(appeal(priority))
      .expect(201);
    return response.body as { id: string; position: string };
  };
  const post = async (path: string, token: string, body: object = {}) =>
    (await t.http.post(path).set('Authorization', token).send(body).expect(200)).body as {
      position: string;
    };

  it('shows a filed case to its owner as soon as X-Min-Position is reached, without internal notes', async () => {
    const filed = await fileCase();
    await post(`/v1/cases/${filed.id}/acknowledge`, caseworker);
    const note = await post(`/v1/cases/${filed.id}/notes`, caseworker, {
      text: 'internal: ask the station',
    });
    const response = await t.http
      .get(`/v1/cases/${filed.id}`)
      .set('Authorization', owner)
      .set('X-Min-Position', note.position)
      .expect(200);
    expect(response.headers['x-read-model-stale']).toBeUndefined();
    expect(response.headers['x-read-model-position']).toBeDefined();
    expect(response.body).toMatchObject({
      id: filed.id,
      status: 'acknowledged',
      level: 0,
      authorityId: AUTHORITY,
    });
    expect(response.body.deadlines.respondBy.explanation).toMatch(/working days/);
    expect(response.body.nextStep.who).toBe('authority');
    expect(response.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'CaseFiled',
      'CaseAcknowledged',
    ]);
    expect(response.body.notes).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toContain('internal: ask the station');

    const staffView = await t.http
      .get(`/v1/cases/${filed.id}`)
      .set('Authorization', caseworker)
      .expect(200);
    expect(staffView.body.notes.map((n: { text: string }) => n.text)).toEqual([
      'internal: ask the station',
    ]);
  });

  it('waits for an X-Min-Position by listening, not by polling the database', async () => {
    const filed = await fileCase();
    const { commit, prepare } = parsePosition(filed.position);
    const queries = jest.spyOn(t.database, 'query');
    try {
      const started = Date.now();
      const response = await t.http
        .get(`/v1/cases/${filed.id}`)
        .set('Authorization', owner)
        .set('X-Min-Position', `${commit + 1_000_000n}-${prepare}`)
        .expect(200);
      expect(response.headers['x-read-model-stale']).toBe('true');
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
      // the watermark read again each second (and on each applied batch), not every 20 ms
      const watermarkReads = queries.mock.calls.filter(([text]) =>
        /FROM projection_checkpoint/.test(String(text)),
      );
      expect(watermarkReads.length).toBeLessThan(15);
    } finally {
      queries.mockRestore();
    }
  });

  it('lists a citizen their own cases only', async () => {
    const filed = await fileCase('standard', otherCitizen);
    const mine = await t.http
      .get('/v1/cases/mine')
      .set('Authorization', otherCitizen)
      .set('X-Min-Position', filed.position)
      .expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([filed.id]);
    const owners = await t.http.get('/v1/cases/mine').set('Authorization', owner).expect(200);
    expect(owners.body.items.map((c: { id: string }) => c.id)).not.toContain(filed.id);
    await t.http.get('/v1/cases/mine').set('Authorization', caseworker).expect(403);
  });

  it('pages a citizen their cases with a cursor, newest first, each once', async () => {
    const pager = await t.token('citizen-pager', 'citizen');
    const filed: { id: string; position: string }[] = [];
    for (let n = 0; n < 5; n++) filed.push(await fileCase('standard', pager));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await t.http
        .get(`/v1/cases/mine?limit=2${query}`)
        .set('Authorization', pager)
        .set('X-Min-Position', filed[4].position)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(filed.map((c) => c.id).reverse());
    await t.http
      .get('/v1/cases/mine?cursor=bm90LWEtY3Vyc29y')
      .set('Authorization', pager)
      .expect(400);
    await t.http.get('/v1/cases/mine?limit=0').set('Authorization', pager).expect(400);
  });

  it('answers 404 to anyone who may not see a case, as for an unknown one; keeps previous authorities in', async () => {
    const filed = await fileCase();
    const wait = { 'X-Min-Position': filed.position };
    await t.http
      .get(`/v1/cases/${filed.id}`)
      .set('Authorization', otherCitizen)
      .set(wait)
      .expect(404);
    await t.http
      .get(`/v1/cases/${filed.id}`)
      .set('Authorization', nextCaseworker)
      .set(wait)
      .expect(404);
    await t.http
      .get('/v1/cases/7b0c1a3e-8a4b-4d55-9e0f-1c2d3e4f5a6b')
      .set('Authorization', owner)
      .expect(404);
    await t.http.get('/v1/cases/not-a-uuid').set('Authorization', owner).expect(404);
    await t.http.get(`/v1/cases/${filed.id}`).set('Authorization', oversight).set(wait).expect(200);

    const referred = await post(`/v1/cases/${filed.id}/refer`, caseworker, {
      reason: 'needs the province',
    });
    const moved = await t.http
      .get(`/v1/cases/${filed.id}`)
      .set('Authorization', nextCaseworker)
      .set('X-Min-Position', referred.position)
      .expect(200);
    expect(moved.body).toMatchObject({
      status: 'escalated',
      level: 1,
      authorityId: NEXT_AUTHORITY,
    });
    expect(moved.body.authorities).toEqual([AUTHORITY, NEXT_AUTHORITY]);
    await t.http.get(`/v1/cases/${filed.id}`).set('Authorization', supervisor).expect(200);
  });

  it('pages an authority queue by deadline with filters, for its staff only', async () => {
    const urgent = await fileCase('urgent');
    const last = await fileCase('standard');
    const wait = { 'X-Min-Position': last.position };
    const all: { id: string; dueBy: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http
        .get(`/v1/queues/${AUTHORITY}`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', caseworker)
        .set(wait)
        .expect(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    const dues = all.map((item) => item.dueBy ?? '9999');
    expect(dues).toEqual([...dues].sort());
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    expect(all.map((item) => item.id)).toEqual(expect.arrayContaining([urgent.id, last.id]));

    const urgentOnly = await t.http
      .get(`/v1/queues/${AUTHORITY}`)
      .query({ priority: 'urgent' })
      .set('Authorization', supervisor)
      .expect(200);
    expect(urgentOnly.body.items.map((i: { id: string }) => i.id)).toEqual([urgent.id]);

    const assigned = await post(`/v1/cases/${urgent.id}/assign`, caseworker, {
      caseworkerId: 'cw-1',
    });
    const mine = await t.http
      .get(`/v1/queues/${AUTHORITY}`)
      .query({ assignee: 'me' })
      .set('Authorization', caseworker)
      .set('X-Min-Position', assigned.position)
      .expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([urgent.id]);
    const unassigned = await t.http
      .get(`/v1/queues/${AUTHORITY}`)
      .query({ assignee: 'unassigned', limit: 100 })
      .set('Authorization', caseworker)
      .expect(200);
    expect(unassigned.body.items.map((i: { id: string }) => i.id)).not.toContain(urgent.id);

    const overdueNow = await t.http
      .get(`/v1/queues/${AUTHORITY}`)
      .query({ overdue: true })
      .set('Authorization', caseworker);
    expect(overdueNow.body.items).toEqual([]);
    clock.offsetMs = 30 * 24 * 3_600_000; // a month later every acknowledgement is late
    try {
      const overdueLater = await t.http
        .get(`/v1/queues/${AUTHORITY}`)
        .query({ overdue: 'true', limit: 100 })
        .set('Authorization', caseworker)
        .expect(200);
      expect(overdueLater.body.items.map((i: { id: string }) => i.id)).toEqual(
        expect.arrayContaining([urgent.id, last.id]),
      );
      expect(overdueLater.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    } finally {
      clock.offsetMs = 0;
    }

    await t.http.get(`/v1/queues/${AUTHORITY}`).set('Authorization', nextCaseworker).expect(403);
    await t.http.get(`/v1/queues/${AUTHORITY}`).set('Authorization', owner).expect(403);
    await t.http
      .get(`/v1/queues/${AUTHORITY}`)
      .query({ cursor: 'bm90LWEtY3Vyc29y' })
      .set('Authorization', caseworker)
      .expect(400);
    await t.http
      .get(`/v1/queues/${AUTHORITY}`)
      .query({ status: 'decided' })
      .set('Authorization', caseworker)
      .expect(400);
  });

  it('refuses a malformed X-Min-Position and answers stale after the bounded wait', async () => {
    await t.http
      .get('/v1/cases/mine')
      .set('Authorization', owner)
      .set('X-Min-Position', 'soon')
      .expect(400);
    const started = Date.now();
    const response = await t.http
      .get('/v1/cases/mine')
      .set('Authorization', owner)
      .set('X-Min-Position', '999999999999-1')
      .expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    expect(response.headers['x-read-model-stale']).toBe('true');
  });
});

describe('claiming from a queue over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({ worker: true });
  });
  afterAll(() => t.close());

  it('gives each of 10 racing caseworkers a different case, leaves none unassigned, then 204', async () => {
    const owner = await t.token('citizen-race', 'citizen');
    const filed: { id: string; position: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await t.http
        .post('/v1/cases')
        .set('Authorization', owner)
        .send(appeal())
        .expect(201);
      filed.push(response.body);
    }
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.token(`cw-race-${i}`, 'caseworker', AUTHORITY)),
    );
    const answers = await Promise.all(
      tokens.map((token) =>
        t.http
          .post(`/v1/queues/${AUTHORITY}/claim`)
          .set('Authorization', token)
          .set('X-Min-Position', filed[filed.length - 1].position),
      ),
    );
    const claimed = answers.filter((a) => a.status === 200).map((a) => a.body.id as string);
    expect(answers.filter((a) => a.status === 204)).toHaveLength(4);
    expect(claimed.sort()).toEqual(filed.map((f) => f.id).sort());

    // the event log is the truth: exactly one CaseAssigned per case, to the caseworker told so
    for (const answer of answers.filter((a) => a.status === 200)) {
      const events = await t.eventStore.readStream(caseStreamName(answer.body.id));
      const assignments = events.filter((e) => e.type === 'CaseAssigned');
      expect(assignments).toHaveLength(1);
      expect(answer.body.assignee).toBe(
        (assignments[0].data as { caseworkerId: string }).caseworkerId,
      );
    }

    // read after every assignment, not just one of them
    const last = answers
      .filter((a) => a.status === 200)
      .map((a) => a.body.position as string)
      .reduce((a, b) => (comparePositions(parsePosition(a), parsePosition(b)) >= 0 ? a : b));
    const unassigned = await t.http
      .get(`/v1/queues/${AUTHORITY}`)
      .query({ assignee: 'unassigned' })
      .set('Authorization', tokens[0])
      .set('X-Min-Position', last)
      .expect(200);
    expect(unassigned.body.items).toEqual([]);
    await t.http.post(`/v1/queues/${AUTHORITY}/claim`).set('Authorization', tokens[0]).expect(204);
    const supervisor = await t.token('sv-race', 'supervisor', AUTHORITY);
    await t.http.post(`/v1/queues/${AUTHORITY}/claim`).set('Authorization', supervisor).expect(403);
  });
});
