import type { IANAZone } from 'luxon';
import type { SkippedDay } from './deadline';
import { dayOfIsoDate, isoDateOfDay, isoWeekdayOfDay, zoneNamed } from './local-time';
import type { Calendar } from './policy';

/** A calendar made ready for day-by-day counting; built once per Calendar object. */
export interface WorkingCalendar {
  zone: IANAZone;
  /** why a local day is not a working day, or null when it is one */
  closedReason(day: number): SkippedDay['reason'] | null;
  skip(day: number): SkippedDay;
}

const compiled = new WeakMap<Calendar, WorkingCalendar>();

export function workingCalendar(calendar: Calendar): WorkingCalendar {
  let working = compiled.get(calendar);
  if (!working) {
    const weekend = new Set(calendar.weekend);
    const holidays = new Set(calendar.holidays.map((date) => dayOfIsoDate(date)));
    const closedReason = (day: number): SkippedDay['reason'] | null =>
      weekend.has(isoWeekdayOfDay(day)) ? 'weekend' : holidays.has(day) ? 'holiday' : null;
    working = {
      zone: zoneNamed(calendar.timeZone),
      closedReason,
      skip: (day) => ({ date: isoDateOfDay(day), reason: closedReason(day)! }),
    };
    compiled.set(calendar, working);
  }
  return working;
}

/**
 * Moves forward from local day `day` by `count` working days, returning the day reached and the
 * non-working days passed over.
 */
export function advanceWorkingDays(
  calendar: WorkingCalendar,
  day: number,
  count: number,
): { day: number; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  let reached = day;
  for (let counted = 0; counted < count;) {
    reached += 1;
    if (calendar.closedReason(reached) === null) counted += 1;
    else skipped.push(calendar.skip(reached));
  }
  return { day: reached, skipped };
}

/** Working days among the local days [fromDay, toDay). */
export function workingDaysBetween(
  calendar: WorkingCalendar,
  fromDay: number,
  toDay: number,
): number {
  let working = 0;
  for (let day = fromDay; day < toDay; day += 1)
    if (calendar.closedReason(day) === null) working += 1;
  return working;
}
