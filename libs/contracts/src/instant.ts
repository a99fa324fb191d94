import { StringRule } from './text-rules';

/** Far inside what PostgreSQL and JavaScript hold, so that arithmetic on an instant stays inside. */
const EARLIEST = Date.parse('1000-01-01T00:00:00Z');
const LATEST = Date.parse('9000-12-31T23:59:59.999Z');

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 instant with a time zone that names a real moment PostgreSQL can store: a calendar
 * date (no 30 February) from 1000 to 9000 in UTC, 00:00 to 23:59:59, an offset within ±15:59.
 * JavaScript's Date accepts more (years ±275760, day 31 of any month), and PostgreSQL answers
 * those with an error, so everything that reaches a query goes through this.
 */
export function isInstant(text: string): boolean {
  const match = INSTANT.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second = 0, offsetHour = 0, offsetMinute = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const date = new Date(Date.UTC(year!, month! - 1, day!)); // years < 100 as 19xx: same leap years
  const moment = Date.parse(text);
  return (
    moment >= EARLIEST &&
    moment <= LATEST &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! <= 23 &&
    minute! <= 59 &&
    second <= 59 &&
    offsetHour <= 15 &&
    offsetMinute <= 59
  );
}

/** A query or body field holding an instant (see isInstant). */
export const IsInstant = (): PropertyDecorator =>
  StringRule(
    'isInstant',
    isInstant,
    (property) =>
      `${property} must be an ISO 8601 instant with a time zone, e.g. 2026-06-01T00:00:00Z`,
  );
