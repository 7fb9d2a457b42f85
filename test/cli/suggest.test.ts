/**
 * Issue 13: `npm start -- suggest …` (README "Tune the model from outcomes" "CLI"). On a small generated
 * CSV where one column decides the outcome: the suggested rules CSV holds a rule on it with
 * positive points, and `npm start -- leads.csv --rules suggested-rules.csv --settings
 * suggested-settings.csv` scores with them. On the public X Education set when present: the
 * holdout AUC the CLI reports is ≥ 0.89. The data sets are never copied into the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/index.js';
import { RULE_HEADERS } from '../../src/engine';

const dir = mkdtempSync(join(tmpdir(), 'cli-suggest-'));
const CLI = join(REPO_ROOT, 'local', 'cli.ts');
const XED = join(REPO_ROOT, '..', 'shared', 'data', 'xeducation-leads.csv');

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Plan decides the outcome: Pro 60 won + 10 lost, Free 10 won + 70 lost, plus 10 open Free leads;
 * Region alternates whatever the outcome (the leads of test/bundle/suggest.test.ts, as a CSV).
 */
function leadsCsv(n = { proWon: 60, proLost: 10, freeWon: 10, freeLost: 70 }): string {
  const rows = ['Name,Plan,Region,Status'];
  let i = 0;
  const add = (plan: string, status: string, count: number) => {
    for (let k = 0; k < count; k++, i++) rows.push(`Lead ${i},${plan},${i % 2 ? 'North' : 'South'},${status}`);
  };
  add('Pro', 'won', n.proWon);
  add('Pro', 'lost', n.proLost);
  add('Free', 'won', n.freeWon);
  add('Free', 'lost', n.freeLost);
  add('Free', '', 10);
  return `${rows.join('\n')}\n`;
}

const readCsv = (file: string): string[][] => parse(readFileSync(file, 'utf8'), { bom: true }) as string[][];

describe('npm start -- suggest on a small CSV', () => {
  const leads = join(dir, 'leads.csv');
  writeFileSync(leads, leadsCsv());
  const rulesOut = join(dir, 'suggested-rules.csv');
  const settingsOut = join(dir, 'suggested-settings.csv');

  it('writes a rule on the deciding column with positive points, the settings CSV, and prints the comparison', () => {
    const r = cli('suggest', leads, '--out', rulesOut, '--settings-out', settingsOut);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("Outcome column is blank in Settings: using the Leads column 'Status'");
    const rules = readCsv(rulesOut);
    expect(rules[0]).toEqual([...RULE_HEADERS]);
    // One yes/no rule spans the whole 0..100 scale (its 1st and 99th percentiles), Base score 0.
    expect(rules).toHaveLength(2);
    expect(rules[1].slice(0, 12)).toEqual(['Fit', 'Plan', 'is', 'Pro', '100', '', '', '', '', '', '', 'TRUE']);
    expect(rules[1][12]).toMatch(/^converts \d+ % vs 47 % overall, \d+ training leads$/);
    const settings = Object.fromEntries(readCsv(settingsOut).map((x) => [x[0], x[1]]));
    expect(settings).toMatchObject({ Setting: 'Value', 'Base score': '0', 'Hot at': '70', 'Warm at': '40', 'Outcome column': 'Status' });
    expect(r.stdout).toContain('Fit          100  Plan is Pro');
    expect(r.stdout).toContain('Base score 0; Hot at 70, Warm at 40.');
    // The holdout of test/bundle/suggest.test.ts (same rows, same seed): 18 Pro (16 won, 2 lost),
    // 27 Free (5 won, 22 lost): AUC (16 × 22 + ½ (16 × 2 + 5 × 22)) ÷ (21 × 24) = 423 ÷ 504 = 0.839;
    // the starter rules read none of these columns: every lead 0, AUC 0.5.
    expect(r.stdout).toContain('AUC: current 0.500, suggested 0.839.');
    expect(r.stdout).toContain('18 of 45 holdout leads would change bucket.');
    expect(r.stdout).toContain('  - Name: an id or a name');
  });

  it('npm start -- leads.csv --rules suggested-rules.csv --settings suggested-settings.csv scores with the suggestion', () => {
    if (!existsSync(rulesOut)) cli('suggest', leads, '--out', rulesOut, '--settings-out', settingsOut);
    const out = join(dir, 'scored.csv');
    const r = cli(leads, '--rules', rulesOut, '--settings', settingsOut, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const scored = readCsv(out);
    const [plan, score, bucket] = ['Plan', 'Score', 'Bucket'].map((h) => scored[0].indexOf(h));
    // Pro: Base 0 + 100 = 100, Hot; Free: 0, Cold.
    for (const row of scored.slice(1)) {
      expect([row[score], row[bucket]]).toEqual(row[plan] === 'Pro' ? ['100', 'Hot'] : ['0', 'Cold']);
    }
  });

  it('--json: every figure as one object; --max-rules 1', () => {
    const r = cli('suggest', leads, '--out', join(dir, 'r1.csv'), '--settings-out', join(dir, 's1.csv'), '--max-rules', '1', '--json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ ok: true, baseScore: 0, hotAt: 70, warmAt: 40, training: 105, holdout: 45, candidates: 4 });
    expect(j.rules).toEqual([expect.objectContaining({ category: 'Fit', field: 'Plan', operator: 'is', value: 'Pro', points: 100 })]);
    expect(j.comparison.suggested.overall.auc).toBeCloseTo(423 / 504, 12);
  });

  it('bad input: too few decided leads is the engine sentence, exit 1, no file written', () => {
    const few = join(dir, 'few.csv');
    writeFileSync(few, leadsCsv({ proWon: 30, proLost: 5, freeWon: 5, freeLost: 20 }));
    const before = readdirSync(dir).sort();
    const r = cli('suggest', few, '--out', join(dir, 'no-rules.csv'), '--settings-out', join(dir, 'no-settings.csv'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      'Only 60 decided leads (35 won, 25 lost): suggesting points needs at least 100, with 20 or more of each. Nothing is suggested.',
    );
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('a bad --max-rules is said in words', () => {
    const r = cli('suggest', leads, '--max-rules', 'ten');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--max-rules 'ten' is not a whole number from 1 to 50.");
  });
});

describe('npm start -- suggest on the public X Education set', () => {
  it.skipIf(!existsSync(XED))(
    'without Tags, Lead Quality, Lead Profile, the Asymmetrique columns and the ids: holdout AUC ≥ 0.89 with ≤ 10 rules',
    () => {
      const leaveOut = [
        'Tags',
        'Lead Quality',
        'Lead Profile',
        'Asymmetrique Activity Index',
        'Asymmetrique Profile Index',
        'Asymmetrique Activity Score',
        'Asymmetrique Profile Score',
        'Lead Number',
        'Prospect ID',
      ];
      const rulesOut = join(dir, 'xed-rules.csv');
      const r = cli(
        'suggest',
        XED,
        '--rules',
        join(REPO_ROOT, 'examples', 'xeducation-rules.csv'),
        '--outcome',
        'Converted',
        '--leave-out',
        leaveOut.join(','),
        '--out',
        rulesOut,
        '--settings-out',
        join(dir, 'xed-settings.csv'),
      );
      expect(r.status, r.stderr).toBe(0);
      const m = /AUC: current (\d\.\d{3}), suggested (\d\.\d{3})\./.exec(r.stdout);
      expect(m, r.stdout).not.toBeNull();
      console.log(`X Education through the CLI: current ${m![1]}, suggested ${m![2]}`);
      expect(Number(m![2])).toBeGreaterThanOrEqual(0.89);
      const rules = readCsv(rulesOut).slice(1);
      expect(rules.length).toBeLessThanOrEqual(10);
      expect(rules.some((x) => leaveOut.includes(x[1]))).toBe(false);
    },
  );
  it.skipIf(existsSync(XED))('skipped: ../shared/data/xeducation-leads.csv is absent', () => {
    console.log('X Education set absent (../shared/data/xeducation-leads.csv): its suggest test is skipped.');
  });
});
