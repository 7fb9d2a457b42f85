/**
 * Export model as SQL (README "When your leads outgrow Sheets"): the adapter between the tabs and
 * the pure compiler in src/engine/sql. Reads Settings, Rules and Leads once each (readForRun, as
 * Score leads does), and gives the query for BigQuery or DuckDB. The menu shows it in a dialog
 * (ExportSql.html) with a dialect switch and a copy button; the sidebar opens the same dialog; the
 * CLI's `sql` subcommand calls exportModelAsSql through the local host.
 */
import { compileModelSql, DIALECTS, type DialectName } from '../engine/sql';
import { readForRun } from '../scoring/scoreSheet';
import { RULES_TAB, UserError } from '../sheets/tabs';
import { dayFromParts, prepareRun, type Cell, type PreparedRun } from '../engine';
import { readRules } from '../sheets/rulesTab';
import { readSettings, readSettingsGrid } from '../sheets/settingsTab';

export interface SqlExport {
  ok: true;
  dialect: DialectName;
  table: string;
  sql: string;
  rules: number;
  leftOut: Array<{ row: number; reason: string }>;
}
export type SqlExportResult = SqlExport | { ok: false; error: string };

const DEFAULT_TABLE: Record<DialectName, string> = { bigquery: 'my_project.crm.leads', duckdb: 'leads' };

/** A table name as a warehouse writes it: letters, digits, _ - . $ and spaces only (never SQL). */
function tableName(table: unknown, dialect: DialectName): string {
  const t = typeof table === 'string' ? table.trim() : '';
  if (t === '') return DEFAULT_TABLE[dialect];
  if (!/^[\p{L}\p{N}_\-. $]+$/u.test(t))
    throw new UserError(`'${t}' is not a table name: use letters, digits, _, - and dots (project.dataset.table).`);
  return t;
}

/**
 * Settings, Rules and, when there is one, the Leads tab (one read each). Without a Leads tab (a
 * rules file alone in the CLI) each rule's Field is the column name.
 */
function readModel(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): { prepared: PreparedRun; headers?: Cell[]; rows?: Cell[][] } {
  const settings = readSettings(ss);
  const leadsTab = ss.getSheetByName(settings.settings.leadsSheet);
  if (leadsTab) {
    const { prepared, leads } = readForRun(ss, new Date());
    return { prepared, headers: leads.headers, rows: leads.rows };
  }
  const rules = readRules(ss, false);
  if (!rules.grid) throw new UserError(`There is no '${RULES_TAB}' tab: the model is its rules.`);
  const prepared = prepareRun({
    settings: readSettingsGrid(ss),
    rules: rules.grid,
    today: new Date(),
    spreadsheetTimeZone: ss.getSpreadsheetTimeZone(),
  });
  return { prepared };
}

/**
 * The model as one SELECT in `dialect` over `table` (default: my_project.crm.leads / leads), as of
 * `asOf` (YYYY-MM-DD, 'today' for the warehouse's date, blank: the As-of date setting or today).
 */
export function exportModelAsSql(dialect?: unknown, table?: unknown, asOf?: unknown): SqlExportResult {
  try {
    const d = String(dialect ?? 'bigquery').toLowerCase() as DialectName;
    if (!DIALECTS.includes(d)) throw new UserError(`'${String(dialect)}' is not a dialect: use bigquery or duckdb.`);
    const name = tableName(table, d);
    let day: number | 'today' | undefined;
    const a = typeof asOf === 'string' ? asOf.trim() : '';
    if (a.toLowerCase() === 'today') day = 'today';
    else if (a !== '') {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a);
      const parsed = m ? dayFromParts(+m[1], +m[2], +m[3]) : null;
      if (parsed === null) throw new UserError(`'${a}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31, or 'today'.`);
      day = parsed;
    }
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const model = readModel(ss);
    const out = compileModelSql(model.prepared, { dialect: d, table: name, headers: model.headers, rows: model.rows, asOf: day });
    return { ok: true, dialect: d, table: name, sql: out.sql, rules: out.rules, leftOut: out.leftOut };
  } catch (e) {
    return { ok: false, error: e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}` };
  }
}

/** JSON that is safe inside a <script> element: no `</script`, no `<!--`, no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Menu Export model as SQL: a dialog with both dialects' SQL (computed here, so switching is instant
 * and the page calls nothing), a dialect switch and a copy button. The SQL reaches the page as JSON
 * in a script element and is shown with textContent/value only, never as HTML.
 */
export function showExportSqlDialog(): void {
  const ui = SpreadsheetApp.getUi();
  const both = DIALECTS.map((d) => exportModelAsSql(d));
  const failed = both.find((r) => !r.ok);
  if (failed && !failed.ok) {
    ui.alert('Export model as SQL', failed.error, ui.ButtonSet.OK);
    return;
  }
  const data = Object.fromEntries(both.map((r) => [(r as SqlExport).dialect, r]));
  const html = HtmlService.createHtmlOutputFromFile('ExportSql')
    .append(`<script>window.EXPORT_SQL = ${scriptJson(data)}; if (window.showExport) window.showExport();</script>`)
    .setWidth(820)
    .setHeight(560);
  ui.showModalDialog(html, 'Export model as SQL');
}

/** The sidebar's Export model as SQL button: opens the same dialog as the menu. */
export function openExportSqlDialog(): { ok: true } | { ok: false; error: string } {
  try {
    showExportSqlDialog();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}` };
  }
}
