import type { Cell, Day, Problem } from './types';
import { isBlank, isErrorValue, toNumber, closestName, normalizeKey } from './text';
import { parseDateText, dayToIso } from './dates';
import { indexHeaders, describeDuplicate } from './columns';
import { comparisonKind } from './operators';
import { problem } from './problems';
import type { CompiledRule } from './rules';
import { isResultName } from './output';
import type { ActivityIndex, BoundActivity } from './activity';

/** What activity rules are bound with (README "Activity"): the events, or null when there is no Activity tab. */
export interface ActivityContext {
  index: ActivityIndex | null;
  /** The tab's name and the Lead key column, from Settings. */
  sheet: string;
  leadKeyColumn: string;
}

/** A rule tied to the Leads header row: its columns, and its Why labels as that row writes the Field. */
export interface BoundRule extends CompiledRule {
  fieldCol: number;
  /** -1 without a Date field. */
  dateCol: number;
  /** The condition's labels, one per alternative. */
  labels: string[];
  /** Activity rules: the events they look at; `fieldCol` is then the Lead key column. */
  activity?: BoundActivity;
}

/**
 * Ties rules to the Leads columns (README "The Rules tab", Problems): a rule naming a missing
 * column, a Date field without dates, or a comparison against the wrong kind of column is a
 * problem and is left out; duplicate Leads headers are reported. The rest score.
 */
export function bindRules(
  rules: CompiledRule[],
  headers: Cell[],
  rows: Cell[][],
  firstRow: number,
  dayOf: (d: Date) => Day | null,
  activity?: ActivityContext,
): { rules: BoundRule[]; problems: Problem[] } {
  const index = indexHeaders(headers);
  const activityBound: BoundRule[] = [];
  const problems: Problem[] = index.duplicates.map((d) => problem('Leads', firstRow - 1, d.name, d.columns[1] + 1, describeDuplicate(d)));
  const bound: BoundRule[] = [];
  const fieldNames = index.names.filter((n) => n !== '' && !isResultName(n));
  const unknown = (name: string) => {
    const hint = closestName(name, fieldNames);
    if (hint) return `'${name}' is not a Leads column. Did you mean '${hint}'?`;
    const shown = fieldNames.slice(0, 12).join(', ') + (fieldNames.length > 12 ? ` … (${fieldNames.length} in all)` : '');
    return `'${name}' is not a Leads column. Columns are: ${shown || '(none)'}.`;
  };
  for (const rule of rules) {
    const before = problems.length;
    if (rule.activityName !== undefined) {
      const fail = (reason: string) => problems.push(problem('Rules', rule.row, 'Field', rule.columns.field, reason));
      const keyCol = activity ? index.find(activity.leadKeyColumn) : -1;
      if (!activity) fail('Activity rules are not scored here (no Activity tab is read on this path).');
      else if (!activity.index)
        fail(`there is no '${activity.sheet}' tab (Settings: Activity sheet) to read events from. Set up scoring creates it.`);
      else if (keyCol < 0)
        fail(`events join leads by the Lead key column '${activity.leadKeyColumn}' (Settings), which is not a Leads column.`);
      else {
        const field = rule.activityName;
        activityBound.push({
          ...rule,
          field,
          fieldCol: keyCol,
          dateCol: -1,
          labels: rule.condition.labels(field),
          activity: { name: field, key: normalizeKey(field), keyCol, index: activity.index },
        });
      }
      continue;
    }
    const fieldCol = index.find(rule.field);
    // The Leads adapter hands the add-on's own output columns over as blank headers, so a column
    // found here under an output's name is the user's own (say a CRM's Score) and may be scored on.
    if (fieldCol < 0 && isResultName(rule.field)) {
      problems.push(
        problem('Rules', rule.row, 'Field', rule.columns.field, `'${rule.field}' is written by the add-on; a rule can't score on it.`),
      );
    } else if (fieldCol < 0) {
      problems.push(problem('Rules', rule.row, 'Field', rule.columns.field, unknown(rule.field)));
    }
    let dateCol = -1;
    if (rule.dateField) {
      dateCol = index.find(rule.dateField);
      if (dateCol < 0) problems.push(problem('Rules', rule.row, 'Date field', rule.columns.dateField, unknown(rule.dateField)));
    }
    if (problems.length > before) continue;
    // Why labels and lead issues name columns as the Leads header writes them ("Pricing visits"), whatever the rule's spelling.
    const field = index.names[fieldCol] || rule.field;
    const dateField = dateCol >= 0 ? index.names[dateCol] || rule.dateField : rule.dateField;
    bound.push({ ...rule, field, dateField, fieldCol, dateCol, labels: rule.condition.labels(field) });
  }
  const checked = checkColumnKinds(bound, rows, headers, dayOf);
  // Rules keep their tab order (ties in Why go by Rules row).
  const all = activityBound.length ? [...checked.ok, ...activityBound].sort((a, b) => a.row - b.row) : checked.ok;
  return { rules: all, problems: [...problems, ...checked.problems] };
}

type CellKind = 'date' | 'number' | 'nonDate';

function kindOf(v: Cell): CellKind | null {
  if (isBlank(v) || isErrorValue(v)) return null;
  if (v instanceof Date || (typeof v === 'string' && parseDateText(v) !== null)) return 'date';
  return typeof v !== 'boolean' && toNumber(v) !== null ? 'number' : 'nonDate';
}

/**
 * A Date field (or the Field of a date operator) must hold dates; a comparison with a date Value
 * needs a column with dates, and one with a number Value a column with numbers. A column with
 * values but none of the kind needed (e.g. a Date field pointing at 'Company', or `Last activity
 * > 30`) is a rule problem rather than a column of lead issues: no lead could ever match.
 */
function checkColumnKinds(
  rules: BoundRule[],
  rows: Cell[][],
  headers: Cell[],
  dayOf: (d: Date) => Day | null,
): { ok: BoundRule[]; problems: Problem[] } {
  const problems: Problem[] = [];
  // The first cell of a kind in a column (a number is also a non-date), found by a scan that stops there: usually row 1.
  const found = new Map<string, Cell | null>();
  const first = (col: number, kind: CellKind): Cell | null => {
    const key = `${col}:${kind}`;
    if (!found.has(key)) {
      let hit: Cell | null = null;
      for (const row of rows) {
        const k = kindOf(row[col]);
        if (k === kind || (kind === 'nonDate' && k === 'number')) {
          hit = row[col];
          break;
        }
      }
      found.set(key, hit);
    }
    return found.get(key)!;
  };
  const shown = (v: Cell): string => {
    const day = v instanceof Date ? dayOf(v) : null;
    return `'${day !== null ? dayToIso(day) : String(v).trim()}'`;
  };
  const noDates = (col: number): string | null => {
    if (first(col, 'date') !== null) return null;
    const example = first(col, 'nonDate');
    return example !== null ? `'${String(headers[col])}' holds no dates (e.g. ${shown(example)})` : null;
  };
  const ok = rules.filter((rule) => {
    const fail = (column: 'Date field' | 'Field' | 'Value', reason: string) => {
      const index = column === 'Date field' ? rule.columns.dateField : column === 'Field' ? rule.columns.field : rule.columns.value;
      problems.push(problem('Rules', rule.row, column, index, reason));
      return false;
    };
    if (rule.dateCol >= 0) {
      const reason = noDates(rule.dateCol);
      if (reason) return fail('Date field', `${reason}; it must be a column of dates.`);
    }
    if (rule.operator === 'within last days' || rule.operator === 'older than days') {
      const reason = noDates(rule.fieldCol);
      if (reason) return fail('Field', `${reason}; it must be a column of dates.`);
    }
    const kind = comparisonKind(rule.operator, rule.value);
    const what = rule.operator === 'between' ? 'a range of' : 'a';
    if (kind === 'date') {
      const reason = noDates(rule.fieldCol);
      if (reason)
        return fail(
          'Value',
          `'${rule.value}' is ${what} date${what === 'a' ? '' : 's'}, but ${reason}. Compare with a number, e.g. 50, or point the rule at a column of dates.`,
        );
    } else if (kind === 'number') {
      const date = first(rule.fieldCol, 'number') === null ? first(rule.fieldCol, 'date') : null;
      if (date !== null) {
        return fail(
          'Value',
          `'${rule.value}' is ${what} number${what === 'a' ? '' : 's'}, but '${String(headers[rule.fieldCol])}' holds dates (e.g. ${shown(date)}), not numbers. Compare with a date, e.g. 2026-01-31, or use 'within last days' / 'older than days'.`,
        );
      }
    }
    return true;
  });
  return { ok, problems };
}
