import { describe, expect, it } from 'vitest';
import { runBody } from './helpers.js';
import { formatWithPattern, wallClockToInstantMs, instantToWallClockMs } from '../../local/index.js';

const march5 = new Date(Date.UTC(2026, 2, 5)); // wall clock 2026-03-05 00:00

describe('date cells across time zones', () => {
  it('UTC: the wall clock is the instant', () => {
    const { result } = runBody(
      `var v = SpreadsheetApp.getActiveSheet().getRange('A1').getValue(); return [v instanceof Date, v.getTime()].join(',');`,
      [[march5]],
    );
    expect(result).toBe(`true,${Date.UTC(2026, 2, 5)}`);
  });

  it('Europe/Paris (UTC+1 in March): midnight there is 23:00 UTC the day before', () => {
    const { result } = runBody(`return SpreadsheetApp.getActiveSheet().getRange('A1').getValue().toISOString();`, [[march5]], {
      timeZone: 'Europe/Paris',
    });
    expect(result).toBe('2026-03-04T23:00:00.000Z');
  });

  it('America/Los_Angeles in summer (UTC−7)', () => {
    const { result } = runBody(
      `return SpreadsheetApp.getActiveSheet().getRange('A1').getValue().toISOString();`,
      [[new Date(Date.UTC(2026, 6, 1, 9, 30))]],
      {
        timeZone: 'America/Los_Angeles',
      },
    );
    expect(result).toBe('2026-07-01T16:30:00.000Z');
  });

  it('a Date written from the bundle is stored as its wall clock in the zone', () => {
    const { wb } = runBody(`SpreadsheetApp.getActiveSheet().getRange('A1').setValue(new Date(Date.UTC(2026, 0, 1, 12)));`, [], {
      timeZone: 'Asia/Tokyo',
    });
    expect(wb.sheets[0].values[0][0]).toEqual(new Date(Date.UTC(2026, 0, 1, 21)));
  });

  it('write then read gives the same instant back', () => {
    const { result } = runBody(
      `var r = SpreadsheetApp.getActiveSheet().getRange('A1'); var d = new Date(Date.UTC(2026, 9, 26, 0, 30)); r.setValue(d); return r.getValue().getTime() === d.getTime();`,
      [],
      { timeZone: 'Europe/London' },
    );
    expect(result).toBe(true);
  });

  it('a wall clock repeated by the DST change (01:30 on 2026-10-25 in London) resolves to one instant', () => {
    // Sheets stores the wall clock only, so the earlier instant cannot round-trip; this host picks the later one.
    expect(wallClockToInstantMs(Date.UTC(2026, 9, 25, 1, 30), 'Europe/London')).toBe(Date.UTC(2026, 9, 25, 1, 30));
  });

  it('conversion helpers agree with hand-computed offsets', () => {
    expect(instantToWallClockMs(Date.UTC(2026, 0, 15, 12), 'America/New_York')).toBe(Date.UTC(2026, 0, 15, 7));
    expect(wallClockToInstantMs(Date.UTC(2026, 6, 15, 7), 'America/New_York')).toBe(Date.UTC(2026, 6, 15, 11));
  });
});

describe('Utilities.formatDate (SimpleDateFormat patterns)', () => {
  it('formats in the given zone', () => {
    const instant = Date.UTC(2026, 2, 4, 23, 5, 9);
    expect(formatWithPattern(instant, 'Europe/Paris', 'yyyy-MM-dd HH:mm:ss')).toBe('2026-03-05 00:05:09');
    expect(formatWithPattern(instant, 'UTC', "dd/MM/yy 'at' HH'h'")).toBe('04/03/26 at 23h');
    expect(formatWithPattern(instant, 'UTC', "EEE, MMM d ''yy")).toBe("Wed, Mar 4 '26");
    expect(formatWithPattern(instant, 'Asia/Kolkata', 'Z')).toBe('+0530');
  });

  it('from the bundle', () => {
    const { result } = runBody(`return Utilities.formatDate(new Date(Date.UTC(2026, 2, 5, 12)), 'America/New_York', 'yyyy-MM-dd HH:mm');`);
    expect(result).toBe('2026-03-05 07:00');
  });

  it('an unsupported letter names itself', () => {
    expect(() => formatWithPattern(0, 'UTC', 'yyyy QQ')).toThrow(
      'Local host: Utilities.formatDate(pattern "yyyy QQ") is not supported (letter \'Q\')',
    );
  });
});
