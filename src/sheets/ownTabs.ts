/**
 * The tabs the add-on writes whole — Backtest, Rules (suggested), Accounts — are cleared and
 * rewritten only when the add-on made them (README "Decisions where the design is silent", tabs the
 * add-on owns). Their sheet ids are kept in a document property; a tab of that name the add-on did
 * not make is the user's and is never cleared: the run writes nothing and says so. A tab made by an
 * earlier version (no record yet) is recognised by the first cell that version wrote, where there is
 * one, and adopted. Score history has its own check (src/history/historyTab.ts).
 */
import { UserError } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const KEY = 'leadScoring.ownTabs';

function load(props: GoogleAppsScript.Properties.Properties): Record<string, number> {
  try {
    const v = JSON.parse(props.getProperty(KEY) ?? '{}');
    return v && typeof v === 'object' ? (v as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/**
 * The add-on's tab `name`, made if missing, for the caller to clear and rewrite. Throws a UserError
 * (nothing written) when a tab of that name is the user's. `earlierA1`: the text an earlier version
 * of the add-on wrote in A1 of this tab, so its tab is adopted rather than refused.
 */
export function claimTab(ss: Spreadsheet, name: string, earlierA1?: string): { sheet: Sheet; made: boolean } {
  const props = PropertiesService.getDocumentProperties();
  const own = load(props);
  const record = (sheet: Sheet) => {
    own[name] = sheet.getSheetId();
    props.setProperty(KEY, JSON.stringify(own));
  };
  const existing = ss.getSheetByName(name);
  if (!existing) {
    const sheet = ss.insertSheet(name);
    record(sheet);
    return { sheet, made: true };
  }
  const id = existing.getSheetId();
  if (own[name] === id) return { sheet: existing, made: false };
  if (own[name] === undefined && earlierA1 !== undefined && String(existing.getRange(1, 1).getValue()).trim() === earlierA1) {
    record(existing);
    return { sheet: existing, made: false };
  }
  throw new UserError(
    `A tab named '${name}' is already in this spreadsheet and Lead scoring did not make it, so it was left as it is and nothing was written. Rename that tab, then run this again: Lead scoring makes its own '${name}' tab.`,
  );
}

/** The add-on's own tab `name` for reading, or null when there is none (a user's tab of that name is not it). */
export function ownTab(ss: Spreadsheet, name: string): Sheet | null {
  const sheet = ss.getSheetByName(name);
  if (!sheet) return null;
  const own = load(PropertiesService.getDocumentProperties());
  return own[name] === sheet.getSheetId() ? sheet : null;
}
