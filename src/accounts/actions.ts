import { UserError } from '../sheets/tabs';
import { ADDON_TITLE } from '../menu/menu';
import { scoreAccounts } from './accountsSheet';

/** Menu Lead scoring → Score accounts: the Accounts tab rewritten, the summary in a toast; problems in an alert. */
export function scoreAccountsAction(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    const report = scoreAccounts(ss, new Date());
    ss.toast(`${report.summary} See the Accounts tab.`, ADDON_TITLE, 8);
  } catch (e) {
    const message = e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
    SpreadsheetApp.getUi().alert(ADDON_TITLE, message, SpreadsheetApp.getUi().ButtonSet.OK);
  }
}
