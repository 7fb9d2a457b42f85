import {
  checkThresholds,
  normalizeColour,
  dayToIso,
  roundPoints,
  contributionDetail,
  formatNumber,
  isBlank,
  normalizeKey,
  type LeadScore,
  type Settings,
} from '../engine';
import type { Explanation, Overview, ProblemView, SaveThresholdsResult, ScoreReport, Thresholds } from '../shared/types';
import { readSettings, writeSettings } from '../sheets/settingsTab';
import { RULES_TAB, SETTINGS_TAB, UserError } from '../sheets/tabs';
import { scoreSheet, scoreInMemory, problemView } from '../scoring/scoreSheet';
import { loadLastRun } from '../scoring/lastRun';
import { backtestInMemory } from '../backtest/backtestSheet';
import type { BacktestView } from '../shared/types';
import { loadWhatIf, saveWhatIf } from './whatif';
import { getSuggestion, useSuggestion, writeSuggestion } from './suggest';
import { getRunChanges } from './changes';
import { dailyRescoreStatus, setDailyRescore } from '../triggers/daily';
import { automationApi } from '../alerts/switches';
import { getAccounts, scoreAccountsNow } from './accounts';
import { openExportSqlDialog } from '../sql/exportSql';

/*
 * The server side of the sidebar. Every function takes and returns plain JSON (google.script.run
 * refuses Date), and reports user-facing failures as { ok: false, error } instead of throwing, so
 * the page can show them in words.
 */

const EMPTY_COUNTS = { Hot: 0, Warm: 0, Cold: 0, Disqualified: 0 };

function message(e: unknown): string {
  return e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
}

function failedReport(e: unknown): ScoreReport {
  return { ok: false, error: message(e), counts: { ...EMPTY_COUNTS }, leads: 0, problems: [], scoredAt: '', asOf: '', ms: 0 };
}

export function getOverview(): Overview {
  const settings = readSettings(SpreadsheetApp.getActiveSpreadsheet()).settings;
  const last = loadLastRun();
  return {
    scored: last !== null,
    counts: last?.counts ?? { ...EMPTY_COUNTS },
    histogram: last?.histogram ?? new Array(10).fill(0),
    maxScore: settings.maxScore,
    hotAt: settings.hotAt,
    warmAt: settings.warmAt,
    lastScoredAt: last?.scoredAt ?? null,
    lastAsOf: last?.asOf ?? null,
    problems: last?.problems ?? 0,
    colours: { ...settings.colours },
  };
}

export function scoreNow(): ScoreReport {
  try {
    return scoreSheet(SpreadsheetApp.getActiveSpreadsheet(), new Date());
  } catch (e) {
    return failedReport(e);
  }
}

export function getThresholds(): Thresholds {
  const s = readSettings(SpreadsheetApp.getActiveSpreadsheet()).settings;
  return { hotAt: s.hotAt, warmAt: s.warmAt, maxScore: s.maxScore, colours: { ...s.colours } };
}

/** Validates first (nothing is written on bad input), then writes the Settings tab and re-scores. */
export function saveThresholds(input: Thresholds): SaveThresholdsResult {
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const current = readSettings(ss);
    const error = checkThresholds(input?.hotAt, input?.warmAt, current.settings.maxScore);
    if (error) return { ok: false, error };
    const colours: Record<string, string> = {};
    for (const key of ['hot', 'warm', 'cold', 'disqualified'] as const) {
      const c = normalizeColour(String(input.colours?.[key] ?? ''));
      if (!c) return { ok: false, error: `The ${key} colour '${String(input.colours?.[key] ?? '')}' is not a colour; use #rrggbb.` };
      colours[key] = c;
    }
    if (!ss.getSheetByName(SETTINGS_TAB)) return { ok: false, error: `There is no '${SETTINGS_TAB}' tab. Run Set up scoring first.` };
    writeSettings(ss, current, {
      hotAt: Number(input.hotAt),
      warmAt: Number(input.warmAt),
      hotColour: colours.hot,
      warmColour: colours.warm,
      coldColour: colours.cold,
      disqualifiedColour: colours.disqualified,
    });
    return { ok: true, report: scoreSheet(ss, new Date()) };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

/** Rules health: the problems a run would report now, without writing anything. */
export function getRuleProblems(): ProblemView[] {
  try {
    // Rules switched off (an unticked Enabled box) are listed too, so they can't be missed.
    const scored = scoreInMemory(SpreadsheetApp.getActiveSpreadsheet(), new Date());
    return [...scored.run.problems.map(problemView), ...scored.notices.filter((n) => n.tab === 'Rules')];
  } catch (e) {
    return [{ tab: 'Rules', row: 0, column: '', columnIndex: 0, message: message(e) }];
  }
}

/** Selects the cell a problem points at, so the user lands on it. */
export function selectProblemCell(tab: string, row: number, column: number): boolean {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const name =
    tab === 'Leads'
      ? readSettings(ss).settings.leadsSheet
      : tab === 'Activity' // README "Activity": bad event rows point into the Activity tab (its name is a setting)
        ? readSettings(ss).settings.activitySheet.trim()
        : tab === 'Settings'
          ? SETTINGS_TAB
          : RULES_TAB;
  const sheet = ss.getSheetByName(name);
  if (!sheet || !(row >= 1)) return false;
  sheet.activate();
  sheet.getRange(row, Math.max(1, column || 1)).activate();
  return true;
}

function titleOf(headers: unknown[], cells: unknown[]): string {
  for (const name of ['name', 'fullname', 'company', 'email']) {
    const i = headers.findIndex((h) => normalizeKey(h as string) === name);
    if (i >= 0 && !isBlank(cells[i] as string)) return String(cells[i]);
  }
  return '';
}

function nextStep(lead: LeadScore, hotAt: number, warmAt: number): string {
  if (lead.bucket === 'Disqualified') return `Disqualified by ${lead.disqualifiedBy.join(', ')}: no points change that.`;
  if (lead.bucket === 'Hot') return `Hot with ${lead.score - hotAt} point${lead.score - hotAt === 1 ? '' : 's'} to spare.`;
  if (lead.bucket === 'Warm') return `Needs +${hotAt - lead.score} for Hot.`;
  return `Needs +${warmAt - lead.score} for Warm (+${hotAt - lead.score} for Hot).`;
}

/** The Max fit / Max behaviour caps that bit, in the words Why uses. */
function categoryCaps(lead: LeadScore, settings: Settings): string[] {
  const caps: string[] = [];
  if (settings.maxFit !== null && lead.fitUncapped > settings.maxFit) {
    caps.push(`Fit capped at ${formatNumber(settings.maxFit)} (from ${formatNumber(lead.fitUncapped)})`);
  }
  if (settings.maxBehaviour !== null && lead.behaviourUncapped > settings.maxBehaviour) {
    caps.push(`Behaviour capped at ${formatNumber(settings.maxBehaviour)} (from ${formatNumber(lead.behaviourUncapped)})`);
  }
  const raw = lead.fit + lead.behaviour + lead.negative;
  if (lead.bucket !== 'Disqualified' && raw > settings.maxScore)
    caps.push(`Score capped at ${formatNumber(settings.maxScore)} (from ${formatNumber(raw)})`);
  return caps;
}

/** Explains the lead on the selected row of the Leads tab (or `row`, when given). */
export function explainLead(row?: number): Explanation {
  const empty = (error: string): Explanation => ({
    ok: false,
    error,
    row: row ?? 0,
    title: '',
    base: 0,
    fit: 0,
    behaviour: 0,
    negative: 0,
    score: 0,
    bucket: 'Cold',
    grade: 'D',
    why: '',
    contributions: [],
    disqualifiedBy: [],
    issues: [],
    caps: [],
    nextStep: '',
    asOf: '',
    hotAt: 0,
    warmAt: 0,
    maxScore: 0,
  });
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { block, run } = scoreInMemory(ss, new Date());
    let target = row;
    if (target === undefined || target === null) {
      const range = ss.getActiveRange();
      if (!range || range.getSheet().getName() !== block.sheet.getName()) {
        return empty(`Select a lead's row in the '${block.sheet.getName()}' tab.`);
      }
      target = range.getRow();
    }
    const lead = run.leads[target - block.firstRow];
    if (target < block.firstRow || !lead) return empty(`Row ${target} is not a lead. Select a row below the headers with data in it.`);
    return {
      ok: true,
      row: target,
      title: titleOf(block.headers, block.rows[target - block.firstRow]),
      base: run.settings.baseScore,
      fit: lead.fit,
      behaviour: lead.behaviour,
      negative: lead.negative,
      score: lead.score,
      bucket: lead.bucket,
      grade: lead.grade,
      why: lead.why,
      // Already largest first: the engine orders them as Why does.
      contributions: lead.contributions.map((c) => ({
        ruleRow: c.ruleRow,
        category: c.category,
        label: c.label,
        points: roundPoints(c.points * 10) / 10,
        base: roundPoints(c.base * 10) / 10,
        uncapped: roundPoints(c.uncapped * 10) / 10,
        capped: c.capped,
        ageDays: c.ageDays,
        halfLifeDays: c.halfLifeDays,
        expired: c.expired,
        noDate: c.noDate,
        note: c.note,
        count: c.count,
        detail: contributionDetail(c).trim(),
      })),
      disqualifiedBy: lead.disqualifiedBy,
      issues: lead.issues,
      caps: categoryCaps(lead, run.settings),
      nextStep: nextStep(lead, run.settings.hotAt, run.settings.warmAt),
      asOf: dayToIso(run.asOfDay),
      hotAt: run.settings.hotAt,
      warmAt: run.settings.warmAt,
      maxScore: run.settings.maxScore,
    };
  } catch (e) {
    return empty(message(e));
  }
}

/**
 * "Does the score work?": the backtest's figures (README "Does the score work?"), read-only.
 * `capacityPerWeek` is the follow-up capacity for the capacity suggestion (default 20 a week).
 */
export function getBacktest(capacityPerWeek?: number): BacktestView {
  try {
    const n = Number(capacityPerWeek);
    return backtestInMemory(SpreadsheetApp.getActiveSpreadsheet(), new Date(), Number.isFinite(n) && n > 0 ? n : undefined);
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

/**
 * Applies a threshold suggestion the user chose with the Apply button: validated like Save, then
 * written to the Settings tab (the single source of truth) and every lead re-scored. The page
 * says what was written; nothing is applied without that click.
 */
export function applyThresholdSuggestion(hotAt: number, warmAt: number): SaveThresholdsResult {
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const current = readSettings(ss);
    const error = checkThresholds(hotAt, warmAt, current.settings.maxScore);
    if (error) return { ok: false, error };
    if (!ss.getSheetByName(SETTINGS_TAB)) return { ok: false, error: `There is no '${SETTINGS_TAB}' tab. Run Set up scoring first.` };
    writeSettings(ss, current, { hotAt: Number(hotAt), warmAt: Number(warmAt) });
    return { ok: true, report: scoreSheet(ss, new Date()) };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

/** Everything the page may call, by name: the typed RPC module derives its types from this object. */
export const sidebarApi = {
  getOverview,
  scoreNow,
  getThresholds,
  saveThresholds,
  getRuleProblems,
  selectProblemCell,
  explainLead,
  getBacktest,
  applyThresholdSuggestion,
  loadWhatIf,
  saveWhatIf,
  getSuggestion,
  writeSuggestion,
  useSuggestion,
  // Changes since last run, Going cold soon and the Rescore every day switch (src/sidebar-api/changes.ts).
  getRunChanges,
  getDailyRescore: dailyRescoreStatus,
  setDailyRescore,
  ...automationApi,
  getAccounts,
  scoreAccountsNow,
  openExportSqlDialog,
};
export type SidebarApi = typeof sidebarApi;
