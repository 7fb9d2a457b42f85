/**
 * What colour Sheets would paint each row, from the sheet's conditional-format rules: enough of
 * Sheets' evaluation for the rules the add-on writes (`=AND($L2="Hot", …)` over a block) and for
 * simple `=$L2="Hot"` rules. The first matching rule wins, as in Sheets; text compares
 * case-insensitively, as Sheets' `=` does.
 */
import { lettersToColumn, parseA1 } from '../model/a1.js';
import { readCell, type SheetModel } from '../model/types.js';

const CONDITION = /\$?([A-Z]{1,3})\$?(\d+)\s*=\s*"([^"]*)"/i;

export interface RowColour {
  row: number;
  background: string | null;
}

/** Background of one sheet row (1-based) as painted by the conditional formats, or null. */
export function rowBackground(sheet: SheetModel, row: number): string | null {
  for (const rule of sheet.conditionalFormatRules) {
    if (!rule.background) continue;
    const m = CONDITION.exec(rule.formula);
    if (!m) continue;
    const column = lettersToColumn(m[1]);
    const formulaRow = Number(m[2]);
    for (const a1 of rule.ranges) {
      const rect = parseA1(a1, sheet.maxRows, sheet.maxColumns);
      if (!rect || row < rect.row || row >= rect.row + rect.numRows) continue;
      // The formula is written for the range's top-left cell; row references move with the row.
      const target = formulaRow + (row - rect.row);
      const value = readCell(sheet, target, column);
      if (String(value).toLowerCase() === m[3].toLowerCase()) return rule.background;
    }
  }
  return null;
}
