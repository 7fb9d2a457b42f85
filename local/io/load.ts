/** loadWorkbook: .xlsx or .csv file → Workbook. Errors are one clear sentence. */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createSheet, createWorkbook, type Workbook } from '../model/types.js';
import { assertTimeZone } from '../model/dates.js';
import { parseCsv } from './csv.js';
import { readXlsx } from './xlsx.js';

export interface LoadOptions {
  /** The spreadsheet's time zone; default 'UTC'. */
  timeZone?: string;
  /** Sheet name for a .csv file; default 'Leads'. */
  sheetName?: string;
}

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
    const rows = parseCsv(await readFile(path, 'utf8'), path);
    return createWorkbook([createSheet(opts.sheetName ?? 'Leads', rows)], { name, timeZone });
  }
  if (ext === '.xlsx') {
    let sheets;
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
