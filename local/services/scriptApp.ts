/**
 * ScriptApp — installable triggers, as far as the add-on uses them:
 * https://developers.google.com/apps-script/reference/script/script-app
 *
 * - `newTrigger(fn).timeBased().atHour(h).everyDays(n).create()` (ClockTriggerBuilder:
 *   https://developers.google.com/apps-script/reference/script/clock-trigger-builder) and
 *   `newTrigger(fn).forSpreadsheet(ss).onFormSubmit().create()` (SpreadsheetTriggerBuilder:
 *   https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder).
 *   Other schedules (everyHours, everyMinutes, at, after, onWeekDay…) are not modelled: the
 *   builders simply do not have them, so a script calling one fails here rather than pretending.
 * - `getProjectTriggers()`, `deleteTrigger(trigger)`, and Trigger's getters
 *   (https://developers.google.com/apps-script/reference/script/trigger).
 * - The limit of 20 triggers per user per script ("Triggers | 20 / user / script",
 *   https://developers.google.com/apps-script/guides/services/quotas#current_limitations); creating
 *   one more throws Apps Script's message "This script has too many triggers. Triggers must be deleted
 *   from the script before more can be added."
 * - All of it needs the `script.scriptapp` scope, which custom functions never have: there they throw
 *   "You do not have permission to call …" as other authorised services do
 *   (https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services).
 *
 * Triggers live in the host context, so they outlive executions as they do on Google's side; the host
 * fires clock triggers with `host.fireTimeTriggers()` and form-submit triggers with
 * `host.submitForm(values)` (local/runtime.ts; the event object: submitFormEvent below).
 */
import { describeArgs, gasException, realmArray, unsupported, type HostContext, type TriggerRecord } from './context.js';
import { expose } from './expose.js';
import { usedExtent, writeCell, type CellValue } from '../model/types.js';
import { isDate } from '../model/dates.js';

/** "Triggers: 20 / user / script" (https://developers.google.com/apps-script/guides/services/quotas#current_limitations). */
export const MAX_TRIGGERS = 20;
export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

const enumOf = (...names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
/** https://developers.google.com/apps-script/reference/script/event-type */
export const EventType = enumOf('CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED');
/** https://developers.google.com/apps-script/reference/script/trigger-source */
export const TriggerSource = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
/** https://developers.google.com/apps-script/reference/script/auth-mode */
export const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');

const signature = (ctx: HostContext, method: string, args: unknown[]) =>
  gasException(ctx, `The parameters (${describeArgs(args)}) don't match the method signature for ${method}.`);

/** Adds a trigger to the project, within the per-script limit. */
export function addTrigger(ctx: HostContext, t: Omit<TriggerRecord, 'uniqueId'>): TriggerRecord {
  if (ctx.triggers.length >= MAX_TRIGGERS) throw gasException(ctx, TOO_MANY_TRIGGERS);
  ctx.lastTriggerId++;
  // Apps Script's ids are long decimal strings, e.g. "4034124084959907503" (event objects guide).
  const record: TriggerRecord = { ...t, uniqueId: `40341240849599${String(ctx.lastTriggerId).padStart(5, '0')}` };
  ctx.triggers.push(record);
  return record;
}

export function makeScriptApp(ctx: HostContext) {
  /** Trigger objects handed to the script, to find the record deleteTrigger means. */
  const records = new WeakMap<object, TriggerRecord>();

  const triggerObject = (r: TriggerRecord) => {
    const t = expose(ctx, 'Trigger', {
      toString: () => 'Trigger',
      getHandlerFunction: () => r.handlerFunction,
      getEventType: () => EventType[r.eventType],
      getTriggerSource: () => TriggerSource[r.triggerSource],
      getTriggerSourceId: () => (r.triggerSource === 'CLOCK' ? null : r.triggerSourceId),
      getUniqueId: () => r.uniqueId,
    });
    records.set(t, r);
    return t;
  };

  const clockBuilder = (handlerFunction: string) => {
    let atHour: number | undefined;
    let everyDays: number | undefined;
    let proxy: unknown;
    proxy = expose(ctx, 'ClockTriggerBuilder', {
      toString: () => 'ClockTriggerBuilder',
      atHour(hour: unknown) {
        if (typeof hour !== 'number') throw signature(ctx, 'ClockTriggerBuilder.atHour', [hour]);
        if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw gasException(ctx, `Invalid argument: hour`);
        atHour = hour;
        return proxy;
      },
      everyDays(n: unknown) {
        if (typeof n !== 'number') throw signature(ctx, 'ClockTriggerBuilder.everyDays', [n]);
        if (!Number.isInteger(n) || n < 1) throw gasException(ctx, `Invalid argument: n`);
        everyDays = n;
        return proxy;
      },
      create() {
        if (everyDays === undefined) throw unsupported(ctx, 'a clock trigger without everyDays(n)');
        return triggerObject(
          addTrigger(ctx, {
            handlerFunction,
            eventType: 'CLOCK',
            triggerSource: 'CLOCK',
            triggerSourceId: '',
            // "atHour … the hour at which the trigger runs"; without it the builder picks one (here: midnight).
            atHour: atHour ?? 0,
            everyDays,
          }),
        );
      },
    });
    return proxy;
  };

  const spreadsheetBuilder = (handlerFunction: string, spreadsheetId: string) => {
    const formSubmit = expose(ctx, 'SpreadsheetTriggerBuilder', {
      toString: () => 'SpreadsheetTriggerBuilder',
      onFormSubmit() {
        return expose(ctx, 'TriggerBuilder', {
          toString: () => 'TriggerBuilder',
          create: () =>
            triggerObject(
              addTrigger(ctx, {
                handlerFunction,
                eventType: 'ON_FORM_SUBMIT',
                triggerSource: 'SPREADSHEETS',
                triggerSourceId: spreadsheetId,
              }),
            ),
        });
      },
    });
    return formSubmit;
  };

  const impl = {
    toString: () => 'ScriptApp',
    AuthMode,
    EventType,
    TriggerSource,
    newTrigger(functionName: unknown) {
      if (typeof functionName !== 'string') throw signature(ctx, 'ScriptApp.newTrigger', [functionName]);
      return expose(ctx, 'TriggerBuilder', {
        toString: () => 'TriggerBuilder',
        timeBased: () => clockBuilder(functionName),
        /** A Spreadsheet or its id (key); only the host's own spreadsheet exists here. */
        forSpreadsheet(sheet: unknown) {
          const id =
            typeof sheet === 'string'
              ? sheet
              : sheet && typeof (sheet as { getId?: unknown }).getId === 'function'
                ? String((sheet as { getId: () => string }).getId())
                : null;
          if (id === null) throw signature(ctx, 'TriggerBuilder.forSpreadsheet', [sheet]);
          if (id !== ctx.workbook.id) throw unsupported(ctx, `a trigger for another spreadsheet (${id})`);
          return spreadsheetBuilder(functionName, id);
        },
      });
    },
    getProjectTriggers: () => realmArray(ctx, ctx.triggers.map(triggerObject)),
    deleteTrigger(trigger: unknown) {
      const r = trigger && typeof trigger === 'object' ? records.get(trigger) : undefined;
      if (!r) throw signature(ctx, 'ScriptApp.deleteTrigger', [trigger]);
      // Deleting a trigger that is already gone changes nothing.
      const at = ctx.triggers.findIndex((x) => x.uniqueId === r.uniqueId);
      if (at >= 0) ctx.triggers.splice(at, 1);
    },
  };
  return expose(ctx, 'ScriptApp', impl, {
    forbiddenInCustomFunction: ['newTrigger', 'getProjectTriggers', 'deleteTrigger'],
  }) as unknown as GoogleAppsScript.Script.ScriptApp;
}

/**
 * The event object of a time-driven trigger
 * (https://developers.google.com/apps-script/guides/triggers/events#time-driven_events):
 * authMode FULL, the moment's fields in UTC (timezone 'UTC', as the guide's example), and the
 * trigger's id. day-of-week runs 1 (Monday) … 7 (Sunday).
 */
export function timeDrivenEvent(ms: number, triggerUid: string): Record<string, unknown> {
  const d = new Date(ms);
  const dow = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  // ISO week number.
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - dow));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return {
    authMode: AuthMode.FULL,
    'day-of-month': d.getUTCDate(),
    'day-of-week': dow,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    month: d.getUTCMonth() + 1,
    second: d.getUTCSeconds(),
    timezone: 'UTC',
    triggerUid,
    'week-of-year': week,
    year: d.getUTCFullYear(),
  };
}

/**
 * A form response arriving in a spreadsheet, and the event object of the spreadsheet's form-submit
 * triggers (https://developers.google.com/apps-script/guides/triggers/events#form-submit):
 * authMode FULL; namedValues, "an object containing the question names and values from the form
 * submission" (each value a one-item list of text); range, the cells the response was written to;
 * triggerUid; values, "array with values in the same order as they appear in the spreadsheet"
 * (text, as the form wrote them). The response is written first, like a linked form: after the
 * tab's last row, in columns 1…n (the header row names the questions). Dates become text as a
 * US-English form shows them ("11/20/2026 9:05:00").
 */
export function submitFormEvent(
  ctx: HostContext,
  values: CellValue[],
  sheetName: string,
): { row: number; event: (context: object, triggerUid: string) => Record<string, unknown> } {
  const sheet = ctx.workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`There is no sheet named "${sheetName}" for the form's responses.`);
  if (values.length === 0) throw new Error('A form response needs at least one value.');
  const row = usedExtent(sheet).rows + 1;
  // A form inserts the rows and columns its response needs.
  if (row > sheet.maxRows) sheet.maxRows = row;
  if (values.length > sheet.maxColumns) sheet.maxColumns = values.length;
  values.forEach((v, i) => {
    writeCell(sheet, row, i + 1, v);
  });
  const text = (v: CellValue): string => {
    if (isDate(v)) {
      const d = v; // wall clock in the UTC fields (local/model/types.ts)
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
    }
    return v === '' ? '' : String(v);
  };
  const strings = values.map(text);
  const headers = sheet.values[0] ?? [];
  const namedValues: Record<string, string[]> = {};
  strings.forEach((v, i) => {
    const h = String(headers[i] ?? '');
    if (h !== '') namedValues[h] = [v];
  });
  return {
    row,
    event(context, triggerUid) {
      // The Range is made by the execution's own SpreadsheetApp (so it lives in its realm); making
      // it is the host's doing, not the script's, so it is not counted.
      const calls = ctx.calls;
      const cells = ctx.cells;
      ctx.calls = { total: 0, byMethod: {} };
      ctx.cells = { read: 0, written: 0, formats: 0 };
      const app = (context as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp }).SpreadsheetApp;
      const range = app.getActiveSpreadsheet().getSheetByName(sheetName)!.getRange(row, 1, 1, values.length);
      ctx.calls = calls;
      ctx.cells = cells;
      return { authMode: AuthMode.FULL, namedValues, range, triggerUid, values: [...strings] };
    },
  };
}
