/**
 * The issue 13 targets on the public data sets (README "Tune the model from outcomes"): the suggestion's
 * holdout AUC measured by the engine's own backtest. Skips with a message when ../shared/data is absent.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../local/io/csv';
import { suggestRules } from '../../src/engine/suggest';

const DIR = path.resolve(__dirname, '../../../shared/data');
const XED = path.join(DIR, 'xeducation-leads.csv');
const BANK = path.join(DIR, 'bank-marketing.csv');
const today = new Date(Date.UTC(2026, 0, 1));

describe('Suggest points on the public data sets', () => {
  it.skipIf(!existsSync(XED))(
    'X Education without Tags, Lead Quality, Lead Profile, Asymmetrique, ids: holdout AUC ≥ 0.89 with ≤ 10 rules',
    () => {
      const grid = parseCsv(readFileSync(XED, 'utf8'), XED);
      const t0 = Date.now();
      const r = suggestRules({
        settings: null,
        rules: parseCsv(readFileSync(path.resolve(__dirname, '../../examples/xeducation-rules.csv'), 'utf8'), 'rules'),
        leads: { headers: grid[0], rows: grid.slice(1), firstRow: 2 },
        today,
        outcomeColumn: 'Converted',
        exclude: [
          'Tags',
          'Lead Quality',
          'Lead Profile',
          'Asymmetrique Activity Index',
          'Asymmetrique Profile Index',
          'Asymmetrique Activity Score',
          'Asymmetrique Profile Score',
          'Lead Number',
          'Prospect ID',
        ],
      });
      if (!r.ok) throw new Error(r.error);
      console.log(
        `X Education (${Date.now() - t0} ms): ${r.comparison.sentence} base ${r.baseScore}, Hot at ${r.hotAt}, Warm at ${r.warmAt}`,
      );
      for (const x of r.rules) console.log(`  ${x.category} ${x.field} ${x.operator} ${x.value} ${x.points} — ${x.note}`);
      expect(r.rules.length).toBeLessThanOrEqual(10);
      expect(r.comparison.suggested!.overall.auc!).toBeGreaterThanOrEqual(0.89);
    },
  );
  it.skipIf(!existsSync(BANK))('bank marketing without duration: holdout AUC ≥ 0.775', () => {
    const text = readFileSync(BANK, 'utf8');
    const grid = parseCsv(text, BANK, ';');
    const headers = grid[0];
    const rows = grid.slice(1);
    const t0 = Date.now();
    const r = suggestRules({
      settings: null,
      rules: parseCsv(readFileSync(path.resolve(__dirname, '../../examples/bank-rules.csv'), 'utf8'), 'rules'),
      leads: { headers, rows, firstRow: 2 },
      today,
      outcomeColumn: 'y',
      exclude: ['duration'],
    });
    if (!r.ok) throw new Error(r.error);
    console.log(`bank (${Date.now() - t0} ms): ${r.comparison.sentence} base ${r.baseScore}`);
    for (const x of r.rules) console.log(`  ${x.category} ${x.field} ${x.operator} ${x.value} ${x.points} — ${x.note}`);
    expect(r.comparison.suggested!.overall.auc!).toBeGreaterThanOrEqual(0.775);
  });
});
