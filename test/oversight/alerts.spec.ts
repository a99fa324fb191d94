import { examplePolicy, type Policy } from '@recourse/domain';
import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import {
  AUTHORITY,
  OTHER_AUTHORITY,
  ManualClock,
  appealBody,
  castOf,
  fileCase,
  type Cast,
} from '../api/api-fixtures';
import { projected } from './support';

const HOUR = 3_600_000;
const T0 = new Date('2026-06-15T02:00:00Z');
const policy: Policy = { ...examplePolicy, alerts: { window: 'PT1H', minCases: 2, factor: 3 } };

const appeal = (type: string, authorityId = AUTHORITY) =>
  appealBody({ authorityId, decision: { ...(appealBody().decision as object), type } });

/**
 * Travel bans draw a steady 2 appeals an hour for 25 hours; health codes none, then 6 in the last
 * hour. With 1-hour windows, minCases 2 and factor 3, only the health-code burst is a wave.
 */
describe('GET /v1/alerts', () => {
  let t: TestApp;
  let cast: Cast;
  const clock = new ManualClock(T0);
  const at = (ms: number) => clock.advance(T0.getTime() + ms - clock.now().getTime());

  const alerts = async () =>
    (await t.http.get('/v1/alerts').set('Authorization', cast.oversight).expect(200)).body;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({ clock, policy, worker: true });
    cast = await castOf(t);
    const filed: string[] = [];
    for (let hour = 0; hour <= 24; hour++) {
      at(hour * HOUR + 10 * 60_000);
      for (let i = 0; i < 2; i++) filed.push(await fileCase(t, cast.owner, appeal('travel-ban')));
    }
    at(24 * HOUR + 30 * 60_000);
    for (let i = 0; i < 6; i++) filed.push(await fileCase(t, cast.owner, appeal('health-code')));
    // a single appeal against the province's health codes: below minCases
    filed.push(await fileCase(t, cast.owner, appeal('health-code', OTHER_AUTHORITY)));
    await projected(t, filed);
  });
  afterAll(() => t.close());

  it('raises an alert for a burst against one decision type, none for a steady rate', async () => {
    at(25 * HOUR);
    expect(await alerts()).toEqual([
      {
        authorityId: AUTHORITY,
        decisionType: 'health-code',
        from: new Date(T0.getTime() + 24 * HOUR).toISOString(),
        to: new Date(T0.getTime() + 25 * HOUR).toISOString(),
        count: 6,
        baseline: 0,
        factor: 6,
      },
    ]);
  });

  it('alerts when a steady rate triples, measured against its baseline', async () => {
    at(25 * HOUR + 5 * 60_000);
    const more: string[] = [];
    for (let i = 0; i < 4; i++) more.push(await fileCase(t, cast.owner, appeal('travel-ban')));
    await projected(t, more);
    const window = {
      from: new Date(T0.getTime() + 24 * HOUR + 5 * 60_000).toISOString(),
      to: new Date(T0.getTime() + 25 * HOUR + 5 * 60_000).toISOString(),
    };
    expect(await alerts()).toEqual([
      {
        authorityId: AUTHORITY,
        decisionType: 'health-code',
        ...window,
        count: 6,
        baseline: 0,
        factor: 6,
      },
      // 2 from the steady rate and 4 more, against 48 in the 24 hours before
      {
        authorityId: AUTHORITY,
        decisionType: 'travel-ban',
        ...window,
        count: 6,
        baseline: 2,
        factor: 3,
      },
    ]);
  });

  it('lets a wave pass once it is history', async () => {
    at(27 * HOUR);
    expect(await alerts()).toEqual([]);
  });

  it('is for oversight only', async () => {
    await t.http.get('/v1/alerts').set('Authorization', cast.supervisor).expect(403);
    await t.http.get('/v1/alerts').set('Authorization', cast.owner).expect(403);
  });
});
