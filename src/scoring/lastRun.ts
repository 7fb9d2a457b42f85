import type { ScoreReport } from '../shared/types';
import type { StoredChanges } from '../history/compact';

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
  PropertiesService.getDocumentProperties().setProperty(KEY, JSON.stringify(value));
}

export function loadLastRun(): LastRun | null {
  const text = PropertiesService.getDocumentProperties().getProperty(KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as LastRun;
  } catch {
    return null;
  }
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
  PropertiesService.getDocumentProperties().setProperty(AUTOMATIC_KEY, JSON.stringify(run));
}

export function loadAutomaticRun(): AutomaticRun | null {
  const text = PropertiesService.getDocumentProperties().getProperty(AUTOMATIC_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as AutomaticRun;
  } catch {
    return null;
  }
}
