/**
 * .xlsx → model with exceljs (writing: xlsxWrite.ts). exceljs reads dates as Dates whose
 * UTC fields are the wall clock, the same convention as the model.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { rememberXlsxSheet } from './xlsxWrite.js';
import { createSheet, cellKey, usedExtent, type CellValue, type CFRule, type SheetModel, type ValidationModel } from '../model/types.js';
import { isDate } from '../model/dates.js';
import { parseA1 } from '../model/a1.js';

type XCell = ExcelJS.Cell;

interface CellRead {
  value: CellValue;
  formula: string | null;
  /** An array formula's result area (`<f t="array" ref="A2:F241">`), when larger than one cell. */
  spill?: { numRows: number; numCols: number };
}

/** An exceljs cell value → the value getValues would return (errors as their code text). */
function cellValue(cell: XCell): CellRead {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return { value: '', formula: null };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v, formula: null };
  if (isDate(v)) return { value: v, formula: null };
  const o = v as Record<string, unknown>;
  if ('error' in o) return { value: String(o.error), formula: null };
  if ('richText' in o) return { value: (o.richText as { text: string }[]).map((t) => t.text).join(''), formula: null };
  if ('formula' in o || 'sharedFormula' in o) {
    const text = (cell.formula as string | undefined) ?? (o.formula as string | undefined);
    const res = o.result as unknown;
    let value: CellValue = '';
    if (res !== undefined && res !== null) {
      if (typeof res === 'object' && !isDate(res) && 'error' in (res as object)) value = String((res as { error: string }).error);
      else value = res as CellValue;
    }
    const rect = o.shareType === 'array' && typeof o.ref === 'string' ? parseA1(o.ref, 1e7, 18_278) : null;
    const spill = rect && (rect.numRows > 1 || rect.numCols > 1) ? { numRows: rect.numRows, numCols: rect.numCols } : undefined;
    return { value, formula: text ? `=${text}` : null, spill };
  }
  if ('text' in o) return { value: String(o.text), formula: null }; // hyperlink
  return { value: String(v), formula: null };
}

const argbToHex = (argb: string | undefined) => (argb && /^[0-9a-f]{8}$/i.test(argb) ? `#${argb.slice(2).toLowerCase()}` : null);

function readSheet(ws: ExcelJS.Worksheet): SheetModel {
  const rows: CellValue[][] = [];
  const formulas = new Map<string, string>();
  const numberFormats = new Map<string, string>();
  const backgrounds = new Map<string, string>();
  const fontWeights = new Map<string, string>();
  const spills: NonNullable<SheetModel['spills']> = new Map();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const { value, formula, spill } = cellValue(cell);
      while (rows.length < r) rows.push([]);
      rows[r - 1][c - 1] = value;
      if (formula) formulas.set(cellKey(r, c), formula);
      if (formula && spill) spills.set(cellKey(r, c), spill);
      if (cell.numFmt && cell.numFmt !== 'General') numberFormats.set(cellKey(r, c), cell.numFmt);
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const bg = fill?.type === 'pattern' && fill.pattern === 'solid' ? argbToHex(fill.fgColor?.argb) : null;
      if (bg) backgrounds.set(cellKey(r, c), bg);
      if (cell.font?.bold) fontWeights.set(cellKey(r, c), 'bold');
    });
  });
  // Fill holes so the grid is dense.
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const dense = rows.map((r) => Array.from({ length: width }, (_, i) => (r[i] === undefined ? '' : r[i])));
  const sheet = createSheet(ws.name, dense);
  sheet.formulas = formulas;
  sheet.numberFormats = numberFormats;
  sheet.backgrounds = backgrounds;
  sheet.fontWeights = fontWeights;
  if (spills.size) sheet.spills = spills;
  const { rows: usedRows, cols: usedCols } = usedExtent(sheet);
  sheet.maxRows = Math.max(1000, usedRows, dense.length);
  sheet.maxColumns = Math.max(26, usedCols, width);
  const view = ws.views?.find((v) => (v as { state?: string }).state === 'frozen') as { ySplit?: number } | undefined;
  sheet.frozenRows = view?.ySplit ?? 0;
  sheet.conditionalFormatRules = readConditionalFormats(ws);
  sheet.dataValidations = readValidations(ws);
  return sheet;
}

function readConditionalFormats(ws: ExcelJS.Worksheet): CFRule[] {
  const out: CFRule[] = [];
  const list = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
  for (const cf of list) {
    for (const rule of cf.rules) {
      if (rule.type !== 'expression' || !rule.formulae?.length) continue; // other kinds are not modelled
      const fill = rule.style?.fill as ExcelJS.FillPattern | undefined;
      out.push({
        ranges: cf.ref.split(/\s+/).filter(Boolean),
        type: 'CUSTOM_FORMULA',
        formula: `=${String(rule.formulae[0]).replace(/^=/, '')}`,
        background: argbToHex(fill?.bgColor?.argb ?? fill?.fgColor?.argb),
        fontColor: argbToHex(rule.style?.font?.color?.argb),
        bold: rule.style?.font?.bold ?? null,
      });
    }
  }
  return out;
}

function readValidations(ws: ExcelJS.Worksheet): Map<string, ValidationModel> {
  const out = new Map<string, ValidationModel>();
  const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
  for (const [address, dv] of Object.entries(model)) {
    if (dv?.type !== 'list' || !dv.formulae?.length) continue;
    const f = String(dv.formulae[0]);
    if (!/^".*"$/.test(f)) continue; // lists from a range are not modelled
    const values = f.slice(1, -1).split(',');
    const cell = ws.getCell(address);
    const key = cellKey(Number(cell.row), Number(cell.col));
    const allowInvalid = !dv.showErrorMessage;
    const helpText = dv.prompt ?? null;
    // A TRUE,FALSE list is how saveWorkbook writes a checkbox.
    if (values.length === 2 && values[0].toUpperCase() === 'TRUE' && values[1].toUpperCase() === 'FALSE') {
      out.set(key, { type: 'CHECKBOX', allowInvalid, helpText });
    } else {
      out.set(key, { type: 'VALUE_IN_LIST', values, showDropdown: true, allowInvalid, helpText });
    }
  }
  return out;
}

/** Above this size the file is read as a stream: values, formulas and number formats only (exceljs's full model takes ~10 GB per GB of XML). */
export const STREAM_READ_BYTES = 8 * 1024 * 1024;

export async function readXlsx(buffer: Buffer, opts: { streaming?: boolean } = {}): Promise<SheetModel[]> {
  const streaming = opts.streaming ?? buffer.length > STREAM_READ_BYTES;
  const sheets = streaming ? await readXlsxStreaming(buffer) : await readXlsxFull(buffer);
  const source = { bytes: buffer };
  for (const s of sheets) rememberXlsxSheet(s, source);
  return sheets;
}

async function readXlsxFull(buffer: Buffer): Promise<SheetModel[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets.map(readSheet);
}

/**
 * exceljs's stream reader names each worksheet from xl/workbook.xml; when a package lists a
 * worksheet after the shared strings and relationships but before xl/workbook.xml, it fails
 * ("Cannot read properties of undefined (reading 'sheets')" in WorkbookReader._parseWorksheet).
 * Zip order is the writer's choice (exceljs's own writer varies it), so such a package is read again
 * with xl/workbook.xml first: same parts, stored uncompressed.
 */
async function readXlsxStreaming(buffer: Buffer): Promise<SheetModel[]> {
  try {
    return await streamSheets(buffer);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return await streamSheets(await workbookPartFirst(buffer));
  }
}

async function workbookPartFirst(buffer: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const first = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels'].filter((n) => names.includes(n));
  const out = new JSZip();
  for (const name of [...first, ...names.filter((n) => !first.includes(n))]) out.file(name, await zip.files[name].async('nodebuffer'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

async function streamSheets(buffer: Buffer): Promise<SheetModel[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  } as ExcelJS.stream.xlsx.WorkbookStreamReaderOptions);
  const out: SheetModel[] = [];
  for await (const ws of reader) {
    const rows: CellValue[][] = [];
    const formulas = new Map<string, string>();
    const numberFormats = new Map<string, string>();
    const spills: NonNullable<SheetModel['spills']> = new Map();
    let width = 0;
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      const r = row.number;
      while (rows.length < r) rows.push([]);
      const cells = rows[r - 1];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const { value, formula, spill } = cellValue(cell);
        while (cells.length < c - 1) cells.push('');
        cells[c - 1] = value;
        if (formula) formulas.set(cellKey(r, c), formula);
        if (formula && spill) spills.set(cellKey(r, c), spill);
        if (cell.numFmt && cell.numFmt !== 'General') numberFormats.set(cellKey(r, c), cell.numFmt);
      });
      if (cells.length > width) width = cells.length;
    }
    for (const r of rows) while (r.length < width) r.push('');
    const sheet = createSheet((ws as unknown as { name: string }).name, rows);
    sheet.formulas = formulas;
    sheet.numberFormats = numberFormats;
    if (spills.size) sheet.spills = spills;
    sheet.maxRows = Math.max(1000, rows.length);
    sheet.maxColumns = Math.max(26, width);
    out.push(sheet);
  }
  return out;
}

export { writeXlsx } from './xlsxWrite.js';
