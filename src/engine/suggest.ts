/**
 * Suggest points from won and lost leads (README "Tune the model from outcomes" "Tune the model from
 * outcomes"): candidate rules from the training leads, greedy forward selection by the score test
 * on the training leads alone, an L2-regularised logistic fit (suggestFit.ts), points = the
 * coefficients scaled to the 100-point scale, the intercept becoming the Base score. Every
 * candidate is evaluated by the scoring engine itself (one Rules row each), so a suggested rule
 * means in the product exactly what it meant in the fit. Pure and deterministic (seeded split).
 */
import type { Cell, Settings } from './types';
import { isBlank, normalizeKey, toNumber } from './text';
import { indexHeaders } from './columns';
import { readOutcome } from './outcomes';
import { RULE_HEADERS } from './rules';
import { prepareRun, scoreRows, scoreRowsAsOf, type Leads, type PreparedRun } from './run';
import { readDay } from './dates';
import { backtest, aucOf, maskAfterDecision, type BacktestReport } from './backtest';
import { fitLogistic, scoreTest } from './suggestFit';

export const MIN_DECIDED = 100;
export const MIN_CLASS = 20;
/** A text column with more distinct values than this among the training leads is left out. */
export const MAX_DISTINCT = 1000;
/** A column whose values alone reach this AUC separates won from lost almost perfectly: it leaks the outcome. */
export const LEAK_AUC = 0.97;
const L2 = 1;
/** Score-test statistic a candidate must reach to be chosen (about p < 0.001 for one degree of freedom). */
const MIN_GAIN = 10.8;
/** A whole-number column whose 90th percentile is at most this is read as a count (`each` candidates). */
const COUNT_Q90 = 20;
/** Repeat factors of the `each` candidates: every one alike, or each worth half the one before. */
const COUNT_REPEATS = [1, 0.5];

export interface Candidate {
  field: string;
  operator: string;
  value: string;
  /** Column index in the Leads header. */
  column: number;
  /** Candidates in the same group on a column exclude each other (e.g. two thresholds); 'value' ones do not. */
  kind: 'value' | 'threshold' | 'band' | 'empty' | 'current' | 'date' | 'count';
  behaviour: boolean;
  /** The Rules columns beyond Points, for `each` counts and decayed dates. */
  extra?: RuleExtra;
}

/** Per, Repeat factor, Date field and Half-life days of a candidate (blank when absent). */
export interface RuleExtra {
  per?: 'each';
  repeatFactor?: number;
  dateField?: string;
  halfLifeDays?: number;
}

export interface SuggestedRule {
  category: 'Fit' | 'Behaviour' | 'Negative';
  field: string;
  operator: string;
  value: string;
  points: number;
  note: string;
  /** Per `each`, Repeat factor, Date field, Half-life days, when the rule has them. */
  extra?: RuleExtra;
  /** The rule in words, its Per / repeat factor / half-life included, e.g. "Pricing page visits > 0, each (×0.5)". */
  text: string;
}

/** A suggested rule in words (what the sidebar and the CLI show). */
export function suggestedRuleText(r: Pick<SuggestedRule, 'field' | 'operator' | 'value' | 'extra'>): string {
  const parts = [[r.field, r.operator, r.value].filter((x) => x !== '').join(' ')];
  if (r.extra?.per === 'each')
    parts.push(r.extra.repeatFactor !== undefined && r.extra.repeatFactor !== 1 ? `each (×${r.extra.repeatFactor})` : 'each');
  if (r.extra?.halfLifeDays !== undefined)
    parts.push(
      `half-life ${r.extra.halfLifeDays} d${r.extra.dateField && r.extra.dateField !== r.field ? ` from ${r.extra.dateField}` : ''}`,
    );
  return parts.join(', ');
}

export interface SuggestComparison {
  current: BacktestReport | null;
  suggested: BacktestReport | null;
  /** Holdout leads whose bucket differs between current and suggested. */
  changedBucket: number;
  sentence: string;
}

export type SuggestResult =
  | {
      ok: true;
      rules: SuggestedRule[];
      baseScore: number;
      hotAt: number;
      warmAt: number;
      training: number;
      holdout: number;
      candidates: number;
      leftOut: Array<{ column: string; reason: string }>;
      comparison: SuggestComparison;
      /** The rules in the Rules tab's format, header first. */
      grid: Cell[][];
      /** The Settings rows to write: Base score, Hot at, Warm at. */
      settingsRows: Array<[string, number]>;
    }
  | { ok: false; error: string };

export interface SuggestInput {
  settings: Cell[][] | null;
  rules: Cell[][];
  leads: Leads;
  today: Date;
  asOf?: Date | string | null;
  spreadsheetTimeZone?: string;
  /** Overrides: the Outcome column and Max suggested rules. */
  outcomeColumn?: string;
  maxRules?: number;
  seed?: number;
  /** Columns to leave out by name (filled in after contact, say). */
  exclude?: string[];
}

/** Mulberry32: a small seeded generator, so the same sheet and seed give the same split. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const BEHAVIOUR_WORDS =
  /visit|activit|page|time|click|open|download|view|contact|campaign|call|days|previous|last|email sent|webinar|demo/i;
const ID_WORDS = /(^|\b)(id|uuid|number|name|first name|last name|company|phone)$/i;

/** Stratified seeded split, or by the Outcome date column (older leads training) when given: 70/30. */
function split(decided: unknown[], won: boolean[], dates: Array<number | null> | null, seed: number): boolean[] {
  const train = new Array<boolean>(decided.length).fill(false);
  if (dates?.every((d) => d !== null)) {
    const order = decided.map((_, i) => i).sort((a, b) => dates[a]! - dates[b]! || a - b);
    order.slice(0, Math.round(order.length * 0.7)).forEach((i) => {
      train[i] = true;
    });
    return train;
  }
  const random = rng(seed);
  for (const cls of [true, false]) {
    const idx = decided.map((_, i) => i).filter((i) => won[i] === cls);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    idx.slice(0, Math.round(idx.length * 0.7)).forEach((i) => {
      train[i] = true;
    });
  }
  return train;
}

function quantiles(sorted: number[], qs: number[]): number[] {
  return [...new Set(qs.map((q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]))];
}

const niceNumber = (n: number) => String(Math.round(n * 100) / 100);

/** The candidate rules of one column, from the training rows only. */
function columnCandidates(
  name: string,
  col: number,
  rows: Cell[][],
  y: boolean[],
  leftOut: Array<{ column: string; reason: string }>,
): Candidate[] {
  const out: Candidate[] = [];
  const behaviour = BEHAVIOUR_WORDS.test(name);
  const values = rows.map((r) => r[col]);
  const filled = values.filter((v) => !isBlank(v));
  if (filled.length === 0) {
    leftOut.push({ column: name, reason: 'empty' });
    return out;
  }
  const blankShare = 1 - filled.length / values.length;
  const add = (operator: string, value: string, kind: Candidate['kind'], b = behaviour, extra?: RuleExtra) =>
    out.push({ field: name, operator, value, column: col, kind, behaviour: b, ...(extra ? { extra } : {}) });
  if (/e-?mail/i.test(name) && filled.some((v) => String(v).includes('@'))) {
    add('is free email', '', 'value', false);
    return out;
  }
  if (filled.every((v) => v instanceof Date)) {
    for (const d of [7, 30, 90]) add('within last days', String(d), 'threshold', true);
    // Recency as a decayed signal: full points today, half after 30 days.
    add('is not empty', '', 'threshold', true, { dateField: name, halfLifeDays: 30 });
    return out;
  }
  const nums = filled.map((v) => (typeof v === 'number' ? v : toNumber(v)));
  const numeric = nums.filter((n) => n !== null).length >= 0.95 * filled.length;
  // Leaks: one column's values alone separate won from lost almost perfectly.
  let auc: number | null;
  if (numeric) {
    auc = aucOf(
      values.map((v) => (isBlank(v) ? -1e300 : (toNumber(v) ?? -1e300))),
      y,
    );
  } else {
    const rate = new Map<string, [number, number]>();
    values.forEach((v, i) => {
      const k = isBlank(v) ? '' : normalizeKey(v);
      const r = rate.get(k) ?? [0, 0];
      r[0] += y[i] ? 1 : 0;
      r[1]++;
      rate.set(k, r);
    });
    if (rate.size > MAX_DISTINCT) {
      leftOut.push({ column: name, reason: `${rate.size} different values: too many to make rules from` });
      return out;
    }
    // A rate per value fitted on the leads it is read from overstates a rare value's separation: shrink it.
    const won = y.filter(Boolean).length / y.length;
    auc = aucOf(
      values.map((v) => {
        const r = rate.get(isBlank(v) ? '' : normalizeKey(v))!;
        return (r[0] + 20 * won) / (r[1] + 20);
      }),
      y,
    );
  }
  if (auc !== null && Math.max(auc, 1 - auc) >= LEAK_AUC) {
    leftOut.push({ column: name, reason: `leaks the outcome (its values alone reach AUC ${Math.max(auc, 1 - auc).toFixed(2)})` });
    return out;
  }
  if (blankShare >= 0.02 && blankShare <= 0.98) add('is empty', '', 'empty');
  if (numeric) {
    const sorted = (nums.filter((n) => n !== null) as number[]).sort((a, b) => a - b);
    const edges = quantiles(sorted, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]).filter((e) => e > sorted[0]);
    for (const e of edges) add('>=', niceNumber(e), 'threshold');
    // A count (non-negative whole numbers, mostly small): points for each, all alike or each worth half the last.
    if (
      sorted[0] >= 0 &&
      sorted.every(Number.isInteger) &&
      sorted[Math.floor(0.9 * sorted.length)] <= COUNT_Q90 &&
      sorted[sorted.length - 1] > 0
    )
      for (const r of COUNT_REPEATS) add('>', '0', 'count', behaviour, { per: 'each', repeatFactor: r });
    const bounds = [sorted[0], ...edges, sorted[sorted.length - 1] + 1];
    for (let i = 0; i + 1 < bounds.length; i++) {
      // The band's top is the largest training value below the next edge, so bands never overlap.
      let hi = Number.NaN;
      for (const v of sorted) if (v < bounds[i + 1] && v >= bounds[i]) hi = v;
      if (Number.isNaN(hi)) continue;
      add('between', `${niceNumber(bounds[i])}..${niceNumber(hi)}`, 'band');
    }
    return out;
  }
  const counts = new Map<string, number>();
  for (const v of filled) {
    const t = String(v).trim();
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const minCount = Math.max(MIN_CLASS, Math.ceil(0.005 * rows.length));
  [...counts.entries()]
    .filter(([t, n]) => n >= minCount && n <= 0.995 * rows.length && !/[,"=]/.test(t) && !/^select$/i.test(t))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 30)
    .forEach(([t]) => {
      add('is', t, 'value');
    });
  return out;
}

function ruleRowOf(category: string, field: string, operator: string, value: string, points: number, note: string, x?: RuleExtra): Cell[] {
  return [
    category,
    field,
    operator,
    value,
    points,
    x?.per ?? '',
    x?.repeatFactor ?? '',
    '',
    x?.dateField ?? '',
    x?.halfLifeDays ?? '',
    '',
    true,
    note,
  ];
}

/** Which pairs of candidates may both be chosen: on one column, only exclusive values or disjoint bands. */
function compatible(a: Candidate, b: Candidate): boolean {
  if (a.column !== b.column || a.kind === 'current' || b.kind === 'current') return true;
  if ((a.kind === 'value' || a.kind === 'empty') && (b.kind === 'value' || b.kind === 'empty')) return true;
  return a.kind === 'band' && b.kind === 'band';
}

/**
 * The score test with the feature centred on the fit's weights p(1 − p), so the intercept already
 * in the fit is allowed for: (Σ x(y − p))² / (Σ x² w − (Σ x w)² / Σ w). Without the centring a
 * count (values 0..6, say) would be judged against its raw square and lose to any threshold on it.
 */
function centredScoreTest(x: Float64Array, y: Float64Array, p: Float64Array): number {
  let g = 0;
  let h = 0;
  let xw = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    const w = p[i] * (1 - p[i]);
    sw += w;
    const xi = x[i];
    if (xi === 0) continue;
    g += xi * (y[i] - p[i]);
    h += xi * xi * w;
    xw += xi * w;
  }
  const v = h - (sw > 0 ? (xw * xw) / sw : 0);
  return v > 1e-12 ? (g * g) / v : 0;
}

export function suggestRules(input: SuggestInput): SuggestResult {
  const fail = (error: string): SuggestResult => ({ ok: false, error });
  const base = prepareRun({
    settings: input.settings,
    rules: input.rules,
    today: input.today,
    asOf: input.asOf,
    spreadsheetTimeZone: input.spreadsheetTimeZone,
  });
  const s: Settings = { ...base.settings };
  const outcomeName = input.outcomeColumn ?? s.outcomeColumn;
  const maxRules = input.maxRules ?? s.maxSuggestedRules;
  const headers = indexHeaders(input.leads.headers);
  if (!outcomeName)
    return fail("Set 'Outcome column' in the Settings tab (or pass --outcome) to the header that says whether each lead was won or lost.");
  const outcomeCol = headers.find(outcomeName);
  if (outcomeCol < 0) return fail(`'${outcomeName}' is not a Leads header, so there are no outcomes to learn from.`);
  const dateCol = s.outcomeDateColumn ? headers.find(s.outcomeDateColumn) : -1;

  const decidedRows: Cell[][] = [];
  const won: boolean[] = [];
  for (const r of input.leads.rows) {
    const o = readOutcome(r[outcomeCol]);
    if (o !== 'won' && o !== 'lost') continue;
    decidedRows.push(r);
    won.push(o === 'won');
  }
  const nWon = won.filter(Boolean).length;
  const nLost = won.length - nWon;
  if (nWon === 0 || nLost === 0)
    return fail(
      `All ${won.length} decided leads in '${outcomeName}' were ${nWon === 0 ? 'lost' : 'won'}: points are learnt by comparing won with lost leads, so some of each are needed.`,
    );
  if (won.length < MIN_DECIDED || nWon < MIN_CLASS || nLost < MIN_CLASS)
    return fail(
      `Only ${won.length} decided leads (${nWon} won, ${nLost} lost): suggesting points needs at least ${MIN_DECIDED}, with ${MIN_CLASS} or more of each. Nothing is suggested.`,
    );
  const dates =
    dateCol >= 0 ? decidedRows.map((r) => (r[dateCol] instanceof Date ? (r[dateCol] as Date).getTime() : toNumber(r[dateCol]))) : null;
  const isTrain = split(decidedRows, won, dates, input.seed ?? 1);
  const trainRows = decidedRows.filter((_, i) => isTrain[i]);
  const trainY = won.filter((_, i) => isTrain[i]);

  // Columns left out: the outcome, its date, ids, names, email (except is free email), asked-for exclusions.
  const leftOut: Array<{ column: string; reason: string }> = [];
  const ruleFields = new Set(base.rules.map((r) => normalizeKey(r.field)));
  if (ruleFields.has(normalizeKey(outcomeName)))
    leftOut.push({ column: outcomeName, reason: 'is the outcome, yet a rule reads it: that rule is left out' });
  // Left out as asked: the CLI's --leave-out and the Settings row Leave out of suggestions.
  const asked = [...(input.exclude ?? []), ...s.leaveOutOfSuggestions];
  const exclude = new Set(asked.map(normalizeKey));
  for (const name of s.leaveOutOfSuggestions)
    if (headers.find(name) < 0)
      leftOut.push({ column: name, reason: `is in Settings 'Leave out of suggestions' but is not a ${s.leadsSheet} header` });
  const candidates: Candidate[] = [];
  for (const rule of base.rules) {
    if (rule.category === 'Disqualify' || normalizeKey(rule.field) === normalizeKey(outcomeName)) continue;
    const col = headers.find(rule.field);
    if (col < 0) continue;
    candidates.push({
      field: rule.field,
      operator: rule.operator,
      value: rule.value,
      column: col,
      kind: 'current',
      behaviour: rule.category === 'Behaviour',
    });
  }
  headers.names.forEach((name, col) => {
    if (name === '' || col === outcomeCol || col === dateCol) return;
    if (exclude.has(normalizeKey(name))) {
      leftOut.push({ column: name, reason: 'left out as asked' });
      return;
    }
    if (ID_WORDS.test(name.trim()) || /prospect id|lead id/i.test(name)) {
      leftOut.push({ column: name, reason: 'an id or a name' });
      return;
    }
    candidates.push(...columnCandidates(name, col, trainRows, trainY, leftOut));
  });
  if (candidates.length === 0) return fail('No column could give a rule (see the columns left out).');

  // Each candidate as one engine rule (Fit, 1 point): the feature is what the engine gives it.
  const grid: Cell[][] = [[...RULE_HEADERS], ...candidates.map((c) => ruleRowOf('Fit', c.field, c.operator, c.value, 1, '', c.extra))];
  const evalSettings: Cell[][] = [
    ['Setting', 'Value'],
    ['Max score', 1e9],
    ['Hot at', 2],
    ['Warm at', 1],
  ];
  const evalRun = prepareRun({
    settings: evalSettings,
    rules: grid,
    today: input.today,
    asOf: input.asOf,
    spreadsheetTimeZone: input.spreadsheetTimeZone,
  });
  // With an Outcome date column each decided lead is seen as of its own day, as the backtest sees
  // it (README "Does the score work?"): later signals do not count, so no candidate learns from them.
  const decided: Leads = { headers: input.leads.headers, rows: decidedRows, firstRow: 2 };
  let scored: ReturnType<typeof scoreRows>;
  if (dateCol >= 0) {
    const days = decidedRows.map((r) => {
      const d = readDay(r[dateCol], evalRun.dayOf);
      return d.kind === 'day' ? d.day : null;
    });
    const { rows } = maskAfterDecision(evalRun.rules, evalRun, decided, days);
    scored = scoreRowsAsOf(evalRun, { ...decided, rows }, days, { keepContributions: true });
  } else {
    scored = scoreRows(evalRun, decided, { keepContributions: true });
  }
  const m = candidates.length;
  const n = decidedRows.length;
  const X = new Float64Array(n * m);
  scored.leads.forEach((l, i) => {
    if (l) for (const c of l.contributions) X[i * m + (c.ruleRow - 2)] = c.points;
  });
  const bad = new Set(scored.problems.filter((p) => p.tab === 'Rules').map((p) => p.row - 2));

  // Training matrix, then forward selection by the score test.
  const trainIdx = [...isTrain.keys()].filter((i) => isTrain[i]);
  const Xt = (j: number) => Float64Array.from(trainIdx, (i) => X[i * m + j]);
  const cols: Float64Array[] = [];
  for (let j = 0; j < m; j++) cols.push(Xt(j));
  const yT = Float64Array.from(trainIdx, (i) => (won[i] ? 1 : 0));
  const chosen: number[] = [];
  let fit = fitLogistic([], yT, L2);
  while (chosen.length < maxRules) {
    let best = -1;
    let bestStat = MIN_GAIN;
    let bestRaw = 0;
    for (let j = 0; j < m; j++) {
      if (bad.has(j) || chosen.includes(j) || !chosen.every((k) => compatible(candidates[k], candidates[j]))) continue;
      const stat = centredScoreTest(cols[j], yT, fit.p);
      // Complementary rules (Plan is Pro / Plan is Free) tie once the intercept is allowed for: the
      // uncentred test then prefers the rule on the leads that differ most from the fit, as before.
      const tie = best >= 0 && Math.abs(stat - bestStat) <= 1e-9 * Math.max(1, stat);
      const raw = tie || stat > bestStat ? scoreTest(cols[j], yT, fit.p) : 0;
      if ((!tie && stat > bestStat) || (tie && raw > bestRaw)) {
        bestStat = stat;
        bestRaw = raw;
        best = j;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    fit = fitLogistic(
      chosen.map((j) => cols[j]),
      yT,
      L2,
    );
  }
  if (chosen.length === 0) return fail('No candidate rule tells won from lost leads clearly on the training leads: nothing is suggested.');

  // Points: the linear predictor's 1st..99th percentile on the training leads spans 0..Max score.
  const eta = Float64Array.from(trainIdx, (_, t) => fit.beta0 + chosen.reduce((a, j, k) => a + fit.beta[k] * cols[j][t], 0)).sort();
  const lo = eta[Math.floor(0.01 * eta.length)];
  const hi = eta[Math.floor(0.99 * eta.length)];
  const k = s.maxScore / Math.max(hi - lo, 1e-9);
  const baseScore = Math.round(k * (fit.beta0 - lo));
  const overall = trainY.filter(Boolean).length / trainY.length;
  const rules: SuggestedRule[] = chosen
    .map((j, c) => {
      const cand = candidates[j];
      const points = Math.round(k * fit.beta[c]);
      let hits = 0;
      let hitWon = 0;
      cols[j].forEach((x, t) => {
        if (x !== 0) {
          hits++;
          hitWon += yT[t];
        }
      });
      const note = `converts ${pct(hitWon / Math.max(hits, 1))} vs ${pct(overall)} overall, ${hits.toLocaleString('en-US')} training leads`;
      const category: SuggestedRule['category'] = points < 0 ? 'Negative' : cand.behaviour ? 'Behaviour' : 'Fit';
      return {
        category,
        field: cand.field,
        operator: cand.operator,
        value: cand.value,
        points: Math.abs(points),
        note,
        ...(cand.extra ? { extra: cand.extra } : {}),
        text: suggestedRuleText(cand),
      };
    })
    .filter((r) => r.points !== 0)
    .sort((a, b) => b.points - a.points);
  const rulesGrid: Cell[][] = [
    [...RULE_HEADERS],
    ...rules.map((r) => ruleRowOf(r.category, r.field, r.operator, r.value, r.points, r.note, r.extra)),
  ];

  // Thresholds the backtest's way (by conversion) on the training leads; then both models on the holdout.
  const outcomeSettings = (extra: Array<[string, Cell]>): Cell[][] => [
    ...(input.settings ?? [['Setting', 'Value']]).filter(
      (r) => !['outcomecolumn', 'basescore', 'hotat', 'warmat'].includes(normalizeKey(r[0])),
    ),
    ['Outcome column', outcomeName],
    ...extra,
  ];
  const asLeads = (rows: Cell[][]): Leads => ({ headers: input.leads.headers, rows, firstRow: 2 });
  const runWith = (settings: Cell[][], r: Cell[][]): PreparedRun =>
    prepareRun({ settings, rules: r, today: input.today, asOf: input.asOf, spreadsheetTimeZone: input.spreadsheetTimeZone });
  const trainBt = backtest(runWith(outcomeSettings([['Base score', baseScore]]), rulesGrid), asLeads(trainRows));
  const byConv = trainBt.ok ? trainBt.suggestions.byConversion : null;
  const hotAt = byConv?.hotAt ?? s.hotAt;
  const warmAt =
    byConv?.warmAt !== null && byConv?.warmAt !== undefined && byConv.warmAt < hotAt ? byConv.warmAt : Math.min(s.warmAt, hotAt - 1);
  const settingsRows: Array<[string, number]> = [
    ['Base score', baseScore],
    ['Hot at', hotAt],
    ['Warm at', warmAt],
  ];
  const holdRows = decidedRows.filter((_, i) => !isTrain[i]);
  const current = backtest(
    runWith(
      outcomeSettings([
        ['Base score', s.baseScore],
        ['Hot at', s.hotAt],
        ['Warm at', s.warmAt],
      ]),
      input.rules,
    ),
    asLeads(holdRows),
  );
  const sugRun = runWith(outcomeSettings(settingsRows), rulesGrid);
  const suggested = backtest(sugRun, asLeads(holdRows));
  const curRun = runWith(
    outcomeSettings([
      ['Base score', s.baseScore],
      ['Hot at', s.hotAt],
      ['Warm at', s.warmAt],
    ]),
    input.rules,
  );
  const a = scoreRows(curRun, asLeads(holdRows)).leads;
  const b = scoreRows(sugRun, asLeads(holdRows)).leads;
  const changedBucket = a.filter((l, i) => l && b[i] && l.bucket !== b[i]!.bucket).length;
  const cAuc = current.ok ? current.overall.auc : null;
  const sAuc = suggested.ok ? suggested.overall.auc : null;
  const sentence =
    `On ${holdRows.length} holdout leads (kept out of the fit), the suggested rules reach an AUC of ${sAuc?.toFixed(3) ?? '–'}` +
    ` against ${cAuc?.toFixed(3) ?? '–'} for the current rules; ${changedBucket} of them would change bucket.`;
  return {
    ok: true,
    rules,
    baseScore,
    hotAt,
    warmAt,
    training: trainRows.length,
    holdout: holdRows.length,
    candidates: m,
    leftOut,
    comparison: { current: current.ok ? current : null, suggested: suggested.ok ? suggested : null, changedBucket, sentence },
    grid: rulesGrid,
    settingsRows,
  };
}
