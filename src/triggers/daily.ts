/**
 * Rescore every day (README "Running by itself"; DESIGN §6): one time-driven trigger per
 * spreadsheet that runs Score leads without any user interface and records the outcome.
 *
 * The script is bound to one spreadsheet, so the project's clock triggers calling `dailyRescore`
 * are this spreadsheet's daily rescoring; other triggers (the user's own, form submit) are left alone.
 * Needs the `script.scriptapp` scope (https://developers.google.com/apps-script/reference/script/script-app#newTrigger(String)).
 */
import { scoreSheetWithChanges } from '../scoring/scoreSheet';
import { loadAutomaticRun, saveAutomaticRun, type AutomaticRun } from '../scoring/lastRun';
import { UserError } from '../sheets/tabs';
import { sendDigest } from '../alerts/digest';

/** The global the trigger calls (src/registry.ts, kind 'trigger'). */
export const DAILY_HANDLER = 'dailyRescore';
/**
 * The default hour (0–23, in the script's time zone): 7, so scores are fresh before the working day.
 * Apps Script runs an hourly-pinned trigger at some minute within that hour
 * (https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers).
 */
export const DEFAULT_DAILY_HOUR = 7;
const HOUR_KEY = 'leadScoring.dailyRescoreHour';

export interface DailyRescoreStatus {
  on: boolean;
  /** The hour the trigger runs at (as set when turned on); the default when off. */
  hour: number;
  lastAutomaticRun: AutomaticRun | null;
}

function dailyTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter(
    (t) => t.getHandlerFunction() === DAILY_HANDLER && t.getEventType() === ScriptApp.EventType.CLOCK,
  );
}

function savedHour(): number {
  const text = PropertiesService.getDocumentProperties().getProperty(HOUR_KEY);
  const n = text === null ? Number.NaN : Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 23 ? n : DEFAULT_DAILY_HOUR;
}

export function dailyRescoreStatus(): DailyRescoreStatus {
  return { on: dailyTriggers().length > 0, hour: savedHour(), lastAutomaticRun: loadAutomaticRun() };
}

/**
 * On: exactly one daily trigger at `hour` (a trigger already there at another hour, or a second one,
 * is replaced). Off: removes the daily triggers only.
 */
export function setDailyRescore(on: boolean, hour: number = DEFAULT_DAILY_HOUR): DailyRescoreStatus {
  if (on && !(Number.isInteger(hour) && hour >= 0 && hour <= 23)) {
    throw new UserError(`The hour must be a whole number from 0 to 23, not '${String(hour)}'.`);
  }
  const existing = dailyTriggers();
  const props = PropertiesService.getDocumentProperties();
  if (!on) {
    for (const t of existing) ScriptApp.deleteTrigger(t);
    return { on: false, hour: savedHour(), lastAutomaticRun: loadAutomaticRun() };
  }
  const sameHour = existing.length === 1 && savedHour() === hour;
  if (!sameHour) {
    for (const t of existing) ScriptApp.deleteTrigger(t);
    ScriptApp.newTrigger(DAILY_HANDLER).timeBased().atHour(hour).everyDays(1).create();
    props.setProperty(HOUR_KEY, String(hour));
  }
  return { on: true, hour, lastAutomaticRun: loadAutomaticRun() };
}

/**
 * The trigger's handler: Score leads with no Ui call (a time-driven run has none: no toast, no
 * alert). Columns named like an output that the add-on did not create get the safe answer, as in
 * the sidebar: keep them and write under other names. The outcome (or the error in words) is
 * recorded for the sidebar; a failure is not rethrown, so the trigger stays and runs tomorrow.
 */
export function dailyRescore(_e?: unknown): void {
  const at = new Date();
  try {
    const { report, changes } = scoreSheetWithChanges(SpreadsheetApp.getActiveSpreadsheet(), at, () => 'rename');
    saveAutomaticRun({
      at: at.toISOString(),
      ok: true,
      leads: report.leads,
      counts: report.counts,
      problems: report.problems.length,
      error: null,
      becameHot: changes.becameHot.length,
    });
    // The email digest (src/alerts/digest.ts): sent only when on and the run's changes hold news. It
    // runs after the outcome is recorded and never throws, so a failed email cannot fail the run.
    sendDigest(changes, at);
  } catch (e) {
    const error = e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
    console.error(`Daily rescoring failed: ${error}`);
    saveAutomaticRun({ at: at.toISOString(), ok: false, leads: 0, counts: null, problems: 0, error, becameHot: 0 });
  }
}
