/**
 * Top accounts in the sidebar's overview (README "Accounts"), in Chromium against the local
 * preview: before Score accounts the section says how to start; the button rewrites the Accounts
 * tab and lists its five best accounts as text; reopening the sidebar reads them back from the tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { finish, launchChromium, open, SCREENSHOTS, sheet } from './helpers.js';
import { createHost, loadWorkbook, writeCell, type Workbook } from '../../local/index.js';
import { EXAMPLE_AS_OF, EXAMPLE_PATH } from '../../local/preview/server.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The example workbook, set up, with Account column = Company. */
async function example(): Promise<Workbook> {
  const wb = await loadWorkbook(EXAMPLE_PATH);
  createHost(wb).run('setUpScoring');
  const settings = sheet(wb, 'Settings');
  const row = settings.values.findIndex((r) => r[0] === 'Account column');
  writeCell(settings, row + 1, 2, 'Company');
  return wb;
}

describe('Top accounts (sidebar overview)', () => {
  it('Score accounts writes the Accounts tab and lists its best five as text; a new sidebar reads them back', async () => {
    const wb = await example();
    const s = await open(browser, { workbook: wb, asOf: EXAMPLE_AS_OF });
    try {
      await expect
        .poll(() => s.sidebar.getByTestId('accounts-note').textContent(), { timeout: 15_000 })
        .toBe('No accounts yet. Set Account column (or Account from email domain) in Settings, then Score accounts.');
      expect(wb.sheets.some((x) => x.name === 'Accounts')).toBe(false);
      await s.sidebar.getByTestId('score-accounts').click();
      await expect.poll(() => s.sidebar.getByTestId('account').count(), { timeout: 15_000 }).toBe(5);
      const tab = sheet(wb, 'Accounts');
      const rows = tab.values.slice(1, 6);
      const items = await s.sidebar.getByTestId('account').allTextContents();
      // Each line: name, score and bucket, then contacts, engaged and the top reasons, as the tab holds them.
      expect(items).toEqual(
        rows.map((r) => `${r[0]} ${r[5]} ${r[6]}${r[1]} contact${r[1] === 1 ? '' : 's'}, ${r[2]} engaged${r[7] ? ` · ${r[7]}` : ''}`),
      );
      // Best first (hand-checked with npm start -- accounts): Nettle Growth LLC, 8 contacts, 6 engaged, 100, Hot.
      expect(rows[0].slice(0, 7)).toEqual(['Nettle Growth LLC', 8, 6, 100, expect.any(Number), 100, 'Hot']);
      expect(await s.sidebar.getByTestId('accounts-note').textContent()).toBe(
        'Scored 88 accounts from 240 leads (account score: best). The best 5 of 88; all in the Accounts tab.',
      );
      await s.sidebar.locator('#overview').screenshot({ path: `${SCREENSHOTS}/accounts-overview.png` });
    } finally {
      await finish(s, 'accounts');
    }
    // A new sidebar on the same workbook: read back from the Accounts tab (nothing recomputed).
    const again = await open(browser, { workbook: wb, asOf: EXAMPLE_AS_OF });
    try {
      await expect.poll(() => again.sidebar.getByTestId('account').count(), { timeout: 15_000 }).toBe(5);
      expect(await again.sidebar.getByTestId('account').first().textContent()).toContain('Nettle Growth LLC 100 Hot');
      expect(await again.sidebar.getByTestId('accounts-note').textContent()).toBe('The best 5 of 88; all in the Accounts tab.');
    } finally {
      await finish(again, 'accounts-again');
    }
  });

  it('Score now says how many Activity rows matched no lead (README "Activity")', async () => {
    const wb = await example();
    const rules = sheet(wb, 'Rules');
    const headers = rules.values[0] as string[];
    const row = rules.values.findIndex((r, i) => i > 0 && r.every((v) => v === '' || v === true)) + 1;
    const cells: Record<string, string | number | boolean> = {
      Category: 'Behaviour',
      Field: 'Activity: Pricing page',
      Operator: 'happened',
      Points: 5,
      Enabled: true,
    };
    for (const [h, v] of Object.entries(cells)) writeCell(rules, row, headers.indexOf(h) + 1, v);
    const s = await open(browser, { workbook: wb, asOf: EXAMPLE_AS_OF });
    try {
      await s.sidebar.getByTestId('score-now').click();
      await expect
        .poll(() => s.sidebar.getByTestId('score-status').textContent(), { timeout: 15_000 })
        .toContain(
          "2 Activity rows (2 lead keys, e.g. 'typo@northwind-analytcs.example', 'former.customer@oldmail.example') match no lead by Email; their events were not counted.",
        );
      // The example has one email on two Leads rows: said too.
      expect(await s.sidebar.getByTestId('score-status').textContent()).toContain(
        "1 lead key is on more than one Leads row: 'marie@starling.de' (rows 227, 241)",
      );
    } finally {
      await finish(s, 'activity-orphans');
    }
  });
});
