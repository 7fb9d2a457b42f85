/**
 * DataValidationBuilder / DataValidation —
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 * Only the list and checkbox criteria the add-on uses are modelled.
 */
import type { ValidationModel } from '../model/types.js';
import { describeArgs, gasException, realmArray, unsupported, type HostContext } from './context.js';
import { expose } from './expose.js';

/** Proxy of a built DataValidation → its model. */
const models = new WeakMap<object, ValidationModel>();

export function modelFromDataValidation(ctx: HostContext, rule: unknown): ValidationModel {
  const m = typeof rule === 'object' && rule !== null ? models.get(rule) : undefined;
  if (!m)
    throw gasException(
      ctx,
      `The parameters (${describeArgs([rule])}) don't match the method signature for SpreadsheetApp.Range.setDataValidation.`,
    );
  return m;
}

export function dataValidationFromModel(ctx: HostContext, model: ValidationModel): GoogleAppsScript.Spreadsheet.DataValidation {
  const impl = {
    toString: () => 'DataValidation',
    getCriteriaType: () => model.type,
    /** For VALUE_IN_LIST: [values, showDropdown]; for CHECKBOX: []. */
    getCriteriaValues: () =>
      model.type === 'VALUE_IN_LIST' ? realmArray<unknown>(ctx, [realmArray(ctx, model.values), model.showDropdown]) : realmArray(ctx, []),
    getAllowInvalid: () => model.allowInvalid,
    copy: () => newDataValidationBuilder(ctx, { ...model }),
  };
  const proxy = expose(ctx, 'DataValidation', impl);
  models.set(proxy, model);
  return proxy as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
}

export function newDataValidationBuilder(ctx: HostContext, start?: ValidationModel): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
  let criteria: ValidationModel | null = start ?? null;
  let allowInvalid = start?.allowInvalid ?? true;
  const helpText: string | null = start?.helpText ?? null;
  let self: GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  const impl = {
    toString: () => 'DataValidationBuilder',
    requireValueInList(values: unknown, showDropdown?: boolean) {
      if (!Array.isArray(values))
        throw gasException(
          ctx,
          `The parameters (${describeArgs([values])}) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.`,
        );
      criteria = { type: 'VALUE_IN_LIST', values: values.map(String), showDropdown: showDropdown ?? true, allowInvalid, helpText };
      return self;
    },
    requireCheckbox(...args: unknown[]) {
      if (args.length > 0) throw unsupported(ctx, `DataValidationBuilder.requireCheckbox(${describeArgs(args)})`);
      criteria = { type: 'CHECKBOX', allowInvalid, helpText };
      return self;
    },
    setAllowInvalid(allow: boolean) {
      allowInvalid = Boolean(allow);
      return self;
    },
    getCriteriaType: () => criteria?.type ?? null,
    build() {
      // Apps Script refuses to build a rule without criteria; text unverified.
      if (!criteria) throw unsupported(ctx, 'DataValidationBuilder.build() without criteria');
      return dataValidationFromModel(ctx, { ...criteria, allowInvalid, helpText });
    },
  };
  self = expose(ctx, 'DataValidationBuilder', impl) as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  return self;
}
