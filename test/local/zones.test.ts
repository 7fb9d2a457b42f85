import { describe, expect, it } from 'vitest';
import { wallClockToInstantMs, instantToWallClockMs, formatWithPattern, zoneOffsetMs } from '../../local/index';

describe('host wall clock → instant (issue 9 items 2 and 4)', () => {
  it('a wall clock inside a midnight DST gap moves forward past the gap, never to the day before', () => {
    // America/Santiago 2026-09-06: 00:00 −04 jumps to 01:00 −03 (04:00 UTC).
    expect(new Date(wallClockToInstantMs(Date.UTC(2026, 8, 6), 'America/Santiago')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    // America/Havana 2026-03-08: 00:00 −05 jumps to 01:00 −04 (05:00 UTC).
    expect(new Date(wallClockToInstantMs(Date.UTC(2026, 2, 8), 'America/Havana')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    // New York's 02:30 on 2026-03-08 does not exist either: 03:30 EDT = 07:30 UTC.
    expect(new Date(wallClockToInstantMs(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
  it('ordinary wall clocks round-trip', () => {
    for (const tz of ['America/Santiago', 'Europe/Berlin', 'Asia/Kathmandu', 'GMT-07:00']) {
      const naive = Date.UTC(2026, 5, 15, 9, 45);
      expect(instantToWallClockMs(wallClockToInstantMs(naive, tz), tz)).toBe(naive);
    }
  });
  it('custom zones GMT-07:00 / UTC+05:30 are fixed offsets, and Utilities.formatDate takes them', () => {
    expect(zoneOffsetMs(0, 'GMT-07:00')).toBe(-7 * 3_600_000);
    expect(zoneOffsetMs(0, 'UTC+05:30')).toBe(5.5 * 3_600_000);
    expect(formatWithPattern(Date.UTC(2026, 10, 20, 5, 30), 'GMT-07:00', 'yyyy-MM-dd HH:mm XXX')).toBe('2026-11-19 22:30 -07:00');
  });
});
