/**
 * Issue 9, items 9–12, through the built bundle in the local host: regular expressions in linear
 * time (RE2 inside dist/Code.js), comparisons against the wrong kind of column, bounded numbers,
 * free email in display-name form.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, createSheet, createWorkbook, REPO_ROOT, type CellValue } from '../../local/index';
import { RULE_HEADERS } from '../../src/engine';
import { columnValues, day, lead, setUpWorkbook, sheetOf } from '../helpers/workbook';

const ASOF = '2026-11-20';

/** A Rules row from the columns that matter (Enabled ticked, so it scores under either reading of a blank box). */
function rule(r: {
  category?: string;
  field: string;
  operator: string;
  value?: CellValue;
  points?: CellValue;
  per?: string;
  max?: CellValue;
}): CellValue[] {
  const cells: Record<string, CellValue> = {
    Category: r.category ?? 'Fit',
    Field: r.field,
    Operator: r.operator,
    Value: r.value ?? '',
    Points: r.points ?? '',
    Per: r.per ?? '',
    'Max points': r.max ?? '',
    Enabled: true,
  };
  return RULE_HEADERS.map((h) => cells[h] ?? '');
}

/** A workbook with our own Rules tab (Set up keeps it) and Leads; runs Score leads with a 20 s budget. */
function scoreWith(headers: string[], leads: CellValue[][], rules: CellValue[][]) {
  const wb = createWorkbook([createSheet('Leads', [headers, ...leads]), createSheet('Rules', [[...RULE_HEADERS], ...rules])], {
    timeZone: 'UTC',
  });
  // A pattern that backtracks for ever would end here as Apps Script's time-out, not hang the test run.
  const host = createHost(wb, { executionLimitMs: 20_000 });
  host.run('setUpScoring');
  const started = performance.now();
  host.run('scoreLeads');
  const ms = performance.now() - started;
  const sheet = sheetOf(wb, 'Leads');
  return { wb, host, ms, sheet, col: (h: string) => columnValues(sheet, h), alert: host.ui.alerts.at(-1)?.prompt ?? '' };
}

describe('matches runs in linear time in the bundle (RE2 in dist/Code.js)', () => {
  it("the issue's five patterns finish on 2,000-character cells, with the right matches", () => {
    const patterns: Array<[string, number]> = [
      ['\\w*\\w*\\w*\\w*x', 1],
      ['[\\s\\S]*[\\s\\S]*[\\s\\S]*x', 2],
      ['(?:\\w*){9}x', 4],
      ['(a+){10}$', 8],
      ['\\d*\\d*\\d*x', 16],
    ];
    const { col, ms, alert } = scoreWith(
      ['Name', 'Notes'],
      [
        ['Ada', 'a'.repeat(2000)],
        ['Bo', `${'a'.repeat(1999)}x`],
      ],
      patterns.map(([value, points]) => rule({ field: 'Notes', operator: 'matches', value, points })),
    );
    expect(alert).toBe('');
    // Ada (2,000 a's): only (a+){10}$ holds → 8. Bo (ends in x): all but (a+){10}$ → 1 + 2 + 4 + 16 = 23.
    expect(col('Fit')).toEqual([8, 23]);
    expect(col('Why')).toEqual([
      '+8 Notes matches (a+){10}$',
      '+16 Notes matches \\d*\\d*\\d*x · +4 Notes matches (?:\\w*){9}x · +2 Notes matches [\\s\\S]*[\\s\\S]*[\\s\\S]*x · +1 Notes matches \\w*\\w*\\w*\\w*x',
    ]);
    expect(ms).toBeLessThan(10_000); // in practice ~100 ms; JavaScript's RegExp ran to the time limit
  });

  it('leading lookaheads and RE2 syntax (?P<name>…) work; a back-reference is a rule problem with a hint', () => {
    const { col, alert } = scoreWith(
      ['Name', 'Title'],
      [
        ['Ada', 'VP Sales EMEA'],
        ['Bo', 'Sales VP'],
        ['Cy', 'Head of Growth'],
      ],
      [
        rule({ field: 'Title', operator: 'matches', value: '^(?=.*vp)(?=.*sales)(?=.*emea)', points: 10 }),
        rule({ field: 'Title', operator: 'matches', value: '(?P<role>head) of', points: 5 }), // JavaScript's RegExp rejects (?P<
        rule({ field: 'Title', operator: 'matches', value: '(vp)\\1', points: 3 }),
      ],
    );
    expect(col('Fit')).toEqual([10, 0, 5]);
    expect(alert).toContain(
      "• Rules row 4, Value: '(vp)\\1' uses a back-reference (\\1), which can't run in bounded time. Spell the repeated text out instead, e.g. (ab|cd)\\1 as abab|cdcd.",
    );
    expect(col('Why')[2]).toBe('+5 Title matches (?P<role>head) of · ⚠ Rules row 4 skipped (see Rules problems)');
  });

  it('dist/Code.js carries re2js, with no TextEncoder/TextDecoder or Object.hasOwn left in it', () => {
    const code = readFileSync(join(REPO_ROOT, 'dist', 'Code.js'), 'utf8');
    expect(code).toContain('translateRegExp');
    expect(code).not.toMatch(/\bText(En|De)coder\b|Object\.hasOwn\(/);
  });

  it('custom functions use it too: LEADSCORE_WHY with a catastrophic pattern answers within 30 s', () => {
    const { wb, host } = scoreWith(
      ['Name', 'Notes'],
      [['Ada', 'a'.repeat(2000)]],
      [rule({ field: 'Notes', operator: 'matches', value: '(a+){10}$', points: 8 })],
    );
    const rules = sheetOf(wb, 'Rules').values;
    const result = host.runCustomFunction(
      'LEADSCORE_WHY',
      [['Name', 'Notes']],
      [
        ['Ada', `${'a'.repeat(1999)}!`],
        ['Bo', 'a'.repeat(2000)],
      ],
      day(ASOF),
      rules,
    );
    expect(result.value).toEqual([['No rule applies'], ['+8 Notes matches (a+){10}$']]);
  });
});

describe('a comparison with the wrong kind of Value for its column is a rule problem in the bundle', () => {
  it("'Last activity > 30' (a number against dates) and 'Company size < 2026-01-01' (a date against numbers)", () => {
    const { col, alert } = scoreWith(
      ['Name', 'Company size', 'Last activity'],
      [
        ['Ada', 120, day('2026-11-13')],
        ['Bo', 8, day('2026-06-01')],
      ],
      [
        rule({ category: 'Behaviour', field: 'Last activity', operator: '>', value: 30, points: 5 }),
        rule({ field: 'Company size', operator: '<', value: '2026-01-01', points: 5 }),
        rule({ field: 'Company size', operator: '>=', value: 50, points: 20 }),
      ],
    );
    expect(alert).toContain(
      "• Rules row 2, Value: '30' is a number, but 'Last activity' holds dates (e.g. '2026-11-13'), not numbers. Compare with a date, e.g. 2026-01-31, or use 'within last days' / 'older than days'.",
    );
    expect(alert).toContain(
      "• Rules row 3, Value: '2026-01-01' is a date, but 'Company size' holds no dates (e.g. '120'). Compare with a number, e.g. 50, or point the rule at a column of dates.",
    );
    expect(col('Score')).toEqual([20, 0]);
    expect(col('Why')).toEqual([
      '+20 Company size ≥ 50 · ⚠ Rules rows 2, 3 skipped (see Rules problems)',
      'No rule applies · ⚠ Rules rows 2, 3 skipped (see Rules problems)',
    ]);
  });
});

describe('numbers stay finite in the bundle', () => {
  it('Points 1e308 is a rule problem, and a count of 1e308 is named in Why; no Infinity or NaN is written', () => {
    const { col, alert, sheet } = scoreWith(
      ['Name', 'Company size', 'Visits'],
      [
        ['Ada', 120, 1e308],
        ['Bo', 120, 3],
      ],
      [
        rule({ field: 'Company size', operator: '>', value: 0, points: 1e308 }),
        rule({ category: 'Behaviour', field: 'Visits', operator: '>', value: 0, points: 10, per: 'each' }),
        rule({ field: 'Company size', operator: '>=', value: 50, points: 20 }),
      ],
    );
    expect(alert).toContain("• Rules row 2, Points: '1e+308' is too large. Points must be between −1,000,000 and 1,000,000.");
    // Ada: fit 20; her 1e308 visits are named, not scored. Bo: 3 visits × 10 = 30 behaviour.
    expect(col('Fit')).toEqual([20, 20]);
    expect(col('Behaviour')).toEqual([0, 30]);
    expect(col('Score')).toEqual([20, 50]);
    expect(col('Bucket')).toEqual(['Cold', 'Warm']);
    expect(col('Grade')).toEqual(['B', 'B']);
    expect(col('Why')[0]).toBe(
      "+20 Company size ≥ 50 · ⚠ Visits '1e+308' is too large for a count (at most 1,000,000) · ⚠ Rules row 2 skipped (see Rules problems)",
    );
    const written = sheet.values.flat().filter((v) => typeof v === 'number');
    expect(written.every(Number.isFinite)).toBe(true);
  });
});

describe('is free email reads display-name addresses in the bundle', () => {
  it("'Tom Berger <tom.berger@gmail.com>' and '\"Berger, Tom\" <x@yahoo.co.uk>' get the starter model's −10 free email", () => {
    const base = { Name: 'Tom', Title: 'VP Sales', 'Company size': 120 } as const; // fit 15 + 12 = 27
    const { wb, host } = setUpWorkbook(
      [
        lead({ ...base, Email: 'Tom Berger <tom.berger@gmail.com>' }),
        lead({ ...base, Email: '"Berger, Tom" <x@yahoo.co.uk>' }),
        lead({ ...base, Email: 'mailto:tom@hotmail.fr ' }),
        lead({ ...base, Email: 'Tom Berger <tom@acme.com>' }),
      ],
      { asOf: ASOF },
    );
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(columnValues(sheet, 'Negative')).toEqual([-10, -10, -10, 0]);
    expect(columnValues(sheet, 'Score')).toEqual([17, 17, 17, 27]);
    expect(columnValues(sheet, 'Why')[0]).toBe('+15 Company size 50–1000 · +12 Title contains VP · −10 free email');
  });
});
