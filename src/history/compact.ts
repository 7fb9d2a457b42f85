/**
 * The last run's changes as the sidebar overview shows them without a sheet read: kept in the
 * document property of the last run (src/scoring/lastRun.ts). A property value holds at most 9 KB
 * ("Properties value size 9kB / val", https://developers.google.com/apps-script/guides/services/quotas),
 * so each list keeps its first entries (text cut short) with the full count beside it, and the lists
 * shrink until the whole value fits in STORED_CHANGES_BYTES, leaving room for the run's summary.
 */
import type { GoingCold, LeadChange, RunChanges } from '../engine/changes';

export const STORED_CHANGES_BYTES = 7_000;
const MAX_PER_LIST = 25;
const TEXT_CHARS = 80;

export interface StoredChanges {
  date: string;
  firstRun: boolean;
  /** Full counts of each list. */
  counts: { becameHot: number; leftHot: number; newDisqualified: number; all: number; goingCold: number };
  becameHot: LeadChange[];
  leftHot: LeadChange[];
  newDisqualified: LeadChange[];
  goingCold: GoingCold[];
}

function cut(text: string): string {
  return text.length > TEXT_CHARS ? `${text.slice(0, TEXT_CHARS - 1)}…` : text;
}

function shortChange(c: LeadChange): LeadChange {
  return { ...c, key: cut(c.key), name: cut(c.name), topReason: cut(c.topReason) };
}

function shortCold(c: GoingCold): GoingCold {
  return { ...c, key: cut(c.key), name: cut(c.name), topReason: cut(c.topReason) };
}

/** UTF-8 bytes of a string, without TextEncoder (not in Apps Script). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function compactChanges(changes: RunChanges, limitBytes = STORED_CHANGES_BYTES): StoredChanges {
  const counts = {
    becameHot: changes.becameHot.length,
    leftHot: changes.leftHot.length,
    newDisqualified: changes.newDisqualified.length,
    all: changes.all.length,
    goingCold: changes.goingCold.length,
  };
  for (let per = MAX_PER_LIST; ; per = Math.floor(per / 2)) {
    const stored: StoredChanges = {
      date: changes.date,
      firstRun: changes.firstRun === true,
      counts,
      becameHot: changes.becameHot.slice(0, per).map(shortChange),
      leftHot: changes.leftHot.slice(0, per).map(shortChange),
      newDisqualified: changes.newDisqualified.slice(0, per).map(shortChange),
      goingCold: changes.goingCold.slice(0, per).map(shortCold),
    };
    if (per === 0 || utf8Bytes(JSON.stringify(stored)) <= limitBytes) return stored;
  }
}
