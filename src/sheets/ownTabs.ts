/**
 * The tabs the add-on writes whole — Backtest, Rules (suggested), Accounts — are cleared and
 * rewritten only when the add-on made them (README "Decisions where the design is silent", tabs the
 * add-on owns). Their sheet ids are kept in a document property; a tab of that name the add-on did
 * not make is the user's and is never cleared: the run writes nothing and says so. With no record
 * for the name (a tab an earlier version made, or a copy whose properties did not follow), the tab
 * is recognised by the first row the add-on writes in it and adopted. Score history has its own
 * check (src/history/historyTab.ts).
 */
import { UserError } from './tabs';
import { readRecord, writeRecord } from './documentRecord';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const KEY = 'leadScoring.ownTabs';

function load(): Record<string, number> {
  const v = readRecord<Record<string, number>>(KEY);
  return v && typeof v === 'object' ? v : {};
}

/** Row 1 starts with `firstRow` (trimmed text), the add-on's own first row for that tab. */
function startsWith(row: unknown[], firstRow: readonly string[]): boolean {
  return firstRow.length > 0 && firstRow.every((cell, i) => String(row[i] ?? '').trim() === cell);
}

/**
 * The add-on's tab `name`, made if missing, for the caller to clear and rewrite. Throws a UserError
 * (nothing written) when a tab of that name is the user's. `firstRow`: the cells the add-on writes
 * first in row 1 of this tab, by which its tab is recognised when there is no record.
 */
export function claimTab(ss: Spreadsheet, name: string, firstRow: readonly string[]): { sheet: Sheet; made: boolean } {
  const own = load();
  const record = (sheet: Sheet) => {
    own[name] = sheet.getSheetId();
    writeRecord(KEY, own);
  };
  const existing = ss.getSheetByName(name);
  if (!existing) {
    const sheet = ss.insertSheet(name);
    record(sheet);
    return { sheet, made: true };
  }
  const id = existing.getSheetId();
  if (own[name] === id) return { sheet: existing, made: false };
  if (own[name] === undefined && startsWith(existing.getRange(1, 1, 1, firstRow.length).getValues()[0], firstRow)) {
    record(existing);
    return { sheet: existing, made: false };
  }
  throw new UserError(
    `A tab named '${name}' is already in this spreadsheet and Lead scoring did not make it, so it was left as it is and nothing was written. Rename that tab, then run this again: Lead scoring makes its own '${name}' tab.`,
  );
}

/**
 * The add-on's own tab `name` as a grid, or null when there is none (a user's tab of that name is
 * not it): recorded as the add-on's, or, with no record, starting with its first row.
 */
export function readOwnTab(ss: Spreadsheet, name: string, firstRow: readonly string[]): unknown[][] | null {
  const sheet = ss.getSheetByName(name);
  if (!sheet) return null;
  const recorded = load()[name];
  if (recorded !== undefined && recorded !== sheet.getSheetId()) return null;
  const grid = sheet.getDataRange().getValues();
  return recorded !== undefined || startsWith(grid[0] ?? [], firstRow) ? grid : null;
}
