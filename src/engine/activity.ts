/**
 * The Activity tab (README "Activity"): one event a row, `Lead key | Activity | Date | Count? |
 * Detail?`, joined to Leads by the Lead key column (trimmed, case-insensitive). A rule whose Field
 * is `Activity: <name>` looks at that lead's events of that activity instead of a Leads cell:
 * `happened`, count comparisons, `within last days`, `older than days`; with `Per each` every
 * event counts, newest first, each decayed by its own age:
 *   contribution = Σᵢ Points × rⁱ × 0.5^(ageᵢ / half-life)   (i = 0 for the newest), capped at Max points.
 * Expires after days leaves older events out before the rule is tested. Events dated after the
 * as-of day have not happened yet as of that day and are left out (a backtest sees only earlier events).
 *
 * Pure: the Activity grid is data passed in, like the Leads grid.
 */
import type { Cell, Day, OperatorName, Problem } from './types';
import { formatNumber, isBlank, isErrorValue, leadKey, normalizeKey, toNumber } from './text';
import { readDay } from './dates';
import { indexHeaders } from './columns';
import { problem } from './problems';
import type { Condition, TestContext } from './operators';
import { MAX_COUNT } from './rules';
import type { BoundRule } from './bind';
import { DISQUALIFIES, MISSES, SCORES, valueHit, type Hit } from './score';

/** The Activity tab's columns, in the order Set up writes them. */
export const ACTIVITY_HEADERS = ['Lead key', 'Activity', 'Date', 'Count', 'Detail'] as const;

/** Problems listed one by one for bad Activity rows; the rest are counted in one more line. */
export const MAX_ACTIVITY_PROBLEMS = 20;

/** `Activity: Pricing page` → `Pricing page`; null when the Field is not an activity. */
export function activityName(field: string): string | null {
  const m = /^\s*activity\s*:\s*(.*?)\s*$/i.exec(field);
  return m ? m[1] : null;
}

/** One lead's events of one activity: distinct days, newest first, with the number of events on each. */
export interface EventDays {
  days: Day[];
  counts: number[];
}

export interface ActivityIndex {
  /** The tab's name (Settings: Activity sheet), for problems and notices. */
  sheet: string;
  /** leadKey → activity key (normalizeKey of the name) → that lead's events. */
  byLead: Map<string, Map<string, EventDays>>;
  /** Activity rows read per lead key (orphans are counted from this). */
  rowsByKey: Map<string, number>;
  /** Event rows read (valid ones). */
  rows: number;
  /** Events (Σ Count). */
  events: number;
  /** Bad rows: the first MAX_ACTIVITY_PROBLEMS named, then one line for the rest. */
  problems: Problem[];
  /** Sheet row of the header (0 when none). */
  headerRow: number;
}

/**
 * Reads the Activity grid (getValues of the whole tab). The header row is the first of the top ten
 * holding Lead key, Activity and Date, matched like Leads headers. A row with no key, no activity,
 * no date, or a Count that is not a whole number ≥ 0 is a problem naming the Activity row, and is
 * left out; a blank row is skipped. A Count of 3 is three events on that row's date (so their order
 * among themselves does not matter: they have the same age).
 */
export function parseActivity(grid: Cell[][], dayOf: (d: Date) => Day | null, sheet = 'Activity'): ActivityIndex {
  const out: ActivityIndex = { sheet, byLead: new Map(), rowsByKey: new Map(), rows: 0, events: 0, problems: [], headerRow: 0 };
  const headerIndex = grid.slice(0, 10).findIndex((row) => {
    const keys = row.map(normalizeKey);
    return keys.includes('leadkey') && keys.includes('activity') && keys.includes('date');
  });
  if (headerIndex < 0) {
    if (grid.length > 0)
      out.problems.push(
        problem(
          'Activity',
          0,
          '',
          0,
          `no header row found in the '${sheet}' tab. Row 1 should hold ${ACTIVITY_HEADERS.join(', ')} (Count and Detail optional).`,
        ),
      );
    return out;
  }
  out.headerRow = headerIndex + 1;
  const headers = indexHeaders(grid[headerIndex]);
  const keyCol = headers.find('Lead key');
  const nameCol = headers.find('Activity');
  const dateCol = headers.find('Date');
  const countCol = headers.find('Count');
  let bad = 0;
  const report = (row: number, column: string, col: number, reason: string) => {
    bad++;
    if (bad <= MAX_ACTIVITY_PROBLEMS) out.problems.push(problem('Activity', row, column, col + 1, reason));
  };
  // Collected unsorted, then each list sorted newest first and same days merged.
  const raw = new Map<string, Map<string, number[]>>();
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells = grid[r];
    const row = r + 1;
    const keyCell = cells[keyCol];
    const nameCell = cells[nameCol];
    const dateCell = cells[dateCol];
    const countCell = countCol >= 0 ? cells[countCol] : '';
    if (isBlank(keyCell) && isBlank(nameCell) && isBlank(dateCell) && isBlank(countCell)) continue;
    const key = leadKey(keyCell);
    if (key === '') {
      report(
        row,
        'Lead key',
        keyCol,
        `the Lead key is ${isErrorValue(keyCell) ? keyCell : 'blank'}; this event can't be joined to a lead.`,
      );
      continue;
    }
    const name = isBlank(nameCell) || isErrorValue(nameCell) ? '' : normalizeKey(nameCell);
    if (name === '') {
      report(row, 'Activity', nameCol, 'the Activity is blank; write what happened, e.g. Pricing page.');
      continue;
    }
    const date = readDay(dateCell, dayOf);
    if (date.kind !== 'day') {
      report(
        row,
        'Date',
        dateCol,
        date.kind === 'blank'
          ? 'the Date is blank; an event needs the day it happened.'
          : `'${String(dateCell).trim()}' is not a date; write e.g. 2026-03-31.`,
      );
      continue;
    }
    let count = 1;
    if (!isBlank(countCell)) {
      const n = toNumber(countCell);
      if (n === null || n < 0 || !Number.isInteger(n) || n > MAX_COUNT) {
        report(
          row,
          'Count',
          countCol,
          `'${String(countCell).trim()}' is not a count; write a whole number from 0 to 1,000,000 (blank means 1).`,
        );
        continue;
      }
      count = n;
    }
    out.rows++;
    out.events += count;
    out.rowsByKey.set(key, (out.rowsByKey.get(key) ?? 0) + 1);
    let byName = raw.get(key);
    if (!byName) raw.set(key, (byName = new Map()));
    let list = byName.get(name);
    if (!list) byName.set(name, (list = []));
    list.push(date.day, count);
  }
  if (bad > MAX_ACTIVITY_PROBLEMS) {
    const more = bad - MAX_ACTIVITY_PROBLEMS;
    out.problems.push(
      problem(
        'Activity',
        0,
        '',
        0,
        `${more} more row${more > 1 ? 's' : ''} with problems were left out (the first ${MAX_ACTIVITY_PROBLEMS} are listed).`,
      ),
    );
  }
  for (const [key, byName] of raw) {
    const events = new Map<string, EventDays>();
    for (const [name, list] of byName) events.set(name, newestFirst(list));
    out.byLead.set(key, events);
  }
  return out;
}

/** [day, count, day, count, …] → distinct days newest first, counts summed per day. */
function newestFirst(list: number[]): EventDays {
  const order = Array.from({ length: list.length / 2 }, (_, i) => i).sort((a, b) => list[b * 2] - list[a * 2]);
  const days: Day[] = [];
  const counts: number[] = [];
  for (const i of order) {
    const day = list[i * 2];
    if (days.length > 0 && days[days.length - 1] === day) counts[counts.length - 1] += list[i * 2 + 1];
    else {
      days.push(day);
      counts.push(list[i * 2 + 1]);
    }
  }
  return { days, counts };
}

/** What binding ties an activity rule to: the lead key column and the events. */
export interface BoundActivity {
  /** The activity as the rule writes it, and its key. */
  name: string;
  key: string;
  /** 0-based Leads column of the Lead key. */
  keyCol: number;
  index: ActivityIndex;
}

/** The operators an Activity field takes. */
const ACTIVITY_OPERATORS: OperatorName[] = ['happened', '>', '>=', '<', '<=', 'between', 'within last days', 'older than days'];

type Compiled = { ok: true; condition: Condition } | { ok: false; reason: string };

const SYMBOL: Partial<Record<OperatorName, string>> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

/**
 * An activity rule's condition. `match(v, _, num)` gets the number of events (as `v`) and the
 * latest event's age in days (as `num`, NaN when there is none): `happened` holds with at least
 * one event; `>`, `>=`, `<`, `<=`, `between` compare the number of events (0 when none, so
 * `< 1` means "never"); `within last days N` holds when the latest event is at most N days old;
 * `older than days N` when there were events and the latest is more than N days old.
 */
export function compileActivityCondition(operator: OperatorName, value: string): Compiled {
  const numberOf = (text: string): number | null => toNumber(text);
  const holds = (match: (n: number, latest: number) => boolean, label: (field: string) => string): Compiled => ({
    ok: true,
    condition: {
      reads: 'cell',
      match: (v, _t, latest) => (match(v as number, latest) ? 0 : -1),
      labels: (field) => [label(field)],
    },
  });
  switch (operator) {
    case 'happened':
      return holds(
        (n) => n > 0,
        (field) => field,
      );
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const limit = numberOf(value);
      if (limit === null)
        return {
          ok: false,
          reason: `'${value}' is not a number; on an Activity field '${operator}' compares the number of events, e.g. 3.`,
        };
      const cmp =
        operator === '>'
          ? (n: number) => n > limit
          : operator === '>='
            ? (n: number) => n >= limit
            : operator === '<'
              ? (n: number) => n < limit
              : (n: number) => n <= limit;
      return holds(cmp, (field) => `${field} ${SYMBOL[operator]} ${formatNumber(limit)}`);
    }
    case 'between': {
      const m = /^(.*?)\s*\.\.\s*(.*)$/.exec(value.trim());
      const lo = m ? numberOf(m[1]) : null;
      const hi = m ? numberOf(m[2]) : null;
      if (lo === null || hi === null)
        return { ok: false, reason: `'${value}' is not a range of event counts. Write it as low..high, e.g. 2..5.` };
      if (lo > hi)
        return {
          ok: false,
          reason: `'${value}': the low end is above the high end. Write it as ${formatNumber(hi)}..${formatNumber(lo)}.`,
        };
      return holds(
        (n) => n >= lo && n <= hi,
        (field) => `${field} ${formatNumber(lo)}–${formatNumber(hi)}`,
      );
    }
    case 'within last days':
    case 'older than days': {
      const days = numberOf(value);
      if (days === null || days < 0) return { ok: false, reason: `'${value}' is not a number of days; write e.g. 30.` };
      const within = operator === 'within last days';
      return holds(
        (n, latest) => n > 0 && (within ? latest <= days : latest > days),
        (field) => (within ? `${field} within ${formatNumber(days)} d` : `${field} not in ${formatNumber(days)} d`),
      );
    }
    default:
      return {
        ok: false,
        reason: `'${operator}' does not apply to an Activity field. Use one of: ${ACTIVITY_OPERATORS.join(', ')}.`,
      };
  }
}

/** The part of a hit that only activity rules fill in. */
export interface ActivityHit {
  /** Events counted (after Expires after and the as-of day). */
  events: number;
  /** Age of the newest / oldest counted event (−1 without events). */
  latestDays: number;
  spanDays: number;
}

/**
 * One activity rule on one lead: MISSES, SCORES (with `hit` filled in) or DISQUALIFIES, the same
 * contract as `evaluate` for a Leads cell, and called by both the reference path (score.ts) and
 * the bulk path (bulk.ts). `Per once` is Points decayed by the latest event's age (valueHit, as
 * a dated Leads cell); `Per each` sums every event as the module comment says.
 */
export function evaluateActivity(rule: BoundRule, cells: Cell[], ctx: TestContext, hit: Hit): number {
  const a = rule.activity!;
  const key = leadKey(cells[a.keyCol]);
  const events = key === '' ? undefined : a.index.byLead.get(key)?.get(a.key);
  const asOf = ctx.asOfDay;
  const expires = rule.expiresAfterDays;
  let n = 0;
  let latest = -1;
  let oldest = -1;
  let first = 0;
  let last = -1;
  if (events) {
    const days = events.days;
    for (let g = 0; g < days.length; g++) {
      if (days[g] > asOf) {
        first = g + 1;
        continue;
      }
      const age = asOf - days[g];
      if (expires !== null && age > expires) break;
      n += events.counts[g];
      if (latest < 0) latest = age;
      oldest = age;
      last = g;
    }
  }
  ctx.field = rule.field;
  const alt = rule.condition.match(n, '', latest < 0 ? NaN : latest, ctx);
  if (alt < 0) return MISSES;
  hit.alt = alt;
  hit.noDate = false;
  hit.events = n;
  hit.latestDays = latest;
  hit.spanDays = oldest;
  if (rule.category === 'Disqualify') return DISQUALIFIES;
  if (rule.per !== 'each') {
    valueHit(rule, null, latest < 0 ? null : latest, false, hit);
    return SCORES;
  }
  if (n === 0) return MISSES;
  // Σᵢ Points × rⁱ × 0.5^(ageᵢ/h), a day at a time: k events on one day are rⁱ⁰ × (1 + r + … + r^(k−1)) of it.
  const r = rule.repeatFactor;
  const h = rule.halfLifeDays;
  let sum = 0;
  let i0 = 0;
  for (let g = first; g <= last; g++) {
    const k = events!.counts[g];
    if (k === 0) continue;
    const repeats = r === 1 ? k : (r ** i0 * (1 - r ** k)) / (1 - r);
    const decayed = h === null ? 1 : 0.5 ** ((asOf - events!.days[g]) / h);
    sum += rule.points * repeats * decayed;
    i0 += k;
  }
  const capped = rule.maxPoints !== null && Math.abs(sum) > rule.maxPoints;
  const base = capped ? Math.sign(sum) * rule.maxPoints! : sum;
  hit.count = n;
  hit.ageDays = latest;
  hit.expired = false;
  hit.uncapped = sum;
  hit.base = base;
  hit.capped = capped;
  hit.points = rule.category === 'Negative' ? -Math.abs(base) : base;
  return SCORES;
}

/** `Pricing page ×3 in 30 d`: the label of a `Per each` activity hit (the bracket comes from activityDetail). */
export function activityLabel(rule: BoundRule, hit: Hit): string {
  if (rule.per !== 'each') return rule.labels[hit.alt];
  return hit.events === 1 ? `${rule.field} ×1` : `${rule.field} ×${formatNumber(hit.events)} in ${hit.spanDays} d`;
}

/** `(latest 2 d ago)`, `(2 d ago, capped at 12)`, `(latest 9 d ago, decayed from 20)`: the bracket of an activity contribution. */
export function activityDetail(c: {
  activity?: ActivityHit;
  capped: boolean;
  base: number;
  count: number | null;
  halfLifeDays: number | null;
  ageDays: number | null;
}): string {
  const a = c.activity;
  if (!a || a.events === 0) return '';
  const ago = a.latestDays === 0 ? 'today' : `${a.latestDays} d ago`;
  let text = a.events > 1 ? `latest ${ago}` : ago;
  if (c.capped) text += `, capped at ${formatNumber(Math.abs(c.base))}`;
  // `Per once` decays Points by the latest event's age; `Per each` decays every event (the sum says it).
  if (c.count === null && c.halfLifeDays !== null && a.latestDays > 0) text += `, decayed from ${formatNumber(Math.abs(c.base))}`;
  return ` (${text})`;
}

/** What Score leads reports about the join (README "Activity"): never silent about events that scored nothing. */
export interface ActivitySummary {
  sheet: string;
  leadKeyColumn: string;
  rows: number;
  events: number;
  /** Activity rows whose key matches no lead, and how many distinct keys; a few keys as examples. */
  orphanRows: number;
  orphanKeys: number;
  orphanExamples: string[];
  /** Lead keys written on more than one Leads row (sheet rows); both rows get the events. */
  duplicates: Array<{ key: string; rows: number[] }>;
}

/** Joins the events to the Leads rows' keys: orphans and duplicate keys. */
export function summarizeActivity(
  index: ActivityIndex,
  rows: Cell[][],
  keyCol: number,
  firstRow: number,
  leadKeyColumn: string,
): ActivitySummary {
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const key = leadKey(rows[i][keyCol]);
    if (key === '') continue;
    const list = rowsOf.get(key);
    if (list) list.push(firstRow + i);
    else rowsOf.set(key, [firstRow + i]);
  }
  let orphanRows = 0;
  let orphanKeys = 0;
  const orphanExamples: string[] = [];
  for (const [key, n] of index.rowsByKey) {
    if (rowsOf.has(key)) continue;
    orphanRows += n;
    orphanKeys++;
    if (orphanExamples.length < 3) orphanExamples.push(key);
  }
  const duplicates: ActivitySummary['duplicates'] = [];
  for (const [key, list] of rowsOf) if (list.length > 1) duplicates.push({ key, rows: list });
  return { sheet: index.sheet, leadKeyColumn, rows: index.rows, events: index.events, orphanRows, orphanKeys, orphanExamples, duplicates };
}

/** The summary as sentences for the Score leads report and the sidebar (empty when all is well). */
export function activityNotices(s: ActivitySummary): string[] {
  const out: string[] = [];
  if (s.orphanRows > 0) {
    const eg = s.orphanExamples.map((k) => `'${k}'`).join(', ');
    out.push(
      `${s.orphanRows} ${s.sheet} row${s.orphanRows > 1 ? 's' : ''} (${s.orphanKeys} lead key${s.orphanKeys > 1 ? 's' : ''}, e.g. ${eg}) match${s.orphanRows > 1 ? '' : 'es'} no lead by ${s.leadKeyColumn}; ${s.orphanRows > 1 ? 'their events were' : 'its event was'} not counted.`,
    );
  }
  if (s.duplicates.length > 0) {
    const shown = s.duplicates
      .slice(0, 3)
      .map((d) => `'${d.key}' (rows ${d.rows.join(', ')})`)
      .join(', ');
    const more = s.duplicates.length > 3 ? ` and ${s.duplicates.length - 3} more` : '';
    out.push(
      `${s.duplicates.length} lead key${s.duplicates.length > 1 ? 's are' : ' is'} on more than one Leads row: ${shown}${more}; each of those rows gets all of the key's events.`,
    );
  }
  return out;
}
