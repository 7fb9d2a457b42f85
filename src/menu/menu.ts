import { setUpScoring } from '../sheets/setup';
import { removeBucketColours } from '../sheets/colours';
import { readSettings } from '../sheets/settingsTab';
import { UserError } from '../sheets/tabs';
import { scoreSheet } from '../scoring/scoreLeads';
import type { ScoreReport } from '../shared/types';

export const ADDON_TITLE = 'Lead scoring';

/** Simple trigger: builds the add-on menu (no authorisation needed, so nothing else happens here). */
export function onOpen(_e?: unknown): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Set up scoring', 'setUpScoring')
    .addItem('Score leads', 'scoreLeads')
    .addItem('Open sidebar', 'showSidebar')
    .addSeparator()
    .addItem('Remove colours', 'removeColours')
    .addToUi();
}

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

export function scoreLeadsAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const report = scoreSheet(ss, new Date());
    ss.toast(summary(report), ADDON_TITLE, 8);
    if (report.problems.length > 0) {
      const shown = report.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `• ${p.message}`);
      const more = report.problems.length > MAX_PROBLEMS_SHOWN ? `\n… and ${report.problems.length - MAX_PROBLEMS_SHOWN} more (see the sidebar's Rules health).` : '';
      const ui = SpreadsheetApp.getUi();
      ui.alert(`${ADDON_TITLE}: ${report.problems.length} problem${report.problems.length > 1 ? 's' : ''}`,
        `The other rules were applied.\n\n${shown.join('\n')}${more}`, ui.ButtonSet.OK);
    }
  });
}

export function removeColoursAction(): void {
  withAlerts(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const name = readSettings(ss).settings.leadsSheet;
    const sheet = ss.getSheetByName(name);
    if (!sheet) throw new UserError(`There is no tab named '${name}'.`);
    const removed = removeBucketColours(sheet);
    ss.toast(removed ? 'Removed the lead-scoring colours (your own formatting is untouched).' : 'There were no lead-scoring colours.', ADDON_TITLE, 5);
  });
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(ADDON_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
