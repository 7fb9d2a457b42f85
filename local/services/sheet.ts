/**
 * Sheet — https://developers.google.com/apps-script/reference/spreadsheet/sheet
 */
import { cellKey, usedExtent, type SheetModel } from '../model/types.js';
import { parseA1, splitSheetName, type GridRect } from '../model/a1.js';
import { describeArgs, gasException, realmArray, unsupported, type HostContext } from './context.js';
import { expose } from './expose.js';
import { makeRange } from './range.js';
import { modelFromRule, ruleFromModel, type RangeInfo, type RangeMaker } from './conditionalFormat.js';
import { newDeveloperMetadataFinder, shiftMetadataForInsert } from './developerMetadata.js';
import { sheetChartMethods } from './charts.js';

export type SheetFactory = (model: SheetModel) => GoogleAppsScript.Spreadsheet.Sheet;

export interface SheetDeps {
  sheetFactory: SheetFactory;
  rangeMaker: RangeMaker;
  rangeInfo: RangeInfo;
  spreadsheet: () => GoogleAppsScript.Spreadsheet.Spreadsheet;
}

/**
 * Apps Script's checks for getRange(row, column, numRows, numColumns), in the
 * order it reports them. Texts as Apps Script prints them (also reproduced by
 * the gas-fakes emulator): "The starting row of the range is too small.",
 * "The number of rows in the range must be at least 1.", "Those rows are out of bounds."
 */
export function checkRect(ctx: HostContext, sheet: SheetModel, r: GridRect): void {
  for (const v of [r.row, r.col, r.numRows, r.numCols]) {
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw gasException(
        ctx,
        `The parameters (${describeArgs([r.row, r.col, r.numRows, r.numCols])}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    }
  }
  if (r.row < 1) throw gasException(ctx, 'The starting row of the range is too small.');
  if (r.col < 1) throw gasException(ctx, 'The starting column of the range is too small.');
  if (r.numRows < 1) throw gasException(ctx, 'The number of rows in the range must be at least 1.');
  if (r.numCols < 1) throw gasException(ctx, 'The number of columns in the range must be at least 1.');
  if (r.row + r.numRows - 1 > sheet.maxRows) throw gasException(ctx, 'Those rows are out of bounds.');
  if (r.col + r.numCols - 1 > sheet.maxColumns) throw gasException(ctx, 'Those columns are out of bounds.');
}

/** Resolves A1 text on a sheet; "Range not found" for anything that isn't a range of it. */
export function rectFromA1(ctx: HostContext, sheet: SheetModel, a1: string): GridRect {
  const rect = parseA1(a1, sheet.maxRows, sheet.maxColumns);
  if (!rect || rect.row + rect.numRows - 1 > sheet.maxRows || rect.col + rect.numCols - 1 > sheet.maxColumns) {
    throw gasException(ctx, 'Range not found');
  }
  return rect;
}

export function makeSheet(ctx: HostContext, deps: SheetDeps, model: SheetModel): GoogleAppsScript.Spreadsheet.Sheet {
  let self: GoogleAppsScript.Spreadsheet.Sheet;
  const range = (rect: GridRect) => makeRange(ctx, { sheetFactory: deps.sheetFactory }, model, rect);

  /** Shifts sparse 'r,c' maps when rows/columns are inserted. */
  const shiftKeys = <V>(map: Map<string, V>, axis: 0 | 1, after: number, by: number) => {
    const entries = [...map.entries()];
    map.clear();
    for (const [k, v] of entries) {
      const rc = k.split(',').map(Number);
      if (rc[axis] > after) rc[axis] += by;
      map.set(cellKey(rc[0], rc[1]), v);
    }
  };
  const shiftAll = (axis: 0 | 1, after: number, by: number) => {
    shiftKeys(model.formulas, axis, after, by);
    shiftKeys(model.numberFormats, axis, after, by);
    shiftKeys(model.backgrounds, axis, after, by);
    shiftKeys(model.fontWeights, axis, after, by);
    shiftKeys(model.dataValidations, axis, after, by);
    // Developer metadata stays with its row/column (Sheets API developerMetadata reference).
    shiftMetadataForInsert(model, axis, after, by);
  };

  const impl = {
    ...sheetChartMethods(ctx, model),
    toString: () => 'Sheet',
    getName: () => model.name,
    /**
     * "Sets the sheet name" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#setName(String)).
     * Use these rules renames Rules to `Rules (before …)`. A name another sheet holds fails as Apps
     * Script reports it: 'A sheet with the name "X" already exists. Please enter another name.'
     */
    setName(name: unknown) {
      if (typeof name !== 'string') {
        throw gasException(
          ctx,
          `The parameters (${describeArgs([name])}) don't match the method signature for SpreadsheetApp.Sheet.setName.`,
        );
      }
      if (ctx.workbook.sheets.some((s) => s !== model && s.name === name)) {
        throw gasException(ctx, `A sheet with the name "${name}" already exists. Please enter another name.`);
      }
      if (ctx.workbook.activeSheetName === model.name) ctx.workbook.activeSheetName = name;
      if (ctx.workbook.activeRange?.sheetName === model.name) ctx.workbook.activeRange = { ...ctx.workbook.activeRange, sheetName: name };
      model.name = name;
      return self;
    },
    getSheetId: () => model.sheetId,
    getRange(...args: unknown[]) {
      if (typeof args[0] === 'string' && args.length === 1) {
        const { sheet, ref } = splitSheetName(args[0]);
        if (sheet !== null && sheet !== model.name) throw unsupported(ctx, `Sheet.getRange("${args[0]}") naming another sheet`);
        return range(rectFromA1(ctx, model, ref));
      }
      if (args.length < 2 || args.length > 4) {
        throw gasException(
          ctx,
          `The parameters (${describeArgs(args)}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
        );
      }
      const [row, col, numRows = 1, numCols = 1] = args as number[];
      const rect = { row, col, numRows, numCols };
      checkRect(ctx, model, rect);
      return range(rect);
    },
    /**
     * "Returns the RangeList collection representing the ranges in the same sheet specified by a
     * non-empty list of A1 notations" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRangeList(String)).
     * The RangeList here offers what the add-on uses: getRanges and setNumberFormat
     * (https://developers.google.com/apps-script/reference/spreadsheet/range-list#setNumberFormat(String)).
     */
    getRangeList(a1Notations: unknown) {
      if (!Array.isArray(a1Notations) || !a1Notations.every((a) => typeof a === 'string')) {
        throw gasException(
          ctx,
          `The parameters (${describeArgs([a1Notations])}) don't match the method signature for SpreadsheetApp.Sheet.getRangeList.`,
        );
      }
      if (a1Notations.length === 0) throw gasException(ctx, 'The list of ranges must not be empty.');
      const rects = (a1Notations as string[]).map((a1) => {
        const { sheet, ref } = splitSheetName(a1);
        if (sheet !== null && sheet !== model.name) throw unsupported(ctx, `Sheet.getRangeList naming another sheet ("${a1}")`);
        return rectFromA1(ctx, model, ref);
      });
      const list = expose(
        ctx,
        'RangeList',
        {
          toString: () => 'RangeList',
          getRanges: () =>
            realmArray(
              ctx,
              rects.map((r) => range(r)),
            ),
          setNumberFormat(format: unknown) {
            if (typeof format !== 'string') {
              throw gasException(
                ctx,
                `The parameters (${describeArgs([format])}) don't match the method signature for SpreadsheetApp.RangeList.setNumberFormat.`,
              );
            }
            for (const r of rects) {
              for (let i = 0; i < r.numRows; i++)
                for (let j = 0; j < r.numCols; j++) model.numberFormats.set(cellKey(r.row + i, r.col + j), format);
            }
            return list;
          },
        },
        { readOnlyInCustomFunction: true },
      );
      return list;
    },
    /** A1 to the last row/column with content (A1 alone on an empty sheet). */
    getDataRange() {
      const { rows, cols } = usedExtent(model);
      return range({ row: 1, col: 1, numRows: Math.max(rows, 1), numCols: Math.max(cols, 1) });
    },
    getLastRow: () => usedExtent(model).rows,
    getLastColumn: () => usedExtent(model).cols,
    getMaxRows: () => model.maxRows,
    getMaxColumns: () => model.maxColumns,
    /** "Metadata is in the scope of a particular sheet if it is either associated with the sheet
     * itself, or associated with a row, column, or range on that sheet." (Sheet reference) */
    createDeveloperMetadataFinder: () => newDeveloperMetadataFinder(ctx, { range: (_s, r) => range(r) }, { kind: 'sheet', sheet: model }),
    insertColumnsAfter(afterPosition: number, howMany: number) {
      if (afterPosition < 1 || afterPosition > model.maxColumns) throw gasException(ctx, 'Those columns are out of bounds.');
      if (!(howMany >= 1)) throw gasException(ctx, 'The number of columns to insert must be at least 1.');
      for (const row of model.values) if (row.length > afterPosition) row.splice(afterPosition, 0, ...Array<''>(howMany).fill(''));
      // A loop, not Math.max(...rows): spreading 130,000 rows overflows the call stack.
      let width = 0;
      for (const r of model.values) if (r.length > width) width = r.length;
      for (const row of model.values) while (row.length < width) row.push('');
      shiftAll(1, afterPosition, howMany);
      model.maxColumns += howMany;
      return self;
    },
    insertRowsAfter(afterPosition: number, howMany: number) {
      if (afterPosition < 1 || afterPosition > model.maxRows) throw gasException(ctx, 'Those rows are out of bounds.');
      if (!(howMany >= 1)) throw gasException(ctx, 'The number of rows to insert must be at least 1.');
      if (model.values.length > afterPosition) {
        const width = model.values[0]?.length ?? 0;
        // Rebuilt, not splice(...rows): a spread of many rows overflows the call stack.
        const blank = Array.from({ length: howMany }, () => Array<''>(width).fill(''));
        model.values = model.values.slice(0, afterPosition).concat(blank, model.values.slice(afterPosition));
      }
      shiftAll(0, afterPosition, howMany);
      model.maxRows += howMany;
      return self;
    },
    /**
     * "Deletes a number of rows starting at the given row position"
     * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)).
     * Cells, formats and row metadata below move up; deleting every non-frozen row fails as Sheets
     * says it ("Sorry, it is not possible to delete all non-frozen rows.").
     */
    deleteRows(rowPosition: number, howMany: number) {
      if (!(rowPosition >= 1) || !(howMany >= 1) || rowPosition + howMany - 1 > model.maxRows)
        throw gasException(ctx, 'Those rows are out of bounds.');
      if (model.maxRows - howMany <= model.frozenRows) throw gasException(ctx, 'Sorry, it is not possible to delete all non-frozen rows.');
      const end = rowPosition + howMany - 1;
      model.values = model.values.slice(0, rowPosition - 1).concat(model.values.slice(end));
      const drop = <V>(map: Map<string, V>) => {
        const entries = [...map.entries()];
        map.clear();
        for (const [k, v] of entries) {
          const rc = k.split(',').map(Number);
          if (rc[0] >= rowPosition && rc[0] <= end) continue;
          if (rc[0] > end) rc[0] -= howMany;
          map.set(cellKey(rc[0], rc[1]), v);
        }
      };
      for (const map of [model.formulas, model.numberFormats, model.backgrounds, model.fontWeights, model.dataValidations])
        drop(map as Map<string, unknown>);
      model.developerMetadata = (model.developerMetadata ?? []).filter(
        (m) => m.location.type !== 'ROW' || m.location.index < rowPosition || m.location.index > end,
      );
      for (const m of model.developerMetadata) if (m.location.type === 'ROW' && m.location.index > end) m.location.index -= howMany;
      model.maxRows -= howMany;
    },
    getConditionalFormatRules: () =>
      realmArray(
        ctx,
        model.conditionalFormatRules.map((r) => ruleFromModel(ctx, r, model.name, deps.rangeMaker, deps.rangeInfo)),
      ),
    setConditionalFormatRules(rules: unknown) {
      if (!Array.isArray(rules)) {
        throw gasException(
          ctx,
          `The parameters (${describeArgs([rules])}) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.`,
        );
      }
      model.conditionalFormatRules = rules.map((r) => modelFromRule(ctx, r, model.name));
    },
    setFrozenRows(rows: number) {
      if (!(rows >= 0) || rows > model.maxRows) throw gasException(ctx, 'Those rows are out of bounds.');
      model.frozenRows = rows;
      return self;
    },
    getFrozenRows: () => model.frozenRows,
    activate() {
      ctx.workbook.activeSheetName = model.name;
      ctx.workbook.activeRange = { sheetName: model.name, a1: 'A1' };
      return self;
    },
    /** "Clears the sheet of content and formatting information." */
    clear() {
      model.values = [];
      model.formulas.clear();
      model.numberFormats.clear();
      model.backgrounds.clear();
      model.fontWeights.clear();
      return self;
    },
    /** Widths are kept for the xlsx export; nothing is rendered. */
    setColumnWidth(columnPosition: number, width: number) {
      model.columnWidths.set(columnPosition, width);
      return self;
    },
    /** No layout engine here: counted, otherwise a no-op. */
    autoResizeColumns(startColumn: number, numColumns: number) {
      if (startColumn < 1 || numColumns < 1 || startColumn + numColumns - 1 > model.maxColumns)
        throw gasException(ctx, 'Those columns are out of bounds.');
      return self;
    },
  };
  self = expose(ctx, 'Sheet', impl, { readOnlyInCustomFunction: true }) as unknown as GoogleAppsScript.Spreadsheet.Sheet;
  return self;
}
