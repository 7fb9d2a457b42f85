import type { Colours } from '../engine';
import { BUCKETS, columnLetter } from '../engine';

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

const BUCKET_COLOURS = BUCKETS.map((b) => [b, b.toLowerCase() as keyof Colours] as const);

/**
 * Colours rows by bucket with conditional-format rules over `range` (the Leads data range).
 * Conditional formats leave the user's own backgrounds in place and follow the Bucket cell when
 * scores change. Only our rules are replaced. The formula is relative to the range's first row;
 * the header row never holds a bucket name, so it stays uncoloured.
 */
export function applyBucketColours(
  sheet: Sheet,
  range: GoogleAppsScript.Spreadsheet.Range,
  topRow: number,
  bucketColumn: number,
  colours: Colours,
): void {
  const kept = sheet.getConditionalFormatRules().filter((r) => !isOwnRule(r));
  const cell = `$${columnLetter(bucketColumn)}${topRow}`;
  const ours = BUCKET_COLOURS.map(([bucket, key]) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(${cell}="${bucket}",${MARKER})`)
      .setBackground(colours[key])
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules([...kept, ...ours]);
}

/** Removes only the add-on's rules; returns how many were removed. */
export function removeBucketColours(sheet: Sheet): number {
  const rules = sheet.getConditionalFormatRules();
  const kept = rules.filter((r) => !isOwnRule(r));
  if (kept.length !== rules.length) sheet.setConditionalFormatRules(kept);
  return rules.length - kept.length;
}
