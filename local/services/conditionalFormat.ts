/**
 * ConditionalFormatRuleBuilder / ConditionalFormatRule / BooleanCondition —
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
 * Only custom-formula rules with background and font colour are built; a copied rule keeps its bold.
 */
import type { CFRule } from '../model/types.js';
import { describeArgs, gasException, realmArray, unsupported, type HostContext } from './context.js';
import { expose } from './expose.js';
import { normalizeColour } from './colours.js';

/** Proxy of a built ConditionalFormatRule → its model (ranges as A1 on the sheet) and owning sheet names. */
const rules = new WeakMap<object, { rule: CFRule; sheetNames: string[] }>();
/** Proxy of a Range → its sheet name and A1; registered by the sheet layer. */
export type RangeInfo = (range: unknown) => { sheetName: string; a1: string } | null;
export type RangeMaker = (sheetName: string, a1: string) => unknown;

export function modelFromRule(ctx: HostContext, rule: unknown, sheetName: string): CFRule {
  const entry = typeof rule === 'object' && rule !== null ? rules.get(rule) : undefined;
  if (!entry)
    throw gasException(
      ctx,
      `The parameters (${describeArgs([rule])}) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.`,
    );
  if (entry.sheetNames.some((n) => n !== sheetName)) {
    throw unsupported(ctx, 'Sheet.setConditionalFormatRules with ranges on another sheet');
  }
  return { ...entry.rule, ranges: entry.rule.ranges.slice() };
}

export function ruleFromModel(ctx: HostContext, rule: CFRule, sheetName: string, rangeMaker: RangeMaker, rangeInfo: RangeInfo) {
  const impl = {
    toString: () => 'ConditionalFormatRule',
    getRanges: () =>
      realmArray(
        ctx,
        rule.ranges.map((a1) => rangeMaker(sheetName, a1)),
      ),
    getBooleanCondition: () => booleanCondition(ctx, rule),
    copy: () =>
      newConditionalFormatRuleBuilder(ctx, rangeMaker, rangeInfo, {
        rule: { ...rule, ranges: rule.ranges.slice() },
        sheetNames: rule.ranges.map(() => sheetName),
      }),
  };
  const proxy = expose(ctx, 'ConditionalFormatRule', impl);
  rules.set(proxy, { rule, sheetNames: rule.ranges.map(() => sheetName) });
  return proxy;
}

function booleanCondition(ctx: HostContext, rule: CFRule) {
  return expose(ctx, 'BooleanCondition', {
    toString: () => 'BooleanCondition',
    getCriteriaType: () => 'CUSTOM_FORMULA',
    getCriteriaValues: () => realmArray(ctx, [rule.formula]),
    getBackground: () => rule.background ?? null,
  });
}

export function newConditionalFormatRuleBuilder(
  ctx: HostContext,
  rangeMaker: RangeMaker,
  rangeInfo: RangeInfo,
  start?: { rule: CFRule; sheetNames: string[] },
) {
  let formula: string | null = start?.rule.formula ?? null;
  let background = start?.rule.background ?? null;
  let fontColor = start?.rule.fontColor ?? null;
  const bold = start?.rule.bold ?? null;
  let ranges: { sheetName: string; a1: string }[] = start ? start.rule.ranges.map((a1, i) => ({ a1, sheetName: start.sheetNames[i] })) : [];
  let self: unknown;
  const color = (method: string, c: unknown) => {
    if (c === null) return null;
    const n = normalizeColour(String(c));
    if (!n) throw unsupported(ctx, `ConditionalFormatRuleBuilder.${method}(${JSON.stringify(c)})`);
    return n;
  };
  const impl = {
    toString: () => 'ConditionalFormatRuleBuilder',
    whenFormulaSatisfied(f: string) {
      formula = String(f);
      return self;
    },
    setBackground(c: string | null) {
      background = color('setBackground', c);
      return self;
    },
    setFontColor(c: string | null) {
      fontColor = color('setFontColor', c);
      return self;
    },
    setRanges(rs: unknown) {
      if (!Array.isArray(rs))
        throw gasException(
          ctx,
          `The parameters (${describeArgs([rs])}) don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.`,
        );
      ranges = rs.map((r) => {
        const info = rangeInfo(r);
        if (!info)
          throw gasException(
            ctx,
            `The parameters (${describeArgs([rs])}) don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.`,
          );
        return info;
      });
      return self;
    },
    getRanges: () =>
      realmArray(
        ctx,
        ranges.map((r) => rangeMaker(r.sheetName, r.a1)),
      ),
    build() {
      if (formula === null) throw unsupported(ctx, 'ConditionalFormatRuleBuilder.build() without whenFormulaSatisfied');
      const rule: CFRule = { ranges: ranges.map((r) => r.a1), type: 'CUSTOM_FORMULA', formula, background, fontColor, bold };
      const proxy = ruleFromModel(ctx, rule, ranges[0]?.sheetName ?? '', rangeMaker, rangeInfo);
      rules.set(proxy, { rule, sheetNames: ranges.map((r) => r.sheetName) });
      return proxy;
    },
  };
  self = expose(ctx, 'ConditionalFormatRuleBuilder', impl);
  return self;
}
