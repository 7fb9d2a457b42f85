import { describe, expect, it } from 'vitest';
import { dayFromParts, prepareRun, scoreRows, type Cell } from '../../src/engine';
import { forecastDrops } from '../../src/engine/forecast';
import { findChanges, topReason } from '../../src/engine/changes';
import { rulesGrid, settingsGrid } from './helpers';

const ASOF = dayFromParts(2026, 11, 20)!;
const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

function forecast(rules: Cell[][], rows: Cell[][], horizon = 30) {
  const run = prepareRun({ settings: settingsGrid(['As-of date', iso(ASOF)]), rules, today: new Date(0) });
  const leads = { headers: ['Name', 'Demo', 'Score'] as Cell[], rows, firstRow: 2 };
  const scored = scoreRows(run, leads).leads;
  return { scored, drops: forecastDrops(run, leads, scored, horizon) };
}

describe('Going cold soon: the first day a Hot lead falls below Hot at', () => {
  it('a decaying signal: 80 · 0.5^(d/10) is 69.64 → 70 (Hot) on day 2, 64.98 → 65 (Warm) on day 3', () => {
    const rules = rulesGrid({
      category: 'Behaviour',
      field: 'Demo',
      operator: 'is not empty',
      points: 80,
      dateField: 'Demo',
      halfLife: 10,
    });
    const { scored, drops } = forecast(rules, [['A', iso(ASOF), '']]);
    expect(scored[0]!.score).toBe(80);
    expect(drops[0]).toEqual({ day: ASOF + 3, bucket: 'Warm', score: 65 });
  });

  it('an expiry: 75 points until age 5, nothing from age 6 (expired when age > Expires after days)', () => {
    const rules = rulesGrid({ category: 'Behaviour', field: 'Demo', operator: 'is not empty', points: 75, dateField: 'Demo', expires: 5 });
    const { drops } = forecast(rules, [['A', iso(ASOF), '']]);
    expect(drops[0]).toEqual({ day: ASOF + 6, bucket: 'Cold', score: 0 });
  });

  it('no drop within the horizon is null; a lead not Hot today is not forecast', () => {
    const rules = rulesGrid({
      category: 'Behaviour',
      field: 'Demo',
      operator: 'is not empty',
      points: 80,
      dateField: 'Demo',
      halfLife: 100,
    });
    // 80 · 0.5^(d/100) < 69.5 needs d > 100 · log2(80/69.5) = 20.3: day 21, beyond a 20-day horizon.
    expect(forecast(rules, [['A', iso(ASOF), '']], 20).drops).toEqual([null]);
    expect(forecast(rules, [['A', iso(ASOF), '']], 21).drops[0]).toMatchObject({ day: ASOF + 21 });
    expect(forecast(rules, [['B', '', '']]).drops).toEqual([null]);
  });
});

describe('Going cold soon with Activity rules', () => {
  it('an event ages like a date cell: one Demo event today, 80 · 0.5^(d/10) drops to Warm on day 3', () => {
    // The same arithmetic as the first test (69.64 → 70 Hot on day 2, 64.98 → 65 Warm on day 3),
    // with the points coming from the Activity tab: the forecast binds the events as Score leads does.
    const run = prepareRun({
      settings: settingsGrid(['As-of date', iso(ASOF)], ['Lead key column', 'Name']),
      rules: rulesGrid({ category: 'Behaviour', field: 'Activity: Demo', operator: 'happened', points: 80, per: 'each', halfLife: 10 }),
      today: new Date(0),
    });
    const leads = {
      headers: ['Name', 'Demo', 'Score'] as Cell[],
      rows: [['A', '', '']] as Cell[][],
      firstRow: 2,
      activity: [
        ['Lead key', 'Activity', 'Date'],
        ['a', 'Demo', iso(ASOF)],
      ] as Cell[][],
    };
    const scored = scoreRows(run, leads).leads;
    expect(scored[0]!.score).toBe(80);
    expect(forecastDrops(run, leads, scored, 30)[0]).toEqual({ day: ASOF + 3, bucket: 'Warm', score: 65 });
  });
});

describe('findChanges', () => {
  const lead = (score: number, bucket: 'Hot' | 'Warm' | 'Cold' | 'Disqualified', why = '+30 Demo') => ({ score, bucket, why }) as never;

  it('the first run ever (no previous bucket) compares and records nothing', () => {
    const r = findChanges({ date: '2026-11-20', firstRow: 2, keys: ['a'], names: ['A'], previous: null, leads: [lead(80, 'Hot')] });
    expect(r.changes.firstRun).toBe(true);
    expect(r.history).toEqual([]);
  });

  it('became Hot, left Hot, new Disqualified; a new row counts from nothing; duplicate and blank keys', () => {
    const r = findChanges({
      date: '2026-11-20',
      firstRow: 2,
      keys: ['a@x.com', 'B@x.com ', 'b@x.com', '', 'e@x.com', 'f@x.com'],
      names: ['A', '', 'Bee', 'Dee', '', 'Fay'],
      previous: [
        { score: 60, bucket: 'Warm' },
        { score: 75, bucket: 'Hot' },
        { score: 72, bucket: 'Hot' },
        { score: 72, bucket: 'Hot' },
        { score: '', bucket: '' },
        { score: 50, bucket: 'Warm' },
      ],
      leads: [
        lead(71, 'Hot'),
        lead(60, 'Warm'),
        lead(0, 'Disqualified', 'Disqualified: Student'),
        lead(39, 'Cold'),
        lead(90, 'Hot'),
        lead(50, 'Warm'),
      ],
    });
    expect(r.changes.becameHot.map((c) => [c.row, c.name, c.oldBucket])).toEqual([
      [2, 'A', 'Warm'],
      [6, 'e@x.com', null],
    ]);
    expect(r.changes.leftHot.map((c) => c.row)).toEqual([3, 5]);
    expect(r.changes.newDisqualified.map((c) => [c.row, c.topReason])).toEqual([[4, 'Disqualified: Student']]);
    expect(r.changes.all.length).toBe(5);
    // 'B@x.com ' and 'b@x.com' are one key: row 3 recorded, row 4 reported; row 5 has no key.
    expect(r.history.map((c) => c.row)).toEqual([2, 3, 6]);
    expect(r.duplicateKeys).toEqual([{ key: 'b@x.com', rows: [3, 4] }]);
    expect(r.blankKeyRows).toEqual([5]);
  });

  it('top reason: the first reason of Why, after the Base score and before warnings', () => {
    expect(topReason('base 20 · +15 Title contains VP · +12 Pricing')).toBe('+15 Title contains VP');
    expect(topReason('No rule applies · ⚠ 1 setup problem')).toBe('No rule applies');
  });
});
