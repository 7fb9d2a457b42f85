/**
 * The backtest on the public X Education lead set (README "Does the score work?"), when
 * ../shared/data/xeducation-leads.csv is present: the engine's AUC equals one computed here, by a
 * different method (counting won/lost pairs over a histogram of scores), from the plain scoring
 * output (scoreRows, as Score leads writes it) of the starter-style rules in
 * examples/xeducation-rules.csv. The data set is never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest, prepareRun, scoreRows, readOutcome, type BacktestReport } from '../../src/engine';
import { parseCsv } from '../../local/io/csv';
import { settingsGrid } from './helpers';

const DATA = path.resolve(__dirname, '../../../shared/data/xeducation-leads.csv');
const RULES = path.resolve(__dirname, '../../examples/xeducation-rules.csv');
const present = existsSync(DATA);
if (!present) console.warn(`Skipping the X Education backtest: ${DATA} is not there.`);

describe.skipIf(!present)('backtest on X Education leads', () => {
  it('AUC from the engine = AUC counted from the scored output', () => {
    const leads = parseCsv(readFileSync(DATA, 'utf8'), DATA);
    const rules = parseCsv(readFileSync(RULES, 'utf8'), RULES);
    const run = prepareRun({
      settings: settingsGrid(['Outcome column', 'Converted'], ['As-of date', '2026-01-01']),
      rules,
      today: new Date(Date.UTC(2026, 0, 1)),
    });
    const block = { headers: leads[0], rows: leads.slice(1), firstRow: 2 };
    const report = backtest(run, block) as BacktestReport;
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);

    // Independent: scores as scoring writes them; pairs counted through a histogram of integer scores.
    const scored = scoreRows(run, block, { keepContributions: false });
    const col = leads[0].indexOf('Converted');
    const wonAt = new Array(101).fill(0);
    const lostAt = new Array(101).fill(0);
    scored.leads.forEach((lead, i) => {
      const o = readOutcome(block.rows[i][col]);
      if (!lead || (o !== 'won' && o !== 'lost')) return;
      (o === 'won' ? wonAt : lostAt)[lead.score]++;
    });
    let pairs = 0;
    let lostBelow = 0;
    for (let s = 0; s <= 100; s++) {
      pairs += wonAt[s] * (lostBelow + lostAt[s] / 2);
      lostBelow += lostAt[s];
    }
    const won = wonAt.reduce((a, b) => a + b, 0);
    const lost = lostAt.reduce((a, b) => a + b, 0);
    expect(report.overall.decided).toBe(won + lost);
    expect(report.overall.won).toBe(won);
    expect(report.overall.auc).toBeCloseTo(pairs / (won * lost), 12);
    // The misspelt-value rule is flagged, with the closest value the data holds.
    const it = report.rules.find((r) => r.rule.includes('Healthcare Managment'))!;
    expect(it.flags).toContain('neverFires');
    expect(it.closest[0].value).toBe('Healthcare Management');
    console.log(
      `X Education: ${report.overall.decided} decided, base ${(report.overall.baseRate * 100).toFixed(1)} %, AUC ${report.overall.auc!.toFixed(4)}; ` +
        `by conversion Hot at ${report.suggestions.byConversion.hotAt}, Warm at ${report.suggestions.byConversion.warmAt}; ` +
        `buckets ${report.buckets.map((b) => `${b.label} ${b.leads} (${b.conversion === null ? '–' : `${(b.conversion * 100).toFixed(0)} %`})`).join(', ')}`,
    );
  });
});
