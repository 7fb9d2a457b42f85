/**
 * `npm start [-- <workbook.xlsx | leads.csv>] [--rules rules.csv] [--settings settings.csv]
 *  [--as-of YYYY-MM-DD] [--out file.xlsx|file.csv] [--time-zone Area/City] [--stats]
 *  [--delimiter ';'] [--encoding windows-1252] [--raw-csv]`
 *
 * Runs the real add-on bundle (dist/Code.js) in the local Sheets host: Set up scoring, Score leads,
 * the add-on's formulas, then saves the result. With no file: the example workbook, as of its
 * anchor date, written to out/leads-scored.xlsx.
 *
 * `npm start -- backtest [file] [--outcome COLUMN] [--json] …` (README "Does the score work?"):
 * Set up scoring, then the bundle's backtestReport(); prints the Backtest tab's tables (or every
 * figure as one JSON object) and writes no file.
 *
 * `npm start -- suggest [file] [--out suggested-rules.csv] [--settings-out suggested-settings.csv] …`
 * (README "Tune the model from outcomes"): Set up scoring, then the
 * bundle's suggestReport(); prints the suggested rules, Base score, thresholds and the holdout
 * comparison, and writes the rules CSV (Rules tab format) and the settings CSV (Setting | Value).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import v8 from 'node:v8';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  loadWorkbook,
  loadDescription,
  saveWorkbook,
  createHost,
  createSheet,
  REPO_ROOT,
  type Workbook,
  type SheetModel,
  type CellValue,
} from './index.js';
import { readCsvBytes, DELIMITERS, toCsv } from './io/csv.js';
import { evaluateAddonFormulas } from './formulas/index.js';
import { headerColumn, isoDay, leadsTabOf, outputColumn, setAsOf, setSetting, settingValue } from './tabs.js';
import { EXAMPLE_AS_OF, EXAMPLE_PATH } from './example.js';
import { CliError, parseOrUsage, progress } from './cliKit.js';
import { readFile } from 'node:fs/promises';

function sheetNamed(wb: Workbook, name: string): SheetModel | undefined {
  return wb.sheets.find((s) => s.name === name);
}

/**
 * The in-memory host needs about 180 bytes of heap per input cell on top of ~150 MB for itself
 * (measured: 1,000,000 rows × 20 columns peak at 3.6 GB RSS), so the largest CSV is set by the
 * heap limit (Node's default is about a quarter of RAM, at most 4 GB; NODE_OPTIONS=--max-old-space-size raises it).
 */
export const HEAP_BYTES_PER_CELL = 180;
const HEAP_BASE_BYTES = 150 * 1024 * 1024;
export const maxCsvCells = (): number =>
  Math.max(0, Math.floor((v8.getHeapStatistics().heap_size_limit - HEAP_BASE_BYTES) / HEAP_BYTES_PER_CELL));

const USAGE =
  'Usage: npm start -- [workbook.xlsx | leads.csv] [--rules rules.csv] [--settings settings.csv] [--as-of YYYY-MM-DD] [--out file.xlsx|file.csv] [--time-zone Area/City] [--delimiter ,|;|tab|pipe] [--encoding utf-8|utf-16le|windows-1252|…] [--raw-csv] [--stats]\n       npm start -- backtest [workbook.xlsx | leads.csv] [--outcome COLUMN] [--json] … (npm start -- backtest --help; writes no file)\n       npm start -- suggest [workbook.xlsx | leads.csv] [--outcome COLUMN] [--max-rules N] [--leave-out COL,COL] [--out suggested-rules.csv] [--settings-out suggested-settings.csv] [--json] … (npm start -- suggest --help)\n       npm start -- simulate [workbook.xlsx | leads.csv] [--days 30] [--start YYYY-MM-DD] [--hour 7] [--json] (npm start -- simulate --help; writes no file)\n       npm start -- accounts [workbook.xlsx | leads.csv] [--account-column COLUMN] [--from-email-domain] [--method M] [--out accounts.csv] [--json] … (npm start -- accounts --help)\n       npm start -- sql [workbook.xlsx | rules.csv] [--settings settings.csv] [--dialect bigquery|duckdb] [--table NAME] [--as-of YYYY-MM-DD|today] (npm start -- sql --help)\n       npm start -- leads.csv --engine duckdb [--rules rules.csv] [--settings settings.csv] [--as-of YYYY-MM-DD] [--out scored.csv]';

async function loadTabCsv(wb: Workbook, file: string, tab: string, csvOpts: { delimiter?: string; encoding?: string }): Promise<void> {
  let rows: CellValue[][];
  try {
    rows = readCsvBytes(await readFile(file), file, csvOpts).rows;
  } catch (e) {
    throw new CliError((e as NodeJS.ErrnoException).code === 'ENOENT' ? `The file ${file} does not exist.` : (e as Error).message);
  }
  if (rows.length === 0) throw new CliError(`${file} is empty; the ${tab} tab needs a header row.`);
  const sheet = createSheet(tab, rows);
  const i = wb.sheets.findIndex((s) => s.name === tab);
  if (i >= 0) wb.sheets[i] = sheet;
  else wb.sheets.push(sheet);
}

/** The best `n` leads by the add-on's Score column (found by its metadata, not by its header). */
function topLeads(sheet: SheetModel, headerRow: number, n: number): string[] {
  const [score, bucket, why] = ['Score', 'Bucket', 'Why'].map((h) => outputColumn(sheet, headerRow, h));
  const label = ['Name', 'Company', 'Email'].map((h) => headerColumn(sheet, headerRow, h)).filter((i) => i >= 0);
  return sheet.values
    .slice(headerRow)
    .filter((r) => typeof r[score] === 'number')
    .sort((a, b) => (b[score] as number) - (a[score] as number))
    .slice(0, n)
    .map(
      (r) =>
        `  ${String(r[score]).padStart(3)}  ${String(r[bucket]).padEnd(12)} ${label
          .map((i) => String(r[i]))
          .filter(Boolean)
          .slice(0, 2)
          .join(', ')}\n       ${String(r[why])}`,
    );
}

/** Counts lines and header fields without decoding the file, so a too-big CSV gets its sentence in a second, not after minutes. */
async function checkCsvSize(file: string): Promise<void> {
  const { createReadStream, statSync } = await import('node:fs');
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return; // loadWorkbook says what is wrong
  let lines = 0;
  let header: Buffer | null = null;
  for await (const chunk of createReadStream(file)) {
    const b = chunk as Buffer;
    header ??= b.subarray(0, Math.max(0, b.indexOf(10)) || b.length);
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
  }
  // Fields of the header: the commonest delimiter's count + 1 (a UTF-16 file's zero bytes don't matter).
  const text = (header ?? Buffer.alloc(0)).toString('latin1');
  const columns = 1 + Math.max(...[',', ';', '\t', '|'].map((d) => text.split(d).length - 1));
  const rows = Math.max(0, lines - 1);
  const limit = maxCsvCells();
  if (rows * columns > limit) {
    const maxRows = Math.floor(limit / columns);
    throw new CliError(
      `${path.basename(file)} has about ${rows.toLocaleString('en-US')} rows × ${columns} columns; with this machine's memory the local host scores at most about ${maxRows.toLocaleString('en-US')} rows of ${columns} columns (${(limit / 1e6).toFixed(1)} million cells). Split the file, give Node more memory (NODE_OPTIONS=--max-old-space-size=8192 npm start -- …), or score it in a database with the SQL/DuckDB path.`,
    );
  }
}

/** --delimiter (`tab`, `;` …) and --encoding as the CSV reader takes them. */
function csvOptions(opts: { delimiter?: string; encoding?: string }): { delimiter?: string; encoding?: string } {
  const delimiter =
    opts.delimiter === undefined
      ? undefined
      : (({ tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' } as Record<string, string>)[opts.delimiter] ?? opts.delimiter);
  if (delimiter !== undefined && !(DELIMITERS as readonly string[]).includes(delimiter)) {
    throw new CliError(`--delimiter '${opts.delimiter}' is not one of , ; tab | (write tab as 'tab').`);
  }
  return { delimiter, encoding: opts.encoding };
}

interface LoadOptions {
  rules?: string;
  settings?: string;
  'time-zone'?: string;
  delimiter?: string;
  encoding?: string;
}

/** Loads the workbook or CSV and the --rules/--settings CSVs, and finds the Leads tab: the same for a run and a backtest. */
async function loadInput(
  input: string,
  opts: LoadOptions,
): Promise<{ wb: Workbook; leads: SheetModel; leadsName: string; headerRow: number; loadMs: number }> {
  const csvOpts = { delimiter: opts.delimiter, encoding: opts.encoding };
  const ext = path.extname(input).toLowerCase();
  const started = Date.now();
  progress(`Loading ${path.relative(process.cwd(), input) || input} …`);
  let wb: Workbook;
  try {
    if (ext === '.csv') await checkCsvSize(input);
    wb = await loadWorkbook(input, { timeZone: opts['time-zone'] ?? 'UTC', ...csvOpts });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const loadMs = Date.now() - started;
  const detected = loadDescription(wb);
  if (detected) progress(`Read ${path.basename(input)} as ${detected}.`);
  if (opts.rules) await loadTabCsv(wb, opts.rules, 'Rules', csvOpts);
  if (opts.settings) await loadTabCsv(wb, opts.settings, 'Settings', csvOpts);
  const { leadsSheet: leadsName, headerRow } = leadsTabOf(wb);
  const leads = sheetNamed(wb, leadsName);
  if (!leads) {
    throw new CliError(
      `${path.basename(input)} has no '${leadsName}' tab (it has: ${wb.sheets.map((s) => s.name).join(', ')}). Rename the leads tab, or set 'Leads sheet' in a Settings tab.`,
    );
  }
  if (leads.values.length === 0 || leads.values.every((r) => r.every((v) => v === ''))) {
    throw new CliError(`The '${leadsName}' tab in ${path.basename(input)} is empty: it needs a header row and leads under it.`);
  }

  return { wb, leads, leadsName, headerRow, loadMs };
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'backtest') return backtestMain(argv.slice(1));
  if (argv[0] === 'suggest') return suggestMain(argv.slice(1));
  // Rescore every day over simulated days (README "Running by itself"): local/simulate.ts.
  if (argv[0] === 'simulate') return (await import('./simulate.js')).simulateMain(argv.slice(1));
  if (argv[0] === 'accounts') return accountsMain(argv.slice(1));
  // The model as SQL, and scoring a CSV through DuckDB (README "When your leads outgrow Sheets"): local/sql.ts, local/duckdb.ts.
  if (argv[0] === 'sql') return (await import('./sql.js')).sqlMain(argv.slice(1));
  if (argv.includes('--engine') || argv.some((a) => a.startsWith('--engine='))) return (await import('./duckdb.js')).duckdbMain(argv);
  const { values: opts, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rules: { type: 'string' },
      settings: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      'time-zone': { type: 'string' },
      stats: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
      delimiter: { type: 'string' },
      encoding: { type: 'string' },
      'raw-csv': { type: 'boolean', default: false },
    },
  });
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const csvOpts = csvOptions(opts);
  if (positionals.length > 1) throw new CliError(`Give one workbook or CSV file (got ${positionals.length}: ${positionals.join(', ')}).`);
  const input = positionals[0] ?? EXAMPLE_PATH;
  const isExample = positionals.length === 0;
  const asOf = opts['as-of'] ?? (isExample ? EXAMPLE_AS_OF : undefined);
  if (asOf !== undefined && isoDay(asOf) === null) {
    throw new CliError(`--as-of '${asOf}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.`);
  }
  const ext = path.extname(input).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new CliError(`${input} is not an .xlsx or .csv file.`);
  const out = opts.out ?? path.join(REPO_ROOT, 'out', `${path.basename(input, ext)}-scored${isExample ? '.xlsx' : ext}`);
  const outExt = path.extname(out).toLowerCase();
  if (outExt !== '.xlsx' && outExt !== '.csv') throw new CliError(`--out ${out}: the output must be an .xlsx or .csv file.`);

  const started = Date.now();
  const { wb, leads, leadsName, headerRow, loadMs } = await loadInput(input, { ...opts, ...csvOpts });

  const host = createHost(wb);
  host.run('onOpen');
  host.run('setUpScoring');
  if (asOf) setAsOf(wb, asOf);
  const alertsBefore = host.ui.alerts.length;
  const rows = Math.max(0, leads.values.length - 1);
  progress(`Scoring ${rows.toLocaleString('en-US')} rows …`);
  host.resetCalls();
  const scoreStart = Date.now();
  // A column of the user's named like an output (their own `Score`) makes Score leads ask; the
  // CLI cannot ask, so it answers the safe No (README "What the add-on does"): that column is left
  // alone and the add-on adds its own (`Lead score` …). An alert without a No button leaves it queued.
  host.queueUiResponse('NO');
  host.run('scoreLeads');
  const scoreMs = Date.now() - scoreStart;
  const calls = { total: host.calls.total, byMethod: { ...host.calls.byMethod } };
  const toast = host.ui.toasts.at(-1)?.message ?? '';
  const alerts = host.ui.alerts.slice(alertsBefore);
  if (!toast.startsWith('Scored')) {
    throw new CliError(alerts.map((a) => a.prompt || a.title).join(' ') || 'Score leads did not run.');
  }

  const formulasStart = Date.now();
  const formulas = evaluateAddonFormulas(wb, host);
  const formulasMs = Date.now() - formulasStart;
  if (formulas.cells > 0)
    progress(
      `Evaluated ${formulas.cells} add-on formula${formulas.cells > 1 ? 's' : ''} (${formulas.errors} error${formulas.errors === 1 ? '' : 's'}).`,
    );
  // An .xlsx reader sees only #ERROR!/#REF! in the cell: say what the message was.
  for (const r of formulas.results) if (r.error) progress(`  ${r.sheet}!${r.a1}: ${r.error}`);

  progress(`Saving ${path.relative(process.cwd(), out)} …`);
  await mkdir(path.dirname(out), { recursive: true });
  const saveStart = Date.now();
  try {
    await saveWorkbook(wb, out, { sheetName: leadsName, rawCsv: opts['raw-csv'] });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const saveMs = Date.now() - saveStart;

  console.log(toast);
  for (const a of alerts) {
    if (a.buttons === 'YES_NO_CANCEL' && a.response === 'NO')
      console.log(`\n${a.title}\nThe CLI cannot ask, so it answered No: your column is kept as it is.`);
    else console.log(`\n${a.title ?? 'Problems'}\n${a.prompt}`);
  }
  console.log('\nTop 5 leads:');
  for (const line of topLeads(leads, headerRow, 5)) console.log(line);
  console.log(`\nWrote ${path.relative(process.cwd(), out) || out}${asOf ? ` (as of ${asOf})` : ''}.`);
  if (opts.stats) {
    const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`stats: ${JSON.stringify({ calls, rows, loadMs, scoreMs, formulasMs, saveMs, totalMs: Date.now() - started, peakRssMB })}`);
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// `npm start -- backtest …` (README "Does the score work?")

const BACKTEST_USAGE = `Usage: npm start -- backtest [workbook.xlsx | leads.csv] [--rules rules.csv] [--settings settings.csv]
       [--outcome COLUMN] [--as-of YYYY-MM-DD] [--capacity N] [--json]
       [--time-zone Area/City] [--delimiter ,|;|tab|pipe] [--encoding utf-8|utf-16le|windows-1252|…]

Backtests the score against outcomes (Lead scoring → Backtest against outcomes): loads the file as
npm start does, runs Set up scoring, and prints the Backtest tab's tables (overall with the AUC,
by bucket and by score band with 95 % Wilson intervals and lift, per rule with flags, both threshold
suggestions). --outcome sets the Outcome column of this in-memory copy; when neither it nor the
Settings tab names one, a Leads column named Outcome, Converted, Won or Status is used (said on
stderr). --capacity is the leads a week the team can follow up (default 20). --json prints one JSON
object holding every figure. It writes no file: not the input, not an output.`;

/** The report as the bundle's backtestReport() returns it (BacktestReport in the add-on; read here as JSON only). */
interface Group {
  label: string;
  leads: number;
  won: number;
  conversion: number | null;
  low: number | null;
  high: number | null;
  lift: number | null;
  tooFew: boolean;
  note: string;
}
interface Suggestion {
  method: 'conversion' | 'capacity';
  hotAt: number | null;
  warmAt: number | null;
  sentence: string;
  buckets: Group[];
  capacityPerWeek?: number;
}
interface Report {
  ok: true;
  asOf: string;
  perLeadAsOf: boolean;
  outcomeColumn: string;
  outcomeDateColumn: string | null;
  maxScore: number;
  hotAt: number;
  warmAt: number;
  outcomes: { won: number; lost: number; open: number; other: number };
  overall: { decided: number; won: number; lost: number; baseRate: number; auc: number | null; aucSentence: string; tooFew: boolean };
  buckets: Group[];
  bands: Group[];
  rules: Array<{
    row: number;
    rule: string;
    fires: number;
    share: number;
    convFired: number | null;
    convNotFired: number | null;
    lift: number | null;
    points: number;
    flags: string[];
    sentences: string[];
  }>;
  suggestions: { byConversion: Suggestion; byCapacity: Suggestion };
  notes: string[];
  problems: Array<{ message: string }>;
  /** With Challenger rules set (README "Challenger"): the challenger beside Rules. */
  challenger?: {
    rulesTab: string;
    auc: number | null;
    aucSentence: string;
    buckets: Group[];
    moves: { same: number; up: number; down: number; changes: Array<{ from: string; to: string; leads: number; won: number }> };
    problems: Array<{ message: string }>;
  };
}

/** Leads headers the backtest falls back on when no Outcome column is set (a decision of the CLI; README "Does the score work?"). */
export const DEFAULT_OUTCOME_HEADERS = ['Outcome', 'Converted', 'Won', 'Status'];

/**
 * Text from the sheet as the terminal shows it: control characters (an escape sequence in a lead's
 * cell could recolour or rewrite the terminal) become '?'. The terminal's equivalent of "user data
 * never becomes a formula or HTML" (README "What the add-on does").
 */
const safe = (x: unknown): string => String(x).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 100)} %`);
const times = (x: number | null): string => (x === null ? '–' : `${x.toFixed(1)}×`);

/**
 * Rows of cells as aligned columns: the columns listed in `right` right-aligned, the last column
 * never padded (it holds the long text); a row of one cell is a note under the row above, not aligned.
 */
function table(header: string[], rows: string[][], right: number[]): string[] {
  const aligned = rows.filter((r) => r.length > 1);
  const widths = header.map((h, i) => Math.max(h.length, ...aligned.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.length === 1
      ? `        ${cells[0]}`
      : `  ${cells
          .map((c, i) => (i === cells.length - 1 ? c : right.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
          .join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

const count = (n: number): string => n.toLocaleString('en-US');

function groupTable(first: string, groups: Group[]): string[] {
  return table(
    [first, 'Leads', 'Won', 'Conversion', '95 % interval', 'Lift', ''],
    groups.map((g) =>
      g.tooFew || g.conversion === null
        ? [safe(g.label), count(g.leads), count(g.won), '', '', '', g.note]
        : [safe(g.label), count(g.leads), count(g.won), pct(g.conversion), `${pct(g.low)} – ${pct(g.high)}`, times(g.lift), ''],
    ),
    [1, 2, 3, 4, 5],
  );
}

/** The challenger beside Rules, as the Backtest tab shows it (README "Challenger"). */
function formatChallenger(r: Report): string[] {
  const c = r.challenger!;
  const auc = (x: number | null) => (x === null ? '– (too few decided leads to judge)' : x.toFixed(3));
  const m = c.moves;
  return [
    `Challenger: ${safe(c.rulesTab)} beside Rules (same decided leads, same settings)`,
    `  AUC: Rules ${auc(r.overall.auc)}, ${safe(c.rulesTab)} ${auc(c.auc)}.`,
    ...table(
      ['Bucket', 'Rules leads', 'Won', 'Conversion', 'Challenger leads', 'Won', 'Conversion'],
      r.buckets.map((b, i) => {
        const cb = c.buckets[i];
        const conv = (g: Group) => (g.tooFew || g.conversion === null ? 'too few' : pct(g.conversion));
        return [safe(b.label), count(b.leads), count(b.won), conv(b), count(cb.leads), count(cb.won), conv(cb)];
      }),
      [1, 2, 3, 4, 5, 6],
    ),
    `  ${count(m.up + m.down)} decided leads would move bucket: ${count(m.up)} up, ${count(m.down)} down (${count(m.same)} stay).`,
    ...m.changes.map((x) => `    ${safe(x.from)} → ${safe(x.to)}: ${count(x.leads)} (${count(x.won)} won)`),
  ];
}

/** The Backtest tab's tables as terminal text (src/backtest/backtestSheet.ts lays out the same figures in the tab). */
export function formatBacktest(r: Report): string {
  const o = r.overall;
  const out: string[] = [];
  out.push('Backtest: does the score work?');
  out.push(
    `  Outcome column ${safe(r.outcomeColumn)}; scored as of ${
      r.perLeadAsOf ? `each decided lead's day in ${safe(r.outcomeDateColumn)} (else ${r.asOf})` : r.asOf
    }.`,
  );
  out.push('', 'Overall');
  out.push(
    `  ${o.decided.toLocaleString('en-US')} decided leads: ${o.won.toLocaleString('en-US')} won, ${o.lost.toLocaleString('en-US')} lost; base rate ${pct(
      o.baseRate,
    )}. AUC ${o.auc === null ? '– (too few decided leads to judge)' : o.auc.toFixed(3)}.`,
  );
  out.push(`  ${safe(o.aucSentence)}`);
  out.push('', `By bucket (Hot at ${r.hotAt}, Warm at ${r.warmAt})`, ...groupTable('Bucket', r.buckets));
  if (r.challenger) out.push('', ...formatChallenger(r));
  out.push(
    '',
    `By score band (tenths of 0–${r.maxScore}; Disqualified leads are in the bucket table)`,
    ...groupTable('Score band', r.bands),
  );
  out.push('', 'Per rule (decided leads; conversion when it fires and when not)');
  const ruleRows: string[][] = [];
  for (const x of r.rules) {
    ruleRows.push([
      String(x.row),
      count(x.fires),
      pct(x.share),
      pct(x.convFired),
      pct(x.convNotFired),
      times(x.lift),
      count(x.points),
      safe(x.rule),
    ]);
    for (const sentence of x.sentences) ruleRows.push([`! ${safe(sentence)}`]);
  }
  out.push(...table(['Row', 'Fires', 'Share', 'Fired', 'Not', 'Lift', 'Points', 'Rule'], ruleRows, [0, 1, 2, 3, 4, 5, 6]));
  out.push('', 'Suggested thresholds');
  for (const sug of [r.suggestions.byConversion, r.suggestions.byCapacity]) {
    const name = sug.method === 'conversion' ? 'By conversion' : `By capacity (${sug.capacityPerWeek} a week)`;
    const at = sug.hotAt === null ? 'no suggestion' : `Hot at ${sug.hotAt}, Warm at ${sug.warmAt}`;
    out.push(`  ${name}: ${at}. ${safe(sug.sentence)}`);
    const buckets = sug.buckets.filter((b) => b.leads > 0);
    if (buckets.length > 0) out.push(...groupTable('    would give', buckets).map((l) => `  ${l}`));
  }
  const notes = [...r.notes, ...r.problems.map((p) => p.message), ...(r.challenger?.problems ?? []).map((p) => p.message)];
  if (notes.length > 0) out.push('', 'Notes', ...notes.map((n) => `  - ${safe(n)}`));
  return out.join('\n');
}

/** A subcommand's arguments, or null after printing its usage for --help; bad arguments end with the usage. */
/** The input file and as-of of a backtest or suggest run (the example as of its anchor day when none is given). */
function inputOf(opts: Parameters<typeof csvOptions>[0] & { 'as-of'?: string }, positionals: string[]) {
  const csvOpts = csvOptions(opts);
  if (positionals.length > 1) throw new CliError(`Give one workbook or CSV file (got ${positionals.length}: ${positionals.join(', ')}).`);
  const input = positionals[0] ?? EXAMPLE_PATH;
  const asOf = opts['as-of'] ?? (positionals.length === 0 ? EXAMPLE_AS_OF : undefined);
  if (asOf !== undefined && isoDay(asOf) === null) {
    throw new CliError(`--as-of '${asOf}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.`);
  }
  return { csvOpts, input, asOf };
}

/** Loads the file into a host and runs Set up scoring (the As-of cell written when given), as npm start does. */
async function loadAndSetUp(input: string, loadOpts: Parameters<typeof loadInput>[1], asOf: string | undefined) {
  const { wb, leads, headerRow } = await loadInput(input, loadOpts);
  const host = createHost(wb);
  host.run('onOpen');
  host.run('setUpScoring');
  if (asOf) setAsOf(wb, asOf);
  return { wb, leads, headerRow, host };
}

/** A blank setting naming a Leads column takes the first of `candidates` the Leads tab has, said on stderr. */
function fillColumnSetting(
  l: Awaited<ReturnType<typeof loadAndSetUp>>,
  keys: string[],
  name: string,
  candidates: string[],
  flag: string,
): void {
  if (String(settingValue(l.wb, keys)).trim() !== '') return;
  const found = candidates.map((h) => headerColumn(l.leads, l.headerRow, h)).find((i) => i >= 0);
  if (found === undefined) return;
  const header = String(l.leads.values[l.headerRow - 1][found]);
  setSetting(l.wb, keys, name, header);
  progress(`${name} is blank in Settings: using the Leads column '${safe(header)}' (${flag} chooses another).`);
}

/**
 * Loads the file into a host, sets it up, and names the Outcome column: --outcome, else the
 * Settings tab's, else the first Leads column named like an outcome (said on stderr).
 */
async function loadWithOutcome(
  input: string,
  loadOpts: Parameters<typeof loadInput>[1],
  asOf: string | undefined,
  outcome: string | undefined,
) {
  const loaded = await loadAndSetUp(input, loadOpts, asOf);
  const outcomeKeys = ['outcomecolumn', 'outcome'];
  if (outcome !== undefined) setSetting(loaded.wb, outcomeKeys, 'Outcome column', outcome);
  else fillColumnSetting(loaded, outcomeKeys, 'Outcome column', DEFAULT_OUTCOME_HEADERS, '--outcome');
  return loaded;
}

async function backtestMain(argv: string[]): Promise<number> {
  const parsed = parseOrUsage(() => parseBacktestArgs(argv), BACKTEST_USAGE);
  if (!parsed) return 0;
  const { values: opts, positionals } = parsed;
  const { csvOpts, input, asOf } = inputOf(opts, positionals);
  let capacity: number | undefined;
  if (opts.capacity !== undefined) {
    capacity = Number(opts.capacity);
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new CliError(`--capacity '${opts.capacity}' is not a whole number of leads a week (1 or more).`);
  }
  const ext = path.extname(input).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new CliError(`${input} is not an .xlsx or .csv file.`);

  const started = Date.now();
  const { leads, headerRow, host } = await loadWithOutcome(input, { ...opts, ...csvOpts }, asOf, opts.outcome);
  progress(`Backtesting ${Math.max(0, leads.values.length - headerRow).toLocaleString('en-US')} rows …`);
  const report = host.run('backtestReport', capacity) as Report | { ok: false; error: string };
  if (!report.ok) throw new CliError(report.error);
  progress(`Backtest done in ${Date.now() - started} ms; no file written.`);
  console.log(opts.json ? JSON.stringify(report, null, 2) : formatBacktest(report));
  return 0;
}

/** The options of the subcommands that load a workbook or CSV of leads as npm start does. */
const INPUT_OPTIONS = {
  rules: { type: 'string' },
  settings: { type: 'string' },
  'as-of': { type: 'string' },
  json: { type: 'boolean', default: false },
  'time-zone': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
} as const;

function parseBacktestArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...INPUT_OPTIONS, outcome: { type: 'string' }, capacity: { type: 'string' } },
  });
}

// ---------------------------------------------------------------------------------------------
// `npm start -- suggest …` (README "Tune the model from outcomes")

const SUGGEST_USAGE = `Usage: npm start -- suggest [workbook.xlsx | leads.csv] [--rules rules.csv] [--settings settings.csv]
       [--outcome COLUMN] [--as-of YYYY-MM-DD] [--max-rules N] [--leave-out COL,COL]
       [--out suggested-rules.csv] [--settings-out suggested-settings.csv] [--json]
       [--time-zone Area/City] [--delimiter ,|;|tab|pipe] [--encoding utf-8|utf-16le|windows-1252|…]

Suggests rules from won and lost leads (Lead scoring → Suggest rules from outcomes): loads the file as
npm start does, runs Set up scoring, keeps 30 % of the decided leads aside (the holdout), learns at
most --max-rules rules (default: Settings, Max suggested rules, 10) and a Base score from the others,
and prints them with Hot at / Warm at and the holdout comparison of your current rules and the
suggestion. --outcome as for backtest (else a column named Outcome, Converted, Won or Status).
--leave-out names columns that must not be used (filled in after contact, say), comma-separated.
--out writes the rules in the Rules tab's format (default out/<file>-suggested-rules.csv);
--settings-out the Settings tab (Setting | Value) with the proposed Base score, Hot at and Warm at
(default out/<file>-suggested-settings.csv), so that
  npm start -- leads.csv --rules suggested-rules.csv --settings suggested-settings.csv
scores with the suggestion. --json prints every figure as one JSON object.`;

/** The suggestion as the bundle's suggestReport() returns it (SuggestResult in the add-on; read here as JSON only). */
interface SuggestJson {
  ok: true;
  rules: Array<{ category: string; field: string; operator: string; value: string; points: number; note: string; text: string }>;
  baseScore: number;
  hotAt: number;
  warmAt: number;
  training: number;
  holdout: number;
  candidates: number;
  leftOut: Array<{ column: string; reason: string }>;
  comparison: { current: Report | null; suggested: Report | null; changedBucket: number; sentence: string };
  grid: CellValue[][];
  settingsRows: Array<[string, number]>;
}

/** The suggestion as terminal text (src/suggest/suggestSheet.ts lays out the same figures in the Rules (suggested) tab). */
export function formatSuggestion(r: SuggestJson): string {
  const out: string[] = [];
  out.push(`Suggested rules (learnt from ${count(r.training)} training leads; ${count(r.candidates)} candidate rules)`);
  out.push(
    ...table(
      ['Category', 'Points', 'Rule', 'Evidence'],
      r.rules.map((x) => [x.category, count(x.points), safe(x.text), safe(x.note)]),
      [1],
    ),
  );
  out.push('', `Base score ${r.baseScore}; Hot at ${r.hotAt}, Warm at ${r.warmAt}.`);
  const c = r.comparison;
  out.push('', 'Holdout comparison (leads kept out of the fit)', `  ${safe(c.sentence)}`);
  const auc = (x: Report | null) => (x?.overall.auc === null || x?.overall.auc === undefined ? '–' : x.overall.auc.toFixed(3));
  out.push(`  AUC: current ${auc(c.current)}, suggested ${auc(c.suggested)}.`);
  const labels = (c.current ?? c.suggested)?.buckets.map((b) => b.label) ?? [];
  const conv = (g: Group | undefined) => (!g ? '' : g.tooFew || g.conversion === null ? 'too few' : pct(g.conversion));
  out.push(
    ...table(
      ['Bucket', 'Current leads', 'Won', 'Conversion', 'Suggested leads', 'Won', 'Conversion'],
      labels.map((label, i) => {
        const a = c.current?.buckets[i];
        const b = c.suggested?.buckets[i];
        return [safe(label), count(a?.leads ?? 0), count(a?.won ?? 0), conv(a), count(b?.leads ?? 0), count(b?.won ?? 0), conv(b)];
      }),
      [1, 2, 3, 4, 5, 6],
    ),
  );
  out.push(`  ${count(c.changedBucket)} of ${count(r.holdout)} holdout leads would change bucket.`);
  if (r.leftOut.length > 0) out.push('', 'Columns left out', ...r.leftOut.map((x) => `  - ${safe(x.column)}: ${safe(x.reason)}`));
  return out.join('\n');
}

/** The in-memory Settings tab as `Setting | Value` rows, with the suggestion's Base score, Hot at and Warm at. */
function suggestedSettingsRows(wb: Workbook, r: SuggestJson): CellValue[][] {
  for (const [name, value] of r.settingsRows) setSetting(wb, [name.toLowerCase().replace(/[^a-z]/g, '')], name, value);
  const sheet = sheetNamed(wb, 'Settings');
  const lower = (v: CellValue | undefined) =>
    String(v ?? '')
      .trim()
      .toLowerCase();
  const header = sheet ? sheet.values.findIndex((row) => row.map(lower).includes('setting') && row.map(lower).includes('value')) : -1;
  if (!sheet || header < 0) return [['Setting', 'Value'], ...r.settingsRows];
  const [n, v] = ['setting', 'value'].map((h) => sheet.values[header].map(lower).indexOf(h));
  return [
    ['Setting', 'Value'],
    ...sheet.values
      .slice(header + 1)
      .filter((row) => lower(row[n]) !== '')
      .map((row) => [row[n], row[v] ?? '']),
  ];
}

async function suggestMain(argv: string[]): Promise<number> {
  const parsed = parseOrUsage(() => parseSuggestArgs(argv), SUGGEST_USAGE);
  if (!parsed) return 0;
  const { values: opts, positionals } = parsed;
  const { csvOpts, input, asOf } = inputOf(opts, positionals);
  let maxRules: number | undefined;
  if (opts['max-rules'] !== undefined) {
    maxRules = Number(opts['max-rules']);
    if (!Number.isInteger(maxRules) || maxRules < 1 || maxRules > 50)
      throw new CliError(`--max-rules '${opts['max-rules']}' is not a whole number from 1 to 50.`);
  }
  const leaveOut = (opts['leave-out'] ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const ext = path.extname(input).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new CliError(`${input} is not an .xlsx or .csv file.`);
  const stem = path.basename(input, ext);
  const rulesOut = opts.out ?? path.join(REPO_ROOT, 'out', `${stem}-suggested-rules.csv`);
  const settingsOut = opts['settings-out'] ?? path.join(REPO_ROOT, 'out', `${stem}-suggested-settings.csv`);
  for (const f of [rulesOut, settingsOut])
    if (path.extname(f).toLowerCase() !== '.csv') throw new CliError(`${f}: the suggestion is written as a .csv file.`);

  const started = Date.now();
  const { wb, leads, headerRow, host } = await loadWithOutcome(input, { ...opts, ...csvOpts }, asOf, opts.outcome);
  progress(`Suggesting rules from ${Math.max(0, leads.values.length - headerRow).toLocaleString('en-US')} rows …`);
  const report = host.run('suggestReport', maxRules, leaveOut) as SuggestJson | { ok: false; error: string };
  if (!report.ok) throw new CliError(report.error);
  progress(`Suggested in ${Date.now() - started} ms.`);
  const settingsRows = suggestedSettingsRows(wb, report);
  for (const f of [rulesOut, settingsOut]) await mkdir(path.dirname(f), { recursive: true });
  await writeFile(rulesOut, toCsv(report.grid));
  await writeFile(settingsOut, toCsv(settingsRows));
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(formatSuggestion(report));
    console.log(
      `\nWrote ${path.relative(process.cwd(), rulesOut) || rulesOut} and ${path.relative(process.cwd(), settingsOut) || settingsOut}.`,
    );
    console.log(
      `Score with them: npm start -- ${path.relative(process.cwd(), input) || input} --rules ${path.relative(process.cwd(), rulesOut)} --settings ${path.relative(process.cwd(), settingsOut)}`,
    );
  }
  return 0;
}

function parseSuggestArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...INPUT_OPTIONS,
      outcome: { type: 'string' },
      'max-rules': { type: 'string' },
      'leave-out': { type: 'string' },
      out: { type: 'string' },
      'settings-out': { type: 'string' },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// `npm start -- accounts …` (README "Accounts")

const ACCOUNTS_USAGE = `Usage: npm start -- accounts [workbook.xlsx | leads.csv] [--rules rules.csv] [--settings settings.csv]
       [--account-column COLUMN] [--from-email-domain] [--method best|"top 3 average"|"sum capped at Max score"]
       [--as-of YYYY-MM-DD] [--out accounts.csv] [--json] [--time-zone Area/City] [--delimiter …] [--encoding …]

Score accounts (Lead scoring → Score accounts): loads the file as npm start does, runs Set up
scoring, scores every lead and rolls the contacts up into accounts, then prints the best accounts
and writes the Accounts tab as CSV (default out/<file>-accounts.csv). --account-column and
--from-email-domain set the Account column / Account from email domain settings of this in-memory
copy; when neither they nor the Settings tab name an account, a Leads column named Company or
Account is used (said on stderr). --method sets Account score.`;

async function accountsMain(argv: string[]): Promise<number> {
  const parsed = parseOrUsage(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          ...INPUT_OPTIONS,
          'account-column': { type: 'string' },
          'from-email-domain': { type: 'boolean', default: false },
          method: { type: 'string' },
          out: { type: 'string' },
        },
      }),
    ACCOUNTS_USAGE,
  );
  if (!parsed) return 0;
  const { values: opts, positionals } = parsed;
  const { csvOpts, input, asOf } = inputOf(opts, positionals);
  const ext = path.extname(input).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new CliError(`${input} is not an .xlsx or .csv file.`);
  const out = opts.out ?? path.join(REPO_ROOT, 'out', `${path.basename(input, ext)}-accounts.csv`);
  if (path.extname(out).toLowerCase() !== '.csv') throw new CliError(`${out}: the Accounts tab is written as a .csv file.`);
  const started = Date.now();
  const loaded = await loadAndSetUp(input, { ...opts, ...csvOpts }, asOf);
  const { wb, leads, headerRow, host } = loaded;
  if (opts['account-column'] !== undefined) setSetting(wb, ['accountcolumn'], 'Account column', opts['account-column']);
  if (opts['from-email-domain']) setSetting(wb, ['accountfromemaildomain'], 'Account from email domain', 'yes');
  if (opts.method !== undefined) setSetting(wb, ['accountscore'], 'Account score', opts.method);
  if (!/^(yes|true)$/i.test(String(settingValue(wb, ['accountfromemaildomain'])).trim()))
    fillColumnSetting(loaded, ['accountcolumn'], 'Account column', ['Company', 'Account'], '--account-column');
  progress(`Scoring accounts from ${Math.max(0, leads.values.length - headerRow).toLocaleString('en-US')} rows …`);
  const view = host.run('scoreAccountsNow') as { ok: true; summary: string } | { ok: false; error: string };
  if (!view.ok) throw new CliError(view.error);
  const tab = sheetNamed(wb, 'Accounts');
  const grid = tab ? tab.values.filter((r) => r.some((v) => v !== '')) : [];
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, toCsv(grid));
  progress(`Scored accounts in ${Date.now() - started} ms; wrote ${path.relative(process.cwd(), out) || out}.`);
  if (opts.json) console.log(JSON.stringify({ summary: view.summary, header: grid[0], accounts: grid.slice(1) }, null, 2));
  else {
    console.log(view.summary);
    const [header, ...rows] = grid;
    const shown = rows.slice(0, 20);
    const cols = [0, 1, 2, 5, 6, 7];
    const width = cols.map((c) => Math.min(40, Math.max(...[header, ...shown].map((r) => safe(String(r[c] ?? '')).length))));
    for (const r of [header, ...shown])
      console.log(
        cols
          .map((c, i) =>
            safe(String(r[c] ?? ''))
              .slice(0, 60)
              .padEnd(width[i]),
          )
          .join('  ')
          .trimEnd(),
      );
    if (rows.length > shown.length) console.log(`… and ${rows.length - shown.length} more in ${path.relative(process.cwd(), out) || out}.`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof CliError ? e.message : `Error: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
