import { runModel, dayToIso, type Bucket, type ModelRun, type Problem, type LeadScore } from '../engine';
import type { ProblemView, ScoreReport } from '../shared/types';
import { RULES_TAB, readTab, UserError } from '../sheets/tabs';
import { readSettings } from '../sheets/settingsTab';
import { readLeads, planOutputColumns, writeScores, inputRows, type LeadsBlock, type OutputPlan } from '../sheets/leadsTab';
import { applyBucketColours } from '../sheets/colours';
import { saveLastRun } from './lastRun';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function problemView(p: Problem): ProblemView {
  return { tab: p.tab, row: p.row, column: p.column, columnIndex: p.columnIndex, message: p.message };
}

export interface ScoredSheet {
  block: LeadsBlock;
  plan: OutputPlan;
  run: ModelRun;
}

/** Reads Settings, Rules and Leads (one getValues each) and runs the model. Writes nothing. */
export function scoreInMemory(ss: Spreadsheet, clock: Date, keepContributions = true): ScoredSheet {
  const timeZone = ss.getSpreadsheetTimeZone();
  const settingsRead = readSettings(ss, timeZone);
  const rules = readTab(ss, RULES_TAB);
  if (!rules) throw new UserError(`There is no '${RULES_TAB}' tab. Run Set up scoring first (Extensions → Lead scoring → Set up scoring).`);
  const block = readLeads(ss, settingsRead.settings);
  const plan = planOutputColumns(block.headers, block.lastColumn);
  const run = runModel({
    settings: settingsRead.grid, rules, headers: block.headers, rows: inputRows(block.rows, plan),
    firstRow: block.firstRow, today: clock, spreadsheetTimeZone: timeZone, keepContributions,
  });
  return { block, plan, run };
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
export function scoreSheet(ss: Spreadsheet, clock: Date): ScoreReport {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(10_000)) {
    throw new UserError('Another Score leads run is in progress. Try again in a minute.');
  }
  try {
    const { block, plan, run } = scoreInMemory(ss, clock, false);
    writeScores(block, plan, run.leads, clock);
    // Colour the rows read, output columns included: the data range we already hold (rows 1 to
    // the last lead), unless this run appended output columns to its right (usually the first run).
    const lastColumn = Math.max(block.lastColumn, ...plan.columns);
    const range = lastColumn === block.lastColumn
      ? block.dataRange
      : block.sheet.getRange(1, 1, block.headerRow + block.rows.length, lastColumn);
    applyBucketColours(block.sheet, range, 1, plan.columns[4], run.settings.colours);
    const counts: Record<Bucket, number> = run.counts;
    const report: ScoreReport = {
      ok: true,
      counts,
      leads: counts.Hot + counts.Warm + counts.Cold + counts.Disqualified,
      problems: run.problems.map(problemView),
      scoredAt: clock.toISOString(),
      asOf: dayToIso(run.asOfDay),
      ms: Date.now() - clock.getTime(),
    };
    saveLastRun(report, histogramOf(run.leads, run.settings.maxScore));
    return report;
  } finally {
    lock.releaseLock();
  }
}
