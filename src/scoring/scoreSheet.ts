import {
  prepareRun,
  bindRun,
  scoreRows,
  scoreBoundRows,
  dayToIso,
  challengerProblems,
  challengerTabProblem,
  type Bucket,
  type Cell,
  type ModelRun,
  type PreparedRun,
  type Problem,
  type LeadScore,
  type Leads,
  type BoundRule,
} from '../engine';
import type { RunChanges } from '../engine/changes';
import { recordChanges } from '../history/runChanges';
import { compactChanges } from '../history/compact';
import type { ProblemView, ScoreReport } from '../shared/types';
import { RULES_TAB, UserError } from '../sheets/tabs';
import { readSettingsGrid } from '../sheets/settingsTab';
import { readRules, rowList } from '../sheets/rulesTab';
import {
  readLeads,
  readOwnedColumns,
  planOutputColumns,
  writeScores,
  inputRows,
  inputHeaders,
  type ConflictChoice,
  type LeadsBlock,
  type OutputConflict,
  type OutputPlan,
} from '../sheets/leadsTab';
import { applyBucketColours } from '../sheets/colours';
import { outputIndex } from '../sheets/outputColumns';
import { saveLastRun } from './lastRun';
import { readActivity, activityNoticeViews } from '../activity/activityTab';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function problemView(p: Problem): ProblemView {
  return { tab: p.tab, row: p.row, column: p.column, columnIndex: p.columnIndex, message: p.message };
}

export interface ScoredSheet {
  block: LeadsBlock;
  plan: OutputPlan;
  run: ModelRun;
  /** The challenger's scores, one per data row, when one was scored (README "Challenger"). */
  challenger: Array<LeadScore | null> | null;
  /** Things the user should know that are not problems: rules switched off, columns decided. */
  notices: ProblemView[];
  /** The prepared run and the Leads block as the engine saw it (Changes since last run, the forecast). */
  prepared?: PreparedRun;
  leads?: Leads;
  /** The rules as bound to `leads` (the forecast scores later days with them). */
  bound?: BoundRule[];
}

export interface ScoreOptions {
  /** Keep per-rule contributions (Explain needs them; bulk runs don't). */
  keepContributions?: boolean;
  /** A run that writes: migrations may write too (Enabled boxes). Read-only paths leave it false. */
  writes?: boolean;
  /**
   * Asks the user what to do with columns named like an output that the add-on did not create.
   * Absent (sidebar, no UI): the safe choice, new columns under other names, reported.
   */
  choose?: (conflicts: OutputConflict[]) => ConflictChoice | null;
  /** Read the Challenger rules tab too (Score leads, the backtest); other paths leave it unread. */
  challenger?: boolean;
}

/** The challenger as read for a run: its tab and its prepared run, or why there is none. */
export interface ChallengerRead {
  /** Null when the setting is blank or names no usable tab. */
  run: { name: string; run: PreparedRun } | null;
  /** A bad tab name, as a settings problem in words. */
  problems: Problem[];
}

/**
 * The Challenger rules setting (README "Challenger"): its tab read like Rules
 * (readRules, never written), prepared with the same Settings grid and clock, so it goes through
 * the one engine path. A constant number of calls: getSheetByName, getDataRange, getValues
 * (plus the Enabled boxes' validations, once, as for Rules).
 */
export function readChallenger(
  ss: Spreadsheet,
  prepared: PreparedRun,
  settingsGrid: Cell[][] | null,
  clock: Date,
  spreadsheetTimeZone: string,
): ChallengerRead {
  const name = prepared.settings.challengerRules;
  if (!name) return { run: null, problems: [] };
  const row = prepared.settingsLayout.rows.challengerRules;
  const valueColumn = prepared.settingsLayout.valueColumn;
  const rulesTab = name.trim().toLowerCase() === RULES_TAB.toLowerCase() ? null : readRules(ss, false, name.trim());
  if (!rulesTab?.grid) {
    const p = challengerTabProblem(name, RULES_TAB, false, row, valueColumn);
    return { run: null, problems: p ? [p] : [] };
  }
  const run = prepareRun({ settings: settingsGrid, rules: rulesTab.grid, today: clock, spreadsheetTimeZone });
  return { run: { name: name.trim(), run }, problems: [] };
}

function conflictNotices(plan: OutputPlan, headerRow: number): ProblemView[] {
  if (plan.conflicts.length === 0) return [];
  const names = plan.conflicts.map((c) => `'${c.header}'`).join(', ');
  const message =
    plan.choice === 'use'
      ? `Scores went into your column${plan.conflicts.length > 1 ? 's' : ''} ${names}, as you chose; Lead scoring now keeps ${plan.conflicts.length > 1 ? 'them' : 'it'} up to date.`
      : `Your column${plan.conflicts.length > 1 ? 's' : ''} ${names} ${plan.conflicts.length > 1 ? 'were' : 'was'} not made by Lead scoring, so ${plan.conflicts.length > 1 ? 'they were' : 'it was'} left alone; the scores went to new columns ` +
        plan.conflicts.map((c) => `'${plan.headers[outputIndex(c.output)]}'`).join(', ') +
        '.';
  const first = plan.conflicts[0];
  return [{ tab: 'Leads', row: headerRow, column: first.header, columnIndex: first.column, message }];
}

/**
 * Reads Settings, Rules and Leads (one getValues each) and prepares the run: what Score leads and
 * the backtest (src/backtest) both start from. The Leads block comes back as the engine sees it,
 * the add-on's own output columns blanked.
 */
export function readForRun(ss: Spreadsheet, clock: Date, options: Pick<ScoreOptions, 'writes' | 'choose' | 'challenger'> = {}) {
  const timeZone = ss.getSpreadsheetTimeZone();
  const settingsGrid = readSettingsGrid(ss);
  const rulesRead = readRules(ss, options.writes ?? false);
  if (!rulesRead.grid)
    throw new UserError(`There is no '${RULES_TAB}' tab. Run Set up scoring first (menu Lead scoring → Set up scoring).`);
  // One preparation: Settings parsed once, rules compiled once, the as-of day resolved once.
  const prepared = prepareRun({ settings: settingsGrid, rules: rulesRead.grid, today: clock, spreadsheetTimeZone: timeZone });
  const block = readLeads(ss, prepared.settings, prepared.settingsLayout.rows.leadsSheet);
  const challenger: ChallengerRead = options.challenger
    ? readChallenger(ss, prepared, settingsGrid, clock, timeZone)
    : { run: null, problems: [] };
  const plan = planOutputColumns(block, readOwnedColumns(block.sheet), options.choose, { challenger: challenger.run !== null });
  const leads: Leads = { headers: inputHeaders(block.headers, plan), rows: inputRows(block.rows, plan), firstRow: block.firstRow };
  // README "Activity": one more read, of the Activity tab, only when a rule looks at events.
  const activity = readActivity(ss, [prepared, challenger.run?.run]);
  if (activity !== undefined) leads.activity = activity;
  return { prepared, block, plan, rulesRead, leads, challenger };
}

/** Reads Settings, Rules and Leads (one getValues each) and runs the model. Writes nothing unless `writes`. */
export function scoreInMemory(ss: Spreadsheet, clock: Date, options: ScoreOptions = {}): ScoredSheet {
  const { prepared, block, plan, rulesRead, leads, challenger } = readForRun(ss, clock, options);
  const bound = bindRun(prepared, leads);
  const scored = scoreBoundRows(prepared, leads, bound, { keepContributions: options.keepContributions ?? true });
  // The challenger through the same path (scoreRows, bulk); its rule problems prefixed with its tab.
  const challengerScored = challenger.run ? scoreRows(challenger.run.run, leads) : null;
  const run: ModelRun = {
    settings: prepared.settings,
    timeZone: prepared.timeZone,
    asOfDay: prepared.asOfDay,
    rulesParsed: prepared.rulesParsed,
    ...scored,
    problems: [
      ...scored.problems,
      ...challenger.problems,
      ...(challengerScored && challenger.run ? challengerProblems(challengerScored.problems, challenger.run.name) : []),
    ],
  };
  const notices: ProblemView[] = [];
  if (rulesRead.ticked.length > 0) {
    const rows = rulesRead.ticked;
    notices.push({
      tab: 'Rules',
      row: rows[0],
      column: 'Enabled',
      columnIndex: rulesRead.off[0]?.columnIndex ?? 0,
      message: `Ticked Enabled on Rules ${rowList(rows)}: a blank box used to mean on. From now on an unticked box is off, as it looks.`,
    });
  }
  notices.push(...rulesRead.off, ...conflictNotices(plan, block.headerRow), ...activityNoticeViews(scored));
  return { block, plan, run, notices, challenger: challengerScored?.leads ?? null, prepared, leads, bound: bound.rules };
}

export function histogramOf(leads: Array<LeadScore | null>, maxScore: number): number[] {
  const bands = new Array(10).fill(0);
  for (const lead of leads) {
    if (!lead || lead.bucket === 'Disqualified') continue;
    bands[Math.min(9, Math.floor((lead.score / maxScore) * 10))]++;
  }
  return bands;
}

/**
 * Score leads: one batch read of each tab, the engine, one batch write of the output columns,
 * conditional-format colours. A document lock keeps two runs from interleaving their writes.
 */
export function scoreSheet(ss: Spreadsheet, clock: Date, choose?: ScoreOptions['choose']): ScoreReport & { notices: ProblemView[] } {
  return scoreSheetWithChanges(ss, clock, choose).report;
}

/** Score leads, also returning the run's changes since the last run (the daily trigger hands them to the digest). */
export function scoreSheetWithChanges(
  ss: Spreadsheet,
  clock: Date,
  choose?: ScoreOptions['choose'],
): { report: ScoreReport & { notices: ProblemView[] }; changes: RunChanges } {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(10_000)) {
    throw new UserError('Another Score leads run is in progress. Try again in a minute.');
  }
  try {
    const { block, plan, run, notices, challenger, prepared, leads, bound } = scoreInMemory(ss, clock, {
      keepContributions: false,
      writes: true,
      choose,
      challenger: true,
    });
    writeScores(block, plan, run.leads, clock, challenger);
    // Changes since last run and the Score history tab (README "Running by itself").
    const recorded = recordChanges(ss, prepared!, block, plan, leads!, run.leads, bound);
    notices.push(...recorded.notices);
    // Colour the rows read, output columns included: the data range we already hold (rows 1 to
    // the last lead), unless this run appended output columns to its right (usually the first run).
    let lastColumn = block.lastColumn;
    for (const c of plan.columns) if (c > lastColumn) lastColumn = c;
    const range =
      lastColumn === block.lastColumn ? block.dataRange : block.sheet.getRange(1, 1, block.headerRow + block.rows.length, lastColumn);
    applyBucketColours(block.sheet, range, 1, plan.columns[outputIndex('Bucket')], run.settings.colours);
    const counts: Record<Bucket, number> = run.counts;
    const report: ScoreReport & { notices: ProblemView[] } = {
      ok: true,
      counts,
      leads: counts.Hot + counts.Warm + counts.Cold + counts.Disqualified,
      problems: run.problems.map(problemView),
      notices,
      scoredAt: clock.toISOString(),
      asOf: dayToIso(run.asOfDay),
      ms: Date.now() - clock.getTime(),
    };
    saveLastRun(report, histogramOf(run.leads, run.settings.maxScore), compactChanges(recorded.changes));
    return { report, changes: recorded.changes };
  } finally {
    lock.releaseLock();
  }
}
