/**
 * The local host evaluates the add-on's custom-function cells like Google Sheets, through the real
 * bundle (dist/Code.js, built by test/global-setup.ts) in custom-function mode.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  createHost,
  createSheet,
  createWorkbook,
  loadWorkbook,
  saveWorkbook,
  writeCell,
  wallClockToInstantMs,
  REPO_ROOT,
  type CellValue,
  type HostOptions,
  type SheetModel,
  type Workbook,
} from '../../local/index.js';
import {
  evaluateAddonFormulas,
  addonFunctionNames,
  CIRCULAR_MESSAGE,
  overwriteMessage,
  expandMessage,
} from '../../local/formulas/index.js';
import { parseAddonFormula } from '../../local/formulas/parse.js';
import { EXAMPLE_LEAD_HEADERS as H } from '../../src/engine/index.js';

/** A naive wall-clock date, as the model stores date cells. */
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const lead = (f: Partial<Record<(typeof H)[number], CellValue>>): CellValue[] => H.map((h) => (f as Record<string, CellValue>)[h] ?? '');

/*
 * Four rows scored by the starter rules as of 2026-11-20:
 * - Ann: fit 15 (size 200) + 12 (VP) + 10 (Software) + 5 (Germany) = 42; demo requested
 *   2026-10-21, 30 days = one half-life: 30 × 0.5 = 15. Score 57, Warm, grade A.
 * - Bob: title Student → disqualified, score 0 (free email −10 shown in Negative).
 * - a blank row → blanks.
 * - Cara: fit 8 (size 30) + 12 (Director) + 5 (Canada) = 25; 2 pricing visits today:
 *   8 + 8 × 0.5 = 12, no decay. Score 37, Cold, grade B.
 */
const ROWS: CellValue[][] = [
  lead({
    Name: 'Ann',
    Email: 'ann@acme.com',
    Title: 'VP Sales',
    'Company size': 200,
    Industry: 'Software',
    Country: 'Germany',
    'Demo requested': day('2026-10-21'),
  }),
  lead({ Name: 'Bob', Email: 'bob@gmail.com', Title: 'Student' }),
  lead({}),
  lead({
    Name: 'Cara',
    Email: 'cara@initech.io',
    Title: 'Director',
    'Company size': 30,
    Industry: 'Retail',
    Country: 'Canada',
    'Pricing page visits': 2,
    'Last pricing visit': day('2026-11-20'),
  }),
];
const LEADS = 'Leads!A1:S1, Leads!A2:S5';
const AS_OF = 'DATE(2026,11,20)';

function sheetOf(wb: Workbook, name: string): SheetModel {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Leads tab + Set up scoring (Rules A1:M17, Settings A1:C17), As-of date 2026-11-20, and a Formulas tab. */
function setUp(opts: { timeZone?: string; host?: HostOptions; formulas?: Record<string, string>; cells?: Record<string, CellValue> } = {}) {
  const wb = createWorkbook([createSheet('Leads', [[...H], ...ROWS])], { timeZone: opts.timeZone ?? 'Europe/Berlin' });
  const host = createHost(wb, opts.host);
  host.run('setUpScoring');
  const settings = sheetOf(wb, 'Settings');
  writeCell(settings, settings.values.findIndex((r) => r[0] === 'As-of date') + 1, 2, day('2026-11-20'));
  const f = createSheet('Formulas');
  wb.sheets.push(f);
  for (const [a1, v] of Object.entries(opts.cells ?? {})) set(f, a1, v);
  for (const [a1, formula] of Object.entries(opts.formulas ?? {})) setFormula(f, a1, formula);
  return { wb, host, f };
}

function rc(a1: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let c = 0;
  for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), c];
}
const set = (s: SheetModel, a1: string, v: CellValue) => writeCell(s, ...rc(a1), v);
const setFormula = (s: SheetModel, a1: string, formula: string, value: CellValue = '') => {
  const [r, c] = rc(a1);
  s.formulas.set(`${r},${c}`, formula);
  writeCell(s, r, c, value);
};
const get = (s: SheetModel, a1: string): CellValue => {
  const [r, c] = rc(a1);
  return s.values[r - 1]?.[c - 1] ?? '';
};
/** A column of cells, top to bottom. */
const col = (s: SheetModel, from: string, n: number): CellValue[] => {
  const [r, c] = rc(from);
  return Array.from({ length: n }, (_, i) => s.values[r - 1 + i]?.[c - 1] ?? '');
};
/** The score columns Score leads writes (T.. after the 19 lead columns). */
function scoredColumns(wb: Workbook): Record<string, CellValue[]> {
  const leads = sheetOf(wb, 'Leads');
  const out: Record<string, CellValue[]> = {};
  leads.values[0].forEach((h, i) => {
    if (i >= H.length) out[h as string] = leads.values.slice(1, 5).map((r) => r[i]);
  });
  return out;
}

describe('evaluateAddonFormulas: results in cells', () => {
  it('LEADSCORE spills one score per row and equals what Score leads writes', () => {
    const { wb, host, f } = setUp({ formulas: { B2: `=LEADSCORE(${LEADS}, ${AS_OF}, Rules!A1:M17, Settings!A1:C17)` } });
    const res = evaluateAddonFormulas(wb, host);
    expect(col(f, 'B2', 5)).toEqual([57, 0, '', 37, '']);
    expect(f.formulas.get('2,2')).toBe(`=LEADSCORE(${LEADS}, ${AS_OF}, Rules!A1:M17, Settings!A1:C17)`);
    expect([...f.formulas.keys()]).toEqual(['2,2']); // spilled cells are values
    expect(res).toMatchObject({ cells: 1, errors: 0, skipped: 0 });
    expect(res.results[0]).toMatchObject({ sheet: 'Formulas', a1: 'B2', fn: 'LEADSCORE', rows: 4, cols: 1 });
    expect(res.results[0].error).toBeUndefined();
    expect(res.results[0].ms).toBeGreaterThan(0);
    host.run('scoreLeads');
    expect(scoredColumns(wb).Score).toEqual([57, 0, '', 37]);
  });

  it('LEADSCORE_DETAILS spills seven columns equal to Fit … Why; LEADSCORE_WHY equals Why', () => {
    const { wb, host, f } = setUp({
      formulas: { A1: `=LEADSCORE_DETAILS(${LEADS}, ${AS_OF})`, J1: `=LEADSCORE_WHY(${LEADS}, ${AS_OF})` },
    });
    const res = evaluateAddonFormulas(wb, host);
    expect(res.results.map((r) => [r.a1, r.rows, r.cols])).toEqual([
      ['A1', 4, 7],
      ['J1', 4, 1],
    ]);
    host.run('scoreLeads');
    const scored = scoredColumns(wb);
    ['Fit', 'Behaviour', 'Negative', 'Score', 'Bucket', 'Grade', 'Why'].forEach((h, i) => {
      expect(col(f, `${String.fromCharCode(65 + i)}1`, 4), h).toEqual(scored[h]);
    });
    expect(f.values.slice(0, 4).map((r) => r.slice(0, 6))).toEqual([
      [42, 15, 0, 57, 'Warm', 'A'],
      [0, 0, -10, 0, 'Disqualified', 'D'],
      ['', '', '', '', '', ''],
      [25, 12, 0, 37, 'Cold', 'B'],
    ]);
    expect(col(f, 'J1', 4)).toEqual(scored.Why);
    expect(get(f, 'J1')).toMatch(/^\+15 .*Demo requested \(decayed from 30, 30 d\)/);
  });

  it('an empty middle argument is blank: as_of falls back to the Settings As-of date', () => {
    const { wb, host, f } = setUp({ formulas: { A1: `=LEADSCORE(${LEADS}, , Rules!A1:M17)`, B1: `=LEADSCORE(${LEADS},)` } });
    evaluateAddonFormulas(wb, host);
    expect(col(f, 'A1', 4)).toEqual([57, 0, '', 37]);
    expect(col(f, 'B1', 4)).toEqual([57, 0, '', 37]);
  });

  it('a single row returns a one-cell result (no spill); a single cell is passed as a scalar', () => {
    const { wb, host, f } = setUp({
      formulas: {
        A1: `=LEADSCORE(Leads!A1:S1, Leads!A2:S2, ${AS_OF})`,
        A2: '=LEADSCORE_BUCKET(A1)',
        A3: '=LEADSCORE_BUCKET(85)',
        A4: '=LEADSCORE_BUCKET("12")',
      },
    });
    const res = evaluateAddonFormulas(wb, host);
    expect(col(f, 'A1', 5)).toEqual([57, 'Warm', 'Hot', 'Cold', '']);
    expect(res.results.every((r) => r.rows === 1 && r.cols === 1 && r.error === undefined)).toBe(true);
  });

  it('function names are case-insensitive; quoted sheet names and whole columns work', () => {
    const { wb, host } = setUp();
    const scores = createSheet("Mike's scores", [[90], [45], [''], [10]]);
    wb.sheets.push(scores);
    setFormula(scores, 'B1', "=leadscore_bucket('Mike''s scores'!A1:A4)");
    setFormula(scores, 'C1', '=LeadScore_Bucket(A:A)');
    const res = evaluateAddonFormulas(wb, host);
    expect(col(scores, 'B1', 4)).toEqual(['Hot', 'Warm', '', 'Cold']);
    expect(res.results[1]).toMatchObject({ a1: 'C1', fn: 'LEADSCORE_BUCKET', rows: 1000, cols: 1 });
    expect(col(scores, 'C1', 5)).toEqual(['Hot', 'Warm', '', 'Cold', '']);
    expect(scores.values.length).toBe(1000);
  });
});

describe('evaluateAddonFormulas: dates', () => {
  it('LEADSCORE_DECAY(30, DATE(2026,10,21), 30, DATE(2026,11,20)) = 15: DATE arrives as a Date of the bundle realm', () => {
    const { wb, host, f } = setUp({ formulas: { A1: '=LEADSCORE_DECAY(30, DATE(2026,10,21), 30, DATE(2026,11,20))' } });
    expect(evaluateAddonFormulas(wb, host).errors).toBe(0);
    expect(get(f, 'A1')).toBe(15);
  });

  it.each(['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati'])('a date cell and TODAY() in %s', (timeZone) => {
    // TODAY() is the date of the host clock in the workbook's zone: pin `now` to noon of 2026-11-20 there.
    const { wb, host, f } = setUp({
      timeZone,
      host: { now: new Date(wallClockToInstantMs(Date.UTC(2026, 10, 20, 12), timeZone)) },
      formulas: {
        A1: '=LEADSCORE_DECAY(30, Leads!I2, 30, TODAY())', // I2: Demo requested 2026-10-21
        A2: '=LEADSCORE_DECAY(30, Leads!I2:I5, 30, Settings!B9)', // B9: As-of date
        A6: `=LEADSCORE(${LEADS}, TODAY())`,
      },
    });
    const res = evaluateAddonFormulas(wb, host);
    expect(res.errors).toBe(0);
    expect(get(f, 'A1')).toBe(15);
    expect(col(f, 'A2', 4)).toEqual([15, 30, 30, 30]); // blank dates: no decay
    expect(col(f, 'A6', 4)).toEqual([57, 0, '', 37]);
  });

  it('a returned Date is written back as the wall-clock date', () => {
    const code = `function ECHO(x) { return x; } function LATER(d) { return new Date(d.getTime() + 86400000); }`;
    const wb = createWorkbook([createSheet('S', [[new Date(Date.UTC(2026, 2, 5, 9, 30))]])], { timeZone: 'Asia/Tokyo' });
    const s = wb.sheets[0];
    setFormula(s, 'B1', '=ECHO(A1)');
    setFormula(s, 'C1', '=LATER(DATE(2026,3,5))');
    evaluateAddonFormulas(wb, createHost(wb, { code }), { functions: ['ECHO', 'LATER'] });
    expect(get(s, 'B1')).toEqual(new Date(Date.UTC(2026, 2, 5, 9, 30)));
    expect(get(s, 'C1')).toEqual(new Date(Date.UTC(2026, 2, 6)));
  });
});

describe('evaluateAddonFormulas: dependency order', () => {
  it('LEADSCORE_BUCKET over a spilled LEADSCORE column runs after it, wherever it is', () => {
    // A1 comes first in reading order but reads B2:B5, the spill of B2.
    const { wb, host, f } = setUp({
      formulas: { A1: '=LEADSCORE_BUCKET(B2:B5)', B2: `=LEADSCORE(${LEADS}, ${AS_OF})`, C1: '=LEADSCORE_BUCKET(B3:B5)' },
    });
    const res = evaluateAddonFormulas(wb, host);
    expect(res.errors).toBe(0);
    expect(col(f, 'B2', 4)).toEqual([57, 0, '', 37]);
    expect(col(f, 'A1', 4)).toEqual(['Warm', 'Cold', '', 'Cold']);
    // C1 reads only the spilled part B3:B5 (not the anchor): still after B2.
    expect(col(f, 'C1', 3)).toEqual(['Cold', '', 'Cold']);
  });

  it('a chain across sheets: Formulas → Report', () => {
    const { wb, host, f } = setUp({ formulas: { B2: `=LEADSCORE(${LEADS}, ${AS_OF})` } });
    const report = createSheet('Report');
    wb.sheets.splice(0, 0, report); // evaluated first in sheet order
    setFormula(report, 'A1', '=LEADSCORE_BUCKET(Formulas!B2:B5, Settings!A1:C17)');
    evaluateAddonFormulas(wb, host);
    expect(col(f, 'B2', 4)).toEqual([57, 0, '', 37]);
    expect(col(report, 'A1', 4)).toEqual(['Warm', 'Cold', '', 'Cold']);
  });

  it('a cycle makes every formula in it #REF!', () => {
    const { wb, host, f } = setUp({
      formulas: { A1: '=LEADSCORE_BUCKET(B1)', B1: '=LEADSCORE_BUCKET(A1)', C1: '=LEADSCORE_BUCKET(C1:C3)' },
    });
    const res = evaluateAddonFormulas(wb, host);
    expect([get(f, 'A1'), get(f, 'B1'), get(f, 'C1')]).toEqual(['#REF!', '#REF!', '#REF!']);
    expect(res.results.map((r) => r.error)).toEqual([CIRCULAR_MESSAGE, CIRCULAR_MESSAGE, CIRCULAR_MESSAGE]);
    expect(res).toMatchObject({ cells: 3, errors: 3 });
    expect(res.results.every((r) => r.ms === 0)).toBe(true); // never ran
  });

  it('a spill that lands in a range read by the formula that feeds it is a cycle', () => {
    // B1 reads A3 (inside A1's future spill); A1 reads B1. Sheets: circular.
    const { wb, host, f } = setUp({
      formulas: { A1: '=LEADSCORE_DECAY(B1:B4, DATE(2026,10,21), 30, DATE(2026,11,20))', B1: '=LEADSCORE_BUCKET(A3)' },
    });
    const res = evaluateAddonFormulas(wb, host);
    expect(get(f, 'A1')).toBe('#REF!');
    expect(get(f, 'B1')).toBe('#REF!');
    expect(col(f, 'A2', 3)).toEqual(['', '', '']); // the spill was taken back
    expect(res.results.map((r) => r.error)).toEqual([CIRCULAR_MESSAGE, CIRCULAR_MESSAGE]);
  });
});

describe('evaluateAddonFormulas: errors', () => {
  it('a spill onto data is #REF! naming the first blocking cell; the data stays', () => {
    const { wb, host, f } = setUp({ formulas: { A1: `=LEADSCORE(${LEADS}, ${AS_OF})` }, cells: { A3: 'keep me' } });
    const res = evaluateAddonFormulas(wb, host);
    expect(col(f, 'A1', 4)).toEqual(['#REF!', '', 'keep me', '']);
    expect(res.results[0]).toMatchObject({
      error: 'Array result was not expanded because it would overwrite data in A3.',
      rows: 1,
      cols: 1,
    });
    expect(res).toMatchObject({ cells: 1, errors: 1 });
  });

  it('a spill onto another formula (even one showing blank) is #REF!', () => {
    const { wb, host, f } = setUp({ formulas: { C1: `=LEADSCORE_DETAILS(${LEADS}, ${AS_OF})` } });
    setFormula(f, 'E4', '=""', '');
    const res = evaluateAddonFormulas(wb, host);
    expect(get(f, 'C1')).toBe('#REF!');
    expect(res.results[0].error).toBe(overwriteMessage('E4'));
    expect(f.formulas.get('4,5')).toBe('=""');
  });

  it('a spill past the last row or column is #REF! asking for more rows / columns', () => {
    const { wb, host, f } = setUp({ formulas: { A998: `=LEADSCORE(${LEADS}, ${AS_OF})`, X1: `=LEADSCORE_DETAILS(${LEADS}, ${AS_OF})` } });
    const res = evaluateAddonFormulas(wb, host);
    expect(get(f, 'A998')).toBe('#REF!');
    expect(get(f, 'X1')).toBe('#REF!');
    // Results are in reading order (X1 before A998).
    expect(res.results.map((r) => [r.a1, r.error])).toEqual([
      ['X1', 'Result was not automatically expanded, please insert more columns (4).'],
      ['A998', 'Result was not automatically expanded, please insert more rows (1).'],
    ]);
    expect(expandMessage('rows', 1)).toBe(res.results[1].error);
    expect(f.maxRows).toBe(1000); // the grid is not grown
  });

  it("a thrown error is #ERROR! with the function's message", () => {
    const { wb, host, f } = setUp({
      formulas: {
        A1: '=LEADSCORE(Leads!T1:AA1, Leads!T2:AA5)', // the score columns: no rule field in them
        A2: '=LEADSCORE(Leads!A1:C1, Leads!A2:S5)',
        A3: '=LEADSCORE_DECAY(30, DATE(2026,10,21), 0)',
        A4: `=LEADSCORE(${LEADS}, "last week")`,
        A5: '=LEADSCORE_BUCKET()',
        A6: '=LEADSCORE_DECAY(30, "soon", 30, DATE(2026,11,20))',
      },
    });
    host.run('scoreLeads');
    const res = evaluateAddonFormulas(wb, host);
    expect(col(f, 'A1', 6)).toEqual(Array(6).fill('#ERROR!'));
    expect(res.results.map((r) => r.error)).toEqual([
      expect.stringMatching(/^LEADSCORE: no column '[^']+' in the header row\. Pass the Leads header row first/),
      'LEADSCORE: the leads range is 19 columns wide but the header row has 3. Use the same columns, e.g. A1:T1 and A2:T500.',
      "LEADSCORE_DECAY: half_life_days must be a number of days above 0 (got '0').",
      "LEADSCORE: as_of 'last week' is not a date. Use TODAY(), DATE(2026,3,31) or a date cell.",
      'LEADSCORE_BUCKET: the score is missing.',
      "LEADSCORE_DECAY: event_date 'soon' is not a date.",
    ]);
    expect(res).toMatchObject({ cells: 6, errors: 6 });
  });

  it('the 30 s limit is #ERROR! with Apps Script’s timeout message', () => {
    const { wb, host, f } = setUp({ host: { customFunctionLimitMs: 1 }, formulas: { A1: `=LEADSCORE(${LEADS}, ${AS_OF})` } });
    const res = evaluateAddonFormulas(wb, host);
    expect(get(f, 'A1')).toBe('#ERROR!');
    expect(res.results[0].error).toBe('Exceeded maximum execution time');
  });

  it('an unknown sheet is #REF! without running the function', () => {
    const { wb, host, f } = setUp({ formulas: { A1: '=LEADSCORE(Nope!A1:S1, Leads!A2:S5)', A2: "=LEADSCORE_BUCKET('My sheet'!A1)" } });
    const res = evaluateAddonFormulas(wb, host);
    expect(col(f, 'A1', 2)).toEqual(['#REF!', '#REF!']);
    expect(res.results.map((r) => [r.error, r.ms])).toEqual([
      ["Unresolved sheet name 'Nope'.", 0],
      ["Unresolved sheet name 'My sheet'.", 0],
    ]);
  });
});

describe('evaluateAddonFormulas: other formulas', () => {
  it('formulas without an add-on call are untouched; a wrapped call is left as is and reported', () => {
    const { wb, host, f } = setUp({ formulas: { A1: `=LEADSCORE_DECAY(30, DATE(2026,10,21), 30, ${AS_OF})` } });
    setFormula(f, 'B1', '=SUM(1,2)', 3);
    setFormula(f, 'C1', `=IFERROR(LEADSCORE(${LEADS}), 0)`, 99);
    setFormula(f, 'D1', `=LEADSCORE(${LEADS}, ${AS_OF}) * 2`, 'old');
    setFormula(f, 'E1', '=LEADSCORE_DECAY(10 + 20, DATE(2026,10,21), 30)', 'old');
    setFormula(f, 'F1', '="LEADSCORE(" & "x"', 'LEADSCORE(x');
    const before = JSON.stringify([...f.formulas]);
    const res = evaluateAddonFormulas(wb, host);
    expect(JSON.stringify([...f.formulas])).toBe(before);
    expect(f.values[0].slice(0, 6)).toEqual([15, 3, 99, 'old', 'old', 'LEADSCORE(x']);
    expect(res).toMatchObject({ cells: 1, errors: 0, skipped: 3 });
    expect(res.results.filter((r) => r.skipped).map((r) => [r.a1, r.fn])).toEqual([
      ['C1', 'LEADSCORE'],
      ['D1', 'LEADSCORE'],
      ['E1', 'LEADSCORE_DECAY'],
    ]);
    expect(res.results.find((r) => r.a1 === 'C1')!.error).toMatch(/^Not evaluated: LEADSCORE is used inside another expression/);
  });

  it('the add-on function names come from the registry', () => {
    expect(addonFunctionNames()).toEqual([
      'LEADSCORE',
      'LEADSCORE_DETAILS',
      'LEADSCORE_WHY',
      'LEADSCORE_BUCKET',
      'LEADSCORE_DECAY',
      'LEADSCORE_DROPS_ON',
      'LEADSCORE_ACCOUNT',
    ]);
  });
});

describe('parseAddonFormula', () => {
  const names = new Set(addonFunctionNames());
  it('arguments', () => {
    expect(
      parseAddonFormula(`= leadscore ( 'It''s'!$A$1:S1 , A:A,2:3, B2:B, -1.5e1, 50%, "a ""b""", true, DATE(26,1,2), today( ), , )`, names),
    ).toEqual({
      kind: 'call',
      fn: 'LEADSCORE',
      args: [
        { kind: 'ref', sheet: "It's", ref: 'A1:S1', text: "'It''s'!$A$1:S1" },
        { kind: 'ref', sheet: null, ref: 'A:A', text: 'A:A' },
        { kind: 'ref', sheet: null, ref: '2:3', text: '2:3' },
        { kind: 'ref', sheet: null, ref: 'B2:B', text: 'B2:B' },
        { kind: 'number', value: -15 },
        { kind: 'number', value: 0.5 },
        { kind: 'string', value: 'a "b"' },
        { kind: 'bool', value: true },
        { kind: 'date', year: 26, month: 1, day: 2 },
        { kind: 'today' },
        { kind: 'empty' },
        { kind: 'empty' },
      ],
    });
    expect(parseAddonFormula('=LEADSCORE_BUCKET()', names)).toEqual({ kind: 'call', fn: 'LEADSCORE_BUCKET', args: [] });
  });

  it('not ours, or not a plain call', () => {
    expect(parseAddonFormula('=SUM(A1:A3)', names)).toBeNull();
    expect(parseAddonFormula('="LEADSCORE(1)"', names)).toBeNull();
    expect(parseAddonFormula("='LEADSCORE(1)'!A1", names)).toBeNull();
    expect(parseAddonFormula('=MYLEADSCORE(1)', names)).toBeNull();
    for (const f of [
      '=IFERROR(LEADSCORE(A1:B1,A2:B2),0)',
      '=LEADSCORE(A1,B1)+1',
      '=LEADSCORE(A1,Named)',
      '=LEADSCORE(A1,EDATE(B1,1))',
      '=LEADSCORE_BUCKET(LEADSCORE(A1,B2))',
      '=LEADSCORE(A1',
    ]) {
      expect(parseAddonFormula(f, names), f).toMatchObject({ kind: 'unsupported' });
    }
  });
});

describe('npm start with a Formulas tab', () => {
  it('writes formula and result into the output workbook; a spill as an array formula over its area, its cells as values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lh-formulas-'));
    const input = join(dir, 'leads.xlsx');
    const out = join(dir, 'out.xlsx');
    const wb = createWorkbook([createSheet('Leads', [[...H], ...ROWS])]);
    const f = createSheet('Formulas');
    wb.sheets.push(f);
    setFormula(f, 'A1', `=LEADSCORE(${LEADS}, ${AS_OF})`);
    setFormula(f, 'B1', '=LEADSCORE_BUCKET(A1:A4)');
    setFormula(f, 'C1', '=LEADSCORE_DECAY(30, DATE(2026,10,21), 30, DATE(2026,11,20))');
    setFormula(f, 'D1', '=SUM(C1, 1)', 16);
    await saveWorkbook(wb, input);
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'local', 'cli.ts'), input, '--as-of', '2026-11-20', '--out', out], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(out);
    const ws = x.getWorksheet('Formulas')!;
    expect(ws.getCell('A1').value).toEqual({ formula: `LEADSCORE(${LEADS}, ${AS_OF})`, result: 57, shareType: 'array', ref: 'A1:A4' });
    expect([2, 3, 4].map((r) => ws.getCell(r, 1).value)).toEqual([0, null, 37]);
    expect(ws.getCell('B1').value).toEqual({ formula: 'LEADSCORE_BUCKET(A1:A4)', result: 'Warm', shareType: 'array', ref: 'B1:B4' });
    expect([2, 3, 4].map((r) => ws.getCell(r, 2).value)).toEqual(['Cold', null, 'Cold']);
    expect(ws.getCell('C1').value).toEqual({ formula: 'LEADSCORE_DECAY(30, DATE(2026,10,21), 30, DATE(2026,11,20))', result: 15 });
    expect(ws.getCell('D1').value).toEqual({ formula: 'SUM(C1, 1)', result: 16 });
    // And it loads back with the same values.
    const back = sheetOf(await loadWorkbook(out), 'Formulas');
    expect(col(back, 'A1', 4)).toEqual([57, 0, '', 37]);
    // Scoring the output again: the spilled cells are the formulas' results, not data in their way
    // (before, every spilling formula became #REF! "would overwrite data in A2").
    const again = join(dir, 'again.xlsx');
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'local', 'cli.ts'), out, '--as-of', '2026-11-20', '--out', again], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    const twice = sheetOf(await loadWorkbook(again), 'Formulas');
    expect(col(twice, 'A1', 4)).toEqual([57, 0, '', 37]);
    expect(col(twice, 'B1', 4)).toEqual(['Warm', 'Cold', '', 'Cold']);
  });

  it('a saved spill that shrinks is cleared before the formula runs again; data beside it stays', () => {
    // Last run, LEADSCORE over 4 rows spilled A1:A6 (a longer Leads range); now it returns 4 values.
    const { wb, host, f } = setUp({
      formulas: { A1: `=LEADSCORE(${LEADS}, ${AS_OF})` },
      cells: { A2: 1, A3: 2, A4: 3, A5: 4, A6: 5, B5: 'mine' },
    });
    f.spills = new Map([['1,1', { numRows: 6, numCols: 1 }]]);
    const res = evaluateAddonFormulas(wb, host);
    expect(res).toMatchObject({ cells: 1, errors: 0 });
    expect(col(f, 'A1', 6)).toEqual([57, 0, '', 37, '', '']);
    expect(get(f, 'B5')).toBe('mine');
    expect(f.spills.get('1,1')).toEqual({ numRows: 4, numCols: 1 });
  });
});
