/**
 * The menu's Rescore new form responses toggle (src/triggers/formSubmit.ts). One caption for both
 * states, as for Rescore every day: onOpen may not call ScriptApp, so the toast says which it is now.
 */
import { UserError } from '../sheets/tabs';
import { setFormRescore, formRescoreStatus } from '../triggers/formSubmit';

export const FORM_MENU_CAPTION = 'Rescore new form responses (on/off)';
const TITLE = 'Lead scoring';

export function toggleFormRescoreAction(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    const after = setFormRescore(!formRescoreStatus().on);
    ss.toast(
      after.on
        ? 'Each new Google Form response in the Leads tab is now scored within seconds (run Score leads once first). Click again to turn it off.'
        : 'Rescoring new form responses is off.',
      TITLE,
      8,
    );
  } catch (e) {
    const message = e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
    const ui = SpreadsheetApp.getUi();
    ui.alert(TITLE, message, ui.ButtonSet.OK);
  }
}
