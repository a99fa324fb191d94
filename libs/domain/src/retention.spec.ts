import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import { fixedDurationMs } from './duration';
import {
  retentionDueAt,
  retentionEndedBy,
  subjectRetention,
  type CaseRetention,
} from './retention';
import type { CaseStatus } from './status';

const DAY = 86_400_000;

/** instants from 1990 to 2100, to the millisecond: every month end, leap day and DST change */
const instant = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms));
/** rules of fixed length: days, weeks and time */
const fixedRule = fc.oneof(
  fc.integer({ min: 1, max: 3650 }).map((days) => `P${days}D`),
  fc.integer({ min: 1, max: 520 }).map((weeks) => `P${weeks}W`),
  fc.integer({ min: 1, max: 100_000 }).map((hours) => `PT${hours}H`),
  fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 23 }))
    .map(([days, hours]) => `P${days}DT${hours}H`),
);
/** rules with calendar years and months, alone or with a fixed part */
const calendarRule = fc.oneof(
  fc.integer({ min: 1, max: 30 }).map((years) => `P${years}Y`),
  fc.integer({ min: 1, max: 240 }).map((months) => `P${months}M`),
  fc
    .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 11 }))
    .map(([years, months]) => `P${years}Y${months}M`),
  fc
    .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 40 }))
    .map(([years, days]) => `P${years}Y${days}D`),
  fc
    .tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 23 }))
    .map(([months, hours]) => `P${months}MT${hours}H`),
);
/** every rule the policy accepts for retention */
const rule = fc.oneof(fixedRule, calendarRule);

describe('retentionDueAt', () => {
  it('is exactly the rule later for a rule of fixed length, wherever the end falls', () => {
    fc.assert(
      fc.property(instant, fixedRule, (ended, retention) => {
        const due = Date.parse(retentionDueAt(ended.toISOString(), retention));
        expect(due - ended.getTime()).toBe(fixedDurationMs(retention));
      }),
    );
  });

  it('adds calendar years and months in UTC as luxon does, the day clamped to the month', () => {
    fc.assert(
      fc.property(instant, calendarRule, (ended, retention) => {
        const byLuxon = DateTime.fromJSDate(ended, { zone: 'utc' })
          .plus(Duration.fromISO(retention))
          .toISO();
        expect(retentionDueAt(ended.toISOString(), retention)).toBe(byLuxon);
      }),
    );
  });

  it('reads P2Y as two calendar years: a leap day ends on the last day of February', () => {
    expect(retentionDueAt('2024-02-29T12:00:00.000Z', 'P2Y')).toBe('2026-02-28T12:00:00.000Z');
    expect(retentionDueAt('2024-02-28T12:00:00.000Z', 'P2Y')).toBe('2026-02-28T12:00:00.000Z');
    expect(retentionDueAt('2025-01-31T08:00:00.000Z', 'P1M')).toBe('2025-02-28T08:00:00.000Z');
    expect(retentionDueAt('2025-01-31T08:00:00.000Z', 'P1Y1M1D')).toBe('2026-03-01T08:00:00.000Z');
  });

  it('keeps the order of ends, and a longer rule never comes sooner', () => {
    fc.assert(
      fc.property(instant, instant, rule, (a, b, retention) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(
          retentionDueAt(early.toISOString(), retention) <=
            retentionDueAt(late.toISOString(), retention),
        ).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 3650 }),
        fc.integer({ min: 1, max: 365 }),
        (ended, days, more) => {
          const iso = ended.toISOString();
          expect(retentionDueAt(iso, `P${days}D`) < retentionDueAt(iso, `P${days + more}D`)).toBe(
            true,
          );
        },
      ),
    );
  });

  it('counts P730D as 730 days across a leap day, not as two calendar years', () => {
    expect(retentionDueAt('2024-02-29T12:00:00.000Z', 'P730D')).toBe('2026-02-28T12:00:00.000Z');
    expect(retentionDueAt('2023-03-01T00:00:00.000Z', 'P730D')).toBe('2025-02-28T00:00:00.000Z');
    expect(retentionDueAt('2025-01-31T23:59:59.999Z', 'P30D')).toBe('2025-03-02T23:59:59.999Z');
  });

  it('is the same instant whatever offset the end was written in, across a DST change', () => {
    fc.assert(
      fc.property(
        instant,
        rule,
        fc.constantFrom(
          'Europe/Berlin',
          'America/New_York',
          'Asia/Shanghai',
          'Australia/Lord_Howe',
        ),
        (ended, retention, zone) => {
          const local = DateTime.fromJSDate(ended, { zone }).toISO()!;
          expect(retentionDueAt(local, retention)).toBe(
            retentionDueAt(ended.toISOString(), retention),
          );
        },
      ),
    );
  });

  it('refuses what is not an instant or not an absolute rule', () => {
    expect(() => retentionDueAt('yesterday', 'P730D')).toThrow(RangeError);
    expect(() => retentionDueAt('2026-01-01T00:00:00Z', 'P10WD')).toThrow(/working days/);
    expect(() => retentionDueAt('2026-01-01T00:00:00Z', 'P')).toThrow(/not an ISO 8601/);
    expect(() => retentionDueAt('2026-01-01T00:00:00Z', 'P0Y0M')).toThrow(/empty/);
    expect(() => retentionDueAt('2026-01-01T00:00:00Z', 'P1.5Y')).toThrow(/not an ISO 8601/);
  });
});

describe('retentionEndedBy', () => {
  it('names exactly the ends whose retention falls due by then', () => {
    fc.assert(
      fc.property(instant, instant, rule, (ended, until, retention) => {
        const dueByThen =
          Date.parse(retentionDueAt(ended.toISOString(), retention)) <= until.getTime();
        expect(ended <= retentionEndedBy(until, retention)).toBe(dueByThen);
      }),
    );
  });

  it('is the latest of the ends that share a due time (29, 30 and 31 January + P1M)', () => {
    const until = new Date('2025-02-28T12:00:00.000Z');
    expect(retentionEndedBy(until, 'P1M').toISOString()).toBe('2025-01-31T12:00:00.000Z');
    const justAfter = new Date('2025-02-28T12:00:00.001Z');
    expect(retentionEndedBy(justAfter, 'P1M').toISOString()).toBe('2025-01-31T12:00:00.001Z');
  });
});

describe('subjectRetention', () => {
  const now = new Date('2030-06-01T00:00:00Z');
  const ended = (daysAgo: number, personalDataErased = false): CaseRetention => ({
    status: 'closed',
    endedAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
    personalDataErased,
  });
  const open = (status: CaseStatus): CaseRetention => ({
    status,
    endedAt: null,
    personalDataErased: false,
  });

  it('erases once every case has ended and each is past its retention', () => {
    expect(subjectRetention([ended(730), ended(800)], 'P730D', now)).toEqual({ erase: true });
    expect(subjectRetention([{ ...ended(731), status: 'withdrawn' }], 'P730D', now)).toEqual({
      erase: true,
    });
  });

  it('keeps everything while one case is still open, however old the others', () => {
    for (const status of ['filed', 'under_review', 'decided', 'escalated'] as const) {
      expect(subjectRetention([ended(5000), open(status)], 'P730D', now)).toEqual({
        erase: false,
        reason: 'case-open',
      });
    }
  });

  it('waits for the latest ended case', () => {
    expect(subjectRetention([ended(5000), ended(729)], 'P730D', now)).toEqual({
      erase: false,
      reason: 'not-due',
    });
  });

  it('counts a case erased before (then filed again) as done, and has nothing to do when all are', () => {
    expect(subjectRetention([ended(1, true), ended(731)], 'P730D', now)).toEqual({ erase: true });
    expect(subjectRetention([ended(1, true)], 'P730D', now)).toEqual({
      erase: false,
      reason: 'nothing-to-erase',
    });
  });

  it('never erases when any case is open, nor changes its answer with the order of the cases', () => {
    const status = fc.constantFrom<CaseStatus>('filed', 'decided', 'closed', 'withdrawn', 'closed');
    const oneCase = fc
      .record({
        status,
        daysAgo: fc.integer({ min: 0, max: 2000 }),
        personalDataErased: fc.boolean(),
      })
      .map(({ status, daysAgo, personalDataErased }): CaseRetention =>
        status === 'closed' || status === 'withdrawn'
          ? { ...ended(daysAgo, personalDataErased), status }
          : open(status),
      );
    fc.assert(
      fc.property(fc.array(oneCase, { minLength: 1, maxLength: 6 }), (cases) => {
        const verdict = subjectRetention(cases, 'P730D', now);
        expect(subjectRetention([...cases].reverse(), 'P730D', now)).toEqual(verdict);
        if (cases.some((one) => one.endedAt === null)) expect(verdict.erase).toBe(false);
      }),
    );
  });
});
