import fc from 'fast-check';
import { DateTime } from 'luxon';
import { localInstant } from './deadline-policy';
import { formatWall, rawWall, zoneNamed } from './local-time';

/** zones with daylight saving, offsets in half and quarter hours, and local mean time (seconds) */
const ZONES = [
  'UTC',
  'Asia/Shanghai',
  'Europe/Amsterdam',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
];

const luxon = (instant: number, timeZone: string, format: string): string =>
  DateTime.fromMillis(instant, { zone: timeZone }).setLocale('en-US').toFormat(format);

const instants = fc.integer({
  min: Date.parse('1850-01-01T00:00:00Z'),
  max: Date.parse('2300-01-01T00:00:00Z'),
});

describe('formatWall: local dates and times as luxon formats them', () => {
  it('reads an instant in a zone as luxon\'s "d LLL yyyy" and "d LLL yyyy HH:mm" (en-US)', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, timeZone) => {
        const wall = rawWall(zoneNamed(timeZone), instant);
        expect(formatWall(wall, false)).toBe(luxon(instant, timeZone, 'd LLL yyyy'));
        expect(formatWall(wall, true)).toBe(luxon(instant, timeZone, 'd LLL yyyy HH:mm'));
      }),
      { numRuns: 2_000 },
    );
  });

  it('names the zone after the local time', () => {
    expect(localInstant('2026-12-17T09:00:00.000Z', 'Asia/Shanghai')).toBe(
      '17 Dec 2026 17:00 Asia/Shanghai',
    );
    expect(localInstant('2026-03-05T23:30:00.000Z', 'America/St_Johns')).toBe(
      '5 Mar 2026 20:00 America/St_Johns',
    );
  });
});
