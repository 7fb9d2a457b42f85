/**
 * `npm start -- sql …` and `npm start -- <leads.csv> --engine duckdb` (README "When your leads
 * outgrow Sheets"): the SQL on standard output (parsed; progress on standard error), bad arguments
 * as one sentence, and a CSV scored through DuckDB writing what the engine's run writes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Parser } from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/index.js';

const CLI = join(REPO_ROOT, 'local', 'cli.ts');
const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const dir = mkdtempSync(join(tmpdir(), 'sql-cli-'));

describe('npm start -- sql', () => {
  it('the example workbook as BigQuery SQL on stdout, progress on stderr', () => {
    const r = run(['sql', 'examples/leads.xlsx', '--dialect', 'bigquery', '--table', 'acme.crm.leads', '--as-of', '2026-11-20']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('BigQuery SQL over acme.crm.leads: 16 rules.');
    expect(r.stdout.startsWith('-- Lead scoring model as SQL (BigQuery Standard SQL)')).toBe(true);
    expect(r.stdout).toContain('-- Table: acme.crm.leads; as-of: 2026-11-20; rules: 16.');
    expect(() => new Parser().astify(r.stdout, { database: 'bigquery' })).not.toThrow();
  }, 60_000);

  it('a rules CSV with a settings CSV, as DuckDB SQL; a bad row named in a comment', () => {
    const rules = join(dir, 'rules.csv');
    writeFileSync(
      rules,
      'Category,Field,Operator,Value,Points\nFit,Title,contains,VP,10\nFit,Title,bigger than,3,5\nBehaviour,Visits,>,0,4\n',
    );
    const settings = join(dir, 'settings.csv');
    writeFileSync(settings, 'Setting,Value\nBase score,5\nAs-of date,2026-03-31\n');
    const r = run(['sql', rules, '--settings', settings, '--dialect', 'duckdb']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('DuckDB SQL over leads: 2 rules, 1 left out');
    expect(r.stdout).toContain("-- Left out: Rules row 3, Operator: 'bigger than' is not an operator.");
    expect(r.stdout).toContain('-- Table: leads; as-of: 2026-03-31; rules: 2.');
    // Base score 5 is the first part of every Why (README "Scoring").
    expect(r.stdout).toContain("'base 5'");
  }, 60_000);

  it('bad arguments: one sentence, exit 1', () => {
    const r = run(['sql', 'examples/leads.xlsx', '--dialect', 'oracle']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe("'oracle' is not a dialect: use bigquery or duckdb.");
    const missing = run(['sql', join(dir, 'nope.csv')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n').at(-1)).toBe(`The file ${join(dir, 'nope.csv')} does not exist.`);
  }, 60_000);
});

describe('npm start -- <leads.csv> --engine duckdb', () => {
  it('writes the same Fit … Why as the engine run on the example leads', () => {
    const engineOut = join(dir, 'engine.csv');
    const e = run(['examples/leads.xlsx', '--out', engineOut, '--as-of', '2026-11-20']);
    expect(e.status, e.stderr).toBe(0);
    const duckOut = join(dir, 'duck.csv');
    const d = run([engineOut, '--engine', 'duckdb', '--as-of', '2026-11-20', '--out', duckOut]);
    expect(d.status, d.stderr).toBe(0);
    // The example: 240 leads (one blank sheet row has no score).
    expect(d.stdout).toMatch(/^Scored 240 leads: \d+ Hot · \d+ Warm · \d+ Cold · \d+ Disqualified \(DuckDB/);
    const a = (parse(readFileSync(engineOut, 'utf8'), { columns: true }) as Record<string, string>[]).filter((r) => r.Score !== '');
    const b = parse(readFileSync(duckOut, 'utf8'), { columns: true }) as Record<string, string>[];
    const cols = ['Fit', 'Behaviour', 'Negative', 'Score', 'Bucket', 'Grade', 'Why'];
    expect(b.map((r) => cols.map((c) => r[c]))).toEqual(a.map((r) => cols.map((c) => r[c])));
  }, 90_000);

  it('an engine other than duckdb is a sentence', () => {
    const r = run(['examples/leads.xlsx', '--engine', 'spark']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--engine 'spark': the only other engine is duckdb.");
  }, 30_000);
});
