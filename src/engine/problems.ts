import type { Problem, Tab } from './types';

export function problem(tab: Tab, row: number, column: string, columnIndex: number, reason: string): Problem {
  const where = row > 0 ? `${tab} row ${row}` : `${tab} tab`;
  return { tab, row, column, columnIndex, reason, message: column ? `${where}, ${column}: ${reason}` : `${where}: ${reason}` };
}
