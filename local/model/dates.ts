/**
 * Wall-clock ↔ instant conversion with Intl, and Java SimpleDateFormat-style
 * formatting for Utilities.formatDate.
 *
 * A "naive" Date carries a wall-clock time in its UTC fields (see types.ts).
 */

const dtfCache = new Map<string, Intl.DateTimeFormat>();

function dtf(timeZone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    dtfCache.set(timeZone, f);
  }
  return f;
}

/**
 * A custom fixed-offset zone as Sheets may report it ("may be a custom time zone such as
 * GMT-07:00", https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets#SpreadsheetProperties),
 * in minutes east of UTC; null for other names. Java's custom IDs (which Apps Script's
 * Utilities.formatDate takes) read the sign as written: GMT-07:00 is seven hours behind UTC.
 */
export function customZoneMinutes(timeZone: string): number | null {
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(timeZone.trim());
  if (!m) return null;
  if (!m[1]) return 0;
  const h = Number(m[2]);
  const min = m[3] ? Number(m[3]) : 0;
  if (h > 18 || min > 59) return null;
  return (m[1] === '+' ? 1 : -1) * (h * 60 + min);
}

/** Throws a RangeError naming the zone when it is neither a valid IANA zone nor a custom offset. */
export function assertTimeZone(timeZone: string): void {
  if (customZoneMinutes(timeZone) !== null) return;
  dtf(timeZone);
}

/** The zone's offset from UTC, in ms, at the given instant. */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const custom = customZoneMinutes(timeZone);
  if (custom !== null) return custom * 60_000;
  // Offsets change only at 15-minute boundaries in every zone: memoise per block (Intl is slow).
  const block = Math.floor(instantMs / 900_000);
  const key = `${timeZone}|${block}`;
  const known = OFFSETS.get(key);
  if (known !== undefined) return known;
  const offset = computeOffsetMs(block * 900_000, timeZone);
  if (OFFSETS.size > 100_000) OFFSETS.clear();
  OFFSETS.set(key, offset);
  return offset;
}

const OFFSETS = new Map<string, number>();

function computeOffsetMs(instantMs: number, timeZone: string): number {
  const parts = dtf(timeZone).formatToParts(new Date(instantMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const asUtc = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const wholeSeconds = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return asUtc - wholeSeconds;
}

/**
 * Naive wall-clock ms → the real instant (ms) of that wall clock in the zone.
 * A wall clock inside a DST gap does not exist; it is moved forward by the gap, as Java's lenient
 * Calendar (behind Apps Script's Date conversion) does: in America/Santiago, where 2026-09-06 00:00
 * does not exist, a date cell of that day is 01:00 on the same day, never 23:00 the day before.
 */
export function wallClockToInstantMs(naiveMs: number, timeZone: string): number {
  const first = naiveMs - zoneOffsetMs(naiveMs, timeZone);
  const second = naiveMs - zoneOffsetMs(first, timeZone);
  if (instantToWallClockMs(second, timeZone) === naiveMs) return second;
  if (instantToWallClockMs(first, timeZone) === naiveMs) return first;
  // In a gap the two candidates use the offsets before and after it; the later instant is the
  // wall clock pushed past the gap.
  return Math.max(first, second);
}

/** The real instant (ms) → naive wall-clock ms in the zone. */
export function instantToWallClockMs(instantMs: number, timeZone: string): number {
  return instantMs + zoneOffsetMs(instantMs, timeZone);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

/**
 * Formats an instant in a zone with a Java SimpleDateFormat pattern, as
 * Utilities.formatDate does
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String),
 * https://docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html).
 * Supported letters: y M d H h m s S E a Z X; text in single quotes, '' for a quote.
 */
export function formatWithPattern(instantMs: number, timeZone: string, pattern: string): string {
  const offset = zoneOffsetMs(instantMs, timeZone);
  const w = new Date(instantMs + offset);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Local host: Utilities.formatDate(pattern "${pattern}") has an unterminated quote`);
      out += pattern.slice(i + 1, end).replace(/''/g, "'");
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    out += field(ch, n, w, offset, pattern);
  }
  return out;
}

function field(ch: string, n: number, w: Date, offsetMs: number, pattern: string): string {
  switch (ch) {
    case 'y': {
      const y = w.getUTCFullYear();
      return n === 2 ? pad(y % 100, 2) : pad(y, n);
    }
    case 'M': {
      const m = w.getUTCMonth();
      if (n >= 4) return MONTHS[m];
      if (n === 3) return MONTHS[m].slice(0, 3);
      return pad(m + 1, n);
    }
    case 'd':
      return pad(w.getUTCDate(), n);
    case 'H':
      return pad(w.getUTCHours(), n);
    case 'h':
      return pad(w.getUTCHours() % 12 || 12, n);
    case 'm':
      return pad(w.getUTCMinutes(), n);
    case 's':
      return pad(w.getUTCSeconds(), n);
    case 'S':
      return pad(w.getUTCMilliseconds(), n);
    case 'E':
      return n >= 4 ? DAYS[w.getUTCDay()] : DAYS[w.getUTCDay()].slice(0, 3);
    case 'a':
      return w.getUTCHours() < 12 ? 'AM' : 'PM';
    case 'Z':
    case 'X': {
      const mins = Math.round(offsetMs / 60000);
      if (ch === 'X' && mins === 0) return 'Z';
      const sign = mins < 0 ? '-' : '+';
      const hh = pad(Math.floor(Math.abs(mins) / 60), 2);
      const mm = pad(Math.abs(mins) % 60, 2);
      return ch === 'X' && n === 3 ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
    }
    default:
      throw new Error(`Local host: Utilities.formatDate(pattern "${pattern}") is not supported (letter '${ch}')`);
  }
}

/** True for Dates from any realm (the vm context has its own Date). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
