/**
 * The overview's Changes since last run, Going cold soon and Rescore every day in a real browser
 * (README "Running by itself"): the lists come from the last run, a click selects the lead's row,
 * lead text stays text, and the switch installs exactly one daily trigger at the chosen hour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, open, externalRequests } from './helpers.js';
import { day, lead, setSetting, setUpWorkbook, sheetOf } from '../helpers/workbook.js';
import { ASOF, SAMPLE_LEADS } from '../helpers/sample.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const EVIL = '<img src=x onerror="document.body.dataset.pwned=1">';

/**
 * Scored once as of 2026-11-20 (Ada 74 Hot), then a new lead added (Ada's signals a week later,
 * named like markup) and the As-of date moved to 2026-11-27: Ada falls to 69, Warm (worked out in
 * test/bundle/history.test.ts); the new lead is Ada's 2026-11-20 self a week on: 74, Hot, and
 * drops to Warm on 2026-12-04, 7 days on.
 */
function workbook() {
  const { wb, host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
  host.run('scoreLeads');
  const leads = sheetOf(wb, 'Leads');
  const fresh = lead({
    Name: EVIL,
    Email: 'new@northwind.io',
    Title: 'VP Marketing',
    'Company size': 120,
    Industry: 'SaaS',
    Country: 'United Kingdom',
    'Demo requested': day('2026-10-28'),
    'Pricing page visits': 2,
    'Last pricing visit': day('2026-11-27'),
    'Last activity': day('2026-11-27'),
    Unsubscribed: false,
    'Email bounced': false,
  });
  const width = leads.values[0].length;
  leads.values.push([...fresh, ...Array(width - fresh.length).fill('')]);
  setSetting(wb, 'As-of date', day('2026-11-27'));
  return wb;
}

describe('sidebar: changes since last run, going cold soon, rescore every day', () => {
  it('lists the changes and the leads going cold as text; a click selects the row; the switch sets one trigger', async () => {
    const s = await open(browser, { workbook: workbook(), asOf: null });
    try {
      await s.sidebar.getByTestId('score-now').click();
      await expect.poll(() => s.sidebar.getByTestId('score-status').textContent()).toMatch(/^Scored \d+ leads/);
      await expect.poll(() => s.sidebar.getByTestId('left-hot-0').textContent()).toBe('Ada69, now Warm · back to nurture');
      expect(await s.sidebar.getByTestId('became-hot-0').locator('.lead-name').textContent()).toBe(EVIL);
      expect(await s.sidebar.getByTestId('going-cold-0').textContent()).toBe(`${EVIL}74 · drops to Warm on 4 Dec unless they engage`);
      expect(await s.sidebar.locator('body').getAttribute('data-pwned')).toBeNull();
      expect(await s.sidebar.locator('img').count()).toBe(0);

      await s.sidebar.getByTestId('left-hot-0').click();
      await expect.poll(() => s.preview.workbook.activeRange).toEqual({ sheetName: 'Leads', a1: 'A2' });
      await s.sidebar.getByTestId('going-cold-0').click();
      await expect.poll(() => s.preview.workbook.activeRange).toEqual({ sheetName: 'Leads', a1: 'A7' });

      const daily = () => s.preview.host.triggers.filter((t) => t.handlerFunction === 'dailyRescore');
      expect(await s.sidebar.getByTestId('daily-last').textContent()).toBe('No automatic run yet.');
      await s.sidebar.getByTestId('daily-hour').selectOption('9');
      expect(daily()).toEqual([]); // the hour alone turns nothing on
      await s.sidebar.getByTestId('daily-on').check();
      await expect.poll(() => daily().map((t) => t.atHour)).toEqual([9]);
      await s.sidebar.getByTestId('daily-hour').selectOption('6');
      await expect.poll(() => daily().map((t) => t.atHour)).toEqual([6]);

      expect(s.preview.host.fireTimeTriggers()).toEqual([expect.objectContaining({ error: null })]);
      await s.sidebar.getByTestId('score-now').click(); // refreshes the overview
      await expect
        .poll(() => s.sidebar.getByTestId('daily-last').textContent())
        .toMatch(/^Last automatic run: today \d\d:\d\d, 5 leads, 0 became Hot$/);
      await expect.poll(() => s.sidebar.getByTestId('daily-on').isChecked()).toBe(true);
      await s.sidebar.getByTestId('daily-on').uncheck();
      await expect.poll(() => daily()).toEqual([]);
      await s.screenshot('changes');
      expect(externalRequests(s.requests)).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
