/** The sidebar's "Does the score work?" logic: bars and the rules that need attention (README "Does the score work?"). */
import { describe, expect, it } from 'vitest';
import { backtest, prepareRun, type BacktestReport } from '../../src/engine';
import { bucketBars, challengerLines, rulesNeedingAttention, overallLine } from '../../sidebar/backtest';
import { rulesGrid, settingsGrid, AS_OF } from '../engine/helpers';

// 25 VP leads (12 won) and 25 others (3 won): VP +80 → Hot, others 0 → Cold. A typo rule never fires.
const headers = ['Title', 'Industry', 'Status'];
const rows = [
  ...Array.from({ length: 25 }, (_, i) => ['VP', 'retail', i < 12 ? 'won' : 'lost']),
  ...Array.from({ length: 25 }, (_, i) => ['Engineer', 'retail', i < 3 ? 'won' : 'lost']),
];
const run = prepareRun({
  settings: settingsGrid(['Outcome column', 'Status']),
  rules: rulesGrid(
    { category: 'Fit', field: 'Title', operator: 'is', value: 'VP', points: 80 },
    { category: 'Fit', field: 'Industry', operator: 'is', value: 'retial', points: 5 },
  ),
  today: new Date(),
  asOf: AS_OF,
});
const report = backtest(run, { headers, rows, firstRow: 2 }) as BacktestReport;

describe('sidebar backtest logic', () => {
  it('bars: conversion as the width, numbers in words, no bare percentage under 20 leads', () => {
    expect(bucketBars(report)).toEqual([
      { label: 'Hot', width: 12 / 25, tooFew: false, text: '12 of 25 won · 48 %' },
      { label: 'Warm', width: 0, tooFew: true, text: 'no leads' },
      { label: 'Cold', width: 3 / 25, tooFew: false, text: '3 of 25 won · 12 %' },
      { label: 'Disqualified', width: 0, tooFew: true, text: 'no leads' },
    ]);
    expect(overallLine(report)).toBe('50 decided leads, 15 won (30 % base rate), scored as of 2026-03-31.');
  });
  it('rules that need attention: the never-firing typo, with its closest value', () => {
    const rules = rulesNeedingAttention(report);
    expect(rules.map((r) => [r.row, r.flags])).toEqual([[3, ['neverFires']]]);
    expect(rules[0].closest).toEqual([{ value: 'retail', count: 50 }]);
  });
});

describe('the challenger beside Rules (README "Does the score work?")', () => {
  // The challenger gives the 80 points to Engineers instead: the ranking turns upside down.
  const challenger = prepareRun({
    settings: settingsGrid(['Outcome column', 'Status']),
    rules: rulesGrid({ category: 'Fit', field: 'Title', operator: 'is', value: 'Engineer', points: 80 }),
    today: new Date(),
    asOf: AS_OF,
  });
  const both = backtest(run, { headers, rows, firstRow: 2 }, { challenger: { name: 'Rules (b)', run: challenger } }) as BacktestReport;
  it('AUC of each, conversion by bucket of each, and the leads that would move', () => {
    // Rules: won VP beat lost Engineers 12×22 = 264, ties ½·(12×13 + 3×22) = 111 → 375 / (15×35) = 0.71.
    // Challenger: won Engineers beat lost VPs 3×13 = 39, same ties 111 → 150 / 525 = 0.29.
    const lines = challengerLines(both)!;
    expect(lines.auc).toBe('AUC: Rules 0.71 · Rules (b) 0.29');
    expect(lines.buckets[0]).toMatch(/^Hot: Rules 12 of 25 won · 48\s?% \| challenger 3 of 25 won · 12\s?%$/);
    expect(lines.buckets[2]).toMatch(/^Cold: Rules 3 of 25 won · 12\s?% \| challenger 12 of 25 won · 48\s?%$/);
    expect(lines.moves).toMatch(/^50 decided leads would move bucket: 25 up, 25 down \(/);
    expect(lines.moves).toContain('Hot → Cold 25');
    expect(lines.moves).toContain('Cold → Hot 25');
    expect(challengerLines(report)).toBeNull();
  });
});
