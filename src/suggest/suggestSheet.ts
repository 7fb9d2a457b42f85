/**
 * Suggest rules from outcomes (README "Tune the model from outcomes"):
 * reads Settings, Rules and Leads once (readForRun, as the backtest does), runs the engine's
 * suggestRules, and writes the tab `Rules (suggested)` — rewritten by each run, never Rules — in
 * one block write: the suggested rules in the Rules tab's exact columns (A–M, so the tab can be
 * the Challenger rules tab or be promoted), and beside them (from column O) the proposed Base
 * score / Hot at / Warm at, the holdout comparison of current vs suggested and the columns left out.
 *
 * Use these rules (DESIGN.md §5: nothing is written over Rules unless the user chooses it): after a
 * Yes, renames Rules to `Rules (before YYYY-MM-DD)`, makes a new Rules tab from the suggested tab's
 * rule rows (with Set up's dropdowns and Enabled checkboxes) and writes the three settings. Undo:
 * delete the new Rules tab and rename the before-tab back (the old settings are noted beside it).
 */
import { dayInZone, dayToIso, isBlank, normalizeKey, RULE_HEADERS, toNumber, type Cell, type GroupFigures } from '../engine';
import { claimTab } from '../sheets/ownTabs';
import { suggestRules, type SuggestResult } from '../engine/suggest';
import { readForRun } from '../scoring/scoreSheet';
import { readSettings, readSettingsGrid, writeSettings } from '../sheets/settingsTab';
import { addRuleValidation, prefillEnabled, writeTable } from '../sheets/setup';
import { RULES_TAB, readAll, UserError } from '../sheets/tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const SUGGESTED_TAB = 'Rules (suggested)';
/** The rules take columns A–M (RULE_HEADERS); one blank column; the report from column O. */
const RULE_WIDTH = RULE_HEADERS.length;
const SIDE_COLUMN = RULE_WIDTH + 2;
const SIDE_WIDTH = 7;
const WIDTH = SIDE_COLUMN - 1 + SIDE_WIDTH;

export type SuggestOk = Extract<SuggestResult, { ok: true }>;

export interface SuggestOptions {
  maxRules?: number;
  /** Columns to leave out by name (filled in after contact, say). */
  exclude?: string[];
}

/** Runs the suggestion on the active spreadsheet's tabs; bad input is a UserError with the engine's sentence. Writes nothing. */
export function suggestInMemory(ss: Spreadsheet, clock: Date, options: SuggestOptions = {}): SuggestOk {
  const { leads, rulesRead } = readForRun(ss, clock);
  const result = suggestRules({
    settings: readSettingsGrid(ss),
    rules: rulesRead.grid ?? [],
    leads,
    today: clock,
    spreadsheetTimeZone: ss.getSpreadsheetTimeZone(),
    maxRules: options.maxRules,
    exclude: options.exclude,
  });
  if (!result.ok) throw new UserError(result.error);
  return result;
}

/**
 * A text cell written so it can never become a formula or a number (README "What the add-on
 * does": text taken from the sheet stays text): a leading apostrophe, which Sheets keeps out of
 * the value.
 */
const text = (s: string): string => `'${s}`;
const r3 = (x: number | null | undefined): Cell => (x === null || x === undefined ? '' : Math.round(x * 1000) / 1000);

/** The rule rows as cells: text columns apostrophed, Points a number, Enabled a boolean. */
function ruleCells(grid: Cell[][]): Cell[][] {
  return grid.map((row, r) =>
    row
      .map((c) => (r === 0 || typeof c !== 'string' || c === '' ? c : text(c)))
      .concat(new Array(Math.max(0, RULE_WIDTH - row.length)).fill('')),
  );
}

/** The report beside the rules (SIDE_WIDTH columns): settings, holdout comparison, left-out columns. */
export function sideRows(r: SuggestOk, ranAt: Date): Cell[][] {
  const rows: Cell[][] = [];
  const add = (...cells: Cell[]) => {
    const row = cells.slice(0, SIDE_WIDTH);
    while (row.length < SIDE_WIDTH) row.push('');
    rows.push(row);
  };
  const c = r.comparison;
  add(text('Suggested from outcomes'), text(`Run at ${ranAt.toISOString()}`));
  add();
  add(text('Proposed settings'), text('Value'));
  for (const [name, value] of r.settingsRows) add(text(name), value);
  add(text('Use: Lead scoring → Use these rules (Rules is kept as a before-tab), or name this tab in Settings, Challenger rules.'));
  add();
  add(text('Holdout comparison (leads kept out of the fit)'));
  add(text(c.sentence));
  add(text('Model'), text('AUC'), text('Holdout leads'), text('Won'));
  add(text('Current rules'), r3(c.current?.overall.auc), c.current?.overall.decided ?? '', c.current?.overall.won ?? '');
  add(text('Suggested rules'), r3(c.suggested?.overall.auc), c.suggested?.overall.decided ?? '', c.suggested?.overall.won ?? '');
  add(
    text('Bucket'),
    text('Current leads'),
    text('Current won'),
    text('Current conversion'),
    text('Suggested leads'),
    text('Suggested won'),
    text('Suggested conversion'),
  );
  const conv = (g: GroupFigures | undefined): Cell => (!g || g.tooFew ? '' : r3(g.conversion));
  const labels = (c.current ?? c.suggested)?.buckets.map((b) => b.label) ?? [];
  labels.forEach((label, i) => {
    const a = c.current?.buckets[i];
    const b = c.suggested?.buckets[i];
    add(text(label), a?.leads ?? '', a?.won ?? '', conv(a), b?.leads ?? '', b?.won ?? '', conv(b));
  });
  add(text('Holdout leads changing bucket'), c.changedBucket);
  add();
  add(text('Leads'), text('Training'), r.training, text('Holdout'), r.holdout, text('Candidate rules'), r.candidates);
  add();
  add(text('Columns left out'), text('Why'));
  for (const x of r.leftOut) add(text(x.column), text(x.reason));
  if (r.leftOut.length === 0) add(text('(none)'));
  return rows;
}

/** The whole tab as one grid (WIDTH columns): rules in A–M, the report from column O. */
export function suggestedLayout(r: SuggestOk, ranAt: Date): Cell[][] {
  const rules = ruleCells(r.grid);
  const side = sideRows(r, ranAt);
  const height = Math.max(rules.length, side.length);
  return Array.from({ length: height }, (_, i) => [
    ...(rules[i] ?? new Array(RULE_WIDTH).fill('')),
    '',
    ...(side[i] ?? new Array(SIDE_WIDTH).fill('')),
  ]);
}

/** Writes `Rules (suggested)`: cleared, then one setValues, the header bolded and frozen. No other tab is touched. */
export function writeSuggestedTab(ss: Spreadsheet, r: SuggestOk, ranAt: Date): Sheet {
  const rows = suggestedLayout(r, ranAt);
  // Row 1 starts with the Rules header, as earlier versions wrote it too.
  const { sheet, made } = claimTab(ss, SUGGESTED_TAB, RULE_HEADERS);
  if (!made) sheet.clear();
  const needed = rows.length - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  const wider = WIDTH - sheet.getMaxColumns();
  if (wider > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), wider);
  sheet.getRange(1, 1, rows.length, WIDTH).setValues(rows);
  sheet.getRange(1, 1, 1, RULE_WIDTH).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return sheet;
}

/** The menu's run: suggest, write the tab, and a line for the toast. */
export function suggestSheet(ss: Spreadsheet, clock: Date, options: SuggestOptions = {}): { report: SuggestOk; summary: string } {
  const leadsName = readSettings(ss).settings.leadsSheet;
  if (leadsName.trim().toLowerCase() === SUGGESTED_TAB.toLowerCase()) {
    throw new UserError(
      `Settings, Leads sheet: '${leadsName}' is the tab Suggest rules rewrites. Rename your leads tab (e.g. Leads) and the setting.`,
    );
  }
  const report = suggestInMemory(ss, clock, options);
  writeSuggestedTab(ss, report, clock);
  return {
    report,
    summary: `${report.rules.length} rule${report.rules.length === 1 ? '' : 's'} suggested in the '${SUGGESTED_TAB}' tab. ${report.comparison.sentence}`,
  };
}

/**
 * The CLI's `suggest`: the suggestion as one JSON object (SuggestResult, src/engine/suggest.ts:
 * rules, baseScore, hotAt, warmAt, training, holdout, candidates, leftOut, comparison {current,
 * suggested (BacktestReport on the holdout), changedBucket, sentence}, grid, settingsRows), reading
 * the tabs and writing nothing. `{ ok: false, error }` on bad input.
 */
export function suggestReport(maxRules?: number, leaveOut?: string[]): SuggestResult {
  try {
    const n = Number(maxRules);
    return suggestInMemory(SpreadsheetApp.getActiveSpreadsheet(), new Date(), {
      maxRules: maxRules !== undefined && maxRules !== null && Number.isInteger(n) && n >= 1 ? n : undefined,
      exclude: Array.isArray(leaveOut) ? leaveOut.map(String) : undefined,
    });
  } catch (e) {
    return { ok: false, error: e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Use these rules

export interface Promotion {
  /** The rule rows to write as the new Rules tab, header first (RULE_HEADERS columns). */
  grid: Cell[][];
  baseScore: number;
  hotAt: number;
  warmAt: number;
}

/**
 * Reads what `Rules (suggested)` holds now (the user may have edited points or settings there):
 * the header and rule rows of columns A–M, and the proposed settings beside them. One getValues.
 */
export function readPromotion(values: Cell[][]): Promotion {
  const header = (values[0] ?? []).slice(0, RULE_WIDTH).map((c) => normalizeKey(c));
  if (!RULE_HEADERS.every((h, i) => header[i] === normalizeKey(h)))
    throw new UserError(
      `The '${SUGGESTED_TAB}' tab's first row is not the Rules header (${RULE_HEADERS.join(', ')}). Run Suggest rules from outcomes again.`,
    );
  const rules = values.slice(1).map((r) => r.slice(0, RULE_WIDTH));
  const grid = [[...RULE_HEADERS] as Cell[], ...rules.filter((r) => r.some((c) => !isBlank(c)))];
  if (grid.length < 2) throw new UserError(`The '${SUGGESTED_TAB}' tab holds no rule. Run Suggest rules from outcomes again.`);
  const setting = (name: string): number => {
    const row = values.find((r) => normalizeKey(r[SIDE_COLUMN - 1]) === normalizeKey(name));
    const n = row ? toNumber(row[SIDE_COLUMN]) : null;
    if (n === null || !Number.isFinite(n))
      throw new UserError(`The '${SUGGESTED_TAB}' tab has no number for ${name} beside the rules. Run Suggest rules from outcomes again.`);
    return n;
  };
  const p = { grid, baseScore: setting('Base score'), hotAt: setting('Hot at'), warmAt: setting('Warm at') };
  if (!(p.warmAt < p.hotAt)) throw new UserError(`In the '${SUGGESTED_TAB}' tab, Warm at (${p.warmAt}) must be below Hot at (${p.hotAt}).`);
  return p;
}

/** `Rules (before 2026-11-29)`, then ` 2`, ` 3` … when that name is taken. */
export function beforeName(ss: Spreadsheet, clock: Date): string {
  const day = dayInZone(ss.getSpreadsheetTimeZone())(clock);
  const base = `${RULES_TAB} (before ${day === null ? clock.toISOString().slice(0, 10) : dayToIso(day)})`;
  let name = base;
  for (let n = 2; ss.getSheetByName(name); n++) name = `${base} ${n}`;
  return name;
}

export interface UseResult {
  done: boolean;
  before?: string;
  message: string;
}

/** What Use these rules would do, read before anything is written: the question to ask, and what to write. */
export interface PromotionPlan {
  promotion: Promotion;
  settings: ReturnType<typeof readSettings>;
  /** The Rules tab now (null when there is none). */
  current: Sheet | null;
  before: string;
  question: string;
}

/** Reads `Rules (suggested)` and Settings and words the question; writes nothing. */
export function planPromotion(ss: Spreadsheet, clock: Date): PromotionPlan {
  const suggested = ss.getSheetByName(SUGGESTED_TAB);
  if (!suggested) throw new UserError(`There is no '${SUGGESTED_TAB}' tab. Run Lead scoring → Suggest rules from outcomes first.`);
  const p = readPromotion(readAll(suggested));
  const settings = readSettings(ss);
  const old = settings.settings;
  const current = ss.getSheetByName(RULES_TAB);
  const before = beforeName(ss, clock);
  const question =
    `Make the ${rulesWord(p)} your Rules tab?\n\n` +
    (current ? `Your current Rules tab is kept as '${before}'. ` : '') +
    `Settings: Base score ${old.baseScore} → ${p.baseScore}, Hot at ${old.hotAt} → ${p.hotAt}, Warm at ${old.warmAt} → ${p.warmAt}.\n\n` +
    `To undo later: delete the new Rules tab, rename '${before}' to Rules, and set those three settings back.`;
  return { promotion: p, settings, current, before, question };
}

function rulesWord(p: Promotion): string {
  const ruleCount = p.grid.length - 1;
  return `${ruleCount} suggested rule${ruleCount === 1 ? '' : 's'}`;
}

/**
 * Use these rules: one action after one Yes (`confirm` returns false: nothing is written). The
 * menu asks with a Ui alert; the sidebar asks in its own page and passes `() => true`. Both run
 * the same promotion (promote).
 */
export function useSuggestedRules(ss: Spreadsheet, clock: Date, confirm: (question: string) => boolean): UseResult {
  const plan = planPromotion(ss, clock);
  if (!confirm(plan.question)) return { done: false, message: 'Nothing was changed.' };
  return promote(ss, plan);
}

/**
 * The promotion itself, with no question asked: the Rules tab becomes `Rules (before …)`; a new
 * Rules tab gets the suggested rule rows, Set up's dropdowns and Enabled checkboxes; Settings gets
 * Base score, Hot at, Warm at (and a Challenger rules setting naming the suggested tab now names
 * the before-tab, so the old model runs beside); the suggested tab is deleted (its rules are now Rules).
 */
export function promote(ss: Spreadsheet, plan: PromotionPlan): UseResult {
  const { promotion: p, settings, current, before } = plan;
  const old = settings.settings;
  const suggested = ss.getSheetByName(SUGGESTED_TAB);
  if (!suggested) throw new UserError(`There is no '${SUGGESTED_TAB}' tab. Run Lead scoring → Suggest rules from outcomes first.`);
  const ruleCount = p.grid.length - 1;
  const rulesWordNow = rulesWord(p);

  if (current) {
    current.setName(before);
    // The old settings beside the old rules, so undoing needs nothing remembered. One write.
    const column = current.getLastColumn() + 2;
    if (column > current.getMaxColumns()) current.insertColumnsAfter(current.getMaxColumns(), column - current.getMaxColumns());
    current
      .getRange(1, column)
      .setValue(text(`Settings before ${before}: Base score ${old.baseScore}, Hot at ${old.hotAt}, Warm at ${old.warmAt}.`));
  }
  const sheet = ss.insertSheet(RULES_TAB);
  // Text cells apostrophed again: a value such as 10..50 or 2024-01 stays the text the rule was made with.
  writeTable(sheet, ruleCells(p.grid));
  addRuleValidation(sheet);
  prefillEnabled(sheet, p.grid.length + 1);
  const challengerWasSuggested = (old.challengerRules ?? '').trim().toLowerCase() === SUGGESTED_TAB.toLowerCase();
  writeSettings(ss, settings, {
    baseScore: p.baseScore,
    hotAt: p.hotAt,
    warmAt: p.warmAt,
    ...(challengerWasSuggested && current ? { challengerRules: before } : {}),
  });
  ss.deleteSheet(suggested);
  return {
    done: true,
    before: current ? before : undefined,
    message:
      `The ${rulesWordNow} ${ruleCount === 1 ? 'is' : 'are'} now the Rules tab; Base score ${p.baseScore}, Hot at ${p.hotAt}, Warm at ${p.warmAt} are in Settings.` +
      (current ? ` Your previous rules are in '${before}'.` : '') +
      (challengerWasSuggested && current ? ` Challenger rules now names '${before}'.` : '') +
      ' Next: Score leads.',
  };
}
