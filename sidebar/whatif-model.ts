/**
 * What-if (issue 13), the part without DOM: the leads the server sent once (sidebar/rpc.ts,
 * `loadWhatIf`), decoded back to the cells the server read (date cells as Dates again, read in
 * the spreadsheet's zone), scored once in the page with the engine (prepareRun / scoreRows, the
 * detailed path that keeps each rule's hit on each lead), then rescored on every edit.
 *
 * A points edit changes no rule's condition, so it changes which leads a rule fires on not at all:
 * only what each hit is worth. So an edit re-parses the edited Rules grid with prepareRun (the
 * engine reads the Points cell as Score leads would), recomputes each kept hit as the engine's
 * `evaluate` does (the engine's own `valueHit`: repeat sum, Max points, decay, expiry, Negative sign), adds the hits up per lead in rule order as scoreRows does, and lets the
 * engine's `leadScore` make the score and bucket (Max fit / Max behaviour, Base score, clamp,
 * thresholds). An `Activity: …` rule (README "Activity") is valued per event, each decayed by its
 * own age, so its kept hits are re-valued by the engine's own `evaluateActivity` on that lead's
 * events (loadWhatIf sends the Activity tab when a rule uses it), not by `valueHit`.
 * test/sidebar/whatif.test.ts and whatif-activity.test.ts check that this equals a full scoreRows
 * of the edited tabs, lead by lead, and the server's Score leads on the example workbook.
 */
import {
  aucOf,
  BUCKETS,
  checkThresholds,
  MIN_DECIDED_FOR_AUC,
  MIN_GROUP,
  prepareRun,
  readOutcome,
  toNumber,
  wilson,
  type Bucket,
  type Cell,
  type PreparedRun,
  type ScoredRows,
  type Settings,
} from '../src/engine/index';
import { indexHeaders } from '../src/engine/columns';
import { blankHit, leadScore, scoreDetailed, SCORES, valueHit } from '../src/engine/score';
import { bindRun, type Leads } from '../src/engine/run';
import { activityNotices, evaluateActivity } from '../src/engine/activity';
import type { BoundRule } from '../src/engine/bind';
import type { TestContext } from '../src/engine/operators';
import type { WhatIfData, WireGrid } from '../src/shared/types';

/** A wire grid back to cells: listed date cells become Dates (the same instant the server read). */
export function fromWire(grid: WireGrid): Cell[][] {
  const cells: Cell[][] = grid.cells.map((row) => row.slice());
  for (let i = 0; i + 1 < grid.dates.length; i += 2) {
    const r = grid.dates[i];
    const c = grid.dates[i + 1];
    const v = cells[r]?.[c];
    if (typeof v === 'number') cells[r][c] = new Date(v);
  }
  return cells;
}

export interface WhatIfRule {
  /** Sheet row in the Rules tab. */
  row: number;
  category: string;
  /** "Fit: Title contains VP" (text only). */
  label: string;
  /** Points as loaded (the Points cell's number). */
  points: number;
  /** Leads it fires on (hits, expired ones included). */
  fires: number;
}

export interface WhatIfEdits {
  /** Rules row → Points (only edited rules). */
  points: Map<number, number>;
  hotAt: number;
  warmAt: number;
  /** Null when the Settings tab has no Base score (the setting's default applies). */
  baseScore: number | null;
}

export interface BucketFigures {
  bucket: Bucket;
  leads: number;
  won: number;
  conversion: number | null;
  low: number | null;
  high: number | null;
  tooFew: boolean;
}

export interface WhatIfResult {
  ok: boolean;
  /** Why the edit can't be scored (a bad threshold, Points the engine refuses). */
  error?: string;
  counts: Record<Bucket, number>;
  /** Per lead (in sheet order, blank rows left out): score and bucket. */
  scores: Float64Array;
  buckets: Bucket[];
  /** Decided leads only, when there is an Outcome column. */
  outcomes: { decided: number; won: number; auc: number | null; buckets: BucketFigures[] } | null;
  ms: number;
}

interface Hits {
  lead: Int32Array;
  /** NaN for no count (a `once` rule). */
  count: Float64Array;
  /** NaN for no age (no Date field, or a blank date). */
  age: Float64Array;
  expired: Uint8Array;
  /** The points as loaded (an Activity rule whose Points are not edited gives these again). */
  points: Float64Array;
}

export interface WhatIfModel {
  headers: Cell[];
  rows: Cell[][];
  firstRow: number;
  rulesGrid: Cell[][];
  settingsGrid: Cell[][] | null;
  timeZone: string;
  today: Date;
  hasBaseScore: boolean;
  /** 0-based column of Points in the Rules grid (-1: none). */
  pointsColumn: number;
  /** The run as loaded (settings, rules). */
  run: PreparedRun;
  /** The loaded rules bound to the leads (and their events), by Rules row: Activity rules are re-valued with them. */
  bound: Map<number, BoundRule>;
  /** The Activity join, as Score leads reports it (events matching no lead, lead keys on several rows). */
  notices: string[];
  rules: WhatIfRule[];
  /** Sheet row of each lead (blank rows have none). */
  leadRows: Int32Array;
  disqualifiedBy: string[][];
  hits: Map<number, Hits>;
  /** Per lead: 1 won, 0 lost, -1 open or other (null without an Outcome column). */
  outcome: Int8Array | null;
  outcomeColumn: string | null;
  /** The figures as loaded. */
  baseline: WhatIfResult;
}

function ruleLabel(r: PreparedRun['rules'][number]): string {
  const value = r.value.length > 40 ? `${r.value.slice(0, 37)}…` : r.value;
  return `${r.category}: ${r.field} ${r.operator}${value ? ` ${value}` : ''}${r.per === 'each' ? ' (each)' : ''}`;
}

function findPointsColumn(grid: Cell[][], headerRow: number): number {
  if (headerRow < 1) return -1;
  return (grid[headerRow - 1] ?? []).findIndex((c) => typeof c === 'string' && c.trim().toLowerCase() === 'points');
}

/** Rows scored per step at load, so the page can paint between steps (about 100 ms each for 1,000 leads). */
export const SCORE_CHUNK = 1000;

/**
 * The one detailed scoring at load, SCORE_CHUNK rows at a time (yields the rows done after each
 * chunk; returns the leads and the bound rules). The rules are bound once to all rows, and their
 * events (the Activity tab, parsed once), as scoreRows binds them; each chunk is then the engine's
 * detailed scoring of its rows with its firstRow offset, so every lead gets what one scoreRows of
 * all rows gives it.
 */
function* scoreInChunks(
  run: PreparedRun,
  leads: Leads,
): Generator<number, { leads: ScoredRows['leads']; bound: BoundRule[]; notices: string[] }> {
  const bound = bindRun(run, leads);
  const { rows, firstRow } = leads;
  const out: ScoredRows['leads'] = [];
  for (let start = 0; start < rows.length || start === 0; start += SCORE_CHUNK) {
    const part = scoreDetailed(
      bound.rules,
      rows.slice(start, start + SCORE_CHUNK),
      firstRow + start,
      run.settings,
      run.asOfDay,
      run.dayOf,
      bound.warning,
    );
    for (const lead of part) out.push(lead);
    yield Math.min(start + SCORE_CHUNK, rows.length);
  }
  return { leads: out, bound: bound.rules, notices: bound.summary ? activityNotices(bound.summary) : [] };
}

/** What loadWhatIf sent, decoded, with the run as loaded. */
function decode(data: WhatIfData) {
  const leadsGrid = fromWire(data.leads);
  const headers = leadsGrid[0] ?? [];
  const rows = leadsGrid.slice(1);
  const rulesGrid = fromWire(data.rules);
  const settingsGrid = data.settings ? fromWire(data.settings) : null;
  const activity = data.activity === undefined ? undefined : data.activity ? fromWire(data.activity) : null;
  const today = new Date(data.now);
  const run = prepareRun({ settings: settingsGrid, rules: rulesGrid, today, spreadsheetTimeZone: data.timeZone });
  const leads: Leads = { headers, rows, firstRow: data.firstRow, ...(activity !== undefined ? { activity } : {}) };
  return { headers, rows, rulesGrid, settingsGrid, today, run, leads };
}

/** Builds the model from what loadWhatIf sent: decodes, scores once with the engine, keeps every hit. */
export function createWhatIf(data: WhatIfData): WhatIfModel {
  const d = decode(data);
  const steps = scoreInChunks(d.run, d.leads);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return buildModel(data, d, step.value);
}

/**
 * createWhatIf a chunk at a time: `between(done, total)` runs after each chunk of SCORE_CHUNK rows
 * (the page shows "Scoring 3,000 of 10,000 leads…" and awaits a frame there), so the page stays
 * responsive while 10,000 leads are scored. The model is the one createWhatIf builds.
 */
export async function createWhatIfInSteps(data: WhatIfData, between: (done: number, total: number) => Promise<void>): Promise<WhatIfModel> {
  const d = decode(data);
  const steps = scoreInChunks(d.run, d.leads);
  let step = steps.next();
  while (!step.done) {
    if (step.value < d.rows.length) await between(step.value, d.rows.length);
    step = steps.next();
  }
  return buildModel(data, d, step.value);
}

function buildModel(
  data: WhatIfData,
  d: ReturnType<typeof decode>,
  { leads, bound, notices }: { leads: ScoredRows['leads']; bound: BoundRule[]; notices: string[] },
): WhatIfModel {
  const { headers, rows, rulesGrid, settingsGrid, today, run } = d;
  const scored = { leads };

  const leadRows: number[] = [];
  const disqualifiedBy: string[][] = [];
  const perRule = new Map<number, { lead: number[]; count: number[]; age: number[]; expired: number[]; points: number[] }>();
  for (const lead of scored.leads) {
    if (!lead) continue;
    const k = leadRows.length;
    leadRows.push(lead.row);
    disqualifiedBy.push(lead.disqualifiedBy);
    for (const c of lead.contributions) {
      let h = perRule.get(c.ruleRow);
      if (!h) perRule.set(c.ruleRow, (h = { lead: [], count: [], age: [], expired: [], points: [] }));
      h.lead.push(k);
      h.count.push(c.count ?? Number.NaN);
      h.age.push(c.ageDays ?? Number.NaN);
      h.expired.push(c.expired ? 1 : 0);
      h.points.push(c.points);
    }
  }
  const hits = new Map<number, Hits>();
  for (const [row, h] of perRule) {
    hits.set(row, {
      lead: Int32Array.from(h.lead),
      count: Float64Array.from(h.count),
      age: Float64Array.from(h.age),
      expired: Uint8Array.from(h.expired),
      points: Float64Array.from(h.points),
    });
  }

  // Outcomes, read once as the backtest reads them (README "Does the score work?").
  let outcome: Int8Array | null = null;
  let outcomeColumn: string | null = null;
  const col = run.settings.outcomeColumn ? indexHeaders(headers).find(run.settings.outcomeColumn) : -1;
  if (col >= 0) {
    outcomeColumn = String(headers[col]);
    outcome = new Int8Array(leadRows.length);
    let k = 0;
    for (let i = 0; i < scored.leads.length; i++) {
      if (!scored.leads[i]) continue;
      const o = readOutcome(rows[i][col]);
      outcome[k++] = o === 'won' ? 1 : o === 'lost' ? 0 : -1;
    }
  }

  const pointsColumn = findPointsColumn(rulesGrid, run.rulesHeaderRow);
  const rules: WhatIfRule[] = run.rules
    .filter((r) => r.category !== 'Disqualify')
    .map((r) => ({ row: r.row, category: r.category, label: ruleLabel(r), points: r.points, fires: hits.get(r.row)?.lead.length ?? 0 }));

  const model: WhatIfModel = {
    headers,
    rows,
    firstRow: data.firstRow,
    rulesGrid,
    settingsGrid,
    timeZone: data.timeZone,
    today,
    hasBaseScore: data.hasBaseScore,
    pointsColumn,
    run,
    bound: new Map(bound.map((r) => [r.row, r])),
    notices,
    rules,
    leadRows: Int32Array.from(leadRows),
    disqualifiedBy,
    hits,
    outcome,
    outcomeColumn,
    baseline: undefined as unknown as WhatIfResult,
  };
  model.baseline = rescore(model, loadedEdits(model));
  return model;
}

/** No edits: the values as loaded. */
export function loadedEdits(model: WhatIfModel): WhatIfEdits {
  const s = model.run.settings as Settings & { baseScore?: number };
  return { points: new Map(), hotAt: s.hotAt, warmAt: s.warmAt, baseScore: model.hasBaseScore ? (s.baseScore ?? 0) : null };
}

/** The Rules grid with the edited Points cells (rows not edited are shared, not copied). */
export function editedRulesGrid(model: WhatIfModel, points: Map<number, number>): Cell[][] {
  if (points.size === 0 || model.pointsColumn < 0) return model.rulesGrid;
  const grid = model.rulesGrid.slice();
  for (const [row, p] of points) {
    const copy = (grid[row - 1] ?? []).slice();
    copy[model.pointsColumn] = p;
    grid[row - 1] = copy;
  }
  return grid;
}

/** The edited Rules grid through the engine's own reading of it (the run as loaded when nothing is edited). */
export function editedRun(model: WhatIfModel, points: Map<number, number>): PreparedRun {
  if (points.size === 0) return model.run;
  return prepareRun({
    settings: model.settingsGrid,
    rules: editedRulesGrid(model, points),
    today: model.today,
    spreadsheetTimeZone: model.timeZone,
  });
}

const emptyCounts = (): Record<Bucket, number> => ({ Hot: 0, Warm: 0, Cold: 0, Disqualified: 0 });

function fail(error: string, started: number): WhatIfResult {
  return {
    ok: false,
    error,
    counts: emptyCounts(),
    scores: new Float64Array(0),
    buckets: [],
    outcomes: null,
    ms: performance.now() - started,
  };
}

/** Scores every loaded lead with the edits: the figures the page shows after each edit. */
export function rescore(model: WhatIfModel, edits: WhatIfEdits): WhatIfResult {
  const started = performance.now();
  const maxScore = model.run.settings.maxScore;
  const thresholdError = checkThresholds(edits.hotAt, edits.warmAt, maxScore);
  if (thresholdError) return fail(thresholdError, started);
  if (edits.baseScore !== null && !(Number.isFinite(edits.baseScore) && Math.abs(edits.baseScore) <= 1e6)) {
    return fail('Base score must be a number.', started);
  }
  const run = editedRun(model, edits.points);
  for (const p of run.problems) {
    if (p.tab === 'Rules' && edits.points.has(p.row)) return fail(`Rules row ${p.row}: ${p.message}`, started);
  }
  const settings: Settings = { ...run.settings, hotAt: edits.hotAt, warmAt: edits.warmAt };
  if (edits.baseScore !== null) (settings as Settings & { baseScore: number }).baseScore = edits.baseScore;

  const n = model.leadRows.length;
  const fit = new Float64Array(n);
  const behaviour = new Float64Array(n);
  const negative = new Float64Array(n);
  // Rule order, as the engine adds them up (the same sums to the last bit).
  for (const rule of run.rules) {
    if (rule.category === 'Disqualify') continue;
    const target = rule.category === 'Fit' ? fit : rule.category === 'Behaviour' ? behaviour : negative;
    forEachHitValue(model, rule, (lead, points) => {
      target[lead] += points;
    });
  }
  const counts = emptyCounts();
  const scores = new Float64Array(n);
  const buckets: Bucket[] = new Array(n);
  const none: string[] = [];
  for (let i = 0; i < n; i++) {
    const lead = leadScore(model.leadRows[i], fit[i], behaviour[i], negative[i], model.disqualifiedBy[i], none, none as never[], settings);
    scores[i] = lead.score;
    buckets[i] = lead.bucket;
    counts[lead.bucket]++;
  }
  return { ok: true, counts, scores, buckets, outcomes: outcomeFigures(model, scores, buckets), ms: performance.now() - started };
}

/**
 * The points of each kept hit of a rule, as the engine values it with the rule's (edited) Points:
 * `visit(lead, points)` per hit, lead = index into leadRows. A Leads-column rule goes through the
 * engine's `valueHit` with the hit's count, age and expiry; an `Activity: …` rule through the
 * engine's `evaluateActivity` on that lead's events (Per each sums Points × rⁱ × 0.5^(ageᵢ/h) per
 * event, then Max points: README "Activity"), the rule bound at load with the edited Points.
 * Only the points change: which leads a rule holds on does not.
 */
export function forEachHitValue(
  model: WhatIfModel,
  rule: PreparedRun['rules'][number],
  visit: (lead: number, points: number) => void,
): void {
  const h = model.hits.get(rule.row);
  if (!h) return;
  const loaded = rule.activityName !== undefined ? model.bound.get(rule.row) : undefined;
  if (loaded?.activity) {
    // Not edited: the values as loaded (the same evaluateActivity gave them), so an edit elsewhere costs no event sums.
    if (
      loaded.points === rule.points &&
      loaded.category === rule.category &&
      loaded.repeatFactor === rule.repeatFactor &&
      loaded.maxPoints === rule.maxPoints &&
      loaded.halfLifeDays === rule.halfLifeDays
    ) {
      for (let k = 0; k < h.lead.length; k++) visit(h.lead[k], h.points[k]);
      return;
    }
    const edited: BoundRule = {
      ...loaded,
      category: rule.category,
      points: rule.points,
      repeatFactor: rule.repeatFactor,
      maxPoints: rule.maxPoints,
      halfLifeDays: rule.halfLifeDays,
    };
    const ctx: TestContext = { asOfDay: model.run.asOfDay, dayOf: model.run.dayOf, field: '', issue: () => {} };
    const hit = blankHit();
    for (let k = 0; k < h.lead.length; k++) {
      const cells = model.rows[model.leadRows[h.lead[k]] - model.firstRow];
      // Holds as at load (its condition reads no Points), so this only values the events.
      visit(h.lead[k], evaluateActivity(edited, cells, ctx, hit) === SCORES ? hit.points : 0);
    }
    return;
  }
  const scratch = {
    count: null as number | null,
    ageDays: null as number | null,
    expired: false,
    uncapped: 0,
    base: 0,
    capped: false,
    points: 0,
  };
  for (let k = 0; k < h.lead.length; k++) {
    const count = h.count[k];
    const age = h.age[k];
    // The engine's own valuation of a hit: only the points changed, not which leads it holds on.
    valueHit(rule, Number.isNaN(count) ? null : count, Number.isNaN(age) ? null : age, h.expired[k] === 1, scratch);
    visit(h.lead[k], scratch.points);
  }
}

/** Conversion by bucket and the AUC of the decided leads (the backtest's definitions: engine aucOf, wilson). */
function outcomeFigures(model: WhatIfModel, scores: Float64Array, buckets: Bucket[]): WhatIfResult['outcomes'] {
  const o = model.outcome;
  if (!o) return null;
  const s: number[] = [];
  const w: boolean[] = [];
  const per = new Map<Bucket, [number, number]>(BUCKETS.map((b) => [b, [0, 0]]));
  for (let i = 0; i < o.length; i++) {
    if (o[i] < 0) continue;
    s.push(scores[i]);
    w.push(o[i] === 1);
    const c = per.get(buckets[i])!;
    c[0]++;
    if (o[i] === 1) c[1]++;
  }
  const won = w.filter(Boolean).length;
  const auc = s.length < MIN_DECIDED_FOR_AUC ? null : aucOf(s, w);
  return {
    decided: s.length,
    won,
    auc,
    buckets: BUCKETS.map((bucket) => {
      const [leads, wonIn] = per.get(bucket)!;
      const ci = wilson(wonIn, leads);
      return {
        bucket,
        leads,
        won: wonIn,
        conversion: leads > 0 ? wonIn / leads : null,
        low: ci ? ci[0] : null,
        high: ci ? ci[1] : null,
        tooFew: leads < MIN_GROUP,
      };
    }),
  };
}

/** The edits as Save to Rules sends them (only what differs from what was loaded). */
export function saveRequest(model: WhatIfModel, edits: WhatIfEdits) {
  const loaded = loadedEdits(model);
  const points = [...edits.points]
    .map(([row, to]) => ({ row, from: toNumber(model.rulesGrid[row - 1]?.[model.pointsColumn]) ?? Number.NaN, to }))
    .filter((e) => Number.isFinite(e.from) && e.from !== e.to);
  return {
    points,
    ...(edits.hotAt !== loaded.hotAt ? { hotAt: edits.hotAt } : {}),
    ...(edits.warmAt !== loaded.warmAt ? { warmAt: edits.warmAt } : {}),
    ...(edits.baseScore !== null && edits.baseScore !== loaded.baseScore ? { baseScore: edits.baseScore } : {}),
  };
}
