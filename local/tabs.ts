import { writeCell, type Workbook } from './model/types.js';
import { normalizeKey, parseDateText } from '../src/engine/index.js';

/**
 * Writes an as-of date (YYYY-MM-DD) into the Settings tab of an in-memory workbook, adding the
 * row if the tab has none: what `npm start --as-of` and the preview do (the file is not changed).
 */
export function setAsOf(wb: Workbook, iso: string): void {
  const sheet = wb.sheets.find((s) => s.name === 'Settings');
  if (!sheet) throw new Error('There is no Settings tab to write the as-of date to.');
  const day = parseDateText(iso);
  if (day === null || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`'${iso}' is not a date; write it as YYYY-MM-DD.`);
  const header = sheet.values.findIndex((r) => r.map((v) => normalizeKey(v as string)).includes('setting'));
  const nameCol = sheet.values[header].findIndex((v) => normalizeKey(v as string) === 'setting');
  const valueCol = sheet.values[header].findIndex((v) => normalizeKey(v as string) === 'value');
  let row = sheet.values.findIndex((r, i) => i > header && ['asofdate', 'asof'].includes(normalizeKey(r[nameCol] as string)));
  if (row < 0) {
    row = sheet.values.length;
    writeCell(sheet, row + 1, nameCol + 1, 'As-of date');
  }
  // Wall-clock midnight, as the model stores date cells.
  writeCell(sheet, row + 1, valueCol + 1, new Date(day * 86_400_000));
}
