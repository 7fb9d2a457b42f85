/**
 * What a value written by Range.setValue(s) becomes in the cell.
 *
 * Apps Script's setValues parses strings "as if the user typed them"
 * (the Sheets API calls this USER_ENTERED: "strings may be converted to
 * numbers, dates, etc. following the same rules that are applied when
 * entering text into a cell via the Google Sheets UI",
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption),
 * unless the cell's number format is plain text '@'.
 *
 * Modelled here (en_US-like locale):
 * - `'text`            → the text after the apostrophe (the apostrophe is not part of the value);
 * - `=…`               → a formula (stored; not evaluated: the cell keeps its previous value);
 * - `+…` / `-…` that is not a number → taken as a formula `=+…` / `=-…` which
 *   fails: the value becomes '#ERROR!' (a formula parse error in Sheets; some
 *   inputs would show '#NAME?' there, this host doesn't tell them apart);
 * - decimal numbers (`12`, `-3.5`, `1e3`, ` 7 `), `12%` → 0.12;
 * - `TRUE` / `FALSE` (any case) → booleans;
 * - ISO dates `YYYY-MM-DD` and `YYYY-MM-DD HH:mm[:ss]` → date cells;
 * - everything else, including `@…`, stays text.
 * With number format '@' every string stays exactly as written.
 */
import type { CellValue } from './types.js';
import { instantToWallClockMs, isDate } from './dates.js';

export interface WriteResult {
  value: CellValue;
  /** Formula text (with '=') when the write sets a formula; null clears any formula. */
  formula: string | null;
  /** True when the value should be left as it was (a formula the host doesn't evaluate). */
  keepValue: boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const PERCENT = /^[+-]?(\d+\.?\d*|\.\d+)%$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses an ISO date(-time) into a naive wall-clock Date, or null. */
export function parseIsoNaive(s: string): Date | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  // Reject 2026-02-30 and friends instead of rolling over.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return null;
  return date;
}

export function interpretWrite(raw: unknown, numberFormat: string | undefined, timeZone: string): WriteResult {
  const plain = (value: CellValue): WriteResult => ({ value, formula: null, keepValue: false });
  if (raw === null || raw === undefined) return plain('');
  if (typeof raw === 'number' || typeof raw === 'boolean') return plain(raw);
  if (isDate(raw)) {
    const ms = raw.getTime();
    if (Number.isNaN(ms)) return plain('');
    return plain(new Date(instantToWallClockMs(ms, timeZone)));
  }
  const s = String(raw);
  if (numberFormat === '@') return plain(s);
  if (s === '') return plain('');
  if (s.startsWith("'")) return plain(s.slice(1));
  if (s.startsWith('=') && s.length > 1) return { value: '', formula: s, keepValue: true };
  const t = s.trim();
  if (NUMBER.test(t)) return plain(Number(t));
  if (PERCENT.test(t)) return plain(Number(t.slice(0, -1)) / 100);
  if ((s.startsWith('+') || s.startsWith('-')) && s.length > 1) {
    return { value: '#ERROR!', formula: `=${s}`, keepValue: false };
  }
  const upper = t.toUpperCase();
  if (upper === 'TRUE') return plain(true);
  if (upper === 'FALSE') return plain(false);
  const date = parseIsoNaive(t);
  if (date) return plain(date);
  return plain(s);
}
