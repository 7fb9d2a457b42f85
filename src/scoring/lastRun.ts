import type { ScoreReport } from '../shared/types';
import type { StoredChanges } from '../history/compact';
import { readRecord, writeRecord } from '../sheets/documentRecord';

/** The last run's summary, kept in document properties so the sidebar overview costs no sheet read. */
const KEY = 'leadScoring.lastRun';

export interface LastRun {
  scoredAt: string;
  asOf: string;
  counts: ScoreReport['counts'];
  histogram: number[];
  problems: number;
  /** The run's changes since the one before, kept short (src/history/compact.ts); absent before this version. */
  changes?: StoredChanges;
}

export function saveLastRun(report: ScoreReport, histogram: number[], changes?: StoredChanges): void {
  const value: LastRun = {
    scoredAt: report.scoredAt,
    asOf: report.asOf,
    counts: report.counts,
    histogram,
    problems: report.problems.length,
    ...(changes ? { changes } : {}),
  };
  writeRecord(KEY, value);
}

export function loadLastRun(): LastRun | null {
  return readRecord<LastRun>(KEY);
}

/** The last automatic (daily) run's outcome, for the sidebar: when, how many leads, the counts, or the error. */
const AUTOMATIC_KEY = 'leadScoring.lastAutomaticRun';

export interface AutomaticRun {
  /** When the run started (ISO 8601). */
  at: string;
  ok: boolean;
  leads: number;
  counts: ScoreReport['counts'] | null;
  problems: number;
  /** What went wrong, in words, when ok is false. */
  error: string | null;
  /** Leads that became Hot in the run ("3 became Hot"); absent in runs recorded before it was kept. */
  becameHot?: number;
}

export function saveAutomaticRun(run: AutomaticRun): void {
  writeRecord(AUTOMATIC_KEY, run);
}

export function loadAutomaticRun(): AutomaticRun | null {
  return readRecord<AutomaticRun>(AUTOMATIC_KEY);
}
