/**
 * The Export model as SQL dialog in Chromium (README "When your leads outgrow Sheets"): the page the
 * menu opens (built by the bundle in the local host), BigQuery first; the dialect switch shows the
 * DuckDB SQL; Copy selects the whole query and copies it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, open, SCREENSHOTS } from './helpers';
import { setUpWorkbook } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS } from '../helpers/sample';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('Export model as SQL dialog', () => {
  it('switches dialect and copies the SQL', async () => {
    const { host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    host.run('showExportSql');
    const html = host.ui.dialogs[0].html;
    const bigquery = host.run('exportModelAsSql', 'bigquery') as { sql: string };
    const duckdb = host.run('exportModelAsSql', 'duckdb') as { sql: string };
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent(html);
    const box = page.locator('#sql');
    expect(await box.inputValue()).toBe(bigquery.sql);
    expect(await page.locator('#note').textContent()).toContain('One SELECT over the table my_project.crm.leads');
    await page.locator('input[value=duckdb]').check();
    expect(await box.inputValue()).toBe(duckdb.sql);
    expect(await page.locator('#note').textContent()).toContain('Run it in DuckDB');
    expect(await box.getAttribute('readonly')).not.toBeNull();
    await page.locator('#copy').click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/Copied|Select the text/);
    // The whole query is selected (what Ctrl+C would copy when the browser refuses the clipboard).
    const selected = await box.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
    expect(selected).toBe(duckdb.sql);
    expect(errors).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'export-sql.png') });
    await context.close();
  }, 60_000);

  it('the sidebar button opens the same dialog', async () => {
    const s = await open(browser);
    try {
      const before = s.preview.host.ui.dialogs.length;
      await s.sidebar.getByTestId('export-sql-open').click();
      await expect.poll(() => s.preview.host.ui.dialogs.length, { timeout: 15_000 }).toBe(before + 1);
      expect(s.preview.host.ui.dialogs.at(-1)?.title).toBe('Export model as SQL');
      await expect.poll(() => s.sidebar.getByTestId('export-sql-status').textContent()).toBe('');
    } finally {
      await s.close();
    }
  }, 60_000);
});
