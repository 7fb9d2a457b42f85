/**
 * "Does the score work?" in Chromium against the local preview (README "Does the score work?"):
 * the example workbook with an outcome per lead; the section shows conversion by bucket as bars
 * with their numbers and the AUC sentence, and Apply writes a suggestion to the Settings tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { finish, launchChromium, open, SCREENSHOTS, sheet, setting } from './helpers.js';
import { EXAMPLE_AS_OF, EXAMPLE_PATH } from '../../local/preview/server.js';
import { createSheet, loadWorkbook, type CellValue, type Workbook } from '../../local/index.js';
import { runModel, starterRulesGrid, SETTING_ROWS, type BacktestReport } from '../../src/engine/index.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The example workbook plus a Status column (won more often as the score rises) and Outcome column = Status. */
async function exampleWithOutcomes(): Promise<Workbook> {
  const wb = await loadWorkbook(EXAMPLE_PATH);
  const leads = sheet(wb, 'Leads').values;
  const run = runModel({
    settings: null,
    rules: starterRulesGrid() as CellValue[][],
    headers: leads[0],
    rows: leads.slice(1),
    firstRow: 2,
    today: new Date(`${EXAMPLE_AS_OF}T12:00:00Z`),
    asOf: EXAMPLE_AS_OF,
    keepContributions: false,
  });
  leads[0].push('Status');
  run.leads.forEach((lead, i) => {
    const row = leads[i + 1];
    // Deterministic outcomes: a lead at score s is won when (i × 37 mod 100) < s, so higher scores win more often.
    row.push(!lead ? '' : (i * 37) % 100 < lead.score ? 'won' : 'lost');
  });
  // The starter rules plus one with a misspelt value, which the backtest flags as never firing.
  const rules = starterRulesGrid() as CellValue[][];
  rules.push(['Fit', 'Industry', 'is', 'Sofware', 5, '', '', '', '', '', '', true, 'misspelt on purpose']);
  wb.sheets.push(createSheet('Rules', rules));
  const rows = SETTING_ROWS.map((s) => [s.name, s.key === 'outcomeColumn' ? 'Status' : s.value, s.help]);
  wb.sheets.push(createSheet('Settings', [['Setting', 'Value', 'What it does'], ...rows]));
  return wb;
}

describe('Does the score work? (sidebar section)', () => {
  it('shows conversion by bucket as bars with their numbers, the AUC sentence, and applies a suggestion', async () => {
    const wb = await exampleWithOutcomes();
    const s = await open(browser, { workbook: wb, asOf: EXAMPLE_AS_OF });
    try {
      const expected = s.preview.host.run('backtestReport') as BacktestReport;
      expect(expected.ok).toBe(true);
      await s.sidebar.getByTestId('run-backtest').click();
      await expect.poll(() => s.sidebar.getByTestId('backtest-auc').textContent(), { timeout: 10_000 }).toBe(expected.overall.aucSentence);
      expect(expected.overall.auc).not.toBeNull();
      // Four bars, each with its numbers, as the server computed them.
      expect(await s.sidebar.getByTestId('backtest-bars').locator('.bt-bar').count()).toBe(4);
      for (const b of expected.buckets) {
        const text = await s.sidebar.getByTestId(`bt-bar-${b.label}-text`).textContent();
        expect(text).toBe(
          b.leads === 0
            ? 'no leads'
            : `${b.won} of ${b.leads} won · ${b.tooFew ? 'too few to judge' : `${Math.round(b.conversion! * 100)} %`}`,
        );
        const width = await s.sidebar
          .getByTestId(`bt-bar-${b.label}`)
          .locator('.bt-bar-fill')
          .evaluate((el) => (el as HTMLElement).style.width);
        expect(width).toBe(`${Math.round((b.conversion ?? 0) * 100)}%`);
      }
      // The rules the backtest flags show in Rules health too, after the rules' own problems.
      const flagged = expected.rules.filter((r) => r.flags.length > 0);
      expect(flagged.length).toBeGreaterThan(0);
      const health = await s.sidebar.getByTestId('problems').textContent();
      for (const r of flagged) expect(health).toContain(`Backtest: ${r.sentences.join(' ')}`);
      await s.sidebar.locator('#backtest').scrollIntoViewIfNeeded();
      await s.sidebar.locator('#backtest').screenshot({ path: `${SCREENSHOTS}/backtest-section.png` });

      // Apply the suggestion by conversion: written to the Settings tab, said in words, and re-scored.
      const sugg = expected.suggestions.byConversion;
      expect(sugg.hotAt).not.toBeNull();
      await s.sidebar.getByTestId('bt-apply-conversion').click();
      await expect
        .poll(() => s.sidebar.getByTestId('backtest-status').textContent(), { timeout: 10_000 })
        .toContain(`Saved to the Settings tab: Hot at ${sugg.hotAt}, Warm at ${sugg.warmAt}.`);
      expect(setting(s.preview.workbook, 'Hot at')).toBe(sugg.hotAt);
      expect(setting(s.preview.workbook, 'Warm at')).toBe(sugg.warmAt);
      expect(await s.sidebar.getByTestId('hot-at').inputValue()).toBe(String(sugg.hotAt));
      await expect.poll(() => s.sidebar.getByTestId('bt-apply-conversion').textContent()).toBe('Already set');
    } finally {
      await finish(s, 'backtest');
    }
  });
});
