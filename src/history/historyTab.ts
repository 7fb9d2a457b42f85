/**
 * The Score history tab (README "Running by itself", Score history; DESIGN §6): one row per lead
 * whose bucket changed in a run — date, lead key, old and new bucket, old and new score, top
 * reason — appended in one write, oldest rows trimmed after Keep history days.
 *
 * Calls on a run with changes (the tab there): Spreadsheet.getRange of column A and its getValues
 * (where the rows end, how many rows the tab has, the oldest date), Spreadsheet.getRange of the new
 * block and its setValues: 4. Plus Range.getSheet and Sheet.deleteRows on a day rows pass Keep
 * history days, and Sheet.insertRowsAfter (and the text format again) when the tab runs out of
 * rows, 500 at a time. A run with no change makes no call at all (trimming waits for the next).
 * The text columns (Date, Lead key, buckets, Top reason) are plain text as whole columns, so a lead
 * key like "=HYPERLINK(…)" stays text, as Why does in the Leads tab (src/sheets/leadsTab.ts).
 */
import { dayInZone, readDay, type Cell, type Day } from '../engine';
import type { LeadChange } from '../engine/changes';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HISTORY_TAB = 'Score history';
export const HISTORY_HEADERS = ['Date', 'Lead key', 'Old bucket', 'New bucket', 'Old score', 'New score', 'Top reason'];
/** Whole columns kept as plain text: everything but the two scores. */
const TEXT_COLUMNS = ['A:A', 'B:B', 'C:C', 'D:D', 'G:G'];
/**
 * At most this many rows are kept whatever Keep history days says (the oldest go first): 7 columns
 * × 300,000 = 2.1 million cells, a fifth of a spreadsheet's 10 million, so history can never fill
 * the spreadsheet even if every lead changed bucket every day.
 */
export const MAX_HISTORY_ROWS = 300_000;
/** Rows added at a time when the tab is full, so growing the tab is rare. */
export const HISTORY_SLACK_ROWS = 500;

export interface HistoryWrite {
  written: number;
  trimmed: number;
  /** The tab was made by this run. */
  created: boolean;
  /** Why nothing was written (a tab of that name that is not the add-on's), in words. */
  skipped?: string;
}

function n0(n: number): string {
  return n.toLocaleString('en-US');
}

/** 'Score history'!A:A — a sheet name in A1 notation, quotes doubled. */
function a1(ref: string): string {
  return `'${HISTORY_TAB.replace(/'/g, "''")}'!${ref}`;
}

function textFormat(sheet: Sheet): void {
  sheet.getRangeList(TEXT_COLUMNS).setNumberFormat('@');
}

function createTab(ss: Spreadsheet): Sheet {
  const sheet = ss.insertSheet(HISTORY_TAB);
  textFormat(sheet);
  sheet.getRange(1, 1, 1, HISTORY_HEADERS.length).setValues([HISTORY_HEADERS]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return sheet;
}

/** One history row: the key as written in the sheet, buckets blank when none. */
export function historyRow(date: string, c: LeadChange): Cell[] {
  return [date, c.key, c.oldBucket ?? '', c.newBucket, c.oldScore ?? '', c.newScore, c.topReason];
}

/**
 * Appends the changes of one run (as-of `date`, day number `asOfDay`) and trims rows older than
 * `keepDays` before it: rows are appended in date order, so the old ones are the first rows under
 * the header (a tab sorted by hand is trimmed only down to its first row still inside the window).
 */
export function writeHistory(
  ss: Spreadsheet,
  changes: LeadChange[],
  date: string,
  asOfDay: Day,
  keepDays: number,
  timeZone: string,
): HistoryWrite {
  if (changes.length === 0) return { written: 0, trimmed: 0, created: false };
  let column: GoogleAppsScript.Spreadsheet.Range | null = null;
  let created = false;
  try {
    column = ss.getRange(a1('A:A'));
  } catch {
    column = null;
  }
  if (!column) {
    // "Range not found": no tab of that name yet. Anything else is thrown again.
    if (ss.getSheetByName(HISTORY_TAB)) throw new Error(`Could not read the ${HISTORY_TAB} tab.`);
    column = createTab(ss).getRange('A:A');
    created = true;
  }
  const values = column.getValues() as Cell[][];
  // A tab of that name the user made for something else is theirs: never written (its A1 is not 'Date').
  if (String(values[0]?.[0] ?? '').trim() !== HISTORY_HEADERS[0]) {
    return {
      written: 0,
      trimmed: 0,
      created: false,
      skipped: `The '${HISTORY_TAB}' tab is not the one Lead scoring keeps (its cell A1 is not '${HISTORY_HEADERS[0]}'), so ${n0(changes.length)} changed bucket${changes.length === 1 ? '' : 's'} went unrecorded. Rename that tab; the next run makes its own.`,
    };
  }
  let maxRows = values.length;
  let lastRow = 1;
  for (let r = values.length - 1; r >= 1; r--) {
    if (values[r][0] !== '' && values[r][0] !== null) {
      lastRow = r + 1;
      break;
    }
  }
  const dayOf = dayInZone(timeZone);
  const cutoff = asOfDay - keepDays;
  let old = 0;
  for (let r = 1; r < lastRow; r++) {
    const d = readDay(values[r][0], dayOf);
    if (d.kind === 'day' && d.day < cutoff) old++;
    else break;
  }
  const n = changes.length;
  // Over the cap: the oldest rows go too, whatever their date.
  old = Math.min(lastRow - 1, Math.max(old, lastRow - 1 + n - MAX_HISTORY_ROWS));
  let sheet: Sheet | null = null;
  if (lastRow + n > maxRows) {
    sheet = column.getSheet();
    const add = lastRow + n - maxRows + HISTORY_SLACK_ROWS;
    sheet.insertRowsAfter(maxRows, add);
    maxRows += add;
    textFormat(sheet);
  }
  if (old > 0) {
    sheet = sheet ?? column.getSheet();
    // Never every non-frozen row: the capacity check above leaves at least n + 1 rows below the header.
    sheet.deleteRows(2, old);
    lastRow -= old;
  }
  const start = lastRow + 1;
  ss.getRange(a1(`A${start}:G${start + n - 1}`)).setValues(changes.map((c) => historyRow(date, c)));
  return { written: n, trimmed: old, created };
}
