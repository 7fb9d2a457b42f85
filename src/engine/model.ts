import type { Bucket, Cell, Day, LeadScore, Problem, Settings } from './types';
import { parseSettings } from './settings';
import { parseRules } from './rules';
import { scoreLeads, OUTPUT_HEADERS } from './score';
import { dayInZone, dayOfDateArgument, readDay } from './dates';

/**
 * The whole model in one call: Settings → time zone and as-of day → Rules → scores.
 * Score leads, the custom functions and the sidebar all go through here, so they agree
 * (README "Scoring": the same tabs and as-of date give the same output everywhere).
 */
export interface ModelInput {
  /** Settings tab values (null when there is no Settings tab: defaults). */
  settings: Cell[][] | null;
  /** Rules tab values. */
  rules: Cell[][];
  headers: Cell[];
  rows: Cell[][];
  firstRow: number;
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
  /** Keep per-rule contributions on each lead (default true; bulk scoring turns it off). */
  keepContributions?: boolean;
}

export interface ModelRun {
  settings: Settings;
  /** The zone that decided which day "today" is: the Time zone setting, else the spreadsheet's. */
  timeZone: string;
  asOfDay: Day;
  leads: Array<LeadScore | null>;
  /** Settings, Rules and binding problems, in tab order. */
  problems: Problem[];
  counts: Record<Bucket, number>;
  /** Valid rows in the Rules tab, and how many of them could be applied to this header row. */
  rulesParsed: number;
  rulesApplied: number;
}

/** Which day "today" is: the Time zone setting, else the spreadsheet's zone, else UTC (README "Settings"). */
export function resolveTimeZone(settings: Settings, spreadsheetTimeZone?: string): string {
  return settings.timeZone ?? spreadsheetTimeZone ?? 'UTC';
}

export function runModel(input: ModelInput): ModelRun {
  // Date cells (and Date arguments) are wall-clock times in the spreadsheet's zone: every date is
  // read there. The Time zone setting only decides which day "today" is (README "The Rules tab", Ages).
  const sheetZone = input.spreadsheetTimeZone ?? 'UTC';
  const dayOf = input.scriptTimeZone ? dayOfDateArgument(sheetZone, input.scriptTimeZone) : dayInZone(sheetZone);
  const parsedSettings = parseSettings(input.settings, dayOf);
  const settings = parsedSettings.settings;
  const timeZone = resolveTimeZone(settings, sheetZone);
  const todayOf = dayInZone(timeZone);
  const asOfDay = resolveAsOf(input.asOf, settings, input.today, dayOf, todayOf);
  const parsedRules = parseRules(input.rules, dayOf);
  const earlier = [...parsedSettings.problems, ...parsedRules.problems];
  const result = scoreLeads({
    settings, rules: parsedRules.rules, headers: input.headers, rows: input.rows, firstRow: input.firstRow,
    asOfDay, dayOf, earlierProblems: earlier, keepContributions: input.keepContributions,
  });
  return {
    settings, timeZone, asOfDay, leads: result.leads, problems: [...earlier, ...result.problems], counts: result.counts,
    rulesParsed: parsedRules.rules.length, rulesApplied: result.rulesApplied,
  };
}

/** Explicit as-of (read like a date cell) > the As-of setting > today (in the Time zone setting's zone). */
export function resolveAsOf(
  asOf: ModelInput['asOf'], settings: Settings, today: Date,
  dayOf: (d: Date) => Day | null, todayOf: (d: Date) => Day | null,
): Day {
  if (typeof asOf === 'number') return asOf;
  if (asOf) {
    const r = readDay(asOf, dayOf);
    if (r.kind === 'day') return r.day;
  }
  return settings.asOf ?? todayOf(today) ?? Math.floor(today.getTime() / 86_400_000);
}

/** The output cells of one lead, in OUTPUT_HEADERS order (blank row → blanks). */
export function outputRow(lead: LeadScore | null, scoredAt: Date | string): Cell[] {
  if (!lead) return OUTPUT_HEADERS.map(() => '');
  return [lead.fit, lead.behaviour, lead.negative, lead.score, lead.bucket, lead.grade, lead.why, scoredAt];
}
