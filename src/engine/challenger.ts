/**
 * The challenger model (README "Challenger"; README "Does the score work?"): a second
 * rules tab, named by the `Challenger rules` setting, scored through the same path as Rules
 * (prepareRun with its grid and the same Settings, then scoreRows / scoreRowsAsOf). What is pure
 * lives here: the words for a bad tab name and the challenger's rule problems, prefixed with its tab.
 */
import type { Problem } from './types';

/**
 * The `Challenger rules` setting checked against the spreadsheet's tabs (the adapter passes their
 * names): null when it names a tab other than Rules, else the settings problem in words.
 * Compared like Sheets compares tab names, ignoring case.
 */
export function challengerTabProblem(
  name: string,
  rulesTab: string,
  tabExists: boolean,
  settingRow: number | undefined,
  valueColumn: number,
): Problem | null {
  const where = settingRow ? `Settings row ${settingRow}, Value` : 'Settings, Value';
  const key = name.trim().toLowerCase();
  let reason: string | null = null;
  if (key === rulesTab.toLowerCase()) {
    reason = `Challenger rules: '${name}' is the ${rulesTab} tab itself. Name a second rules tab (e.g. Rules (suggested)) to score beside it, or leave it blank; no challenger is scored.`;
  } else if (!tabExists) {
    reason = `Challenger rules: there is no tab named '${name}'. Write the name of a second rules tab as its tab shows it (e.g. Rules (suggested)), or leave it blank; no challenger is scored.`;
  }
  if (reason === null) return null;
  return { tab: 'Settings', row: settingRow ?? 0, column: 'Value', columnIndex: valueColumn, reason, message: `${where}: ${reason}` };
}

/**
 * The challenger's own rule problems, each prefixed with its tab's name ("Rules (suggested) row 4,
 * Operator: …"), so they are never taken for the Rules tab's. Settings and Leads problems are the
 * main run's (the same Settings and Leads) and are left out here.
 */
export function challengerProblems(problems: readonly Problem[], tabName: string): Problem[] {
  return problems
    .filter((p) => p.tab === 'Rules')
    .map((p) => {
      const where = p.row > 0 ? `${tabName} row ${p.row}` : `${tabName} tab`;
      return { ...p, message: p.column ? `${where}, ${p.column}: ${p.reason}` : `${where}: ${p.reason}` };
    });
}
