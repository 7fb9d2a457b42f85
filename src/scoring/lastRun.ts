import type { ScoreReport } from '../shared/types';

/** The last run's summary, kept in document properties so the sidebar overview costs no sheet read. */
const KEY = 'leadScoring.lastRun';

export interface LastRun {
  scoredAt: string;
  asOf: string;
  counts: ScoreReport['counts'];
  histogram: number[];
  problems: number;
}

export function saveLastRun(report: ScoreReport, histogram: number[]): void {
  const value: LastRun = {
    scoredAt: report.scoredAt,
    asOf: report.asOf,
    counts: report.counts,
    histogram,
    problems: report.problems.length,
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
