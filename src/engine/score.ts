/**
 * The scoring rule, as README "Scoring" states it: for one lead and one as-of date, each enabled
 * rule that holds gives a base (Points, or the repeat sum), capped at Max points, then decayed or
 * expired; the lead's fit, behaviour and negative totals give its score, bucket and grade.
 * `evaluate` is one rule on one lead and `leadScore` one lead's totals; both ways of scoring many
 * leads call them: `scoreDetailed` here (every contribution kept, for Explain) and the columnar
 * bulk path in bulk.ts.
 */
import type { Bucket, Cell, Contribution, Day, Grade, LeadScore, Settings } from './types';
import { isBlank, isErrorValue, roundPoints, toNumber, formatNumber } from './text';
import { BLANK_DAY } from './dates';
import { cellText, readNumber, shownCell, type TestContext } from './operators';
import { MAX_COUNT } from './rules';
import type { BoundRule } from './bind';
import { formatWhy, whyPart } from './why';
import { activityLabel, evaluateActivity } from './activity';

/** Points × (1 + r + … + r^(n−1)); n × Points when r = 1. */
export function repeatSum(points: number, n: number, r: number): number {
  return r === 1 ? n * points : (points * (1 - r ** n)) / (1 - r);
}

/** base × 0.5^(age / half-life). */
export function decay(base: number, ageDays: number, halfLifeDays: number): number {
  return base * 0.5 ** (ageDays / halfLifeDays);
}

export function gradeFor(fit: number, s: Settings): Grade {
  return fit >= s.gradeAAt ? 'A' : fit >= s.gradeBAt ? 'B' : fit >= s.gradeCAt ? 'C' : 'D';
}

export function bucketFor(score: number, s: Settings): Exclude<Bucket, 'Disqualified'> {
  return score >= s.hotAt ? 'Hot' : score >= s.warmAt ? 'Warm' : 'Cold';
}

/** What one rule that holds gave one lead. `evaluate` fills one of these in, reused cell after cell. */
export interface Hit {
  /** The alternative that held: an index into the rule's labels. */
  alt: number;
  /** The Field's number for `each` rules, else null. */
  count: number | null;
  /** Days from the signal's date to the as-of day (0 for a future date); null without a date. */
  ageDays: number | null;
  /** The rule has a Date field but this lead's cell is blank (or not a date): counted without decay. */
  noDate: boolean;
  expired: boolean;
  /** Points, or the repeat sum, before Max points. */
  uncapped: number;
  /** After Max points, before decay. */
  base: number;
  capped: boolean;
  /** After decay or expiry, signed as it counts (negative for Negative rules). */
  points: number;
  /** Activity rules only (activity.ts): events counted, newest and oldest counted event's age. */
  events: number;
  latestDays: number;
  spanDays: number;
}

export function blankHit(): Hit {
  return {
    alt: 0,
    count: null,
    ageDays: null,
    noDate: false,
    expired: false,
    uncapped: 0,
    base: 0,
    capped: false,
    points: 0,
    events: 0,
    latestDays: -1,
    spanDays: -1,
  };
}

export const MISSES = 0;
export const SCORES = 1;
export const DISQUALIFIES = 2;

/**
 * One rule on one lead: MISSES, SCORES (with `hit` filled in) or DISQUALIFIES. `text` and `num`
 * are the Field cell read as the rule's condition reads it (see Reading), `dateDay` the Date field
 * cell's dayNumber. Bad cells are lead issues, and the rule gives nothing (README "Why").
 */
export function evaluate(rule: BoundRule, cells: Cell[], text: string, num: number, dateDay: number, ctx: TestContext, hit: Hit): number {
  const v = cells[rule.fieldCol];
  ctx.field = rule.field;
  if (isErrorValue(v)) {
    ctx.issue(`${rule.field} is ${v.trim()}`);
    return MISSES;
  }
  // A count must be a number: say so rather than let the rule quietly give nothing.
  let count: number | null = null;
  if (rule.per === 'each' && !isBlank(v)) {
    count = rule.condition.reads === 'number' ? (Number.isNaN(num) ? null : num) : toNumber(v);
    if (count === null || count < 0) {
      ctx.issue(`${rule.field} '${shownCell(v, ctx.dayOf)}' is not a count`);
      return MISSES;
    }
    // A count beyond MAX_COUNT would make the repeat sum overflow to Infinity: named, not scored.
    if (count > MAX_COUNT) {
      ctx.issue(`${rule.field} '${shownCell(v, ctx.dayOf)}' is too large for a count (at most 1,000,000)`);
      return MISSES;
    }
  }
  const alt = rule.condition.match(v, text, num, ctx);
  if (alt < 0) return MISSES;

  // The signal's date gives its age, for decay and expiry. A blank date counts without decay (said in Why).
  let ageDays: number | null = null;
  let noDate = false;
  if (rule.dateCol >= 0) {
    if (dateDay !== BLANK_DAY && !Number.isNaN(dateDay)) ageDays = Math.max(0, ctx.asOfDay - dateDay);
    else {
      noDate = true;
      if (dateDay !== BLANK_DAY)
        ctx.issue(`${rule.dateField} '${shownCell(cells[rule.dateCol], ctx.dayOf)}' is not a date, so ${rule.field} was not decayed`);
    }
  }
  const expired = ageDays !== null && rule.expiresAfterDays !== null && ageDays > rule.expiresAfterDays;
  hit.alt = alt;
  if (rule.category === 'Disqualify') return expired ? MISSES : DISQUALIFIES;

  if (rule.per === 'each' && (count === null || count <= 0)) return MISSES;
  hit.noDate = noDate;
  valueHit(rule, count, ageDays, expired, hit);
  return SCORES;
}

/** What valueHit needs of a rule (a compiled or a bound rule). */
type RuleValue = Pick<BoundRule, 'category' | 'points' | 'repeatFactor' | 'maxPoints' | 'halfLifeDays'>;

/**
 * The points of a rule that holds on a lead (README "Scoring", step 1): Points, or the repeat sum
 * for `each`; capped at Max points; then decayed or expired; always subtracting for Negative.
 * Written into `hit`, so the bulk path allocates nothing per hit; the sidebar's What if re-values
 * kept hits with it when only points change.
 */
export function valueHit(
  rule: RuleValue,
  count: number | null,
  ageDays: number | null,
  expired: boolean,
  hit: Pick<Hit, 'count' | 'ageDays' | 'expired' | 'uncapped' | 'base' | 'capped' | 'points'>,
): void {
  const uncapped = count !== null ? repeatSum(rule.points, count, rule.repeatFactor) : rule.points;
  const capped = rule.maxPoints !== null && Math.abs(uncapped) > rule.maxPoints;
  const base = capped ? Math.sign(uncapped) * rule.maxPoints! : uncapped;
  let points = expired ? 0 : base;
  if (!expired && ageDays !== null && rule.halfLifeDays !== null) points = decay(base, ageDays, rule.halfLifeDays);
  // Negative rules always subtract, whatever the sign of their Points.
  if (rule.category === 'Negative') points = -Math.abs(points);
  hit.count = count;
  hit.ageDays = ageDays;
  hit.expired = expired;
  hit.uncapped = uncapped;
  hit.base = base;
  hit.capped = capped;
  hit.points = points;
}

/** A shared empty list for leads with no contributions, disqualifier or issues. Frozen, so a stray push throws. */
const NONE: readonly never[] = Object.freeze([]);
export const NO_TEXTS = NONE as unknown as string[];
export const NO_CONTRIBUTIONS = NONE as unknown as Contribution[];

/**
 * One lead from its raw category sums: `fit` = Σ Fit capped at Max fit, `behaviour` = Σ Behaviour
 * capped at Max behaviour, `negative` = −Σ |Negative|; `score` = round(clamp(Base score + fit +
 * behaviour + negative, 0, Max score)), 0 when disqualified; bucket from the score, grade from fit. Why is
 * left blank for the caller.
 */
export function leadScore(
  row: number,
  fitRaw: number,
  behaviourRaw: number,
  negativeRaw: number,
  disqualifiedBy: string[],
  issues: string[],
  contributions: Contribution[],
  settings: Settings,
): LeadScore {
  const fitTotal = settings.maxFit !== null ? Math.min(fitRaw, settings.maxFit) : fitRaw;
  const behaviourTotal = settings.maxBehaviour !== null ? Math.min(behaviourRaw, settings.maxBehaviour) : behaviourRaw;
  const disqualified = disqualifiedBy.length > 0;
  const total = Math.min(Math.max(settings.baseScore + fitTotal + behaviourTotal + negativeRaw, 0), settings.maxScore);
  const score = disqualified ? 0 : roundPoints(total);
  const fit = roundPoints(fitTotal);
  return {
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
    issues,
  };
}

/** The Why label of a hit: the alternative's label, or `Field ×n` for `each` rules. */
export function hitLabel(rule: BoundRule, hit: Hit): string {
  if (rule.activity) return activityLabel(rule, hit);
  return hit.count !== null ? `${rule.field} ×${formatNumber(hit.count)}` : rule.labels[hit.alt];
}

export function contribution(rule: BoundRule, hit: Hit): Contribution {
  return {
    ruleRow: rule.row,
    category: rule.category as Contribution['category'],
    label: hitLabel(rule, hit),
    uncapped: hit.uncapped,
    base: hit.base,
    capped: hit.capped,
    points: hit.points,
    count: hit.count,
    ageDays: hit.ageDays,
    halfLifeDays: rule.halfLifeDays,
    expired: hit.expired,
    noDate: hit.noDate,
    note: rule.note,
    ...(rule.activity ? { activity: { events: hit.events, latestDays: hit.latestDays, spanDays: hit.spanDays } } : {}),
  };
}

export function isBlankRow(cells: Cell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}

/** A lead's issues, each once, in the order found; NO_TEXTS until the first. */
export function addIssue(list: string[], reason: string): string[] {
  if (list === NO_TEXTS) return [reason];
  if (!list.includes(reason)) list.push(reason);
  return list;
}

/**
 * Scores leads one by one, keeping every contribution (the sidebar's Explain and the custom
 * functions' details): the plain reading of the rule, and the reference the bulk path must match.
 */
export function scoreDetailed(
  rules: BoundRule[],
  rows: Cell[][],
  firstRow: number,
  settings: Settings,
  asOfDay: Day,
  dayOf: (d: Date) => Day | null,
  warning: string[],
): Array<LeadScore | null> {
  let issues = NO_TEXTS;
  const ctx: TestContext = {
    asOfDay,
    dayOf,
    field: '',
    issue: (reason) => {
      issues = addIssue(issues, reason);
    },
  };
  const hit = blankHit();
  return rows.map((cells, i) => {
    if (isBlankRow(cells)) return null;
    issues = NO_TEXTS;
    const contributions: Contribution[] = [];
    const disqualifiedBy: string[] = [];
    let fit = 0;
    let behaviour = 0;
    let negative = 0;
    for (const rule of rules) {
      if (rule.activity) {
        const outcome = evaluateActivity(rule, cells, ctx, hit);
        if (outcome === DISQUALIFIES) disqualifiedBy.push(rule.labels[hit.alt]);
        if (outcome !== SCORES) continue;
        contributions.push(contribution(rule, hit));
        if (rule.category === 'Fit') fit += hit.points;
        else if (rule.category === 'Behaviour') behaviour += hit.points;
        else negative += hit.points;
        continue;
      }
      const v = cells[rule.fieldCol];
      const reads = rule.condition.reads;
      const text = reads === 'text' ? cellText(v, dayOf) : '';
      const dateDay = rule.dateCol >= 0 ? readNumber('day', cells[rule.dateCol], dayOf) : BLANK_DAY;
      const outcome = evaluate(rule, cells, text, readNumber(reads, v, dayOf), dateDay, ctx, hit);
      if (outcome === DISQUALIFIES) disqualifiedBy.push(rule.labels[hit.alt]);
      if (outcome !== SCORES) continue;
      contributions.push(contribution(rule, hit));
      if (rule.category === 'Fit') fit += hit.points;
      else if (rule.category === 'Behaviour') behaviour += hit.points;
      else negative += hit.points;
    }
    const lead = leadScore(
      firstRow + i,
      fit,
      behaviour,
      negative,
      disqualifiedBy.length ? disqualifiedBy : NO_TEXTS,
      issues,
      contributions,
      settings,
    );
    lead.why = formatWhy(lead, settings, warning, whyPart);
    return lead;
  });
}
