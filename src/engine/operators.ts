import type { Cell, Day, OperatorName } from './types';
import { isBlank, splitAlternatives, toBool, toNumber, formatNumber } from './text';
import { parseDateText, readDay, dayNumber, BLANK_DAY, dayToIso } from './dates';
import { compileSafeRegex } from './regex';
import { isFreeEmail } from './freeEmail';

/** What a test needs besides the cell: the as-of day, the sheet's calendar, and where to put lead issues. */
export interface TestContext {
  asOfDay: Day;
  dayOf: (d: Date) => Day | null;
  /** Records a problem with this lead's cell (e.g. date text that is not a date). */
  issue: (reason: string) => void;
}

/** Tests one cell: the Why label when the condition holds, else null. */
export type Test = (v: Cell, ctx: TestContext) => string | null;

const ALIASES: Record<string, OperatorName> = {
  'is': 'is', '=': 'is', '==': 'is', 'equals': 'is', 'is equal to': 'is',
  'is not': 'is not', '!=': 'is not', '<>': 'is not', '≠': 'is not', 'not': 'is not', 'is not equal to': 'is not',
  'contains': 'contains', 'does not contain': 'does not contain', 'doesn\'t contain': 'does not contain', 'not contains': 'does not contain',
  'starts with': 'starts with', 'ends with': 'ends with',
  '>': '>', 'greater than': '>', 'more than': '>', 'is greater than': '>',
  '>=': '>=', '≥': '>=', 'at least': '>=', 'greater than or equal to': '>=',
  '<': '<', 'less than': '<', 'fewer than': '<', 'is less than': '<',
  '<=': '<=', '≤': '<=', 'at most': '<=', 'less than or equal to': '<=',
  'between': 'between', 'is between': 'between',
  'is empty': 'is empty', 'is blank': 'is empty', 'is not empty': 'is not empty', 'is not blank': 'is not empty',
  'matches': 'matches', 'matches regex': 'matches',
  'within last days': 'within last days', 'within last': 'within last days', 'in last days': 'within last days', 'within the last days': 'within last days',
  'older than days': 'older than days', 'older than': 'older than days',
  'is free email': 'is free email', 'free email': 'is free email',
  'is true': 'is true', 'is checked': 'is true', 'is yes': 'is true',
  'is false': 'is false', 'is unchecked': 'is false', 'is no': 'is false',
};

/** The operators as a user should write them (for dropdowns and "Use one of" hints). */
export const OPERATORS: OperatorName[] = [
  'is', 'is not', 'contains', 'does not contain', 'starts with', 'ends with',
  '>', '>=', '<', '<=', 'between', 'is empty', 'is not empty', 'matches',
  'within last days', 'older than days', 'is free email', 'is true', 'is false',
];

export function parseOperator(text: Cell): OperatorName | null {
  const key = String(text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  return ALIASES[key] ?? null;
}

/** Operators whose Value cell is ignored. */
export const NO_VALUE: ReadonlySet<OperatorName> = new Set(['is empty', 'is not empty', 'is free email', 'is true', 'is false']);

type Compiled = { ok: true; test: Test } | { ok: false; reason: string };

/** The cell as comparable text: trimmed, lower case; a date as its ISO day. */
function cellText(v: Cell, ctx: TestContext): string {
  if (typeof v === 'string') return v.trim().toLowerCase();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const day = ctx.dayOf(v);
    return day === null ? '' : dayToIso(day);
  }
  return '';
}

/** A comparison value: a number, or a date (compared as calendar days). */
type Bound = { kind: 'number'; n: number } | { kind: 'date'; day: Day };

function parseBound(text: string): Bound | null {
  const n = toNumber(text);
  if (n !== null) return { kind: 'number', n };
  const day = parseDateText(text);
  return day === null ? null : { kind: 'date', day };
}

/**
 * What a comparison's Value is: 'number' or 'date' for `>`, `>=`, `<`, `<=` and `between` with a
 * valid Value, else null. Scoring checks the Field's column holds that kind (see score.ts).
 */
export function comparisonKind(operator: OperatorName, value: string): Bound['kind'] | null {
  if (operator === '>' || operator === '>=' || operator === '<' || operator === '<=') return parseBound(value)?.kind ?? null;
  if (operator !== 'between') return null;
  const m = /^(.*?)\s*\.\.\s*(.*)$/.exec(value.trim());
  return m ? parseBound(m[1])?.kind ?? null : null;
}

/** The cell on the bound's scale, or null when it can't be compared (blank, text, wrong kind). */
function cellOnScale(v: Cell, bound: Bound, ctx: TestContext, field: string): number | null {
  if (bound.kind === 'number') {
    if (typeof v === 'boolean' || isBlank(v)) return null;
    const n = toNumber(v);
    if (n === null && typeof v === 'string') ctx.issue(`${field} '${v.trim()}' is not a number`);
    else if (v instanceof Date) ctx.issue(`${field} is a date, not a number`);
    return n;
  }
  const r = readDay(v, ctx.dayOf);
  if (r.kind === 'day') return r.day;
  if (r.kind === 'invalid' && (typeof v === 'string' || typeof v === 'number')) ctx.issue(`${field} '${String(v).trim()}' is not a date`);
  return null;
}

function boundText(b: Bound): string {
  return b.kind === 'number' ? formatNumber(b.n) : dayToIso(b.day);
}

/**
 * One alternative of an `is` list: equal as numbers when both are numbers, as yes/no for checkboxes,
 * else as text. `text` is the cell's cellText for a string cell, computed once per rule, not per alternative.
 */
function equalsAlternative(alt: string): (v: Cell, text: string, ctx: TestContext) => boolean {
  const lower = alt.toLowerCase();
  const n = toNumber(alt);
  const bool = toBool(alt);
  const day = parseDateText(alt);
  return (v, text, ctx) => {
    if (typeof v === 'number') return n !== null ? v === n : String(v) === lower;
    if (typeof v === 'boolean') return bool !== null && v === bool;
    if (v instanceof Date) return day !== null && ctx.dayOf(v) === day;
    if (text === lower) return true;
    if (n !== null) {
      const cn = toNumber(text);
      return cn !== null && cn === n;
    }
    return false;
  };
}

const SYMBOL: Partial<Record<OperatorName, string>> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

/**
 * Compiles a rule's condition once, so that scoring a lead is a closure call.
 * A blank cell satisfies only `is empty` (README "Operators"): every other test starts by refusing blanks.
 */
export function compileTest(operator: OperatorName, value: string, field: string): Compiled {
  const alternatives = splitAlternatives(value);
  const needsList = () => ({ ok: false as const, reason: `'${operator}' needs a Value (one or more, separated by commas).` });
  switch (operator) {
    case 'is': {
      if (alternatives.length === 0) return needsList();
      const tests = alternatives.map((alt) => ({ label: `${field} is ${alt}`, equals: equalsAlternative(alt) }));
      return { ok: true, test: (v, ctx) => {
        if (isBlank(v)) return null;
        const text = typeof v === 'string' ? cellText(v, ctx) : '';
        for (let i = 0; i < tests.length; i++) if (tests[i].equals(v, text, ctx)) return tests[i].label;
        return null;
      } };
    }
    case 'is not': {
      if (alternatives.length === 0) return needsList();
      const tests = alternatives.map(equalsAlternative);
      const label = `${field} is not ${alternatives.join(', ')}`;
      return { ok: true, test: (v, ctx) => {
        if (isBlank(v)) return null;
        const text = typeof v === 'string' ? cellText(v, ctx) : '';
        for (let i = 0; i < tests.length; i++) if (tests[i](v, text, ctx)) return null;
        return label;
      } };
    }
    case 'contains': case 'starts with': case 'ends with': {
      if (alternatives.length === 0) return needsList();
      const parts = alternatives.map((alt) => ({ needle: alt.toLowerCase(), label: `${field} ${operator} ${alt}` }));
      const holds = operator === 'contains' ? (s: string, n: string) => s.includes(n)
        : operator === 'starts with' ? (s: string, n: string) => s.startsWith(n) : (s: string, n: string) => s.endsWith(n);
      return { ok: true, test: (v, ctx) => {
        if (isBlank(v)) return null;
        const s = cellText(v, ctx);
        for (const p of parts) if (holds(s, p.needle)) return p.label;
        return null;
      } };
    }
    case 'does not contain': {
      if (alternatives.length === 0) return needsList();
      const needles = alternatives.map((a) => a.toLowerCase());
      const label = `${field} does not contain ${alternatives.join(', ')}`;
      return { ok: true, test: (v, ctx) => {
        if (isBlank(v)) return null;
        const s = cellText(v, ctx);
        return needles.some((n) => s.includes(n)) ? null : label;
      } };
    }
    case '>': case '>=': case '<': case '<=': {
      const bound = parseBound(value);
      if (!bound) return { ok: false, reason: `'${value}' is not a number or a date; '${operator}' compares with one, e.g. 50.` };
      const limit = bound.kind === 'number' ? bound.n : bound.day;
      const label = `${field} ${SYMBOL[operator]} ${boundText(bound)}`;
      const cmp = operator === '>' ? (x: number) => x > limit : operator === '>=' ? (x: number) => x >= limit
        : operator === '<' ? (x: number) => x < limit : (x: number) => x <= limit;
      return { ok: true, test: (v, ctx) => {
        const x = cellOnScale(v, bound, ctx, field);
        return x !== null && cmp(x) ? label : null;
      } };
    }
    case 'between': {
      const m = /^(.*?)\s*\.\.\s*(.*)$/.exec(value.trim());
      const low = m ? parseBound(m[1]) : null;
      const high = m ? parseBound(m[2]) : null;
      if (!m || !low || !high || low.kind !== high.kind) {
        return { ok: false, reason: `'${value}' is not a range. Write it as low..high, e.g. 10..50.` };
      }
      const lo = low.kind === 'number' ? low.n : low.day;
      const hi = high.kind === 'number' ? high.n : high.day;
      if (lo > hi) return { ok: false, reason: `'${value}': the low end is above the high end. Write it as ${boundText(high)}..${boundText(low)}.` };
      const label = `${field} ${boundText(low)}–${boundText(high)}`;
      return { ok: true, test: (v, ctx) => {
        const x = cellOnScale(v, low, ctx, field);
        return x !== null && x >= lo && x <= hi ? label : null;
      } };
    }
    case 'is empty': {
      const label = `${field} is empty`;
      return { ok: true, test: (v) => (isBlank(v) ? label : null) };
    }
    case 'is not empty':
      return { ok: true, test: (v) => (isBlank(v) ? null : field) };
    case 'matches': {
      const compiled = compileSafeRegex(value);
      if (!compiled.ok) return { ok: false, reason: compiled.reason };
      const matcher = compiled.matcher;
      const label = `${field} matches ${value}`;
      // The whole cell is tested: RE2's time is linear in its length, so no cap is needed.
      return { ok: true, test: (v, ctx) => {
        if (isBlank(v)) return null;
        return matcher.test(typeof v === 'string' ? v.trim() : cellText(v, ctx)) ? label : null;
      } };
    }
    case 'within last days': case 'older than days': {
      const days = toNumber(value);
      if (days === null || days < 0) return { ok: false, reason: `'${value}' is not a number of days; write e.g. 30.` };
      const within = operator === 'within last days';
      const label = within ? `${field} within ${formatNumber(days)} d` : `${field} older than ${formatNumber(days)} d`;
      return { ok: true, test: (v, ctx) => {
        const day = dayNumber(v, ctx.dayOf);
        if (day === BLANK_DAY) return null;
        if (Number.isNaN(day)) {
          ctx.issue(`${field} '${String(v)}' is not a date`);
          return null;
        }
        const age = Math.max(0, ctx.asOfDay - day);
        return (within ? age <= days : age > days) ? label : null;
      } };
    }
    case 'is free email':
      return { ok: true, test: (v) => (typeof v === 'string' && isFreeEmail(v) ? 'free email' : null) };
    case 'is true':
      return { ok: true, test: (v) => (toBool(v) === true ? field : null) };
    case 'is false': {
      const label = `not ${field}`;
      return { ok: true, test: (v) => (toBool(v) === false ? label : null) };
    }
  }
}
