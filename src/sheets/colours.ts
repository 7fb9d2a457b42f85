import type { Colours } from '../engine';
import { columnLetter } from '../engine';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/**
 * Our conditional-format rules carry this harmless term, so that we can tell them from the user's
 * own rules without storing anything: `=AND($L2="Hot","Lead scoring"<>"")`.
 */
const MARKER = '"Lead scoring"<>""';

export function isOwnRule(rule: Rule): boolean {
  const condition = rule.getBooleanCondition();
  if (!condition) return false;
  return condition.getCriteriaValues().some((v) => typeof v === 'string' && v.includes(MARKER));
}

const BUCKETS: Array<[string, keyof Colours]> = [['Hot', 'hot'], ['Warm', 'warm'], ['Cold', 'cold'], ['Disqualified', 'disqualified']];

/**
 * Colours rows by bucket with conditional-format rules on the data rows (down to the sheet's last
 * row, so leads added later colour once scored). Conditional formats leave the user's own
 * backgrounds in place and follow the Bucket cell when scores change. Only our rules are replaced.
 */
export function applyBucketColours(sheet: Sheet, bucketColumn: number, firstRow: number, lastColumn: number, colours: Colours): void {
  const maxRows = sheet.getMaxRows();
  const kept = sheet.getConditionalFormatRules().filter((r) => !isOwnRule(r));
  if (firstRow > maxRows) {
    sheet.setConditionalFormatRules(kept);
    return;
  }
  const range = sheet.getRange(firstRow, 1, maxRows - firstRow + 1, lastColumn);
  const cell = `$${columnLetter(bucketColumn)}${firstRow}`;
  const ours = BUCKETS.map(([bucket, key]) => SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=AND(${cell}="${bucket}",${MARKER})`)
    .setBackground(colours[key])
    .setRanges([range])
    .build());
  sheet.setConditionalFormatRules([...kept, ...ours]);
}

/** Removes only the add-on's rules; returns how many were removed. */
export function removeBucketColours(sheet: Sheet): number {
  const rules = sheet.getConditionalFormatRules();
  const kept = rules.filter((r) => !isOwnRule(r));
  if (kept.length !== rules.length) sheet.setConditionalFormatRules(kept);
  return rules.length - kept.length;
}
