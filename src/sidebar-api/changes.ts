/**
 * The sidebar overview's Changes since last run, Going cold soon and Rescore every day (README
 * "Rescore every day"): read from document properties only — the last run's changes kept by
 * Score leads (src/history/compact.ts) and the daily trigger's status — so opening the sidebar
 * costs no sheet read.
 */
import type { StoredChanges } from '../history/compact';
import { loadLastRun } from '../scoring/lastRun';
import { dailyRescoreStatus, type DailyRescoreStatus } from '../triggers/daily';

export interface RunChangesView {
  /** Null until a run of this version has kept its changes. */
  changes: StoredChanges | null;
  daily: DailyRescoreStatus;
}

export function getRunChanges(): RunChangesView {
  return { changes: loadLastRun()?.changes ?? null, daily: dailyRescoreStatus() };
}
