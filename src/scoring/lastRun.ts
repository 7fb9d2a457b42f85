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
