/**
 * "Running by itself" in Chromium against the local preview (README "Running by itself"): the
 * Rescore new form responses and Email digest switches install and remove the one form-submit
 * trigger and the digest setting on the server, and say what happened last in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { finish, launchChromium, open, sheet, type Session } from './helpers.js';
import { createHost, createSheet, createWorkbook, type CellValue } from '../../local/index.js';
import { EXAMPLE_LEAD_HEADERS } from '../../src/engine/index.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const formTriggers = (s: Session) => s.preview.host.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT');

describe('Running by itself (sidebar switches)', () => {
  it('both switches start off; each turns its feature on and off on the server', async () => {
    const s = await open(browser, { hostOptions: { userEmail: 'founder@startup.io' } });
    try {
      const form = s.sidebar.getByTestId('switch-form');
      const digest = s.sidebar.getByTestId('switch-digest');
      expect(await form.isChecked()).toBe(false);
      expect(await digest.isChecked()).toBe(false);
      expect(await s.sidebar.getByTestId('switch-digest-note').textContent()).toMatch(/^Off\./);

      await form.click();
      await expect.poll(() => s.sidebar.getByTestId('switch-form-note').textContent()).toBe('On. No form response has arrived since.');
      expect(await form.isChecked()).toBe(true);
      expect(formTriggers(s).length).toBe(1);

      await digest.click();
      await expect
        .poll(() => s.sidebar.getByTestId('switch-digest-note').textContent())
        .toMatch(/^On: sent to founder@startup\.io after daily runs with changes\. Rescore every day is off/);
      expect(JSON.parse(s.preview.host.properties.document.get('leadScoring.emailDigest')!)).toEqual({
        on: true,
        recipient: 'founder@startup.io',
      });
      await s.screenshot('switches-on');

      await form.click();
      await expect.poll(() => s.sidebar.getByTestId('switch-form-note').textContent()).toMatch(/^Off\./);
      expect(formTriggers(s)).toEqual([]);
      await digest.click();
      await expect.poll(() => s.sidebar.getByTestId('switch-digest-note').textContent()).toMatch(/^Off\./);
      expect(s.preview.host.properties.document.has('leadScoring.emailDigest')).toBe(false);
    } catch (e) {
      await s.close();
      throw e;
    }
    await finish(s, 'switches-off');
  });

  it('shows the last form response and a digest skipped for quota, in words', async () => {
    const rows: CellValue[][] = [[...EXAMPLE_LEAD_HEADERS]];
    const wb = createWorkbook([createSheet('Leads', rows)], { timeZone: 'UTC' });
    const host = createHost(wb);
    host.run('setUpScoring');
    const s = await open(browser, { workbook: wb, asOf: '2026-11-20' });
    try {
      s.preview.host.run('setFormResponsesSwitch', true);
      s.preview.host.run('scoreLeads');
      const answer = EXAMPLE_LEAD_HEADERS.map((h) => (h === 'Name' ? '<img src=x onerror=alert(1)>' : h === 'Title' ? 'VP Sales' : ''));
      const { row } = s.preview.host.submitForm(answer);
      s.preview.host.properties.document.set(
        'leadScoring.lastDigest',
        JSON.stringify({ at: '2026-11-20T07:02:00Z', sent: false, message: 'Digest skipped: daily email quota used up.' }),
      );
      await s.page.reload();
      await s.sidebar.locator('body[data-ready="true"]').waitFor();
      // Fit 12 (VP) and nothing else, by hand: score 12, Cold (below Warm at 40).
      await expect
        .poll(() => s.sidebar.getByTestId('switch-form-note').textContent())
        .toMatch(new RegExp(`^On\\. Last response: row ${row}, .*: score 12, Cold\\.$`));
      await expect.poll(() => s.sidebar.getByTestId('digest-last').textContent()).toMatch(/Digest skipped: daily email quota used up\.$/);
      expect(await s.sidebar.locator('#running img').count()).toBe(0);
      expect(sheet(s.preview.workbook, 'Leads').values[row - 1][0]).toBe('<img src=x onerror=alert(1)>');
    } catch (e) {
      await s.close();
      throw e;
    }
    await finish(s, 'switches-last-response');
  });
});
