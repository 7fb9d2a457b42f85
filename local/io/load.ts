/** loadWorkbook: .xlsx or .csv file → Workbook. Errors are one clear sentence. */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createSheet, createWorkbook, type Workbook } from '../model/types.js';
import { assertTimeZone } from '../model/dates.js';
import { readCsvBytes, rememberCsvSource, delimiterName } from './csv.js';
import { readXlsx } from './xlsx.js';

export interface LoadOptions {
  /** The spreadsheet's time zone; default 'UTC'. */
  timeZone?: string;
  /** Sheet name for a .csv file; default 'Leads'. */
  sheetName?: string;
  /** CSV only: the field delimiter (default: detected among , ; tab |). */
  delimiter?: string;
  /** CSV only: the encoding, an iconv-lite name (default: detected). */
  encoding?: string;
}

/** What loadWorkbook detected, for progress output: 'semicolon-separated, windows-1252'. */
const described = new WeakMap<Workbook, string>();
export const loadDescription = (wb: Workbook): string | undefined => described.get(wb);

export async function loadWorkbook(path: string, opts: LoadOptions = {}): Promise<Workbook> {
  const timeZone = opts.timeZone ?? 'UTC';
  try {
    assertTimeZone(timeZone);
  } catch {
    throw new Error(`"${timeZone}" is not a valid IANA time zone.`);
  }
  const info = await stat(path).catch(() => null);
  if (!info) throw new Error(`The file ${path} does not exist.`);
  if (!info.isFile()) throw new Error(`${path} is not a file.`);
  const ext = extname(path).toLowerCase();
  const name = basename(path, extname(path));
  if (ext === '.csv') {
    const csv = readCsvBytes(await readFile(path), path, { delimiter: opts.delimiter, encoding: opts.encoding });
    const sheet = createSheet(opts.sheetName ?? 'Leads', csv.rows);
    rememberCsvSource(sheet, { raw: csv.raw, loaded: csv.rows, delimiter: csv.delimiter, encoding: csv.encoding, bom: csv.bom });
    const wb = createWorkbook([sheet], { name, timeZone });
    described.set(
      wb,
      `${delimiterName(csv.delimiter)}-separated, ${csv.encoding}${csv.bom ? ' with BOM' : ''}${opts.delimiter ? ' (delimiter given)' : ''}${opts.encoding ? ' (encoding given)' : ''}`,
    );
    return wb;
  }
  if (ext === '.xlsx') {
    let sheets: Awaited<ReturnType<typeof readXlsx>>;
    try {
      sheets = await readXlsx(await readFile(path));
    } catch (e) {
      throw new Error(`The file ${path} is not a readable .xlsx workbook (${(e as Error).message}).`);
    }
    if (sheets.length === 0) throw new Error(`The workbook ${path} has no sheets.`);
    return createWorkbook(sheets, { name, timeZone });
  }
  throw new Error(`Cannot load ${path}: only .xlsx and .csv files are supported.`);
}
