/**
 * Issue 13: `npm start -- backtest` prints the challenger beside Rules when Settings names one
 * (README "Does the score work?"). A workbook with a Rules tab and a second rules tab, figures by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/index.js';
import { RULE_HEADERS } from '../../src/engine/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-challenger-'));
const CLI = join(REPO_ROOT, 'local', 'cli.ts');

describe('npm start -- backtest with a Challenger rules tab', () => {
  it('prints the AUC of each, conversion by bucket of each and the leads that would move', async () => {
    const wb = new ExcelJS.Workbook();
    const leads = wb.addWorksheet('Leads');
    leads.addRow(['Name', 'Title', 'Status']);
    // 25 VPs (12 won), 25 Engineers (3 won).
    for (let i = 0; i < 25; i++) leads.addRow([`VP ${i}`, 'VP', i < 12 ? 'won' : 'lost']);
    for (let i = 0; i < 25; i++) leads.addRow([`Eng ${i}`, 'Engineer', i < 3 ? 'won' : 'lost']);
    const rule = (value: string) => ['Fit', 'Title', 'is', value, 80, '', '', '', '', '', '', true, ''];
    wb.addWorksheet('Rules').addRows([[...RULE_HEADERS], rule('VP')]);
    wb.addWorksheet('Rules (b)').addRows([[...RULE_HEADERS], rule('Engineer')]);
    wb.addWorksheet('Settings').addRows([
      ['Setting', 'Value'],
      ['Outcome column', 'Status'],
      ['Challenger rules', 'Rules (b)'],
      ['As-of date', '2026-11-20'],
    ]);
    const file = join(dir, 'two-models.xlsx');
    await wb.xlsx.writeFile(file);
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'backtest', file], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    // Rules: won VPs beat lost Engineers 12×22 = 264, ties ½·(12×13 + 3×22) = 111 → 375/525 = 0.714.
    // Challenger: won Engineers beat lost VPs 3×13 = 39, the same ties 111 → 150/525 = 0.286.
    expect(r.stdout).toContain('Challenger: Rules (b) beside Rules (same decided leads, same settings)');
    expect(r.stdout).toContain('AUC: Rules 0.714, Rules (b) 0.286.');
    expect(r.stdout).toMatch(/Hot\s+25\s+12\s+48 %\s+25\s+3\s+12 %/);
    expect(r.stdout).toContain('50 decided leads would move bucket: 25 up, 25 down (0 stay).');
  }, 60_000);
});
