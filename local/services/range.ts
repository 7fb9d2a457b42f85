/**
 * Range — https://developers.google.com/apps-script/reference/spreadsheet/range
 */
import { cellKey, readCell, writeCell, type CellValue, type SheetModel, type ValidationModel } from '../model/types.js';
import { rectToA1, type GridRect } from '../model/a1.js';
import { interpretWrite } from '../model/input.js';
import { isDate, wallClockToInstantMs, formatWithPattern } from '../model/dates.js';
import { describeArgs, gasException, realmArray, unsupported, type HostContext } from './context.js';
import { expose } from './expose.js';
import { normalizeColour } from './colours.js';
import { dataValidationFromModel, modelFromDataValidation } from './dataValidation.js';
import { addDeveloperMetadata, newDeveloperMetadataFinder } from './developerMetadata.js';
import type { SheetFactory } from './sheet.js';

/**
 * What getNumberFormat() reports for a cell nobody formatted. Apps Script
 * returns '0.###############' for such cells (observed behaviour, not documented).
 */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

export interface RangeDeps {
  sheetFactory: SheetFactory;
}

/** Range proxy → where it is; lets builders accept ranges the script passes back. */
const registry = new WeakMap<object, { sheet: SheetModel; rect: GridRect }>();

export function rangeLocation(range: unknown): { sheet: SheetModel; rect: GridRect } | null {
  return typeof range === 'object' && range !== null ? (registry.get(range) ?? null) : null;
}

export function makeRange(ctx: HostContext, deps: RangeDeps, sheet: SheetModel, rect: GridRect): GoogleAppsScript.Spreadsheet.Range {
  const impl = new RangeImpl(ctx, deps, sheet, rect);
  impl._self = expose(ctx, 'Range', impl, { readOnlyInCustomFunction: true }) as unknown as GoogleAppsScript.Spreadsheet.Range;
  registry.set(impl._self, { sheet, rect });
  return impl._self;
}

class RangeImpl {
  _self!: GoogleAppsScript.Spreadsheet.Range;
  constructor(
    readonly _ctx: HostContext,
    readonly _deps: RangeDeps,
    readonly _sheet: SheetModel,
    readonly _rect: GridRect,
  ) {}

  toString() {
    return 'Range';
  }

  // ---- geometry ----
  getRow() {
    return this._rect.row;
  }
  getColumn() {
    return this._rect.col;
  }
  getNumRows() {
    return this._rect.numRows;
  }
  getNumColumns() {
    return this._rect.numCols;
  }
  getLastRow() {
    return this._rect.row + this._rect.numRows - 1;
  }
  getLastColumn() {
    return this._rect.col + this._rect.numCols - 1;
  }
  getA1Notation() {
    return rectToA1(this._rect);
  }
  getSheet() {
    return this._deps.sheetFactory(this._sheet);
  }
  getHeight() {
    return this._rect.numRows;
  }
  getWidth() {
    return this._rect.numCols;
  }

  getCell(row: number, column: number) {
    if (row < 1 || column < 1 || row > this._rect.numRows || column > this._rect.numCols) {
      throw gasException(this._ctx, 'Cell reference out of range');
    }
    return makeRange(this._ctx, this._deps, this._sheet, {
      row: this._rect.row + row - 1,
      col: this._rect.col + column - 1,
      numRows: 1,
      numCols: 1,
    });
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number) {
    const sheet = this.getSheet();
    return sheet.getRange(
      this._rect.row + rowOffset,
      this._rect.col + columnOffset,
      numRows ?? this._rect.numRows,
      numColumns ?? this._rect.numCols,
    );
  }

  activate() {
    this._ctx.workbook.activeSheetName = this._sheet.name;
    this._ctx.workbook.activeRange = { sheetName: this._sheet.name, a1: rectToA1(this._rect) };
    return this._self;
  }

  // ---- iteration helpers ----
  _each<T>(fn: (row: number, col: number, i: number, j: number) => T): T[][] {
    const out = realmArray<T[]>(this._ctx, []);
    for (let i = 0; i < this._rect.numRows; i++) {
      const line = realmArray<T>(this._ctx, []);
      for (let j = 0; j < this._rect.numCols; j++) line.push(fn(this._rect.row + i, this._rect.col + j, i, j));
      out.push(line);
    }
    return out;
  }

  /** Apps Script's shape checks, rows first, then each row's columns. */
  _checkShape(method: string, data: unknown): unknown[][] {
    // The Object[][] signature is checked before the shape.
    if (!Array.isArray(data) || !data.every((line) => Array.isArray(line))) {
      throw gasException(
        this._ctx,
        `The parameters (${describeArgs([data])}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    if (data.length !== this._rect.numRows) {
      throw gasException(
        this._ctx,
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._rect.numRows}.`,
      );
    }
    for (const line of data) {
      if (line.length !== this._rect.numCols) {
        throw gasException(
          this._ctx,
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this._rect.numCols}.`,
        );
      }
    }
    return data as unknown[][];
  }

  /** A model cell as the script sees it: '' for blanks, a realm Date for date cells. */
  _out(v: CellValue): CellValue {
    if (isDate(v)) return new this._ctx.realm.Date(wallClockToInstantMs(v.getTime(), this._ctx.workbook.timeZone));
    return v;
  }

  // ---- values ----
  getValues() {
    this._ctx.cells.read += this._rect.numRows * this._rect.numCols;
    return this._each((r, c) => this._out(readCell(this._sheet, r, c)));
  }
  getValue() {
    return this._out(readCell(this._sheet, this._rect.row, this._rect.col));
  }
  _write(r: number, c: number, raw: unknown) {
    const key = cellKey(r, c);
    const res = interpretWrite(raw, this._sheet.numberFormats.get(key), this._ctx.workbook.timeZone);
    if (res.formula !== null) this._sheet.formulas.set(key, res.formula);
    else this._sheet.formulas.delete(key);
    // A formula keeps the cell's current value (the host evaluates no formulas).
    writeCell(this._sheet, r, c, res.keepValue ? readCell(this._sheet, r, c) : res.value);
  }
  setValues(values: unknown) {
    const data = this._checkShape('setValues', values);
    this._ctx.cells.written += this._rect.numRows * this._rect.numCols;
    data.forEach((line, i) => {
      line.forEach((v, j) => {
        this._write(this._rect.row + i, this._rect.col + j, v);
      });
    });
    return this._self;
  }
  /** Sets every cell of the range to the value. */
  setValue(value: unknown) {
    this._each((r, c) => this._write(r, c, value));
    return this._self;
  }
  getDisplayValues() {
    return this._each((r, c) => displayValue(this._ctx, readCell(this._sheet, r, c), this._sheet.numberFormats.get(cellKey(r, c))));
  }
  getFormulas() {
    return this._each((r, c) => this._sheet.formulas.get(cellKey(r, c)) ?? '');
  }
  setFormula(formula: string) {
    this._each((r, c) => this._sheet.formulas.set(cellKey(r, c), String(formula)));
    return this._self;
  }
  setFormulas(formulas: unknown) {
    const data = this._checkShape('setFormulas', formulas);
    data.forEach((line, i) => {
      line.forEach((f, j) => {
        const key = cellKey(this._rect.row + i, this._rect.col + j);
        if (f === '' || f === null || f === undefined) this._sheet.formulas.delete(key);
        else this._sheet.formulas.set(key, String(f));
      });
    });
    return this._self;
  }
  clearContent() {
    this._each((r, c) => {
      this._sheet.formulas.delete(cellKey(r, c));
      if (r <= this._sheet.values.length) writeCell(this._sheet, r, c, '');
    });
    return this._self;
  }
  /** "Clears the range of contents and formats." Options are not modelled. */
  clear(options?: unknown) {
    if (options !== undefined) throw unsupported(this._ctx, 'Range.clear(options)');
    this.clearContent();
    this._each((r, c) => {
      const k = cellKey(r, c);
      this._sheet.numberFormats.delete(k);
      this._sheet.backgrounds.delete(k);
      this._sheet.fontWeights.delete(k);
    });
    return this._self;
  }

  // ---- number formats ----
  setNumberFormat(format: string) {
    this._each((r, c) => this._sheet.numberFormats.set(cellKey(r, c), String(format)));
    return this._self;
  }
  setNumberFormats(formats: unknown) {
    const data = this._checkShape('setNumberFormats', formats);
    this._ctx.cells.formats += this._rect.numRows * this._rect.numCols;
    data.forEach((line, i) => {
      line.forEach((f, j) => {
        this._sheet.numberFormats.set(cellKey(this._rect.row + i, this._rect.col + j), String(f));
      });
    });
    return this._self;
  }
  getNumberFormats() {
    return this._each((r, c) => this._sheet.numberFormats.get(cellKey(r, c)) ?? DEFAULT_NUMBER_FORMAT);
  }
  getNumberFormat() {
    return this.getNumberFormats()[0][0];
  }

  // ---- formatting ----
  setBackground(color: string | null) {
    const norm = color === null ? null : normalizeColour(String(color));
    if (color !== null && norm === null) throw unsupported(this._ctx, `Range.setBackground(${JSON.stringify(color)})`);
    this._each((r, c) =>
      norm === null ? this._sheet.backgrounds.delete(cellKey(r, c)) : this._sheet.backgrounds.set(cellKey(r, c), norm),
    );
    return this._self;
  }
  setBackgrounds(colors: unknown) {
    const data = this._checkShape('setBackgrounds', colors);
    data.forEach((line, i) => {
      line.forEach((col, j) => {
        const key = cellKey(this._rect.row + i, this._rect.col + j);
        const norm = col === null || col === '' ? null : normalizeColour(String(col));
        if (norm === null) this._sheet.backgrounds.delete(key);
        else this._sheet.backgrounds.set(key, norm);
      });
    });
    return this._self;
  }
  getBackgrounds() {
    return this._each((r, c) => this._sheet.backgrounds.get(cellKey(r, c)) ?? '#ffffff');
  }
  getBackground() {
    return this.getBackgrounds()[0][0];
  }
  setFontWeight(weight: string | null) {
    if (weight !== null && weight !== 'bold' && weight !== 'normal')
      throw unsupported(this._ctx, `Range.setFontWeight(${JSON.stringify(weight)})`);
    this._each((r, c) =>
      weight === null || weight === 'normal'
        ? this._sheet.fontWeights.delete(cellKey(r, c))
        : this._sheet.fontWeights.set(cellKey(r, c), weight),
    );
    return this._self;
  }
  getFontWeights() {
    return this._each((r, c) => this._sheet.fontWeights.get(cellKey(r, c)) ?? 'normal');
  }

  // ---- data validation ----
  setDataValidation(rule: unknown) {
    const model = rule === null ? null : modelFromDataValidation(this._ctx, rule);
    this._each((r, c) =>
      model === null ? this._sheet.dataValidations.delete(cellKey(r, c)) : this._sheet.dataValidations.set(cellKey(r, c), model),
    );
    return this._self;
  }
  setDataValidations(rules: unknown) {
    const data = this._checkShape('setDataValidations', rules);
    data.forEach((line, i) => {
      line.forEach((rule, j) => {
        const key = cellKey(this._rect.row + i, this._rect.col + j);
        if (rule === null) this._sheet.dataValidations.delete(key);
        else this._sheet.dataValidations.set(key, modelFromDataValidation(this._ctx, rule));
      });
    });
    return this._self;
  }
  getDataValidations() {
    return this._each((r, c) => {
      const m: ValidationModel | undefined = this._sheet.dataValidations.get(cellKey(r, c));
      return m ? dataValidationFromModel(this._ctx, m) : null;
    });
  }
  getDataValidation() {
    return this.getDataValidations()[0][0];
  }

  // ---- developer metadata (see developerMetadata.ts) ----
  addDeveloperMetadata(...args: unknown[]) {
    addDeveloperMetadata(this._ctx, this._sheet, this._rect, args);
    return this._self;
  }
  createDeveloperMetadataFinder() {
    return newDeveloperMetadataFinder(
      this._ctx,
      { range: (s, r) => makeRange(this._ctx, this._deps, s, r) },
      { kind: 'range', sheet: this._sheet, rect: this._rect },
    );
  }
}

/**
 * A cell's displayed text, for the formats this host knows: '@' and General
 * show the value; '0', '0.0…' and '0%' round; dates use the format's
 * yyyy/MM/dd/HH/mm/ss letters, or Sheets' en_US default M/d/yyyy
 * (M/d/yyyy H:mm:ss with a time).
 */
export function displayValue(ctx: HostContext, v: CellValue, format: string | undefined): string {
  if (v === '') return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    const hasTime = v.getUTCHours() + v.getUTCMinutes() + v.getUTCSeconds() > 0;
    const javaPattern = format && /[yd]/i.test(format) ? sheetsDateFormatToJava(format) : hasTime ? 'M/d/yyyy H:mm:ss' : 'M/d/yyyy';
    return formatWithPattern(v.getTime(), 'UTC', javaPattern);
  }
  if (typeof v === 'number') {
    const m = format ? /^0(?:\.(0+))?(%)?$/.exec(format) : null;
    if (m) {
      const n = m[2] ? v * 100 : v;
      return n.toFixed(m[1]?.length ?? 0) + (m[2] ?? '');
    }
    return String(v);
  }
  void ctx;
  return String(v);
}

/**
 * Sheets date formats ('yyyy-mm-dd hh:mm') → Java pattern letters: 'm' is a
 * month unless it follows an hour token (then minutes), as in Sheets.
 */
export function sheetsDateFormatToJava(format: string): string {
  let afterHour = false;
  return format.replace(/yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s/gi, (tok) => {
    const t = tok.toLowerCase();
    if (t[0] === 'h') {
      afterHour = true;
      return 'H'.repeat(t.length);
    }
    if (t[0] === 'm') {
      const minutes = afterHour && t.length <= 2;
      afterHour = false;
      return minutes ? t : 'M'.repeat(t.length);
    }
    afterHour = false;
    return t;
  });
}
