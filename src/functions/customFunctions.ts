import {
  prepareRun,
  scoreRows,
  usesActivity,
  readDay,
  dayOfDateArgument,
  dayInZone,
  parseSettings,
  resolveAsOf,
  resolveTimeZone,
  DEFAULT_SETTINGS,
  bucketFor,
  decay,
  toNumber,
  isBlank,
  type Cell,
  type ModelRun,
  type Leads,
} from '../engine';
import { RULES_TAB, SETTINGS_TAB, readAll } from '../sheets/tabs';
import { resultRow } from '../sheets/outputColumns';

/*
 * Custom functions run with read-only access and no authorisation; each formula cell is one
 * server call, so every function takes whole ranges and returns a column (one call for 10,000
 * rows). Errors are thrown as `Error('NAME: problem')`, which Sheets shows like a native #ERROR!.
 */

export type Arg = Cell | Cell[][];

export function fail(fn: string, message: string): never {
  throw new Error(`${fn}: ${message}`);
}

/** A range argument as a grid: Sheets passes a one-cell range as a plain value. */
export function asGrid(value: Arg): Cell[][] {
  return Array.isArray(value) ? value : [[value]];
}

export function headerRow(fn: string, headers: Arg): Cell[] {
  if (headers === undefined) fail(fn, 'the header row is missing; pass it first, e.g. Leads!A1:T1.');
  const grid = asGrid(headers);
  if (grid.length !== 1) fail(fn, `headers must be one row (e.g. Leads!A1:T1), not ${grid.length} rows.`);
  if (grid[0].every(isBlank)) fail(fn, 'the header row is blank.');
  return grid[0];
}

/** The as-of argument: blank = today; a date (TODAY(), DATE(…), a date cell) or ISO text. */
export function asOfArg(fn: string, value: Arg): Date | string | null {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) {
    if (value.length === 1 && value[0].length === 1) return asOfArg(fn, value[0][0]);
    fail(fn, 'as_of must be one date, not a range.');
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(fn, 'as_of is not a valid date.');
    return value;
  }
  if (typeof value === 'string' && readDay(value, () => null).kind === 'day') return value;
  fail(fn, `as_of '${String(value)}' is not a date. Use TODAY(), DATE(2026,3,31) or a date cell.`);
}

function spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** The zones Date arguments may be in: the spreadsheet's and the script's (see dayOfDateArgument). */
export function zones(): { spreadsheetTimeZone: string; scriptTimeZone: string } {
  return { spreadsheetTimeZone: spreadsheet().getSpreadsheetTimeZone(), scriptTimeZone: Session.getScriptTimeZone() };
}

function dateArgumentReader(): (d: Date) => number | null {
  const z = zones();
  return dayOfDateArgument(z.spreadsheetTimeZone, z.scriptTimeZone);
}

/** A tab passed as a range argument (recalculates on edit), else read from the tab. */
export function tabArg(fn: string, value: Arg, tab: string, required: boolean): Cell[][] | null {
  if (value !== undefined && value !== '' && value !== null) {
    const grid = asGrid(value);
    if (grid.length < 2) fail(fn, `the ${tab.toLowerCase()} range must include its header row and at least one row, e.g. ${tab}!A1:M40.`);
    return grid;
  }
  const sheet = spreadsheet().getSheetByName(tab);
  if (!sheet) {
    if (required) fail(fn, `there is no ${tab} tab. Run Set up scoring, or pass the rules range.`);
    return null;
  }
  return readAll(sheet);
}

/** The header row and the leads of a lead function's first two arguments, the same width. */
export function leadArgs(fn: string, headers: Arg, leads: Arg): { header: Cell[]; rows: Cell[][] } {
  const header = headerRow(fn, headers);
  if (leads === undefined) fail(fn, 'the leads range is missing; pass it second, e.g. Leads!A2:T500.');
  const rows = asGrid(leads);
  if (rows[0].length !== header.length) {
    fail(
      fn,
      `the leads range is ${rows[0].length} column${rows[0].length > 1 ? 's' : ''} wide but the header row has ${header.length}. Use the same columns, e.g. A1:T1 and A2:T500.`,
    );
  }
  return { header, rows };
}

function runFor(fn: string, headers: Arg, leads: Arg, asOf: Arg, rules: Arg, settings: Arg, activity?: Arg): ModelRun {
  const { header, rows } = leadArgs(fn, headers, leads);
  const when = asOfArg(fn, asOf);
  const rulesGrid = tabArg(fn, rules, RULES_TAB, true)!;
  const settingsGrid = tabArg(fn, settings, SETTINGS_TAB, false);
  // prepareRun + scoreRows (what runModel does), so the Activity tab is read only when a rule needs it.
  const prepared = prepareRun({ settings: settingsGrid, rules: rulesGrid, today: new Date(), asOf: when, ...zones() });
  const input: Leads = { headers: header, rows, firstRow: 1 };
  // README "Activity": the activity range argument, else the Activity tab, as Score leads reads it.
  if (usesActivity(prepared)) input.activity = tabArg(fn, activity, prepared.settings.activitySheet.trim(), false);
  const scored = scoreRows(prepared, input, { keepContributions: false });
  const run: ModelRun = {
    settings: prepared.settings,
    timeZone: prepared.timeZone,
    asOfDay: prepared.asOfDay,
    rulesParsed: prepared.rulesParsed,
    ...scored,
  };
  // Every rule pointing at a missing column means the wrong header row was passed: say so.
  if (run.rulesParsed > 0 && run.rulesApplied === 0) {
    const missing = run.problems.find((p) => p.tab === 'Rules' && p.column === 'Field');
    const name = missing ? /^'([^']*)'/.exec(missing.reason)?.[1] : undefined;
    if (name) fail(fn, `no column '${name}' in the header row. Pass the Leads header row first, e.g. Leads!A1:T1.`);
  }
  return run;
}

/** Scores per row; blank rows stay blank. */
export function LEADSCORE(headers: Arg, leads: Arg, asOf?: Arg, rules?: Arg, settings?: Arg, activity?: Arg): Cell[][] {
  return runFor('LEADSCORE', headers, leads, asOf, rules, settings, activity).leads.map((l) => [l ? l.score : '']);
}

/** Fit, Behaviour, Negative, Score, Bucket, Grade, Why per row, spilled as seven columns. */
export function LEADSCORE_DETAILS(headers: Arg, leads: Arg, asOf?: Arg, rules?: Arg, settings?: Arg, activity?: Arg): Cell[][] {
  return runFor('LEADSCORE_DETAILS', headers, leads, asOf, rules, settings, activity).leads.map(resultRow);
}

export function LEADSCORE_WHY(headers: Arg, leads: Arg, asOf?: Arg, rules?: Arg, settings?: Arg, activity?: Arg): Cell[][] {
  return runFor('LEADSCORE_WHY', headers, leads, asOf, rules, settings, activity).leads.map((l) => [l ? l.why : '']);
}

/** Hot / Warm / Cold for a score (or a column of scores), by the Settings thresholds. */
export function LEADSCORE_BUCKET(score: Arg, settings?: Arg): Cell | Cell[][] {
  const fn = 'LEADSCORE_BUCKET';
  if (score === undefined) fail(fn, 'the score is missing.');
  const grid = tabArg(fn, settings, SETTINGS_TAB, false);
  const s = parseSettings(grid, dateArgumentReader()).settings;
  const one = (v: Cell, where: string): Cell => {
    if (isBlank(v)) return '';
    const n = toNumber(v);
    if (n === null) fail(fn, `'${String(v)}'${where} is not a score.`);
    return bucketFor(n, s);
  };
  if (!Array.isArray(score)) return one(score, '');
  return score.map((row, r) => row.map((v, c) => one(v, ` (row ${r + 1}, column ${c + 1} of the range)`)));
}

/** points × 0.5^(age / half-life); age in whole days from the event date to as-of (blank: today). */
export function LEADSCORE_DECAY(points: Arg, eventDate: Arg, halfLifeDays: Arg, asOf?: Arg): Cell | Cell[][] {
  const fn = 'LEADSCORE_DECAY';
  const halfLife = Array.isArray(halfLifeDays) ? NaN : toNumber(halfLifeDays as Cell);
  if (halfLife === null || !(halfLife > 0)) fail(fn, `half_life_days must be a number of days above 0 (got '${String(halfLifeDays)}').`);
  const z = zones();
  const dayOf = dayOfDateArgument(z.spreadsheetTimeZone, z.scriptTimeZone);
  // The same as-of rule as every other entry point: as_of, else the As-of setting, else today in
  // the Time zone setting's zone (README "Custom functions").
  const when = asOfArg(fn, asOf);
  const settings = when === null ? parseSettings(tabArg(fn, '', SETTINGS_TAB, false), dayOf).settings : DEFAULT_SETTINGS;
  const asOfDay = resolveAsOf(when, settings, new Date(), dayOf, dayInZone(resolveTimeZone(settings, z.spreadsheetTimeZone)));
  const one = (p: Cell, d: Cell): Cell => {
    if (isBlank(p)) return '';
    const n = toNumber(p);
    if (n === null) fail(fn, `points '${String(p)}' is not a number.`);
    const reading = readDay(d, dayOf);
    if (reading.kind === 'blank') return n; // no date: no decay, as in the Rules tab
    if (reading.kind === 'invalid') fail(fn, `event_date '${String(d)}' is not a date.`);
    return decay(n, Math.max(0, asOfDay - reading.day), halfLife);
  };
  if (!Array.isArray(points) && !Array.isArray(eventDate)) return one(points as Cell, eventDate as Cell);
  const pg = asGrid(points as Arg);
  const dg = asGrid(eventDate as Arg);
  const rows = Math.max(pg.length, dg.length);
  const cols = Math.max(pg[0].length, dg[0].length);
  const pick = (g: Cell[][], r: number, c: number): Cell => (g.length === 1 && g[0].length === 1 ? g[0][0] : g[r]?.[c]);
  if (
    (pg.length > 1 || pg[0].length > 1) &&
    (dg.length > 1 || dg[0].length > 1) &&
    (pg.length !== dg.length || pg[0].length !== dg[0].length)
  ) {
    fail(fn, 'points and event_date ranges must have the same size.');
  }
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => one(pick(pg, r, c), pick(dg, r, c))));
}
