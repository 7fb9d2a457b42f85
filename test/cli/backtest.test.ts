/**
 * Issue 12: `npm start -- backtest …` (README "Does the score work?"). On a small CSV whose figures
 * are counted by hand; and on the public X Education and bank marketing sets when present: the AUC
 * the CLI prints (--json) equals a Mann–Whitney AUC computed here from the CLI's own scored output
 * (`npm start -- <file> --out tmp.csv`, its Score column and the outcome column). The data sets are
 * never copied into the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-backtest-'));
const CLI = join(REPO_ROOT, 'local', 'cli.ts');
const DATA = join(REPO_ROOT, '..', 'shared', 'data');

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** AUC by Mann–Whitney: over every (won, lost) pair, 1 when the won lead scored higher, ½ on a tie. Counted through sorted distinct scores. */
function mannWhitney(scores: number[], won: boolean[]): number {
  const at = new Map<number, { won: number; lost: number }>();
  scores.forEach((s, i) => {
    const g = at.get(s) ?? { won: 0, lost: 0 };
    if (won[i]) g.won++;
    else g.lost++;
    at.set(s, g);
  });
  let lostBelow = 0;
  let pairs = 0;
  for (const s of [...at.keys()].sort((a, b) => a - b)) {
    const g = at.get(s)!;
    pairs += g.won * (lostBelow + g.lost / 2);
    lostBelow += g.lost;
  }
  const w = won.filter(Boolean).length;
  return pairs / (w * (won.length - w));
}

/** Rules: a Pro plan +40, a Team plan +20 (README "The Rules tab"). */
const RULES = [
  'Category,Field,Operator,Value,Points,Per,Repeat factor,Max points,Date field,Half-life days,Expires after days,Enabled,Note',
  'Fit,Plan,is,Pro,40,,,,,,,TRUE,',
  'Fit,Plan,is,Team,20,,,,,,,TRUE,',
].join('\n');

/** 40 leads: Pro 10 won + 2 lost, Team 6 won + 6 lost, Free 2 won + 10 lost, and 4 Free still open (blank). */
function smallCsv(outcomeHeader: string): string {
  const rows: string[] = [`Name,Plan,${outcomeHeader}`];
  const add = (plan: string, outcome: string, n: number) => {
    for (let i = 0; i < n; i++) rows.push(`${plan} ${outcome || 'open'} ${i + 1},${plan},${outcome}`);
  };
  add('Pro', 'won', 10);
  add('Pro', 'lost', 2);
  add('Team', 'won', 6);
  add('Team', 'lost', 6);
  add('Free', 'won', 2);
  add('Free', 'lost', 10);
  add('Free', '', 4);
  return `${rows.join('\n')}\n`;
}

interface Json {
  ok: boolean;
  outcomeColumn: string;
  overall: { decided: number; won: number; lost: number; baseRate: number; auc: number | null };
  buckets: Array<{
    label: string;
    leads: number;
    won: number;
    conversion: number | null;
    low: number | null;
    high: number | null;
    lift: number | null;
    tooFew: boolean;
  }>;
  rules: Array<{ row: number; fires: number; share: number; convFired: number | null; convNotFired: number | null; flags: string[] }>;
}

describe('npm start -- backtest on a small CSV (figures by hand)', () => {
  const rulesCsv = join(dir, 'rules.csv');
  writeFileSync(rulesCsv, RULES);
  const leadsCsv = join(dir, 'small.csv');
  writeFileSync(leadsCsv, smallCsv('Status'));

  it('--json: AUC, conversion by bucket, per-rule figures as counted by hand; no file written', () => {
    const before = readdirSync(dir).sort();
    const r = cli('backtest', leadsCsv, '--rules', rulesCsv, '--as-of', '2026-03-31', '--json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.ok).toBe(true);
    // The setting was blank: the column named Status is used, and stderr says so.
    expect(j.outcomeColumn).toBe('Status');
    expect(r.stderr).toContain("Outcome column is blank in Settings: using the Leads column 'Status'");
    // 36 decided (the 4 blank are open): 18 won, 18 lost, base rate ½.
    expect(j.overall).toMatchObject({ decided: 36, won: 18, lost: 18, baseRate: 0.5 });
    // AUC by hand over 18 × 18 = 324 pairs (ties ½). Won Pro (40): 10 × 2 ties × ½ + 10 × 6 Team + 10 × 10 Free = 170;
    // won Team (20): 6 × 6 ties × ½ + 6 × 10 Free = 78; won Free (0): 2 × 10 ties × ½ = 10. 258 / 324.
    expect(j.overall.auc).toBeCloseTo(258 / 324, 12);
    // Default thresholds Hot 70, Warm 40: Pro (40) is Warm, Team and Free are Cold.
    const by = Object.fromEntries(j.buckets.map((b) => [b.label, b]));
    expect(by.Hot).toMatchObject({ leads: 0, won: 0 });
    expect(by.Warm).toMatchObject({ leads: 12, won: 10, tooFew: true });
    expect(by.Cold).toMatchObject({ leads: 24, won: 8, tooFew: false });
    expect(by.Cold.conversion).toBeCloseTo(8 / 24, 12);
    expect(by.Cold.lift).toBeCloseTo(8 / 24 / 0.5, 12);
    // Wilson 95 % for 8 of 24 (z = 1.96): (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) = 0.1797 … 0.5329.
    expect(by.Cold.low).toBeCloseTo(0.17972, 4);
    expect(by.Cold.high).toBeCloseTo(0.53294, 4);
    // Rules row 2 (Pro) fires on 12 of 36 decided: 10/12 converted when it fires, 8/24 when not.
    const pro = j.rules.find((x) => x.row === 2)!;
    expect(pro).toMatchObject({ fires: 12, flags: [] });
    expect(pro.share).toBeCloseTo(12 / 36, 12);
    expect(pro.convFired).toBeCloseTo(10 / 12, 12);
    expect(pro.convNotFired).toBeCloseTo(8 / 24, 12);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('prints the tables aligned: overall with the AUC sentence, buckets, bands, rules, suggestions', () => {
    const r = cli('backtest', leadsCsv, '--rules', rulesCsv, '--as-of', '2026-03-31', '--outcome', 'Status');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('36 decided leads: 18 won, 18 lost; base rate 50 %. AUC 0.796.');
    expect(r.stdout).toContain('A lead that was won outscored a lead that was lost 80 % of the time (ties count half)');
    expect(r.stdout).toMatch(/\n {2}Warm +12 +10 +fewer than 20 leads \(10 won of 12\): too few to judge\n/);
    expect(r.stdout).toMatch(/\n {2}Cold +24 +8 +33 % +18 % – 53 % +0\.7×\n/);
    // Points given: 12 decided leads × 40 = 480.
    expect(r.stdout).toMatch(/\n {4}2 +12 +33 % +83 % +33 % +1\.7× +480 +Fit: Plan is Pro \(\+40\)\n/);
    expect(r.stdout).toContain('By score band');
    expect(r.stdout).toContain('Suggested thresholds\n  By conversion:');
    expect(r.stdout).toContain('By capacity (20 a week): no suggestion.');
    expect(r.stderr).not.toContain('using the Leads column');
  });

  it('bad input: no outcome column gives the add-on sentence on stderr, nothing on stdout, exit code 1', () => {
    const noOutcome = join(dir, 'no-outcome.csv');
    writeFileSync(noOutcome, 'Name,Plan\nA,Pro\nB,Free\n');
    const r = cli('backtest', noOutcome, '--rules', rulesCsv);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      "Set 'Outcome column' in the Settings tab to the Leads header that says whether each lead was won or lost. Headers are: 'Name', 'Plan'.",
    );
    const bad = cli('backtest', leadsCsv, '--capacity', 'lots');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--capacity 'lots' is not a whole number");
  });

  it('lead text with terminal control characters is printed harmlessly', () => {
    const file = join(dir, 'escape.csv');
    writeFileSync(file, smallCsv('Status'));
    const rules = join(dir, 'escape-rules.csv');
    writeFileSync(rules, `${RULES}\nFit,Plan,is,"\u001b[31mRed",5,,,,,,,TRUE,\n`);
    const r = cli('backtest', file, '--rules', rules);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('?[31mRed');
  });
});

/** The CLI's AUC (--json) against one counted here from the CLI's scored CSV. */
function checkAuc(name: string, file: string, rules: string, outcome: string, isWon: (v: string) => boolean): number {
  const r = cli('backtest', file, '--rules', rules, '--outcome', outcome, '--as-of', '2026-01-01', '--json');
  expect(r.status, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as Json;
  const out = join(dir, `${name}-scored.csv`);
  const s = cli(file, '--rules', rules, '--as-of', '2026-01-01', '--out', out);
  expect(s.status, s.stderr).toBe(0);
  const rows = parse(readFileSync(out, 'utf8'), { delimiter: [',', ';'] }) as string[][];
  const score = rows[0].indexOf('Score');
  const y = rows[0].indexOf(outcome);
  const decided = rows.slice(1).filter((row) => row[y] !== '');
  const auc = mannWhitney(
    decided.map((row) => Number(row[score])),
    decided.map((row) => isWon(row[y])),
  );
  expect(j.overall.decided).toBe(decided.length);
  expect(j.overall.auc).toBeCloseTo(auc, 12);
  return auc;
}

const XED = join(DATA, 'xeducation-leads.csv');
const BANK = join(DATA, 'bank-marketing.csv');
if (!existsSync(XED)) console.warn(`Skipping the X Education CLI backtest: ${XED} is not there.`);
if (!existsSync(BANK)) console.warn(`Skipping the bank marketing CLI backtest: ${BANK} is not there.`);

describe('npm start -- backtest on public lead sets (when present)', () => {
  it.skipIf(!existsSync(XED))(
    'X Education: the printed AUC = the AUC of the scored output (Converted)',
    () => {
      const auc = checkAuc('xeducation', XED, join(REPO_ROOT, 'examples', 'xeducation-rules.csv'), 'Converted', (v) => v === '1');
      expect(auc).toBeGreaterThan(0.8);
      console.log(`X Education via the CLI: AUC ${auc.toFixed(4)}`);
    },
    60_000,
  );

  it.skipIf(!existsSync(BANK))(
    'bank marketing (semicolon CSV): the printed AUC = the AUC of the scored output (y)',
    () => {
      const auc = checkAuc('bank', BANK, join(REPO_ROOT, 'examples', 'bank-rules.csv'), 'y', (v) => v === 'yes');
      expect(auc).toBeGreaterThan(0.65);
      console.log(`Bank marketing via the CLI: AUC ${auc.toFixed(4)}`);
    },
    120_000,
  );
});
