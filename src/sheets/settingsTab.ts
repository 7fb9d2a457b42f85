import { parseSettings, dayInZone, SETTING_ROWS, type Cell, type ParsedSettingsResult } from '../engine';
import { SETTINGS_TAB, readAll, UserError } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SettingsRead extends ParsedSettingsResult {
  grid: Cell[][] | null;
}

/** The Settings tab's values in one call (null when there is no tab: the defaults apply). */
export function readSettingsGrid(ss: Spreadsheet): Cell[][] | null {
  const sheet = ss.getSheetByName(SETTINGS_TAB);
  return sheet ? readAll(sheet) : null;
}

/** Reads and parses the Settings tab in one call (defaults when there is no tab). */
export function readSettings(ss: Spreadsheet, spreadsheetTimeZone?: string): SettingsRead {
  const sheet = ss.getSheetByName(SETTINGS_TAB);
  const grid = sheet ? readAll(sheet) : null;
  return { ...parseSettings(grid, dayInZone(spreadsheetTimeZone ?? ss.getSpreadsheetTimeZone())), grid };
}

type Key = (typeof SETTING_ROWS)[number]['key'];

/**
 * Writes setting values into the Settings tab (the single source of truth): existing rows are
 * updated in one block write, missing settings appended in another.
 */
export function writeSettings(ss: Spreadsheet, current: SettingsRead, updates: Partial<Record<Key, string | number>>): void {
  const sheet = ss.getSheetByName(SETTINGS_TAB);
  if (!sheet || !current.grid) throw new UserError(`There is no '${SETTINGS_TAB}' tab. Run Set up scoring first.`);
  const column = current.valueColumn;
  const existing: Array<[number, string | number]> = [];
  const missing: Array<[string, string | number]> = [];
  for (const [key, value] of Object.entries(updates) as Array<[Key, string | number]>) {
    const row = current.rows[key];
    if (row) existing.push([row, value]);
    else missing.push([SETTING_ROWS.find((s) => s.key === key)!.name, value]);
  }
  if (existing.length > 0) {
    const top = Math.min(...existing.map(([r]) => r));
    const bottom = Math.max(...existing.map(([r]) => r));
    const values = current.grid.slice(top - 1, bottom).map((row) => [row[column - 1] ?? '']);
    for (const [r, v] of existing) values[r - top][0] = v;
    sheet.getRange(top, column, values.length, 1).setValues(values);
  }
  if (missing.length > 0) {
    const nameColumn = current.nameColumn;
    const width = Math.max(column, nameColumn);
    const rows = missing.map(([name, value]) => {
      const r: Cell[] = new Array(width).fill('');
      r[nameColumn - 1] = name;
      r[column - 1] = value;
      return r;
    });
    sheet.getRange(current.grid.length + 1, 1, rows.length, width).setValues(rows as unknown[][]);
  }
}
