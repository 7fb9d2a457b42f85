/**
 * Runs the model two ways and compares: the engine (prepareRun + scoreRows, as Score leads does)
 * and the compiled DuckDB SQL over a table holding the same leads, typed or all text.
 */
import { DuckDBInstance, timestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { prepareRun, scoreRows, dayToIso, type Cell, type LeadScore } from '../../src/engine';
import { compileModelSql } from '../../src/engine/sql';

export type TableMode = 'typed' | 'text';

let shared: Promise<DuckDBConnection> | null = null;
/** One in-memory DuckDB for the test file, one thread (the CI has two cores). */
export function duck(): Promise<DuckDBConnection> {
  shared ??= DuckDBInstance.create(':memory:', { threads: '1' }).then((db) => db.connect());
  return shared;
}

const isDate = (v: Cell): v is Date => v instanceof Date;
const isoTime = (d: Date) =>
  d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')
    .replace(/ 00:00:00$/, '');

/** A cell as a text export writes it: numbers as JavaScript prints them, dates as ISO text, checkboxes TRUE/FALSE. */
export function asText(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return isoTime(v);
  return String(v);
}

type ColType = 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP' | 'VARCHAR';

/** The table's column types and cells: typed columns where every cell has one type, else text. */
export function tableOf(rows: Cell[][], width: number, mode: TableMode): { types: ColType[]; rows: Cell[][] } {
  const types: ColType[] = [];
  for (let c = 0; c < width; c++) {
    let t: ColType | null = null;
    if (mode === 'typed') {
      for (const row of rows) {
        const v = row[c];
        if (v === null || v === undefined || v === '') continue;
        const k: ColType = typeof v === 'number' ? 'DOUBLE' : typeof v === 'boolean' ? 'BOOLEAN' : isDate(v) ? 'TIMESTAMP' : 'VARCHAR';
        t = t === null || t === k ? k : 'VARCHAR';
      }
    }
    types.push(t ?? 'VARCHAR');
  }
  const out = rows.map((row) =>
    types.map((t, c) => {
      const v = row[c];
      if (v === undefined || v === null) return null;
      if (t === 'VARCHAR') return asText(v);
      return v === '' ? null : v;
    }),
  );
  return { types, rows: out };
}

export async function loadTable(con: DuckDBConnection, name: string, headers: string[], types: ColType[], rows: Cell[][]): Promise<void> {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await con.run(`CREATE OR REPLACE TABLE ${q(name)} (${headers.map((h, i) => `${q(h)} ${types[i]}`).join(', ')})`);
  const app = await con.createAppender(name);
  for (const row of rows) {
    types.forEach((t, c) => {
      const v = row[c];
      if (v === null || v === undefined) app.appendNull();
      else if (t === 'DOUBLE') app.appendDouble(v as number);
      else if (t === 'BOOLEAN') app.appendBoolean(v as boolean);
      else if (t === 'TIMESTAMP') app.appendTimestamp(timestampValue(BigInt((v as Date).getTime()) * 1000n));
      else app.appendVarchar(String(v));
    });
    app.endRow();
  }
  app.flushSync();
  app.closeSync();
}

export interface Compared {
  engine: LeadScore[];
  sql: Array<Record<string, unknown>>;
  text: string;
  ms: number;
}

export const OUT = ['Fit', 'Behaviour', 'Negative', 'Score', 'Bucket', 'Grade', 'Why'] as const;

/** Scores the leads with the engine and with the DuckDB SQL (same cells), returning both in lead order. */
export async function scoreBoth(opts: {
  settings: Cell[][] | null;
  rules: Cell[][];
  headers: string[];
  rows: Cell[][];
  mode: TableMode;
  today?: Date;
  table?: string;
}): Promise<Compared> {
  const table = opts.table ?? 'leads';
  const { types, rows } = tableOf(opts.rows, opts.headers.length, opts.mode);
  const run = prepareRun({
    settings: opts.settings,
    rules: opts.rules,
    today: opts.today ?? new Date(Date.UTC(2026, 2, 31)),
    spreadsheetTimeZone: 'UTC',
  });
  const scored = scoreRows(run, { headers: opts.headers, rows, firstRow: run.settings.headerRow + 1 });
  const compiled = compileModelSql(run, { dialect: 'duckdb', table, headers: opts.headers, rows });
  const con = await duck();
  await loadTable(con, table, opts.headers, types, rows);
  const t = performance.now();
  const reader = await con.runAndReadAll(compiled.sql);
  const ms = performance.now() - t;
  const sql = reader.getRowObjectsJS().map((r) => {
    const o: Record<string, unknown> = {};
    for (const k of OUT) o[k] = typeof r[k] === 'bigint' ? Number(r[k]) : r[k];
    return o;
  });
  return { engine: scored.leads.filter((l): l is LeadScore => l !== null), sql, text: compiled.sql, ms };
}

/** The leads where the two disagree (at most `limit`), as readable lines. */
export function differences(c: Compared, limit = 5): string[] {
  const out: string[] = [];
  if (c.engine.length !== c.sql.length) out.push(`engine ${c.engine.length} leads, SQL ${c.sql.length}`);
  const n = Math.min(c.engine.length, c.sql.length);
  for (let i = 0; i < n && out.length < limit; i++) {
    const e = c.engine[i];
    const ev: Record<string, unknown> = {
      Fit: e.fit + 0,
      Behaviour: e.behaviour + 0,
      Negative: e.negative + 0,
      Score: e.score + 0,
      Bucket: e.bucket,
      Grade: e.grade,
      Why: e.why,
    };
    for (const k of OUT) {
      if (ev[k] !== c.sql[i][k]) {
        out.push(`lead ${i} (row ${e.row}) ${k}: engine ${JSON.stringify(ev[k])} SQL ${JSON.stringify(c.sql[i][k])}`);
        break;
      }
    }
  }
  return out;
}

export { dayToIso };
