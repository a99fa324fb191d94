import { rebuildReadModels } from '@recourse/projections';
import { BACKFILL_CASE_STINTS } from '@recourse/read-models';
import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import {
  AUTHORITY,
  OTHER_AUTHORITY,
  ManualClock,
  appealBody,
  castOf,
  command,
  fileCase,
  type Cast,
} from '../api/api-fixtures';
import { projected } from './support';

const HOUR = 3_600_000;
const T0 = new Date('2026-06-15T02:00:00Z'); // a Monday, 10:00 in Zhengzhou

const appeal = (type: string, automation: string, priority = 'urgent') =>
  appealBody({
    priority,
    decision: { ...(appealBody().decision as object), type, automation },
  });

/**
 * Five appeals to Zhengzhou (urgent: respond within 24 h), one referred to Henan:
 *   A health-code/full   overturned at +2 h (on time)
 *   B health-code/full   upheld at +30 h (late)
 *   C travel-ban/none    partially overturned at +4 h (on time)
 *   D travel-ban/none    referred at +1 h; Henan rejects at +6 h (5 h after receiving it)
 *   E health-code/full   standard, never acknowledged: open, overdue after +48 h
 */
describe('GET /v1/stats/outcomes', () => {
  let t: TestApp;
  let cast: Cast;
  const clock = new ManualClock(T0);
  const at = (hours: number) => clock.advance(T0.getTime() + hours * HOUR - clock.now().getTime());

  const stats = async (query: Record<string, string> = {}, token = cast.oversight) =>
    (await t.http.get('/v1/stats/outcomes').query(query).set('Authorization', token).expect(200))
      .body;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({ clock, worker: true });
    cast = await castOf(t);
    const decide = (caseId: string, outcome: string, token = cast.caseworker) =>
      command(t, token, caseId, 'decision', { outcome, reasons: 'Reasons given in writing.' });
    const [a, b, c, d] = await Promise.all([
      fileCase(t, cast.owner, appeal('health-code', 'full')),
      fileCase(t, cast.owner, appeal('health-code', 'full')),
      fileCase(t, cast.owner, appeal('travel-ban', 'none')),
      fileCase(t, cast.owner, appeal('travel-ban', 'none')),
    ]);
    const e = await fileCase(t, cast.owner, appeal('health-code', 'full', 'standard'));
    for (const caseId of [a, b, c]) await command(t, cast.caseworker, caseId, 'acknowledge');
    at(1);
    await command(t, cast.caseworker, d, 'refer', { reason: 'needs the province' });
    await command(t, cast.otherCaseworker, d, 'acknowledge');
    at(2);
    await decide(a, 'overturned');
    at(4);
    await decide(c, 'partially_overturned');
    at(6);
    await decide(d, 'rejected', cast.otherCaseworker);
    at(30);
    await decide(b, 'upheld');
    at(50);
    await projected(t, [a, b, c, d, e]);
  });
  afterAll(() => t.close());

  const noOutcome = { upheld: 0, overturned: 0, partially_overturned: 0, rejected: 0 };
  const byAuthority = [
    {
      key: OTHER_AUTHORITY,
      total: 1,
      decided: 1,
      byOutcome: { ...noOutcome, rejected: 1 },
      overturnRate: 0,
      onTimeRate: 1,
      medianSecondsToDecision: 5 * 3600,
      open: 0,
      overdue: 0,
      escalated: 0,
    },
    {
      key: AUTHORITY,
      total: 5,
      decided: 3,
      byOutcome: { ...noOutcome, upheld: 1, overturned: 1, partially_overturned: 1 },
      overturnRate: 2 / 3,
      onTimeRate: 2 / 3,
      medianSecondsToDecision: 4 * 3600,
      open: 1,
      overdue: 1,
      escalated: 1,
    },
  ];

  it('counts per authority each authority answers for: what it received, decided, let lapse', async () => {
    expect(await stats()).toEqual({
      from: null,
      to: null,
      authorityId: null,
      groupBy: 'authority',
      groups: byAuthority,
    });
  });

  it('groups by decision type, automation and month', async () => {
    const byType = (await stats({ groupBy: 'decisionType' })).groups;
    expect(byType).toEqual([
      expect.objectContaining({
        key: 'health-code',
        total: 3,
        decided: 2,
        overturnRate: 0.5,
        onTimeRate: 0.5,
        medianSecondsToDecision: 16 * 3600,
        open: 1,
        overdue: 1,
        escalated: 0,
      }),
      expect.objectContaining({
        key: 'travel-ban',
        total: 3, // C, and D at both authorities
        decided: 2,
        overturnRate: 0.5,
        onTimeRate: 1,
        medianSecondsToDecision: 4.5 * 3600,
        open: 0,
        escalated: 1,
      }),
    ]);
    const byAutomation = (await stats({ groupBy: 'automation' })).groups;
    expect(byAutomation.map((g: { key: string; total: number }) => [g.key, g.total])).toEqual([
      ['full', 3],
      ['none', 3],
    ]);
    const byMonth = (await stats({ groupBy: 'month' })).groups;
    expect(byMonth).toEqual([expect.objectContaining({ key: '2026-06', total: 6, decided: 4 })]);
  });

  it('filters by when the authority received the case, and by authority', async () => {
    const later = await stats({ from: new Date(T0.getTime() + HOUR / 2).toISOString() });
    expect(later.groups).toEqual([byAuthority[0]]);
    const before = await stats({ to: new Date(T0.getTime() + HOUR / 2).toISOString() });
    expect(before.groups.map((g: { key: string; total: number }) => [g.key, g.total])).toEqual([
      [AUTHORITY, 5],
    ]);
    expect((await stats({ authorityId: OTHER_AUTHORITY })).groups).toEqual([byAuthority[0]]);
  });

  it("shows a supervisor their own authority's numbers only", async () => {
    const own = await stats({}, cast.supervisor);
    expect(own.authorityId).toBe(AUTHORITY);
    // at or above privacy.minGroupSize (5): shown as oversight sees it
    const shown = { ...byAuthority[1], belowPrivacyFloor: false };
    expect(own.groups).toEqual([shown]);
    expect((await stats({ authorityId: AUTHORITY }, cast.supervisor)).groups).toEqual([shown]);
    await t.http
      .get('/v1/stats/outcomes')
      .query({ authorityId: OTHER_AUTHORITY })
      .set('Authorization', cast.supervisor)
      .expect(403);
    for (const token of [cast.caseworker, cast.owner, cast.admin]) {
      await t.http.get('/v1/stats/outcomes').set('Authorization', token).expect(403);
    }
  });

  it.each([
    [{ groupBy: 'week' }, 'groupBy'],
    [{ from: 'last month' }, 'from'],
    [{ from: '2026-06-02T00:00:00Z', to: '2026-06-01T00:00:00Z' }, 'to'],
    [{ authorityId: 'zheng zhou' }, 'authorityId'],
  ])('refuses %j with a 400 problem', async (query, field) => {
    const response = await t.http
      .get('/v1/stats/outcomes')
      .query(query)
      .set('Authorization', cast.oversight)
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('gives the same numbers after a rebuild of the read models, and after the backfill', async () => {
    const before = await stats();
    const stints = async () =>
      (await t.database.query('SELECT to_jsonb(s) AS row FROM case_stints s ORDER BY case_id, seq'))
        .rows;
    const rows = await stints();
    expect(rows).toHaveLength(6);
    await rebuildReadModels(t.database, t.eventStore);
    expect(await stints()).toEqual(rows);
    expect(await stats()).toEqual(before);
    await t.database.transaction(async (tx) => {
      await tx.query('TRUNCATE case_stints');
      await tx.query(BACKFILL_CASE_STINTS);
    });
    expect(await stints()).toEqual(rows);
  });
});
