import { OUTPUT_HEADERS, isBlank, normalizeKey, outputRow, type Cell, type LeadScore, type Settings } from '../engine';
import { readAllWithRange, UserError } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface LeadsBlock {
  sheet: Sheet;
  headerRow: number;
  headers: Cell[];
  rows: Cell[][];
  /** Sheet row of rows[0]. */
  firstRow: number;
  /** Columns in use (the data range's width). */
  lastColumn: number;
  /** The data range read (A1 to the last used cell), reused for colours without another call. */
  dataRange: GoogleAppsScript.Spreadsheet.Range;
}

/** Reads the Leads tab in one call and splits it at the Header row setting. */
export function readLeads(ss: Spreadsheet, settings: Settings): LeadsBlock {
  const sheet = ss.getSheetByName(settings.leadsSheet);
  if (!sheet) {
    throw new UserError(`There is no tab named '${settings.leadsSheet}'. Rename your leads tab, or change 'Leads sheet' in the Settings tab.`);
  }
  const { values, range } = readAllWithRange(sheet);
  const headerRow = settings.headerRow;
  const headers = values[headerRow - 1];
  if (!headers || headers.every(isBlank)) {
    throw new UserError(`The '${settings.leadsSheet}' tab has no headers in row ${headerRow}. Put the column names there, or change 'Header row' in the Settings tab.`);
  }
  return {
    sheet, headerRow, headers, rows: values.slice(headerRow), firstRow: headerRow + 1,
    lastColumn: values[0]?.length ?? 0, dataRange: range,
  };
}

const OUTPUT_KEYS = OUTPUT_HEADERS.map((h) => [normalizeKey(h), ...(h === 'Behaviour' ? ['behavior'] : [])]);

export interface OutputPlan {
  /** 1-based column of each output, in OUTPUT_HEADERS order. */
  columns: number[];
  /** Outputs without a header yet: appended after the last used column. */
  appended: Array<{ column: number; header: string }>;
}

/** Output columns are found by header; missing ones go after the last used column (DESIGN §2). */
export function planOutputColumns(headers: Cell[], lastColumn: number): OutputPlan {
  const keys = headers.map(normalizeKey);
  const appended: OutputPlan['appended'] = [];
  let next = Math.max(lastColumn, headers.length);
  const columns = OUTPUT_HEADERS.map((header, i) => {
    const found = keys.findIndex((k) => OUTPUT_KEYS[i].includes(k));
    if (found >= 0) return found + 1;
    next++;
    appended.push({ column: next, header });
    return next;
  });
  return { columns, appended };
}

const FORMATS: Record<(typeof OUTPUT_HEADERS)[number], string> = {
  Fit: '0', Behaviour: '0', Negative: '0', Score: '0',
  // Plain text: a Why starting with '+' (or lead text starting with '=') must never become a formula.
  Bucket: '@', Grade: '@', Why: '@',
  'Scored at': 'yyyy-mm-dd hh:mm',
};

/** Consecutive output columns form one block, written with one setValues (usually all eight). */
function runsOf(columns: number[]): Array<{ start: number; outputs: number[] }> {
  const order = columns.map((c, i) => ({ c, i })).sort((a, b) => a.c - b.c);
  const runs: Array<{ start: number; outputs: number[] }> = [];
  for (const { c, i } of order) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.outputs.length === c) last.outputs.push(i);
    else runs.push({ start: c, outputs: [i] });
  }
  return runs;
}

/**
 * Writes the output columns, header cell included, so that the usual case (eight adjacent
 * columns) is one getRange, one setNumberFormats and one setValues whatever the number of leads.
 * Input cells are never written: only the output columns' own cells.
 */
export function writeScores(block: LeadsBlock, plan: OutputPlan, leads: Array<LeadScore | null>, scoredAt: Date): void {
  const { sheet } = block;
  if (plan.appended.length > 0) {
    const needed = Math.max(...plan.columns);
    const maxColumns = sheet.getMaxColumns();
    if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
  }
  const rows: Cell[][] = [[...OUTPUT_HEADERS], ...leads.map((lead) => outputRow(lead, scoredAt))];
  const headerText = (i: number) => String(block.headers[plan.columns[i] - 1] ?? '') || OUTPUT_HEADERS[i];
  rows[0] = OUTPUT_HEADERS.map((_, i) => headerText(i)); // keep the user's spelling, e.g. 'Behavior'
  for (const run of runsOf(plan.columns)) {
    const range = sheet.getRange(block.headerRow, run.start, rows.length, run.outputs.length);
    const formats = run.outputs.map((i) => FORMATS[OUTPUT_HEADERS[i]]);
    range.setNumberFormats(rows.map((_, r) => (r === 0 ? run.outputs.map(() => '@') : formats)));
    range.setValues(rows.map((r) => run.outputs.map((i) => r[i])));
  }
}

/** The data rows with the add-on's own output cells blanked, so old scores don't keep a deleted lead alive. */
export function inputRows(rows: Cell[][], plan: OutputPlan): Cell[][] {
  const outputs = new Set(plan.columns.map((c) => c - 1));
  return rows.map((row) => row.map((v, i) => (outputs.has(i) ? '' : v)));
}
