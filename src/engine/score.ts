import type { Bucket, Cell, Contribution, Day, Grade, LeadScore, Problem, Rule, Settings } from './types';
import { isBlank, isErrorValue, normalizeKey, roundPoints, toNumber, formatNumber, closestName } from './text';
import { dayNumber, BLANK_DAY, parseDateText, dayToIso } from './dates';
import { indexHeaders, describeDuplicate } from './columns';
import { compileTest, comparisonKind, type Test, type TestContext } from './operators';
import { problem } from './problems';
import { MAX_COUNT } from './rules';
import { formatWhy, whyPart } from './why';

/** The columns the add-on writes in the Leads tab, in order. */
export const OUTPUT_HEADERS = ['Fit', 'Behaviour', 'Negative', 'Score', 'Bucket', 'Grade', 'Why', 'Scored at'] as const;
const OUTPUT_KEYS = new Set([...OUTPUT_HEADERS.map(normalizeKey), 'behavior']);

export function isOutputHeader(name: Cell): boolean {
  return OUTPUT_KEYS.has(normalizeKey(name));
}

interface BoundRule extends Rule {
  fieldCol: number;
  dateCol: number;
  test: Test;
}

/** Ties rules to Leads columns; rules naming a missing column become problems. */
export function bindRules(rules: Rule[], headers: Cell[]): { bound: BoundRule[]; problems: Problem[] } {
  const index = indexHeaders(headers);
  const problems: Problem[] = [];
  const bound: BoundRule[] = [];
  const fieldNames = index.names.filter((n) => n !== '' && !isOutputHeader(n));
  const unknown = (name: string) => {
    const hint = closestName(name, fieldNames);
    if (hint) return `'${name}' is not a Leads column. Did you mean '${hint}'?`;
    const shown = fieldNames.slice(0, 12).join(', ') + (fieldNames.length > 12 ? ` … (${fieldNames.length} in all)` : '');
    return `'${name}' is not a Leads column. Columns are: ${shown || '(none)'}.`;
  };
  for (const rule of rules) {
    const before = problems.length;
    const fieldCol = index.find(rule.field);
    // The Leads adapter hands the add-on's own output columns over as blank headers, so a column
    // found here under an output's name is the user's own (say a CRM's Score) and may be scored on.
    if (fieldCol < 0 && isOutputHeader(rule.field)) {
      problems.push(problem('Rules', rule.row, 'Field', rule.columns.field, `'${rule.field}' is written by the add-on; a rule can't score on it.`));
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
    const compiled = compileTest(rule.operator, rule.value, field);
    if (!compiled.ok) continue; // parseRules already reported it
    const dateField = dateCol >= 0 ? index.names[dateCol] || rule.dateField : rule.dateField;
    bound.push({ ...rule, field, dateField, fieldCol, dateCol, test: compiled.test });
  }
  return { bound, problems };
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
function checkColumnKinds(rules: BoundRule[], rows: Cell[][], headers: Cell[], dayOf: (d: Date) => Day | null): { ok: BoundRule[]; problems: Problem[] } {
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
      if (reason) return fail('Value', `'${rule.value}' is ${what} date${what === 'a' ? '' : 's'}, but ${reason}. Compare with a number, e.g. 50, or point the rule at a column of dates.`);
    } else if (kind === 'number') {
      const date = first(rule.fieldCol, 'number') === null ? first(rule.fieldCol, 'date') : null;
      if (date !== null) {
        return fail('Value', `'${rule.value}' is ${what} number${what === 'a' ? '' : 's'}, but '${String(headers[rule.fieldCol])}' holds dates (e.g. ${shown(date)}), not numbers. Compare with a date, e.g. 2026-01-31, or use 'within last days' / 'older than days'.`);
      }
    }
    return true;
  });
  return { ok, problems };
}

export function gradeFor(fit: number, s: Settings): Grade {
  return fit >= s.gradeAAt ? 'A' : fit >= s.gradeBAt ? 'B' : fit >= s.gradeCAt ? 'C' : 'D';
}

export function bucketFor(score: number, s: Settings): Exclude<Bucket, 'Disqualified'> {
  return score >= s.hotAt ? 'Hot' : score >= s.warmAt ? 'Warm' : 'Cold';
}

/** Points × (1 + r + … + r^(n−1)); n × Points when r = 1. */
export function repeatSum(points: number, n: number, r: number): number {
  return r === 1 ? n * points : (points * (1 - Math.pow(r, n))) / (1 - r);
}

/** base × 0.5^(age / half-life). */
export function decay(base: number, ageDays: number, halfLifeDays: number): number {
  return base * Math.pow(0.5, ageDays / halfLifeDays);
}

export interface ScoreInput {
  settings: Settings;
  rules: Rule[];
  /** The Leads header row. */
  headers: Cell[];
  /** The data rows under it. */
  rows: Cell[][];
  /** Sheet row of rows[0]. */
  firstRow: number;
  asOfDay: Day;
  dayOf: (d: Date) => Day | null;
  /** Problems found before scoring (Rules, Settings): counted in each Why so nobody misses them. */
  earlierProblems?: Problem[];
  /**
   * Keep each lead's per-rule contributions (for Explain). Off for bulk scoring: the output cells
   * need only the totals and Why, and 100,000 leads' contributions cost ~140 MB and much GC time.
   */
  keepContributions?: boolean;
}

export interface ScoreResult {
  /** One per data row; null for a blank row. */
  leads: Array<LeadScore | null>;
  /** Problems found while binding rules to this header row (unknown fields, date columns, duplicate headers). */
  problems: Problem[];
  counts: Record<Bucket, number>;
  /** Rules that survived binding and were applied. */
  rulesApplied: number;
}

export function scoreLeads(input: ScoreInput): ScoreResult {
  const { settings, headers, rows, asOfDay, dayOf } = input;
  const headerIndex = indexHeaders(headers);
  const problems: Problem[] = headerIndex.duplicates.map((d) =>
    problem('Leads', input.firstRow - 1, d.name, d.columns[1] + 1, describeDuplicate(d)));
  const binding = bindRules(input.rules, headers);
  problems.push(...binding.problems);
  const checked = checkColumnKinds(binding.bound, rows, headers, dayOf);
  problems.push(...checked.problems);
  const rules = checked.ok;

  const skippedRows = [...new Set([...(input.earlierProblems ?? []), ...problems]
    .filter((p) => p.tab === 'Rules' && p.row > 0).map((p) => p.row))].sort((a, b) => a - b);
  const otherProblems = [...(input.earlierProblems ?? []), ...problems].filter((p) => !(p.tab === 'Rules' && p.row > 0)).length;
  const warning = [
    skippedRows.length ? `⚠ Rules row${skippedRows.length > 1 ? 's' : ''} ${skippedRows.join(', ')} skipped (see Rules problems)` : '',
    otherProblems ? `⚠ ${otherProblems} setup problem${otherProblems > 1 ? 's' : ''} (see Score leads report)` : '',
  ].filter(Boolean);

  const counts: Record<Bucket, number> = { Hot: 0, Warm: 0, Cold: 0, Disqualified: 0 };
  // One test context for the run; `issues` points at the current lead's list (no closure per lead).
  const ctx: LeadContext = {
    asOfDay, dayOf, issues: NO_TEXTS,
    issue(reason) {
      if (this.issues === NO_TEXTS) this.issues = [reason];
      else if (!this.issues.includes(reason)) this.issues.push(reason);
    },
    keep: input.keepContributions !== false, scratch: [], pool: [], partOf: sharedWhyParts(), warning,
  };
  const leads = rows.map((cells, i) => {
    if (isBlankRow(cells)) return null;
    ctx.issues = NO_TEXTS;
    const lead = scoreOne(cells, input.firstRow + i, rules, settings, ctx);
    counts[lead.bucket]++;
    return lead;
  });
  return { leads, problems, counts, rulesApplied: rules.length };
}

/**
 * Why texts of contributions, shared between leads: within one run a rule's part depends only on
 * its label (which carries the count) and the signal's age, so leads with the same signal at the
 * same age share one string instead of each building it (a third of scoring time at 100,000 leads).
 * Bounded, so a column of all-different counts can't grow it without limit.
 */
function sharedWhyParts(): (c: Contribution) => string {
  const byRule = new Map<number, Map<string, Map<number, string>>>();
  let size = 0;
  return (c) => {
    // A label shows a count to one decimal, so 2 and 2.04 visits share a label but not their points.
    if (c.count !== null && !Number.isInteger(c.count)) return whyPart(c);
    // Age key: the age in days, or -1 for no age (no Date field) and -2 for a blank date.
    const ageKey = c.ageDays ?? (c.noDate ? -2 : -1);
    let byLabel = byRule.get(c.ruleRow);
    if (!byLabel) byRule.set(c.ruleRow, (byLabel = new Map()));
    let byAge = byLabel.get(c.label);
    if (!byAge) byLabel.set(c.label, (byAge = new Map()));
    let part = byAge.get(ageKey);
    if (part === undefined) {
      part = whyPart(c);
      if (size < 100_000) {
        byAge.set(ageKey, part);
        size++;
      }
    }
    return part;
  };
}

/**
 * One shared empty list for the many leads with no issues, no disqualifier or (bulk scoring) no
 * kept contributions: 100,000 leads, 300,000 fewer arrays. Frozen, so a stray push throws.
 */
const NONE: readonly never[] = Object.freeze([]);
const NO_TEXTS = NONE as unknown as string[];
const NO_CONTRIBUTIONS = NONE as unknown as Contribution[];

interface LeadContext extends TestContext {
  /** The current lead's issues: NO_TEXTS until the first one. */
  issues: string[];
  /**
   * Keep each lead's contributions (Explain). When false (bulk scoring) one scratch list and a pool
   * of contribution objects serve lead after lead, since only the totals and Why are kept: this
   * spares ~80 MB of short-lived objects per 100,000 leads, and the garbage collections they cost.
   */
  keep: boolean;
  scratch: Contribution[];
  pool: Contribution[];
  partOf: (c: Contribution) => string;
  /** Rules/setup warnings appended to every Why. */
  warning: string[];
}

function blankContribution(): Contribution {
  return {
    ruleRow: 0, category: 'Fit', label: '', uncapped: 0, base: 0, capped: false, points: 0, count: null,
    ageDays: null, halfLifeDays: null, expired: false, noDate: false, note: '',
  };
}

function isBlankRow(cells: Cell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}

/** `Field ×n` labels, shared between leads with the same count. */
const countLabels = new WeakMap<BoundRule, Map<number, string>>();
function countLabel(rule: BoundRule, n: number): string {
  let labels = countLabels.get(rule);
  if (!labels) countLabels.set(rule, (labels = new Map()));
  let label = labels.get(n);
  if (label === undefined) labels.set(n, (label = `${rule.field} ×${formatNumber(n)}`));
  return label;
}

function scoreOne(cells: Cell[], row: number, rules: BoundRule[], settings: Settings, ctx: LeadContext): LeadScore {
  const { asOfDay, dayOf } = ctx;
  const contributions: Contribution[] = ctx.keep ? [] : ctx.scratch;
  contributions.length = 0;
  let disqualifiedBy = NO_TEXTS;

  for (const rule of rules) {
    const v = cells[rule.fieldCol];
    if (isErrorValue(v)) {
      ctx.issue(`${rule.field} is ${v.trim()}`);
      continue;
    }
    // A count must be a number: say so rather than let the rule quietly give nothing.
    const countValue = rule.per === 'each' && !isBlank(v) ? toNumber(v) : null;
    if (rule.per === 'each' && !isBlank(v) && (countValue === null || countValue < 0)) {
      ctx.issue(`${rule.field} '${String(v).trim()}' is not a count`);
      continue;
    }
    // A count beyond MAX_COUNT would make the repeat sum overflow to Infinity: named, not scored.
    if (countValue !== null && countValue > MAX_COUNT) {
      ctx.issue(`${rule.field} '${String(v).trim()}' is too large for a count (at most 1,000,000)`);
      continue;
    }
    let label = rule.test(v, ctx);
    if (label === null) continue;

    // Date of the signal: age for decay and expiry. A blank date counts without decay (said in Why).
    let ageDays: number | null = null;
    let noDate = false;
    if (rule.dateCol >= 0) {
      const dv = cells[rule.dateCol];
      const day = isErrorValue(dv) ? NaN : dayNumber(dv, dayOf);
      if (day !== BLANK_DAY && !Number.isNaN(day)) ageDays = Math.max(0, asOfDay - day);
      else {
        noDate = true;
        if (day !== BLANK_DAY) ctx.issue(`${rule.dateField} '${String(dv).trim()}' is not a date, so ${rule.field} was not decayed`);
      }
    }
    const expired = ageDays !== null && rule.expiresAfterDays !== null && ageDays > rule.expiresAfterDays;

    if (rule.category === 'Disqualify') {
      if (!expired) {
        if (disqualifiedBy === NO_TEXTS) disqualifiedBy = [label];
        else disqualifiedBy.push(label);
      }
      continue;
    }

    let count: number | null = null;
    let uncapped = rule.points;
    if (rule.per === 'each') {
      const n = countValue;
      if (n === null || n <= 0) continue;
      count = n;
      uncapped = repeatSum(rule.points, n, rule.repeatFactor);
      label = countLabel(rule, n);
    }
    const capped = rule.maxPoints !== null && Math.abs(uncapped) > rule.maxPoints;
    const base = capped ? Math.sign(uncapped) * rule.maxPoints! : uncapped;
    let points = expired ? 0 : base;
    if (!expired && ageDays !== null && rule.halfLifeDays !== null) points = decay(base, ageDays, rule.halfLifeDays);
    if (rule.category === 'Negative') points = -Math.abs(points);
    const c = ctx.keep ? blankContribution() : (ctx.pool[contributions.length] ??= blankContribution());
    c.ruleRow = rule.row; c.category = rule.category; c.label = label; c.uncapped = uncapped; c.base = base;
    c.capped = capped; c.points = points; c.count = count; c.ageDays = ageDays; c.halfLifeDays = rule.halfLifeDays;
    c.expired = expired; c.noDate = noDate; c.note = rule.note;
    contributions.push(c);
  }

  let fitRaw = 0;
  let behaviourRaw = 0;
  let negativeRaw = 0;
  for (const c of contributions) {
    if (c.category === 'Fit') fitRaw += c.points;
    else if (c.category === 'Behaviour') behaviourRaw += c.points;
    else negativeRaw += c.points;
  }
  const fitTotal = settings.maxFit !== null ? Math.min(fitRaw, settings.maxFit) : fitRaw;
  const behaviourTotal = settings.maxBehaviour !== null ? Math.min(behaviourRaw, settings.maxBehaviour) : behaviourRaw;
  const disqualified = disqualifiedBy.length > 0;
  const total = Math.min(Math.max(fitTotal + behaviourTotal + negativeRaw, 0), settings.maxScore);
  const score = disqualified ? 0 : roundPoints(total);
  const fit = roundPoints(fitTotal);
  const lead: LeadScore = {
    row,
    fit,
    behaviour: roundPoints(behaviourTotal),
    negative: roundPoints(negativeRaw),
    fitUncapped: fitRaw,
    behaviourUncapped: behaviourRaw,
    score,
    bucket: disqualified ? 'Disqualified' : bucketFor(score, settings),
    grade: gradeFor(fit, settings),
    why: '',
    contributions,
    disqualifiedBy,
    issues: ctx.issues,
  };
  lead.why = formatWhy(lead, settings, ctx.warning, ctx.partOf);
  if (!ctx.keep) lead.contributions = NO_CONTRIBUTIONS;
  return lead;
}
