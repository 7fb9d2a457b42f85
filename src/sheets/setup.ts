import {
  ACTIVITY_HEADERS,
  starterRulesGrid,
  EXAMPLE_LEAD_HEADERS,
  SETTING_ROWS,
  RULE_HEADERS,
  OPERATORS,
  CATEGORY_NAMES,
  PER_VALUES,
} from '../engine';
import { RULES_TAB, SETTINGS_TAB } from './tabs';
import { readSettings } from './settingsTab';
import { ENABLED_BLANK_IS_OFF_KEY, PREFILLED_ENABLED_TO_ROW } from './rulesTab';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupResult {
  created: string[];
  kept: string[];
}

/** Writes a header row and rows in one call, bolds and freezes the header. */
export function writeTable(sheet: Sheet, rows: unknown[][]): void {
  sheet.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
  sheet.getRange(1, 1, 1, rows[0].length).setFontWeight('bold');
  sheet.setFrozenRows(1);
}

/** Dropdowns for Category, Operator and Per, a checkbox for Enabled, down the Rules tab. */
export function addRuleValidation(sheet: Sheet): void {
  const rows = sheet.getMaxRows() - 1;
  if (rows < 1) return;
  const column = (name: string) => (RULE_HEADERS as readonly string[]).indexOf(name) + 1;
  const list = (values: string[]) => SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(true).build();
  // Invalid values are allowed (with a warning) so that aliases like 'Behavior' or '≥' still work.
  sheet.getRange(2, column('Category'), rows, 1).setDataValidation(list([...CATEGORY_NAMES, 'Behavior', 'Engagement']));
  sheet.getRange(2, column('Operator'), rows, 1).setDataValidation(list([...OPERATORS]));
  sheet.getRange(2, column('Per'), rows, 1).setDataValidation(list([...PER_VALUES]));
  sheet.getRange(2, column('Enabled'), rows, 1).setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
}

/**
 * An unticked box is off (what the user sees is what scores), so the rows below the starter
 * rules get ticked boxes down to row 60: a rule typed there is visibly on, and unticking it turns
 * it off. A row holding only a ticked box is a blank row, not a rule. One write.
 */
export function prefillEnabled(sheet: Sheet, firstEmptyRow: number): void {
  const rows = Math.min(PREFILLED_ENABLED_TO_ROW, sheet.getMaxRows()) - firstEmptyRow + 1;
  if (rows < 1) return;
  const column = (RULE_HEADERS as readonly string[]).indexOf('Enabled') + 1;
  sheet.getRange(firstEmptyRow, column, rows, 1).setValues(Array.from({ length: rows }, () => [true]));
}

/**
 * Set up scoring: creates what is missing (Rules with the starter model, Settings with defaults,
 * a Leads tab with example headers) and never touches a tab that exists, so a second run changes
 * nothing.
 */
export function setUpScoring(ss: Spreadsheet): SetupResult {
  const created: string[] = [];
  const kept: string[] = [];
  if (ss.getSheetByName(RULES_TAB)) kept.push(RULES_TAB);
  else {
    const sheet = ss.insertSheet(RULES_TAB);
    const grid = starterRulesGrid();
    writeTable(sheet, grid);
    addRuleValidation(sheet);
    prefillEnabled(sheet, grid.length + 1);
    // This tab was made by a version where a blank box is off: no migration needed (rulesTab.ts).
    PropertiesService.getDocumentProperties().setProperty(ENABLED_BLANK_IS_OFF_KEY, new Date().toISOString());
    created.push(RULES_TAB);
  }
  if (ss.getSheetByName(SETTINGS_TAB)) kept.push(SETTINGS_TAB);
  else {
    const sheet = ss.insertSheet(SETTINGS_TAB);
    writeTable(sheet, [['Setting', 'Value', 'What it does'], ...SETTING_ROWS.map((s) => [s.name, s.value, s.help])]);
    created.push(SETTINGS_TAB);
  }
  const settings = readSettings(ss).settings;
  const leadsName = settings.leadsSheet;
  if (ss.getSheetByName(leadsName)) kept.push(leadsName);
  else {
    const sheet = ss.insertSheet(leadsName);
    writeTable(sheet, [[...EXAMPLE_LEAD_HEADERS]]);
    created.push(leadsName);
  }
  // README "Activity": the events tab, header row only, for rules whose Field is `Activity: <name>`.
  const activityName = settings.activitySheet.trim();
  if (ss.getSheetByName(activityName)) kept.push(activityName);
  else {
    writeTable(ss.insertSheet(activityName), [[...ACTIVITY_HEADERS]]);
    created.push(activityName);
  }
  return { created, kept };
}
