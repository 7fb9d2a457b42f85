import type { Bucket, Cell, Day, LeadScore, Problem, Settings } from './types';
import { parseSettings } from './settings';
import { parseRules } from './rules';
import { scoreLeads, OUTPUT_HEADERS } from './score';
import { dayInZone, readDay } from './dates';

/**
 * The whole model in one call: Settings → time zone and as-of day → Rules → scores.
 * Score leads, the custom functions and the sidebar all go through here, so they agree
 * (DESIGN §3: the same tabs and as-of date give the same output everywhere).
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
  /** The spreadsheet's time zone; the Time zone setting wins; off-sheet: UTC. */
  spreadsheetTimeZone?: string;
  /** Keep per-rule contributions on each lead (default true; bulk scoring turns it off). */
  keepContributions?: boolean;
}

export interface ModelRun {
  settings: Settings;
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

export function resolveTimeZone(settings: Settings, spreadsheetTimeZone?: string): string {
  return settings.timeZone ?? spreadsheetTimeZone ?? 'UTC';
}

export function runModel(input: ModelInput): ModelRun {
  // Settings dates (As-of) need a zone, and the zone is itself a setting: read it first in the sheet's zone.
  const sheetZone = input.spreadsheetTimeZone ?? 'UTC';
  const first = parseSettings(input.settings, dayInZone(sheetZone));
  const timeZone = resolveTimeZone(first.settings, sheetZone);
  const dayOf = dayInZone(timeZone);
  const parsedSettings = timeZone === sheetZone ? first : parseSettings(input.settings, dayOf);
  const settings = parsedSettings.settings;
  const asOfDay = resolveAsOf(input.asOf, settings, input.today, dayOf);
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

function resolveAsOf(asOf: ModelInput['asOf'], settings: Settings, today: Date, dayOf: (d: Date) => Day | null): Day {
  if (typeof asOf === 'number') return asOf;
  if (asOf) {
    const r = readDay(asOf, dayOf);
    if (r.kind === 'day') return r.day;
  }
  return settings.asOf ?? dayOf(today) ?? Math.floor(today.getTime() / 86_400_000);
}

/** The output cells of one lead, in OUTPUT_HEADERS order (blank row → blanks). */
export function outputRow(lead: LeadScore | null, scoredAt: Date | string): Cell[] {
  if (!lead) return OUTPUT_HEADERS.map(() => '');
  return [lead.fit, lead.behaviour, lead.negative, lead.score, lead.bucket, lead.grade, lead.why, scoredAt];
}
