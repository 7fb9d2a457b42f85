/**
 * What the CLI and the preview read from the add-on's tabs, straight from the grid: the host
 * knows the add-on only through the bundle, so this parses nothing the add-on parses. From the
 * Settings tab (README "The Settings tab": a `Setting | Value` header row, then one setting a row;
 * names compared ignoring case, spaces and punctuation) it finds two cells and writes one (a bad
 * value is left for the add-on to report when it runs); on the Leads tab it finds the add-on's
 * output columns by their developer metadata (README "Decisions where the design is silent").
 */
import { writeCell, type CellValue, type SheetModel, type Workbook } from './model/types.js';

const key = (v: CellValue | undefined): string =>
  String(v ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

interface SettingsGrid {
  sheet: SheetModel;
  header: number;
  nameCol: number;
  valueCol: number;
}

function settingsGrid(wb: Workbook): SettingsGrid | null {
  const sheet = wb.sheets.find((s) => s.name === 'Settings');
  if (!sheet) return null;
  const header = sheet.values.slice(0, 10).findIndex((r) => r.map(key).includes('setting') && r.map(key).includes('value'));
  if (header < 0) return null;
  const keys = sheet.values[header].map(key);
  return { sheet, header, nameCol: keys.indexOf('setting'), valueCol: keys.indexOf('value') };
}

/** 0-based index of the row holding one of `names` (keys), or -1. */
function rowOf(g: SettingsGrid, names: string[]): number {
  return g.sheet.values.findIndex((r, i) => i > g.header && names.includes(key(r[g.nameCol])));
}

/** The Leads tab's name and header row, as the Settings tab sets them (defaults `Leads`, 1). */
export function leadsTabOf(wb: Workbook): { leadsSheet: string; headerRow: number } {
  const g = settingsGrid(wb);
  const value = (names: string[]): CellValue => (g && rowOf(g, names) >= 0 ? g.sheet.values[rowOf(g, names)][g.valueCol] : '');
  const name = String(value(['leadssheet', 'leadstab'])).trim();
  const row = value(['headerrow']);
  return { leadsSheet: name || 'Leads', headerRow: typeof row === 'number' && Number.isInteger(row) && row >= 1 ? row : 1 };
}

/** `YYYY-MM-DD` of a real day → that day as the model stores a date cell (wall-clock midnight), else null. */
export function isoDay(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d : null;
}

/** The value of a setting (by its keys, e.g. `['outcomecolumn', 'outcome']`) in the Settings tab, or '' when there is none. */
export function settingValue(wb: Workbook, names: string[]): CellValue {
  const g = settingsGrid(wb);
  const row = g ? rowOf(g, names) : -1;
  return g && row >= 0 ? (g.sheet.values[row][g.valueCol] ?? '') : '';
}

/**
 * Writes a setting's value into the Settings tab of an in-memory workbook, adding the row (named
 * `label`) if the tab has none: what `npm start --as-of` / `backtest --outcome` and the preview do
 * (the file is not changed).
 */
export function setSetting(wb: Workbook, names: string[], label: string, value: CellValue): void {
  const g = settingsGrid(wb);
  if (!g) throw new Error(`There is no Settings tab to write ${label} to.`);
  let row = rowOf(g, names);
  if (row < 0) {
    row = g.sheet.values.length;
    writeCell(g.sheet, row + 1, g.nameCol + 1, label);
  }
  writeCell(g.sheet, row + 1, g.valueCol + 1, value);
}

/** Writes an as-of date (YYYY-MM-DD) into the Settings tab of an in-memory workbook (README "The Settings tab"). */
export function setAsOf(wb: Workbook, iso: string): void {
  const day = isoDay(iso);
  if (day === null) throw new Error(`'${iso}' is not a date; write it as YYYY-MM-DD.`);
  setSetting(wb, ['asofdate', 'asof'], 'As-of date', day);
}

/** Developer-metadata key on the add-on's output columns; the value is the output's name (`Score` …). */
const OUTPUT_KEY = 'leadScoring.output';

/** 0-based column of the add-on's `output` column (by metadata, else by header), or -1. */
export function outputColumn(sheet: SheetModel, headerRow: number, output: string): number {
  const md = (sheet.developerMetadata ?? []).find((m) => m.key === OUTPUT_KEY && m.value === output && m.location.type === 'COLUMN');
  return md ? md.location.index - 1 : headerColumn(sheet, headerRow, output);
}

/** 0-based column whose header (row `headerRow`) reads `name` (ignoring case, spaces and punctuation), or -1. */
export function headerColumn(sheet: SheetModel, headerRow: number, name: string): number {
  return (sheet.values[headerRow - 1] ?? []).findIndex((h) => key(h) === key(name));
}
