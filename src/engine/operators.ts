import type { Cell, Day, OperatorName } from './types';
import { isBlank, splitAlternatives, toBool, toNumber, formatNumber } from './text';
import { parseDateText, dayNumber, BLANK_DAY, dayToIso } from './dates';
import { compileSafeRegex } from './regex';
import { isFreeEmail } from './freeEmail';

/** What a condition needs besides the cell: the as-of day, the sheet's calendar, and where to put lead issues. */
/**
 * A cell as a lead issue quotes it (README "Why"): text trimmed, a date cell as its ISO day in the
 * spreadsheet's zone — never JavaScript's Date.toString(), which depends on the runtime's zone.
 */
export function shownCell(v: Cell, dayOf: (d: Date) => Day | null): string {
  if (v instanceof Date) {
    const day = dayOf(v);
    return day === null ? String(v) : dayToIso(day);
  }
  return String(v).trim();
}

export interface TestContext {
  asOfDay: Day;
  dayOf: (d: Date) => Day | null;
  /** The Leads column being tested, as its header writes it (issues name it). */
  field: string;
  /** Records a problem with this lead's cell (e.g. date text that is not a date). */
  issue: (reason: string) => void;
}

/**
 * How a condition reads a cell, so that bulk scoring reads each column once for all the rules on
 * it: `text` is cellText (trimmed, lower case, a date as its ISO day), `number` is toNumber (NaN
 * when not a number), `day` is dayNumber (BLANK_DAY for a blank, NaN when not a date); `cell`
 * reads the cell itself.
 */
export type Reading = 'text' | 'number' | 'day' | 'cell';

/**
 * A rule's condition, compiled once per run (README "Operators"). `match` gets the cell, and its
 * reading in `text` or `num` as `reads` says; it gives the index in `labels` of the alternative
 * that holds (e.g. which title of a `contains` list), or -1.
 */
export interface Condition {
  reads: Reading;
  match(v: Cell, text: string, num: number, ctx: TestContext): number;
  /** The Why labels, one per index, for the column as the Leads header writes it. */
  labels(field: string): string[];
}

/** Tests one cell: the Why label when the condition holds, else null. */
export type Test = (v: Cell, ctx: Omit<TestContext, 'field'>) => string | null;

const ALIASES: Record<string, OperatorName> = {
  is: 'is',
  '=': 'is',
  '==': 'is',
  equals: 'is',
  'is equal to': 'is',
  'is not': 'is not',
  '!=': 'is not',
  '<>': 'is not',
  '≠': 'is not',
  not: 'is not',
  'is not equal to': 'is not',
  contains: 'contains',
  'does not contain': 'does not contain',
  "doesn't contain": 'does not contain',
  'not contains': 'does not contain',
  'starts with': 'starts with',
  'ends with': 'ends with',
  '>': '>',
  'greater than': '>',
  'more than': '>',
  'is greater than': '>',
  '>=': '>=',
  '≥': '>=',
  'at least': '>=',
  'greater than or equal to': '>=',
  '<': '<',
  'less than': '<',
  'fewer than': '<',
  'is less than': '<',
  '<=': '<=',
  '≤': '<=',
  'at most': '<=',
  'less than or equal to': '<=',
  between: 'between',
  'is between': 'between',
  'is empty': 'is empty',
  'is blank': 'is empty',
  'is not empty': 'is not empty',
  'is not blank': 'is not empty',
  matches: 'matches',
  'matches regex': 'matches',
  'within last days': 'within last days',
  'within last': 'within last days',
  'in last days': 'within last days',
  'within the last days': 'within last days',
  'older than days': 'older than days',
  'older than': 'older than days',
  'is free email': 'is free email',
  'free email': 'is free email',
  'is true': 'is true',
  'is checked': 'is true',
  'is yes': 'is true',
  'is false': 'is false',
  'is unchecked': 'is false',
  'is no': 'is false',
  happened: 'happened',
  'has happened': 'happened',
};

/** The operators as a user should write them (for dropdowns and "Use one of" hints). */
export const OPERATORS: OperatorName[] = [
  'is',
  'is not',
  'contains',
  'does not contain',
  'starts with',
  'ends with',
  '>',
  '>=',
  '<',
  '<=',
  'between',
  'is empty',
  'is not empty',
  'matches',
  'within last days',
  'older than days',
  'is free email',
  'is true',
  'is false',
  'happened',
];

export function parseOperator(text: Cell): OperatorName | null {
  const key = String(text ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return ALIASES[key] ?? null;
}

/** Operators whose Value cell is ignored. */
export const NO_VALUE: ReadonlySet<OperatorName> = new Set([
  'is empty',
  'is not empty',
  'is free email',
  'is true',
  'is false',
  'happened',
]);

/** The cell as comparable text: trimmed, lower case; a date as its ISO day. */
export function cellText(v: Cell, dayOf: (d: Date) => Day | null): string {
  if (typeof v === 'string') return v.trim().toLowerCase();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const day = dayOf(v);
    return day === null ? '' : dayToIso(day);
  }
  return '';
}

/** A cell's reading for a numeric Reading ('number' or 'day'); NaN for the others. */
export function readNumber(reads: Reading, v: Cell, dayOf: (d: Date) => Day | null): number {
  if (reads === 'number') return toNumber(v) ?? NaN;
  return reads === 'day' ? dayNumber(v, dayOf) : NaN;
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
 * valid Value, else null. Binding checks the Field's column holds that kind (README "Problems").
 */
export function comparisonKind(operator: OperatorName, value: string): Bound['kind'] | null {
  if (operator === '>' || operator === '>=' || operator === '<' || operator === '<=') return parseBound(value)?.kind ?? null;
  if (operator !== 'between') return null;
  const m = /^(.*?)\s*\.\.\s*(.*)$/.exec(value.trim());
  return m ? (parseBound(m[1])?.kind ?? null) : null;
}

/**
 * The cell on the bound's scale (`x` is its reading: toNumber or dayNumber), or NaN when it can't
 * be compared (blank, text, wrong kind); text that is not of the bound's kind is a lead issue.
 */
function onScale(v: Cell, x: number, kind: Bound['kind'], ctx: TestContext): number {
  if (kind === 'number') {
    if (typeof v === 'boolean' || isBlank(v) || !Number.isNaN(x)) return typeof v === 'boolean' ? NaN : x;
    if (typeof v === 'string') ctx.issue(`${ctx.field} '${v.trim()}' is not a number`);
    else if (v instanceof Date) ctx.issue(`${ctx.field} is a date, not a number`);
    return NaN;
  }
  if (Number.isNaN(x) && (typeof v === 'string' || typeof v === 'number'))
    ctx.issue(`${ctx.field} '${shownCell(v, ctx.dayOf)}' is not a date`);
  return x === BLANK_DAY ? NaN : x;
}

function boundText(b: Bound): string {
  return b.kind === 'number' ? formatNumber(b.n) : dayToIso(b.day);
}

/**
 * One alternative of an `is` list: equal as numbers when both are numbers, as yes/no for checkboxes,
 * else as text. `text` is the cell's cellText for a string cell (read once per cell, not per alternative).
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

type Compiled = { ok: true; condition: Condition } | { ok: false; reason: string };

const holds = (reads: Reading, match: Condition['match'], labels: Condition['labels']): Compiled => ({
  ok: true,
  condition: { reads, match, labels },
});

/**
 * Compiles a rule's condition once (parsing its Value, compiling its regular expression), so that
 * testing a cell is a call. A blank cell satisfies only `is empty` (README "Operators"): every
 * other condition starts by refusing blanks.
 */
export function compileCondition(operator: OperatorName, value: string): Compiled {
  const alternatives = splitAlternatives(value);
  const needsList = () => ({ ok: false as const, reason: `'${operator}' needs a Value (one or more, separated by commas).` });
  switch (operator) {
    case 'is': {
      if (alternatives.length === 0) return needsList();
      const tests = alternatives.map(equalsAlternative);
      return holds(
        'text',
        (v, text, _n, ctx) => {
          if (isBlank(v)) return -1;
          const t = typeof v === 'string' ? text : '';
          for (let i = 0; i < tests.length; i++) if (tests[i](v, t, ctx)) return i;
          return -1;
        },
        (field) => alternatives.map((alt) => `${field} is ${alt}`),
      );
    }
    case 'is not': {
      if (alternatives.length === 0) return needsList();
      const tests = alternatives.map(equalsAlternative);
      return holds(
        'text',
        (v, text, _n, ctx) => {
          if (isBlank(v)) return -1;
          const t = typeof v === 'string' ? text : '';
          for (let i = 0; i < tests.length; i++) if (tests[i](v, t, ctx)) return -1;
          return 0;
        },
        (field) => [`${field} is not ${alternatives.join(', ')}`],
      );
    }
    case 'contains':
    case 'starts with':
    case 'ends with': {
      if (alternatives.length === 0) return needsList();
      const needles = alternatives.map((alt) => alt.toLowerCase());
      const at =
        operator === 'contains'
          ? (s: string, n: string) => s.includes(n)
          : operator === 'starts with'
            ? (s: string, n: string) => s.startsWith(n)
            : (s: string, n: string) => s.endsWith(n);
      return holds(
        'text',
        (v, text) => {
          if (isBlank(v)) return -1;
          for (let i = 0; i < needles.length; i++) if (at(text, needles[i])) return i;
          return -1;
        },
        (field) => alternatives.map((alt) => `${field} ${operator} ${alt}`),
      );
    }
    case 'does not contain': {
      if (alternatives.length === 0) return needsList();
      const needles = alternatives.map((a) => a.toLowerCase());
      return holds(
        'text',
        (v, text) => {
          if (isBlank(v)) return -1;
          for (let i = 0; i < needles.length; i++) if (text.includes(needles[i])) return -1;
          return 0;
        },
        (field) => [`${field} does not contain ${alternatives.join(', ')}`],
      );
    }
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const bound = parseBound(value);
      if (!bound) return { ok: false, reason: `'${value}' is not a number or a date; '${operator}' compares with one, e.g. 50.` };
      const limit = bound.kind === 'number' ? bound.n : bound.day;
      const cmp =
        operator === '>'
          ? (x: number) => x > limit
          : operator === '>='
            ? (x: number) => x >= limit
            : operator === '<'
              ? (x: number) => x < limit
              : (x: number) => x <= limit;
      return holds(
        bound.kind === 'number' ? 'number' : 'day',
        (v, _t, x, ctx) => (cmp(onScale(v, x, bound.kind, ctx)) ? 0 : -1),
        (field) => [`${field} ${SYMBOL[operator]} ${boundText(bound)}`],
      );
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
      if (lo > hi)
        return { ok: false, reason: `'${value}': the low end is above the high end. Write it as ${boundText(high)}..${boundText(low)}.` };
      return holds(
        low.kind === 'number' ? 'number' : 'day',
        (v, _t, x, ctx) => {
          const y = onScale(v, x, low.kind, ctx);
          return y >= lo && y <= hi ? 0 : -1;
        },
        (field) => [`${field} ${boundText(low)}–${boundText(high)}`],
      );
    }
    case 'is empty':
      return holds(
        'cell',
        (v) => (isBlank(v) ? 0 : -1),
        (field) => [`${field} is empty`],
      );
    case 'is not empty':
      return holds(
        'cell',
        (v) => (isBlank(v) ? -1 : 0),
        (field) => [field],
      );
    case 'matches': {
      const compiled = compileSafeRegex(value);
      if (!compiled.ok) return { ok: false, reason: compiled.reason };
      const matcher = compiled.matcher;
      // The whole cell is tested: RE2's time is linear in its length, so no cap is needed.
      return holds(
        'cell',
        (v, _t, _n, ctx) => {
          if (isBlank(v)) return -1;
          return matcher.test(typeof v === 'string' ? v.trim() : cellText(v, ctx.dayOf)) ? 0 : -1;
        },
        (field) => [`${field} matches ${value}`],
      );
    }
    case 'within last days':
    case 'older than days': {
      const days = toNumber(value);
      if (days === null || days < 0) return { ok: false, reason: `'${value}' is not a number of days; write e.g. 30.` };
      const within = operator === 'within last days';
      return holds(
        'day',
        (v, _t, day, ctx) => {
          if (day === BLANK_DAY) return -1;
          if (Number.isNaN(day)) {
            ctx.issue(`${ctx.field} '${shownCell(v, ctx.dayOf)}' is not a date`);
            return -1;
          }
          const age = Math.max(0, ctx.asOfDay - day);
          return (within ? age <= days : age > days) ? 0 : -1;
        },
        (field) => [within ? `${field} within ${formatNumber(days)} d` : `${field} older than ${formatNumber(days)} d`],
      );
    }
    case 'is free email':
      return holds(
        'cell',
        (v) => (typeof v === 'string' && isFreeEmail(v) ? 0 : -1),
        () => ['free email'],
      );
    case 'is true':
      return holds(
        'cell',
        (v) => (toBool(v) === true ? 0 : -1),
        (field) => [field],
      );
    case 'is false':
      return holds(
        'cell',
        (v) => (toBool(v) === false ? 0 : -1),
        (field) => [`not ${field}`],
      );
    case 'happened':
      return { ok: false, reason: "'happened' is for Activity fields: write the Field as Activity: <name>, e.g. Activity: Pricing page." };
  }
}

/** One condition as a test of one cell giving its Why label or null (for tests and one-off checks). */
export function compileTest(
  operator: OperatorName,
  value: string,
  field: string,
): { ok: true; test: Test } | { ok: false; reason: string } {
  const compiled = compileCondition(operator, value);
  if (!compiled.ok) return compiled;
  const { reads, match } = compiled.condition;
  const labels = compiled.condition.labels(field);
  return {
    ok: true,
    test: (v, c) => {
      const ctx: TestContext = { asOfDay: c.asOfDay, dayOf: c.dayOf, field, issue: c.issue };
      const i = match(v, reads === 'text' ? cellText(v, c.dayOf) : '', readNumber(reads, v, c.dayOf), ctx);
      return i < 0 ? null : labels[i];
    },
  };
}
