import type { Cell } from '../engine';

/** Tab names the add-on owns. The Leads tab's name is a setting. */
export const RULES_TAB = 'Rules';
export const SETTINGS_TAB = 'Settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** All values of a tab in one call; [] for an empty tab (getDataRange of an empty sheet is A1). */
export function readAll(sheet: Sheet): Cell[][] {
  return readAllWithRange(sheet).values;
}

/** The same, keeping the data range (A1 to the last used cell) for reuse without another call. */
export function readAllWithRange(sheet: Sheet): { values: Cell[][]; range: GoogleAppsScript.Spreadsheet.Range } {
  const range = sheet.getDataRange();
  const values = range.getValues() as Cell[][];
  return { range, values: values.length === 1 && values[0].length === 1 && values[0][0] === '' ? [] : values };
}

export function readTab(ss: Spreadsheet, name: string): Cell[][] | null {
  const sheet = ss.getSheetByName(name);
  return sheet ? readAll(sheet) : null;
}

/** An error whose message is meant for the user as is (shown in an alert or the sidebar). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
