/** Shared builders: grids shaped like Apps Script `getValues()` output. */
import {
  runModel,
  compileTest,
  RULE_HEADERS,
  dayFromParts,
  dayInZone,
  type Cell,
  type Day,
  type LeadScore,
  type ModelRun,
  type OperatorName,
} from '../../src/engine';
import type { TestContext } from '../../src/engine/operators';

export const RULE_HEADER: Cell[] = [...RULE_HEADERS];

export interface R {
  category?: Cell;
  field?: Cell;
  operator?: Cell;
  value?: Cell;
  points?: Cell;
  per?: Cell;
  repeat?: Cell;
  max?: Cell;
  dateField?: Cell;
  halfLife?: Cell;
  expires?: Cell;
  enabled?: Cell;
  note?: Cell;
}

export function ruleRow(r: R): Cell[] {
  return [
    r.category ?? 'Fit',
    r.field ?? '',
    r.operator ?? '',
    r.value ?? '',
    r.points ?? '',
    r.per ?? '',
    r.repeat ?? '',
    r.max ?? '',
    r.dateField ?? '',
    r.halfLife ?? '',
    r.expires ?? '',
    r.enabled ?? true,
    r.note ?? '',
  ];
}

/** A Rules grid: header row 1, then one row per rule (rule i is on sheet row i + 2). */
export function rulesGrid(...rs: R[]): Cell[][] {
  return [RULE_HEADER, ...rs.map(ruleRow)];
}

export function settingsGrid(...pairs: Array<[string, Cell]>): Cell[][] {
  return [['Setting', 'Value'], ...pairs.map(([k, v]) => [k, v])];
}

export const day = (y: number, m: number, d: number): Day => dayFromParts(y, m, d)!;
/** The as-of day most tests use: 2026-03-31. */
export const AS_OF: Day = day(2026, 3, 31);
/** A date cell as Sheets gives it for a UTC sheet: noon UTC, n days before 2026-03-31. */
export function daysAgo(n: number): Date {
  return new Date((AS_OF - n) * 86_400_000 + 12 * 3_600_000);
}

export interface RunOptions {
  settings?: Cell[][] | null;
  asOf?: Date | Day | null;
  today?: Date;
  tz?: string;
  firstRow?: number;
}

export function run(rules: Cell[][], headers: Cell[], rows: Cell[][], o: RunOptions = {}): ModelRun {
  return runModel({
    settings: o.settings ?? null,
    rules,
    headers,
    rows,
    firstRow: o.firstRow ?? 2,
    today: o.today ?? new Date(Date.UTC(2030, 0, 1, 12)),
    asOf: o.asOf === undefined ? AS_OF : o.asOf,
    spreadsheetTimeZone: o.tz,
  });
}

/** Scores one lead given as { header: cell }; rules as R objects. */
export function scoreOne(rules: R[], lead: Record<string, Cell>, o: RunOptions = {}): LeadScore {
  const headers = Object.keys(lead);
  const result = run(rulesGrid(...rules), headers, [headers.map((h) => lead[h])], o);
  const problems = result.problems;
  if (problems.length) throw new Error(`unexpected problems: ${problems.map((p) => p.message).join(' | ')}`);
  return result.leads[0]!;
}

/** Runs one operator on one cell: the Why label when it holds, else null. Also collects lead issues. */
export function test(
  operator: OperatorName,
  value: string,
  cell: Cell,
  o: { asOf?: Day; tz?: string; issues?: string[] } = {},
): string | null {
  const compiled = compileTest(operator, value, 'F');
  if (!compiled.ok) throw new Error(compiled.reason);
  const ctx: Omit<TestContext, 'field'> = { asOfDay: o.asOf ?? AS_OF, dayOf: dayInZone(o.tz ?? 'UTC'), issue: (r) => o.issues?.push(r) };
  return compiled.test(cell, ctx);
}

export const holds = (operator: OperatorName, value: string, cell: Cell, o?: { asOf?: Day; tz?: string; issues?: string[] }): boolean =>
  test(operator, value, cell, o) !== null;
