/**
 * The in-memory spreadsheet model behind the local Apps Script host.
 *
 * Dates: a date cell holds a *wall-clock* date-time in the spreadsheet's time
 * zone, the way Sheets stores a serial number with no zone. We keep it as a
 * "naive" Date whose UTC fields are that wall clock (2026-03-05 00:00 →
 * Date.UTC(2026, 2, 5)). This is also how exceljs reads and writes dates, so
 * xlsx files round-trip without shifting. The services convert to the real
 * instant in `workbook.timeZone` when the script reads a value (see dates.ts).
 */
export type CellValue = string | number | boolean | Date | '';

/** A conditional-format rule as the add-on creates it: a custom formula and a colour. */
export interface CFRule {
  /** A1 ranges on the rule's sheet, e.g. ['A2:K100']. */
  ranges: string[];
  /** 'CUSTOM_FORMULA' is the only condition type the host models. */
  type: 'CUSTOM_FORMULA';
  /** The formula including its leading '=', e.g. '=$E2="Hot"'. */
  formula: string;
  background?: string | null;
  fontColor?: string | null;
  bold?: boolean | null;
}

export type ValidationModel =
  | { type: 'VALUE_IN_LIST'; values: string[]; showDropdown: boolean; allowInvalid: boolean; helpText: string | null }
  | { type: 'CHECKBOX'; allowInvalid: boolean; helpText: string | null };

export interface SheetModel {
  name: string;
  /** Stable numeric id (Sheet.getSheetId()). */
  sheetId: number;
  /** Dense rows × cols grid of the used area; cells beyond it are blank. */
  values: CellValue[][];
  /** Sparse formulas keyed 'r,c' (1-based), text including the leading '='. */
  formulas: Map<string, string>;
  /** Sparse number formats keyed 'r,c' (1-based); absent = Sheets' default 'General'. */
  numberFormats: Map<string, string>;
  /** Sparse backgrounds keyed 'r,c'; absent = white. */
  backgrounds: Map<string, string>;
  /** Sparse font weights keyed 'r,c'; absent = 'normal'. */
  fontWeights: Map<string, string>;
  conditionalFormatRules: CFRule[];
  /** Sparse data validations keyed 'r,c'. */
  dataValidations: Map<string, ValidationModel>;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  /** Column widths in pixels set by the script (informational). */
  columnWidths: Map<number, number>;
  /**
   * Developer metadata on whole rows or columns of this sheet (Range.addDeveloperMetadata). It
   * follows its row/column when rows/columns are inserted, and goes when they are deleted:
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata
   * Optional so hand-built models need not list it; not saved to .xlsx/.csv.
   */
  developerMetadata?: DeveloperMetadataModel[];
  /**
   * Array results of formula cells: anchor key 'r,c' → size of what it spilled (more than one cell).
   * Saved to .xlsx as an array formula (`<f t="array" ref="A2:A241">`, how Excel stores an array
   * result with its values) and read back from one, so re-opening a saved workbook knows those
   * cells hold the formula's result, not data in its way. Optional, like developerMetadata.
   */
  spills?: Map<string, { numRows: number; numCols: number }>;
}

export interface DeveloperMetadataModel {
  /** Unique within the spreadsheet, positive. */
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  /** A whole column or row: 1-based index (one column or row, as Range.addDeveloperMetadata allows). */
  location: { type: 'COLUMN' | 'ROW'; index: number };
}

export interface Selection {
  sheetName: string;
  /** A1 notation on that sheet, e.g. 'A5' or 'A5:C7'. */
  a1: string;
}

export interface Workbook {
  name: string;
  id: string;
  /** IANA zone, e.g. 'UTC' or 'Europe/Paris'. */
  timeZone: string;
  sheets: SheetModel[];
  activeSheetName: string;
  activeRange: Selection | null;
}

/** Google Sheets' default grid for a new sheet. */
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export const cellKey = (row: number, col: number): string => `${row},${col}`;

let nextSheetId = 1;

/**
 * A new sheet. Like a Google Sheets import, the grid is at least 1000 × 26 and
 * at least as big as the data.
 */
export function createSheet(name: string, values: CellValue[][] = []): SheetModel {
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  const dense = values.map((r) => {
    const row = r.slice();
    while (row.length < width) row.push('');
    return row;
  });
  return {
    name,
    sheetId: nextSheetId++,
    values: dense,
    formulas: new Map(),
    numberFormats: new Map(),
    backgrounds: new Map(),
    fontWeights: new Map(),
    conditionalFormatRules: [],
    dataValidations: new Map(),
    maxRows: Math.max(DEFAULT_ROWS, dense.length),
    maxColumns: Math.max(DEFAULT_COLUMNS, width),
    frozenRows: 0,
    columnWidths: new Map(),
  };
}

export function createWorkbook(
  sheets: SheetModel[] = [createSheet('Sheet1')],
  opts: { name?: string; timeZone?: string; id?: string } = {},
): Workbook {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet.');
  return {
    name: opts.name ?? 'Untitled spreadsheet',
    id: opts.id ?? `local-${Math.random().toString(36).slice(2, 12)}`,
    timeZone: opts.timeZone ?? 'UTC',
    sheets,
    activeSheetName: sheets[0].name,
    activeRange: null,
  };
}

/** Cell value at 1-based (row, col); '' outside the used area. */
export function readCell(sheet: SheetModel, row: number, col: number): CellValue {
  const r = sheet.values[row - 1];
  if (!r) return '';
  const v = r[col - 1];
  return v === undefined ? '' : v;
}

/** Writes a cell, growing the dense used area as needed. */
export function writeCell(sheet: SheetModel, row: number, col: number, value: CellValue): void {
  const current = sheet.values[0]?.length ?? 0;
  const width = Math.max(current, col);
  // Pad every row only when the grid gets wider; otherwise touch just the new rows. (Padding all
  // rows on every write made a 10,000-row setValues quadratic.)
  if (width > current) for (const r of sheet.values) while (r.length < width) r.push('');
  while (sheet.values.length < row) sheet.values.push(new Array<CellValue>(width).fill(''));
  sheet.values[row - 1][col - 1] = value;
}

/** Last row / column holding a value or a formula (0 when the sheet is empty). */
export function usedExtent(sheet: SheetModel): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  sheet.values.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== '') {
        rows = Math.max(rows, i + 1);
        cols = Math.max(cols, j + 1);
      }
    });
  });
  for (const key of sheet.formulas.keys()) {
    const [r, c] = key.split(',').map(Number);
    rows = Math.max(rows, r);
    cols = Math.max(cols, c);
  }
  return { rows, cols };
}
