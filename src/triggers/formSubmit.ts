/**
 * Rescore new form responses (README "Running by itself"; DESIGN §6): when a Google Form sends
 * its responses to the Leads tab, one installable form-submit trigger scores the new row only.
 *
 * The handler's document calls do not depend on the number of leads: Settings and Rules read once
 * each (as Score leads), the Leads header row and the new row read (one getValues each: the header
 * names the fields), the add-on's output columns found by their developer metadata (one finder
 * call, src/sheets/leadsTab.ts readOwnedColumns), the row's three text cells set to plain text
 * (one call, so a Why or bucket can never become a formula), and one setValues of the row's eight
 * output cells (one per block of adjacent output columns when the user has moved them apart).
 *
 * Colour: none is written. The bucket colours are conditional-format rules over the range Score
 * leads coloured; a response landing inside it is coloured by them at once, one below it at the
 * next Score leads or daily run. Rewriting the rules to reach one row would replace every rule of
 * the tab for one lead, so the handler leaves them alone.
 *
 * No Ui call (a trigger run has none). The document lock Score leads takes is taken here too, so
 * the two never interleave their writes; a response that cannot get it within 10 s is left for the
 * next Score leads or daily run, and says so.
 *
 * Needs `script.scriptapp` for the trigger
 * (https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder#onFormSubmit()).
 */
import { columnLetter, prepareRun, scoreRows, type Cell } from '../engine';
import { readSettingsGrid } from '../sheets/settingsTab';
import { readRules } from '../sheets/rulesTab';
import { inputHeaders, inputRows, leadsSheetProblem, readOwnedColumns, runsOf } from '../sheets/leadsTab';
import { BASE_OUTPUT_HEADERS, OUTPUT_COLUMNS, OUTPUT_HEADERS, outputRow } from '../sheets/outputColumns';
import { RULES_TAB, UserError } from '../sheets/tabs';
import { readRecord, writeRecord } from '../sheets/documentRecord';

/** The global the trigger calls (src/registry.ts, kind 'trigger'). */
export const FORM_HANDLER = 'rescoreFormResponse';
const LAST_KEY = 'leadScoring.lastFormResponse';

/** The sentence recorded when the output columns are not there yet. */
export const SCORE_LEADS_FIRST =
  'Run Score leads once first: the form response was not scored because the Leads tab has no Lead scoring columns yet (Score leads adds them).';

/** The last form response the trigger handled, for the sidebar. */
export interface FormResponseRun {
  /** When it was handled (ISO 8601). */
  at: string;
  ok: boolean;
  /** The Leads row scored (or that could not be), 0 when unknown. */
  row: number;
  score: number | null;
  bucket: string | null;
  /** What went wrong, in words, when ok is false. */
  error: string | null;
}

export interface FormRescoreStatus {
  on: boolean;
  last: FormResponseRun | null;
}

function formTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter(
    (t) => t.getHandlerFunction() === FORM_HANDLER && t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT,
  );
}

function loadLast(): FormResponseRun | null {
  return readRecord<FormResponseRun>(LAST_KEY);
}

function saveLast(run: FormResponseRun): void {
  writeRecord(LAST_KEY, run);
}

export function formRescoreStatus(): FormRescoreStatus {
  return { on: formTriggers().length > 0, last: loadLast() };
}

/**
 * On: exactly one form-submit trigger for this spreadsheet (a second one left by anything else
 * with our handler is removed). Off: removes ours only; the user's own triggers stay.
 */
export function setFormRescore(on: boolean): FormRescoreStatus {
  const existing = formTriggers();
  if (!on) {
    for (const t of existing) ScriptApp.deleteTrigger(t);
    return { on: false, last: loadLast() };
  }
  if (existing.length !== 1) {
    for (const t of existing) ScriptApp.deleteTrigger(t);
    ScriptApp.newTrigger(FORM_HANDLER).forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onFormSubmit().create();
  }
  return { on: true, last: loadLast() };
}

/** The parts of the form-submit event object the handler uses (the event objects guide). */
interface FormSubmitEvent {
  range?: GoogleAppsScript.Spreadsheet.Range;
}

/**
 * The trigger's handler: scores the response's row (see the file comment for its calls). Every
 * outcome is recorded for the sidebar; nothing is rethrown, so the trigger stays for the next
 * response.
 */
export function rescoreFormResponse(e?: FormSubmitEvent): void {
  const at = new Date();
  let row = 0;
  try {
    const range = e?.range;
    if (!range || typeof range.getRow !== 'function') throw new UserError('The form response came without its row, so nothing was scored.');
    row = range.getRow();
    const lock = LockService.getDocumentLock();
    if (!lock.tryLock(10_000)) {
      throw new UserError(`Score leads was running, so row ${row} was not scored now; the next Score leads or daily run scores it.`);
    }
    let result: { score: number | null; bucket: string | null };
    try {
      result = scoreOneRow(range.getSheet(), row, at);
    } finally {
      lock.releaseLock();
    }
    saveLast({ at: at.toISOString(), ok: true, row, score: result.score, bucket: result.bucket, error: null });
  } catch (err) {
    const error = err instanceof UserError ? err.message : `Something went wrong: ${(err as Error)?.message ?? String(err)}`;
    console.error(`Scoring a form response failed: ${error}`);
    saveLast({ at: at.toISOString(), ok: false, row, score: null, bucket: null, error });
  }
}

function scoreOneRow(sheet: GoogleAppsScript.Spreadsheet.Sheet, row: number, at: Date): { score: number | null; bucket: string | null } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settingsGrid = readSettingsGrid(ss);
  const rulesRead = readRules(ss, false);
  if (!rulesRead.grid) throw new UserError(`There is no '${RULES_TAB}' tab. Run Set up scoring first, then Score leads once.`);
  const prepared = prepareRun({
    settings: settingsGrid,
    rules: rulesRead.grid,
    today: at,
    spreadsheetTimeZone: ss.getSpreadsheetTimeZone(),
  });
  const settings = prepared.settings;
  const misplaced = leadsSheetProblem(settings.leadsSheet, prepared.settingsLayout.rows.leadsSheet);
  if (misplaced) throw new UserError(misplaced);
  const tab = sheet.getName();
  if (tab.toLowerCase() !== settings.leadsSheet.trim().toLowerCase()) {
    throw new UserError(
      `The form's responses go to the '${tab}' tab, not to the Leads tab ('${settings.leadsSheet}' in Settings, Leads sheet), so row ${row} was not scored. Point the Leads sheet setting at '${tab}' to score its responses.`,
    );
  }
  if (row <= settings.headerRow) {
    throw new UserError(`The form response is in row ${row}, at or above the header row (${settings.headerRow}), so it was not scored.`);
  }
  const owned = readOwnedColumns(sheet);
  if (BASE_OUTPUT_HEADERS.some((o) => !owned.has(o))) throw new UserError(SCORE_LEADS_FIRST);
  const width = sheet.getLastColumn();
  const headers = sheet.getRange(settings.headerRow, 1, 1, width).getValues()[0] as Cell[];
  const values = sheet.getRange(row, 1, 1, width).getValues()[0] as Cell[];
  // The engine sees the add-on's own output cells as blank, as Score leads does.
  const own = { columns: OUTPUT_HEADERS.map((o) => owned.get(o) ?? 0) };
  const scored = scoreRows(prepared, { headers: inputHeaders(headers, own), rows: inputRows([values], own), firstRow: row });
  const lead = scored.leads[0] ?? null;
  const cells = outputRow(lead, at);
  // The eight outputs Score leads writes (the Challenger score waits for the next Score leads).
  const columns = OUTPUT_HEADERS.map((o) => ((BASE_OUTPUT_HEADERS as readonly string[]).includes(o) ? owned.get(o)! : 0));
  const text = OUTPUT_COLUMNS.flatMap((c, i) =>
    'plainText' in c && c.plainText && columns[i] > 0 ? [`${columnLetter(columns[i])}${row}`] : [],
  );
  sheet.getRangeList(text).setNumberFormat('@');
  // One setValues per block of adjacent output columns (one block unless the user moved them apart).
  for (const run of runsOf(columns)) sheet.getRange(row, run.start, 1, run.outputs.length).setValues([run.outputs.map((i) => cells[i])]);
  return { score: lead ? lead.score : null, bucket: lead ? lead.bucket : null };
}
