/**
 * CSV ↔ one sheet. Parsing is strict: an unclosed quote or a row whose field
 * count differs from the header's is an error, never silently shifted data.
 * Values: decimal numbers → numbers; TRUE/FALSE (any case) → booleans; ISO
 * dates YYYY-MM-DD (optionally with HH:mm[:ss]) → dates; the rest is text,
 * spaces kept (so ' 12' stays the text ' 12').
 *
 * Files: the encoding (UTF-8 with or without BOM, UTF-16 by BOM, else
 * Windows-1252) and the delimiter (, ; tab |) are detected unless given. The
 * text of every input field is kept, so a CSV written back gives the input
 * columns as they were (02139 stays 02139) while scoring reads 2139.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { parseIsoNaive } from '../model/input.js';
import { isDate } from '../model/dates.js';
import type { CellValue, SheetModel } from '../model/types.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export const delimiterName = (d: string): string => ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' })[d] ?? JSON.stringify(d);

export function csvField(text: string): CellValue {
  if (text === '') return '';
  if (NUMBER.test(text)) return Number(text);
  const upper = text.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  return parseIsoNaive(text) ?? text;
}

export interface Decoded {
  text: string;
  /** iconv-lite's name: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252' or what --encoding gave. */
  encoding: string;
  bom: boolean;
}

/** Bytes → text. UTF-8 and UTF-16 by BOM; UTF-8 when the bytes are valid UTF-8; else Windows-1252 (what Excel writes in Western Europe). */
export function decodeCsv(bytes: Buffer, encoding?: string): Decoded {
  const bomOf = (): [string, number] | null => {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return ['utf-8', 3];
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return ['utf-16le', 2];
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return ['utf-16be', 2];
    return null;
  };
  const bom = bomOf();
  if (encoding !== undefined) {
    if (!iconv.encodingExists(encoding))
      throw new Error(`--encoding ${encoding} is not an encoding this tool knows (try utf-8, utf-16le, windows-1252, latin1).`);
    const skip = bom && iconv.getCodec(encoding).encodingName === iconv.getCodec(bom[0]).encodingName ? bom[1] : 0;
    return { text: iconv.decode(bytes.subarray(skip), encoding, { stripBOM: true }), encoding: encoding.toLowerCase(), bom: skip > 0 };
  }
  if (bom) return { text: iconv.decode(bytes.subarray(bom[1]), bom[0]), encoding: bom[0], bom: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252', bom: false };
  }
}

/** Guesses the delimiter from the first lines (papaparse's guesser: the most consistent field count). */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  const guess = Papa.parse(sample, { preview: 50, delimitersToGuess: [...DELIMITERS], skipEmptyLines: true }).meta.delimiter;
  return (DELIMITERS as readonly string[]).includes(guess) ? guess : ',';
}

export function parseCsvRecords(text: string, path: string, delimiter = ','): string[][] {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new Error(`The CSV file ${path} is empty.`);
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (e) {
    const err = e as { code?: string; message?: string; lines?: number };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new Error(
        `The CSV file ${path} is malformed: a quoted field is never closed (the file ends inside quotes, line ${err.lines ?? '?'}).`,
      );
    }
    throw new Error(`The CSV file ${path} is malformed: ${String(err.message ?? e).replace(/\.$/, '')}.`);
  }
  // A trailing newline makes no row; an empty line inside is a blank row.
  const width = records[0].length;
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (rec.length === 1 && rec[0] === '') records[i] = Array<string>(width).fill('');
    else if (rec.length !== width) {
      throw new Error(`The CSV file ${path} is malformed: line ${i + 1} has ${rec.length} fields but the header has ${width}.`);
    }
  }
  return records;
}

export function parseCsv(text: string, path: string, delimiter = ','): CellValue[][] {
  return parseCsvRecords(text, path, delimiter).map((rec) => rec.map(csvField));
}

/** What a sheet loaded from CSV remembers: the input text of every field, and the values parsed from it. */
export interface CsvSource {
  raw: string[][];
  /** The parsed rows as loaded (same cell values as the sheet held), to tell input cells from written ones. */
  loaded: CellValue[][];
  delimiter: string;
  encoding: string;
  bom: boolean;
}
const sources = new WeakMap<SheetModel, CsvSource>();
export const csvSourceOf = (sheet: SheetModel): CsvSource | undefined => sources.get(sheet);
export function rememberCsvSource(sheet: SheetModel, source: CsvSource): void {
  sources.set(sheet, source);
}

export interface ReadCsvOptions {
  delimiter?: string;
  encoding?: string;
}

export interface CsvRead {
  rows: CellValue[][];
  raw: string[][];
  delimiter: string;
  encoding: string;
  bom: boolean;
}

export function readCsvBytes(bytes: Buffer, path: string, opts: ReadCsvOptions = {}): CsvRead {
  const { text, encoding, bom } = decodeCsv(bytes, opts.encoding);
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const raw = parseCsvRecords(text, path, delimiter);
  return { rows: raw.map((rec) => rec.map(csvField)), raw, delimiter, encoding, bom };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Dates as YYYY-MM-DD at midnight, else YYYY-MM-DDTHH:mm:ss (the wall clock). */
export function csvText(v: CellValue): string {
  if (v === '') return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const secs = v.getUTCHours() * 3600 + v.getUTCMinutes() * 60 + v.getUTCSeconds();
    return secs === 0 ? day : `${day}T${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  return String(v);
}

/**
 * OWASP's advice for CSV injection: a field starting with = + - @ tab or CR gets a leading
 * apostrophe, so Excel and LibreOffice show it as text instead of evaluating it. Plain numbers
 * (-12, +4420) are left alone: they are not formulas.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

function quoter(delimiter: string): (s: string) => string {
  const special = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter.replace(/[|]/g, '\\|')}]|^\\s|\\s$`);
  return (s) => (special.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
}

export function toCsv(rows: CellValue[][], delimiter = ','): string {
  const quote = quoter(delimiter);
  return `${rows.map((r) => r.map((v) => quote(csvText(v))).join(delimiter)).join('\r\n')}\r\n`;
}

export interface WriteCsvOptions {
  /** Keep input fields exactly as read, even ones starting with = + - @ (default false: neutralised). */
  rawCsv?: boolean;
}

const sameCell = (a: CellValue, b: CellValue): boolean =>
  a === b || (isDate(a) && isDate(b) && (a as Date).getTime() === (b as Date).getTime());

/**
 * One sheet → CSV bytes, rows × cols. Input fields whose value the run left alone are written as
 * their input text; every other field as csvText. Written in chunks so a million rows never make
 * one giant string. UTF-8, with a BOM when the input had one or was not UTF-8 (Excel then reads it
 * right); the input's delimiter.
 */
export function sheetToCsv(sheet: SheetModel, rows: number, cols: number, opts: WriteCsvOptions = {}): Buffer {
  const source = csvSourceOf(sheet);
  // Blank input columns and trailing blank rows stay: everything given comes back.
  if (source?.raw[0] && source.raw[0].length > cols) cols = source.raw[0].length;
  if (source && source.raw.length > rows) rows = source.raw.length;
  const delimiter = source?.delimiter ?? ',';
  const quote = quoter(delimiter);
  const chunks: Buffer[] = [];
  if (source && (source.bom || source.encoding !== 'utf-8')) chunks.push(Buffer.from('\uFEFF', 'utf8'));
  let lines: string[] = [];
  const fields: string[] = new Array(cols);
  for (let r = 0; r < rows; r++) {
    const row = sheet.values[r];
    const raw = source?.raw[r];
    const loaded = source?.loaded[r];
    for (let c = 0; c < cols; c++) {
      const v = row?.[c] ?? '';
      if (raw && c < raw.length && sameCell(v, loaded![c])) fields[c] = quote(opts.rawCsv ? raw[c] : neutralise(raw[c]));
      else fields[c] = quote(neutralise(csvText(v)));
    }
    lines.push(fields.join(delimiter));
    if (lines.length === 10_000) {
      chunks.push(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
      lines = [];
    }
  }
  if (lines.length) chunks.push(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
  return Buffer.concat(chunks);
}
