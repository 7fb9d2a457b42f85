/**
 * The backtest (README "Does the score work?"), on small sheets whose every figure is computed by
 * hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import {
  aucOf,
  backtest,
  prepareRun,
  readOutcome,
  wilson,
  bandOf,
  type BacktestReport,
  type BacktestResult,
  type Cell,
} from '../../src/engine';
import { AS_OF, rulesGrid, settingsGrid, type R } from './helpers';

const TODAY = new Date(Date.UTC(2030, 0, 1, 12));
const d = (iso: string) => new Date(`${iso}T12:00:00Z`);

function runBacktest(
  rules: R[],
  headers: Cell[],
  rows: Cell[][],
  settings: Array<[string, Cell]>,
  capacityPerWeek?: number,
): BacktestResult {
  const run = prepareRun({ settings: settingsGrid(...settings), rules: rulesGrid(...rules), today: TODAY, asOf: AS_OF });
  return backtest(run, { headers, rows, firstRow: 2 }, { capacityPerWeek });
}
function ok(r: BacktestResult): BacktestReport {
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('outcomes', () => {
  it('reads won, lost, open and other as README "Does the score work?" lists them', () => {
    for (const v of ['won', 'Closed won', 'closed_won', 'YES', 'y', 'true', '1', 'Converted', 'customer', true, 1])
      expect(readOutcome(v)).toBe('won');
    for (const v of ['lost', 'Closed lost', 'no', 'N', 'false', '0', false, 0]) expect(readOutcome(v)).toBe('lost');
    for (const v of ['', '  ', null, undefined]) expect(readOutcome(v)).toBe('open');
    for (const v of ['maybe', 2, d('2026-01-01')]) expect(readOutcome(v)).toBe('other');
  });
});

describe('statistics', () => {
  it('AUC counts ties one half', () => {
    // Won {20, 30}, lost {10, 20}: 20>10 (1), 20=20 (½), 30>10 (1), 30>20 (1) → 3.5 of 4 pairs.
    expect(aucOf([10, 20, 20, 30], [false, true, false, true])).toBe(0.875);
    expect(aucOf([5, 5, 5], [true, false, false])).toBe(0.5);
    expect(aucOf([1, 2], [true, true])).toBeNull();
  });
  it('Wilson 95 % intervals', () => {
    // 5 of 20: p = .25, z² = 3.8415: centre .34604/1.19207 = .29028, half 1.64418 × .10852 = .17842.
    const [lo, hi] = wilson(5, 20)!;
    expect(lo).toBeCloseTo(0.1119, 4);
    expect(hi).toBeCloseTo(0.4687, 4);
    // 0 of 10: [0, .2775].
    expect(wilson(0, 10)![0]).toBe(0);
    expect(wilson(0, 10)![1]).toBeCloseTo(0.2775, 4);
    expect(wilson(0, 0)).toBeNull();
  });
  it('bands are tenths of Max score, Max score in the top band', () => {
    expect([0, 9, 10, 69, 70, 99, 100].map((s) => bandOf(s, 100))).toEqual([0, 0, 1, 6, 7, 9, 9]);
    expect([0, 4, 5, 49, 50].map((s) => bandOf(s, 50))).toEqual([0, 0, 1, 9, 9]);
  });
});

// ---- A small sheet: 8 leads, 6 decided ----------------------------------------------------------
const H = ['Name', 'Title', 'Industry', 'Demo', 'Email', 'Status', 'Closed on'];
const RULES: R[] = [
  { category: 'Fit', field: 'Title', operator: 'contains', value: 'VP', points: 40 }, // row 2
  { category: 'Fit', field: 'Industry', operator: 'is', value: 'technology', points: 10 }, // row 3: a typo, never fires
  { category: 'Behaviour', field: 'Demo', operator: 'is not empty', points: 30, dateField: 'Demo', halfLife: 10 }, // row 4
  { category: 'Negative', field: 'Email', operator: 'is free email', points: 20 }, // row 5
];
const SMALL: Cell[][] = [
  // as of 2026-03-31:                                                                        score
  ['L1', 'VP Sales', 'technolgy', d('2026-03-31'), 'a@acme.com', 'won', d('2026-03-01')], //   40 + 30 = 70 Hot
  ['L2', 'VP Ops', 'technolgy', '', 'b@gmail.com', 'won', ''], //                                40 − 20 = 20 Cold
  ['L3', 'Engineer', 'technolgy', d('2026-03-21'), 'c@acme.com', 'lost', d('2026-03-21')], //    30 × ½ = 15 Cold
  ['L4', 'Engineer', 'retail', '', 'd@gmail.com', 'lost', ''], //                                −20 → 0 Cold
  ['L5', 'VP Finance', 'retail', '', 'e@acme.com', 'Closed lost', ''], //                          40 Warm
  ['L6', 'Engineer', 'retail', '', 'f@acme.com', '', ''], //                                     open
  ['L7', 'Engineer', 'retail', '', 'g@acme.com', 'maybe', ''], //                                other: open
  ['L8', 'VP Sales', 'retail', d('2026-03-31'), 'h@acme.com', 'yes', ''], //                     70 Hot
];

describe('backtest of a small sheet (as of the As-of date)', () => {
  const r = ok(runBacktest(RULES, H, SMALL, [['Outcome column', 'Status']]));

  it('overall: 6 decided, 3 won, base 50 %, too few for an AUC', () => {
    expect(r.overall).toMatchObject({ decided: 6, won: 3, lost: 3, baseRate: 0.5, auc: null, tooFew: true });
    expect(r.overall.aucSentence).toMatch(/^Only 6 decided leads: too few to judge/);
    expect(r.outcomes).toEqual({ won: 3, lost: 3, open: 1, other: 1, otherValues: [{ value: 'maybe', count: 1 }] });
    expect(r.notes).toContain("1 lead has 'maybe' in Status: counted as open.");
    expect(r.notes[0]).toMatch(/^Every lead is scored as of the As-of date 2026-03-31/);
    // The AUC itself of these six: won {70, 20, 70}, lost {15, 0, 40}: 3 + 2 + 3 of 9 pairs.
    expect(aucOf([70, 20, 15, 0, 40, 70], [true, true, false, false, false, true])).toBeCloseTo(8 / 9, 12);
  });

  it('by bucket: Hot 2 of 2, Warm 0 of 1, Cold 1 of 3, each "too few"', () => {
    expect(r.buckets.map((b) => [b.label, b.leads, b.won, b.conversion, b.lift, b.tooFew])).toEqual([
      ['Hot', 2, 2, 1, 2, true],
      ['Warm', 1, 0, 0, 0, true],
      ['Cold', 3, 1, 1 / 3, 2 / 3, true],
      ['Disqualified', 0, 0, null, null, true],
    ]);
    expect(r.buckets[0].note).toBe('fewer than 20 leads (2 won of 2): too few to judge');
    expect(r.buckets[3].note).toBe('no leads');
  });

  it('by band: 0, 15, 20, 40 and 70 fall in bands 0, 1, 2, 4 and 7', () => {
    expect(r.bands.map((b) => [b.label, b.leads, b.won])).toEqual([
      ['0–9', 1, 0],
      ['10–19', 1, 0],
      ['20–29', 1, 1],
      ['30–39', 0, 0],
      ['40–49', 1, 0],
      ['50–59', 0, 0],
      ['60–69', 0, 0],
      ['70–79', 2, 2],
      ['80–89', 0, 0],
      ['90–100', 0, 0],
    ]);
  });

  it('per rule: fires, conversion fired / not, lift and points', () => {
    const byRow = Object.fromEntries(r.rules.map((x) => [x.row, x]));
    // VP fires on L1, L2, L5, L8 (3 won); not on L3, L4 (0 won). 4 × 40 points.
    expect(byRow[2]).toMatchObject({
      fires: 4,
      share: 4 / 6,
      firesAll: 4,
      convFired: 0.75,
      convNotFired: 0,
      lift: 1.5,
      points: 160,
      avgPoints: 40,
      flags: [],
    });
    // Demo: L1 (+30), L3 (+15), L8 (+30); 2 won. Not: L2, L4, L5 (1 won).
    expect(byRow[4]).toMatchObject({ fires: 3, firesAll: 3, convFired: 2 / 3, convNotFired: 1 / 3, points: 75, avgPoints: 25 });
    // Free email: L2, L4; 1 won; −20 each.
    expect(byRow[5]).toMatchObject({ fires: 2, convFired: 0.5, lift: 1, points: -40, avgPoints: -20 });
  });

  it('never fires: names the closest values that occur, with their counts', () => {
    const typo = r.rules.find((x) => x.row === 3)!;
    expect(typo.flags).toEqual(['neverFires']);
    expect(typo.fires).toBe(0);
    // Industry over the 8 leads: technolgy ×3 (1 edit from 'technology'), retail ×5.
    expect(typo.closest).toEqual([
      { value: 'technolgy', count: 3 },
      { value: 'retail', count: 5 },
    ]);
    expect(typo.sentences[0]).toBe(
      "Rules row 3 (Fit: Industry is technology (+10)) fires on no lead: 'technology' occurs in no Industry; closest: 'technolgy' (3 leads), 'retail' (5 leads).",
    );
    expect(typo.column).toBe(2);
  });
});

describe('per-lead as-of from the Outcome date column', () => {
  const r = ok(
    runBacktest(RULES, H, SMALL, [
      ['Outcome column', 'Status'],
      ['Outcome date column', 'Closed on'],
    ]),
  );
  it('scores each decided lead as of its own day; a signal dated after it is left out', () => {
    // L1 closed 2026-03-01, demo 2026-03-31 (after): demo left out → 40, Warm.
    // L3 closed 2026-03-21, demo that day: age 0 → 30 (not 15). Others: no date → as of 2026-03-31.
    const demo = r.rules.find((x) => x.row === 4)!;
    expect(demo).toMatchObject({ fires: 2, points: 60 }); // L3 (30) and L8 (30)
    expect(r.buckets.slice(0, 3).map((b) => [b.label, b.leads, b.won])).toEqual([
      ['Hot', 1, 1],
      ['Warm', 2, 1],
      ['Cold', 3, 1],
    ]);
    expect(r.perLeadAsOf).toBe(true);
    expect(r.notes).toContain(
      "Each decided lead is scored as of its own day in 'Closed on', so activity after the decision does not count.",
    );
    expect(r.notes).toContain("4 decided leads have no date in 'Closed on': scored as of the As-of date 2026-03-31.");
    expect(r.notes).toContain("1 signal dated after its lead's outcome date was left out (its Field and Date field read as blank).");
  });
});

// ---- 120 leads: AUC, bands, flags and both threshold suggestions --------------------------------
/**
 * Score = N (one Fit rule: 1 point each). 40 leads at 10 (4 won), 40 at 30 (8 won), 20 at 50
 * (8 won), 20 at 80 (14 won): 120 decided, 34 won, base 34/120. Of the 36 lost leads at 10, 30
 * have N = 5 and Tag 'x' (+5): still 10, and a +5 rule that fires only on lost leads.
 * Created: 2026-03-01 + (i mod 28): 28 days, 4 weeks.
 */
function bigSheet(): Cell[][] {
  const rows: Cell[][] = [];
  const add = (score: number, won: number, lost: number) => {
    for (let k = 0; k < won + lost; k++) {
      const tagged = score === 10 && k >= won && k < won + 30;
      const i = rows.length;
      rows.push([tagged ? 5 : score, tagged ? 'x' : '', k < won ? 'won' : 'lost', new Date(Date.UTC(2026, 2, 1 + (i % 28), 12))]);
    }
  };
  add(10, 4, 36);
  add(30, 8, 32);
  add(50, 8, 12);
  add(80, 14, 6);
  return rows;
}
const BIG_RULES: R[] = [
  { category: 'Fit', field: 'N', operator: '>', value: 0, points: 1, per: 'each' }, // row 2
  { category: 'Fit', field: 'Tag', operator: 'is', value: 'x', points: 5 }, // row 3
];
const BIG_H = ['N', 'Tag', 'Status', 'Created'];

describe('backtest of 120 leads', () => {
  const r = ok(runBacktest(BIG_RULES, BIG_H, bigSheet(), [['Outcome column', 'Status']], 10));
  const base = 34 / 120;

  it('AUC by hand: U = 4×18 + 8×52 + 8×74 + 14×83 = 2242 of 34 × 86 pairs', () => {
    expect(r.overall).toMatchObject({ decided: 120, won: 34, lost: 86, tooFew: false });
    expect(r.overall.baseRate).toBeCloseTo(base, 12);
    expect(r.overall.auc).toBeCloseTo(2242 / 2924, 12);
    expect(r.overall.aucSentence).toBe(
      'A lead that was won outscored a lead that was lost 77 % of the time (ties count half); 50 % is a coin toss, 100 % a perfect ranking. The score is useful.',
    );
  });

  it('bands: conversion, Wilson interval and lift', () => {
    const b1 = r.bands[1];
    expect([b1.label, b1.leads, b1.won, b1.tooFew]).toEqual(['10–19', 40, 4, false]);
    expect(b1.conversion).toBe(0.1);
    expect(b1.lift).toBeCloseTo(0.1 / base, 12); // 0.353
    expect(b1.low).toBeCloseTo(wilson(4, 40)![0], 12);
    expect(r.bands[8]).toMatchObject({ label: '80–89', leads: 20, won: 14, conversion: 0.7 });
    expect(r.bands[8].lift).toBeCloseTo(0.7 / base, 12); // 2.47
    expect(r.bands[8].note).toBe('70 % (48–85 %), 2.5× base');
    expect(r.buckets.slice(0, 3).map((b) => [b.label, b.leads, b.won])).toEqual([
      ['Hot', 20, 14],
      ['Warm', 20, 8],
      ['Cold', 80, 12],
    ]);
  });

  it('flags: a rule on everyone, and a +5 rule whose leads all lost', () => {
    const [n, tag] = r.rules;
    expect(n.flags).toEqual(['almostEveryone']);
    expect(n.sentences[0]).toBe('Rules row 2 (Fit: N > 0 (+1 each)) fires on 100 % of decided leads, so it barely tells them apart.');
    // Tag: 30 leads, 0 won; Wilson high of 0/30 is .114 < base .283.
    expect(tag).toMatchObject({ fires: 30, convFired: 0, flags: ['disagrees'] });
    expect(tag.sentences[0]).toBe(
      'Rules row 3 (Fit: Tag is x (+5)) adds points, but the 30 decided leads it fires on converted at 0 % (0–11 %), below the base rate of 28 %.',
    );
  });

  it('suggests thresholds by conversion: Hot at 80 (70 % ≥ 2 × 28 %), Warm at 50 (50–79: 40 % ≥ 28 %)', () => {
    // Hot: ≥10 .283, ≥30 30/80 .375, ≥50 22/40 .55, ≥80 14/20 .70 ≥ .567. Warm: walking down the
    // tenths below 80: 70–79 and 60–69 empty (passed over), 50–59 8/20 = .40 ≥ .283, 40–49 empty,
    // 30–39 8/40 = .20 < .283: stop. Warm at 50.
    const s = r.suggestions.byConversion;
    expect([s.hotAt, s.warmAt]).toEqual([80, 50]);
    expect(s.buckets.map((b) => [b.label, b.leads, b.won])).toEqual([
      ['Hot', 20, 14],
      ['Warm', 20, 8],
      ['Cold', 80, 12],
      ['Disqualified', 0, 0],
    ]);
    expect(s.sentence).toBe(
      'Hot at 80: leads scoring 80 or more converted at 70 % (20 leads), at least twice the base rate of 28 %. Warm at 50: leads from 50 to 79 converted at 40 % (20 leads), each tenth of the scale at least the base rate.',
    );
  });

  it('suggests thresholds by capacity: 10 a week over 4 weeks of Created → Hot at 50', () => {
    // ≥80: 20 leads / 4 weeks = 5 a week; ≥50: 40 / 4 = 10 ≤ 10; ≥30: 80 / 4 = 20 > 10.
    const s = r.suggestions.byCapacity;
    expect(s).toMatchObject({ hotAt: 50, warmAt: 40, hotPerWeek: 10, capacityPerWeek: 10, leadDateColumn: 'Created' });
    expect(s.buckets.slice(0, 3).map((b) => [b.label, b.leads, b.won])).toEqual([
      ['Hot', 40, 22],
      ['Warm', 0, 0],
      ['Cold', 80, 12],
    ]);
    expect(s.sentence).toBe("Hot at 50 selects 10 leads a week (over 4 weeks of 'Created'), within 10 a week. Warm at 40.");
  });

  it('when every lead fits in the capacity there is no capacity suggestion (not "Hot at 1"), in words', () => {
    // 120 leads over 4 weeks of Created = 30 a week, within 40 a week.
    const s = ok(runBacktest(BIG_RULES, BIG_H, bigSheet(), [['Outcome column', 'Status']], 40)).suggestions.byCapacity;
    expect(s).toMatchObject({ hotAt: null, warmAt: null, hotPerWeek: 30, capacityPerWeek: 40 });
    expect(s.sentence).toBe(
      "All 120 leads come to 30 a week (over 4 weeks of 'Created'), within the 40 a week you can follow up: capacity does not limit who is Hot, so there is no capacity suggestion.",
    );
  });

  it('without a lead date column there is no capacity suggestion, in words', () => {
    const rows = bigSheet().map((row) => row.slice(0, 3));
    const s = ok(runBacktest(BIG_RULES, BIG_H.slice(0, 3), rows, [['Outcome column', 'Status']])).suggestions.byCapacity;
    expect(s.hotAt).toBeNull();
    expect(s.sentence).toMatch(/^No lead date column/);
  });
});

describe('bad input: one sentence each', () => {
  const err = (r: BacktestResult) => (r.ok ? 'ok' : r.error);
  it('no Outcome column set: names the setting and lists the headers', () => {
    expect(err(runBacktest(RULES, H, SMALL, []))).toBe(
      "Set 'Outcome column' in the Settings tab to the Leads header that says whether each lead was won or lost. Headers are: 'Name', 'Title', 'Industry', 'Demo', 'Email', 'Status', 'Closed on'.",
    );
  });
  it('an Outcome column that is not a header', () => {
    expect(err(runBacktest(RULES, H, SMALL, [['Outcome column', 'Stauts']]))).toBe(
      "Settings, Outcome column: 'Stauts' is not a Leads header. Did you mean 'Status'? Headers are: 'Name', 'Title', 'Industry', 'Demo', 'Email', 'Status', 'Closed on'.",
    );
  });
  it('every outcome blank', () => {
    const rows = SMALL.map((r) => r.map((v, i) => (i === 5 ? '' : v)));
    expect(err(runBacktest(RULES, H, rows, [['Outcome column', 'Status']]))).toMatch(
      /^No lead is won or lost in 'Status': every outcome is blank/,
    );
  });
  it('only won leads', () => {
    const rows = SMALL.map((r) => r.map((v, i) => (i === 5 && v !== '' ? 'won' : v)));
    expect(err(runBacktest(RULES, H, rows, [['Outcome column', 'Status']]))).toBe(
      "All 7 decided leads in 'Status' were won: a backtest compares won with lost leads, so it needs some of each.",
    );
  });
  it('an Outcome date column holding text', () => {
    const rows = SMALL.map((r) => r.map((v, i) => (i === 6 ? 'soon' : v)));
    expect(
      err(
        runBacktest(RULES, H, rows, [
          ['Outcome column', 'Status'],
          ['Outcome date column', 'Closed on'],
        ]),
      ),
    ).toBe(
      "'Closed on' (the Outcome date column) holds text, not dates (e.g. 'soon'): write dates such as 2026-03-31, or clear the setting to score every lead as of the As-of date.",
    );
  });
});
