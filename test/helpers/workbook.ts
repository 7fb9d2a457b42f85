import { createHost, createSheet, createWorkbook, writeCell, type Cell, type Host, type SheetModel, type Workbook } from '../../local/index';
import { EXAMPLE_LEAD_HEADERS } from '../../src/engine';

/** A naive wall-clock date as the local host's model stores date cells (UTC fields = wall clock). */
export const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export const H = EXAMPLE_LEAD_HEADERS;

/** A lead row in EXAMPLE_LEAD_HEADERS order from a partial record. */
export function lead(fields: Partial<Record<(typeof H)[number], Cell>>): Cell[] {
  return H.map((h) => (fields as Record<string, Cell>)[h] ?? '');
}

export function sheetOf(wb: Workbook, name: string): SheetModel {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Sets a setting's value in the Settings tab Set up wrote (Setting in A, Value in B). */
export function setSetting(wb: Workbook, name: string, value: Cell): void {
  const s = sheetOf(wb, 'Settings');
  const row = s.values.findIndex((r) => r[0] === name);
  if (row < 0) throw new Error(`no setting ${name}`);
  writeCell(s, row + 1, 2, value);
}

/** A workbook with a Leads tab, set up by the add-on itself (Rules and Settings created by Set up). */
export function setUpWorkbook(leads: Cell[][], opts: { timeZone?: string; asOf?: string; headers?: Cell[] } = {}): { wb: Workbook; host: Host } {
  const wb = createWorkbook([createSheet('Leads', [opts.headers ?? [...H], ...leads])], { timeZone: opts.timeZone ?? 'UTC' });
  const host = createHost(wb);
  host.run('setUpScoring');
  if (opts.asOf) setSetting(wb, 'As-of date', day(opts.asOf));
  return { wb, host };
}

/** Values of a sheet's column by header name (data rows only). */
export function columnValues(sheet: SheetModel, header: string, headerRow = 1): Cell[] {
  const c = sheet.values[headerRow - 1].indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  return sheet.values.slice(headerRow).map((r) => r[c]);
}

/** A deep copy of a sheet's cells, formulas and formats, for "unchanged" assertions. */
export function snapshot(sheet: SheetModel, columns?: number): string {
  const cut = (r: Cell[]) => (columns === undefined ? r : r.slice(0, columns));
  const keep = (k: string) => columns === undefined || Number(k.split(',')[1]) <= columns;
  return JSON.stringify({
    values: sheet.values.map((r) => cut(r).map((v) => (v instanceof Date ? `D:${v.toISOString()}` : v))),
    formulas: [...sheet.formulas].filter(([k]) => keep(k)),
    formats: [...sheet.numberFormats].filter(([k]) => keep(k)),
    backgrounds: [...sheet.backgrounds].filter(([k]) => keep(k)),
  });
}
