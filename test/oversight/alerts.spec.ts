import { alertStreamName, examplePolicy, type Policy } from '@recourse/domain';
import { verifyChain, type RecordedEvent } from '@recourse/event-store';
import { WaveDetector } from '@recourse/notifications';
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
import { startReceiver } from '../notifications/support';
import { eventually } from '../support/eventually';

const HOUR = 3_600_000;
const SECOND = 1000;
const T0 = new Date('2026-06-15T02:00:00Z');
const policy: Policy = { ...examplePolicy, alerts: { window: 'PT1H', minCases: 2, factor: 3 } };

const appeal = (type: string, authorityId = AUTHORITY) =>
  appealBody({ authorityId, decision: { ...(appealBody().decision as object), type } });

/**
 * Travel bans draw a steady 2 appeals an hour for 25 hours; health codes none, then 6 in the last
 * hour. With 1-hour windows, minCases 2 and factor 3, only the health-code burst is a wave, and it
 * is recorded once, as a fact, when its third appeal crosses the rule.
 */
describe('appeal waves as facts: AppealWaveDetected and GET /v1/alerts', () => {
  let t: TestApp;
  let cast: Cast;
  let oversightHook: Awaited<ReturnType<typeof startReceiver>>;
  const clock = new ManualClock(T0);
  const at = (ms: number) => clock.advance(T0.getTime() + ms - clock.now().getTime());
  const iso = (ms: number) => new Date(T0.getTime() + ms).toISOString();

  const alerts = async () =>
    (await t.http.get('/v1/alerts').set('Authorization', cast.oversight).expect(200)).body;
  const alertStream = async (authorityId = AUTHORITY): Promise<RecordedEvent[]> =>
    t.eventStore.readStream(alertStreamName(authorityId)).catch(() => []);
  const healthCodeWave = {
    authorityId: AUTHORITY,
    decisionType: 'health-code',
    from: iso(23 * HOUR + 30 * 60_000 + 2 * SECOND),
    to: iso(24 * HOUR + 30 * 60_000 + 2 * SECOND),
    count: 3,
    baseline: 0,
    factor: 3,
  };

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({
      clock,
      policy,
      worker: true,
      env: { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0' },
    });
    cast = await castOf(t);
    oversightHook = await startReceiver();
    const subscribed = await t.http
      .post('/v1/webhooks')
      .set('Authorization', cast.oversight)
      .send({ url: oversightHook.url, events: ['AppealWaveDetected'] })
      .expect(201);
    oversightHook.secret = subscribed.body.secret;
    const filed: string[] = [];
    for (let hour = 0; hour <= 24; hour++) {
      at(hour * HOUR + 10 * 60_000);
      for (let i = 0; i < 2; i++) filed.push(await fileCase(t, cast.owner, appeal('travel-ban')));
    }
    // a second apart: the count a filing sees is then exactly the filings before it
    for (let i = 0; i < 6; i++) {
      at(24 * HOUR + 30 * 60_000 + i * SECOND);
      filed.push(await fileCase(t, cast.owner, appeal('health-code')));
    }
    // a single appeal against the province's health codes: below minCases
    filed.push(await fileCase(t, cast.owner, appeal('health-code', OTHER_AUTHORITY)));
    await projected(t, filed);
  });
  afterAll(async () => {
    await t.close();
    await oversightHook.close();
  });

  it("records a burst against one decision type once, in the authority's chained alerts stream, and a steady rate not at all", async () => {
    const listed = await eventually(async () => {
      const list = await alerts();
      return list.length > 0 && list;
    });
    expect(listed).toEqual([{ id: expect.any(String), ...healthCodeWave }]);
    const stream = await alertStream();
    expect(stream.map(({ type, data }) => ({ type, data }))).toEqual([
      { type: 'AppealWaveDetected', data: healthCodeWave },
    ]);
    expect(stream[0].id).toBe(listed[0].id);
    expect(stream[0].metadata.actor).toEqual({ id: 'system', role: 'system' });
    expect(verifyChain(alertStreamName(AUTHORITY), stream)).toMatchObject({ verified: true });
    expect(await alertStream(OTHER_AUTHORITY)).toEqual([]);
    // oversight's webhook hears of it, signed, in process (embedded mode)
    const [hook] = await eventually(
      async () => oversightHook.received.length > 0 && oversightHook.received,
    );
    expect(hook.payload).toEqual({
      type: 'AppealWaveDetected',
      timestamp: healthCodeWave.to,
      data: {
        caseId: null,
        authorityId: AUTHORITY,
        eventId: stream[0].id,
        stream: alertStreamName(AUTHORITY),
        revision: 0,
        position: expect.stringMatching(/^\d+-\d+$/),
        decisionType: 'health-code',
        from: healthCodeWave.from,
        to: healthCodeWave.to,
        count: 3,
        baseline: 0,
        factor: 3,
      },
    });
  });

  it('records a new wave when a steady rate triples, measured against its baseline', async () => {
    const more: string[] = [];
    for (let i = 0; i < 4; i++) {
      at(25 * HOUR + 5 * 60_000 + i * SECOND);
      more.push(await fileCase(t, cast.owner, appeal('travel-ban')));
    }
    await projected(t, more);
    // 2 from the steady rate and 4 more, against 48 in the 24 hours before
    const travelBanWave = {
      authorityId: AUTHORITY,
      decisionType: 'travel-ban',
      from: iso(24 * HOUR + 5 * 60_000 + 3 * SECOND),
      to: iso(25 * HOUR + 5 * 60_000 + 3 * SECOND),
      count: 6,
      baseline: 2,
      factor: 3,
    };
    const listed = await eventually(async () => {
      const list = await alerts();
      return list.length === 2 && list;
    });
    expect(listed).toEqual([
      { id: expect.any(String), ...travelBanWave },
      { id: expect.any(String), ...healthCodeWave },
    ]);
  });

  it('records each wave once however many detectors see its filings, and after a restart', async () => {
    at(27 * HOUR);
    const burst: string[] = [];
    for (let i = 0; i < 3; i++) burst.push(await fileCase(t, cast.owner, appeal('exit-ban')));
    const filings = await Promise.all(
      burst.map(async (id) => (await t.eventStore.readStream(`case-${id}`))[0]),
    );
    const rule = { windowMs: HOUR, minCases: 2, factor: 3 };
    // two more workers race the app's own notifier over the same filings, from a fresh state
    const others = [1, 2].map(() => new WaveDetector(t.database, t.eventStore, rule));
    await Promise.all(
      others.map(async (detector) => {
        const watch = new Map();
        for (const filing of filings) await detector.onFiling(filing, watch);
      }),
    );
    await eventually(async () => (await alerts()).length === 3);
    const exitBan = (await alertStream()).filter(
      (event) => (event.data as { decisionType: string }).decisionType === 'exit-ban',
    );
    expect(exitBan).toHaveLength(1);
    // a restart replays from the checkpoint with what the transaction kept: nothing new
    await new WaveDetector(t.database, t.eventStore, rule).onFiling(filings[2], new Map());
    expect(await alertStream()).toHaveLength(3);
    expect(verifyChain(alertStreamName(AUTHORITY), await alertStream())).toMatchObject({
      verified: true,
    });
  });

  it('is for oversight only', async () => {
    await t.http.get('/v1/alerts').set('Authorization', cast.supervisor).expect(403);
    await t.http.get('/v1/alerts').set('Authorization', cast.owner).expect(403);
  });
});
