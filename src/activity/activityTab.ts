import { activityNotices, usesActivity, type Cell, type PreparedRun, type ScoredRows } from '../engine';
import type { ProblemView } from '../shared/types';
import { readTab } from '../sheets/tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The Activity tab's values for a run (README "Activity"): one getValues of the whole tab, only
 * when a rule (of the run or its challenger) has a Field `Activity: …`; null when the tab is
 * missing (those rules are then reported), undefined when no rule needs it (not read at all).
 */
export function readActivity(
  ss: Spreadsheet,
  runs: Array<Pick<PreparedRun, 'rules' | 'settings'> | null | undefined>,
): Cell[][] | null | undefined {
  const using = runs.filter((r): r is Pick<PreparedRun, 'rules' | 'settings'> => !!r && usesActivity(r));
  if (using.length === 0) return undefined;
  return readTab(ss, using[0].settings.activitySheet.trim());
}

/** Orphan events and duplicate lead keys as notices (the Score leads summary, the sidebar). */
export function activityNoticeViews(scored: Pick<ScoredRows, 'activity'>): ProblemView[] {
  if (!scored.activity) return [];
  return activityNotices(scored.activity).map((message) => ({ tab: 'Activity', row: 0, column: '', columnIndex: 0, message }));
}
