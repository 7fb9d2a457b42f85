/**
 * The DuckDB SQL against the engine on real-sized data: the bench's 100,000 generated leads × 20
 * rules (typed table, and dates with times), and the public data sets in ../shared/data when present
 * (read from CSV, so an all-text table) with the repository's example rules for them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/engine';
import { parseCsv } from '../../local/io/csv';
import { BENCH_HEADERS, BENCH_RULES, generateLeads } from '../../bench/engine';
import { differences, scoreBoth } from './sql-harness';

describe('the bench leads as DuckDB SQL', () => {
  it('100,000 leads × 20 rules: every output equal on every lead', async () => {
    const c = await scoreBoth({
      settings: null,
      rules: BENCH_RULES,
      headers: [...BENCH_HEADERS],
      rows: generateLeads(100_000),
      mode: 'typed',
      today: new Date(Date.UTC(2026, 2, 31, 12)),
    });
    expect(c.engine.length).toBe(100_000);
    console.log(`100,000 leads: the SQL ran in ${Math.round(c.ms)} ms (DuckDB, one thread).`);
    expect(differences(c)).toEqual([]);
  }, 120_000);
});

const DATA = path.resolve(__dirname, '../../../shared/data');
const SETS: Array<{ file: string; rules: string; delimiter?: string }> = [
  { file: 'xeducation-leads.csv', rules: 'xeducation-rules.csv' },
  { file: 'bank-marketing.csv', rules: 'bank-rules.csv', delimiter: ';' },
];
for (const set of SETS) {
  const file = path.join(DATA, set.file);
  const present = existsSync(file);
  if (!present) console.warn(`Skipping the SQL check on ${set.file}: ${file} is not there (see ../shared/data/README.md).`);
  describe.skipIf(!present)(`${set.file} as DuckDB SQL`, () => {
    it('every output equal on every lead (all-text table)', async () => {
      const leads = parseCsv(readFileSync(file, 'utf8'), file, set.delimiter);
      const rulesFile = path.resolve(__dirname, '../../examples', set.rules);
      const rules = parseCsv(readFileSync(rulesFile, 'utf8'), rulesFile);
      const settings: Cell[][] = [
        ['Setting', 'Value'],
        ['As-of date', '2026-01-01'],
      ];
      const c = await scoreBoth({ settings, rules, headers: leads[0].map(String), rows: leads.slice(1), mode: 'text' });
      expect(c.engine.length).toBeGreaterThan(1000);
      expect(differences(c)).toEqual([]);
    }, 120_000);
  });
}
