/**
 * Score accounts (README "Accounts"): reads Settings, Rules, Leads (and Activity when a rule uses
 * it) as Score leads does, scores every lead with its contributions (engaged contacts need their
 * ages), rolls contacts up into accounts (engine/accounts.ts) and rewrites the Accounts tab, which
 * the add-on owns. No other tab is touched: the Leads tab keeps its per-lead colours.
 */
import {
  ACCOUNT_HEADERS,
  accountRowCells,
  accountsOfLeads,
  accountsSummary,
  dayToIso,
  scoreRows,
  type AccountRow,
  type AccountsRun,
  type Cell,
} from '../engine';
import { readForRun } from '../scoring/scoreSheet';
import { UserError } from '../sheets/tabs';
import { claimTab } from '../sheets/ownTabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const ACCOUNTS_TAB = 'Accounts';

/** What Score accounts reports (the toast, the sidebar, the CLI). */
export interface AccountsReport {
  ok: true;
  summary: string;
  accounts: number;
  leads: number;
  noAccount: number;
  freeEmail: number;
  method: string;
  asOf: string;
  /** The best accounts, for the sidebar's overview. */
  top: AccountRow[];
}

/** Scores leads in memory and rolls them up; writes nothing. */
export function accountsInMemory(ss: Spreadsheet, clock: Date): { run: AccountsRun; asOf: string } {
  const { prepared, leads } = readForRun(ss, clock);
  const scored = scoreRows(prepared, leads, { keepContributions: true });
  const run = accountsOfLeads(leads.headers, leads.rows, scored.leads, prepared.settings);
  if ('error' in run) throw new UserError(run.error);
  return { run, asOf: dayToIso(prepared.asOfDay) };
}

export function reportOf(run: AccountsRun, asOf: string, top = 10): AccountsReport {
  return {
    ok: true,
    summary: accountsSummary(run),
    accounts: run.accounts.length,
    leads: run.leads,
    noAccount: run.noAccount,
    freeEmail: run.freeEmail,
    method: run.method,
    asOf,
    top: run.accounts.slice(0, top),
  };
}

/**
 * Rewrites the Accounts tab: cleared, the plain-text format on the Account and text columns
 * first (an account named like a formula stays text), then the grid in one setValues. A constant
 * number of calls whatever the number of accounts.
 */
export function writeAccountsTab(ss: Spreadsheet, accounts: AccountRow[]): void {
  const { sheet, made } = claimTab(ss, ACCOUNTS_TAB, ACCOUNT_HEADERS);
  if (!made) sheet.clear();
  const rows: Cell[][] = [[...ACCOUNT_HEADERS], ...accounts.map(accountRowCells)];
  const needed = rows.length - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  sheet.getRangeList(['A:A', 'G:H']).setNumberFormat('@');
  sheet.getRange(1, 1, rows.length, ACCOUNT_HEADERS.length).setValues(rows);
  sheet.setFrozenRows(1);
}

/** Score accounts: the roll-up written to the Accounts tab. */
export function scoreAccounts(ss: Spreadsheet, clock: Date): AccountsReport {
  const { run, asOf } = accountsInMemory(ss, clock);
  writeAccountsTab(ss, run.accounts);
  return reportOf(run, asOf);
}
