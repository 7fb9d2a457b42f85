/**
 * The backtest (README "Does the score work?"): scores the decided leads (won or lost in the
 * Outcome column), each as of its own Outcome date when that column is set, through the one path
 * (prepareRun's run, scoreRowsAsOf), and says how well the score ranks them: overall (base rate,
 * AUC), by bucket and by tenth of the score scale (conversion, Wilson 95 % interval, lift), per
 * rule (fires, conversion when it fires and when not, lift, points, flags) and two threshold
 * suggestions. Pure: the caller reads the tabs and passes the prepared run and the Leads block.
 * Every figure is plain JSON (no Date), so the sidebar, the Backtest tab and the CLI's --json
 * print the same object.
 */
import type { Cell, Category, Day, LeadScore, Problem } from './types';
import { BUCKETS, type Bucket } from './types';
import { editDistance, formatNumber, isBlank, splitAlternatives, toNumber } from './text';
import { indexHeaders } from './columns';
import { dayNumber, dayToIso, readDay } from './dates';
import { closestName } from './text';
import { scoreRowsAsOf, type Leads, type PreparedRun } from './run';
import { bindRules, type BoundRule } from './bind';
import { parseOutcomes, type Outcome } from './outcomes';
import type { CompiledRule } from './rules';
import { challengerProblems } from './challenger';

/** A group with fewer decided leads than this shows "too few to judge" instead of a bare percentage. */
export const MIN_GROUP = 20;
/** Fewer decided leads than this: no AUC, and the report says the figures are too few to judge. */
export const MIN_DECIDED_FOR_AUC = 30;
/** A rule firing on more than this share of decided leads barely separates them. */
export const ALMOST_EVERYONE = 0.95;
/** Default follow-up capacity for the capacity suggestion, in leads a week (the sidebar changes it). */
export const DEFAULT_CAPACITY_PER_WEEK = 20;
/**
 * Headers taken as the day a lead arrived, for the capacity suggestion (matched like headers, first
 * found with dates wins). There is no setting for it: a created-date column is common and named
 * one of these ways in CRM exports (README "Does the score work?", Decisions).
 */
export const LEAD_DATE_HEADERS = [
  'Created',
  'Created at',
  'Created on',
  'Created date',
  'Date created',
  'Lead date',
  'Lead created',
  'Date added',
  'Added on',
  'Signup date',
  'Signed up',
  'First seen',
  'Inquiry date',
] as const;

const Z95 = 1.959963984540054;

/** Wilson score interval, 95 %, for `won` of `n`: [low, high]; null for n = 0. */
export function wilson(won: number, n: number): [number, number] | null {
  if (n <= 0) return null;
  const p = won / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * AUC of the score: the chance that a won lead outscores a lost one, ties counting one half
 * (Mann–Whitney U ÷ (won × lost), from average ranks). Null without both won and lost leads.
 */
export function aucOf(scores: number[], won: boolean[]): number | null {
  const n = scores.length;
  let nWon = 0;
  for (const w of won) if (w) nWon++;
  const nLost = n - nWon;
  if (nWon === 0 || nLost === 0) return null;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumWon = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const rank = (i + j) / 2 + 1; // average rank of the tie group, 1-based
    for (let k = i; k <= j; k++) if (won[order[k]]) rankSumWon += rank;
    i = j + 1;
  }
  return (rankSumWon - (nWon * (nWon + 1)) / 2) / (nWon * nLost);
}

/** Which tenth of 0..Max score a score falls in (0–9; Max score itself is in the top band). */
export function bandOf(score: number, maxScore: number): number {
  return Math.max(0, Math.min(9, Math.floor((score * 10) / maxScore)));
}

function bandLabel(i: number, maxScore: number): string {
  const w = maxScore / 10;
  const lo = i * w;
  const hi = (i + 1) * w;
  if (Number.isInteger(w)) return i === 9 ? `${lo}–${maxScore}` : `${lo}–${hi - 1}`;
  return i === 9 ? `${formatNumber(lo)}–${formatNumber(maxScore)}` : `${formatNumber(lo)} to under ${formatNumber(hi)}`;
}

export interface GroupFigures {
  label: string;
  leads: number;
  won: number;
  /** won ÷ leads; null for an empty group. */
  conversion: number | null;
  /** Wilson 95 % interval of the conversion. */
  low: number | null;
  high: number | null;
  /** conversion ÷ base rate; null for an empty group or a base rate of 0. */
  lift: number | null;
  /** Fewer than MIN_GROUP leads: the note says so, and the page shows no bare percentage. */
  tooFew: boolean;
  /** "23 % (15–33 %), 1.2× base", "fewer than 20 leads (3 won of 7): too few to judge", "no leads". */
  note: string;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const liftText = (x: number) => `${x.toFixed(1)}×`;

function group(label: string, leads: number, won: number, base: number): GroupFigures {
  const conversion = leads > 0 ? won / leads : null;
  const ci = wilson(won, leads);
  const lift = conversion !== null && base > 0 ? conversion / base : null;
  const tooFew = leads < MIN_GROUP;
  const note =
    leads === 0
      ? 'no leads'
      : tooFew
        ? `fewer than ${MIN_GROUP} leads (${won} won of ${leads}): too few to judge`
        : `${pct(conversion!)} (${Math.round(ci![0] * 100)}–${pct(ci![1])})${lift !== null ? `, ${liftText(lift)} base` : ''}`;
  return { label, leads, won, conversion, low: ci ? ci[0] : null, high: ci ? ci[1] : null, lift, tooFew, note };
}

export type RuleFlag = 'neverFires' | 'almostEveryone' | 'disagrees';

export interface RuleFigures {
  /** Rules tab row, and the 1-based column of its Field cell (click-to-cell). */
  row: number;
  column: number;
  category: Category;
  /** "Fit: Title contains Founder, CEO (+12)". */
  rule: string;
  /** Decided leads it fired on (held and not expired), and their share of the decided leads. */
  fires: number;
  share: number;
  /** Leads it fired on among every lead scored (decided or not). */
  firesAll: number;
  /** Conversion of the decided leads it fired on, and of those it did not. */
  convFired: number | null;
  convNotFired: number | null;
  /** convFired ÷ base rate. */
  lift: number | null;
  /** Points it gave the decided leads in all (signed, to 0.1), and on average when it fired. */
  points: number;
  avgPoints: number | null;
  flags: RuleFlag[];
  /** For a rule that never fires: the closest values that do occur in its Field column, with their counts. */
  closest: Array<{ value: string; count: number }>;
  /** One sentence per flag, for the page and the tab. */
  sentences: string[];
}

export interface ThresholdSuggestion {
  method: 'conversion' | 'capacity';
  /** Null when no threshold could be suggested (the sentence says why). */
  hotAt: number | null;
  warmAt: number | null;
  sentence: string;
  /** The decided leads per bucket these thresholds would give, with conversion (Hot, Warm, Cold, Disqualified). */
  buckets: GroupFigures[];
  /** Capacity only: the follow-up capacity asked for, and what the suggestion gives, in leads a week. */
  capacityPerWeek?: number;
  hotPerWeek?: number | null;
  leadDateColumn?: string | null;
}

export interface BacktestReport {
  ok: true;
  /** The run's as-of day (YYYY-MM-DD), and whether leads were scored as of their outcome date. */
  asOf: string;
  perLeadAsOf: boolean;
  outcomeColumn: string;
  outcomeDateColumn: string | null;
  maxScore: number;
  hotAt: number;
  warmAt: number;
  outcomes: { won: number; lost: number; open: number; other: number; otherValues: Array<{ value: string; count: number }> };
  overall: {
    decided: number;
    won: number;
    lost: number;
    /** won ÷ decided. */
    baseRate: number;
    /** Null under MIN_DECIDED_FOR_AUC decided leads. */
    auc: number | null;
    /** What the AUC means, in a founder's words (or why there is none). */
    aucSentence: string;
    tooFew: boolean;
  };
  buckets: GroupFigures[];
  bands: GroupFigures[];
  rules: RuleFigures[];
  suggestions: { byConversion: ThresholdSuggestion; byCapacity: ThresholdSuggestion };
  /** Things to know: how leads were scored, outcome values read as open, leads left out. */
  notes: string[];
  /** Rules and Settings problems, as a scoring run reports them. */
  problems: Problem[];
  /** Present when the Challenger rules setting names a tab: the challenger side by side with Rules. */
  challenger?: ChallengerFigures;
}

export type BacktestResult = BacktestReport | { ok: false; error: string };

/** A decided lead's bucket under Rules and under the challenger, and how many such leads (won among them). */
export interface BucketMove {
  from: Bucket;
  to: Bucket;
  leads: number;
  won: number;
}

/**
 * The challenger beside Rules (README "Challenger"): the same decided leads, each as
 * of the same day, scored with the challenger's rules and the same settings (thresholds included).
 */
export interface ChallengerFigures {
  /** The challenger's rules tab. */
  rulesTab: string;
  /** Valid rules in it that were applied. */
  rulesApplied: number;
  /** Null under MIN_DECIDED_FOR_AUC decided leads (as for Rules). */
  auc: number | null;
  aucSentence: string;
  /** Conversion by the challenger's buckets and score bands (same thresholds, same Max score). */
  buckets: GroupFigures[];
  bands: GroupFigures[];
  /**
   * Decided leads whose bucket would change with the challenger: `up` toward Hot (Disqualified <
   * Cold < Warm < Hot), `down` away from it, `same` unchanged; `changes` lists each from → to pair
   * with leads (most first), and how many of them were won.
   */
  moves: { same: number; up: number; down: number; changes: BucketMove[] };
  /** The challenger's rule problems, prefixed with its tab name. */
  problems: Problem[];
}

export interface BacktestOptions {
  /** Leads a week the team can follow up (capacity suggestion); default DEFAULT_CAPACITY_PER_WEEK. */
  capacityPerWeek?: number;
  /** The challenger: its tab name and its run (prepareRun with its grid and the same Settings). */
  challenger?: { name: string; run: PreparedRun };
}

/** The AUC in words (README "Does the score work?"). */
export function aucSentence(auc: number): string {
  const p = Math.round(auc * 100);
  const verdict =
    auc >= 0.8
      ? 'The score separates buyers well.'
      : auc >= 0.7
        ? 'The score is useful.'
        : auc >= 0.6
          ? 'The score helps a little.'
          : auc > 0.5
            ? 'The score is barely better than chance.'
            : 'The score does no better than chance: high scores went to leads that were lost as often or more.';
  return `A lead that was won outscored a lead that was lost ${p} % of the time (ties count half); 50 % is a coin toss, 100 % a perfect ranking. ${verdict}`;
}

/** A decided lead as the figures see it. */
export interface Decided {
  score: number;
  bucket: Bucket;
  won: boolean;
}

function bucketsOf(decided: Decided[], base: number, bucketOf: (d: Decided) => Bucket): GroupFigures[] {
  const n = new Map<Bucket, [number, number]>(BUCKETS.map((b) => [b, [0, 0]]));
  for (const d of decided) {
    const c = n.get(bucketOf(d))!;
    c[0]++;
    if (d.won) c[1]++;
  }
  return BUCKETS.map((b) => group(b, n.get(b)![0], n.get(b)![1], base));
}

/** Distinct scores of the non-disqualified decided leads, ascending, with leads and won at each. */
function scoreLevels(decided: Decided[]): Array<{ score: number; leads: number; won: number }> {
  const m = new Map<number, { score: number; leads: number; won: number }>();
  for (const d of decided) {
    if (d.bucket === 'Disqualified') continue;
    let l = m.get(d.score);
    if (!l) m.set(d.score, (l = { score: d.score, leads: 0, won: 0 }));
    l.leads++;
    if (d.won) l.won++;
  }
  return [...m.values()].sort((a, b) => a.score - b.score);
}

function previewBuckets(decided: Decided[], base: number, hotAt: number, warmAt: number): GroupFigures[] {
  return bucketsOf(decided, base, (d) =>
    d.bucket === 'Disqualified' ? 'Disqualified' : d.score >= hotAt ? 'Hot' : d.score >= warmAt ? 'Warm' : 'Cold',
  );
}

/**
 * By conversion: Hot at = the lowest score s whose leads (score ≥ s, at least MIN_GROUP of them)
 * convert at ≥ 2 × base; Warm at = the lowest score whose leads convert at ≥ base, read on the
 * tenths of the score scale: the lower edge of the lowest band reached walking down from Hot at
 * while every band (of MIN_GROUP leads or more) converts at ≥ base. Disqualified leads stay out.
 */
export function suggestByConversion(
  decided: Decided[],
  base: number,
  current: { hotAt: number; warmAt: number },
  maxScore: number,
): ThresholdSuggestion {
  const levels = scoreLevels(decided);
  const none = (sentence: string): ThresholdSuggestion => ({ method: 'conversion', hotAt: null, warmAt: null, sentence, buckets: [] });
  if (base <= 0) return none('No lead was won, so there is no conversion to aim at.');
  let aboveLeads = 0;
  let aboveWon = 0;
  for (const l of levels) {
    aboveLeads += l.leads;
    aboveWon += l.won;
  }
  let hotAt: number | null = null;
  let _hotIndex = -1;
  for (let i = 0; i < levels.length; i++) {
    if (aboveLeads >= MIN_GROUP && aboveWon / aboveLeads >= 2 * base) {
      hotAt = levels[i].score;
      _hotIndex = i;
      break;
    }
    aboveLeads -= levels[i].leads;
    aboveWon -= levels[i].won;
  }
  if (hotAt === null) {
    return none(
      `No score has at least ${MIN_GROUP} leads at or above it converting at twice the base rate (${pct(Math.min(1, 2 * base))}), so there is no Hot at to suggest.`,
    );
  }
  const hot = Math.max(1, hotAt);
  // Warm at: walk down the tenths of the score scale below Hot at while each band's leads (those
  // below Hot at) convert at ≥ base; bands under MIN_GROUP leads are passed over. The lowest such
  // band's lower edge is Warm at. (A cumulative rule would stretch Warm down to the lowest score
  // whenever the leads below Hot at, taken together, beat the base rate.)
  let warmAt: number | null = null;
  const width = maxScore / 10;
  for (let b = Math.min(9, Math.ceil(hot / width) - 1); b >= 0; b--) {
    const lo = b * width;
    const hi = Math.min(hot, (b + 1) * width);
    let n = 0;
    let w = 0;
    for (const l of levels)
      if (l.score >= lo && l.score < hi) {
        n += l.leads;
        w += l.won;
      }
    if (n < MIN_GROUP) continue;
    if (w / n < base) break;
    warmAt = Math.round(lo * 100) / 100;
  }
  const warm = warmAt ?? (current.warmAt < hot ? current.warmAt : Math.floor(hot / 2));
  const buckets = previewBuckets(decided, base, hot, warm);
  const h = buckets[0];
  const w = buckets[1];
  const sentence =
    `Hot at ${hot}: leads scoring ${hot} or more converted at ${pct(h.conversion ?? 0)} (${h.leads} leads), at least twice the base rate of ${pct(base)}. ` +
    (warmAt !== null
      ? `Warm at ${warm}: leads from ${warm} to ${hot - 1} converted at ${pct(w.conversion ?? 0)} (${w.leads} leads), each tenth of the scale at least the base rate.`
      : `No score range below Hot at converts at the base rate with ${MIN_GROUP} leads or more, so Warm at stays ${warm}.`);
  return { method: 'conversion', hotAt: hot, warmAt: warm, sentence, buckets };
}

/**
 * By capacity: with the day each lead arrived (a lead date column, LEAD_DATE_HEADERS), Hot at =
 * the lowest score such that the leads scoring at least that, spread over the weeks the lead dates
 * span, are at most `perWeek` a week. Warm at stays as set when it is below that, else the
 * conversion suggestion's when below, else half of Hot at.
 */
export function suggestByCapacity(
  scored: Array<{ score: number; bucket: Bucket; day: Day }>,
  decided: Decided[],
  base: number,
  perWeek: number,
  leadDateColumn: string | null,
  current: { hotAt: number; warmAt: number },
  conversionWarm: number | null,
): ThresholdSuggestion {
  const none = (sentence: string): ThresholdSuggestion => ({
    method: 'capacity',
    hotAt: null,
    warmAt: null,
    sentence,
    buckets: [],
    capacityPerWeek: perWeek,
    hotPerWeek: null,
    leadDateColumn,
  });
  if (!leadDateColumn) {
    return none(
      `No lead date column (a Leads header such as 'Created' or 'Lead date' holding dates), so leads a week are unknown and there is no capacity suggestion.`,
    );
  }
  const live = scored.filter((s) => s.bucket !== 'Disqualified');
  if (live.length === 0) return none(`No lead has a date in '${leadDateColumn}'.`);
  let first = Infinity;
  let last = -Infinity;
  for (const s of live) {
    if (s.day < first) first = s.day;
    if (s.day > last) last = s.day;
  }
  const weeks = Math.max(1, (last - first + 1) / 7);
  const span = `${formatNumber(Math.round(weeks * 10) / 10)} weeks of '${leadDateColumn}'`;
  // Every lead fits in the week: a threshold would only say "call them all" (Hot at 1), which helps no one.
  const allPerWeek = Math.round((live.length / weeks) * 10) / 10;
  if (live.length / weeks <= perWeek) {
    return {
      ...none(
        `All ${formatNumber(live.length)} leads come to ${formatNumber(allPerWeek)} a week (over ${span}), within the ${perWeek} a week you can follow up: capacity does not limit who is Hot, so there is no capacity suggestion.`,
      ),
      hotPerWeek: allPerWeek,
    };
  }
  const scores = live.map((s) => s.score).sort((a, b) => b - a); // descending
  // Walk down the distinct scores while the leads at or above stay within capacity.
  let hot: number | null = null;
  for (let i = 0; i < scores.length; ) {
    let j = i;
    while (j < scores.length && scores[j] === scores[i]) j++;
    if (j / weeks > perWeek) break;
    hot = scores[i];
    i = j;
  }
  const top = scores[0];
  const over = hot === null;
  const hotAt = Math.max(1, hot ?? top);
  const warmAt =
    current.warmAt < hotAt ? current.warmAt : conversionWarm !== null && conversionWarm < hotAt ? conversionWarm : Math.floor(hotAt / 2);
  let atOrAbove = 0;
  for (const s of scores) if (s >= hotAt) atOrAbove++;
  const hotPerWeek = Math.round((atOrAbove / weeks) * 10) / 10;
  const sentence = over
    ? `Even the top score (${top}) selects ${formatNumber(hotPerWeek)} leads a week over ${span}, more than ${perWeek}; Hot at ${hotAt} is the closest.`
    : `Hot at ${hotAt} selects ${formatNumber(hotPerWeek)} leads a week (over ${span}), within ${perWeek} a week. Warm at ${warmAt}.`;
  return {
    method: 'capacity',
    hotAt,
    warmAt,
    sentence,
    buckets: previewBuckets(decided, base, hotAt, warmAt),
    capacityPerWeek: perWeek,
    hotPerWeek,
    leadDateColumn,
  };
}

function ruleText(rule: BoundRule): string {
  const value = rule.value.length > 60 ? `${rule.value.slice(0, 57)}…` : rule.value;
  const pts =
    rule.category === 'Disqualify'
      ? ''
      : ` (${rule.category === 'Negative' ? '−' : rule.points < 0 ? '−' : '+'}${formatNumber(Math.abs(rule.points))}${rule.per === 'each' ? ' each' : ''})`;
  return `${rule.category}: ${rule.field} ${rule.operator}${value ? ` ${value}` : ''}${pts}`;
}

/** Edit distance of `alt` to the closest same-length piece of `text` (contains / starts with / ends with). */
function pieceDistance(alt: string, text: string): number {
  if (text.length <= alt.length) return editDistance(alt, text);
  let best = editDistance(alt, text);
  for (let i = 0; i + alt.length <= text.length && best > 0; i++) best = Math.min(best, editDistance(alt, text.slice(i, i + alt.length)));
  return best;
}

/**
 * For a rule that never fires: the closest values that occur in its Field column (README "Does
 * the score work?"). Text rules: by edit distance to the rule's values (to a piece of the cell for
 * contains / starts with / ends with); number rules: by distance to its numbers; others: the
 * commonest values. At most 3, closest first, each with its count of leads.
 */
function closestValues(rule: BoundRule, values: Map<string, number>): Array<{ value: string; count: number }> {
  const entries = [...values.entries()];
  const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
  const alts = rule.operator === 'between' ? rule.value.split('..').map((s) => s.trim()) : splitAlternatives(rule.value);
  const numbers = alts.map((a) => toNumber(a)).filter((n): n is number => n !== null);
  let ranked: Array<[string, number, number]>;
  if (rule.condition.reads === 'number' && numbers.length > 0) {
    ranked = entries.flatMap(([v, c]) => {
      const n = toNumber(v);
      return n === null ? [] : [[v, c, Math.min(...numbers.map((x) => Math.abs(x - n)))] as [string, number, number]];
    });
  } else if (rule.condition.reads === 'text' && alts.length > 0 && rule.operator !== 'matches') {
    const piece =
      rule.operator === 'contains' ||
      rule.operator === 'starts with' ||
      rule.operator === 'ends with' ||
      rule.operator === 'does not contain';
    const lowAlts = alts.map((a) => a.toLowerCase());
    ranked = entries.slice(0, 5000).map(([v, c]) => {
      const low = v.toLowerCase().slice(0, 200);
      return [v, c, Math.min(...lowAlts.map((a) => (piece ? pieceDistance(a, low) : editDistance(a, low))))] as [string, number, number];
    });
  } else {
    return entries
      .sort(byCount)
      .slice(0, 3)
      .map(([value, count]) => ({ value, count }));
  }
  return ranked
    .sort((a, b) => a[2] - b[2] || b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([value, count]) => ({ value, count }));
}

function cellKeyText(v: Cell): string {
  if (isBlank(v)) return '(blank)';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * Runs the backtest on a Leads block with a prepared run. Bad input (no Outcome column set or
 * found, every outcome blank, only won or only lost leads, an Outcome date column without dates)
 * gives { ok: false, error } with one sentence; fewer than MIN_DECIDED_FOR_AUC decided leads give
 * the figures marked too few, without an AUC.
 */
export function backtest(run: PreparedRun, leads: Leads, options: BacktestOptions = {}): BacktestResult {
  const s = run.settings;
  const index = indexHeaders(leads.headers);
  const headerList = index.names.filter((n) => n !== '');
  const shown =
    headerList
      .slice(0, 20)
      .map((n) => `'${n}'`)
      .join(', ') + (headerList.length > 20 ? ` … (${headerList.length} in all)` : '');
  const fail = (error: string): BacktestResult => ({ ok: false, error });
  if (!s.outcomeColumn) {
    return fail(
      `Set 'Outcome column' in the Settings tab to the ${s.leadsSheet} header that says whether each lead was won or lost. Headers are: ${shown || '(none)'}.`,
    );
  }
  const outcomeCol = index.find(s.outcomeColumn);
  if (outcomeCol < 0) {
    const hint = closestName(s.outcomeColumn, headerList);
    return fail(
      `Settings, Outcome column: '${s.outcomeColumn}' is not a ${s.leadsSheet} header.${hint ? ` Did you mean '${hint}'?` : ''} Headers are: ${shown || '(none)'}.`,
    );
  }
  const outcomeName = index.names[outcomeCol];
  const blankRow = leads.rows.map((r) => r.every((v) => isBlank(v)));
  const parsed = parseOutcomes(
    leads.rows.filter((_, i) => !blankRow[i]),
    outcomeCol,
  );
  const outcomes: Outcome[] = [];
  {
    let k = 0;
    for (let i = 0; i < leads.rows.length; i++) outcomes.push(blankRow[i] ? 'open' : parsed.outcomes[k++]);
  }
  if (parsed.won + parsed.lost === 0) {
    const other = parsed.other > 0 ? ` (${parsed.other} hold something else, e.g. '${parsed.otherValues[0].value}')` : '';
    return fail(
      `No lead is won or lost in '${outcomeName}'${other}: every outcome is blank or unreadable, so there is nothing to backtest. Write won or lost (or yes / no, a ticked / unticked box) for the leads that were decided.`,
    );
  }
  if (parsed.lost === 0 || parsed.won === 0) {
    const only = parsed.lost === 0 ? 'won' : 'lost';
    return fail(
      `All ${parsed.won + parsed.lost} decided leads in '${outcomeName}' were ${only}: a backtest compares won with lost leads, so it needs some of each.`,
    );
  }

  // Each decided lead's as-of day: its Outcome date (README "Does the score work?"), else the run's.
  const notes: string[] = [];
  const days: Array<Day | null> = new Array(leads.rows.length).fill(null);
  const leftOut = new Set<number>();
  let outcomeDateName: string | null = null;
  if (s.outcomeDateColumn) {
    const dateCol = index.find(s.outcomeDateColumn);
    if (dateCol < 0) {
      const hint = closestName(s.outcomeDateColumn, headerList);
      return fail(
        `Settings, Outcome date column: '${s.outcomeDateColumn}' is not a ${s.leadsSheet} header.${hint ? ` Did you mean '${hint}'?` : ''} Headers are: ${shown || '(none)'}.`,
      );
    }
    outcomeDateName = index.names[dateCol];
    let dated = 0;
    let blank = 0;
    const texts: string[] = [];
    leads.rows.forEach((row, i) => {
      if (outcomes[i] !== 'won' && outcomes[i] !== 'lost') return;
      const r = readDay(row[dateCol], run.dayOf);
      if (r.kind === 'day') {
        days[i] = r.day;
        dated++;
      } else if (r.kind === 'blank') blank++;
      else {
        leftOut.add(i);
        const t = String(row[dateCol]).trim();
        if (texts.length < 3 && !texts.includes(t)) texts.push(t);
      }
    });
    if (dated === 0 && leftOut.size > 0) {
      return fail(
        `'${outcomeDateName}' (the Outcome date column) holds text, not dates (e.g. ${texts.map((t) => `'${t}'`).join(', ')}): write dates such as 2026-03-31, or clear the setting to score every lead as of the As-of date.`,
      );
    }
    notes.push(`Each decided lead is scored as of its own day in '${outcomeDateName}', so activity after the decision does not count.`);
    if (blank > 0)
      notes.push(
        `${blank} decided lead${blank === 1 ? ' has' : 's have'} no date in '${outcomeDateName}': scored as of the As-of date ${dayToIso(run.asOfDay)}.`,
      );
    if (leftOut.size > 0)
      notes.push(
        `${leftOut.size} decided lead${leftOut.size === 1 ? '' : 's'} left out: '${outcomeDateName}' holds text, not a date (e.g. ${texts.map((t) => `'${t}'`).join(', ')}).`,
      );
  } else {
    notes.push(
      `Every lead is scored as of the As-of date ${dayToIso(run.asOfDay)}. Set 'Outcome date column' to score each lead as of the day it was decided, so later activity cannot raise its score.`,
    );
  }
  for (const o of parsed.otherValues) {
    notes.push(`${o.count} lead${o.count === 1 ? ' has' : 's have'} '${o.value}' in ${outcomeName}: counted as open.`);
  }

  // A signal dated after the lead's outcome date happened after the decision: its rule's Field and
  // Date field cells are read as blank for that lead (the count or flag may include it too).
  const { rows, masked } = outcomeDateName ? maskAfterDecision(run.rules, run, leads, days) : { rows: leads.rows, masked: 0 };
  if (masked > 0) {
    notes.push(
      masked === 1
        ? "1 signal dated after its lead's outcome date was left out (its Field and Date field read as blank)."
        : `${masked} signals dated after their leads' outcome dates were left out (their Field and Date field read as blank).`,
    );
  }
  const scored = scoreRowsAsOf(run, { headers: leads.headers, rows, firstRow: leads.firstRow }, days, { keepContributions: true });
  const rules = scored.bound;
  if (rules.some((r) => r.fieldCol === outcomeCol)) {
    notes.push(`A rule scores on '${outcomeName}' itself, the outcome: its figures only repeat the outcome.`);
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.row, i]));
  // Disqualify rules show in a lead by their label: each label to the rules that write it.
  const dqLabels = new Map<string, number[]>();
  rules.forEach((r, i) => {
    if (r.category !== 'Disqualify') return;
    for (const l of new Set(r.labels)) dqLabels.set(l, [...(dqLabels.get(l) ?? []), i]);
  });
  const firedBy = (lead: LeadScore): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    for (const c of lead.contributions) if (!c.expired) out.push([ruleIndex.get(c.ruleRow)!, c.points]);
    for (const l of lead.disqualifiedBy) for (const i of dqLabels.get(l) ?? []) out.push([i, 0]);
    return out;
  };

  const decided: Decided[] = [];
  /** Row index (in leads.rows) of each decided lead, for the challenger's side. */
  const decidedRows: number[] = [];
  const fires = rules.map(() => ({ fired: 0, firedWon: 0, all: 0, points: 0 }));
  const capacity: Array<{ score: number; bucket: Bucket; day: Day }> = [];
  const leadDateCol =
    LEAD_DATE_HEADERS.map((h) => index.find(h)).find((c) => c >= 0 && leads.rows.some((r) => readDay(r[c], run.dayOf).kind === 'day')) ??
    -1;
  scored.leads.forEach((lead, i) => {
    if (!lead) return;
    const firing = firedBy(lead);
    for (const [r] of firing) fires[r].all++;
    if (leadDateCol >= 0) {
      const d = readDay(leads.rows[i][leadDateCol], run.dayOf);
      if (d.kind === 'day') capacity.push({ score: lead.score, bucket: lead.bucket, day: d.day });
    }
    const o = outcomes[i];
    if ((o !== 'won' && o !== 'lost') || leftOut.has(i)) return;
    const won = o === 'won';
    decided.push({ score: lead.score, bucket: lead.bucket, won });
    decidedRows.push(i);
    for (const [r, points] of firing) {
      fires[r].fired++;
      if (won) fires[r].firedWon++;
      fires[r].points += points;
    }
  });

  const nDecided = decided.length;
  const nWon = decided.filter((d) => d.won).length;
  const base = nDecided > 0 ? nWon / nDecided : 0;
  const tooFew = nDecided < MIN_DECIDED_FOR_AUC;
  const auc = tooFew
    ? null
    : aucOf(
        decided.map((d) => d.score),
        decided.map((d) => d.won),
      );
  const aucText = tooFew
    ? `Only ${nDecided} decided lead${nDecided === 1 ? '' : 's'}: too few to judge (${MIN_DECIDED_FOR_AUC} or more are needed for the AUC). The figures below are shown as counts.`
    : auc === null
      ? 'The AUC needs both won and lost leads.'
      : aucSentence(auc);
  if (tooFew) notes.push(`Fewer than ${MIN_DECIDED_FOR_AUC} decided leads: too few to judge, so there is no AUC.`);

  const buckets = bucketsOf(decided, base, (d) => d.bucket);
  const bandCounts = Array.from({ length: 10 }, () => [0, 0]);
  for (const d of decided) {
    if (d.bucket === 'Disqualified') continue;
    const b = bandCounts[bandOf(d.score, s.maxScore)];
    b[0]++;
    if (d.won) b[1]++;
  }
  const bands = bandCounts.map(([n, w], i) => group(bandLabel(i, s.maxScore), n, w, base));

  // Distinct values of each Field column among the leads scored, for never-fires hints (computed only when needed).
  const valueCounts = (col: number) => {
    const m = new Map<string, number>();
    scored.leads.forEach((lead, i) => {
      if (!lead) return;
      const k = cellKeyText(leads.rows[i][col]);
      m.set(k, (m.get(k) ?? 0) + 1);
    });
    return m;
  };
  const ruleFigures: RuleFigures[] = rules.map((rule, i) => {
    const f = fires[i];
    const notFired = nDecided - f.fired;
    const wonNotFired = nWon - f.firedWon;
    const convFired = f.fired > 0 ? f.firedWon / f.fired : null;
    const convNotFired = notFired > 0 ? wonNotFired / notFired : null;
    const lift = convFired !== null && base > 0 ? convFired / base : null;
    const flags: RuleFlag[] = [];
    const sentences: string[] = [];
    let closest: RuleFigures['closest'] = [];
    const where = `Rules row ${rule.row} (${ruleText(rule)})`;
    if (f.all === 0) {
      flags.push('neverFires');
      closest = closestValues(rule, valueCounts(rule.fieldCol));
      const list = closest.map((c) => `'${c.value}' (${c.count} lead${c.count === 1 ? '' : 's'})`).join(', ');
      const textual = rule.condition.reads === 'text' && rule.value && rule.operator !== 'matches';
      sentences.push(
        textual
          ? `${where} fires on no lead: '${rule.value}' occurs in no ${rule.field}${list ? `; closest: ${list}` : ''}.`
          : `${where} fires on no lead${list ? `; ${rule.field} holds e.g. ${list}` : ''}.`,
      );
    } else if (nDecided >= MIN_GROUP && f.fired / nDecided > ALMOST_EVERYONE) {
      flags.push('almostEveryone');
      sentences.push(`${where} fires on ${pct(f.fired / nDecided)} of decided leads, so it barely tells them apart.`);
    }
    const positive = (rule.category === 'Fit' || rule.category === 'Behaviour') && rule.points > 0;
    const negative = rule.category === 'Negative' || rule.category === 'Disqualify' || rule.points < 0;
    const ci = wilson(f.firedWon, f.fired);
    if (f.fired >= MIN_GROUP && ci && convFired !== null && base > 0 && ((positive && ci[1] < base) || (negative && ci[0] > base))) {
      flags.push('disagrees');
      sentences.push(
        `${where} ${positive ? 'adds' : 'takes away'} points, but the ${f.fired} decided leads it fires on converted at ${pct(convFired)} (${Math.round(ci[0] * 100)}–${pct(ci[1])}), ${positive ? 'below' : 'above'} the base rate of ${pct(base)}.`,
      );
    }
    return {
      row: rule.row,
      column: rule.columns.field,
      category: rule.category,
      rule: ruleText(rule),
      fires: f.fired,
      share: nDecided > 0 ? f.fired / nDecided : 0,
      firesAll: f.all,
      convFired,
      convNotFired,
      lift,
      points: Math.round(f.points * 10) / 10,
      avgPoints: f.fired > 0 ? Math.round((f.points / f.fired) * 10) / 10 : null,
      flags,
      closest,
      sentences,
    };
  });

  const current = { hotAt: s.hotAt, warmAt: s.warmAt };
  const byConversion = suggestByConversion(decided, base, current, s.maxScore);
  const perWeek =
    options.capacityPerWeek !== undefined && options.capacityPerWeek > 0 ? options.capacityPerWeek : DEFAULT_CAPACITY_PER_WEEK;
  const byCapacity = suggestByCapacity(
    capacity,
    decided,
    base,
    perWeek,
    leadDateCol >= 0 ? index.names[leadDateCol] : null,
    current,
    byConversion.warmAt,
  );

  return {
    ok: true,
    asOf: dayToIso(run.asOfDay),
    perLeadAsOf: outcomeDateName !== null,
    outcomeColumn: outcomeName,
    outcomeDateColumn: outcomeDateName,
    maxScore: s.maxScore,
    hotAt: s.hotAt,
    warmAt: s.warmAt,
    outcomes: { won: parsed.won, lost: parsed.lost, open: parsed.open, other: parsed.other, otherValues: parsed.otherValues },
    overall: { decided: nDecided, won: nWon, lost: nDecided - nWon, baseRate: base, auc, aucSentence: aucText, tooFew },
    buckets,
    bands,
    rules: ruleFigures,
    suggestions: { byConversion, byCapacity },
    notes,
    problems: scored.problems,
    ...(options.challenger
      ? {
          challenger: challengerFigures(options.challenger, leads, days, outcomeDateName !== null, decided, decidedRows, base),
        }
      : {}),
  };
}

/**
 * A signal dated after the lead's outcome date happened after the decision: its rule's Field and
 * Date field cells are read as blank for that lead (README "Does the score work?", As of when).
 * Rows are copied only where something is blanked.
 */
export function maskAfterDecision(
  compiled: CompiledRule[],
  run: PreparedRun,
  leads: Leads,
  days: Array<Day | null>,
): { rows: Cell[][]; masked: number } {
  let masked = 0;
  const dated = bindRules(compiled, leads.headers, leads.rows, leads.firstRow, run.dayOf).rules.filter((r) => r.dateCol >= 0);
  const rows = leads.rows.map((row, i) => {
    const day = days[i];
    if (day === null) return row;
    let copy: Cell[] | null = null;
    for (const rule of dated) {
      const signal = dayNumber(row[rule.dateCol], run.dayOf);
      if (!(Number.isFinite(signal) && signal > day)) continue;
      copy ??= row.slice();
      copy[rule.dateCol] = '';
      copy[rule.fieldCol] = '';
      masked++;
    }
    return copy ?? row;
  });
  return { rows, masked };
}

const BUCKET_RANK: Record<Bucket, number> = { Disqualified: 0, Cold: 1, Warm: 2, Hot: 3 };

/**
 * The challenger's figures on the same decided leads (README "Challenger"): scored
 * by the same path (scoreRowsAsOf, each lead as of the same day, its own rules' later signals
 * masked the same way), then AUC, buckets, bands and the bucket moves against Rules.
 */
function challengerFigures(
  challenger: { name: string; run: PreparedRun },
  leads: Leads,
  days: Array<Day | null>,
  perLeadAsOf: boolean,
  decided: Decided[],
  decidedRows: number[],
  base: number,
): ChallengerFigures {
  const { run } = challenger;
  const s = run.settings;
  const { rows } = perLeadAsOf ? maskAfterDecision(run.rules, run, leads, days) : { rows: leads.rows };
  const scored = scoreRowsAsOf(run, { headers: leads.headers, rows, firstRow: leads.firstRow }, days);
  const mine: Decided[] = decidedRows.map((i, k) => {
    const lead = scored.leads[i]!;
    return { score: lead.score, bucket: lead.bucket, won: decided[k].won };
  });
  const n = mine.length;
  const tooFew = n < MIN_DECIDED_FOR_AUC;
  const auc = tooFew
    ? null
    : aucOf(
        mine.map((d) => d.score),
        mine.map((d) => d.won),
      );
  const aucText = tooFew
    ? `Only ${n} decided lead${n === 1 ? '' : 's'}: too few to judge.`
    : auc === null
      ? 'The AUC needs both won and lost leads.'
      : aucSentence(auc);
  const bandCounts = Array.from({ length: 10 }, () => [0, 0]);
  for (const d of mine) {
    if (d.bucket === 'Disqualified') continue;
    const b = bandCounts[bandOf(d.score, s.maxScore)];
    b[0]++;
    if (d.won) b[1]++;
  }
  const pairs = new Map<string, BucketMove>();
  let same = 0;
  let up = 0;
  let down = 0;
  decided.forEach((d, k) => {
    const to = mine[k].bucket;
    const diff = BUCKET_RANK[to] - BUCKET_RANK[d.bucket];
    if (diff === 0) {
      same++;
      return;
    }
    if (diff > 0) up++;
    else down++;
    const key = `${d.bucket}>${to}`;
    let m = pairs.get(key);
    if (!m) pairs.set(key, (m = { from: d.bucket, to, leads: 0, won: 0 }));
    m.leads++;
    if (d.won) m.won++;
  });
  const changes = [...pairs.values()].sort(
    (a, b) => b.leads - a.leads || BUCKET_RANK[b.from] - BUCKET_RANK[a.from] || BUCKET_RANK[b.to] - BUCKET_RANK[a.to],
  );
  return {
    rulesTab: challenger.name,
    rulesApplied: scored.rulesApplied,
    auc,
    aucSentence: aucText,
    buckets: bucketsOf(mine, base, (d) => d.bucket),
    bands: bandCounts.map(([c, w], i) => group(bandLabel(i, s.maxScore), c, w, base)),
    moves: { same, up, down, changes },
    problems: challengerProblems(scored.problems, challenger.name),
  };
}
