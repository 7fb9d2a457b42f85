import {
  ACCOUNT_SCORE_METHODS,
  bucketFor,
  dayInZone,
  isBlank,
  normalizeKey,
  parseSettings,
  rollUpAccounts,
  toNumber,
  type AccountScoreMethod,
  type Cell,
  type Contact,
} from '../engine';
import { SETTINGS_TAB, readTab } from '../sheets/tabs';

type Arg = Cell | Cell[][];

function fail(message: string): never {
  throw new Error(`LEADSCORE_ACCOUNT: ${message}`);
}

function column(name: string, v: Arg): Cell[] {
  const grid = Array.isArray(v) ? v : [[v]];
  if (grid.some((row) => row.length !== 1)) fail(`${name} must be one column, e.g. C2:C500.`);
  return grid.map((row) => row[0]);
}

/**
 * LEADSCORE_ACCOUNT(accounts, scores, [method]) (README "Accounts"): per row, the score of that
 * row's account, rolled up from every row of the same account by the same function as Score
 * accounts (rollUpAccounts; names compared trimmed and case-insensitively). A column the height
 * of its arguments, so it sits beside the leads; blank where the account or the score is blank.
 * Method blank: the Account score setting; Max score (for `sum capped at Max score`) from Settings.
 */
export function LEADSCORE_ACCOUNT(accounts: Arg, scores: Arg, method?: Arg): Cell[][] {
  if (accounts === undefined || scores === undefined) fail('pass the accounts column and the scores column, e.g. C2:C500, X2:X500.');
  const names = column('accounts', accounts);
  const values = column('scores', scores);
  if (names.length !== values.length)
    fail(`accounts has ${names.length} rows but scores has ${values.length}. Use the same rows, e.g. C2:C500 and X2:X500.`);
  const settings = parseSettings(readTab(SpreadsheetApp.getActiveSpreadsheet(), SETTINGS_TAB), dayInZone('UTC')).settings;
  let chosen: AccountScoreMethod = settings.accountScore;
  if (method !== undefined && method !== null && method !== '') {
    if (Array.isArray(method)) fail('method must be one text, not a range.');
    const found = ACCOUNT_SCORE_METHODS.find((m) => normalizeKey(m) === normalizeKey(method));
    if (!found) fail(`'${String(method)}' is not a method. Use one of: ${ACCOUNT_SCORE_METHODS.join(', ')}.`);
    chosen = found;
  }
  const contacts: Contact[] = [];
  const rowScore: Array<number | null> = values.map((v, i) => {
    if (isBlank(v) || isBlank(names[i])) return null;
    const n = toNumber(v);
    if (n === null) fail(`'${String(v)}' (row ${i + 1} of the range) is not a score.`);
    contacts.push({ account: String(names[i]), score: n, bucket: bucketFor(n, settings), engaged: false, reasons: [] });
    return n;
  });
  const byAccount = new Map(rollUpAccounts(contacts, settings, chosen).map((a) => [a.account.trim().toLowerCase(), a.score]));
  return names.map((name, i) => [rowScore[i] === null ? '' : (byAccount.get(String(name).trim().toLowerCase()) ?? '')]);
}
