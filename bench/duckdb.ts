/**
 * The model as SQL in DuckDB beside the engine (README "When your leads outgrow Sheets"; the issue's
 * target is engine ≤ 1.0× DuckDB): the bench's 100,000 leads × 20 rules, loaded once into an
 * in-memory DuckDB (one thread), scored by the compiled SELECT into a table (the results kept, as the
 * engine keeps its LeadScore objects); the engine (prepareRun + bulk scoreRows) on the same rows in
 * the same process. Medians of `runs` timed runs after a warm-up; scores checked equal on every lead.
 * Run on its own with `npx tsx bench/duckdb.ts`.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { prepareRun, scoreRows } from '../src/engine';
import { compileModelSql } from '../src/engine/sql';
import { BENCH_HEADERS, BENCH_RULES, generateLeads } from './engine';
import { loadTable, tableOf } from '../test/engine/sql-harness';

export interface DuckdbBenchResult {
  case: 'duckdb';
  leads: number;
  rules: number;
  /** DuckDB, one thread: the compiled SELECT into a table. */
  duckdbMs: number;
  /** The engine on the same rows (bulk scoring, Why included). */
  engineMs: number;
  /** engine / DuckDB: below 1 the engine is the faster. */
  ratio: number;
  sameScores: boolean;
  sqlKB: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchDuckdb(n = 100_000, runs = 3): Promise<DuckdbBenchResult> {
  const headers = [...BENCH_HEADERS];
  const { types, rows } = tableOf(generateLeads(n), headers.length, 'typed');
  const run = prepareRun({ settings: null, rules: BENCH_RULES, today: new Date(Date.UTC(2026, 2, 31, 12)), spreadsheetTimeZone: 'UTC' });
  const { sql } = compileModelSql(run, { dialect: 'duckdb', table: 'leads', headers, rows });
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  await loadTable(con, 'leads', headers, types, rows);

  const engineTimes: number[] = [];
  const duckTimes: number[] = [];
  let scores: number[] = [];
  for (let i = 0; i <= runs; i++) {
    let t = performance.now();
    const scored = scoreRows(run, { headers, rows, firstRow: 2 });
    const engineMs = performance.now() - t;
    t = performance.now();
    await con.run(`CREATE OR REPLACE TEMP TABLE scored AS ${sql}`);
    const duckMs = performance.now() - t;
    if (i === 0) {
      scores = scored.leads.flatMap((l) => (l ? [l.score] : []));
      continue; // warm-up
    }
    engineTimes.push(engineMs);
    duckTimes.push(duckMs);
  }
  const fromSql = (await con.runAndReadAll('SELECT "Score" FROM scored')).getRowsJS().map((r) => Number(r[0]));
  const sameScores = fromSql.length === scores.length && fromSql.every((s, i) => s === scores[i]);
  con.closeSync();
  const duckdbMs = median(duckTimes);
  const engineMs = median(engineTimes);
  return {
    case: 'duckdb',
    leads: n,
    rules: BENCH_RULES.length - 1,
    duckdbMs: Math.round(duckdbMs),
    engineMs: Math.round(engineMs),
    ratio: Math.round((engineMs / duckdbMs) * 100) / 100,
    sameScores,
    sqlKB: Math.round(sql.length / 1024),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchDuckdb()));
