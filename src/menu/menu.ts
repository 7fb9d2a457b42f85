import { setUpScoring } from '../sheets/setup';
import { removeBucketColours } from '../sheets/colours';
import { readSettings } from '../sheets/settingsTab';
import { UserError } from '../sheets/tabs';
import { scoreSheet } from '../scoring/scoreSheet';
import { backtestSheet } from '../backtest/backtestSheet';
import { suggestSheet, useSuggestedRules } from '../suggest/suggestSheet';
import type { ProblemView, ScoreReport } from '../shared/types';
import { leadsSheetProblem, type ConflictChoice, type OutputConflict } from '../sheets/leadsTab';
import { dailyRescoreStatus, setDailyRescore } from '../triggers/daily';
import { FORM_MENU_CAPTION, toggleFormRescoreAction } from './formMenu';

export { toggleFormRescoreAction };

export const ADDON_TITLE = 'Lead scoring';

/**
 * Simple trigger: builds the menu (no authorisation needed, so nothing else happens here).
 *
 * A top-level "Lead scoring" menu, not createAddonMenu(): both ways to deploy (clasp, paste) make a
 * script bound to the sheet, and a bound script's add-on menu is named after the script project
 * ("Untitled project" unless the user renames it), not after anything in the code
 * (https://developers.google.com/apps-script/reference/base/ui#createAddonMenu()).
 * createMenu(caption) names it here, whatever the project is called
 * (https://developers.google.com/apps-script/reference/base/ui#createMenu(String)).
 */
export function onOpen(_e?: unknown): void {
  SpreadsheetApp.getUi()
    .createMenu(ADDON_TITLE)
    .addItem('Set up scoring', 'setUpScoring')
    .addItem('Score leads', 'scoreLeads')
    .addItem('Score accounts', 'scoreAccounts')
    .addItem('Backtest against outcomes', 'backtest')
    .addItem('Suggest rules from outcomes', 'suggestRules')
    .addItem('Use these rules', 'useSuggestedRules')
    .addItem('Open sidebar', 'showSidebar')
    .addItem('Export model as SQL', 'showExportSql')
    .addItem(DAILY_MENU_CAPTION, 'toggleDailyRescore')
    .addItem(FORM_MENU_CAPTION, 'toggleFormRescore')
    .addSeparator()
    .addItem('Remove colours', 'removeColours')
    .addToUi();
}

/**
 * One caption for both states: onOpen is a simple trigger and may not call ScriptApp (it needs
 * authorisation), so the menu cannot know whether the trigger is there; the toast after a click says.
 */
export const DAILY_MENU_CAPTION = 'Rescore every day (on/off)';

/** Installing from the Marketplace does not fire onOpen for the open document, so do it here. */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

/** Runs a menu action; problems meant for the user become an alert instead of a red error bar. */
function withAlerts(action: () => void): void {
  try {
    action();
  } catch (e) {
    const message = e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
    SpreadsheetApp.getUi().alert(ADDON_TITLE, message, SpreadsheetApp.getUi().ButtonSet.OK);
  }
}

export function setUpScoringAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const result = setUpScoring(ss);
    const created = result.created.length ? `Created ${result.created.join(', ')}.` : 'Everything was already set up.';
    const kept = result.kept.length ? ` Kept ${result.kept.join(', ')} as they were.` : '';
    ss.toast(`${created}${kept} Next: Score leads.`, ADDON_TITLE, 8);
  });
}

export function summary(report: ScoreReport): string {
  const c = report.counts;
  return `Scored ${report.leads} leads: ${c.Hot} Hot · ${c.Warm} Warm · ${c.Cold} Cold · ${c.Disqualified} Disqualified (as of ${report.asOf}).`;
}

const MAX_PROBLEMS_SHOWN = 15;

/**
 * Asks, once, what to do with Leads columns named like an output that the add-on did not create
 * (e.g. the user's own "Score" from a CRM). Yes: write into them (they become the add-on's).
 * No: keep them and add the add-on's columns under other names. Cancel: stop, nothing written.
 */
export function askAboutColumns(conflicts: OutputConflict[]): ConflictChoice {
  const ui = SpreadsheetApp.getUi();
  const names = conflicts.map((c) => `'${c.header}'`).join(', ');
  const many = conflicts.length > 1;
  const others = conflicts.map((c) => `'Lead ${c.output.toLowerCase()}'`).join(', ');
  const answer = ui.alert(
    `${ADDON_TITLE}: your column${many ? 's' : ''} ${names}`,
    `The Leads tab has ${many ? 'columns' : 'a column'} named ${names} that Lead scoring did not create.\n\n` +
      `Yes: write the scores into ${many ? 'them' : 'it'} (what ${many ? 'they hold' : 'it holds'} now is replaced).\n` +
      `No: leave ${many ? 'them' : 'it'} alone and add Lead scoring's own column${many ? 's' : ''} (${others}).\n` +
      'Cancel: stop; nothing is written.',
    ui.ButtonSet.YES_NO_CANCEL,
  );
  return answer === ui.Button.YES ? 'use' : answer === ui.Button.NO ? 'rename' : 'cancel';
}

/** Notices that fit a toast: rules switched off, columns decided, Enabled boxes ticked. */
function noticeText(notices: ProblemView[]): string {
  const off = notices.filter((n) => / is off \(/.test(n.message));
  const rest = notices.filter((n) => !off.includes(n));
  const offText =
    off.length === 0
      ? []
      : off.length === 1
        ? [`${off[0].message}.`]
        : [`Rules rows ${off.map((n) => n.row).join(', ')} are off (Enabled unchecked or no).`];
  return [...rest.map((n) => n.message), ...offText].join(' ');
}

export function scoreLeadsAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const report = scoreSheet(ss, new Date(), askAboutColumns);
    const notes = noticeText(report.notices);
    ss.toast(notes ? `${summary(report)} ${notes}` : summary(report), ADDON_TITLE, notes ? 15 : 8);
    if (report.problems.length > 0) {
      const shown = report.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `• ${p.message}`);
      const more =
        report.problems.length > MAX_PROBLEMS_SHOWN
          ? `\n… and ${report.problems.length - MAX_PROBLEMS_SHOWN} more (see the sidebar's Rules health).`
          : '';
      const also = report.notices.length > 0 ? `\n\nAlso:\n${report.notices.map((n) => `• ${n.message}`).join('\n')}` : '';
      const ui = SpreadsheetApp.getUi();
      ui.alert(
        `${ADDON_TITLE}: ${report.problems.length} problem${report.problems.length > 1 ? 's' : ''}`,
        `The other rules were applied.\n\n${shown.join('\n')}${more}${also}`,
        ui.ButtonSet.OK,
      );
    }
  });
}

export function removeColoursAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const read = readSettings(ss);
    const name = read.settings.leadsSheet;
    const misplaced = leadsSheetProblem(name, read.rows.leadsSheet);
    if (misplaced) throw new UserError(misplaced);
    const sheet = ss.getSheetByName(name);
    if (!sheet) throw new UserError(`There is no tab named '${name}'.`);
    const removed = removeBucketColours(sheet);
    ss.toast(
      removed ? 'Removed the lead-scoring colours (your own formatting is untouched).' : 'There were no lead-scoring colours.',
      ADDON_TITLE,
      5,
    );
  });
}

/** Backtest against outcomes (README "Does the score work?"): writes the Backtest tab only. */
export function backtestAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { summary } = backtestSheet(ss, new Date());
    ss.toast(summary, ADDON_TITLE, 10);
  });
}

/**
 * Suggest rules from outcomes (README "Tune the model from outcomes"):
 * writes the Rules (suggested) tab only; never Rules.
 */
export function suggestRulesAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { summary } = suggestSheet(ss, new Date());
    ss.toast(summary, ADDON_TITLE, 15);
  });
}

/**
 * Use these rules (README "Tune the model from outcomes" "Menu items"): after a Yes, Rules becomes
 * `Rules (before YYYY-MM-DD)`, the suggestion becomes Rules, and Settings gets its Base score,
 * Hot at and Warm at. No: nothing changes.
 */
export function useSuggestedRulesAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const ui = SpreadsheetApp.getUi();
    const result = useSuggestedRules(
      ss,
      new Date(),
      (question) => ui.alert(`${ADDON_TITLE}: use the suggested rules?`, question, ui.ButtonSet.YES_NO) === ui.Button.YES,
    );
    ss.toast(result.message, ADDON_TITLE, result.done ? 15 : 5);
  });
}

/** Rescore every day, on/off (src/triggers/daily.ts): turns the daily trigger on at the saved hour, or off. */
export function toggleDailyRescoreAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const before = dailyRescoreStatus();
    const after = setDailyRescore(!before.on, before.hour);
    const hh = `${String(after.hour).padStart(2, '0')}:00`;
    ss.toast(
      after.on
        ? `Lead scoring will rescore the leads every day between ${hh} and ${String(after.hour + 1).padStart(2, '0')}:00 (the script's time zone). Click again to turn it off.`
        : 'Daily rescoring is off.',
      ADDON_TITLE,
      8,
    );
  });
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(ADDON_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
