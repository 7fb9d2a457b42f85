/**
 * The sidebar's pure logic: validation, wording and number formatting. No DOM, no server: unit
 * tested in test/sidebar.
 */
import type { BucketName, ContributionView, ProblemView, ScoreReport, Thresholds } from '../src/shared/types';
import { normalizeColour, thresholdFault } from '../src/engine/settings';
import { BUCKETS as ENGINE_BUCKETS } from '../src/engine/types';

export const BUCKETS: readonly BucketName[] = ENGINE_BUCKETS;
export type ColourKey = keyof Thresholds['colours'];
export const COLOUR_KEYS: Array<[ColourKey, BucketName]> = [
  ['hot', 'Hot'],
  ['warm', 'Warm'],
  ['cold', 'Cold'],
  ['disqualified', 'Disqualified'],
];

const MINUS = '\u2212';

/** +12 / −10 / 0, whole points (half up on the magnitude, as the engine rounds). */
export function signed(n: number): string {
  const r = Math.floor(Math.abs(n) + 0.5 + 1e-9);
  if (r === 0) return '0';
  return n < 0 ? `${MINUS}${r}` : `+${r}`;
}

/** 17.5 → "17.5", 30 → "30", −8 → "−8" (one decimal at most). */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  const s = Number.isInteger(r) ? String(Math.abs(r)) : Math.abs(r).toFixed(1);
  return r < 0 ? `${MINUS}${s}` : s;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

// ---- Thresholds ---------------------------------------------------------------------------------

export type FieldName = 'hotAt' | 'warmAt' | ColourKey;
export type ThresholdCheck = { ok: true; value: Thresholds } | { ok: false; error: string; field: FieldName };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** '#ABC' → '#aabbcc'; null when not a #rgb / #rrggbb colour (the engine's own rule, as the server checks it). */
export const normalizeHex: (text: string) => string | null = normalizeColour;

function parseThreshold(
  text: string,
  label: string,
  field: FieldName,
): { ok: true; n: number } | { ok: false; error: string; field: FieldName } {
  const s = text.trim();
  if (s === '') return { ok: false, field, error: `${label} is empty; enter a number such as ${field === 'hotAt' ? 70 : 40}.` };
  if (!NUMBER.test(s)) return { ok: false, field, error: `${label} must be a number (got '${s}').` };
  const n = Number(s);
  if (n < 0) return { ok: false, field, error: `${label} cannot be negative (got ${s}).` };
  return { ok: true, n };
}

/**
 * Checks the form before anything is sent: both thresholds plain non-negative numbers, Warm at
 * below Hot at, Hot at within Max score, the four colours #rrggbb. The server checks again.
 */
export function validateThresholds(
  input: { hotAt: string; warmAt: string; colours: Record<ColourKey, string> },
  maxScore: number,
): ThresholdCheck {
  const hot = parseThreshold(input.hotAt, 'Hot at', 'hotAt');
  if (!hot.ok) return hot;
  const warm = parseThreshold(input.warmAt, 'Warm at', 'warmAt');
  if (!warm.ok) return warm;
  // The engine's rule, the one the Settings tab and the server apply.
  const fault = thresholdFault(hot.n, warm.n, maxScore);
  if (fault === 'hotAboveMax')
    return { ok: false, field: 'hotAt', error: `Hot at (${num(hot.n)}) is above Max score (${num(maxScore)}); no lead could be Hot.` };
  if (fault !== null) return { ok: false, field: 'warmAt', error: `Warm at (${num(warm.n)}) must be below Hot at (${num(hot.n)}).` };
  const colours = {} as Thresholds['colours'];
  for (const [key, bucket] of COLOUR_KEYS) {
    const c = normalizeHex(input.colours[key] ?? '');
    if (!c)
      return {
        ok: false,
        field: key,
        error: `The ${bucket} colour '${(input.colours[key] ?? '').trim()}' is not a colour; use #rrggbb, e.g. #f4c7c3.`,
      };
    colours[key] = c;
  }
  return { ok: true, value: { hotAt: hot.n, warmAt: warm.n, maxScore, colours } };
}

// ---- Overview -----------------------------------------------------------------------------------

export interface Bar {
  from: number;
  to: number;
  count: number;
  /** 0..1 of the tallest bar. */
  height: number;
  bucket: BucketName;
  label: string;
}

/** The histogram's ten bands, each coloured by the bucket its lower bound falls in. */
export function histogramBars(histogram: number[], maxScore: number, hotAt: number, warmAt: number): Bar[] {
  const tallest = Math.max(1, ...histogram);
  const width = maxScore / histogram.length;
  return histogram.map((count, i) => {
    const from = Math.round(i * width);
    const to = i === histogram.length - 1 ? maxScore : Math.round((i + 1) * width) - 1;
    const bucket: BucketName = from >= hotAt ? 'Hot' : from >= warmAt ? 'Warm' : 'Cold';
    return { from, to, count, height: count / tallest, bucket, label: `${from}–${to}: ${plural(count, 'lead')}` };
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-11-20' → '20 Nov 2026' (a calendar day: no time zone involved). */
export function formatDay(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return iso ?? '';
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** An ISO instant in the viewer's local time: '23 Nov 2026, 14:05'. */
export function formatInstant(iso: string | null | undefined, offsetMinutes?: number): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t - (offsetMinutes ?? new Date(t).getTimezoneOffset()) * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 'Last scored 23 Nov 2026, 14:05 · as of 20 Nov 2026' or the not-yet line. */
export function lastScoredLine(lastScoredAt: string | null, lastAsOf: string | null, offsetMinutes?: number): string {
  if (!lastScoredAt) return 'Not scored yet. Score now to fill the Score, Bucket and Why columns.';
  return `Last scored ${formatInstant(lastScoredAt, offsetMinutes)} · as of ${formatDay(lastAsOf)}`;
}

export function countsLine(counts: Record<BucketName, number>): string {
  return BUCKETS.map((b) => `${counts[b].toLocaleString('en-US')} ${b}`).join(' · ');
}

/** The result of a Score now / save, in one sentence. */
export function reportLine(report: ScoreReport): string {
  const secs = report.ms >= 50 ? ` in ${(report.ms / 1000).toFixed(1)} s` : '';
  return `Scored ${plural(report.leads, 'lead')}${secs} (as of ${formatDay(report.asOf)}): ${countsLine(report.counts)}.`;
}

// ---- Rules health -------------------------------------------------------------------------------

/** 'Rules · row 5 · Operator' — where a problem is. */
export function problemPlace(p: ProblemView): string {
  const parts: string[] = [p.tab];
  if (p.row > 0) parts.push(`row ${p.row}`);
  if (p.column) parts.push(p.column);
  return parts.join(' · ');
}

/** The problem's message without the place it starts with ("Rules row 3, Operator: …"), which problemPlace shows. */
export function problemText(p: ProblemView): string {
  const where = p.row > 0 ? `${p.tab} row ${p.row}` : `${p.tab} tab`;
  const prefixes = [`${where}, ${p.column}: `, `${where}: `];
  for (const prefix of prefixes)
    if (p.message.startsWith(prefix) && p.message.length > prefix.length) return p.message.slice(prefix.length);
  return p.message;
}

export function canSelect(p: ProblemView): boolean {
  return p.row > 0;
}

// ---- Explain ------------------------------------------------------------------------------------

/** The lines under a contribution: repeats, cap, decay (from → to, age, half-life), expiry, no date. */
export function contributionNotes(c: ContributionView): string[] {
  const notes: string[] = [];
  const magnitude = (n: number) => num(Math.abs(n));
  if (c.count !== null && c.count !== undefined && !c.label.includes('×')) notes.push(`Counted ×${c.count}`);
  if (c.capped) notes.push(`Capped at ${magnitude(c.base)} (repeats gave ${magnitude(c.uncapped)})`);
  if (c.expired) {
    notes.push(`Expired: ${c.ageDays} d old, counts 0 (was ${magnitude(c.base)})`);
  } else if (c.noDate) {
    notes.push('No date in this lead: counted in full, no decay');
  } else if (c.ageDays !== null && c.halfLifeDays !== null && c.ageDays > 0) {
    notes.push(`Decayed ${magnitude(c.base)} → ${magnitude(c.points)} · ${c.ageDays} d old · half-life ${num(c.halfLifeDays)} d`);
  } else if (c.ageDays !== null && c.halfLifeDays !== null) {
    notes.push('Today: no decay yet');
  }
  return notes;
}

/** Contributions that count (non-zero after rounding) first, as the server sorted them. */
export function splitContributions(list: ContributionView[]): { counted: ContributionView[]; zero: ContributionView[] } {
  const counted: ContributionView[] = [];
  const zero: ContributionView[] = [];
  for (const c of list) (signed(c.points) === '0' ? zero : counted).push(c);
  return { counted, zero };
}
