import type { Cell } from './types';

/** Header/setting key: case-, space- and punctuation-insensitive ("Company size" = "company_size"). */
export function normalizeKey(name: Cell): string {
  return String(name ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A name's key with American spellings read as British ("Behavior" = "Behaviour", "Hot color" =
 * "Hot colour"): categories, settings and output headers accept both (README "The Rules tab").
 */
export function spellingKey(name: Cell): string {
  return normalizeKey(name).replace('behavior', 'behaviour').replace('color', 'colour');
}

export function isBlank(v: Cell): boolean {
  if (typeof v !== 'string') return v === null || v === undefined;
  // Most cells start with a printable ASCII character, which is never white space: no trim needed.
  const c = v.charCodeAt(0);
  return v === '' || ((c <= 32 || c >= 127) && v.trim() === '');
}

/** Values Sheets shows for formula errors; `getValues` returns them as these strings. */
const ERROR_VALUES = new Set(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', '#SPILL!', '#CALC!']);

export function isErrorValue(v: Cell): v is string {
  return typeof v === 'string' && v.length > 1 && v.charCodeAt(0) === 35 /* # */ && ERROR_VALUES.has(v.trim().toUpperCase());
}

/**
 * A number from a number cell or numeric text ("1,200", " 15 ", "$30", "2.5e3").
 * Booleans and dates are not numbers.
 */
export function toNumber(v: Cell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  let s = v.trim();
  if (s === '') return null;
  s = s.replace(/^[$€£¥]\s*/, '').replace(/^([+-])[$€£¥]\s*/, '$1');
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', '✓', '✔', 'checked', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'unchecked', 'off']);

/** Checkbox values and yes/no text. Blank and anything else: null. */
export function toBool(v: Cell): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return null;
}

/** A short display of a number: whole numbers as is, others with one decimal ("17.5"). */
export function formatNumber(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Round half up on the magnitude (2.5 → 3, −2.5 → −3); a tiny epsilon absorbs float noise. */
export function roundPoints(n: number): number {
  const r = Math.floor(Math.abs(n) + 0.5 + 1e-9);
  return n < 0 ? -r : r;
}

/** Column letters for a 1-based index (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Split a Value list on commas: "VP, Head , Director" → ["vp", "head", "director"] (trimmed, lower case). */
export function splitAlternatives(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), for "did you mean" hints
 * on short names: 'Titel' is one edit from 'Title', the commonest typo.
 */
export function editDistance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest name to `wanted` among `names` when it is plausibly a typo, else null. */
export function closestName(wanted: string, names: string[]): string | null {
  const key = normalizeKey(wanted);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(key, normalizeKey(name));
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(key.length / 4)) ? best : null;
}

/**
 * A lead's key as it is compared across tabs and runs (README "The Settings tab", Lead key column):
 * trimmed and case-insensitive; blank or an error value is no key ('').
 */
export function leadKey(v: Cell): string {
  if (isBlank(v) || isErrorValue(v)) return '';
  return (v instanceof Date ? v.toISOString() : String(v)).trim().toLowerCase();
}
