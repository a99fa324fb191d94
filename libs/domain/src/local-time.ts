import { IANAZone } from 'luxon';

/**
 * Wall-clock arithmetic in a calendar's time zone, on plain millisecond numbers.
 * A "wall" value is the local date and time read as if it were UTC, so that
 * Math.floor(wall / DAY) is the local day number and the remainder the local time of day.
 */
export const DAY = 86_400_000;
const MINUTE = 60_000;
/** Wider than any daylight-saving shift, so one search window always holds a whole transition. */
const TRANSITION_WINDOW = 3 * 3_600_000;

export function zoneNamed(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`unknown IANA time zone "${timeZone}"`);
  return zone;
}

const offset = (zone: IANAZone, instant: number): number => zone.offset(instant) * MINUTE;
/** The wall-clock reading at an instant as the zone's offset there gives it (may repeat). */
export const rawWall = (zone: IANAZone, instant: number): number => instant + offset(zone, instant);

/**
 * The wall-clock reading at an instant, never going backwards: during the hour repeated when
 * clocks fall back, the reading stays at the last moment before they went back. This keeps every
 * deadline monotonic in its start instant.
 */
export function wallClock(zone: IANAZone, instant: number): number {
  const wall = rawWall(zone, instant);
  const windowStart = instant - TRANSITION_WINDOW;
  const offsetBefore = offset(zone, windowStart);
  if (offsetBefore <= offset(zone, instant)) return wall;
  let before = windowStart;
  let after = instant;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (offset(zone, middle) === offsetBefore) before = middle;
    else after = middle;
  }
  return Math.max(wall, rawWall(zone, before));
}

/**
 * The first instant whose wall-clock reading is at or after `wall`. A local time skipped by a
 * spring-forward gap resolves to the end of the gap (same local date); a repeated local time
 * resolves to its first occurrence.
 */
export function instantAtWall(zone: IANAZone, wall: number): number {
  const guess = wall - offset(zone, wall - offset(zone, wall));
  const noFallBackBefore = offset(zone, guess - TRANSITION_WINDOW) <= offset(zone, guess);
  if (rawWall(zone, guess) === wall && noFallBackBefore) return guess;
  let before = guess - TRANSITION_WINDOW;
  let atOrAfter = guess + TRANSITION_WINDOW;
  while (atOrAfter - before > 1) {
    const middle = Math.floor((before + atOrAfter) / 2);
    if (wallClock(zone, middle) >= wall) atOrAfter = middle;
    else before = middle;
  }
  return atOrAfter;
}

export const dayOfWall = (wall: number): number => Math.floor(wall / DAY);

/** yyyy-mm-dd of a local day number (days since 1970-01-01). */
export const isoDateOfDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number; 1970-01-01 was a Thursday. */
export const isoWeekdayOfDay = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/** The local day number of a yyyy-mm-dd date, or null when it is not a real date. */
export function dayOfIsoDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const millis = Date.UTC(year, month - 1, day);
  const back = new Date(millis);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  )
    return null;
  return millis / DAY;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = (value: number): string => String(value).padStart(2, '0');

/**
 * A wall-clock reading as "17 Dec 2026", or "17 Dec 2026 17:00" with the time: what luxon's
 * "d LLL yyyy" and "d LLL yyyy HH:mm" give in en-US, without building a DateTime (a case view
 * explains each of its deadlines this way).
 */
export function formatWall(wall: number, withTime: boolean): string {
  const local = new Date(wall);
  const date =
    `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ` +
    String(local.getUTCFullYear()).padStart(4, '0');
  if (!withTime) return date;
  return `${date} ${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())}`;
}
