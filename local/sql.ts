/**
 * `npm start -- sql <workbook.xlsx | rules.csv> [--settings settings.csv] [--dialect bigquery|duckdb]
 * [--table NAME] [--as-of YYYY-MM-DD|today]` (README "When your leads outgrow Sheets"): the model as
 * one SELECT, on standard output; progress on standard error. The SQL comes from the bundle's
 * exportModelAsSql (the same function the menu's dialog uses), run in the local host: local/ never
 * imports src/.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createHost, createSheet, createWorkbook, loadWorkbook, parseCsv, type Host, type Workbook } from './index.js';
import { CliError, parseOrUsage, progress } from './cliKit.js';

export const SQL_USAGE = `Usage: npm start -- sql <workbook.xlsx | rules.csv> [--settings settings.csv] [--dialect bigquery|duckdb]
       [--table NAME] [--as-of YYYY-MM-DD|today]

Writes the Rules and Settings as one SQL SELECT over a table of leads whose columns are the Leads
headers, giving Fit, Behaviour, Negative, Score, Bucket, Grade and Why as Score leads does.
--dialect: bigquery (default; for a view, a scheduled query, Connected Sheets) or duckdb.
--table: the leads table (default my_project.crm.leads for BigQuery, leads for DuckDB).
--as-of: the day decay and ages are measured from (default: the As-of date setting, else today);
'today' uses the warehouse's current date, for a scheduled query.
With a workbook, rules are checked against its Leads tab as Score leads checks them; with a rules
CSV, each rule's Field is taken as the column name.`;

export interface ModelSql {
  ok: true;
  dialect: string;
  table: string;
  sql: string;
  rules: number;
  leftOut: Array<{ row: number; reason: string }>;
}

/** A workbook holding the model: the .xlsx as it is, or a Rules tab from a CSV (and Settings from --settings). */
export async function modelWorkbook(input: string, settings?: string): Promise<Workbook> {
  const ext = path.extname(input).toLowerCase();
  let wb: Workbook;
  if (ext === '.xlsx') {
    wb = await loadWorkbook(input, { timeZone: 'UTC' });
  } else if (ext === '.csv') {
    const text = await readFile(input, 'utf8').catch(() => {
      throw new CliError(`The file ${input} does not exist.`);
    });
    wb = createWorkbook([createSheet('Rules', parseCsv(text, input))], { timeZone: 'UTC' });
  } else throw new CliError(`${input} is not an .xlsx workbook or a rules .csv file.`);
  if (settings) {
    const text = await readFile(settings, 'utf8').catch(() => {
      throw new CliError(`The file ${settings} does not exist.`);
    });
    wb.sheets = wb.sheets.filter((s) => s.name !== 'Settings');
    wb.sheets.push(createSheet('Settings', parseCsv(text, settings)));
  }
  return wb;
}

/** The model's SQL from the bundle (exportModelAsSql) in a host over `wb`. */
export function modelSql(wb: Workbook, dialect: string, table?: string, asOf?: string, setUp = false): { sql: ModelSql; host: Host } {
  const host = createHost(wb);
  if (setUp) host.run('setUpScoring');
  const r = host.run('exportModelAsSql', dialect, table ?? '', asOf ?? '') as ModelSql | { ok: false; error: string };
  if (!r.ok) throw new CliError(r.error);
  return { sql: r, host };
}

export async function sqlMain(argv: string[]): Promise<number> {
  const parsed = parseOrUsage(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          settings: { type: 'string' },
          dialect: { type: 'string', default: 'bigquery' },
          table: { type: 'string' },
          'as-of': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    SQL_USAGE,
  );
  if (!parsed) return 0;
  const { values: opts, positionals } = parsed;
  if (positionals.length !== 1) throw new CliError(`Give one workbook or rules CSV.\n${SQL_USAGE}`);
  const input = positionals[0];
  progress(`Reading the model from ${path.relative(process.cwd(), input) || input} …`);
  const wb = await modelWorkbook(input, opts.settings);
  // A workbook without Rules or Settings tabs gets Set up scoring's starter ones, as the default run does.
  const isWorkbook = path.extname(input).toLowerCase() === '.xlsx';
  const { sql } = modelSql(wb, opts.dialect ?? 'bigquery', opts.table, opts['as-of'], isWorkbook);
  progress(
    `${sql.dialect === 'bigquery' ? 'BigQuery' : 'DuckDB'} SQL over ${sql.table}: ${sql.rules} rule${sql.rules === 1 ? '' : 's'}` +
      (sql.leftOut.length ? `, ${sql.leftOut.length} left out (named in the comments at the top).` : '.'),
  );
  process.stdout.write(sql.sql);
  return 0;
}
