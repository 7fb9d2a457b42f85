/**
 * One way through the engine (README "Scoring"): `prepareRun` reads the Settings and Rules tabs
 * once (settings parsed, rules parsed and their conditions compiled, the as-of day and time zones
 * resolved), and `scoreRows` scores any number of Leads blocks with it. Score leads, the custom
 * functions and the sidebar all go through these two, so they agree.
 */
import type { Bucket, Cell, Day, LeadScore, Problem, Settings } from './types';
import { BUCKETS } from './types';
import { parseSettings, type ParsedSettings } from './settings';
import { parseRules, type CompiledRule } from './rules';
import { dayInZone, dayOfDateArgument, readDay } from './dates';
import { bindRules, type ActivityContext, type BoundRule } from './bind';
import { parseActivity, summarizeActivity, type ActivityIndex, type ActivitySummary } from './activity';
import { scoreDetailed } from './score';
import { scoreBulk } from './bulk';
import { problemWarnings } from './why';

export interface RunInput {
  /** Settings tab values (null when there is no Settings tab: defaults). */
  settings: Cell[][] | null;
  /** Rules tab values. */
  rules: Cell[][];
  /** The clock, read by the caller: used when neither `asOf` nor the As-of setting is given. */
  today: Date;
  /** An explicit as-of date (custom function argument); wins over the setting. */
  asOf?: Date | Day | string | null;
  /** The spreadsheet's time zone, in which date cells are read; off-sheet: UTC. */
  spreadsheetTimeZone?: string;
  /**
   * Custom functions: the script's zone (Session.getScriptTimeZone()). Date arguments may arrive
   * as midnight in it rather than in the spreadsheet's zone; date-only cells are read right either way.
   */
  scriptTimeZone?: string;
}

export interface PreparedRun {
  settings: Settings;
  /** The zone that decided which day "today" is: the Time zone setting, else the spreadsheet's. */
  timeZone: string;
  asOfDay: Day;
  /** The calendar day of a date cell (or Date argument), read in the spreadsheet's zone. */
  dayOf: (d: Date) => Day | null;
  /** The valid rules, conditions compiled, in tab order. */
  rules: CompiledRule[];
  /** Settings and Rules problems, in tab order. */
  problems: Problem[];
  /** Valid rows in the Rules tab. */
  rulesParsed: number;
  /** Where each setting sits in the Settings tab, for writing a value back (sidebar thresholds). */
  settingsLayout: Pick<ParsedSettings, 'rows' | 'valueColumn' | 'nameColumn'>;
  /** Sheet row of the Rules header (0 when none was found). */
  rulesHeaderRow: number;
}

export interface Leads {
  /** The Leads header row. */
  headers: Cell[];
  /** The data rows under it. */
  rows: Cell[][];
  /** Sheet row of rows[0]. */
  firstRow: number;
  /**
   * The Activity tab's values (README "Activity"): read only when a rule's Field is `Activity: …`;
   * null when there is no such tab; absent when the caller did not read it (activity rules are then
   * reported, not scored).
   */
  activity?: Cell[][] | null;
}

export interface ScoredRows {
  /** One per data row; null for a blank row. */
  leads: Array<LeadScore | null>;
  /** The run's problems, then those found binding the rules to this header row (unknown fields, column kinds, duplicate headers). */
  problems: Problem[];
  counts: Record<Bucket, number>;
  /** Rules that survived binding and were applied. */
  rulesApplied: number;
  /** The Activity join (orphan events, duplicate lead keys) when a rule used activity; else null. */
  activity: ActivitySummary | null;
}

/** True when a rule's Field is `Activity: …`, so the Activity tab must be read (one read, README "Activity"). */
export function usesActivity(run: Pick<PreparedRun, 'rules'>): boolean {
  return run.rules.some((r) => r.activityName !== undefined);
}

/**
 * Binds the run's rules to a Leads block, events included: the Activity grid is parsed once here
 * (when a rule uses it) and its bad rows join the problems. Every Why gets the Rules/Settings
 * warnings, not the Activity rows' (those are listed in the report, like lead issues).
 */
/** The run's rules bound to a block of leads (and its Activity events, when a rule uses them). */
export function bindRun(run: PreparedRun, leads: Leads) {
  let context: ActivityContext | undefined;
  let index: ActivityIndex | null = null;
  if (usesActivity(run) && leads.activity !== undefined) {
    const sheet = run.settings.activitySheet;
    index = leads.activity ? parseActivity(leads.activity, run.dayOf, sheet) : null;
    context = { index, sheet, leadKeyColumn: run.settings.leadKeyColumn };
  }
  const bound = bindRules(run.rules, leads.headers, leads.rows, leads.firstRow, run.dayOf, context);
  const problems = [...run.problems, ...bound.problems];
  const warning = problemWarnings(problems);
  let summary: ActivitySummary | null = null;
  const first = bound.rules.find((r) => r.activity);
  if (index && first?.activity) {
    problems.push(...index.problems);
    summary = summarizeActivity(index, leads.rows, first.activity.keyCol, leads.firstRow, run.settings.leadKeyColumn);
  }
  return { rules: bound.rules, problems, warning, summary };
}

/** Which day "today" is: the Time zone setting, else the spreadsheet's zone, else UTC (README "The Settings tab"). */
export function resolveTimeZone(settings: Settings, spreadsheetTimeZone?: string): string {
  return settings.timeZone ?? spreadsheetTimeZone ?? 'UTC';
}

/** Explicit as-of (read like a date cell) > the As-of setting > today (in the Time zone setting's zone). */
export function resolveAsOf(
  asOf: RunInput['asOf'],
  settings: Settings,
  today: Date,
  dayOf: (d: Date) => Day | null,
  todayOf: (d: Date) => Day | null,
): Day {
  if (typeof asOf === 'number') return asOf;
  if (asOf) {
    const r = readDay(asOf, dayOf);
    if (r.kind === 'day') return r.day;
  }
  return settings.asOf ?? todayOf(today) ?? Math.floor(today.getTime() / 86_400_000);
}

export function prepareRun(input: RunInput): PreparedRun {
  // Date cells (and Date arguments) are wall-clock times in the spreadsheet's zone: every date is
  // read there. The Time zone setting only decides which day "today" is (README "The Rules tab", Ages).
  const sheetZone = input.spreadsheetTimeZone ?? 'UTC';
  const dayOf = input.scriptTimeZone ? dayOfDateArgument(sheetZone, input.scriptTimeZone) : dayInZone(sheetZone);
  const parsedSettings = parseSettings(input.settings, dayOf);
  const settings = parsedSettings.settings;
  const timeZone = resolveTimeZone(settings, sheetZone);
  const asOfDay = resolveAsOf(input.asOf, settings, input.today, dayOf, dayInZone(timeZone));
  const parsedRules = parseRules(input.rules, dayOf);
  const { rows, valueColumn, nameColumn } = parsedSettings;
  return {
    settings,
    timeZone,
    asOfDay,
    dayOf,
    rules: parsedRules.rules,
    problems: [...parsedSettings.problems, ...parsedRules.problems],
    rulesParsed: parsedRules.rules.length,
    settingsLayout: { rows, valueColumn, nameColumn },
    rulesHeaderRow: parsedRules.headerRow,
  };
}

/**
 * Scores a Leads block with a prepared run. `keepContributions` keeps each lead's per-rule
 * contributions (the sidebar's Explain, LEADSCORE_DETAILS); without it (Score leads, the score
 * columns) the columnar bulk path gives the same totals and Why with no contributions.
 */
export function scoreRows(run: PreparedRun, leads: Leads, opts: { keepContributions?: boolean } = {}): ScoredRows {
  return scoreBoundRows(run, leads, bindRun(run, leads), opts);
}

/** scoreRows with the rules already bound to `leads` (bindRun), for a caller that needs them again (the forecast). */
export function scoreBoundRows(
  run: PreparedRun,
  leads: Leads,
  bound: ReturnType<typeof bindRun>,
  opts: { keepContributions?: boolean } = {},
): ScoredRows {
  const { problems, warning } = bound;
  const score = opts.keepContributions ? scoreDetailed : scoreBulk;
  const scored = score(bound.rules, leads.rows, leads.firstRow, run.settings, run.asOfDay, run.dayOf, warning);
  const counts = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
  for (const lead of scored) if (lead) counts[lead.bucket]++;
  return { leads: scored, problems, counts, rulesApplied: bound.rules.length, activity: bound.summary };
}

/**
 * Scores each row as of its own day (null: the run's as-of day): the backtest scores a decided lead
 * as of its outcome date, so later activity cannot leak into its score (README "Does the score
 * work?"). Rules are bound once to the whole block, as scoreRows binds them; rows sharing a day are
 * scored together by the same scoring function, so a lead scores exactly what scoreRows gives it
 * with that as-of day. Also returns the bound rules (the backtest's per-rule figures use them).
 */
export function scoreRowsAsOf(
  run: PreparedRun,
  leads: Leads,
  days: Array<Day | null>,
  opts: { keepContributions?: boolean } = {},
): ScoredRows & { bound: BoundRule[] } {
  const bound = bindRun(run, leads);
  const { problems, warning } = bound;
  const score = opts.keepContributions ? scoreDetailed : scoreBulk;
  const groups = new Map<Day, number[]>();
  leads.rows.forEach((_, i) => {
    const day = days[i] ?? run.asOfDay;
    let g = groups.get(day);
    if (!g) groups.set(day, (g = []));
    g.push(i);
  });
  const scored: Array<LeadScore | null> = new Array(leads.rows.length).fill(null);
  for (const [day, rows] of groups) {
    const out = score(
      bound.rules,
      rows.map((i) => leads.rows[i]),
      0,
      run.settings,
      day,
      run.dayOf,
      warning,
    );
    out.forEach((lead, k) => {
      if (!lead) return;
      lead.row = leads.firstRow + rows[k];
      scored[rows[k]] = lead;
    });
  }
  const counts = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
  for (const lead of scored) if (lead) counts[lead.bucket]++;
  return { leads: scored, problems, counts, rulesApplied: bound.rules.length, bound: bound.rules, activity: bound.summary };
}

/** prepareRun and scoreRows in one call (one Leads block). */
export interface ModelInput extends RunInput, Leads {
  /** Keep per-rule contributions on each lead (default true; bulk scoring turns it off). */
  keepContributions?: boolean;
}

export interface ModelRun extends ScoredRows {
  settings: Settings;
  timeZone: string;
  asOfDay: Day;
  rulesParsed: number;
}

export function runModel(input: ModelInput): ModelRun {
  const run = prepareRun(input);
  const scored = scoreRows(run, input, { keepContributions: input.keepContributions !== false });
  return { settings: run.settings, timeZone: run.timeZone, asOfDay: run.asOfDay, rulesParsed: run.rulesParsed, ...scored };
}
