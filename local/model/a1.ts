/** A1 notation helpers (1-based rows and columns). */

export function columnToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface GridRect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** 'A1', 'B2:C5' for a rectangle. */
export function rectToA1(r: GridRect): string {
  const start = columnToLetters(r.col) + r.row;
  if (r.numRows === 1 && r.numCols === 1) return start;
  return `${start}:${columnToLetters(r.col + r.numCols - 1)}${r.row + r.numRows - 1}`;
}

/** Splits "'My sheet'!A1:B2" / "Leads!A1" / "A1" into sheet name and the A1 part. */
export function splitSheetName(a1: string): { sheet: string | null; ref: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { sheet: null, ref: a1 };
  let sheet = a1.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: a1.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/**
 * Parses 'A1', 'A1:C3', 'A:C' (whole columns), '2:5' (whole rows) against a
 * sheet of maxRows × maxCols. Returns null when the text is not A1 notation
 * (Apps Script then throws "Range not found").
 */
export function parseA1(ref: string, maxRows: number, maxCols: number): GridRect | null {
  const parts = ref.trim().split(':');
  if (parts.length < 1 || parts.length > 2 || parts.some((p) => p === '')) return null;
  const cells = parts.map((p) => CELL.exec(p));
  if (cells.some((m) => !m || (!m[1] && !m[2]))) return null;
  const [a, b] = cells as RegExpExecArray[];
  const end = b ?? a;
  // A single part must be a full cell reference ('A' or '5' alone is not a range).
  if (!b && (!a[1] || !a[2])) return null;
  const c1 = a[1] ? lettersToColumn(a[1]) : 1;
  const c2 = end[1] ? lettersToColumn(end[1]) : maxCols;
  const r1 = a[2] ? Number(a[2]) : 1;
  const r2 = end[2] ? Number(end[2]) : maxRows;
  // Mixed forms like 'A1:B' (open-ended rows) are allowed by Sheets.
  if (r1 < 1 || c1 < 1) return null;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}
