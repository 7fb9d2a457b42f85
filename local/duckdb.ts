/**
 * `npm start -- <leads.csv> --engine duckdb [--rules rules.csv] [--settings settings.csv] [--as-of
 * YYYY-MM-DD] [--out scored.csv]` (README "When your leads outgrow Sheets"): scores a CSV of any size
 * through DuckDB with the model's SQL from the bundle (exportModelAsSql, the menu's Export model as
 * SQL), so a million leads never pass through the in-memory Sheets host. The CSV is read as text
 * (every column VARCHAR), as a sheet of pasted text would be; the output is the lead columns then
 * Fit, Behaviour, Negative, Score, Bucket, Grade and Why. Rules are checked against the header row and
 * the first 1,000 leads (as Score leads checks them against the whole tab).
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { createSheet, createWorkbook, REPO_ROOT, type CellValue } from './index.js';
import { modelSql, modelWorkbook } from './sql.js';
import { readFile } from 'node:fs/promises';
import { parseCsv } from './index.js';
import { CliError, parseOrUsage, progress } from './cliKit.js';
const SAMPLE_ROWS = 1000;
/** A plain number (-12, +4420) is not a formula: local/io/csv.ts's NUMBER, for RE2. */
const NUMBER_PATTERN = '^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$';

export const DUCKDB_USAGE = `Usage: npm start -- <leads.csv> --engine duckdb [--rules rules.csv] [--settings settings.csv]
       [--as-of YYYY-MM-DD] [--out scored.csv] [--threads N]
Scores the CSV through DuckDB with the model as SQL (the starter rules unless --rules is given).`;

/** A path as a DuckDB string literal. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function duckdbMain(argv: string[]): Promise<number> {
  const parsed = parseOrUsage(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          engine: { type: 'string' },
          rules: { type: 'string' },
          settings: { type: 'string' },
          'as-of': { type: 'string' },
          out: { type: 'string' },
          threads: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    DUCKDB_USAGE,
  );
  if (!parsed) return 0;
  const { values: opts, positionals } = parsed;
  if (opts.engine !== 'duckdb') throw new CliError(`--engine '${opts.engine ?? ''}': the only other engine is duckdb.\n${DUCKDB_USAGE}`);
  if (positionals.length !== 1 || path.extname(positionals[0]).toLowerCase() !== '.csv')
    throw new CliError(`Give one leads .csv file.\n${DUCKDB_USAGE}`);
  const input = positionals[0];
  if (!existsSync(input)) throw new CliError(`The file ${input} does not exist.`);
  const out = opts.out ?? path.join(REPO_ROOT, 'out', `${path.basename(input, '.csv')}-scored.csv`);
  const started = Date.now();

  const db = await DuckDBInstance.create(':memory:', opts.threads ? { threads: opts.threads } : {});
  const con = await db.connect();
  progress(`Loading ${path.relative(process.cwd(), input) || input} into DuckDB …`);
  await con.run(`CREATE TABLE leads AS SELECT * FROM read_csv(${literal(path.resolve(input))}, all_varchar = true, header = true)`);
  const sample = await con.runAndReadAll(`SELECT * FROM leads LIMIT ${SAMPLE_ROWS}`);
  const headers = sample.columnNames();
  const rows = sample.getRowsJS().map((r) => r.map((v) => (v === null ? '' : String(v)) as CellValue));

  // The model: --rules (else the starter rules Set up writes) and --settings, checked against the sample.
  const leadsTab = createSheet('Leads', [headers, ...rows]);
  const wb = opts.rules ? await modelWorkbook(opts.rules, opts.settings) : createWorkbook([leadsTab], { timeZone: 'UTC' });
  if (!opts.rules && opts.settings) {
    wb.sheets.push(createSheet('Settings', parseCsv(await readFile(opts.settings, 'utf8'), opts.settings)));
  }
  if (opts.rules) wb.sheets.unshift(leadsTab);
  // Set up scoring fills in what the files did not give (the starter Rules, default Settings), as the default CLI run does.
  const { sql } = modelSql(wb, 'duckdb', 'leads', opts['as-of'], true);
  progress(`Scoring with ${sql.rules} rule${sql.rules === 1 ? '' : 's'} …`);
  for (const l of sql.leftOut) progress(`  left out: ${l.reason}`);
  await con.run(`CREATE TABLE scored AS ${sql.sql}`);
  await mkdir(path.dirname(out), { recursive: true });
  // Text that a spreadsheet would read as a formula gets a leading apostrophe (local/io/csv.ts neutralise, OWASP's CSV advice).
  const names = (await con.runAndReadAll('SELECT * FROM scored LIMIT 0')).columnNames();
  const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
  const safe = names.map(
    (n) =>
      `CASE WHEN regexp_matches(CAST(${q(n)} AS VARCHAR), '^[=+\\-@\\t\\r]') AND NOT regexp_matches(CAST(${q(n)} AS VARCHAR), ${literal(NUMBER_PATTERN)}) ` +
      `THEN '''' || CAST(${q(n)} AS VARCHAR) ELSE CAST(${q(n)} AS VARCHAR) END AS ${q(n)}`,
  );
  await con.run(`COPY (SELECT ${safe.join(', ')} FROM scored) TO ${literal(path.resolve(out))} (HEADER, DELIMITER ',')`);
  const counts = await con.runAndReadAll(`SELECT "Bucket", count(*) AS n FROM scored GROUP BY "Bucket"`);
  const by = Object.fromEntries(counts.getRowsJS().map(([b, n]) => [String(b), Number(n)]));
  const total = Object.values(by).reduce((a, b) => a + b, 0);
  console.log(
    `Scored ${total} leads: ${by.Hot ?? 0} Hot · ${by.Warm ?? 0} Warm · ${by.Cold ?? 0} Cold · ${by.Disqualified ?? 0} Disqualified (DuckDB, ${Date.now() - started} ms).`,
  );
  console.log(`Wrote ${path.relative(process.cwd(), out) || out}.`);
  return 0;
}
