import { BUCKETS, columnLetter, isBlank, spellingKey, type Cell, type LeadScore, type Settings } from '../engine';
import { BASE_OUTPUT_HEADERS, CHALLENGER_OUTPUT, OUTPUT_COLUMNS, OUTPUT_HEADERS, outputRow, type OutputName } from './outputColumns';
import { RULES_TAB, SETTINGS_TAB, readAllWithRange, UserError } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface LeadsBlock {
  sheet: Sheet;
  headerRow: number;
  headers: Cell[];
  rows: Cell[][];
  /** Sheet row of rows[0]. */
  firstRow: number;
  /** Columns in use (the data range's width). */
  lastColumn: number;
  /** The data range read (A1 to the last used cell), reused for colours without another call. */
  dataRange: GoogleAppsScript.Spreadsheet.Range;
}

/** Tabs the add-on writes itself: never a Leads tab. */
export const ADDON_TABS = [RULES_TAB, SETTINGS_TAB];

/**
 * The Leads sheet setting naming one of the add-on's own tabs is a settings problem, in words:
 * scoring would write eight columns into the Rules or Settings tab. Names are compared like
 * Sheets compares tab names, ignoring case. `row` is the setting's row in the Settings tab.
 */
export function leadsSheetProblem(name: string, row: number | undefined): string | null {
  const tab = ADDON_TABS.find((t) => t.toLowerCase() === name.trim().toLowerCase());
  if (!tab) return null;
  const where = row ? `Settings row ${row}, Leads sheet` : 'Settings, Leads sheet';
  return `${where}: '${name}' is the add-on's own ${tab} tab, not a tab of leads. Write the name of the tab holding your leads (e.g. Leads).`;
}

/** Reads the Leads tab in one call and splits it at the Header row setting. */
export function readLeads(ss: Spreadsheet, settings: Settings, settingRow?: number): LeadsBlock {
  const misplaced = leadsSheetProblem(settings.leadsSheet, settingRow);
  if (misplaced) throw new UserError(misplaced);
  const sheet = ss.getSheetByName(settings.leadsSheet);
  if (!sheet) {
    throw new UserError(
      `There is no tab named '${settings.leadsSheet}'. Rename your leads tab, or change 'Leads sheet' in the Settings tab.`,
    );
  }
  const { values, range } = readAllWithRange(sheet);
  const headerRow = settings.headerRow;
  const headers = values[headerRow - 1];
  if (!headers || headers.every(isBlank)) {
    throw new UserError(
      `The '${settings.leadsSheet}' tab has no headers in row ${headerRow}. Put the column names there, or change 'Header row' in the Settings tab.`,
    );
  }
  return {
    sheet,
    headerRow,
    headers,
    rows: values.slice(headerRow),
    firstRow: headerRow + 1,
    lastColumn: values[0]?.length ?? 0,
    dataRange: range,
  };
}

/** Headers compared like Leads headers, with the engine's one spelling rule (Behavior = Behaviour). */
const OUTPUT_KEYS = OUTPUT_HEADERS.map(spellingKey);
const BASE_OUTPUT_KEYS = BASE_OUTPUT_HEADERS.map(spellingKey);

export type { OutputName };

/**
 * Developer metadata key on each output column the add-on made (value: the output's name, e.g.
 * "Score"). Sheets keeps column metadata with its column when columns are moved, inserted or
 * deleted (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata),
 * so the add-on finds its columns wherever the user puts them, whatever their header says, and
 * never mistakes a user's own "Score" column for one of its own.
 */
export const OUTPUT_METADATA_KEY = 'leadScoring.output';

/**
 * The output columns marked as the add-on's own: one finder call for the tab, not one per
 * column. Sheet.createDeveloperMetadataFinder() covers "a row, column, or range on that sheet"
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#createDeveloperMetadataFinder()).
 */
export function readOwnedColumns(sheet: Sheet): Map<OutputName, number> {
  const owned = new Map<OutputName, number>();
  const taken = new Set<number>();
  for (const md of sheet.createDeveloperMetadataFinder().withKey(OUTPUT_METADATA_KEY).find()) {
    const name = md.getValue() as OutputName | null;
    if (!name || !(OUTPUT_HEADERS as readonly string[]).includes(name) || owned.has(name)) continue;
    const range = md.getLocation().getColumn();
    if (!range) continue;
    const column = range.getColumn();
    if (taken.has(column)) continue;
    owned.set(name, column);
    taken.add(column);
  }
  return owned;
}

/** A same-named column the add-on did not create. */
export interface OutputConflict {
  output: OutputName;
  column: number;
  header: string;
}

/** What to do with same-named columns: write into them, or add the add-on's own under other names. */
export type ConflictChoice = 'use' | 'rename' | 'cancel';

export interface OutputPlan {
  /**
   * 1-based column of each output, in OUTPUT_HEADERS order; 0 for Challenger score when there is
   * no challenger and no column of it left from an earlier one (README "Challenger").
   */
  columns: number[];
  /** The header each output column gets (the user's own spelling for an existing column). */
  headers: string[];
  /** Outputs without a column yet: appended after the last used column. */
  appended: Array<{ column: number; header: string }>;
  /** Columns to mark as the add-on's own in this run (developer metadata). */
  mark: Array<{ column: number; output: OutputName }>;
  /** Same-named columns found, and what was done with them. */
  conflicts: OutputConflict[];
  choice: ConflictChoice | null;
  /** The previous version's eight columns, taken over on this version's first run. */
  migrated: boolean;
}

const BUCKET_CELLS = new Set<string>([...BUCKETS, '']);
const GRADES = new Set(['A', 'B', 'C', 'D', '']);

/**
 * Migration from the version without metadata: it wrote the eight columns as one block, in
 * order, with these headers. A block of exactly those eight headers side by side whose cells all
 * look like its output (numbers in Fit…Score, a bucket name in Bucket, a grade letter in Grade, a
 * date in Scored at) is taken as the add-on's own. Anything less (a lone "Score" column, headers
 * in another order, other values) is asked about, never taken silently.
 */
export function previousVersionBlock(headers: Cell[], rows: Cell[][]): number {
  const keys = headers.map(spellingKey);
  for (let j = 0; j + BASE_OUTPUT_HEADERS.length <= keys.length; j++) {
    if (!BASE_OUTPUT_KEYS.every((k, i) => k === keys[j + i])) continue;
    const ok = rows.every((row) => {
      const at = (i: number) => row[j + i] ?? '';
      return (
        [0, 1, 2, 3].every((i) => at(i) === '' || typeof at(i) === 'number') &&
        BUCKET_CELLS.has(String(at(4))) &&
        GRADES.has(String(at(5))) &&
        (at(7) === '' || at(7) instanceof Date)
      );
    });
    if (ok) return j + 1;
  }
  return 0;
}

/** "Lead score", then "Lead score 2" … until no header uses it. */
function otherName(output: OutputName, keys: Set<string>): string {
  const base = `Lead ${output.toLowerCase()}`;
  let name = base;
  for (let n = 2; keys.has(spellingKey(name)); n++) name = `${base} ${n}`;
  return name;
}

/**
 * Where each output goes (README "What the add-on does", Score leads): a column marked as the add-on's own is
 * used wherever it is; a column merely named like an output is the user's and is written only
 * if `choose` says so ('use'); otherwise (and when nobody can be asked: `choose` absent or
 * returning null) the add-on adds its own column under another name, e.g. "Lead score".
 * Missing outputs are appended after the last used column.
 */
export function planOutputColumns(
  block: Pick<LeadsBlock, 'headers' | 'rows' | 'lastColumn'>,
  owned: Map<OutputName, number>,
  choose?: (conflicts: OutputConflict[]) => ConflictChoice | null,
  options: { challenger?: boolean } = {},
): OutputPlan {
  const { headers } = block;
  const keys = headers.map(spellingKey);
  const keySet = new Set(keys.filter((k) => k !== ''));
  const text = (c: number) => String(headers[c - 1] ?? '').trim();
  const mark: OutputPlan['mark'] = [];
  const found = new Map(owned);
  let migrated = false;
  if (owned.size === 0) {
    const start = previousVersionBlock(headers, block.rows);
    if (start > 0) {
      BASE_OUTPUT_HEADERS.forEach((output, i) => {
        found.set(output, start + i);
        mark.push({ column: start + i, output });
      });
      migrated = true;
    }
  }
  // Challenger score is planned when a challenger is set, or when the add-on's own column of it is
  // left from an earlier challenger (then it is blanked, never left showing stale scores).
  const wanted = (output: OutputName) => output !== CHALLENGER_OUTPUT || options.challenger === true || found.has(output);
  const taken = new Set(found.values());
  const conflicts: OutputConflict[] = [];
  OUTPUT_HEADERS.forEach((output, i) => {
    if (found.has(output) || !wanted(output)) return;
    const j = keys.findIndex((k, c) => OUTPUT_KEYS[i] === k && !taken.has(c + 1));
    if (j >= 0) {
      conflicts.push({ output, column: j + 1, header: text(j + 1) });
      taken.add(j + 1);
    }
  });
  let choice: ConflictChoice | null = null;
  if (conflicts.length > 0) {
    choice = choose?.(conflicts) ?? 'rename';
    if (choice === 'cancel')
      throw new UserError(
        'Nothing was written: Score leads stopped, as you chose. Rename your own columns, or run it again and choose Yes or No.',
      );
  }
  const appended: OutputPlan['appended'] = [];
  let next = Math.max(block.lastColumn, headers.length);
  const columns: number[] = [];
  const headerTexts: string[] = [];
  OUTPUT_HEADERS.forEach((output, i) => {
    if (!wanted(output)) {
      columns.push(0);
      headerTexts.push('');
      return;
    }
    const own = found.get(output);
    const conflict = conflicts.find((c) => c.output === output);
    if (own !== undefined) {
      columns.push(own);
      headerTexts.push(text(own) || output);
    } else if (conflict && choice === 'use') {
      columns.push(conflict.column);
      headerTexts.push(conflict.header);
      mark.push({ column: conflict.column, output });
    } else {
      next++;
      // Never a second column with the same name as an existing one (the user's, or ours renamed).
      const header = keySet.has(OUTPUT_KEYS[i]) || conflict !== undefined ? otherName(output, keySet) : output;
      keySet.add(spellingKey(header));
      appended.push({ column: next, header });
      columns.push(next);
      headerTexts.push(header);
      mark.push({ column: next, output });
    }
  });
  return { columns, headers: headerTexts, appended, mark, conflicts, choice, migrated };
}

/** Consecutive output columns form one block, written with one setValues (usually all eight). */
export function runsOf(columns: number[]): Array<{ start: number; outputs: number[] }> {
  const order = columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c > 0)
    .sort((a, b) => a.c - b.c);
  const runs: Array<{ start: number; outputs: number[] }> = [];
  for (const { c, i } of order) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.outputs.length === c) last.outputs.push(i);
    else runs.push({ start: c, outputs: [i] });
  }
  return runs;
}

/**
 * Writes the output columns, header cell included: one getRange and one setValues per block of
 * adjacent output columns (usually all eight), whatever the number of leads, so a run writes 8
 * cells a lead. The plain-text format is set on the text columns as whole columns with one
 * RangeList call before the values go in, so Why and lead text can never become formulas (even
 * when a user later types in the column) without writing a format per cell. Input cells are never
 * written. Columns new to the add-on are marked as its own and get their number format once.
 */
export function writeScores(
  block: LeadsBlock,
  plan: OutputPlan,
  leads: Array<LeadScore | null>,
  scoredAt: Date,
  challenger?: Array<LeadScore | null> | null,
): void {
  const { sheet } = block;
  if (plan.appended.length > 0) {
    let needed = 0;
    for (const c of plan.columns) if (c > needed) needed = c;
    const maxColumns = sheet.getMaxColumns();
    if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
  }
  const whole = (column: number) => `${columnLetter(column)}:${columnLetter(column)}`;
  const textColumns = OUTPUT_COLUMNS.flatMap((c, i) => ('plainText' in c && c.plainText ? [whole(plan.columns[i])] : []));
  sheet.getRangeList(textColumns).setNumberFormat('@');
  const rows: Cell[][] = [plan.headers, ...leads.map((lead, i) => outputRow(lead, scoredAt, challenger?.[i]))];
  for (const run of runsOf(plan.columns)) {
    const range = sheet.getRange(block.headerRow, run.start, rows.length, run.outputs.length);
    range.setValues(rows.map((r) => run.outputs.map((i) => r[i])));
  }
  // Metadata goes on a whole column ("Developer metadata may only be added to … an entire row or
  // column"), hence the 'T:T' range: https://developers.google.com/apps-script/reference/spreadsheet/range#addDeveloperMetadata(String,String)
  for (const { column, output } of plan.mark) {
    const columnRange = sheet.getRange(whole(column));
    columnRange.addDeveloperMetadata(OUTPUT_METADATA_KEY, output);
    const spec = OUTPUT_COLUMNS[OUTPUT_HEADERS.indexOf(output)];
    if ('format' in spec) columnRange.setNumberFormat(spec.format);
  }
}

/**
 * The header row as the engine sees it: the add-on's own output columns blanked, so they are
 * never taken for inputs, and a user's own column with the same name (say their notes under
 * "Why") is not a duplicate header.
 */
export function inputHeaders(headers: Cell[], plan: Pick<OutputPlan, 'columns'>): Cell[] {
  const outputs = new Set(plan.columns.filter((c) => c > 0).map((c) => c - 1));
  return headers.map((h, i) => (outputs.has(i) ? '' : h));
}

/** The data rows with the add-on's own output cells blanked, so old scores don't keep a deleted lead alive. */
export function inputRows(rows: Cell[][], plan: Pick<OutputPlan, 'columns'>): Cell[][] {
  const outputs = new Set(plan.columns.filter((c) => c > 0).map((c) => c - 1));
  return rows.map((row) => row.map((v, i) => (outputs.has(i) ? '' : v)));
}
