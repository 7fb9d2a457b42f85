import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { run, rulesGrid, settingsGrid, day, type R } from './helpers';
import { dayInZone, dayToIso } from '../../src/engine';

// 30 points, half-life 1 day: age 0 → 30, age 1 → 15, age 2 → 7.5
const rule: R = { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 30, dateField: 'Demo date', halfLife: 1 };
const ageOf = (date: Date, asOf: number | Date | null, tz?: string, settings?: ReturnType<typeof settingsGrid>, today?: Date) => {
  const r = run(rulesGrid(rule), ['Demo', 'Demo date'], [[true, date]], { asOf, tz, settings, today });
  expect(r.problems).toEqual([]);
  return r.leads[0]!.contributions[0].ageDays;
};

describe('ages in whole days in the spreadsheet time zone', () => {
  const lateEvening = new Date(Date.UTC(2026, 2, 1, 23, 30)); // 2026-03-01 23:30 UTC = 2026-03-02 00:30 in Berlin (UTC+1)
  it('a Date at 23:30 UTC on 2026-03-01 is 2026-03-02 in Europe/Berlin', () => {
    expect(dayToIso(dayInZone('Europe/Berlin')(lateEvening)!)).toBe('2026-03-02');
    expect(dayToIso(dayInZone('UTC')(lateEvening)!)).toBe('2026-03-01');
    expect(ageOf(lateEvening, day(2026, 3, 2), 'Europe/Berlin')).toBe(0);
    expect(ageOf(lateEvening, day(2026, 3, 2), 'UTC')).toBe(1);
    expect(ageOf(lateEvening, day(2026, 3, 2))).toBe(1); // off-sheet default: UTC
  });
  it('decays by the zone-local age: Berlin 30 points, UTC 15', () => {
    const berlin = run(rulesGrid(rule), ['Demo', 'Demo date'], [[true, lateEvening]], { asOf: day(2026, 3, 2), tz: 'Europe/Berlin' });
    const utc = run(rulesGrid(rule), ['Demo', 'Demo date'], [[true, lateEvening]], { asOf: day(2026, 3, 2), tz: 'UTC' });
    expect(berlin.leads[0]!.score).toBe(30);
    expect(utc.leads[0]!.score).toBe(15);
  });
  it('the Time zone setting does not change how date cells are read (they stay in the spreadsheet zone)', () => {
    // 23:30 UTC on 1 March is 1 March in a UTC sheet whatever the setting says: age 1 on 2 March.
    expect(ageOf(lateEvening, day(2026, 3, 2), 'UTC', settingsGrid(['Time zone', 'Europe/Berlin']))).toBe(1);
  });
  it('follows the DST change in America/New_York (spring forward 2026-03-08)', () => {
    const nyc = dayInZone('America/New_York');
    // 2026-03-09 04:30 UTC = 00:30 EDT (UTC−4) on 9 March; a fixed EST offset would say 23:30 on 8 March
    expect(dayToIso(nyc(new Date(Date.UTC(2026, 2, 9, 4, 30)))!)).toBe('2026-03-09');
    // 2026-03-08 04:30 UTC = 23:30 EST (UTC−5) on 7 March
    expect(dayToIso(nyc(new Date(Date.UTC(2026, 2, 8, 4, 30)))!)).toBe('2026-03-07');
    expect(ageOf(new Date(Date.UTC(2026, 2, 9, 4, 30)), day(2026, 3, 9), 'America/New_York')).toBe(0);
    expect(ageOf(new Date(Date.UTC(2026, 2, 8, 4, 30)), day(2026, 3, 9), 'America/New_York')).toBe(2);
  });
  it('follows the DST change in America/New_York (fall back 2026-11-01)', () => {
    const nyc = dayInZone('America/New_York');
    // 2026-11-02 04:30 UTC = 23:30 EST on 1 November (EDT would give 00:30 on 2 November)
    expect(dayToIso(nyc(new Date(Date.UTC(2026, 10, 2, 4, 30)))!)).toBe('2026-11-01');
    // 2026-11-01 03:30 UTC = 23:30 EDT on 31 October
    expect(dayToIso(nyc(new Date(Date.UTC(2026, 10, 1, 3, 30)))!)).toBe('2026-10-31');
  });
  it('dayInZone agrees with Intl for any instant and zone (memoised offsets are right)', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'America/St_Johns',
      'Asia/Tokyo',
    ];
    const calendars = new Map(zones.map((z) => [z, dayInZone(z)]));
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), (zone, t) => {
        const d = new Date(t);
        const iso = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
        expect(dayToIso(calendars.get(zone)!(d)!)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });
  it('dayInZone agrees with Intl within hours of DST changes (memo per day switches to 15-minute blocks)', () => {
    const transitions: Array<[string, number]> = [
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Europe/Berlin', Date.UTC(2026, 2, 29, 1)],
      ['Europe/Berlin', Date.UTC(2026, 9, 25, 1)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
      ['Pacific/Chatham', Date.UTC(2026, 3, 4, 14)],
      ['America/Santiago', Date.UTC(2026, 3, 5, 3)],
      ['Asia/Tehran', Date.UTC(2022, 2, 21, 20, 30)],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...transitions), fc.integer({ min: -36 * 60, max: 36 * 60 }), ([zone, at], minutes) => {
        const d = new Date(at + minutes * 60_000);
        const iso = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
        // a fresh calendar each time, so the memo is filled from this instant
        expect(dayToIso(dayInZone(zone)(d)!)).toBe(iso);
      }),
      { numRuns: 1000 },
    );
    // and one shared calendar walking through each change minute by minute
    for (const [zone, at] of transitions) {
      const calendar = dayInZone(zone);
      const reference = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (let m = -30 * 60; m <= 30 * 60; m += 7) {
        const d = new Date(at + m * 60_000);
        expect(dayToIso(calendar(d)!), `${zone} ${d.toISOString()}`).toBe(reference.format(d));
      }
    }
  });
});

describe('as-of date: explicit > As-of setting > today', () => {
  const signal = new Date(Date.UTC(2026, 2, 11, 12)); // 2026-03-11
  const today = new Date(Date.UTC(2026, 2, 31, 12)); // 2026-03-31
  const settings = settingsGrid(['As-of date', '2026-03-21']);
  it('today when neither is given: 31 − 11 = 20 days', () => {
    const r = run(rulesGrid(rule), ['Demo', 'Demo date'], [[true, signal]], { asOf: null, today });
    expect(r.asOfDay).toBe(day(2026, 3, 31));
    expect(r.leads[0]!.contributions[0].ageDays).toBe(20);
  });
  it('the As-of setting beats today: 21 − 11 = 10 days', () => {
    expect(ageOf(signal, null, undefined, settings, today)).toBe(10);
  });
  it('an As-of setting given as a Date cell is read in the sheet zone', () => {
    const asOfCell = new Date(Date.UTC(2026, 2, 20, 23, 30)); // 21 March in Berlin
    expect(ageOf(signal, null, 'Europe/Berlin', settingsGrid(['As-of date', asOfCell]), today)).toBe(10);
  });
  it('an explicit as-of (Day or Date) beats the setting: 16 − 11 = 5 days', () => {
    expect(ageOf(signal, day(2026, 3, 16), undefined, settings, today)).toBe(5);
    expect(ageOf(signal, new Date(Date.UTC(2026, 2, 16, 9)), undefined, settings, today)).toBe(5);
  });
  it("today is read in the spreadsheet's zone", () => {
    const r = run(rulesGrid(rule), ['Demo', 'Demo date'], [[true, signal]], {
      asOf: null,
      today: new Date(Date.UTC(2026, 2, 1, 23, 30)),
      tz: 'Europe/Berlin',
    });
    expect(dayToIso(r.asOfDay)).toBe('2026-03-02');
  });
});
