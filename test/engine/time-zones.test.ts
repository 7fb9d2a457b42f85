import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { run, rulesGrid, settingsGrid, day, type R } from './helpers';
import { dayInZone, dayOfDateArgument, dayToIso, fixedOffsetMinutes, isValidTimeZone, parseSettings } from '../../src/engine';

// Issue 9 items 1–3: date cells are wall-clock times in the spreadsheet's zone; the Time zone
// setting only decides which day "today" is.

/** A date cell as getValues returns it: the instant of wall clock y-m-d hh:mm in `offsetHours`. */
const cell = (y: number, m: number, d: number, offsetHours: number, hh = 0, mm = 0) =>
  new Date(Date.UTC(y, m - 1, d, hh, mm) - offsetHours * 3_600_000);

const demo: R = { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 30, dateField: 'Demo date', halfLife: 1 };
const recent: R = { category: 'Behaviour', field: 'Last activity', operator: 'within last days', value: 7, points: 5 };

describe("London sheet, Time zone = America/New_York, As-of 2026-11-20 (the issue's case)", () => {
  const settings = settingsGrid(['Time zone', 'America/New_York'], ['As-of date', cell(2026, 11, 20, 0)]);
  const headers = ['Demo', 'Demo date', 'Last activity'];
  // London is on GMT (+0) in November: a date cell is midnight UTC.
  const r = run(
    rulesGrid(demo, recent),
    headers,
    [
      [true, cell(2026, 11, 20, 0), cell(2026, 11, 13, 0)],
      [true, cell(2026, 11, 20, 0), '13 Nov 2026'],
    ],
    { tz: 'Europe/London', settings, asOf: null },
  );
  it('the run is as of 2026-11-20, not the 19th', () => {
    expect(r.problems).toEqual([]);
    expect(dayToIso(r.asOfDay)).toBe('2026-11-20');
  });
  it('a demo dated 2026-11-20 does not decay: 30 points (a one-day shift would halve it to 15)', () => {
    expect(r.leads[0]!.contributions[0].ageDays).toBe(0);
    expect(r.leads[0]!.behaviour).toBe(35);
  });
  it('"Last activity within 7 d" holds for a 2026-11-13 date cell as it does for the text 13 Nov 2026', () => {
    expect(r.leads[0]!.contributions.map((c) => c.points)).toEqual([30, 5]);
    expect(r.leads[1]!.contributions.map((c) => c.points)).toEqual([30, 5]);
  });
});

describe('the Time zone setting decides which day today is (As-of blank)', () => {
  // 2026-11-20 03:00 UTC: still the 19th in New York (UTC−5), the 20th in London and Tokyo.
  const now = new Date(Date.UTC(2026, 10, 20, 3));
  const asOf = (tz: string, setting?: string) =>
    dayToIso(
      run(rulesGrid(demo), ['Demo', 'Demo date'], [[true, '']], {
        tz,
        today: now,
        asOf: null,
        settings: setting ? settingsGrid(['Time zone', setting]) : undefined,
      }).asOfDay,
    );
  it('blank setting: the spreadsheet zone', () => {
    expect(asOf('Europe/London')).toBe('2026-11-20');
    expect(asOf('America/New_York')).toBe('2026-11-19');
  });
  it('the setting wins for today only', () => {
    expect(asOf('Europe/London', 'America/New_York')).toBe('2026-11-19');
    expect(asOf('America/New_York', 'Asia/Tokyo')).toBe('2026-11-20');
    expect(asOf('Europe/London', 'GMT-07:00')).toBe('2026-11-19');
  });
});

describe('custom (fixed-offset) zones', () => {
  it('reads GMT±hh:mm and UTC±hh with the sign as written', () => {
    expect(fixedOffsetMinutes('GMT-07:00')).toBe(-420);
    expect(fixedOffsetMinutes('UTC+5')).toBe(300);
    expect(fixedOffsetMinutes('GMT+05:30')).toBe(330);
    expect(fixedOffsetMinutes('utc−03:00')).toBe(-180); // the minus sign U+2212
    expect(fixedOffsetMinutes('GMT')).toBe(0);
    expect(fixedOffsetMinutes('Europe/Berlin')).toBeNull();
    expect(fixedOffsetMinutes('GMT+25:00')).toBeNull();
    expect(isValidTimeZone('GMT-07:00')).toBe(true);
    expect(isValidTimeZone('UTC+14')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
  it('a GMT-07:00 sheet reads 2026-11-20 05:30 UTC as 19 November (22:30 the day before)', () => {
    expect(dayToIso(dayInZone('GMT-07:00')(new Date(Date.UTC(2026, 10, 20, 5, 30)))!)).toBe('2026-11-19');
    expect(dayToIso(dayInZone('UTC+09:00')(new Date(Date.UTC(2026, 10, 19, 15, 30)))!)).toBe('2026-11-20');
  });
  it('agrees with the IANA fixed zone Etc/GMT+7 (whose sign is inverted) at any instant', () => {
    const custom = dayInZone('GMT-07:00');
    const iana = dayInZone('Etc/GMT+7');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), (t) => {
        expect(custom(new Date(t))).toBe(iana(new Date(t)));
      }),
      { numRuns: 500 },
    );
  });
  it('a run in a GMT-07:00 sheet scores (no problem) and the setting accepts the form', () => {
    const r = run(rulesGrid(demo), ['Demo', 'Demo date'], [[true, cell(2026, 11, 18, -7)]], { tz: 'GMT-07:00', asOf: day(2026, 11, 20) });
    expect(r.problems).toEqual([]);
    expect(r.leads[0]!.contributions[0].ageDays).toBe(2);
    expect(r.leads[0]!.score).toBe(8); // 30 × 0.5² = 7.5 → 8
    expect(parseSettings(settingsGrid(['Time zone', 'UTC+05:30'])).settings.timeZone).toBe('UTC+05:30');
    expect(parseSettings(settingsGrid(['Time zone', 'GMT+99'])).problems[0].message).toMatch(/is not a time zone/);
  });
});

describe('Date arguments of custom functions when the script zone differs (either reading)', () => {
  it('a date-only cell is its day whether it arrives as midnight in the sheet zone or in the script zone', () => {
    const read = dayOfDateArgument('America/New_York', 'Etc/UTC');
    expect(dayToIso(read(cell(2026, 11, 20, -5))!)).toBe('2026-11-20'); // midnight in New York
    expect(dayToIso(read(cell(2026, 11, 20, 0))!)).toBe('2026-11-20'); // midnight UTC (19:00 on the 19th in New York)
    const tokyo = dayOfDateArgument('Asia/Tokyo', 'America/Los_Angeles');
    expect(dayToIso(tokyo(cell(2026, 3, 5, 9))!)).toBe('2026-03-05');
    expect(dayToIso(tokyo(cell(2026, 3, 5, -8))!)).toBe('2026-03-05');
  });
  it('a date with a time of day is read in the spreadsheet zone', () => {
    const read = dayOfDateArgument('America/New_York', 'Etc/UTC');
    expect(dayToIso(read(cell(2026, 11, 20, -5, 23, 30))!)).toBe('2026-11-20');
  });
});

describe('thresholds above Max score are problems (issue 9 item 9)', () => {
  it('Hot at 150 with Max score 100: reported, 70 used', () => {
    const p = parseSettings(settingsGrid(['Hot at', 150]));
    expect(p.settings.hotAt).toBe(70);
    expect(p.problems.map((x) => x.message)).toEqual([
      'Settings row 2, Value: Hot at (150) is above Max score (100), so no lead could reach it; 70 is used.',
    ]);
  });
  it('Max score 10 with the default thresholds 70/40: both reported, scaled to 7 and 4', () => {
    const p = parseSettings(settingsGrid(['Hot at', 70], ['Warm at', 40], ['Max score', 10]));
    expect(p.settings).toMatchObject({ hotAt: 7, warmAt: 4, maxScore: 10 });
    expect(p.problems).toHaveLength(2);
    expect(p.problems[1].message).toMatch(/^Settings row 3, Value: Warm at \(40\) is above Max score \(10\)/);
  });
  it('Hot at equal to Max score is fine', () => {
    expect(parseSettings(settingsGrid(['Hot at', 100])).problems).toEqual([]);
  });
});

describe('midnight DST gaps (America/Santiago 2026-09-06, America/Havana 2026-03-08)', () => {
  // Santiago: 2026-09-06 00:00 −04 jumps to 01:00 −03 (04:00 UTC); Havana: 00:00 −05 → 01:00 −04 (05:00 UTC).
  it('a date cell of the gap day is that day, read forward (01:00 local) or backward (23:00 the day before)', () => {
    const santiago = dayInZone('America/Santiago');
    expect(dayToIso(santiago(new Date(Date.UTC(2026, 8, 6, 4)))!)).toBe('2026-09-06');
    expect(dayToIso(santiago(new Date(Date.UTC(2026, 8, 6, 3)))!)).toBe('2026-09-06');
    const havana = dayInZone('America/Havana');
    expect(dayToIso(havana(new Date(Date.UTC(2026, 2, 8, 5)))!)).toBe('2026-03-08');
    expect(dayToIso(havana(new Date(Date.UTC(2026, 2, 8, 4)))!)).toBe('2026-03-08');
  });
  it('other evenings are untouched: 23:00 on an ordinary day, and 22:59 before the gap', () => {
    const santiago = dayInZone('America/Santiago');
    expect(dayToIso(santiago(new Date(Date.UTC(2026, 8, 5, 3)))!)).toBe('2026-09-04'); // 23:00 −04 on the 4th
    expect(dayToIso(santiago(new Date(Date.UTC(2026, 8, 6, 2, 59)))!)).toBe('2026-09-05');
    expect(dayToIso(dayInZone('America/New_York')(new Date(Date.UTC(2026, 2, 8, 4)))!)).toBe('2026-03-07'); // NY jumps at 02:00, not midnight
  });
});
