/**
 * Changes since last run, for one Score leads run (menu, sidebar, daily trigger): the previous
 * Score and Bucket come from the output cells of the block Score leads already read (no extra
 * call), the forecast gives Going cold soon, the Score history tab gets the changed leads in one
 * write (src/history/historyTab.ts). README "Running by itself".
 */
import { dayToIso, normalizeKey, type BoundRule, type Cell, type LeadScore, type Leads, type PreparedRun } from '../engine';
import { findChanges, goingColdList, type RunChanges } from '../engine/changes';
import { forecastDrops, GOING_COLD_DAYS } from '../engine/forecast';
import type { ProblemView } from '../shared/types';
import type { LeadsBlock, OutputPlan } from '../sheets/leadsTab';
import { outputIndex } from '../sheets/outputColumns';
import { HISTORY_TAB, writeHistory } from './historyTab';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Headers that name a lead for the lists, in order of preference; else the key. */
const NAME_HEADERS = ['name', 'full name', 'lead name', 'contact', 'company'];

export interface RunChangesResult {
  changes: RunChanges;
  notices: ProblemView[];
}

function rowList(rows: number[]): string {
  const shown = rows.slice(0, 10).join(', ');
  return rows.length > 10 ? `${shown} and ${rows.length - 10} more` : shown;
}

export function recordChanges(
  ss: Spreadsheet,
  prepared: PreparedRun,
  block: LeadsBlock,
  plan: OutputPlan,
  leads: Leads,
  scored: Array<LeadScore | null>,
  bound?: BoundRule[],
): RunChangesResult {
  const settings = prepared.settings;
  const headerKeys = leads.headers.map(normalizeKey);
  const keyColumn = headerKeys.indexOf(normalizeKey(settings.leadKeyColumn));
  const nameColumn = NAME_HEADERS.map((h) => headerKeys.indexOf(h)).find((i) => i >= 0) ?? -1;
  const keys: Cell[] | null = keyColumn >= 0 ? leads.rows.map((r) => r[keyColumn]) : null;
  const names: Cell[] = leads.rows.map((r, i) => (nameColumn >= 0 ? r[nameColumn] : (keys?.[i] ?? '')));
  // The Bucket and Score cells before this run: on the lead's own row (they move with it when
  // rows are sorted). A Bucket column appended by this run had none.
  const scoreCol = plan.columns[outputIndex('Score')];
  const bucketCol = plan.columns[outputIndex('Bucket')];
  const bucketIsNew = plan.appended.some((a) => a.column === bucketCol);
  const previous = bucketIsNew ? null : block.rows.map((r) => ({ score: r[scoreCol - 1] as Cell, bucket: r[bucketCol - 1] as Cell }));
  const drops = forecastDrops(prepared, leads, scored, GOING_COLD_DAYS, bound);
  const goingCold = goingColdList(scored, drops, leads.firstRow, keys, names, dayToIso);
  const date = dayToIso(prepared.asOfDay);
  const found = findChanges({ date, firstRow: leads.firstRow, keys, names, previous, leads: scored, goingCold });

  const notices: ProblemView[] = [];
  const settingRow = prepared.settingsLayout.rows.leadKeyColumn ?? 0;
  if (!keys) {
    const headers = leads.headers.map((h) => String(h ?? '').trim()).filter((h) => h !== '');
    notices.push({
      tab: 'Settings',
      row: settingRow,
      column: 'Lead key column',
      columnIndex: prepared.settingsLayout.valueColumn,
      message: `Settings${settingRow ? ` row ${settingRow}` : ''}, Lead key column: '${settings.leadKeyColumn}' is not a header of the '${settings.leadsSheet}' tab, so the ${HISTORY_TAB} tab was not written (the scores were). Use one of: ${headers.join(', ')}.`,
    });
    return { changes: found.changes, notices };
  }
  if (found.blankKeyRows.length > 0) {
    const n = found.blankKeyRows.length;
    notices.push({
      tab: 'Leads',
      row: found.blankKeyRows[0],
      column: String(leads.headers[keyColumn]),
      columnIndex: keyColumn + 1,
      message: `${n} lead${n > 1 ? 's' : ''} whose bucket changed ${n > 1 ? 'have' : 'has'} no ${String(leads.headers[keyColumn]).trim()} (the Lead key column), so ${n > 1 ? 'they were' : 'it was'} not recorded in ${HISTORY_TAB}: ${settings.leadsSheet} row${n > 1 ? 's' : ''} ${rowList(found.blankKeyRows)}.`,
    });
  }
  for (const d of found.duplicateKeys.slice(0, 5)) {
    notices.push({
      tab: 'Leads',
      row: d.rows[1],
      column: String(leads.headers[keyColumn]),
      columnIndex: keyColumn + 1,
      message: `${String(leads.headers[keyColumn]).trim()} '${d.key}' is on ${settings.leadsSheet} rows ${rowList(d.rows)}: ${HISTORY_TAB} recorded row ${d.rows[0]} only. Give each lead its own key.`,
    });
  }
  const written = writeHistory(ss, found.history, date, prepared.asOfDay, settings.keepHistoryDays, prepared.timeZone);
  if (written.skipped) notices.push({ tab: 'Leads', row: 0, column: '', columnIndex: 0, message: written.skipped });
  return { changes: found.changes, notices };
}
