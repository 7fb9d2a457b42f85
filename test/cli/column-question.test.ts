/**
 * Issue 11: a leads file with the user's own column named like an output (`Score`) makes Score
 * leads ask (README "What the add-on does"). The CLI cannot ask: it answers No, so the user's
 * column is kept and the add-on writes its own `Lead score` …, and it says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/index.js';
import { EXAMPLE_AS_OF as ENGINE_EXAMPLE_AS_OF, EXAMPLE_LEAD_HEADERS as H } from '../../src/engine/index.js';
import { EXAMPLE_AS_OF } from '../../local/example.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-question-'));
const CLI = join(REPO_ROOT, 'local', 'cli.ts');

describe('npm start and a column of the user named like an output', () => {
  it("answers No: the user's Score stays, the scores go to Lead score, and the CLI says so", () => {
    // Ada of test/helpers/sample.ts, by hand as of 2026-11-20: fit 15 (size 120) + 12 (VP) + 10 (SaaS) + 5 (UK) = 42;
    // behaviour demo 30 at 30 d, half-life 30 → 15, pricing 8 + 4 = 12, active this week 5 → 32. Score 74, Hot.
    const ada: Record<string, string> = {
      Name: 'Ada',
      Email: 'ada@northwind.io',
      Company: 'Northwind',
      Title: 'VP Marketing',
      'Company size': '120',
      Industry: 'SaaS',
      Country: 'United Kingdom',
      'Demo requested': '2026-10-21',
      'Pricing page visits': '2',
      'Last pricing visit': '2026-11-20',
      'Last activity': '2026-11-20',
      Unsubscribed: 'FALSE',
      'Email bounced': 'FALSE',
      Score: '7',
    };
    const header = [...H, 'Score'];
    const input = join(dir, 'crm.csv');
    writeFileSync(input, `${header.join(',')}\r\n${header.map((h) => ada[h] ?? '').join(',')}\r\n`);
    const out = join(dir, 'crm-scored.csv');
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, input, '--out', out, '--as-of', '2026-11-20'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      "Your column 'Score' was not made by Lead scoring, so it was left alone; the scores went to new columns 'Lead score'.",
    );
    expect(r.stdout).toContain("Lead scoring: your column 'Score'\nThe CLI cannot ask, so it answered No: your column is kept as it is.");
    const rows = parse(readFileSync(out, 'utf8')) as string[][];
    const at = (name: string) => rows[0].indexOf(name);
    expect(rows[0].slice(H.length)).toEqual(['Score', 'Fit', 'Behaviour', 'Negative', 'Lead score', 'Bucket', 'Grade', 'Why', 'Scored at']);
    expect(rows[1][at('Score')]).toBe('7');
    expect([rows[1][at('Fit')], rows[1][at('Behaviour')], rows[1][at('Lead score')], rows[1][at('Bucket')]]).toEqual([
      '42',
      '32',
      '74',
      'Hot',
    ]);
    // Top 5 reads the add-on's column, not the user's.
    expect(r.stdout).toMatch(/Top 5 leads:\n\s+74\s+Hot/);
  }, 30_000);

  it("the CLI's example as-of date is the engine's", () => {
    expect(EXAMPLE_AS_OF).toBe(ENGINE_EXAMPLE_AS_OF);
  });
});
