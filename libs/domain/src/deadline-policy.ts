import type { Deadline, Pause } from './deadline';
import { describeRule, formatDuration, parseRule, plural } from './duration';
import type { DeadlineKind } from './events';
import {
  DAY,
  dayOfWall,
  formatWall,
  instantAtWall,
  rawWall,
  wallClock,
  zoneNamed,
} from './local-time';
import { PolicyError, type Calendar, type Policy } from './policy';
import { advanceWorkingDays, workingCalendar, workingDaysBetween } from './working-days';

/*
 * Working-day rules (P15WD), in the calendar's time zone:
 * - A day is a working day when it is neither a weekend day nor a holiday of the calendar.
 * - Started on a working day, the deadline is due at the start's local time of day on the Nth
 *   working day after the start's local date (the start day itself is not counted).
 * - Started on a non-working day, the clock starts at 00:00 of the next working day: the deadline
 *   is due at 00:00 on the Nth working day after that one, i.e. when N whole working days have passed.
 * - A local time that does not exist on the due date (spring-forward gap) resolves to the end of
 *   the gap, on the same local date. During the hour repeated when clocks fall back, the start's
 *   time of day reads as the moment before the clocks went back, so a later start never yields
 *   an earlier deadline.
 * - `skipped` lists every non-working local date from the start's date up to the due date.
 * Absolute rules (PT24H, P15D) are added in absolute time: nothing is skipped.
 */
export function dueAfter(
  start: Date,
  rule: string,
  calendar: Calendar,
): { due: Date; skipped: Deadline['skipped'] } {
  const parsed = parseRule(rule);
  if (parsed.unit === 'absolute')
    return { due: new Date(start.getTime() + parsed.milliseconds), skipped: [] };
  const working = workingCalendar(calendar);
  const wall = wallClock(working.zone, start.getTime());
  let day = dayOfWall(wall);
  let timeOfDay = wall - day * DAY;
  const skipped: Deadline['skipped'] = [];
  if (working.closedReason(day) !== null) {
    while (working.closedReason(day) !== null) skipped.push(working.skip(day++));
    timeOfDay = 0;
  }
  const reached = advanceWorkingDays(working, day, parsed.days);
  return {
    due: new Date(instantAtWall(working.zone, reached.day * DAY + timeOfDay)),
    skipped: [...skipped, ...reached.skipped],
  };
}

function calendarNamed(policy: Policy, calendarId: string): Calendar {
  const calendar = policy.calendars[calendarId];
  if (!calendar)
    throw new PolicyError(`calendars.${calendarId}`, `unknown calendar "${calendarId}"`);
  return calendar;
}

export function computeDeadline(args: {
  kind: DeadlineKind;
  rule: string;
  start: Date;
  calendarId: string;
  policy: Policy;
}): Deadline {
  const calendar = calendarNamed(args.policy, args.calendarId);
  const { due, skipped } = dueAfter(args.start, args.rule, calendar);
  return {
    kind: args.kind,
    due: due.toISOString(),
    start: args.start.toISOString(),
    rule: args.rule,
    calendar: args.calendarId,
    timeZone: calendar.timeZone,
    policyVersion: args.policy.version,
    skipped,
    pauses: [],
  };
}

/**
 * Resumes a paused clock: `due` moves by the paused time counted in the rule's unit.
 * Working-day rules: the pause counts the working days whose end passed while the clock stood still,
 * i.e. the working local dates from the pause's date up to (not including) the resume date; the due
 * date moves forward by that many working days at the same local time, and the non-working days
 * passed over are appended to `skipped`. Absolute rules move by the paused absolute time.
 * The deadline's calendar comes from the deadline itself (its id in `policy`).
 */
export function resumeDeadline(
  deadline: Deadline,
  pause: { from: Date; to: Date; reason: string },
  policy: Policy,
): Deadline {
  const [from, to] = [pause.from.getTime(), pause.to.getTime()];
  if (!(to >= from))
    throw new RangeError(`a pause cannot end (${pause.to.toISOString()}) before it starts`);
  const recorded = (length: string): Pause => ({
    from: pause.from.toISOString(),
    to: pause.to.toISOString(),
    reason: pause.reason,
    length,
  });
  if (parseRule(deadline.rule).unit === 'absolute') {
    return {
      ...deadline,
      due: new Date(Date.parse(deadline.due) + (to - from)).toISOString(),
      pauses: [...deadline.pauses, recorded(formatDuration(to - from))],
    };
  }
  const working = workingCalendar(calendarNamed(policy, deadline.calendar));
  const pausedDays = workingDaysBetween(
    working,
    dayOfWall(wallClock(working.zone, from)),
    dayOfWall(wallClock(working.zone, to)),
  );
  const dueWall = wallClock(working.zone, Date.parse(deadline.due));
  const dueDay = dayOfWall(dueWall);
  const moved = advanceWorkingDays(working, dueDay, pausedDays);
  return {
    ...deadline,
    due: new Date(
      instantAtWall(working.zone, moved.day * DAY + (dueWall - dueDay * DAY)),
    ).toISOString(),
    skipped: [...deadline.skipped, ...moved.skipped],
    pauses: [...deadline.pauses, recorded(`P${pausedDays}WD`)],
  };
}

/** local readings already made: every view of a case explains the same deadlines again */
const localTimes = new Map<string, string>();
const LOCAL_TIMES_KEPT = 10_000;

/** The zone's offset comes from Intl (luxon's partsOffset), the costly part: made once per instant. */
function localTime(instant: string, timeZone: string, withTime: boolean): string {
  const key = `${timeZone} ${instant} ${withTime}`;
  let formatted = localTimes.get(key);
  if (formatted === undefined) {
    formatted = formatWall(rawWall(zoneNamed(timeZone), Date.parse(instant)), withTime);
    if (localTimes.size >= LOCAL_TIMES_KEPT) localTimes.clear();
    localTimes.set(key, formatted);
  }
  return formatted;
}

/** An instant as people of the calendar read it, e.g. "17 Dec 2026 17:00 Asia/Shanghai". */
export const localInstant = (instant: string, timeZone: string): string =>
  `${localTime(instant, timeZone, true)} ${timeZone}`;

/**
 * The instant `days` working days before `end`, at the same local time of day (reminders: "closes
 * in two working days"). Non-working days are passed over as dueAfter does going forward.
 */
export function workingDaysBefore(end: Date, days: number, calendar: Calendar): Date {
  const working = workingCalendar(calendar);
  const wall = wallClock(working.zone, end.getTime());
  let day = dayOfWall(wall);
  const timeOfDay = wall - day * DAY;
  for (let counted = 0; counted < days;) {
    day -= 1;
    if (working.closedReason(day) === null) counted += 1;
  }
  return new Date(instantAtWall(working.zone, day * DAY + timeOfDay));
}

/**
 * One sentence that says where a deadline comes from, e.g.
 * "due 10 Dec 2026 17:00 Asia/Shanghai: 15 working days from 20 Nov 2026; skipped 4 weekend days
 * and 1 holiday; paused 3 working days awaiting information".
 */
export function explainDeadline(deadline: Deadline): string {
  const workingDays = parseRule(deadline.rule).unit === 'working-days';
  const due = localInstant(deadline.due, deadline.timeZone);
  const start = localTime(deadline.start, deadline.timeZone, !workingDays);
  const parts = [`due ${due}: ${describeRule(deadline.rule)} from ${start}`];
  const weekendDays = deadline.skipped.filter((day) => day.reason === 'weekend').length;
  const holidays = deadline.skipped.length - weekendDays;
  const skipped = [
    weekendDays ? plural(weekendDays, 'weekend day') : '',
    holidays ? plural(holidays, 'holiday') : '',
  ].filter(Boolean);
  if (skipped.length) parts.push(`skipped ${skipped.join(' and ')}`);
  if (deadline.pauses.length) {
    const pauses = deadline.pauses.map((pause) => `${describeRule(pause.length)} ${pause.reason}`);
    parts.push(`paused ${pauses.join(', ')}`);
  }
  return parts.join('; ');
}
