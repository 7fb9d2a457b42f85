/** `npm start -- accounts …` (README "Accounts"): the example workbook, Company as the account column (the CLI's fallback). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-accounts-'));
const CLI = join(REPO_ROOT, 'local', 'cli.ts');

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe('npm start -- accounts', () => {
  it('rolls the example up into accounts, prints the best and writes the Accounts tab as CSV', () => {
    const out = join(dir, 'accounts.csv');
    const r = cli('accounts', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("Account column is blank in Settings: using the Leads column 'Company'");
    expect(r.stdout.split('\n')[0]).toBe('Scored 88 accounts from 240 leads (account score: best).');
    const rows = parse(readFileSync(out, 'utf8')) as string[][];
    expect(rows[0]).toEqual([
      'Account',
      'Contacts',
      'Engaged contacts',
      'Best contact score',
      'Top 3 sum',
      'Account score',
      'Account bucket',
      'Top reasons',
    ]);
    expect(rows).toHaveLength(89);
    expect(rows[1].slice(0, 3)).toEqual(['Nettle Growth LLC', '8', '6']);
    expect(rows[1][5]).toBe('100');
  });

  it('--from-email-domain --method "top 3 average" --json', () => {
    const r = cli('accounts', '--account-column', 'Nope', '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Account column 'Nope' (Settings) is not a Leads column.");
    const ok = cli(
      'accounts',
      '--from-email-domain',
      '--method',
      'top 3 average',
      '--account-column',
      '',
      '--json',
      '--out',
      join(dir, 'b.csv'),
    );
    expect(ok.status, ok.stderr).toBe(0);
    const json = JSON.parse(ok.stdout) as { summary: string; accounts: unknown[][] };
    // By email domain the free-email leads (about 15 %) have no account, said in the summary.
    expect(json.summary).toMatch(
      /^Scored \d+ accounts from 240 leads \(account score: top 3 average\)\. \d+ leads have no account \(\d+ with a free-email address\)\.$/,
    );
  });
});
