import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  createHost,
  createSheet,
  createWorkbook,
  REPO_ROOT,
  writeCell,
  type CellValue,
  type HostOptions,
  type SheetModel,
} from '../../local/index';
import type { RunChanges } from '../../src/engine/changes';
import { H, day, setSetting, sheetOf } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS as leads } from '../helpers/sample';

/**
 * sendDigest through the host: the built add-on (dist/Code.js) plus a small bundle of
 * src/alerts/digest.ts, so a test can hand it a RunChanges it built (the last tests go through the
 * daily run, which finds its own).
 */
const harness = (() => {
  const out = buildSync({
    stdin: { contents: "export { sendDigest } from './src/alerts/digest';", resolveDir: REPO_ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'DigestHarness',
    write: false,
    target: 'es2020',
  });
  return `${out.outputFiles[0].text}\nfunction sendDigestForTest(changes) { return DigestHarness.sendDigest(changes); }`;
})();

function hostFor(opts: HostOptions = {}) {
  const wb = createWorkbook([createSheet('Leads', [[...H], ...leads])], { timeZone: 'UTC', name: 'Leads <Q4>' });
  const code = `${readFileSync(path.join(REPO_ROOT, 'dist', 'Code.js'), 'utf8')}\n${harness}`;
  const host = createHost(wb, { code, userEmail: 'founder@startup.io', ...opts });
  host.run('setUpScoring');
  setSetting(wb, 'As-of date', day(ASOF));
  return { wb, host };
}

/** Overwrites some input cells of a lead's row (1-based sheet row), by header name. */
function writeLeadCells(sheet: SheetModel, row: number, fields: Partial<Record<(typeof H)[number], CellValue>>): void {
  for (const [k, v] of Object.entries(fields)) writeCell(sheet, row, H.indexOf(k as (typeof H)[number]) + 1, v as CellValue);
}

const change = {
  row: 3,
  key: 'bo@gmail.com',
  name: 'Bo <script>alert(1)</script> & "Co"',
  oldBucket: 'Warm' as const,
  oldScore: 64,
  newBucket: 'Hot' as const,
  newScore: 71,
  topReason: '+30 Demo requested',
};
const changes: RunChanges = { date: ASOF, becameHot: [change], leftHot: [], newDisqualified: [], all: [change], goingCold: [] };
const nothing: RunChanges = { date: ASOF, becameHot: [], leftHot: [], newDisqualified: [], all: [], goingCold: [] };
const lastDigest = (host: ReturnType<typeof hostFor>['host']) =>
  JSON.parse(host.properties.document.get('leadScoring.lastDigest') ?? 'null');

describe('the email digest through the host', () => {
  it('is off by default: no email', () => {
    const { host } = hostFor();
    expect(host.run('getAutomation')).toMatchObject({ ok: true, digest: { on: false, recipient: null, last: null } });
    expect(host.run('sendDigestForTest', changes)).toBeNull();
    expect(host.outbox).toEqual([]);
  });

  it('turned on, sends one email to the person who turned it on, lead text escaped in the HTML', () => {
    const { wb, host } = hostFor();
    expect(host.run('setDigestSwitch', true)).toMatchObject({ ok: true, digest: { on: true, recipient: 'founder@startup.io' } });
    host.run('sendDigestForTest', changes);
    expect(host.outbox.length).toBe(1);
    const mail = host.outbox[0];
    const gid = sheetOf(wb, 'Leads').sheetId;
    expect(mail).toMatchObject({ to: ['founder@startup.io'], name: 'Lead scoring', subject: 'Lead scoring: 1 became Hot (Leads <Q4>)' });
    expect(mail.body).toContain('- Bo <script>alert(1)</script> & "Co" — score 71 — +30 Demo requested');
    expect(mail.body).toContain(`https://docs.google.com/spreadsheets/d/${wb.id}/edit#gid=${gid}&range=A3`);
    expect(mail.htmlBody).toContain('Bo &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; — score 71');
    expect(mail.htmlBody).toContain('<b>Leads &lt;Q4&gt;</b>');
    expect(mail.htmlBody).not.toContain('<script');
    expect(lastDigest(host)).toMatchObject({ sent: true, message: 'Digest sent to founder@startup.io: 1 became Hot (Leads <Q4>).' });
    expect(host.run('getAutomation')).toMatchObject({ digest: { last: { sent: true } } });
  });

  it('no email when nothing changed', () => {
    const { host } = hostFor();
    host.run('setDigestSwitch', true);
    host.run('sendDigestForTest', nothing);
    expect(host.outbox).toEqual([]);
    expect(lastDigest(host)).toMatchObject({ sent: false, message: 'No digest: no lead became Hot, left Hot or became Disqualified.' });
  });

  it('checks the daily quota first: with none left, records "digest skipped: daily email quota used up"', () => {
    const { host } = hostFor({ mailDailyQuota: 0 });
    host.run('setDigestSwitch', true);
    host.run('sendDigestForTest', changes);
    expect(host.outbox).toEqual([]);
    expect(lastDigest(host).message).toMatch(/^digest skipped: daily email quota used up/i);
    expect(host.calls.byMethod['MailApp.sendEmail']).toBeUndefined();
    const view = host.run('getAutomation') as { digest: { last: { message: string } } };
    expect(view.digest.last.message).toMatch(/daily email quota used up/);
  });

  it('turned off, nobody gets it; without the user’s address it is not turned on, and says why', () => {
    const { host } = hostFor();
    host.run('setDigestSwitch', true);
    expect(host.run('setDigestSwitch', false)).toMatchObject({ ok: true, digest: { on: false, recipient: null } });
    host.run('sendDigestForTest', changes);
    expect(host.outbox).toEqual([]);
    const anonymous = hostFor({ userEmail: '' }).host;
    expect(anonymous.run('setDigestSwitch', true)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not tell Lead scoring your email address/),
    });
  });

  it('the first daily run (nothing to compare with yet) sends no digest, and still scores', () => {
    const { wb, host } = hostFor();
    host.run('setDigestSwitch', true);
    host.run('setDailyRescore', true);
    expect(host.fireTimeTriggers()).toEqual([expect.objectContaining({ error: null })]);
    expect(sheetOf(wb, 'Leads').values[0]).toContain('Score');
    expect(host.outbox).toEqual([]);
    expect(lastDigest(host)).toMatchObject({ sent: false });
  });

  it('after a daily run where a lead became Hot, one digest lists it', () => {
    const { wb, host } = hostFor();
    host.run('setDigestSwitch', true);
    host.run('setDailyRescore', true);
    host.fireTimeTriggers(); // the first run: yesterday's buckets, no email
    // Bo becomes Hot, by hand: fit 15 (size 200) + 12 (Founder) + 10 (SaaS) + 5 (Canada) = 42;
    // behaviour 30 (demo today) + 8.88 (downloads and clicks, as in the sample) = 38.88;
    // negative −10 (gmail). 42 + 38.88 − 10 = 70.88 → 71 ≥ 70.
    writeLeadCells(sheetOf(wb, 'Leads'), 3, { 'Company size': 200, Industry: 'SaaS', Country: 'Canada', 'Demo requested': day(ASOF) });
    host.fireTimeTriggers();
    expect(host.outbox).toHaveLength(1);
    const mail = host.outbox[0];
    expect(mail.subject).toMatch(/^Lead scoring: 1 became Hot/);
    expect(mail.body).toContain('- Bo — score 71');
    expect(lastDigest(host)).toMatchObject({ sent: true });
  });
});
