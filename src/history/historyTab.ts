/**
 * The Score history tab (README "Running by itself", Score history; DESIGN §6): one row per lead
 * whose bucket changed in a run — date, lead key, old and new bucket, old and new score, top
 * reason — appended in one write, oldest rows trimmed after Keep history days.
 *
 * Calls on a run with changes, usually 3: one Spreadsheet.getRange over the last row this add-on
 * wrote plus the rows the new ones go to, its getValues, its setValues. What the last run left
 * (where its rows end, the row it wrote last, how many rows the tab has, the oldest date) is kept in
 * a document property; the read checks it: that last row must still read as written and the new
 * rows' place must be empty. Anything else — rows sorted, typed or deleted, the tab replaced or
 * full, rows due for trimming, no record — takes the careful way: Spreadsheet.getRange of column A
 * and its getValues (where the rows end, how many rows the tab has, the oldest date), then
 * getRange and setValues of the new block (4), plus Range.getSheet and Sheet.deleteRows on a day
 * rows pass Keep history days, and Sheet.insertRowsAfter (and the text format again) when the tab
 * runs out of rows, 500 at a time. So rows are never written over. A run with no change makes no
 * call at all (trimming waits for the next).
 * The text columns (Date, Lead key, buckets, Top reason) are plain text as whole columns, so a lead
 * key like "=HYPERLINK(…)" stays text, as Why does in the Leads tab (src/sheets/leadsTab.ts).
 */
import { dayInZone, readDay, type Cell, type Day } from '../engine';
import type { LeadChange } from '../engine/changes';
import { readRecord, writeRecord } from '../sheets/documentRecord';

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
  const rows = changes.map((c) => historyRow(date, c));
  const state = readState();
  if (state && appendAfterLastRun(ss, state, rows, asOfDay - keepDays)) {
    saveState({
      nextRow: state.nextRow + rows.length,
      lastRow: rows[rows.length - 1],
      maxRows: state.maxRows,
      oldestDay: Math.min(state.oldestDay, asOfDay),
      rows: state.rows + rows.length,
    });
    return { written: rows.length, trimmed: 0, created: false };
  }
  return writeCarefully(ss, rows, asOfDay, keepDays, timeZone);
}

/** What the last write left, kept so the next one can check it in the read it makes anyway. */
interface HistoryState {
  /** The sheet row the next rows go to. */
  nextRow: number;
  /** The last row written, as written (checked before appending under it). */
  lastRow: Cell[];
  /** The tab's row count then. */
  maxRows: number;
  /** The oldest Date in the tab then (a day number), for knowing when trimming is due. */
  oldestDay: number;
  /** Data rows in the tab then. */
  rows: number;
}
const STATE_KEY = 'leadScoring.historyState';

function readState(): HistoryState | null {
  const s = readRecord<HistoryState>(STATE_KEY);
  return s && Number.isInteger(s.nextRow) && s.nextRow > 2 && Array.isArray(s.lastRow) && s.lastRow.length === HISTORY_HEADERS.length
    ? s
    : null;
}

function saveState(state: HistoryState | null): void {
  // A Top reason is at most a line of Why; cut it so the record stays far under the 9 KB a value.
  writeRecord(STATE_KEY, state && { ...state, lastRow: state.lastRow.map((v) => (typeof v === 'string' ? v.slice(0, 500) : v)) });
}

/**
 * The usual run: read the last row written and the place of the new rows in one range; append
 * there only when that row still reads as written and the place is empty (3 calls). False (nothing
 * written) when trimming is due, the tab would overflow, or the check fails.
 */
function appendAfterLastRun(ss: Spreadsheet, state: HistoryState, rows: Cell[][], cutoff: number): boolean {
  const n = rows.length;
  if (state.oldestDay < cutoff || state.rows + n > MAX_HISTORY_ROWS || state.nextRow + n - 1 > state.maxRows) return false;
  if (state.lastRow.some((v) => typeof v === 'string' && v.length >= 500)) return false;
  let range: GoogleAppsScript.Spreadsheet.Range;
  try {
    range = ss.getRange(a1(`A${state.nextRow - 1}:G${state.nextRow + n - 1}`));
  } catch {
    return false; // no such tab (or fewer rows): the careful way makes or grows it
  }
  const seen = range.getValues() as Cell[][];
  const same = (a: Cell, b: Cell) => (a === '' || a === null ? '' : a) === (b === '' || b === null ? '' : b);
  if (!seen[0].every((v, j) => same(v, state.lastRow[j]))) return false;
  if (!seen.slice(1).every((r) => r.every((v) => v === '' || v === null))) return false;
  range.setValues([seen[0], ...rows]);
  return true;
}

function writeCarefully(ss: Spreadsheet, rows: Cell[][], asOfDay: Day, keepDays: number, timeZone: string): HistoryWrite {
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
    saveState(null);
    return {
      written: 0,
      trimmed: 0,
      created: false,
      skipped: `The '${HISTORY_TAB}' tab is not the one Lead scoring keeps (its cell A1 is not '${HISTORY_HEADERS[0]}'), so ${n0(rows.length)} changed bucket${rows.length === 1 ? '' : 's'} went unrecorded. Rename that tab; the next run makes its own.`,
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
  const n = rows.length;
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
  ss.getRange(a1(`A${start}:G${start + n - 1}`)).setValues(rows);
  // The oldest date left in the tab (rows kept in their order: a hand-sorted tab counts too).
  let oldestDay = asOfDay;
  for (let r = 1 + old; r < values.length; r++) {
    const d = readDay(values[r][0], dayOf);
    if (d.kind === 'day' && d.day < oldestDay) oldestDay = d.day;
  }
  saveState({ nextRow: start + n, lastRow: rows[n - 1], maxRows, oldestDay, rows: start + n - 2 });
  return { written: n, trimmed: old, created };
}
