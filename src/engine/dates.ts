import type { Cell, Day } from './types';
import { isBlank } from './text';

const MS_PER_DAY = 86_400_000;

export function dayFromParts(year: number, month: number, day: number): Day | null {
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 1000 && year <= 9999)) return null;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return null; // 31 Feb
  return ms / MS_PER_DAY;
}

export function dayToIso(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * A fixed-offset zone name as minutes east of UTC, or null when `tz` is not one. The Sheets API
 * documents that a spreadsheet's zone "may be a custom time zone such as GMT-07:00"
 * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets#SpreadsheetProperties),
 * which `Intl` rejects. Accepted: `GMT`/`UTC` alone, `GMT-07:00`, `UTC+05:30`, `UTC+5`, `GMT+0530`.
 * The sign means what it says (GMT-07:00 is seven hours behind UTC), as in Java's custom zone IDs;
 * the IANA names `Etc/GMT+7` (whose sign is inverted) go to `Intl` as they are.
 */
export function fixedOffsetMinutes(tz: string): number | null {
  const m = /^\s*(?:GMT|UTC)\s*(?:([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?)?\s*$/i.exec(tz);
  if (!m) return null;
  if (!m[1]) return 0;
  const hours = Number(m[2]);
  const minutes = m[3] ? Number(m[3]) : 0;
  if (hours > 18 || minutes > 59) return null;
  return (m[1] === '+' ? 1 : -1) * (hours * 60 + minutes);
}

/** True when `tz` is an IANA time zone name this runtime knows, or a fixed offset like `GMT-07:00`. */
export function isValidTimeZone(tz: string): boolean {
  if (fixedOffsetMinutes(tz) !== null) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A function giving the offset (ms east of UTC) of zone `tz` at an instant (ms).
 * Intl formatting is slow (~10 µs) and scoring 100,000 leads reads half a million dates, so offsets
 * are memoised per UTC day: when the offset at the day's first and last minute agree, it holds all
 * day (zones change offset at most a few times a year). Days with a change are memoised per
 * 15-minute block instead (every zone's transitions fall on those).
 */
export function zoneOffsets(tz: string): (t: number) => number {
  const fixed = /^(etc\/utc|etc\/gmt|z|utc|gmt)$/i.test(tz.trim()) ? 0 : fixedOffsetMinutes(tz);
  if (fixed !== null) {
    const ms = fixed * 60_000;
    return () => ms;
  }
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const offsetAt = (t: number): number => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
    return wall - Math.floor(t / 60_000) * 60_000;
  };
  /** UTC day → its offset, or NaN when the offset changes during that day. */
  const dayOffsets = new Map<number, number>();
  const blockOffsets = new Map<number, number>();
  return (t) => {
    const utcDay = Math.floor(t / MS_PER_DAY);
    let offset = dayOffsets.get(utcDay);
    if (offset === undefined) {
      const first = offsetAt(utcDay * MS_PER_DAY);
      offset = first === offsetAt((utcDay + 1) * MS_PER_DAY - 60_000) ? first : NaN;
      dayOffsets.set(utcDay, offset);
    }
    if (Number.isNaN(offset)) {
      const block = Math.floor(t / 900_000);
      offset = blockOffsets.get(block);
      if (offset === undefined) {
        offset = offsetAt(t);
        blockOffsets.set(block, offset);
      }
    }
    return offset;
  };
}

/**
 * A function giving the calendar day of an instant in time zone `tz`.
 * Sheets' date cells are wall-clock times in the spreadsheet's zone, so the day must be read there.
 */
export function dayInZone(tz: string): (d: Date) => Day | null {
  const offsetOf = zoneOffsets(tz);
  return (d) => {
    const t = d.getTime();
    if (Number.isNaN(t)) return null;
    const wall = t + offsetOf(t);
    const day = Math.floor(wall / MS_PER_DAY);
    // Where clocks jump at midnight (America/Santiago 2026-09-06, America/Havana 2026-03-08) that
    // day's midnight does not exist. A date cell of that day is read forward (01:00, the usual
    // reading), but a host that converts it with the offset after the jump gives 23:00 the day
    // before at exactly the gap's length: read that as the next day too. Only whole hours late in
    // the evening are checked, so ordinary cells pay nothing.
    const timeOfDay = wall - day * MS_PER_DAY;
    if (timeOfDay >= 22 * 3_600_000 && timeOfDay % 1_800_000 === 0) {
      const after = offsetOf(t + 2 * 3_600_000);
      if (after > offsetOf(t) && (t + after) % MS_PER_DAY === 0) return day + 1;
    }
    return day;
  };
}

/**
 * The calendar day of a custom function's Date argument. The custom-functions guide says that when
 * the script's zone differs from the spreadsheet's, the function "needs to compensate"
 * (https://developers.google.com/apps-script/guides/sheets/functions#data_types) without saying
 * which way a date cell's wall clock is turned into an instant. Robust to both readings for date-only
 * cells: midnight in the spreadsheet's zone is that day; else midnight in the script's zone is that
 * day; anything else (a date with a time) is read in the spreadsheet's zone.
 */
export function dayOfDateArgument(sheetZone: string, scriptZone: string): (d: Date) => Day | null {
  const sheetDay = dayInZone(sheetZone);
  if (sheetZone === scriptZone) return sheetDay;
  const sheetOffset = zoneOffsets(sheetZone);
  const scriptOffset = zoneOffsets(scriptZone);
  return (d) => {
    const t = d.getTime();
    if (Number.isNaN(t)) return null;
    const inSheet = t + sheetOffset(t);
    if (inSheet % MS_PER_DAY === 0) return inSheet / MS_PER_DAY;
    const inScript = t + scriptOffset(t);
    if (inScript % MS_PER_DAY === 0) return inScript / MS_PER_DAY;
    return Math.floor(inSheet / MS_PER_DAY);
  };
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)] ?? undefined;
}

/**
 * A calendar day from date text, for dates typed or imported as text. Accepted (README "Decisions where the design is silent", Dates typed as text):
 * ISO `2026-03-05` (a time after it is ignored), `2026/03/05`, `05.03.2026` (day.month.year),
 * `3/5/2026` (month/day/year, as Sheets' default en-US locale reads it; day/month when the first
 * number is above 12), `5 Mar 2026`, `Mar 5, 2026`, `March 5 2026`.
 */
export function parseDateText(text: string): Day | null {
  const s = text.trim();
  let m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.exec(s) ??
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return dayFromParts(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return dayFromParts(+m[3], +m[2], +m[1]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const year = m[3].length === 2 ? 2000 + +m[3] : +m[3];
    const [a, b] = [+m[1], +m[2]];
    return a > 12 ? dayFromParts(year, b, a) : dayFromParts(year, a, b);
  }
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9}\.?)[ ,-]+(\d{4})$/.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    return month ? dayFromParts(+m[3], month, +m[1]) : null;
  }
  m = /^([A-Za-z]{3,9}\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    return month ? dayFromParts(+m[3], month, +m[2]) : null;
  }
  return null;
}

export type DateReading = { kind: 'blank' } | { kind: 'day'; day: Day } | { kind: 'invalid' };

/** Reads a cell as a date: a `Date` (from `getValues`) in the sheet's zone, or date text. */
export function readDay(v: Cell, dayOf: (d: Date) => Day | null): DateReading {
  const day = dayNumber(v, dayOf);
  return day === BLANK_DAY ? { kind: 'blank' } : Number.isNaN(day) ? { kind: 'invalid' } : { kind: 'day', day };
}

/** `dayNumber` for a blank cell. */
export const BLANK_DAY = -Infinity;

/**
 * The same reading without an object per cell (scoring reads a million date cells): the day,
 * BLANK_DAY for a blank cell, or NaN when the cell is not a date.
 */
export function dayNumber(v: Cell, dayOf: (d: Date) => Day | null): number {
  if (isBlank(v)) return BLANK_DAY;
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') {
    const day = dayOf(v as Date);
    return day === null ? NaN : day;
  }
  if (typeof v === 'string') {
    const day = parseDateText(v);
    return day === null ? NaN : day;
  }
  return NaN;
}
