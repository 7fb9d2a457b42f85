/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core (no browser download) against
 * the in-process sidebar preview. A missing /usr/bin/chromium is a test failure with the fix in
 * words, never a silent skip.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { expect } from 'vitest';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page, type Request } from 'playwright-core';
import { startPreview, type Preview, type PreviewOptions } from '../../local/preview/server.js';
import { REPO_ROOT, type CellValue, type SheetModel, type Workbook } from '../../local/index.js';
import { normalizeKey } from '../../src/engine/index.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'e2e');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The browser tests need Debian's chromium package: ` +
        'run `apt-get update && apt-get install -y chromium` (as root), or set CHROMIUM_PATH. They never download a browser.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface Session {
  preview: Preview;
  context: BrowserContext;
  page: Page;
  /** The sidebar iframe inside the preview page. */
  sidebar: FrameLocator;
  /** Every request the page (and its frames) made. */
  requests: Request[];
  /** Page errors and console errors, for diagnostics. */
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a preview, opens it in a fresh context, waits until the sidebar has loaded its data. */
export async function open(browser: Browser, opts: PreviewOptions = {}): Promise<Session> {
  const preview = await startPreview({ savePath: path.join(SCREENSHOTS, 'preview.xlsx'), ...opts });
  const context = await browser.newContext({ viewport: { width: 1000, height: 1100 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(preview.url);
  const sidebar = page.frameLocator('iframe#sidebar');
  await sidebar.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    preview,
    context,
    page,
    sidebar,
    requests,
    errors,
    async screenshot(name: string) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      await context.close();
      await preview.close();
    },
  };
}

/** Every request went to the preview on 127.0.0.1 (or stayed inside the page: data:, about:). */
export function externalRequests(requests: Request[]): string[] {
  return requests.map((r) => r.url()).filter((u) => !/^(http:\/\/127\.0\.0\.1:\d+\/|data:|about:|blob:)/.test(u));
}

/** Ends a test's session: its screenshot, no request left 127.0.0.1, no page error; closed whatever happens. */
export async function finish(s: Session, name: string): Promise<void> {
  try {
    await s.screenshot(name);
    expect(externalRequests(s.requests)).toEqual([]);
    expect(s.errors).toEqual([]);
  } finally {
    await s.close();
  }
}

// ---- Workbook model access -------------------------------------------------------------------------

export function sheet(wb: Workbook, name: string): SheetModel {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

export function columnOf(s: SheetModel, header: string, headerRow = 1): number {
  const i = (s.values[headerRow - 1] ?? []).findIndex((h) => normalizeKey(h as string) === normalizeKey(header));
  if (i < 0) throw new Error(`no column ${header} in ${s.name}`);
  return i + 1;
}

/** The Settings tab's value for a setting name. */
export function setting(wb: Workbook, name: string): CellValue {
  const s = sheet(wb, 'Settings');
  const row = s.values.find((r) => normalizeKey(r[0] as string) === normalizeKey(name));
  return row ? row[1] : '';
}

/** Counts of the Bucket column of the Leads tab. */
export function bucketCounts(wb: Workbook): Record<string, number> {
  const s = sheet(wb, 'Leads');
  const c = columnOf(s, 'Bucket');
  const counts: Record<string, number> = { Hot: 0, Warm: 0, Cold: 0, Disqualified: 0 };
  for (const r of s.values.slice(1)) if (r[c - 1] !== '') counts[String(r[c - 1])] = (counts[String(r[c - 1])] ?? 0) + 1;
  return counts;
}

/** Background of the add-on's conditional-format rule for a bucket on the Leads tab. */
export function cfBackground(wb: Workbook, bucket: string): string | null | undefined {
  return sheet(wb, 'Leads').conditionalFormatRules.find((r) => r.formula.includes(`="${bucket}"`))?.background;
}

/** Reads the four bucket counts shown in the sidebar. */
export async function shownCounts(sidebar: FrameLocator): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const b of ['Hot', 'Warm', 'Cold', 'Disqualified']) {
    out[b] = Number((await sidebar.getByTestId(`count-${b}-n`).textContent())!.replace(/,/g, ''));
  }
  return out;
}
