/**
 * The sidebar in a real browser (Debian's Chromium via playwright-core) against the local preview:
 * the built dist/Sidebar.html talking through google.script.run to the built dist/Code.js running
 * in the local Apps Script host over the example workbook. Each test saves a screenshot under
 * test-results/e2e/ and checks that the page asked nothing of any host but 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import {
  finish,
  launchChromium,
  open,
  SCREENSHOTS,
  sheet,
  columnOf,
  setting,
  bucketCounts,
  cfBackground,
  shownCounts,
  type Session,
} from './helpers.js';
import { EXAMPLE_AS_OF, EXAMPLE_PATH } from '../../local/preview/server.js';
import { createSheet, loadWorkbook, columnToLetters, type CellValue, type Workbook } from '../../local/index.js';
import { runModel, starterRulesGrid, RULE_HEADERS, type LeadScore } from '../../src/engine/index.js';
import type { SaveThresholdsResult } from '../../src/shared/types.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Screenshot, then the checks every test shares: no request off 127.0.0.1, no script errors. */

async function scoreNow(s: Session): Promise<void> {
  await s.sidebar.getByTestId('score-now').click();
  await expect.poll(() => s.sidebar.getByTestId('score-status').textContent()).toMatch(/^Scored \d+ leads/);
}

const minus = (n: number) => (n < 0 ? `\u2212${-n}` : `+${n}`);

/** The example workbook with a hand-made Rules tab (Set up keeps an existing one). */
async function exampleWith(edit: (rules: CellValue[][], leads: CellValue[][]) => void): Promise<Workbook> {
  const wb = await loadWorkbook(EXAMPLE_PATH);
  const rules = starterRulesGrid() as CellValue[][];
  edit(rules, sheet(wb, 'Leads').values);
  wb.sheets.push(createSheet('Rules', rules));
  return wb;
}

describe('sidebar in Chromium against the local preview', () => {
  it('the example workbook is there', () => {
    expect(existsSync(EXAMPLE_PATH), `${EXAMPLE_PATH} is missing: run npm run examples`).toBe(true);
  });

  it('opens: overview before any run, rules healthy, nothing fetched from outside', async () => {
    const s = await open(browser);
    try {
      await expect.poll(() => s.sidebar.getByTestId('last-scored').textContent()).toMatch(/^Not scored yet/);
      expect(await shownCounts(s.sidebar)).toEqual({ Hot: 0, Warm: 0, Cold: 0, Disqualified: 0 });
      await s.sidebar.getByTestId('no-problems').waitFor();
      expect(await s.sidebar.getByTestId('hot-at').inputValue()).toBe('70');
      expect(await s.sidebar.getByTestId('warm-at').inputValue()).toBe('40');
      expect(await s.sidebar.getByTestId('colour-hot').inputValue()).toBe('#f4c7c3');
      // The page as Apps Script serves it is 300 px wide.
      const width = await s.page.locator('iframe#sidebar').evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().width);
      expect(width).toBe(300);
      const scrollWidth = await s.page.frame({ url: /\/sidebar$/ })!.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(300);
      expect(s.requests.every((r) => r.url().startsWith(s.preview.url))).toBe(true);
    } finally {
      await finish(s, '01-open');
    }
  });

  it('Score now: the button is disabled while the run is in flight, then the counts match the Bucket column', async () => {
    const s = await open(browser, { latencyMs: 700 });
    try {
      const button = s.sidebar.getByTestId('score-now');
      await button.click();
      await expect.poll(() => button.isDisabled()).toBe(true);
      expect(await s.sidebar.getByTestId('score-status').textContent()).toContain('Scoring leads');
      await s.page.screenshot({ path: `${SCREENSHOTS}/02-score-now-running.png` });
      await expect.poll(() => s.sidebar.getByTestId('score-status').textContent(), { timeout: 10_000 }).toMatch(/^Scored 240 leads/);
      await expect.poll(() => button.isDisabled()).toBe(false);
      const fromSheet = bucketCounts(s.preview.workbook);
      expect(fromSheet.Hot + fromSheet.Warm + fromSheet.Cold + fromSheet.Disqualified).toBe(240);
      await expect.poll(() => shownCounts(s.sidebar)).toEqual(fromSheet);
      // The server's own report agrees (one scoreNow call, its counts = the Bucket column).
      const report = s.preview.host.run('getOverview') as { counts: Record<string, number>; lastAsOf: string };
      expect(report.counts).toEqual(fromSheet);
      expect(await s.sidebar.getByTestId('last-scored').textContent()).toContain('as of 20 Nov 2026');
      expect(await s.sidebar.getByTestId('histogram').locator('.hist-bar').count()).toBe(10);
      expect(s.preview.rpcLog.filter((c) => c.name === 'scoreNow')).toHaveLength(1);
    } finally {
      await finish(s, '02-score-now');
    }
  });

  it('changing Hot at and a colour: counts change, and the Settings tab, Bucket cells and colours in the workbook follow', async () => {
    const s = await open(browser);
    try {
      await scoreNow(s);
      const before = await shownCounts(s.sidebar);
      const wb = s.preview.workbook;
      expect(cfBackground(wb, 'Hot')).toBe('#f4c7c3');

      await s.sidebar.getByTestId('hot-at').fill('50');
      await s.sidebar.getByTestId('colour-hot').fill('#E06666');
      await s.sidebar.getByTestId('save-thresholds').click();
      await expect
        .poll(() => s.sidebar.getByTestId('thresholds-status').textContent(), { timeout: 10_000 })
        .toContain('Saved: Hot at 50, Warm at 40.');

      // The Settings tab is the single source of truth.
      expect(setting(wb, 'Hot at')).toBe(50);
      expect(setting(wb, 'Hot colour')).toBe('#e06666');
      // Bucket cells: every scored lead at 50+ is Hot now, and more leads are Hot than before.
      const leads = sheet(wb, 'Leads');
      const [scoreCol, bucketCol] = [columnOf(leads, 'Score'), columnOf(leads, 'Bucket')];
      for (const r of leads.values.slice(1)) {
        if (r[bucketCol - 1] === '' || r[bucketCol - 1] === 'Disqualified') continue;
        expect(r[bucketCol - 1]).toBe((r[scoreCol - 1] as number) >= 50 ? 'Hot' : (r[scoreCol - 1] as number) >= 40 ? 'Warm' : 'Cold');
      }
      const after = bucketCounts(wb);
      expect(after.Hot).toBeGreaterThan(before.Hot);
      expect(after.Warm).toBeLessThan(before.Warm);
      await expect.poll(() => shownCounts(s.sidebar)).toEqual(after);
      // Conditional-format colours: the Hot rule paints the new colour; the others are unchanged.
      expect(cfBackground(wb, 'Hot')).toBe('#e06666');
      expect(cfBackground(wb, 'Warm')).toBe('#fce8b2');
      // The form shows what the Settings tab now holds (normalised).
      expect(await s.sidebar.getByTestId('colour-hot').inputValue()).toBe('#e06666');
      // The preview's Leads panel paints Hot rows in the new colour.
      const hotRow = s.page.locator('tbody#rows tr', { has: s.page.locator('td', { hasText: /^Hot$/ }) }).first();
      await expect.poll(() => hotRow.evaluate((tr) => getComputedStyle(tr).backgroundColor)).toBe('rgb(224, 102, 102)');

      // Save the workbook from the preview page: the file holds the new Settings.
      await s.page.getByTestId('save-workbook').click();
      await expect.poll(() => s.page.getByTestId('save-status').textContent()).toMatch(/^Saved to /);
      const saved = await loadWorkbook(s.preview.savePath);
      expect(setting(saved, 'Hot at')).toBe(50);
      expect(bucketCounts(saved)).toEqual(after);
    } finally {
      await finish(s, '03-thresholds-saved');
    }
  });

  it('a bad threshold (Warm ≥ Hot, text, negative, bad colour) is refused in the page and nothing is written', async () => {
    const s = await open(browser);
    try {
      const settingsBefore = JSON.stringify(sheet(s.preview.workbook, 'Settings').values);
      const cases: Array<{ hot: string; warm: string; colour?: string; field: string; message: RegExp }> = [
        { hot: '40', warm: '55', field: 'warm-at', message: /Warm at \(55\) must be below Hot at \(40\)/ },
        { hot: '60', warm: '60', field: 'warm-at', message: /Warm at \(60\) must be below Hot at \(60\)/ },
        { hot: 'seventy', warm: '40', field: 'hot-at', message: /Hot at must be a number \(got 'seventy'\)/ },
        { hot: '70', warm: '-5', field: 'warm-at', message: /Warm at cannot be negative/ },
        { hot: '170', warm: '40', field: 'hot-at', message: /above Max score \(100\)/ },
        { hot: '70', warm: '40', colour: 'red', field: 'colour-hot', message: /Hot colour 'red' is not a colour/ },
      ];
      for (const c of cases) {
        await s.sidebar.getByTestId('reset-thresholds').click();
        await s.sidebar.getByTestId('hot-at').fill(c.hot);
        await s.sidebar.getByTestId('warm-at').fill(c.warm);
        if (c.colour) await s.sidebar.getByTestId('colour-hot').fill(c.colour);
        await s.sidebar.getByTestId('save-thresholds').click();
        await expect.poll(() => s.sidebar.getByTestId('thresholds-error').textContent()).toMatch(c.message);
        expect(await s.sidebar.getByTestId(c.field).getAttribute('aria-invalid')).toBe('true');
      }
      await s.page.waitForTimeout(200);
      expect(s.preview.rpcLog.map((c) => c.name)).not.toContain('saveThresholds');
      expect(JSON.stringify(sheet(s.preview.workbook, 'Settings').values)).toBe(settingsBefore);

      // The server validates again: the same refusal over google.script.run, bypassing the form.
      const frame = s.page.frame({ url: /\/sidebar$/ })!;
      const viaWire = (await frame.evaluate(
        () =>
          new Promise((resolve) => {
            // biome-ignore lint/suspicious/noExplicitAny: google.script.run's chain is untyped in the page
            (window as unknown as { google: { script: { run: any } } }).google.script.run.withSuccessHandler(resolve).saveThresholds({
              hotAt: 30,
              warmAt: 50,
              maxScore: 100,
              colours: { hot: '#ff0000', warm: '#fce8b2', cold: '#c9daf8', disqualified: '#d9d9d9' },
            });
          }),
      )) as SaveThresholdsResult;
      expect(viaWire).toEqual({ ok: false, error: 'Warm at (50) must be below Hot at (30).' });
      const textual = s.preview.host.run('saveThresholds', {
        hotAt: 'abc',
        warmAt: 40,
        maxScore: 100,
        colours: { hot: '#ff0000', warm: '#fce8b2', cold: '#c9daf8', disqualified: '#d9d9d9' },
      }) as SaveThresholdsResult;
      expect(textual.ok).toBe(false);
      expect(textual.error).toMatch(/Hot at must be a number/);
      const negative = s.preview.host.run('saveThresholds', {
        hotAt: 70,
        warmAt: -1,
        maxScore: 100,
        colours: { hot: '#ff0000', warm: '#fce8b2', cold: '#c9daf8', disqualified: '#d9d9d9' },
      }) as SaveThresholdsResult;
      expect(negative).toEqual({ ok: false, error: 'Thresholds cannot be negative.' });
      expect(JSON.stringify(sheet(s.preview.workbook, 'Settings').values)).toBe(settingsBefore);

      // Leave the screenshot on the Warm ≥ Hot refusal.
      await s.sidebar.getByTestId('reset-thresholds').click();
      await s.sidebar.getByTestId('hot-at').fill('40');
      await s.sidebar.getByTestId('warm-at').fill('55');
      await s.sidebar.getByTestId('save-thresholds').click();
      await s.sidebar.getByTestId('thresholds-error').waitFor();
      await s.page.frame({ url: /\/sidebar$/ })!.evaluate(() => document.getElementById('thresholds')!.scrollIntoView());
    } finally {
      await finish(s, '04-bad-threshold-refused');
    }
  });

  it('a rule problem is listed with row and column, and clicking it selects that cell in the Rules tab', async () => {
    const operatorCol = RULE_HEADERS.indexOf('Operator') + 1;
    const fieldCol = RULE_HEADERS.indexOf('Field') + 1;
    const wb = await exampleWith((rules) => {
      rules[2][operatorCol - 1] = 'resembles'; // sheet row 3
      rules[4][fieldCol - 1] = 'Shoe size'; // sheet row 5
    });
    const s = await open(browser, { workbook: wb, asOf: EXAMPLE_AS_OF });
    try {
      const list = s.sidebar.getByTestId('problems');
      await expect.poll(() => s.sidebar.getByTestId('problem-count').textContent()).toBe('2');
      const first = list.getByTestId('problem-0');
      expect(await first.textContent()).toMatch(/^Rules · row 3 · Operator.*resembles/);
      expect(await list.getByTestId('problem-1').textContent()).toMatch(/^Rules · row 5 · Field.*Shoe size/);

      await first.click();
      await expect.poll(() => s.preview.workbook.activeRange).toEqual({ sheetName: 'Rules', a1: `${columnToLetters(operatorCol)}3` });
      expect(s.preview.workbook.activeSheetName).toBe('Rules');
      await expect.poll(() => s.sidebar.getByTestId('rules-status').textContent()).toBe('Selected Rules row 3, Operator.');

      await list.getByTestId('problem-1').click();
      await expect.poll(() => s.preview.workbook.activeRange).toEqual({ sheetName: 'Rules', a1: `${columnToLetters(fieldCol)}5` });

      // Score now still runs and says so; the other rules still count.
      await scoreNow(s);
      expect(await s.sidebar.getByTestId('score-status').textContent()).toContain('2 rule problems');
      await s.page.frame({ url: /\/sidebar$/ })!.evaluate(() => document.getElementById('rules-health')!.scrollIntoView());
    } finally {
      await finish(s, '05-rule-problems');
    }
  });

  it('Explain shows the engine’s own contributions, decay and next step for the selected row', async () => {
    const s = await open(browser);
    try {
      // The engine's answer for every lead, straight from the tabs (the workbook is in UTC).
      const wb = s.preview.workbook;
      const leads = sheet(wb, 'Leads');
      const run = runModel({
        settings: sheet(wb, 'Settings').values,
        rules: sheet(wb, 'Rules').values,
        headers: leads.values[0],
        rows: leads.values.slice(1),
        firstRow: 2,
        today: new Date(),
        spreadsheetTimeZone: 'UTC',
      });
      // A Warm lead with a decayed behaviour signal: the most telling explanation.
      const lead = run.leads.find(
        (l): l is LeadScore =>
          !!l &&
          l.bucket === 'Warm' &&
          l.contributions.some((c) => c.ageDays !== null && c.ageDays > 0 && c.halfLifeDays !== null && !c.expired),
      )!;
      expect(lead).toBeTruthy();

      await scoreNow(s);
      await s.page.getByTestId('row-input').fill(String(lead.row));
      await s.page.getByTestId('select-row').click();
      await expect.poll(() => s.preview.workbook.activeRange).toEqual({ sheetName: 'Leads', a1: `A${lead.row}` });
      await s.sidebar.getByTestId('explain-row').click();
      const card = s.sidebar.getByTestId('explanation');
      await card.waitFor();

      const name = String(leads.values[lead.row - 1][columnOf(leads, 'Name') - 1]);
      expect(await card.getByTestId('explain-title').textContent()).toBe(name);
      expect(await card.getByTestId('explain-score').textContent()).toBe(String(lead.score));
      expect(await card.getByTestId('explain-bucket').textContent()).toBe('Warm');
      expect(await card.getByTestId('explain-parts').textContent()).toBe(
        `Fit ${minus(lead.fit)} · Behaviour ${minus(lead.behaviour)} · Negative ${lead.negative === 0 ? '0' : minus(lead.negative)}`,
      );
      expect(await card.getByTestId('explain-next').textContent()).toBe(`Needs +${70 - lead.score} for Hot.`);

      const expected = lead.contributions
        .slice()
        .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleRow - b.ruleRow)
        .filter((c) => Math.round(Math.abs(c.points)) !== 0);
      const counted = card.getByTestId('contributions').getByTestId('contribution');
      expect(await counted.getByTestId('contribution-label').allTextContents()).toEqual(expected.map((c) => c.label));
      expect(await counted.getByTestId('contribution-points').allTextContents()).toEqual(expected.map((c) => minus(Math.round(c.points))));
      // Decay: from → to, age and half-life, for each decayed signal.
      const notes = (await counted.getByTestId('contribution-note').allTextContents()).join('\n');
      for (const c of expected.filter((x) => x.ageDays && x.halfLifeDays && !x.expired && !x.noDate)) {
        const r1 = (n: number) => String(Math.round(Math.abs(n) * 10) / 10);
        expect(notes).toContain(`Decayed ${r1(c.base)} → ${r1(c.points)} · ${c.ageDays} d old · half-life ${c.halfLifeDays} d`);
      }
      // And it agrees with the Why cell Score leads wrote for that row.
      const why = String(leads.values[lead.row - 1][columnOf(leads, 'Why') - 1]).replace(/^'/, '');
      for (const c of expected) expect(why).toContain(`${minus(Math.round(c.points))} ${c.label}`);
      expect(await s.page.getByTestId('selection').textContent()).toBe(`Selection: Leads!A${lead.row}`);
      await s.page.frame({ url: /\/sidebar$/ })!.evaluate(() => document.getElementById('explain')!.scrollIntoView());
    } finally {
      await finish(s, '06-explain');
    }
  });

  it('lead data is text: an HTML/script payload in a name or a rule shows literally and runs nothing', async () => {
    const payloads = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=2</script>', '<svg onload=window.__pwned=3>'];
    const fieldPayload = '<img src=x onerror=window.__pwned=4>';
    const wb = await exampleWith((rules, leads) => {
      const nameCol = leads[0].indexOf('Name');
      payloads.forEach((p, i) => {
        leads[1 + i][nameCol] = p;
      });
      rules[3][RULE_HEADERS.indexOf('Field')] = fieldPayload; // sheet row 4: an unknown field
    });
    const s = await open(browser, { workbook: wb, asOf: EXAMPLE_AS_OF });
    try {
      await scoreNow(s);
      const frame = s.page.frame({ url: /\/sidebar$/ })!;
      for (let i = 0; i < payloads.length; i++) {
        await s.page.getByTestId('row-input').fill(String(2 + i));
        await s.page.getByTestId('select-row').click();
        await expect.poll(() => s.preview.workbook.activeRange?.a1).toBe(`A${2 + i}`);
        await s.sidebar.getByTestId('explain-row').click();
        await expect.poll(() => s.sidebar.getByTestId('explain-title').textContent()).toBe(payloads[i]);
        expect(await s.sidebar.locator('#explanation img, #explanation script, #explanation svg').count()).toBe(0);
      }
      // The rule problem naming the payload field is text too.
      expect(await s.sidebar.getByTestId('problems').textContent()).toContain(fieldPayload);
      expect(await s.sidebar.locator('#problems img').count()).toBe(0);
      // The preview's own Leads panel shows the names as text as well.
      expect(await s.page.locator('tbody#rows td.name').first().textContent()).toBe(payloads[0]);
      expect(await s.page.locator('tbody#rows img, tbody#rows svg').count()).toBe(0);

      await s.page.waitForTimeout(300); // give any onerror/onload a chance to fire
      expect(await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await s.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      // An <img src=x> that was parsed would have requested /x.
      expect(s.requests.map((r) => new URL(r.url()).pathname)).not.toContain('/x');
      await frame.evaluate(() => document.getElementById('rules-health')!.scrollIntoView());
    } finally {
      await finish(s, '07-html-payload-as-text');
    }
  });

  it('failures are shown in words: no Rules tab, and a server error delivered to the failure handler', async () => {
    const s = await open(browser);
    try {
      const wb = s.preview.workbook;
      const [rulesTab] = wb.sheets.splice(
        wb.sheets.findIndex((x) => x.name === 'Rules'),
        1,
      );
      await s.sidebar.getByTestId('score-now').click();
      await expect
        .poll(() => s.sidebar.getByTestId('score-status').textContent())
        .toMatch(/There is no 'Rules' tab\. Run Set up scoring first/);
      expect(await s.sidebar.getByTestId('score-status').getAttribute('class')).toContain('error');
      expect(await s.sidebar.getByTestId('score-now').isDisabled()).toBe(false);
      wb.sheets.push(rulesTab);

      // The server throws (e.g. a service outage): google.script.run calls the failure handler.
      const realRun = s.preview.host.run;
      s.preview.host.run = () => {
        throw Object.assign(new Error('Service Spreadsheets failed while accessing document with id local.'), { name: 'Exception' });
      };
      try {
        await s.sidebar.getByTestId('score-now').click();
        await expect
          .poll(() => s.sidebar.getByTestId('score-status').textContent())
          .toBe('Exception: Service Spreadsheets failed while accessing document with id local.');
        await s.sidebar.getByTestId('explain-row').click();
        await expect.poll(() => s.sidebar.getByTestId('explain-error').textContent()).toContain('Service Spreadsheets failed');
      } finally {
        s.preview.host.run = realRun;
      }
      expect(await s.sidebar.getByTestId('score-now').isDisabled()).toBe(false);
      // Explain with no lead row selected says what to do.
      s.preview.host.setActiveRange('Settings', 'B2');
      await s.sidebar.getByTestId('explain-row').click();
      await expect.poll(() => s.sidebar.getByTestId('explain-error').textContent()).toBe("Select a lead's row in the 'Leads' tab.");
    } finally {
      await finish(s, '08-errors-in-words');
    }
  });

  it('the sidebar alone (as Apps Script serves it) fetches nothing: one document, no external asset', async () => {
    const s = await open(browser);
    try {
      const page = await s.context.newPage();
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      await page.setViewportSize({ width: 300, height: 900 });
      await page.goto(`${s.preview.url}sidebar`);
      await page.locator('body[data-ready="true"]').waitFor();
      const other = urls.filter((u) => !u.startsWith(s.preview.url));
      expect(other).toEqual([]);
      // Only the document itself and google.script.run calls.
      expect(urls.map((u) => new URL(u).pathname).filter((p) => p !== '/rpc')).toEqual(['/sidebar']);
      // The built file has no external reference at all.
      const html = await (await fetch(`${s.preview.url}sidebar`)).text();
      expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
      expect(html).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
      await page.screenshot({ path: `${SCREENSHOTS}/09-sidebar-alone.png`, fullPage: true });
      await page.close();
    } finally {
      await finish(s, '09-preview');
    }
  });
});
