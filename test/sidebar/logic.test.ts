import { describe, expect, it } from 'vitest';
import {
  validateThresholds,
  normalizeHex,
  histogramBars,
  formatDay,
  formatInstant,
  lastScoredLine,
  reportLine,
  problemPlace,
  problemText,
  canSelect,
  contributionNotes,
  splitContributions,
  signed,
  num,
} from '../../sidebar/logic';
import type { ContributionView, ProblemView } from '../../src/shared/types';

const colours = { hot: '#f4c7c3', warm: '#fce8b2', cold: '#c9daf8', disqualified: '#d9d9d9' };
const check = (hotAt: string, warmAt: string, c: Partial<typeof colours> = {}) =>
  validateThresholds({ hotAt, warmAt, colours: { ...colours, ...c } }, 100);

describe('validateThresholds (refuses before anything is sent)', () => {
  it('accepts plain numbers and normalises colours', () => {
    expect(check(' 70 ', '40', { hot: '#ABC' })).toEqual({
      ok: true,
      value: { hotAt: 70, warmAt: 40, maxScore: 100, colours: { ...colours, hot: '#aabbcc' } },
    });
    expect(check('72.5', '0')).toMatchObject({ ok: true, value: { hotAt: 72.5, warmAt: 0 } });
    expect(check('100', '99')).toMatchObject({ ok: true });
  });
  it('refuses Warm at ≥ Hot at', () => {
    expect(check('40', '55')).toEqual({ ok: false, field: 'warmAt', error: 'Warm at (55) must be below Hot at (40).' });
    expect(check('50', '50')).toEqual({ ok: false, field: 'warmAt', error: 'Warm at (50) must be below Hot at (50).' });
  });
  it('refuses text, blanks, negatives and numbers above Max score', () => {
    expect(check('seventy', '40')).toEqual({ ok: false, field: 'hotAt', error: "Hot at must be a number (got 'seventy')." });
    for (const bad of ['1e2', '70%', '0x10', '7 0', 'NaN', 'Infinity', '--5'])
      expect(check(bad, '40')).toMatchObject({ ok: false, field: 'hotAt' });
    expect(check('70', '')).toMatchObject({ ok: false, field: 'warmAt', error: expect.stringContaining('Warm at is empty') });
    expect(check('70', '-5')).toEqual({ ok: false, field: 'warmAt', error: 'Warm at cannot be negative (got -5).' });
    expect(check('-1', '-5')).toMatchObject({ ok: false, field: 'hotAt', error: expect.stringContaining('cannot be negative') });
    expect(check('101', '40')).toMatchObject({ ok: false, field: 'hotAt', error: expect.stringContaining('above Max score (100)') });
  });
  it('refuses colours that are not #rgb / #rrggbb', () => {
    expect(check('70', '40', { cold: 'blue' })).toEqual({
      ok: false,
      field: 'cold',
      error: "The Cold colour 'blue' is not a colour; use #rrggbb, e.g. #f4c7c3.",
    });
    for (const bad of ['#12345', '#ggg', 'rgb(1,2,3)', '', 'url(x)'])
      expect(check('70', '40', { warm: bad })).toMatchObject({ ok: false, field: 'warm' });
    expect(normalizeHex(' #A1B2C3 ')).toBe('#a1b2c3');
  });
});

describe('overview wording', () => {
  it('histogram bars: ten bands, coloured by the bucket of their lower bound, scaled to the tallest', () => {
    const bars = histogramBars([0, 1, 2, 3, 4, 8, 2, 1, 0, 1], 100, 70, 40);
    expect(bars.map((b) => [b.from, b.to])).toEqual([
      [0, 9],
      [10, 19],
      [20, 29],
      [30, 39],
      [40, 49],
      [50, 59],
      [60, 69],
      [70, 79],
      [80, 89],
      [90, 100],
    ]);
    expect(bars.map((b) => b.bucket)).toEqual(['Cold', 'Cold', 'Cold', 'Cold', 'Warm', 'Warm', 'Warm', 'Hot', 'Hot', 'Hot']);
    expect(bars[5].height).toBe(1);
    expect(bars[1].height).toBe(1 / 8);
    expect(bars[0].label).toBe('0–9: 0 leads');
    expect(histogramBars(new Array(10).fill(0), 100, 70, 40).every((b) => b.height === 0)).toBe(true);
  });
  it('dates: days without zones, instants in the given offset', () => {
    expect(formatDay('2026-11-20')).toBe('20 Nov 2026');
    expect(formatInstant('2026-11-23T14:05:09.000Z', 0)).toBe('23 Nov 2026, 14:05');
    expect(formatInstant('2026-11-23T23:30:00.000Z', -60)).toBe('24 Nov 2026, 00:30');
    expect(lastScoredLine(null, null)).toMatch(/^Not scored yet/);
    expect(lastScoredLine('2026-11-23T14:05:00Z', '2026-11-20', 0)).toBe('Last scored 23 Nov 2026, 14:05 · as of 20 Nov 2026');
  });
  it('report line', () => {
    expect(
      reportLine({
        ok: true,
        counts: { Hot: 30, Warm: 67, Cold: 1130, Disqualified: 13 },
        leads: 1240,
        problems: [],
        scoredAt: '',
        asOf: '2026-11-20',
        ms: 1234,
      }),
    ).toBe('Scored 1,240 leads in 1.2 s (as of 20 Nov 2026): 30 Hot · 67 Warm · 1,130 Cold · 13 Disqualified.');
  });
  it('signed and num use a real minus sign', () => {
    expect([signed(12.4), signed(-9.5), signed(0.4), signed(-0.4), signed(2.5)]).toEqual(['+12', '\u221210', '0', '0', '+3']);
    expect([num(17.5), num(30), num(-8), num(5.94)]).toEqual(['17.5', '30', '\u22128', '5.9']);
  });
});

describe('rules health', () => {
  const p = (over: Partial<ProblemView>): ProblemView => ({
    tab: 'Rules',
    row: 3,
    column: 'Operator',
    columnIndex: 3,
    message: "Rules row 3, Operator: 'resembles' is not an operator.",
    ...over,
  });
  it('place and message without repeating the place', () => {
    expect(problemPlace(p({}))).toBe('Rules · row 3 · Operator');
    expect(problemText(p({}))).toBe("'resembles' is not an operator.");
    expect(problemPlace(p({ tab: 'Settings', row: 0, column: '', message: 'Settings tab: no header' }))).toBe('Settings');
    expect(problemText(p({ tab: 'Settings', row: 0, column: '', message: 'Settings tab: no header' }))).toBe('no header');
    expect(problemText(p({ message: 'something else' }))).toBe('something else');
  });
  it('only problems on a row can select a cell', () => {
    expect(canSelect(p({}))).toBe(true);
    expect(canSelect(p({ row: 0 }))).toBe(false);
  });
});

describe('explain notes', () => {
  const c = (over: Partial<ContributionView>): ContributionView => ({
    ruleRow: 8,
    category: 'Behaviour',
    label: 'Pricing page visits ×3',
    points: 5.9,
    base: 14,
    uncapped: 14,
    capped: false,
    ageDays: 26,
    halfLifeDays: 21,
    expired: false,
    noDate: false,
    note: '',
    count: 3,
    detail: '',
    ...over,
  });
  it('decay from → to, age and half-life', () => {
    expect(contributionNotes(c({}))).toEqual(['Decayed 14 → 5.9 · 26 d old · half-life 21 d']);
  });
  it('caps, expiry, missing dates, no decay yet, counts not in the label', () => {
    expect(contributionNotes(c({ capped: true, base: 20, uncapped: 23.4, points: 20, ageDays: 0 }))).toEqual([
      'Capped at 20 (repeats gave 23.4)',
      'Today: no decay yet',
    ]);
    expect(contributionNotes(c({ expired: true, ageDays: 130, points: 0, base: 30 }))).toEqual(['Expired: 130 d old, counts 0 (was 30)']);
    expect(contributionNotes(c({ noDate: true, ageDays: null, points: 14 }))).toEqual(['No date in this lead: counted in full, no decay']);
    expect(contributionNotes(c({ label: 'Visits', ageDays: null, halfLifeDays: null }))).toEqual(['Counted ×3']);
    expect(contributionNotes(c({ category: 'Negative', points: -10, base: -10, ageDays: null, halfLifeDays: null, count: null }))).toEqual(
      [],
    );
  });
  it('splits the contributions that round to 0', () => {
    const list = [c({ points: 12 }), c({ points: 0.3 }), c({ points: -4 })];
    const { counted, zero } = splitContributions(list);
    expect(counted.map((x) => x.points)).toEqual([12, -4]);
    expect(zero.map((x) => x.points)).toEqual([0.3]);
  });
});
