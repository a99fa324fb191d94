import request from 'supertest';
import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import {
  AUTHORITY,
  OTHER_AUTHORITY,
  appealBody,
  castOf,
  command,
  fileCase,
  streamOf,
  type Cast,
} from '../api/api-fixtures';
import { eventually } from '../support/eventually';

interface Item {
  caseId: string;
  revision: number;
  position: string;
  type: string;
  actor: { id: string; role: string };
  occurredAt: string;
  prevHash: string;
  hash: string;
  authorityId: string | null;
}

describe('GET /v1/audit/events', () => {
  let t: TestApp;
  let cast: Cast;
  let stays: string;
  let referred: string;
  let staysEvents: number;
  let referredEvents: number;

  /** every page of a query, following nextCursor */
  const allPages = async (query: Record<string, string | number>): Promise<Item[]> => {
    const items: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http
        .get('/v1/audit/events')
        .query({ ...query, ...(cursor ? { cursor } : {}) })
        .set('Authorization', cast.oversight)
        .expect(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp();
    cast = await castOf(t);
    stays = await fileCase(t, cast.owner);
    await command(t, cast.caseworker, stays, 'acknowledge');
    await command(t, cast.caseworker, stays, 'decision', {
      outcome: 'upheld',
      reasons: 'The scan record is consistent.',
    });
    referred = await fileCase(t, cast.otherCitizen, appealBody({ priority: 'standard' }));
    await command(t, cast.caseworker, referred, 'refer', { reason: 'needs the province' });
    await command(t, cast.otherCaseworker, referred, 'acknowledge');
    await command(t, cast.otherCaseworker, referred, 'notes', { text: 'province looks at it' });
    staysEvents = (await streamOf(t.eventStore, stays)).length;
    referredEvents = (await streamOf(t.eventStore, referred)).length;
    // readAll holds back events of transactions newer than any still running on the server
    await eventually(
      async () => (await allPages({ limit: 500 })).length === staysEvents + referredEvents,
    );
  });
  afterAll(() => t.close());

  it('lists every event across cases in global order, with chain hashes', async () => {
    const items = await allPages({ limit: 500 });
    expect(items.map((i) => i.caseId)).toEqual([
      ...Array(staysEvents).fill(stays),
      ...Array(referredEvents).fill(referred),
    ]);
    const first = items[0];
    expect(first).toMatchObject({
      caseId: stays,
      revision: 0,
      type: 'CaseFiled',
      actor: { id: 'citizen-liu', role: 'citizen' },
      authorityId: AUTHORITY,
    });
    expect(first.prevHash).toMatch(/^[0-9a-f]{64}$/);
    expect(items[1].prevHash).toBe(first.hash);
    expect(first.position).toMatch(/^\d+-\d+$/);
  });

  it('attributes events to the authority holding the case then, also when a page starts midway', async () => {
    const henan = await allPages({ authorityId: OTHER_AUTHORITY });
    expect(henan.map((i) => [i.caseId, i.type])).toEqual([
      [referred, 'CaseAcknowledged'],
      [referred, 'NoteAdded'],
    ]);
    const zhengzhou = await allPages({ authorityId: AUTHORITY });
    expect(zhengzhou.filter((i) => i.caseId === referred).map((i) => i.type)).toEqual([
      'CaseFiled',
      'CaseEscalated', // it happened while Zhengzhou held the case
    ]);
    // one event per page: every page after the first starts in the middle of a stream
    expect(await allPages({ authorityId: OTHER_AUTHORITY, limit: 1 })).toEqual(henan);
    expect(await allPages({ authorityId: AUTHORITY, limit: 1 })).toEqual(zhengzhou);
  });

  it('pages by cursor without gaps or repeats, and ends with a null cursor', async () => {
    const whole = await allPages({ limit: 500 });
    const first = await t.http
      .get('/v1/audit/events')
      .query({ limit: 3 })
      .set('Authorization', cast.oversight)
      .expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toBe(first.body.items[2].position);
    expect(await allPages({ limit: 3 })).toEqual(whole);
    const last = await t.http
      .get('/v1/audit/events')
      .query({ cursor: whole.at(-1)!.position })
      .set('Authorization', cast.oversight)
      .expect(200);
    expect(last.body).toEqual({ items: [], nextCursor: null });
  });

  it('filters by actor, type and occurredAt', async () => {
    const byActor = await allPages({ actorId: 'cw-henan' });
    expect(byActor.map((i) => i.type)).toEqual(['CaseAcknowledged', 'NoteAdded']);
    const decisions = await allPages({ type: 'DecisionIssued' });
    expect(decisions.map((i) => i.caseId)).toEqual([stays]);
    const whole = await allPages({});
    const middle = whole[3].occurredAt;
    const since = await allPages({ from: middle });
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((i) => i.occurredAt >= middle)).toBe(true);
    const before = await allPages({ to: middle });
    expect(before.length + since.length).toBe(whole.length);
    expect(await allPages({ to: '2000-01-01T00:00:00Z' })).toEqual([]);
  });

  it('streams every matching event as NDJSON', async () => {
    const whole = await allPages({ limit: 500 });
    const response = await t.http
      .get('/v1/audit/events')
      .query({ limit: 1 }) // a page size does not cut a stream short
      .set('Authorization', cast.oversight)
      .set('Accept', 'application/x-ndjson')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-length']).toBeUndefined();
    const lines = (response.body as string).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(whole);

    const filtered = await request(t.app.getHttpServer())
      .get('/v1/audit/events')
      .query({ authorityId: OTHER_AUTHORITY })
      .set('Authorization', cast.oversight)
      .set('Accept', 'application/x-ndjson')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect((filtered.body as string).trimEnd().split('\n')).toHaveLength(2);
  });

  it('is for oversight only', async () => {
    for (const token of [cast.owner, cast.caseworker, cast.supervisor, cast.admin]) {
      await t.http.get('/v1/audit/events').set('Authorization', token).expect(403);
    }
    await t.http.get('/v1/audit/events').expect(401);
  });

  it.each([
    ['an unknown type', { type: 'CaseDeleted' }, 'type'],
    ['a date without time', { from: '2026-06-01' }, 'from'],
    ['a malformed instant', { to: 'yesterday' }, 'to'],
    [
      'a range ending before it starts',
      { from: '2026-06-02T00:00:00Z', to: '2026-06-01T00:00:00Z' },
      'to',
    ],
    ['a page too large', { limit: 501 }, 'limit'],
    ['a malformed cursor', { cursor: 'abc' }, 'cursor'],
    ['an unknown filter', { caseId: 'x' }, 'caseId'],
  ])('refuses %s with a 400 problem', async (_name, query, field) => {
    const response = await t.http
      .get('/v1/audit/events')
      .query(query)
      .set('Authorization', cast.oversight)
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
