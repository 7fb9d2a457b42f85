import type { Workbook, Host } from './index.js';
/** Placeholder until the formula evaluator lands. */
export function evaluateAddonFormulas(_wb: Workbook, _host: Host): { cells: number; errors: number } {
  return { cells: 0, errors: 0 };
}
