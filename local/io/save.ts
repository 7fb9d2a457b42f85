/**
 * saveWorkbook: Workbook → .xlsx (a workbook loaded from .xlsx is patched, see
 * xlsxWrite.ts) or .csv (one sheet; see sheetToCsv). The file is written
 * to a temporary name in the same folder and renamed, so a failure never
 * leaves a partial output.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, basename, extname, join } from 'node:path';
import { usedExtent, type Workbook } from '../model/types.js';
import { sheetToCsv } from './csv.js';
import { writeXlsx } from './xlsx.js';

export interface SaveOptions {
  /** For .csv: which sheet; default the active sheet. */
  sheetName?: string;
  /** For .csv: input fields exactly as read, even ones starting with = + - @ (default: neutralised). */
  rawCsv?: boolean;
}

export async function saveWorkbook(wb: Workbook, path: string, opts: SaveOptions = {}): Promise<void> {
  const ext = extname(path).toLowerCase();
  let data: Buffer | string;
  if (ext === '.xlsx') {
    data = await writeXlsx(wb.sheets);
  } else if (ext === '.csv') {
    const name = opts.sheetName ?? wb.activeSheetName;
    const sheet = wb.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`Cannot save ${path}: the workbook has no sheet named "${name}".`);
    const { rows, cols } = usedExtent(sheet);
    data = sheetToCsv(sheet, rows, cols, { rawCsv: opts.rawCsv });
  } else {
    throw new Error(`Cannot save ${path}: only .xlsx and .csv files are supported.`);
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new Error(`Could not write ${path}: ${(e as Error).message}.`);
  }
}
