/**
 * What changed between two runs (README "Running by itself": Score history, Changes since last run,
 * Going cold soon). These types are the contract between the run that finds the changes and what
 * reports them (the Score history tab, the sidebar, the email digest).
 */
import type { Bucket, Cell, LeadScore } from './types';
import { BUCKETS } from './types';
import { isBlank, isErrorValue, leadKey, toNumber } from './text';

/** One lead whose bucket changed since the previous run. */
export interface LeadChange {
  /** Sheet row of the lead in the Leads tab (1-based), for "select the row" and links. */
  row: number;
  /** The lead's key (Settings Lead key column), as written in the sheet. */
  key: string;
  /** A display name for the lead (its Name/Company/Email cell, else the key). */
  name: string;
  /** Bucket and score at the previous run; null when the lead had none (new since then). */
  oldBucket: Bucket | null;
  oldScore: number | null;
  newBucket: Bucket;
  newScore: number;
  /** The lead's top reason now (the first reason of its Why). */
  topReason: string;
}

/** A Hot lead that falls below Hot at within the forecast window if nothing new happens. */
export interface GoingCold {
  row: number;
  key: string;
  name: string;
  score: number;
  /** The first day (yyyy-mm-dd) its score is below Hot at. */
  dropsOn: string;
  /** The bucket it drops to that day. */
  dropsTo: Bucket;
  topReason: string;
}

/** The changes one run found; `date` is the run's as-of day (yyyy-mm-dd). */
export interface RunChanges {
  date: string;
  becameHot: LeadChange[];
  /** Hot before, Warm or Cold now (decay or a negative signal: "back to nurture"). */
  leftHot: LeadChange[];
  newDisqualified: LeadChange[];
  /** Every lead whose bucket changed (what the Score history tab records). */
  all: LeadChange[];
  goingCold: GoingCold[];
  /**
   * The first run ever (no lead had a score before): nothing to compare, so no changes and
   * nothing recorded. Optional so a RunChanges written before this field still reads.
   */
  firstRun?: boolean;
}

/** A lead's previous run as its own output cells show it (Score and Bucket, read with the run's one read). */
export interface PreviousOutput {
  score: Cell;
  bucket: Cell;
}

export interface ChangesInput {
  /** The run's as-of day, yyyy-mm-dd. */
  date: string;
  /** Sheet row of the first data row. */
  firstRow: number;
  /** Per data row: the Lead key column's cell; null when the Leads tab has no such column. */
  keys: Cell[] | null;
  /** Per data row: a display name ('' falls back to the key, then "row N"). */
  names: Cell[];
  /** Per data row: the output cells before this run; null when the Bucket column is new this run. */
  previous: PreviousOutput[] | null;
  /** This run's scores, one per data row (null: blank row). */
  leads: Array<LeadScore | null>;
  goingCold?: GoingCold[];
}

export interface ChangesResult {
  changes: RunChanges;
  /** What the Score history tab records: each lead key once (the first row holding it). */
  history: LeadChange[];
  /** Rows of changed leads with a blank key: listed in the changes, not recorded. */
  blankKeyRows: number[];
  /** Keys held by more than one changed lead: recorded once (the first row), reported. */
  duplicateKeys: Array<{ key: string; rows: number[] }>;
}

/**
 * The lead's top reason: the first part of its Why that is a reason (README "What the add-on
 * does", Why), not the Base score nor a warning; the whole Why when none ("No rule applies").
 */
export function topReason(why: string): string {
  const parts = why.split(' · ');
  const first = parts.find((p) => p !== '' && !/^base [−\d]/.test(p) && !p.startsWith('⚠'));
  return first ?? parts[0] ?? '';
}

/** A previous Bucket cell as a bucket; null when blank or not a bucket name (the user's text). */
export function readBucket(v: Cell): Bucket | null {
  if (isBlank(v) || isErrorValue(v)) return null;
  const text = String(v).trim().toLowerCase();
  return BUCKETS.find((b) => b.toLowerCase() === text) ?? null;
}

function keyText(v: Cell): string {
  if (isBlank(v) || isErrorValue(v)) return '';
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
}

/**
 * What changed since the previous run (README "Running by itself", Changes since last run), row
 * by row: each lead's old Score and Bucket are the output cells on its own row, which move with it
 * when rows are sorted; the lead key names it in Score history. A lead with no previous bucket (a
 * row added since) that is scored now counts as changed from nothing (old bucket blank). When no
 * lead had a previous bucket (the first run ever, or the output columns are new), it is the first
 * run: nothing is compared or recorded.
 */
export function findChanges(input: ChangesInput): ChangesResult {
  const { previous, leads } = input;
  const empty: RunChanges = {
    date: input.date,
    becameHot: [],
    leftHot: [],
    newDisqualified: [],
    all: [],
    goingCold: input.goingCold ?? [],
  };
  const firstRun = previous === null || !previous.some((p, i) => leads[i] && readBucket(p.bucket) !== null);
  if (firstRun) return { changes: { ...empty, firstRun: true }, history: [], blankKeyRows: [], duplicateKeys: [] };
  const changes = empty;
  const history: LeadChange[] = [];
  const blankKeyRows: number[] = [];
  const byKey = new Map<string, number[]>();
  leads.forEach((lead, i) => {
    if (!lead) return;
    const oldBucket = readBucket(previous[i].bucket);
    if (oldBucket === lead.bucket) return;
    const row = input.firstRow + i;
    const key = input.keys ? keyText(input.keys[i]) : '';
    const name = keyText(input.names[i]) || key || `row ${row}`;
    const oldScore = oldBucket === null ? null : toNumber(previous[i].score);
    const change: LeadChange = {
      row,
      key,
      name,
      oldBucket,
      oldScore,
      newBucket: lead.bucket,
      newScore: lead.score,
      topReason: topReason(lead.why),
    };
    changes.all.push(change);
    if (lead.bucket === 'Hot') changes.becameHot.push(change);
    else if (oldBucket === 'Hot' && lead.bucket !== 'Disqualified') changes.leftHot.push(change);
    if (lead.bucket === 'Disqualified') changes.newDisqualified.push(change);
    if (!input.keys) return;
    const k = leadKey(input.keys[i]);
    if (k === '') {
      blankKeyRows.push(row);
      return;
    }
    const rows = byKey.get(k);
    if (rows) rows.push(row);
    else {
      byKey.set(k, [row]);
      history.push(change);
    }
  });
  const duplicateKeys = [...byKey.entries()].filter(([, rows]) => rows.length > 1).map(([key, rows]) => ({ key, rows }));
  return { changes, history, blankKeyRows, duplicateKeys };
}

/** Going cold soon, soonest first (ties: sheet order), from the forecast's drops. */
export function goingColdList(
  leads: Array<LeadScore | null>,
  drops: Array<{ day: number; bucket: Bucket } | null>,
  firstRow: number,
  keys: Cell[] | null,
  names: Cell[],
  dayIso: (day: number) => string,
): GoingCold[] {
  const list: Array<GoingCold & { day: number }> = [];
  drops.forEach((drop, i) => {
    const lead = leads[i];
    if (!drop || !lead) return;
    const key = keys ? keyText(keys[i]) : '';
    list.push({
      row: firstRow + i,
      key,
      name: keyText(names[i]) || key || `row ${firstRow + i}`,
      score: lead.score,
      dropsOn: dayIso(drop.day),
      dropsTo: drop.bucket,
      topReason: topReason(lead.why),
      day: drop.day,
    });
  });
  list.sort((a, b) => a.day - b.day || a.row - b.row);
  return list.map(({ day: _day, ...g }) => g);
}
