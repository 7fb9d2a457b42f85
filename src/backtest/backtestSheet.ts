/**
 * Backtest against outcomes (README "Does the score work?"): reads Settings, Rules and Leads once
 * (the same reading as Score leads: readForRun), runs the engine's backtest, and writes the
 * Backtest tab — rewritten by each run, the only tab written — in one block write, with a native
 * column chart of conversion by score band.
 */
import { backtest, type BacktestReport, type BacktestResult, type Cell, type GroupFigures } from '../engine';
import { claimTab } from '../sheets/ownTabs';
import { readForRun } from '../scoring/scoreSheet';
import { UserError } from '../sheets/tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const BACKTEST_TAB = 'Backtest';
const WIDTH = 9;
export const CHART_TITLE = 'Conversion by score band';

/** Runs the backtest on the active spreadsheet's tabs; bad input is a UserError with one sentence. Writes nothing. */
export function backtestInMemory(ss: Spreadsheet, clock: Date, capacityPerWeek?: number): BacktestReport {
  const { prepared, leads, challenger } = readForRun(ss, clock, { challenger: true });
  const result = backtest(prepared, leads, { capacityPerWeek, challenger: challenger.run ?? undefined });
  if (!result.ok) throw new UserError(result.error);
  // A bad Challenger rules tab name is a settings problem: listed with the others.
  result.problems.push(...challenger.problems);
  return result;
}

/**
 * A text cell written so it can never become a formula or a number (README "What the add-on
 * does": text taken from the sheet stays text): a leading apostrophe, which Sheets keeps out of
 * the value ("'=1" is the text "=1").
 */
const text = (s: string): string => `'${s}`;
const r3 = (x: number | null): Cell => (x === null ? '' : Math.round(x * 1000) / 1000);
const r2 = (x: number | null): Cell => (x === null ? '' : Math.round(x * 100) / 100);

interface Layout {
  rows: Cell[][];
  /** A1 ranges of cells holding shares (0–1), shown as percentages. */
  percent: string[];
  /** The band table: header row and last row (1-based), for the chart. */
  bandHeader: number;
  bandLast: number;
}

function col(c: number): string {
  return String.fromCharCode(64 + c);
}

/** The Backtest tab as one grid (WIDTH columns): the tables, the date, the settings and rules used. */
export function backtestLayout(r: BacktestReport, ranAt: Date): Layout {
  const rows: Cell[][] = [];
  const percent: string[] = [];
  const add = (...cells: Cell[]) => {
    const row = cells.slice(0, WIDTH);
    while (row.length < WIDTH) row.push('');
    rows.push(row);
    return rows.length;
  };
  const pctCells = (row: number, from: number, to: number) => percent.push(`${col(from)}${row}:${col(to)}${row}`);
  const groupHeader = (first: string) =>
    add(text(first), text('Leads'), text('Won'), text('Conversion'), text('95 % low'), text('95 % high'), text('Lift'), text('Note'));
  const groupRow = (g: GroupFigures) => {
    const row = add(
      text(g.label),
      g.leads,
      g.won,
      g.tooFew ? '' : r3(g.conversion),
      g.tooFew ? '' : r3(g.low),
      g.tooFew ? '' : r3(g.high),
      g.tooFew ? '' : r2(g.lift),
      text(g.note),
    );
    pctCells(row, 4, 6);
  };

  add(text(BACKTEST_TITLE));
  add(
    text('Run at'),
    text(ranAt.toISOString()),
    text('Scored as of'),
    text(r.perLeadAsOf ? `each decided lead's day in ${r.outcomeDateColumn} (else ${r.asOf})` : r.asOf),
  );
  add(text('Outcome column'), text(r.outcomeColumn), text('Outcome date column'), text(r.outcomeDateColumn ?? '(none)'));
  const o = r.overall;
  const overallRow = add(text('Decided leads'), o.decided, text('Won'), o.won, text('Base rate'), r3(o.baseRate), text('AUC'), r3(o.auc));
  percent.push(`F${overallRow}`, `H${overallRow}`);
  add(text(o.aucSentence));
  add();
  add(text('By score band (Disqualified leads are in the bucket table)'));
  const bandHeader = groupHeader('Score band');
  for (const b of r.bands) groupRow(b);
  const bandLast = rows.length;
  add();
  add(text(`By bucket (Hot at ${r.hotAt}, Warm at ${r.warmAt})`));
  groupHeader('Bucket');
  for (const b of r.buckets) groupRow(b);
  if (r.challenger) challengerRows(r, add, pctCells, percent);
  add();
  add(text('Per rule (decided leads)'));
  add(
    text('Rules row'),
    text('Rule'),
    text('Fires on'),
    text('Share'),
    text('Conversion when it fires'),
    text('when not'),
    text('Lift'),
    text('Points given'),
    text('Flags'),
  );
  for (const rule of r.rules) {
    const row = add(
      rule.row,
      text(rule.rule),
      rule.fires,
      r3(rule.share),
      r3(rule.convFired),
      r3(rule.convNotFired),
      r2(rule.lift),
      rule.points,
      text(rule.sentences.join(' ')),
    );
    pctCells(row, 4, 6);
  }
  add();
  add(text('Suggested thresholds'));
  add(text('Method'), text('Hot at'), text('Warm at'), text('What it gives'));
  for (const s of [r.suggestions.byConversion, r.suggestions.byCapacity]) {
    const what =
      s.buckets.length === 0
        ? ''
        : ` ${s.buckets
            .filter((b) => b.leads > 0)
            .map((b) => `${b.label}: ${b.leads} leads, ${b.conversion === null ? '–' : `${Math.round(b.conversion * 100)} %`}`)
            .join(' · ')}`;
    add(
      text(s.method === 'conversion' ? 'By conversion' : `By capacity (${s.capacityPerWeek} a week)`),
      s.hotAt ?? '',
      s.warmAt ?? '',
      text(s.sentence + what),
    );
  }
  add();
  add(text('Notes'));
  for (const n of r.notes) add(text(n));
  for (const p of r.problems) add(text(p.message));
  for (const p of r.challenger?.problems ?? []) add(text(p.message));
  add();
  add(text('Settings used'));
  add(text('Hot at'), r.hotAt, text('Warm at'), r.warmAt, text('Max score'), r.maxScore);
  return { rows, percent, bandHeader, bandLast };
}

/**
 * The challenger beside Rules (README "Challenger"): AUC of each, conversion by
 * bucket of each on the same decided leads, and the decided leads that would move bucket.
 */
function challengerRows(
  r: BacktestReport,
  add: (...cells: Cell[]) => number,
  pctCells: (row: number, from: number, to: number) => void,
  percent: string[],
): void {
  const c = r.challenger!;
  add();
  add(text(`Challenger: ${c.rulesTab} beside Rules (same decided leads, same settings)`));
  add(text('Model'), text('AUC'), text('Meaning'));
  const aucRow = add(text('Rules'), r3(r.overall.auc), text(r.overall.aucSentence));
  const aucRow2 = add(text(c.rulesTab), r3(c.auc), text(c.aucSentence));
  percent.push(`B${aucRow}`, `B${aucRow2}`);
  add(
    text('Bucket'),
    text('Rules leads'),
    text('Rules won'),
    text('Rules conversion'),
    text('Challenger leads'),
    text('Challenger won'),
    text('Challenger conversion'),
    text('Note (challenger)'),
  );
  r.buckets.forEach((b, i) => {
    const cb = c.buckets[i];
    const row = add(
      text(b.label),
      b.leads,
      b.won,
      b.tooFew ? '' : r3(b.conversion),
      cb.leads,
      cb.won,
      cb.tooFew ? '' : r3(cb.conversion),
      text(cb.note),
    );
    pctCells(row, 4, 4);
    pctCells(row, 7, 7);
  });
  const m = c.moves;
  add(text('Decided leads that would move bucket'), m.up + m.down, text('Up'), m.up, text('Down'), m.down, text('Same'), m.same);
  add(text('From (Rules)'), text('To (challenger)'), text('Leads'), text('Won'));
  for (const x of m.changes) add(text(x.from), text(x.to), x.leads, x.won);
}

/**
 * Writes the Backtest tab: cleared (content, formats and the previous chart), then the grid in one
 * setValues, the percentages' format in one RangeList call, and one column chart of conversion
 * by score band. Other tabs are never touched.
 */
/** A1 of the Backtest tab, also how a tab an earlier version wrote is recognised. */
const BACKTEST_TITLE = 'Backtest: does the score work?';

export function writeBacktestTab(ss: Spreadsheet, report: BacktestReport, ranAt: Date): Sheet {
  const layout = backtestLayout(report, ranAt);
  const { sheet, made } = claimTab(ss, BACKTEST_TAB, [BACKTEST_TITLE]);
  if (!made) {
    sheet.clear();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  }
  const needed = layout.rows.length - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  sheet.getRange(1, 1, layout.rows.length, WIDTH).setValues(layout.rows);
  sheet.getRangeList(layout.percent).setNumberFormat('0%');
  // A column chart of the Conversion column against the Score band labels, header row included
  // (it names the series): https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.COLUMN)
    .addRange(sheet.getRange(`A${layout.bandHeader}:A${layout.bandLast}`))
    .addRange(sheet.getRange(`D${layout.bandHeader}:D${layout.bandLast}`))
    .setOption('title', CHART_TITLE)
    .setOption('legend', { position: 'none' })
    .setOption('vAxis', { format: 'percent', minValue: 0 })
    .setPosition(layout.bandHeader, WIDTH + 2, 0, 0)
    .build();
  sheet.insertChart(chart);
  return sheet;
}

/** The menu's run: backtest, write the tab, and a line for the toast. */
export function backtestSheet(ss: Spreadsheet, clock: Date): { report: BacktestReport; summary: string } {
  const { prepared, leads, challenger } = readForRun(ss, clock, { challenger: true });
  // The Backtest tab is rewritten: never when it is the tab of leads.
  if (prepared.settings.leadsSheet.trim().toLowerCase() === BACKTEST_TAB.toLowerCase()) {
    throw new UserError(
      `Settings, Leads sheet: '${prepared.settings.leadsSheet}' is the tab the backtest rewrites. Rename your leads tab (e.g. Leads) and the setting.`,
    );
  }
  const result = backtest(prepared, leads, { challenger: challenger.run ?? undefined });
  if (!result.ok) throw new UserError(result.error);
  // A bad Challenger rules tab name is a settings problem: listed with the others.
  result.problems.push(...challenger.problems);
  writeBacktestTab(ss, result, clock);
  return { report: result, summary: summaryLine(result) };
}

export function summaryLine(r: BacktestReport): string {
  const o = r.overall;
  const auc = o.auc === null ? 'too few decided leads for an AUC' : `AUC ${Math.round(o.auc * 100)} %`;
  return `Backtest: ${o.decided} decided leads, ${o.won} won (${Math.round(o.baseRate * 100)} %), ${auc}. See the ${BACKTEST_TAB} tab.`;
}

/**
 * The CLI's `backtest` (README "Does the score work?"): every figure as one JSON object, reading
 * the tabs and writing nothing. `{ ok: false, error }` on bad input. The shape is BacktestReport
 * (src/engine/backtest.ts): asOf, perLeadAsOf, outcomeColumn, outcomeDateColumn, maxScore, hotAt,
 * warmAt, outcomes, overall {decided, won, lost, baseRate, auc, aucSentence, tooFew}, buckets and
 * bands [{label, leads, won, conversion, low, high, lift, tooFew, note}], rules [{row, column,
 * category, rule, fires, share, firesAll, convFired, convNotFired, lift, points, avgPoints, flags,
 * closest, sentences}], suggestions {byConversion, byCapacity}, notes, problems.
 */
export function backtestReport(capacityPerWeek?: number): BacktestResult {
  try {
    const n = Number(capacityPerWeek);
    return backtestInMemory(SpreadsheetApp.getActiveSpreadsheet(), new Date(), Number.isFinite(n) && n > 0 ? n : undefined);
  } catch (e) {
    return { ok: false, error: e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}` };
  }
}
