import { readFileSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_LEAD_HEADERS, runModel, starterRulesGrid } from '../../src/engine';
import {
  AS_OF,
  BLANK_SHEET_ROW,
  FORMULA_CELLS,
  FORMULA_COLUMNS,
  LAST_SHEET_ROW,
  LEAD_COUNT,
  OUTCOME_HEADERS,
  makeLeadRows,
  makeOutcomeColumns,
  makeActivityRows,
  ACTIVITY_TAB_HEADERS,
  ORPHAN_KEYS,
  OUTPUT_PATH,
  SPAN_DAYS,
  scoreSpread,
  workbookBuffer,
} from '../../examples/make-examples';

const DAY_MS = 86_400_000;
const DATE_HEADERS = ['Demo requested', 'Last pricing visit', 'Last download', 'Last email click', 'Webinar date', 'Last activity'];

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** Every sheet's cells as comparable plain values (dates as ISO text, formulas as '=…'). */
function grid(wb: ExcelJS.Workbook): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  wb.eachSheet((ws) => {
    const cells: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value;
        const text =
          v instanceof Date
            ? `date:${v.toISOString()}`
            : v !== null && typeof v === 'object' && 'formula' in v
              ? `=${v.formula}`
              : `${typeof v}:${String(v)}`;
        cells.push(`${r},${c},${cell.numFmt ?? ''}: ${text}`);
      });
    });
    out[ws.name] = cells;
  });
  return out;
}

describe('examples/leads.xlsx', () => {
  let wb: ExcelJS.Workbook;
  let leads: ExcelJS.Worksheet;
  const col = (h: string): number => EXAMPLE_LEAD_HEADERS.indexOf(h) + 1;

  beforeAll(async () => {
    wb = await load(readFileSync(OUTPUT_PATH));
    leads = wb.getWorksheet('Leads')!;
  });

  it('is small and has the Leads, Activity and Formulas tabs', () => {
    expect(statSync(OUTPUT_PATH).size).toBeLessThan(300 * 1024);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Leads', 'Activity', 'Formulas']);
  });

  it('has an Activity tab: one event a row, joined to leads by Email, two orphan keys on purpose (README "Activity")', () => {
    const act = wb.getWorksheet('Activity')!;
    expect((act.getRow(1).values as unknown[]).slice(1)).toEqual(ACTIVITY_TAB_HEADERS);
    const events = makeActivityRows();
    expect(act.rowCount).toBe(events.length + 1);
    const emails = new Set(makeLeadRows().map((r) => String(r[EXAMPLE_LEAD_HEADERS.indexOf('Email')]).trim().toLowerCase()));
    const orphans = events.filter((e) => !emails.has(String(e[0]).trim().toLowerCase())).map((e) => e[0]);
    expect(orphans.sort()).toEqual([...ORPHAN_KEYS].sort());
    // Every date within the example's span, none after the anchor.
    for (const e of events) {
      const age = (AS_OF.getTime() - (e[2] as Date).getTime()) / DAY_MS;
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(SPAN_DAYS);
    }
  });

  it('has exactly the example headers in row 1, bold and frozen', () => {
    const headers = (leads.getRow(1).values as unknown[]).slice(1);
    // The 19 lead columns, then Created and Status for the backtest (README "Does the score work?").
    expect(headers).toEqual([...EXAMPLE_LEAD_HEADERS, ...OUTCOME_HEADERS]);
    expect(headers).toHaveLength(21);
    for (let c = 1; c <= 21; c++) expect(leads.getRow(1).getCell(c).font?.bold).toBe(true);
    expect(leads.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('has 240 leads and one blank row in the middle', () => {
    const blank: number[] = [];
    let count = 0;
    for (let r = 2; r <= LAST_SHEET_ROW; r++) {
      const row = leads.getRow(r);
      const filled = EXAMPLE_LEAD_HEADERS.some((_, i) => {
        const v = row.getCell(i + 1).value;
        return v !== null && v !== undefined && v !== '';
      });
      if (filled) count++;
      else blank.push(r);
    }
    expect(count).toBe(LEAD_COUNT);
    expect(blank).toEqual([BLANK_SHEET_ROW]);
    expect(leads.actualRowCount).toBe(LEAD_COUNT + 1); // header + leads; nothing below row LAST_SHEET_ROW
    expect(leads.rowCount).toBe(LAST_SHEET_ROW);
  });

  it('stores dates as date cells within the 180 days before the anchor (one typed as text)', () => {
    const earliest = AS_OF.getTime() - (SPAN_DAYS - 1) * DAY_MS;
    const texts: string[] = [];
    let dates = 0;
    for (let r = 2; r <= LAST_SHEET_ROW; r++) {
      for (const h of DATE_HEADERS) {
        const cell = leads.getRow(r).getCell(col(h));
        const v = cell.value;
        if (v === null || v === undefined) continue;
        if (typeof v === 'string') {
          texts.push(v);
          continue;
        }
        expect(v, `${h} row ${r}`).toBeInstanceOf(Date);
        const t = (v as Date).getTime();
        expect(t % DAY_MS, `${h} row ${r} at UTC midnight`).toBe(0);
        expect(t).toBeGreaterThanOrEqual(earliest);
        expect(t).toBeLessThanOrEqual(AS_OF.getTime());
        expect(cell.numFmt).toBe('yyyy-mm-dd');
        dates++;
      }
    }
    expect(texts).toEqual(['2026-10-05']);
    expect(dates).toBeGreaterThan(LEAD_COUNT); // Last activity for every lead, plus the signals
    // Every lead has a Last activity date (or, for none, text).
    for (let r = 2; r <= LAST_SHEET_ROW; r++) {
      if (r === BLANK_SHEET_ROW) continue;
      expect(leads.getRow(r).getCell(col('Last activity')).value).toBeInstanceOf(Date);
    }
  });

  it('has real booleans, counts and the deliberately messy cells', () => {
    let unsubscribed = 0;
    for (let r = 2; r <= LAST_SHEET_ROW; r++) {
      if (r === BLANK_SHEET_ROW) continue;
      const row = leads.getRow(r);
      expect(typeof row.getCell(col('Unsubscribed')).value).toBe('boolean');
      expect(typeof row.getCell(col('Email bounced')).value).toBe('boolean');
      if (row.getCell(col('Unsubscribed')).value === true) unsubscribed++;
      const visits = row.getCell(col('Pricing page visits')).value as number;
      expect(visits).toBeGreaterThanOrEqual(0);
      expect(visits).toBeLessThanOrEqual(8);
      expect(row.getCell(col('Last pricing visit')).value !== null).toBe(visits > 0);
    }
    expect(unsubscribed).toBeGreaterThan(0);
    expect(unsubscribed).toBeLessThan(LEAD_COUNT / 10);

    const column = (h: string): unknown[] => (leads.getColumn(col(h)).values as unknown[]).slice(2);
    expect(column('Company size')).toContain('1,200');
    const names = leads.getColumn(col('Name'));
    const formulaLike: ExcelJS.Cell[] = [];
    names.eachCell((cell) => {
      if (String(cell.value).startsWith('=')) formulaLike.push(cell);
    });
    expect(formulaLike).toHaveLength(1);
    expect(formulaLike[0].value).toBe('=1+1 (not a formula)');
    expect(formulaLike[0].type).toBe(ExcelJS.ValueType.String);
    expect(column('Name')).toContain('<img src=x onerror=alert(1)>');
  });

  it('has a Formulas tab with a labelled formula for each custom function', () => {
    const fx = wb.getWorksheet('Formulas')!;
    const names = new Set<string>();
    for (const [key, { formula }] of Object.entries(FORMULA_CELLS)) {
      const column = FORMULA_COLUMNS[key as keyof typeof FORMULA_CELLS];
      expect(typeof fx.getCell(`${column}1`).value).toBe('string');
      const cell = fx.getCell(`${column}2`);
      expect(cell.type).toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula).toBe(formula);
      expect(cell.formula).not.toMatch(/^=/);
      names.add(formula.slice(0, formula.indexOf('(')));
      if (formula.includes('Leads!')) expect(formula).toContain('Leads!A1:S1,');
    }
    expect([...names].sort()).toEqual(['LEADSCORE', 'LEADSCORE_BUCKET', 'LEADSCORE_DECAY', 'LEADSCORE_DETAILS', 'LEADSCORE_WHY']);
    expect(fx.getCell('A2').formula).toContain(`Leads!A2:S${LAST_SHEET_ROW}`);
  });

  it('is deterministic: regenerating gives the same bytes and the same cells as the committed file', async () => {
    const a = await workbookBuffer();
    const b = await workbookBuffer();
    expect(a.equals(b)).toBe(true);
    expect(grid(await load(a))).toEqual(grid(wb));
  });

  it('gives a sensible spread under the starter rules as of the anchor', () => {
    const { leads: n, counts, problems } = scoreSpread();
    expect(n).toBe(LEAD_COUNT);
    expect(problems).toBe(0);
    expect(counts.Hot / n).toBeGreaterThanOrEqual(0.08);
    expect(counts.Hot / n).toBeLessThanOrEqual(0.22);
    expect(counts.Warm / n).toBeGreaterThanOrEqual(0.18);
    expect(counts.Warm / n).toBeLessThanOrEqual(0.38);
    expect(counts.Disqualified).toBeGreaterThan(0);
    expect(counts.Disqualified / n).toBeLessThanOrEqual(0.1);
  });
  it('Created and Status: a date no later than the first signal, won / lost / blank, won more often at higher scores', () => {
    const rows = makeLeadRows();
    const outcomes = makeOutcomeColumns(rows);
    const { leads: scored } = runModel({
      settings: null,
      rules: starterRulesGrid(),
      headers: [...EXAMPLE_LEAD_HEADERS],
      rows,
      firstRow: 2,
      today: AS_OF,
      spreadsheetTimeZone: 'UTC',
    });
    const tally: Record<string, { won: number; lost: number }> = {};
    rows.forEach((row, i) => {
      const [created, status] = outcomes[i];
      if (row.every((v) => v === '')) {
        expect(outcomes[i]).toEqual(['', '']);
        return;
      }
      expect(created).toBeInstanceOf(Date);
      for (const v of row) if (v instanceof Date) expect((created as Date).getTime()).toBeLessThanOrEqual(v.getTime());
      expect(['won', 'lost', '']).toContain(status);
      const b = scored[i]!.bucket;
      tally[b] ??= { won: 0, lost: 0 };
      if (status === 'won') tally[b].won++;
      if (status === 'lost') tally[b].lost++;
    });
    const rate = (b: string) => tally[b].won / (tally[b].won + tally[b].lost);
    expect(rate('Hot')).toBeGreaterThan(rate('Warm'));
    expect(rate('Warm')).toBeGreaterThan(rate('Cold'));
    // The workbook holds exactly these cells (Created in column T, Status in U).
    expect(leads.getCell('T1').value).toBe('Created');
    expect(leads.getCell(`U${BLANK_SHEET_ROW}`).value).toBe(null);
  });
});
