/**
 * CSV ↔ one sheet. Parsing is strict: an unclosed quote or a row whose field
 * count differs from the header's is an error, never silently shifted data.
 * Values: decimal numbers → numbers; TRUE/FALSE (any case) → booleans; ISO
 * dates YYYY-MM-DD (optionally with HH:mm[:ss]) → dates; the rest is text,
 * spaces kept (so ' 12' stays the text ' 12').
 */
import { parse } from 'csv-parse/sync';
import { parseIsoNaive } from '../model/input.js';
import { isDate } from '../model/dates.js';
import type { Cell } from '../model/types.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function csvField(text: string): Cell {
  if (text === '') return '';
  if (NUMBER.test(text)) return Number(text);
  const upper = text.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  return parseIsoNaive(text) ?? text;
}

export function parseCsv(text: string, path: string): Cell[][] {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new Error(`The CSV file ${path} is empty.`);
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (e) {
    const err = e as { code?: string; message?: string; lines?: number };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new Error(`The CSV file ${path} is malformed: a quoted field is never closed (the file ends inside quotes, line ${err.lines ?? '?'}).`);
    }
    throw new Error(`The CSV file ${path} is malformed: ${String(err.message ?? e).replace(/\.$/, '')}.`);
  }
  // A trailing newline makes no row; an empty line inside is a blank row.
  const width = records[0].length;
  return records.map((rec, i) => {
    if (rec.length === 1 && rec[0] === '') return Array<Cell>(width).fill('');
    if (rec.length !== width) {
      throw new Error(`The CSV file ${path} is malformed: line ${i + 1} has ${rec.length} fields but the header has ${width}.`);
    }
    return rec.map(csvField);
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Dates as YYYY-MM-DD at midnight, else YYYY-MM-DDTHH:mm:ss (the wall clock). */
export function csvText(v: Cell): string {
  if (v === '') return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const secs = v.getUTCHours() * 3600 + v.getUTCMinutes() * 60 + v.getUTCSeconds();
    return secs === 0 ? day : `${day}T${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  return String(v);
}

export function toCsv(rows: Cell[][]): string {
  const quote = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map((v) => quote(csvText(v))).join(',')).join('\r\n') + '\r\n';
}
