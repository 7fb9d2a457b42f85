import type { Cell, Category, Day, Problem, Rule } from './types';
import { isBlank, normalizeKey, spellingKey, toBool, toNumber } from './text';
import { dayToIso } from './dates';
import { indexHeaders, describeDuplicate } from './columns';
import { NO_VALUE, OPERATORS, compileCondition, parseOperator, type Condition } from './operators';
import { problem } from './problems';
import { activityName, compileActivityCondition } from './activity';

/** The Rules tab's columns, in the order Set up writes them. */
export const RULE_HEADERS = [
  'Category',
  'Field',
  'Operator',
  'Value',
  'Points',
  'Per',
  'Repeat factor',
  'Max points',
  'Date field',
  'Half-life days',
  'Expires after days',
  'Enabled',
  'Note',
] as const;

const REQUIRED = ['Category', 'Field', 'Operator', 'Points'];
/** Other spellings accepted for a column header. */
const HEADER_ALIASES: Record<string, string[]> = {
  'Half-life days': ['Half-life', 'Half life'],
  'Expires after days': ['Expires after', 'Expires'],
  Note: ['Notes'],
};

export const CATEGORY_NAMES = ['Fit', 'Behaviour', 'Negative', 'Disqualify'];
const CATEGORIES: Record<string, Category> = {
  fit: 'Fit',
  behaviour: 'Behaviour',
  engagement: 'Behaviour',
  negative: 'Negative',
  disqualify: 'Disqualify',
  disqualifier: 'Disqualify',
  disqualified: 'Disqualify',
};

export const PER_VALUES = ['once', 'each'];

/**
 * Points and Max points above this magnitude are a rule problem, and so is a count above
 * MAX_COUNT in a lead cell (a lead issue): a million points times a million repeats stays far
 * from overflow, so every score is a finite number. No real model needs more.
 */
export const MAX_POINTS = 1_000_000;
export const MAX_COUNT = 1_000_000;

/** A valid rule with its condition compiled (once per run: README "Scoring"). */
export interface CompiledRule extends Rule {
  condition: Condition;
}

export interface ParsedRules {
  rules: CompiledRule[];
  problems: Problem[];
  /** Sheet row of the Rules header (0 when none was found). */
  headerRow: number;
}

/** The text of a Rules cell: numbers as written, dates as ISO days, checkboxes as TRUE/FALSE. */
function cellString(v: Cell, dayOf: (d: Date) => Day | null): string {
  if (isBlank(v)) return '';
  if (v instanceof Date) {
    const day = dayOf(v);
    return day === null ? '' : dayToIso(day);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v).trim();
}

/**
 * Parses the Rules tab from `getValues()` output. The header row is the first of the top ten
 * rows holding Category and Operator, so a title line above it is fine. Bad rows become
 * problems and are left out; good rows are returned. Fields are checked later, against the
 * Leads header row (see `bindRules`).
 */
export function parseRules(grid: Cell[][], dayOf: (d: Date) => Day | null = () => null): ParsedRules {
  const problems: Problem[] = [];
  const headerIndex = grid.slice(0, 10).findIndex((row) => {
    const keys = row.map(normalizeKey);
    return keys.includes('category') && keys.includes('operator');
  });
  if (headerIndex < 0) {
    problems.push(problem('Rules', 0, '', 0, `no header row found. Row 1 should hold ${RULE_HEADERS.join(', ')}.`));
    return { rules: [], problems, headerRow: 0 };
  }
  const headerRow = headerIndex + 1;
  const headers = indexHeaders(grid[headerIndex]);
  for (const d of headers.duplicates) {
    problems.push(problem('Rules', headerRow, d.name, d.columns[1] + 1, describeDuplicate(d)));
  }
  const col = (name: string): number => {
    for (const candidate of [name, ...(HEADER_ALIASES[name] ?? [])]) {
      const i = headers.find(candidate);
      if (i >= 0) return i;
    }
    return -1;
  };
  const at = Object.fromEntries(RULE_HEADERS.map((h) => [h, col(h)])) as Record<(typeof RULE_HEADERS)[number], number>;
  const missing = REQUIRED.filter((h) => at[h as keyof typeof at] < 0);
  if (missing.length > 0) {
    for (const h of missing) problems.push(problem('Rules', headerRow, h, 0, `the Rules tab has no '${h}' column.`));
    return { rules: [], problems, headerRow };
  }

  const rules: CompiledRule[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells = grid[r];
    const row = r + 1;
    const get = (h: keyof typeof at): Cell => (at[h] >= 0 ? cells[at[h]] : '');
    const text = (h: keyof typeof at): string => cellString(get(h), dayOf);
    if (['Category', 'Field', 'Operator', 'Value', 'Points'].every((h) => isBlank(get(h as keyof typeof at)))) continue;
    const bad = (h: keyof typeof at, reason: string) => problems.push(problem('Rules', row, h, at[h] + 1, reason));

    // A disabled row is the user's way to park a rule, broken or not: it is not checked.
    const enabledCell = get('Enabled');
    if (!isBlank(enabledCell)) {
      const enabled = toBool(enabledCell);
      if (enabled === false) continue;
      if (enabled === null) {
        bad('Enabled', `'${text('Enabled')}' is not yes or no. Use TRUE/FALSE (a checkbox) or yes/no.`);
        continue;
      }
    }
    const before = problems.length;

    const categoryText = text('Category');
    const category = CATEGORIES[spellingKey(categoryText)];
    if (!categoryText) bad('Category', `the Category is blank. Use one of: ${CATEGORY_NAMES.join(', ')}.`);
    else if (!category) bad('Category', `'${categoryText}' is not a category. Use one of: ${CATEGORY_NAMES.join(', ')}.`);

    const field = text('Field');
    if (!field) bad('Field', 'the Field is blank. Write the Leads column header this rule looks at.');

    const operatorText = text('Operator');
    const operator = parseOperator(operatorText);
    if (!operatorText) bad('Operator', `the Operator is blank. Use one of: ${OPERATORS.join(', ')}.`);
    else if (!operator) bad('Operator', `'${operatorText}' is not an operator. Use one of: ${OPERATORS.join(', ')}.`);

    const value = text('Value');
    // `Activity: <name>` looks at the lead's events, not a Leads cell (README "Activity").
    const activity = field ? activityName(field) : null;
    if (activity === '') bad('Field', "the activity's name is missing: write e.g. Activity: Pricing page.");
    const compile = activity !== null ? compileActivityCondition : compileCondition;
    const compiled = operator && field ? compile(operator, NO_VALUE.has(operator) ? '' : value) : null;
    if (compiled && !compiled.ok) bad('Value', compiled.reason);

    let points = 0;
    if (category && category !== 'Disqualify') {
      const p = get('Points');
      const n = toNumber(p);
      if (isBlank(p)) bad('Points', 'Points is blank. Write a number, e.g. 10.');
      else if (n === null) bad('Points', `'${text('Points')}' is not a number. Write a number, e.g. 10.`);
      else if (Math.abs(n) > MAX_POINTS)
        bad('Points', `'${text('Points')}' is too large. Points must be between −1,000,000 and 1,000,000.`);
      else points = n;
    }

    const perText = text('Per').toLowerCase();
    let per: Rule['per'] = 'once';
    if (perText === 'each') per = 'each';
    else if (perText !== '' && perText !== 'once') bad('Per', `'${text('Per')}' is not 'once' or 'each'. Leave it blank for once.`);

    const optionalNumber = (h: keyof typeof at, ok: (n: number) => boolean, rule: string): number | null => {
      const v = get(h);
      if (isBlank(v)) return null;
      const n = toNumber(v);
      if (n === null || !ok(n)) {
        bad(h, `'${text(h)}' is not ${rule}.`);
        return null;
      }
      return n;
    };
    const repeatFactor =
      optionalNumber('Repeat factor', (n) => n > 0 && n <= 1, 'a repeat factor: use a number above 0 and at most 1, e.g. 0.5') ?? 1;
    const maxPoints = optionalNumber('Max points', (n) => n > 0 && n <= MAX_POINTS, 'a cap: use a number above 0 and at most 1,000,000');
    const halfLifeDays = optionalNumber('Half-life days', (n) => n > 0, 'a half-life: use a number of days above 0, e.g. 30');
    const expiresAfterDays = optionalNumber('Expires after days', (n) => n >= 0, 'a number of days: use 0 or more, e.g. 90');
    const dateField = text('Date field') || null;
    if (activity !== null && dateField)
      bad('Date field', 'an Activity rule takes its dates from the Activity tab: leave the Date field blank.');
    if (activity === null && !dateField && halfLifeDays !== null)
      bad('Half-life days', 'a half-life needs a Date field: the column holding the date of this signal.');
    if (activity === null && !dateField && expiresAfterDays !== null)
      bad('Expires after days', 'expiry needs a Date field: the column holding the date of this signal.');

    if (problems.length > before || !category || !operator || !compiled?.ok) continue;
    rules.push({
      condition: compiled.condition,
      row,
      category,
      field,
      operator,
      value: NO_VALUE.has(operator) ? '' : value,
      points,
      per,
      repeatFactor,
      maxPoints,
      dateField,
      halfLifeDays,
      expiresAfterDays,
      note: text('Note'),
      ...(activity !== null ? { activityName: activity } : {}),
      columns: { field: at.Field + 1, value: at.Value + 1, dateField: at['Date field'] + 1 },
    });
  }
  return { rules, problems, headerRow };
}
