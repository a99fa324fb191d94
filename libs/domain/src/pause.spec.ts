import fc from 'fast-check';
import { DateTime } from 'luxon';
import { computeDeadline, resumeDeadline } from './deadline-policy';
import { calendarsPolicy } from './testing/fixtures';

const policy = calendarsPolicy;
const compute = (calendarId: string, rule: string, start: string | Date) =>
  computeDeadline({ kind: 'respond', rule, start: new Date(start), calendarId, policy });
const pause = (from: string | Date, to: string | Date, reason = 'awaiting information') => ({
  from: new Date(from),
  to: new Date(to),
  reason,
});

describe('resumeDeadline: examples', () => {
  // Monday 15 June 2026 09:00 Shanghai + 15 working days = Monday 6 July 09:00
  const respondBy = compute('cn', 'P15WD', '2026-06-15T01:00:00Z');

  it('moves a working-day deadline by the working days that ended while paused', () => {
    // paused Tuesday 16 June 11:00, resumed Monday 22 June 08:00: Tue, Wed, Thu, Fri ended paused
    const resumed = resumeDeadline(
      respondBy,
      pause('2026-06-16T03:00:00Z', '2026-06-22T00:00:00Z'),
      policy,
    );
    expect(resumed.due).toBe('2026-07-10T01:00:00.000Z');
    expect(resumed.pauses).toEqual([
      {
        from: '2026-06-16T03:00:00.000Z',
        to: '2026-06-22T00:00:00.000Z',
        reason: 'awaiting information',
        length: 'P4WD',
      },
    ]);
  });

  it('does not move a working-day deadline for a pause within one day', () => {
    const resumed = resumeDeadline(
      respondBy,
      pause('2026-06-16T01:00:00Z', '2026-06-16T08:00:00Z'),
      policy,
    );
    expect(resumed.due).toBe(respondBy.due);
    expect(resumed.pauses[0].length).toBe('P0WD');
  });

  it('skips the weekends it passes when moving, and records them', () => {
    // four working days ended paused: Monday 6 July becomes Friday 10 July; one more crosses a weekend
    const resumed = resumeDeadline(
      respondBy,
      pause('2026-06-15T05:00:00Z', '2026-06-19T02:00:00Z'),
      policy,
    );
    expect(resumed.due).toBe('2026-07-10T01:00:00.000Z');
    const further = resumeDeadline(
      resumed,
      pause('2026-06-22T02:00:00Z', '2026-06-23T02:00:00Z'),
      policy,
    );
    expect(further.due).toBe('2026-07-13T01:00:00.000Z');
    expect(further.skipped.slice(-2)).toEqual([
      { date: '2026-07-11', reason: 'weekend' },
      { date: '2026-07-12', reason: 'weekend' },
    ]);
    expect(further.pauses.map((p) => p.length)).toEqual(['P4WD', 'P1WD']);
  });

  it('moves an absolute deadline by the paused absolute time', () => {
    const urgent = compute('cn', 'PT24H', '2026-06-13T07:00:00Z');
    const resumed = resumeDeadline(
      urgent,
      pause('2026-06-13T08:00:00Z', '2026-06-13T13:00:00Z'),
      policy,
    );
    expect(resumed.due).toBe('2026-06-14T12:00:00.000Z');
    expect(resumed.pauses[0].length).toBe('PT5H');
    expect(resumed.skipped).toEqual([]);
  });

  it('keeps everything else', () => {
    const resumed = resumeDeadline(
      respondBy,
      pause('2026-06-16T03:00:00Z', '2026-06-22T00:00:00Z'),
      policy,
    );
    const { due: _due, pauses: _pauses, skipped: _skipped, ...rest } = resumed;
    const { due: _d, pauses: _p, skipped: _s, ...before } = respondBy;
    expect(rest).toEqual(before);
    expect(resumed.skipped.slice(0, respondBy.skipped.length)).toEqual(respondBy.skipped);
  });

  it('refuses a pause that ends before it starts', () => {
    expect(() =>
      resumeDeadline(respondBy, pause('2026-06-16T03:00:00Z', '2026-06-16T02:00:00Z'), policy),
    ).toThrow(RangeError);
  });
});

describe('resumeDeadline: properties', () => {
  const starts = fc.date({
    min: new Date('2026-01-01T00:00:00Z'),
    max: new Date('2027-06-30T00:00:00Z'),
    noInvalidDate: true,
  });
  const calendars = fc.constantFrom(...Object.keys(policy.calendars));
  const rules = fc.oneof(
    fc.integer({ min: 1, max: 30 }).map((days) => `P${days}WD`),
    fc.integer({ min: 1, max: 500 }).map((hours) => `PT${hours}H`),
  );
  /** a pause starting some time after the deadline's start, lasting up to three weeks */
  const pauses = fc.tuple(
    fc.integer({ min: 0, max: 20 * 86_400_000 }),
    fc.integer({ min: 0, max: 21 * 86_400_000 }),
  );
  const properties = { numRuns: 300 };

  it('never make a deadline earlier, and a longer pause never less late', () => {
    fc.assert(
      fc.property(
        starts,
        rules,
        calendars,
        pauses,
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        (start, rule, calendarId, [offset, length], extra) => {
          const deadline = compute(calendarId, rule, start);
          const from = new Date(start.getTime() + offset);
          const shorter = resumeDeadline(
            deadline,
            pause(from, new Date(from.getTime() + length)),
            policy,
          );
          const longer = resumeDeadline(
            deadline,
            pause(from, new Date(from.getTime() + length + extra)),
            policy,
          );
          expect(Date.parse(shorter.due)).toBeGreaterThanOrEqual(Date.parse(deadline.due));
          expect(Date.parse(longer.due)).toBeGreaterThanOrEqual(Date.parse(shorter.due));
        },
      ),
      properties,
    );
  });

  it('keep a working-day deadline on a working day, moved by exactly the paused working days', () => {
    fc.assert(
      fc.property(
        starts,
        fc.integer({ min: 1, max: 30 }),
        calendars,
        pauses,
        (start, days, calendarId, [offset, length]) => {
          const calendar = policy.calendars[calendarId];
          const zone = calendar.timeZone;
          const isWorking = (date: DateTime) =>
            !calendar.weekend.includes(date.weekday) &&
            !calendar.holidays.includes(date.toISODate()!);
          const workingDatesIn = (from: DateTime, toExclusive: DateTime) => {
            let count = 0;
            for (
              let day = from.startOf('day');
              day < toExclusive.startOf('day');
              day = day.plus({ days: 1 })
            )
              if (isWorking(day)) count++;
            return count;
          };
          const deadline = compute(calendarId, `P${days}WD`, start);
          const from = new Date(start.getTime() + offset);
          const to = new Date(from.getTime() + length);
          const resumed = resumeDeadline(deadline, pause(from, to), policy);
          const local = (instant: string | Date) =>
            DateTime.fromJSDate(new Date(instant), { zone });
          const paused = workingDatesIn(local(from), local(to));
          expect(resumed.pauses.at(-1)!.length).toBe(`P${paused}WD`);
          expect(isWorking(local(resumed.due))).toBe(true);
          // the due date moved by exactly `paused` working days
          expect(
            workingDatesIn(
              local(deadline.due).plus({ days: 1 }),
              local(resumed.due).plus({ days: 1 }),
            ),
          ).toBe(paused);
        },
      ),
      properties,
    );
  });

  it('move an absolute deadline by exactly the paused time', () => {
    fc.assert(
      fc.property(
        starts,
        fc.integer({ min: 1, max: 500 }),
        pauses,
        (start, hours, [offset, length]) => {
          const deadline = compute('paris', `PT${hours}H`, start);
          const from = new Date(start.getTime() + offset);
          const resumed = resumeDeadline(
            deadline,
            pause(from, new Date(from.getTime() + length)),
            policy,
          );
          expect(Date.parse(resumed.due) - Date.parse(deadline.due)).toBe(length);
        },
      ),
      properties,
    );
  });
});
