import fc from 'fast-check';
import { DateTime } from 'luxon';
import { computeDeadline } from './deadline-policy';
import type { Calendar } from './policy';
import { calendarsPolicy } from './testing/fixtures';

const policy = calendarsPolicy;
const calendarIds = Object.keys(policy.calendars);

const deadline = (calendarId: string, rule: string, start: Date | string) =>
  computeDeadline({ kind: 'respond', rule, start: new Date(start), calendarId, policy });

// An independent model of the calendar, on luxon dates, to check the implementation against.
const localDate = (instant: string | Date, zone: string): string =>
  DateTime.fromJSDate(new Date(instant), { zone }).toISODate()!;
const localTime = (instant: string | Date, zone: string): string =>
  DateTime.fromJSDate(new Date(instant), { zone }).toFormat('HH:mm:ss.SSS');
const DAY = 86_400_000;
const utcDay = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const isoWeekday = (date: string): number => new Date(utcDay(date)).getUTCDay() || 7;
const isWorking = (calendar: Calendar, date: string): boolean =>
  !calendar.weekend.includes(isoWeekday(date)) && !calendar.holidays.includes(date);
const datesFrom = (from: string, toExclusive: string): string[] => {
  const dates: string[] = [];
  for (let day = utcDay(from); day < utcDay(toExclusive); day += DAY)
    dates.push(new Date(day).toISOString().slice(0, 10));
  return dates;
};
const nextDate = (date: string): string => new Date(utcDay(date) + DAY).toISOString().slice(0, 10);
/** true when the zone's offset changes during that local date */
const isTransitionDate = (date: string, zone: string): boolean => {
  const start = DateTime.fromISO(date, { zone });
  return (
    start.offset !== start.plus({ days: 1 }).offset || start.offset !== start.endOf('day').offset
  );
};

const starts = fc.date({
  min: new Date('2025-06-01T00:00:00Z'),
  max: new Date('2027-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const workingDayRules = fc
  .integer({ min: 1, max: 40 })
  .map((days) => ({ days, rule: `P${days}WD` }));
const calendars = fc.constantFrom(...calendarIds);
/** starts within ten days of a daylight-saving change in Paris or New York */
const transitions = [
  '2026-03-08T07:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-11-01T06:00:00Z',
  '2027-03-28T01:00:00Z',
];
const startsNearTransitions = fc
  .tuple(
    fc.constantFrom(...transitions),
    fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 }),
  )
  .map(([transition, shift]) => new Date(Date.parse(transition) + shift));
const properties = { numRuns: 400 };

describe('working-day deadlines: examples', () => {
  it('are due at the same local time on the Nth working day after the start', () => {
    // Monday 15 June 2026 09:00 in Shanghai + 15 working days = Monday 6 July 09:00
    const due = deadline('cn', 'P15WD', '2026-06-15T01:00:00Z');
    expect(due.due).toBe('2026-07-06T01:00:00.000Z');
    expect(due.skipped).toHaveLength(6);
  });

  it('skip holidays and say so', () => {
    const due = deadline('cn', 'P1WD', '2026-09-30T02:00:00Z'); // Wednesday 10:00
    expect(due.due).toBe('2026-10-05T02:00:00.000Z'); // Thursday and Friday are holidays
    expect(due.skipped).toEqual([
      { date: '2026-10-01', reason: 'holiday' },
      { date: '2026-10-02', reason: 'holiday' },
      { date: '2026-10-03', reason: 'weekend' },
      { date: '2026-10-04', reason: 'weekend' },
    ]);
  });

  it('start at 00:00 of the next working day when filed on a non-working day', () => {
    // Saturday 13 June 2026 15:00 in Shanghai: Monday counts whole, due at the start of Wednesday
    const due = deadline('cn', 'P2WD', '2026-06-13T07:00:00Z');
    expect(due.due).toBe('2026-06-16T16:00:00.000Z');
    expect(localTime(due.due, 'Asia/Shanghai')).toBe('00:00:00.000');
    expect(due.skipped.map((day) => day.date)).toEqual(['2026-06-13', '2026-06-14']);
  });

  it('follow a Friday–Saturday weekend', () => {
    // Thursday 3 Dec 2026 12:00 in Dubai (UTC+4) + 1 working day = Sunday 6 Dec 12:00
    expect(deadline('gulf', 'P1WD', '2026-12-03T08:00:00Z').due).toBe('2026-12-06T08:00:00.000Z');
  });

  it('keep the local time across a spring-forward change', () => {
    // Friday 27 March 2026 10:00 CET (09:00Z); clocks go forward on Sunday; Monday 10:00 CEST is 08:00Z
    expect(deadline('paris', 'P1WD', '2026-03-27T09:00:00Z').due).toBe('2026-03-30T08:00:00.000Z');
  });

  it('keep the local time across a fall-back change', () => {
    // Friday 23 October 2026 10:00 CEST (08:00Z); Monday 26 October 10:00 CET is 09:00Z
    expect(deadline('paris', 'P1WD', '2026-10-23T08:00:00Z').due).toBe('2026-10-26T09:00:00.000Z');
  });

  it('resolve a local time skipped by the spring-forward gap to the end of the gap, same date', () => {
    // Saturday 28 March 2026 02:30 CET; Sunday 02:30 does not exist in Paris, 03:00 CEST (01:00Z) does
    const due = deadline('everyday', 'P1WD', '2026-03-28T01:30:00Z');
    expect(due.due).toBe('2026-03-29T01:00:00.000Z');
    expect(localDate(due.due, 'Europe/Paris')).toBe('2026-03-29');
  });

  it('never go back in time for starts during the repeated fall-back hour', () => {
    const firstPass = deadline('everyday', 'P1WD', '2026-10-25T00:30:00Z'); // 02:30 CEST
    const secondPass = deadline('everyday', 'P1WD', '2026-10-25T01:15:00Z'); // 02:15 CET, later
    expect(firstPass.due).toBe('2026-10-26T01:30:00.000Z'); // 02:30 CET on Monday
    expect(Date.parse(secondPass.due)).toBeGreaterThanOrEqual(Date.parse(firstPass.due));
    expect(localDate(secondPass.due, 'Europe/Paris')).toBe('2026-10-26');
  });

  it('add absolute rules in absolute time, skipping nothing', () => {
    const saturday = '2026-06-13T07:00:00Z';
    expect(deadline('cn', 'PT24H', saturday)).toMatchObject({
      due: '2026-06-14T07:00:00.000Z',
      skipped: [],
    });
    expect(deadline('paris', 'P1DT2H', '2026-03-28T12:00:00Z').due).toBe(
      '2026-03-29T14:00:00.000Z',
    );
    expect(deadline('cn', 'PT2S', saturday).due).toBe('2026-06-13T07:00:02.000Z');
  });

  it('carry their rule, calendar, zone and policy version', () => {
    expect(deadline('newyork', 'P3WD', '2026-11-24T15:00:00Z')).toMatchObject({
      kind: 'respond',
      start: '2026-11-24T15:00:00.000Z',
      rule: 'P3WD',
      calendar: 'newyork',
      timeZone: 'America/New_York',
      policyVersion: 'example-1',
      pauses: [],
      skipped: [
        { date: '2026-11-26', reason: 'holiday' },
        { date: '2026-11-28', reason: 'weekend' },
        { date: '2026-11-29', reason: 'weekend' },
      ],
    });
  });

  it('refuse an unknown calendar', () => {
    expect(() => deadline('mars', 'P1WD', '2026-01-01T00:00:00Z')).toThrow(/mars/);
  });
});

describe('working-day deadlines: properties', () => {
  it('never fall on a weekend or holiday', () => {
    fc.assert(
      fc.property(starts, workingDayRules, calendars, (start, { rule }, calendarId) => {
        const calendar = policy.calendars[calendarId];
        const due = deadline(calendarId, rule, start);
        expect(isWorking(calendar, localDate(due.due, calendar.timeZone))).toBe(true);
      }),
      properties,
    );
  });

  it('never move earlier when the start moves later', () => {
    const laterBy = fc.integer({ min: 0, max: 5 * 86_400_000 });
    fc.assert(
      fc.property(
        fc.oneof(starts, startsNearTransitions),
        laterBy,
        workingDayRules,
        calendars,
        (start, shift, { rule }, calendarId) => {
          const early = deadline(calendarId, rule, start);
          const late = deadline(calendarId, rule, new Date(start.getTime() + shift));
          expect(Date.parse(late.due)).toBeGreaterThanOrEqual(Date.parse(early.due));
        },
      ),
      properties,
    );
  });

  it('land on the Nth working day of the local calendar, whatever daylight saving does', () => {
    fc.assert(
      fc.property(
        startsNearTransitions,
        workingDayRules,
        fc.constantFrom('paris', 'everyday', 'newyork'),
        (start, { days, rule }, calendarId) => {
          const calendar = policy.calendars[calendarId];
          const zone = calendar.timeZone;
          const due = deadline(calendarId, rule, start);
          const [startDate, dueDate] = [localDate(start, zone), localDate(due.due, zone)];
          const workingAfterStart = datesFrom(nextDate(startDate), nextDate(dueDate)).filter(
            (date) => isWorking(calendar, date),
          );
          expect(workingAfterStart).toHaveLength(isWorking(calendar, startDate) ? days : days + 1);
          expect(isWorking(calendar, dueDate)).toBe(true);
          if (
            isWorking(calendar, startDate) &&
            !isTransitionDate(startDate, zone) &&
            !isTransitionDate(dueDate, zone)
          ) {
            expect(localTime(due.due, zone)).toBe(localTime(start, zone));
          }
        },
      ),
      properties,
    );
  });

  it('skip exactly the calendar days that are not working days', () => {
    fc.assert(
      fc.property(
        fc.oneof(starts, startsNearTransitions),
        workingDayRules,
        calendars,
        (start, { days, rule }, calendarId) => {
          const calendar = policy.calendars[calendarId];
          const due = deadline(calendarId, rule, start);
          const span = datesFrom(
            localDate(start, calendar.timeZone),
            localDate(due.due, calendar.timeZone),
          );
          expect(due.skipped).toHaveLength(span.length - days);
          expect(due.skipped.map((day) => day.date)).toEqual(
            span.filter((date) => !isWorking(calendar, date)),
          );
        },
      ),
      properties,
    );
  });

  it('add absolute rules exactly', () => {
    fc.assert(
      fc.property(
        starts,
        fc.integer({ min: 1, max: 1_000_000 }),
        calendars,
        (start, seconds, calendarId) => {
          const due = deadline(calendarId, `PT${seconds}S`, start);
          expect(Date.parse(due.due) - start.getTime()).toBe(seconds * 1000);
        },
      ),
      properties,
    );
  });
});
