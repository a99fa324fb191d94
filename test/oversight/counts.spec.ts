import { caseStreamName } from '@recourse/domain';
import { PostgresEventStore, START, type RecordedEvent } from '@recourse/event-store';
import { rebuildReadModels } from '@recourse/projections';
import {
  appealWaves,
  applyEvents,
  BACKFILL_COUNTS,
  migrateReadModels,
  outcomeStats,
  partitionCheckpoint,
  STATS_GROUPINGS,
  type OutcomeStatsFilter,
  type OutcomeStatsGroup,
} from '@recourse/read-models';
import { caseHistory, random } from '../support/case-histories';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { referenceAppealWaves, referenceOutcomeStats } from './reference-counting';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T09:30:00.000Z');
const CASES = 600;

/**
 * The counting tables against the oracle (the queries as they were, over every row): the same
 * answers on a known set of realistic histories (seeded, spread over 120 days, escalations,
 * decisions, open and overdue cases), projected by two partitions in small batches, then after a
 * rebuild, then after the migration's backfill. Medians within their histogram's 5 %.
 */
describe('statistics and appeal waves as projections', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await openTestDatabase();
    store = await PostgresEventStore.create(db);
    await migrateReadModels(db);
    const next = random(2026);
    const histories = Array.from({ length: CASES }, () => caseHistory(next, NOW, 120, 150));
    for (let i = 0; i < histories.length; i += 100) {
      await store.appendNewStreams(
        histories
          .slice(i, i + 100)
          .map((h) => ({ stream: caseStreamName(h.caseId), events: h.events })),
      );
    }
    // two partitions (shards), each applying its cases' events in batches of 17
    const all: RecordedEvent[] = [];
    for (let page = await store.readAll(START, 1000); page.length > 0;) {
      all.push(...page);
      page = await store.readAll(page[page.length - 1].position, 1000);
    }
    for (const partition of [0, 1]) {
      const mine = all.filter((e) => (e.stream.charCodeAt(5) % 2 === partition ? 1 : 0));
      for (let i = 0; i < mine.length; i += 17) {
        await db.transaction((tx) =>
          applyEvents(tx, mine.slice(i, i + 17), partitionCheckpoint(partition)),
        );
      }
    }
  });
  afterAll(async () => {
    await store.close();
    await db.close();
  });

  const at = (ms: number) => new Date(ms);
  const filters: Omit<OutcomeStatsFilter, 'groupBy'>[] = [
    { now: at(NOW) },
    { now: at(NOW - 30 * DAY) },
    // open_stats splits "overdue" at the month of the question: questions early, late and past it
    { now: at(Date.parse('2026-11-01T00:00:00.000Z')) },
    { now: at(NOW + 45 * DAY) },
    // open_due_days splits it again at the day of the question: at its first and last instants
    { now: at(Date.parse('2026-11-20T00:00:00.000Z')) },
    { now: at(Date.parse('2026-11-19T23:59:59.999Z')), authorityId: 'city-00' },
    { now: at(Date.parse('2026-11-30T23:59:59.999Z')) },
    { now: at(NOW - 90 * DAY), authorityId: 'city-00' },
    { now: at(NOW), from: at(Date.parse('2026-09-01T00:00:00Z')) },
    { now: at(NOW), to: at(Date.parse('2026-10-01T00:00:00Z')) },
    {
      now: at(NOW),
      from: at(Date.parse('2026-08-01T00:00:00Z')),
      to: at(Date.parse('2026-10-01T00:00:00Z')),
    },
    { now: at(NOW), from: at(NOW - 75 * DAY + 12_345), to: at(NOW - 3 * DAY - 999) },
    { now: at(NOW), from: at(NOW - 40 * DAY + 7 * HOUR), to: at(NOW - 38 * DAY) },
    { now: at(NOW), authorityId: 'city-00' },
    { now: at(NOW), authorityId: 'province-0', from: at(NOW - 50 * DAY + 1) },
    // the far ends of what PostgreSQL stores: the month after is past year 9999
    { now: at(NOW), from: at(Date.parse('9999-12-31T23:59:59.999Z')) },
    { now: at(NOW), to: at(Date.parse('9999-12-31T23:59:59.999Z')) },
  ];

  /** counts exactly; medians within the width of their bucket */
  const expectSameStats = (actual: OutcomeStatsGroup[], expected: OutcomeStatsGroup[]) => {
    const counts = (groups: OutcomeStatsGroup[]) =>
      groups.map(({ medianSecondsToDecision: _median, ...rest }) => rest);
    expect(counts(actual)).toEqual(counts(expected));
    actual.forEach((group, i) => {
      const exact = expected[i].medianSecondsToDecision;
      if (exact === null) expect(group.medianSecondsToDecision).toBeNull();
      else
        expect(Math.abs(group.medianSecondsToDecision! - exact)).toBeLessThanOrEqual(exact * 0.05);
    });
  };

  const statsCases = filters.flatMap((filter) =>
    STATS_GROUPINGS.map((groupBy) => ({ ...filter, groupBy })),
  );

  const checkStats = async () => {
    let groups = 0;
    for (const filter of statsCases) {
      const expected = await referenceOutcomeStats(db, filter);
      expectSameStats(await outcomeStats(db, filter), expected);
      groups += expected.length;
    }
    return groups;
  };

  const waveQuestions = [HOUR, 6 * HOUR, 3 * DAY].flatMap((windowMs) =>
    [NOW, NOW - 10 * DAY - 17_001, NOW - 61 * DAY + 59_999, NOW - 100 * DAY].map((now) => ({
      rule: { windowMs, minCases: 0, factor: 0 },
      now: at(now),
    })),
  );

  const checkWaves = async () => {
    let waves = 0;
    for (const { rule, now } of waveQuestions) {
      const expected = await referenceAppealWaves(db, rule, now);
      expect(await appealWaves(db, rule, now)).toEqual(expected);
      waves += expected.length;
    }
    return waves;
  };

  it('answers GET /v1/stats/outcomes as the query over every stint did, for every grouping and filter', async () => {
    // the known set is not trivial: many groups, open and overdue cases, medians
    expect(await checkStats()).toBeGreaterThan(150);
    const all = await referenceOutcomeStats(db, { now: at(NOW), groupBy: 'authority' });
    expect(all.some((g) => g.overdue > 0 && g.escalated > 0 && g.decided > 10)).toBe(true);
  });

  it('counts appeal waves as the query over every filing did, whatever the window and the time', async () => {
    expect(await checkWaves()).toBeGreaterThan(20);
  });

  it('gives the same answers after a rebuild (one shard) and after the migration backfill', async () => {
    const before = await outcomeStats(db, { now: at(NOW), groupBy: 'month' });
    await rebuildReadModels(db, store);
    // the histograms' sums add up in another order: equal up to float rounding
    expectSameStats(await outcomeStats(db, { now: at(NOW), groupBy: 'month' }), before);
    await checkStats();
    await checkWaves();
    await db.transaction(async (tx) => {
      await tx.query(
        'TRUNCATE outcome_stats, open_stints, open_stats, open_due_days, appeal_filings',
      );
      await tx.query(BACKFILL_COUNTS);
    });
    await checkStats();
    await checkWaves();
  });
});
