/**
 * The sidebar's top accounts (README "Accounts"): `getAccounts` reads the Accounts tab Score
 * accounts wrote (one read; nothing is computed), `scoreAccountsNow` runs Score accounts. Plain
 * JSON both ways; failures come back as { ok: false, error } in words.
 */
import { ACCOUNT_HEADERS, normalizeKey, toNumber, type Bucket, type Cell } from '../engine';
import { ACCOUNTS_TAB, scoreAccounts } from '../accounts/accountsSheet';
import { UserError } from '../sheets/tabs';
import { readOwnTab } from '../sheets/ownTabs';

export interface AccountLine {
  account: string;
  contacts: number;
  engaged: number;
  score: number;
  bucket: Bucket | string;
  reasons: string;
}

export type AccountsView =
  | { ok: true; scored: boolean; summary: string; accounts: number; top: AccountLine[] }
  | { ok: false; error: string };

const TOP = 5;

function failed(e: unknown): AccountsView {
  return { ok: false, error: e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}` };
}

/** The top accounts as the Accounts tab holds them (already sorted best first by Score accounts). */
export function getAccounts(): AccountsView {
  try {
    // Only the add-on's own Accounts tab: a user's tab of that name is not top accounts.
    const grid = readOwnTab(SpreadsheetApp.getActiveSpreadsheet(), ACCOUNTS_TAB, ACCOUNT_HEADERS) as Cell[][] | null;
    if (!grid || grid.length === 0) return { ok: true, scored: false, summary: '', accounts: 0, top: [] };
    const keys = grid[0].map(normalizeKey);
    const col = (h: string) => keys.indexOf(normalizeKey(h));
    const [a, c, e, s, b, r] = ['Account', 'Contacts', 'Engaged contacts', 'Account score', 'Account bucket', 'Top reasons'].map(col);
    if (a < 0 || s < 0) return { ok: true, scored: false, summary: '', accounts: 0, top: [] };
    const rows = grid.slice(1).filter((row) => String(row[a] ?? '').trim() !== '');
    const num = (v: unknown) => toNumber(v as string | number) ?? 0;
    return {
      ok: true,
      scored: true,
      summary: '',
      accounts: rows.length,
      top: rows.slice(0, TOP).map((row) => ({
        account: String(row[a]),
        contacts: num(row[c]),
        engaged: e >= 0 ? num(row[e]) : 0,
        score: num(row[s]),
        bucket: b >= 0 ? String(row[b]) : '',
        reasons: r >= 0 ? String(row[r]) : '',
      })),
    };
  } catch (err) {
    return failed(err);
  }
}

/** Score accounts from the sidebar: writes the Accounts tab, returns the top accounts. */
export function scoreAccountsNow(): AccountsView {
  try {
    const report = scoreAccounts(SpreadsheetApp.getActiveSpreadsheet(), new Date());
    return {
      ok: true,
      scored: true,
      summary: report.summary,
      accounts: report.accounts,
      top: report.top.slice(0, TOP).map((x) => ({
        account: x.account,
        contacts: x.contacts,
        engaged: x.engaged,
        score: x.score,
        bucket: x.bucket,
        reasons: x.reasons,
      })),
    };
  } catch (err) {
    return failed(err);
  }
}
