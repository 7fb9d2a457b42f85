/**
 * Evaluates the add-on's custom-function cells of a workbook the way Google Sheets does, through
 * the real bundle in the host's custom-function mode (read-only services, 30 s budget).
 *
 * - A cell is evaluated when its whole formula is one call to an add-on custom function
 *   (`=LEADSCORE(Leads!A1:S1, Leads!A2:S241, DATE(2026,11,20))`, names case-insensitive). A
 *   formula that uses one inside something else (`=IFERROR(LEADSCORE(…),0)`) keeps its formula
 *   and value and is reported as skipped. Other formulas are not touched.
 * - Arguments arrive as Apps Script passes them (README "Custom functions"): a multi-cell range as a rows × cols
 *   array, one cell as a scalar, blanks as '', date cells as Dates (the instant of the wall clock
 *   in the workbook's zone, made in the bundle's realm by the runtime), DATE(…) and TODAY() as
 *   Dates at midnight in that zone, an empty argument (`F(a,,c)`) as ''. Arguments not written at
 *   all are simply not passed (undefined in the function).
 * - A 2-D result spills right and down from the anchor, which keeps its formula. A spill onto a
 *   non-empty cell, or past the grid, makes the anchor #REF!; a throw makes it #ERROR! with the
 *   thrown message; a reference cycle makes every cell in it #REF!.
 * - Order: a formula whose ranges contain another add-on formula's anchor (or could contain its
 *   spill) is evaluated after it, depth-first.
 *
 * Sources for Sheets' messages (copied from real Sheets output quoted in public code):
 *   "Array result was not expanded because it would overwrite data in N2754." (a Sheets #REF!
 *   tooltip quoted in a Python project's incident note),
 *   "Result was not automatically expanded, please insert more columns (1)." (a Sheets API
 *   `effectiveValue.errorValue` of type REF saved in a test fixture; the rows variant is assumed
 *   to read the same with "rows"),
 *   "Circular dependency detected. To resolve with iterative calculation, see File > Settings."
 *   and "Unresolved sheet name 'Missing'." (Sheets API error values in another fixture).
 */
import { cellKey, readCell, writeCell, type CellValue, type SheetModel, type Workbook } from '../model/types.js';
import { columnToLetters, parseA1, type GridRect } from '../model/a1.js';
import { instantToWallClockMs, isDate, wallClockToInstantMs } from '../model/dates.js';
import { join } from 'node:path';
import type { Host } from '../runtime.js';
import { parseAddonFormula, type FormulaArg } from './parse.js';
import { customFunctionNames } from '../manifest.js';
import { REPO_ROOT } from '../runtime.js';

export interface FormulaResult {
  sheet: string;
  /** The formula cell (the anchor). */
  a1: string;
  fn: string;
  /** From runCustomFunction (wall time plus virtual time); 0 when the function did not run. */
  ms: number;
  /** Size of what the cell shows: the spilled result, or 1 × 1 for an error or skipped cell. */
  rows: number;
  cols: number;
  /** The anchor's tooltip text when it shows #ERROR! or #REF!, or why a cell was skipped. */
  error?: string;
  /** The formula uses an add-on function but is not a plain call: formula and value left as they were. */
  skipped?: true;
}

export interface EvaluateResult {
  /** Add-on formula cells evaluated (including those that ended in an error). */
  cells: number;
  /** Of those, how many show #ERROR! or #REF!. */
  errors: number;
  /** Formulas that use an add-on function but were not evaluated (see `skipped` results). */
  skipped: number;
  results: FormulaResult[];
}

export interface EvaluateOptions {
  /** Custom-function names (default: the host's, from the bundle's manifest dist/globals.json). */
  functions?: Iterable<string>;
}

export const CIRCULAR_MESSAGE = 'Circular dependency detected. To resolve with iterative calculation, see File > Settings.';
export const overwriteMessage = (a1: string) => `Array result was not expanded because it would overwrite data in ${a1}.`;
export const expandMessage = (what: 'rows' | 'columns', n: number) =>
  `Result was not automatically expanded, please insert more ${what} (${n}).`;

/** The add-on's custom functions, from the manifest build.mjs writes beside the bundle (dist/globals.json). */
export function addonFunctionNames(bundleDir = join(REPO_ROOT, 'dist')): string[] {
  return customFunctionNames(bundleDir);
}

interface Ref {
  sheet: SheetModel;
  rect: GridRect;
}

interface Node {
  sheet: SheetModel;
  row: number;
  col: number;
  fn: string;
  args: FormulaArg[];
  refs: Ref[];
  /** The resolved range of each reference argument, by argument index. */
  argRefs: Map<number, Ref>;
  /** Set when a reference cannot be resolved (#REF! without running). */
  refError?: string;
  state: 'pending' | 'active' | 'done';
  circular: boolean;
  /** What was written (anchor included). */
  written?: GridRect;
  result: FormulaResult;
}

const DAY_MS = 86_400_000;

export function evaluateAddonFormulas(wb: Workbook, host: Host, opts: EvaluateOptions = {}): EvaluateResult {
  const names = new Set([...(opts.functions ?? host.customFunctionNames())].map((n) => n.toUpperCase()));
  const tz = wb.timeZone;
  // Date arguments carry the wall clock in this zone (the spreadsheet's, or the script's in that host mode).
  const argZone = host.dateArgumentZone();
  const results: FormulaResult[] = [];
  const nodes: Node[] = [];

  // 1. Find the cells, sheet by sheet, row by row.
  for (const sheet of wb.sheets) {
    const keys = [...sheet.formulas.keys()]
      .map((k) => k.split(',').map(Number) as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [row, col] of keys) {
      const formula = sheet.formulas.get(cellKey(row, col))!;
      const parsed = parseAddonFormula(formula, names);
      if (!parsed) continue;
      const a1 = columnToLetters(col) + row;
      if (parsed.kind === 'unsupported') {
        results.push({
          sheet: sheet.name,
          a1,
          fn: parsed.fn,
          ms: 0,
          rows: 1,
          cols: 1,
          error: `Not evaluated: ${parsed.reason}.`,
          skipped: true,
        });
        continue;
      }
      const result: FormulaResult = { sheet: sheet.name, a1, fn: parsed.fn, ms: 0, rows: 1, cols: 1 };
      results.push(result);
      const node: Node = {
        sheet,
        row,
        col,
        fn: parsed.fn,
        args: parsed.args,
        refs: [],
        argRefs: new Map(),
        state: 'pending',
        circular: false,
        result,
      };
      for (const [index, arg] of parsed.args.entries()) {
        if (arg.kind !== 'ref') continue;
        const target = arg.sheet === null ? sheet : findSheet(wb, arg.sheet);
        if (!target) {
          node.refError ??= `Unresolved sheet name '${arg.sheet}'.`;
          continue;
        }
        const rect = parseA1(arg.ref, target.maxRows, target.maxColumns);
        if (!rect || rect.row + rect.numRows - 1 > target.maxRows || rect.col + rect.numCols - 1 > target.maxColumns) {
          node.refError ??= `${arg.text} is outside the grid of '${target.name}' (${target.maxRows} rows × ${target.maxColumns} columns).`;
          continue;
        }
        node.refs.push({ sheet: target, rect });
        node.argRefs.set(index, { sheet: target, rect });
      }
      nodes.push(node);
    }
  }

  // 2. Dependencies. Definite: another formula's anchor is inside a range. Possible: its spill
  // (unknown until it runs) could reach into the range, i.e. its anchor is above-left of the
  // range's far corner.
  const deps = new Map<Node, Array<{ node: Node; ref: Ref; definite: boolean }>>();
  for (const g of nodes) {
    const list: Array<{ node: Node; ref: Ref; definite: boolean }> = [];
    for (const ref of g.refs) {
      for (const f of nodes) {
        if (f.sheet !== ref.sheet) continue;
        const definite = contains(ref.rect, f.row, f.col);
        const possible = f.row <= ref.rect.row + ref.rect.numRows - 1 && f.col <= ref.rect.col + ref.rect.numCols - 1;
        if (f === g) {
          if (definite) g.circular = true; // reads its own cell
          continue;
        }
        if (definite || possible) list.push({ node: f, ref, definite });
      }
    }
    deps.set(g, list);
  }

  // 3. Evaluate depth-first. An edge into a formula still on the stack is a cycle when definite;
  // when only possible, it is checked after everything has run (did that spill land in the range?).
  const stack: Node[] = [];
  const deferred: Array<{ reader: Node; writer: Node; ref: Ref }> = [];
  const evaluate = (g: Node): void => {
    g.state = 'active';
    stack.push(g);
    for (const d of deps.get(g)!) {
      if (d.node.state === 'active') {
        if (d.definite) for (const n of stack.slice(stack.indexOf(d.node))) n.circular = true;
        else deferred.push({ reader: g, writer: d.node, ref: d.ref });
      } else if (d.node.state === 'pending') {
        evaluate(d.node);
      }
    }
    stack.pop();
    run(g);
    g.state = 'done';
  };

  const run = (g: Node): void => {
    if (g.circular) {
      showError(g, '#REF!', CIRCULAR_MESSAGE);
      return;
    }
    if (g.refError) {
      showError(g, '#REF!', g.refError);
      return;
    }
    const args = g.args.map((a, i) => argValue(a, g, i));
    let value: unknown;
    const started = performance.now();
    try {
      const r = host.runCustomFunction(g.fn, ...args);
      value = r.value;
      g.result.ms = r.ms;
    } catch (e) {
      g.result.ms = performance.now() - started;
      showError(g, '#ERROR!', errorMessage(e));
      return;
    }
    spill(g, toGrid(value, tz));
  };

  const argValue = (a: FormulaArg, g: Node, index: number): unknown => {
    switch (a.kind) {
      case 'number':
      case 'string':
      case 'bool':
        return a.value;
      case 'empty':
        return '';
      case 'date': {
        // Sheets' DATE adds 1900 to years 0..1899 and carries month/day overflow, like Date.UTC.
        const year = a.year >= 0 && a.year < 1900 ? a.year + 1900 : a.year;
        return new Date(wallClockToInstantMs(Date.UTC(year, a.month - 1, a.day), argZone));
      }
      case 'today': {
        // TODAY() is today's date in the spreadsheet's zone; as an argument it is a date cell like any other.
        const wall = instantToWallClockMs(host.clock(), tz);
        return new Date(wallClockToInstantMs(Math.floor(wall / DAY_MS) * DAY_MS, argZone));
      }
      case 'ref': {
        const ref = g.argRefs.get(index)!;
        return rangeValue(ref.sheet, ref.rect, argZone);
      }
    }
  };

  const spill = (g: Node, grid: CellValue[][]): void => {
    const rows = grid.length;
    const cols = grid[0].length;
    const { sheet, row, col } = g;
    const lastRow = row + rows - 1;
    const lastCol = col + cols - 1;
    if (lastRow > sheet.maxRows) {
      showError(g, '#REF!', expandMessage('rows', lastRow - sheet.maxRows));
      return;
    }
    if (lastCol > sheet.maxColumns) {
      showError(g, '#REF!', expandMessage('columns', lastCol - sheet.maxColumns));
      return;
    }
    for (let r = row; r <= lastRow; r++) {
      for (let c = col; c <= lastCol; c++) {
        if (r === row && c === col) continue;
        if (readCell(sheet, r, c) !== '' || sheet.formulas.has(cellKey(r, c))) {
          showError(g, '#REF!', overwriteMessage(columnToLetters(c) + r));
          return;
        }
      }
    }
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) writeCell(sheet, row + i, col + j, grid[i][j]);
    g.written = { row, col, numRows: rows, numCols: cols };
    if (rows > 1 || cols > 1) (sheet.spills ??= new Map()).set(cellKey(row, col), { numRows: rows, numCols: cols });
    g.result.rows = rows;
    g.result.cols = cols;
    delete g.result.error;
  };

  const showError = (g: Node, code: '#REF!' | '#ERROR!', message: string): void => {
    clearSpill(g);
    writeCell(g.sheet, g.row, g.col, code);
    g.written = { row: g.row, col: g.col, numRows: 1, numCols: 1 };
    g.result.rows = 1;
    g.result.cols = 1;
    g.result.error = message;
  };

  const clearSpill = (g: Node): void => {
    const w = g.written;
    if (!w) return;
    g.sheet.spills?.delete(cellKey(g.row, g.col));
    for (let i = 0; i < w.numRows; i++) for (let j = 0; j < w.numCols; j++) if (i || j) writeCell(g.sheet, w.row + i, w.col + j, '');
  };

  // The spills of a saved workbook's formulas (read back from the file) are last run's results, not
  // data: clear them before anything runs, as Sheets recomputes the formula into that area.
  for (const g of nodes) {
    const size = g.sheet.spills?.get(cellKey(g.row, g.col));
    if (!size) continue;
    g.written = { row: g.row, col: g.col, ...size };
    clearSpill(g);
    g.written = undefined;
  }

  for (const n of nodes) if (n.state === 'pending') evaluate(n);

  // 4. A formula that read a range a later spill landed in (or that spilled over its own input)
  // is part of a cycle in Sheets: show #REF! on both ends.
  for (const { reader, writer, ref } of deferred) {
    if (writer.written && overlaps(writer.written, ref.rect) && writer.sheet === ref.sheet) {
      showError(reader, '#REF!', CIRCULAR_MESSAGE);
      showError(writer, '#REF!', CIRCULAR_MESSAGE);
    }
  }
  for (const g of nodes) {
    if (g.written && g.refs.some((r) => r.sheet === g.sheet && overlaps(g.written!, r.rect))) showError(g, '#REF!', CIRCULAR_MESSAGE);
  }

  const evaluated = results.filter((r) => !r.skipped);
  return {
    cells: evaluated.length,
    errors: evaluated.filter((r) => r.error !== undefined).length,
    skipped: results.length - evaluated.length,
    results,
  };
}

function findSheet(wb: Workbook, name: string): SheetModel | undefined {
  return wb.sheets.find((s) => s.name === name) ?? wb.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

const contains = (r: GridRect, row: number, col: number): boolean =>
  row >= r.row && row < r.row + r.numRows && col >= r.col && col < r.col + r.numCols;

const overlaps = (a: GridRect, b: GridRect): boolean =>
  a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;

/** A cell as a custom function receives it: a Date for date cells (the instant of its wall clock). */
function argCell(v: CellValue, tz: string): unknown {
  return isDate(v) ? new Date(wallClockToInstantMs(v.getTime(), tz)) : v;
}

/** One cell → a scalar; more → rows × cols (the runtime copies arrays and Dates into the vm realm). */
function rangeValue(sheet: SheetModel, rect: GridRect, tz: string): unknown {
  if (rect.numRows === 1 && rect.numCols === 1) return argCell(readCell(sheet, rect.row, rect.col), tz);
  const out: unknown[][] = [];
  for (let i = 0; i < rect.numRows; i++) {
    const line: unknown[] = [];
    for (let j = 0; j < rect.numCols; j++) line.push(argCell(readCell(sheet, rect.row + i, rect.col + j), tz));
    out.push(line);
  }
  return out;
}

/** A returned value as the cells it fills: scalars 1 × 1; a 1-D array is taken as one row; ragged rows padded. */
function toGrid(value: unknown, tz: string): CellValue[][] {
  if (!Array.isArray(value)) return [[toCell(value, tz)]];
  if (value.length === 0) return [['']];
  const rows = value.every((r) => Array.isArray(r)) ? (value as unknown[][]) : [value as unknown[]];
  // No spread of a row-sized array into a call: a 130,000-row result would overflow the stack.
  let width = 1;
  for (const r of rows) if (r.length > width) width = r.length;
  return rows.map((r) => Array.from({ length: width }, (_, j) => toCell(r[j], tz)));
}

/** A returned value as a model cell: realm Dates back to naive wall-clock dates. */
function toCell(v: unknown, tz: string): CellValue {
  if (v === undefined || v === null) return '';
  if (isDate(v)) {
    const t = v.getTime();
    return Number.isNaN(t) ? '#NUM!' : new Date(instantToWallClockMs(t, tz));
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : '#NUM!';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** What Sheets shows when hovering an #ERROR! from a custom function: the thrown message. */
function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
