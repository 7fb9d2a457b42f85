import { isBlank, normalizeKey, toBool, type Cell } from '../engine';
import type { ProblemView } from '../shared/types';
import { RULES_TAB, readAll } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Document property set once blank Enabled checkboxes mean "off" in this document: by Set up
 * (a Rules tab made by this version) or by the one-time migration of an older tab.
 */
export const ENABLED_BLANK_IS_OFF_KEY = 'leadScoring.enabledBlankIsOff';

/** Set up pre-fills ticked Enabled boxes down to this row, so a rule typed there is visibly on. */
export const PREFILLED_ENABLED_TO_ROW = 60;

export interface RulesRead {
  /** The grid for the engine: a blank Enabled cell showing an unticked checkbox reads FALSE (and a
   * writing run writes that FALSE into the cell). */
  grid: Cell[][] | null;
  /** Rule rows that are off, as notices for the alert, the toast and Rules health. */
  off: ProblemView[];
  /** Rows whose blank Enabled box this run ticked (the one-time migration). */
  ticked: number[];
}

const KEY_COLUMNS = ['category', 'field', 'operator', 'value', 'points'];

/** The engine's header rule: the first of the top ten rows holding Category and Operator. */
function findHeader(grid: Cell[][]): { index: number; keys: string[] } | null {
  for (let r = 0; r < Math.min(10, grid.length); r++) {
    const keys = grid[r].map((c) => normalizeKey(c));
    if (keys.includes('category') && keys.includes('operator')) return { index: r, keys };
  }
  return null;
}

/**
 * Reads the Rules tab (one getValues). What a user sees in Enabled is what scores:
 *
 * - A blank Enabled cell on a rule row is "on" for the engine (README "The Rules tab": blank = on without a checkbox), but a blank
 *   cell with checkbox validation shows an unticked box. So when a rule row has a blank Enabled,
 *   the Enabled cells' validations are read in one call (getDataValidations over the rows
 *   concerned) and a blank cell carrying a checkbox counts as off. A blank Enabled without a
 *   checkbox (a CSV or a typed tab) stays on.
 * - A writing run (Score leads) writes FALSE into such cells, so every reader of the tab's values
 *   (custom functions given Rules!A1:M40) sees the row as off too.
 * - Migration: a Rules tab from the previous version (where a blank box meant on) gets TRUE
 *   written into those blank boxes once (one setValues), so its scores don't change, and a
 *   document property remembers that blank boxes now mean off. With `migrate` false (read-only
 *   paths: Rules health, Explain) the rows count as on and nothing is written.
 *
 * No call at all beyond getSheetByName + getDataRange + getValues when every rule row has its
 * Enabled filled in (what Set up writes).
 *
 * `tab`: another rules tab read the same way (the challenger, README "Challenger");
 * it is read with `migrate` false, so nothing is ever written into it.
 */
export function readRules(ss: Spreadsheet, migrate: boolean, tab: string = RULES_TAB): RulesRead {
  const sheet = ss.getSheetByName(tab);
  if (!sheet) return { grid: null, off: [], ticked: [] };
  const grid = readAll(sheet);
  const header = findHeader(grid);
  const enabled = header ? header.keys.indexOf('enabled') : -1;
  if (!header || enabled < 0) return { grid, off: [], ticked: [] };
  const keyCols = KEY_COLUMNS.map((k) => header.keys.indexOf(k)).filter((c) => c >= 0);
  const isRule = (row: Cell[]) => keyCols.some((c) => !isBlank(row[c]));

  const blankRows: number[] = []; // 0-based grid indexes
  for (let r = header.index + 1; r < grid.length; r++) if (isRule(grid[r]) && isBlank(grid[r][enabled])) blankRows.push(r);

  const ticked: number[] = [];
  const checkboxRows = new Set<number>();
  if (blankRows.length > 0) {
    const first = blankRows[0];
    const last = blankRows[blankRows.length - 1];
    const range = sheet.getRange(first + 1, enabled + 1, last - first + 1, 1);
    const rules = range.getDataValidations();
    const CHECKBOX = SpreadsheetApp.DataValidationCriteria.CHECKBOX;
    // The DataValidation objects came back with that one call; reading their criteria is local.
    for (const r of blankRows) {
      const v = rules[r - first][0];
      if (v && v.getCriteriaType() === CHECKBOX) checkboxRows.add(r);
    }
    if (checkboxRows.size > 0) {
      const props = PropertiesService.getDocumentProperties();
      const blankIsOff = props.getProperty(ENABLED_BLANK_IS_OFF_KEY) !== null;
      if (blankIsOff) {
        for (const r of checkboxRows) grid[r][enabled] = false;
        // Write the FALSE the box shows, so the custom functions (which get the Rules range's
        // values, not its checkboxes) read the row as off too. Nothing visible changes.
        if (migrate) range.setValues(grid.slice(first, last + 1).map((row) => [row[enabled]]));
      } else {
        // A tab from the previous version: these rules scored. Keep them on, visibly.
        for (const r of checkboxRows) grid[r][enabled] = true;
        if (migrate) {
          range.setValues(grid.slice(first, last + 1).map((row) => [row[enabled]]));
          props.setProperty(ENABLED_BLANK_IS_OFF_KEY, new Date().toISOString());
          for (const r of checkboxRows) ticked.push(r + 1);
        }
      }
    }
  }

  const off: ProblemView[] = [];
  for (let r = header.index + 1; r < grid.length; r++) {
    const cell = grid[r][enabled];
    if (!isRule(grid[r]) || isBlank(cell) || toBool(cell) !== false) continue;
    const how = typeof cell === 'boolean' ? 'Enabled unchecked' : `Enabled is '${String(cell).trim()}'`;
    off.push({ tab: 'Rules', row: r + 1, column: 'Enabled', columnIndex: enabled + 1, message: `${tab} row ${r + 1} is off (${how})` });
  }
  return { grid, off, ticked };
}

/** "rows 3, 5 and 9" / "row 3". */
export function rowList(rows: number[]): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  return `rows ${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`;
}
