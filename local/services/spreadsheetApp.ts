/**
 * SpreadsheetApp and Spreadsheet —
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
 */
import { createSheet, type SheetModel } from '../model/types.js';
import { parseA1, rectToA1, splitSheetName } from '../model/a1.js';
import { describeArgs, gasException, type HostContext } from './context.js';
import { expose } from './expose.js';
import { makeRange, rangeLocation } from './range.js';
import { makeSheet, rectFromA1, type SheetDeps } from './sheet.js';
import { newConditionalFormatRuleBuilder, type RangeInfo, type RangeMaker } from './conditionalFormat.js';
import { newDataValidationBuilder } from './dataValidation.js';
import { makeUi } from './ui.js';
import { DeveloperMetadataLocationType, DeveloperMetadataVisibility, newDeveloperMetadataFinder } from './developerMetadata.js';

/** Enums the add-on may compare against; values are their names, as Apps Script enums print. */
const enumOf = (...names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

export const BooleanCriteria = enumOf(
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'CUSTOM_FORMULA',
);
export const DataValidationCriteria = enumOf(
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
);

export function makeSpreadsheetApp(ctx: HostContext) {
  const sheets = new WeakMap<SheetModel, GoogleAppsScript.Spreadsheet.Sheet>();
  const findSheet = (name: string) => ctx.workbook.sheets.find((s) => s.name === name) ?? null;

  const rangeMaker: RangeMaker = (sheetName, a1) => {
    const model = findSheet(sheetName);
    if (!model) throw gasException(ctx, 'Range not found');
    return makeRange(ctx, { sheetFactory }, model, rectFromA1(ctx, model, a1));
  };
  const rangeInfo: RangeInfo = (r) => {
    const loc = rangeLocation(r);
    return loc ? { sheetName: loc.sheet.name, a1: rectToA1(loc.rect) } : null;
  };
  const deps: SheetDeps = {
    sheetFactory: (m) => sheetFactory(m),
    rangeMaker,
    rangeInfo,
    spreadsheet: () => spreadsheet,
  };
  function sheetFactory(model: SheetModel): GoogleAppsScript.Spreadsheet.Sheet {
    let s = sheets.get(model);
    if (!s) {
      s = makeSheet(ctx, deps, model);
      sheets.set(model, s);
    }
    return s;
  }

  const activeModel = () => findSheet(ctx.workbook.activeSheetName) ?? ctx.workbook.sheets[0];
  const activeRange = () => {
    const sel = ctx.workbook.activeRange;
    const model = (sel && findSheet(sel.sheetName)) || activeModel();
    // With nothing selected, the selection is A1 of the active sheet.
    const a1 = sel && sel.sheetName === model.name ? sel.a1 : 'A1';
    return makeRange(ctx, { sheetFactory }, model, rectFromA1(ctx, model, a1));
  };

  const spreadsheetImpl = {
    toString: () => 'Spreadsheet',
    getName: () => ctx.workbook.name,
    getId: () => ctx.workbook.id,
    getSpreadsheetTimeZone: () => ctx.workbook.timeZone,
    getSheetByName: (name: string) => {
      const m = findSheet(String(name));
      return m ? sheetFactory(m) : null;
    },
    /** insertSheet(), insertSheet(name), insertSheet(name, index), insertSheet(index); the new sheet becomes active. */
    insertSheet(...args: unknown[]) {
      let name: string | undefined;
      let index: number | undefined;
      if (typeof args[0] === 'string') [name, index] = args as [string, number?];
      else if (typeof args[0] === 'number') index = args[0];
      else if (args.length > 0) {
        throw gasException(
          ctx,
          `The parameters (${describeArgs(args)}) don't match the method signature for SpreadsheetApp.Spreadsheet.insertSheet.`,
        );
      }
      if (name === undefined) {
        let n = ctx.workbook.sheets.length + 1;
        while (findSheet(`Sheet${n}`)) n++;
        name = `Sheet${n}`;
      }
      if (findSheet(name)) throw gasException(ctx, `A sheet with the name "${name}" already exists. Please enter another name.`);
      const model = createSheet(name);
      const at = index === undefined ? ctx.workbook.sheets.length : Math.max(0, Math.min(index, ctx.workbook.sheets.length));
      ctx.workbook.sheets.splice(at, 0, model);
      ctx.workbook.activeSheetName = name;
      ctx.workbook.activeRange = { sheetName: name, a1: 'A1' };
      return sheetFactory(model);
    },
    deleteSheet(sheet: unknown) {
      const model = ctx.workbook.sheets.find((m) => sheets.get(m) === sheet);
      if (!model)
        throw gasException(
          ctx,
          `The parameters (${describeArgs([sheet])}) don't match the method signature for SpreadsheetApp.Spreadsheet.deleteSheet.`,
        );
      if (ctx.workbook.sheets.length === 1) throw gasException(ctx, "You can't remove all the sheets in a document.");
      ctx.workbook.sheets.splice(ctx.workbook.sheets.indexOf(model), 1);
      if (ctx.workbook.activeSheetName === model.name) ctx.workbook.activeSheetName = ctx.workbook.sheets[0].name;
    },
    getActiveSheet: () => sheetFactory(activeModel()),
    setActiveSheet(sheet: unknown) {
      const model = ctx.workbook.sheets.find((m) => sheets.get(m) === sheet);
      if (!model)
        throw gasException(
          ctx,
          `The parameters (${describeArgs([sheet])}) don't match the method signature for SpreadsheetApp.Spreadsheet.setActiveSheet.`,
        );
      ctx.workbook.activeSheetName = model.name;
      ctx.workbook.activeRange = { sheetName: model.name, a1: 'A1' };
      return sheetFactory(model);
    },
    getActiveRange: () => activeRange(),
    getActiveCell: () => {
      const loc = rangeLocation(activeRange())!;
      return makeRange(ctx, { sheetFactory }, loc.sheet, { row: loc.rect.row, col: loc.rect.col, numRows: 1, numCols: 1 });
    },
    /** 'Sheet!A1:B2', or A1 on the active sheet. */
    getRange(a1: string) {
      const { sheet, ref } = splitSheetName(String(a1));
      const model = sheet === null ? activeModel() : findSheet(sheet);
      if (!model || !parseA1(ref, model.maxRows, model.maxColumns)) throw gasException(ctx, 'Range not found');
      return makeRange(ctx, { sheetFactory }, model, rectFromA1(ctx, model, ref));
    },
    /** Every developer metadata of the spreadsheet (its sheets' rows and columns here). */
    createDeveloperMetadataFinder: () =>
      newDeveloperMetadataFinder(ctx, { range: (m, r) => makeRange(ctx, { sheetFactory }, m, r) }, { kind: 'spreadsheet' }),
    /** Records the toast; timeout defaults to 5 seconds (Spreadsheet.toast docs). */
    toast(msg: unknown, title?: unknown, timeoutSeconds?: number) {
      ctx.ui.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title), timeoutSeconds: timeoutSeconds ?? 5 });
    },
  };
  const spreadsheet = expose(ctx, 'Spreadsheet', spreadsheetImpl, {
    readOnlyInCustomFunction: true,
  }) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;

  const ui = makeUi(ctx);
  const appImpl = {
    toString: () => 'SpreadsheetApp',
    BooleanCriteria,
    DataValidationCriteria,
    DeveloperMetadataLocationType,
    DeveloperMetadataVisibility,
    getActiveSpreadsheet: () => spreadsheet,
    getActive: () => spreadsheet,
    getActiveSheet: () => spreadsheetImpl.getActiveSheet(),
    getActiveRange: () => spreadsheetImpl.getActiveRange(),
    setActiveSheet: (sheet: unknown) => spreadsheetImpl.setActiveSheet(sheet),
    /** Custom functions and installable trigger runs (time-driven, form submit) have no UI: the same error as a script run without one. */
    getUi() {
      if (ctx.mode === 'customFunction' || ctx.mode === 'timeTrigger' || ctx.mode === 'formTrigger')
        throw gasException(ctx, 'Cannot call SpreadsheetApp.getUi() from this context.');
      return ui;
    },
    /** Everything is applied immediately here; counted only. */
    flush() {},
    newConditionalFormatRule: () => newConditionalFormatRuleBuilder(ctx, rangeMaker, rangeInfo),
    newDataValidation: () => newDataValidationBuilder(ctx),
  };
  return expose(ctx, 'SpreadsheetApp', appImpl, {
    forbiddenInCustomFunction: ['setActiveSheet', 'setActiveRange'],
  }) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
