/**
 * "Suggest points from outcomes" in Chromium against the local preview (README "Tune the model
 * from outcomes"): a workbook of 400 decided leads where the Plan column decides the outcome
 * (Pro 90 % won, Free 10 %) and a Noise column does not. The section shows a rule on Plan with its
 * evidence note, the holdout sentence and AUCs as the server computed them; Write to tab creates
 * `Rules (suggested)` and touches no other tab; Use these rules asks in the page, then promotes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { finish, launchChromium, open, SCREENSHOTS, sheet, setting } from './helpers.js';
import { createHost, createSheet, createWorkbook, writeCell, type CellValue, type Workbook } from '../../local/index.js';
import type { SuggestResult } from '../../src/engine/suggest.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const AS_OF = '2026-01-01';

/** 400 leads, Plan decides the outcome; set up by the add-on with Outcome column = Status. */
function planDecides(): Workbook {
  const rows: CellValue[][] = Array.from({ length: 400 }, (_, i) => {
    const pro = i % 2 === 0;
    const won = pro ? i % 20 !== 0 : i % 20 === 1;
    return [`Lead ${i}`, pro ? 'Pro' : 'Free', Math.floor(i / 2) % 2 === 0 ? 'red' : 'blue', won ? 'won' : 'lost'];
  });
  const wb = createWorkbook([createSheet('Leads', [['Name', 'Plan', 'Noise', 'Status'], ...rows])]);
  createHost(wb).run('setUpScoring');
  const settings = sheet(wb, 'Settings');
  const row = settings.values.findIndex((r) => r[0] === 'Outcome column');
  writeCell(settings, row + 1, 2, 'Status');
  return wb;
}

describe('Suggest points from outcomes (sidebar section)', () => {
  it('shows a rule on the deciding column with its evidence and the holdout AUCs; Write to tab creates Rules (suggested) only', async () => {
    const wb = planDecides();
    const s = await open(browser, { workbook: wb, asOf: AS_OF });
    try {
      const expected = s.preview.host.run('suggestReport') as SuggestResult;
      if (!expected.ok) throw new Error(expected.error);
      const planRule = expected.rules.findIndex((r) => r.field === 'Plan');
      expect(planRule).toBeGreaterThanOrEqual(0);
      expect(expected.rules.some((r) => r.field === 'Noise')).toBe(false);

      await s.sidebar.getByTestId('suggest-run').click();
      await expect
        .poll(() => s.sidebar.getByTestId('suggest-sentence').textContent(), { timeout: 15_000 })
        .toBe(expected.comparison.sentence);
      const auc = (x: number | null | undefined) => (x === null || x === undefined ? 'too few to judge' : x.toFixed(3));
      expect(await s.sidebar.getByTestId('suggest-auc').textContent()).toBe(
        `Holdout AUC: current rules ${auc(expected.comparison.current?.overall.auc)} · suggested ${auc(expected.comparison.suggested?.overall.auc)}`,
      );
      expect(expected.comparison.suggested?.overall.auc).toBeGreaterThan(0.85);
      expect(await s.sidebar.getByTestId('suggest-rules').locator('li').count()).toBe(expected.rules.length);
      const p = expected.rules[planRule];
      const k = expected.rules.length;
      const rulesWord = `${k} rule${k === 1 ? '' : 's'}`;
      expect(await s.sidebar.getByTestId(`sg-rule-${planRule}-text`).textContent()).toBe(`Plan is ${p.value}`);
      expect(await s.sidebar.getByTestId(`sg-rule-${planRule}-note`).textContent()).toBe(p.note);
      expect(await s.sidebar.getByTestId(`sg-rule-${planRule}-points`).textContent()).toBe(
        p.category === 'Negative' ? `−${Math.abs(p.points)}` : `+${p.points}`,
      );
      expect(await s.sidebar.getByTestId('suggest-settings').textContent()).toBe(
        `Base score ${expected.baseScore} · Hot at ${expected.hotAt} · Warm at ${expected.warmAt}`,
      );
      await s.sidebar.locator('#suggest').scrollIntoViewIfNeeded();
      await s.sidebar.locator('#suggest').screenshot({ path: `${SCREENSHOTS}/suggest-section.png` });

      // Write to tab: the menu's action, that tab only (the Rules tab is as it was).
      const rulesBefore = JSON.stringify(sheet(s.preview.workbook, 'Rules').values);
      expect(s.preview.workbook.sheets.some((x) => x.name === 'Rules (suggested)')).toBe(false);
      await s.sidebar.getByTestId('suggest-write').click();
      await expect
        .poll(() => s.sidebar.getByTestId('suggest-status').textContent(), { timeout: 15_000 })
        .toBe(`${rulesWord} suggested in the 'Rules (suggested)' tab. ${expected.comparison.sentence}`);
      const tab = sheet(s.preview.workbook, 'Rules (suggested)');
      expect(tab.values[planRule + 1].slice(1, 5)).toEqual(['Plan', 'is', p.value, p.points]);
      expect(JSON.stringify(sheet(s.preview.workbook, 'Rules').values)).toBe(rulesBefore);

      // Use these rules: the page asks; No changes nothing; Yes promotes without a Ui alert.
      await s.sidebar.getByTestId('suggest-use').click();
      expect(await s.sidebar.getByTestId('suggest-question').textContent()).toContain(
        `Base score ${setting(s.preview.workbook, 'Base score')} → ${expected.baseScore}`,
      );
      await s.sidebar.getByTestId('suggest-use-no').click();
      expect(await s.sidebar.getByTestId('suggest-status').textContent()).toBe('Nothing was changed.');
      expect(JSON.stringify(sheet(s.preview.workbook, 'Rules').values)).toBe(rulesBefore);
      await s.sidebar.getByTestId('suggest-use').click();
      await s.sidebar.getByTestId('suggest-use-yes').click();
      await expect
        .poll(() => s.sidebar.getByTestId('suggest-status').textContent(), { timeout: 15_000 })
        .toContain(
          `The ${k} suggested rule${k === 1 ? ' is' : 's are'} now the Rules tab; Base score ${expected.baseScore}, Hot at ${expected.hotAt}, Warm at ${expected.warmAt} are in Settings.`,
        );
      expect(sheet(s.preview.workbook, 'Rules').values[planRule + 1].slice(1, 5)).toEqual(['Plan', 'is', p.value, p.points]);
      expect(s.preview.workbook.sheets.some((x) => x.name.startsWith('Rules (before '))).toBe(true);
      expect(s.preview.workbook.sheets.some((x) => x.name === 'Rules (suggested)')).toBe(false);
      expect(setting(s.preview.workbook, 'Hot at')).toBe(expected.hotAt);
    } finally {
      await finish(s, 'suggest');
    }
  });
});
