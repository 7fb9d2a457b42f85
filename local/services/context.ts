/**
 * Shared state of one local host: the workbook, the mode, call counts, what
 * the UI showed, logs, locks, property stores and the vm realm's intrinsics.
 */
import type { Workbook } from '../model/types.js';

/**
 * 'timeTrigger': a time-driven installable trigger's execution, which has no user interface
 * (SpreadsheetApp.getUi() throws "Cannot call SpreadsheetApp.getUi() from this context.").
 * 'formTrigger': an installable form-submit trigger's execution, likewise without a user interface.
 */
export type Mode = 'menu' | 'customFunction' | 'timeTrigger' | 'formTrigger';

export interface CellCounts {
  read: number;
  written: number;
  formats: number;
}
export type LockKind = 'document' | 'script' | 'user';
export type StoreKind = 'document' | 'script' | 'user';

export interface MenuRecord {
  title: string;
  items: { caption: string; functionName: string }[];
  separators: number;
  subMenus: MenuRecord[];
}

export interface UiRecord {
  menus: MenuRecord[];
  alerts: { title: string | null; prompt: string; buttons: string | null; response: string }[];
  prompts: { title: string | null; prompt: string; buttons: string | null; response: string; text: string }[];
  toasts: { message: string; title: string; timeoutSeconds: number }[];
  sidebars: { title: string; html: string }[];
  dialogs: { title: string; html: string; modal: boolean }[];
}

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug' | 'Logger';
  message: string;
}

/** The vm context's own constructors, so values we hand in pass `instanceof` there. */
export interface Realm {
  Date: DateConstructor;
  Array: ArrayConstructor;
  Error: ErrorConstructor;
  Object: ObjectConstructor;
}

export interface HostContext {
  workbook: Workbook;
  mode: Mode;
  calls: { total: number; byMethod: Record<string, number> };
  /** Cells whose values were read (getValues) or written (setValues), and per-cell formats written (setNumberFormats). */
  cells: CellCounts;
  ui: UiRecord;
  /** Answers the next alert/prompt gets (button name, or [button, text] for prompts). */
  uiResponses: (string | [string, string])[];
  logs: LogEntry[];
  /** Locks held by a simulated other execution. */
  heldElsewhere: Set<LockKind>;
  /** Locks held by the current execution. */
  heldHere: Set<LockKind>;
  properties: Record<StoreKind, Map<string, string>>;
  caches: Record<StoreKind, Map<string, { value: string; expiresAt: number }>>;
  realm: Realm;
  bundleDir: string;
  /** Host clock in ms (fixed `now` option plus virtual sleeps). */
  clock: () => number;
  /** Virtual ms added by Utilities.sleep and lock waits. */
  virtualMs: number;
  userEmail: string;
  scriptTimeZone: string;
  /** The script project's title; names createAddonMenu() menus. */
  projectTitle: string;
  /** The project's installable triggers (local/services/scriptApp.ts); they outlive executions. */
  triggers: TriggerRecord[];
  /** The last trigger unique id handed out. */
  lastTriggerId: number;
}

/** One installable trigger, as ScriptApp keeps it. */
export interface TriggerRecord {
  uniqueId: string;
  handlerFunction: string;
  eventType: 'CLOCK' | 'ON_FORM_SUBMIT';
  triggerSource: 'CLOCK' | 'SPREADSHEETS';
  /** The spreadsheet's id for spreadsheet triggers; '' for clock triggers. */
  triggerSourceId: string;
  /** Clock triggers: the hour (0–23) and the interval in days. */
  atHour?: number;
  everyDays?: number;
}

export function newUiRecord(): UiRecord {
  return { menus: [], alerts: [], prompts: [], toasts: [], sidebars: [], dialogs: [] };
}

/**
 * An Apps Script service error. V8 Apps Script throws objects whose name is
 * 'Exception', so `String(e)` reads "Exception: <message>"; made with the
 * realm's Error so `e instanceof Error` holds inside the bundle.
 */
export function gasException(ctx: HostContext, message: string): Error {
  const e = new ctx.realm.Error(message);
  e.name = 'Exception';
  return e;
}

/** For arguments or features this host deliberately doesn't model. */
export function unsupported(ctx: HostContext, what: string): Error {
  return new ctx.realm.Error(`Local host: ${what} is not supported`);
}

/** Builds a realm array (instanceof Array inside the bundle). */
export function realmArray<T>(ctx: HostContext, items: Iterable<T>): T[] {
  const out = new ctx.realm.Array() as T[];
  for (const it of items) out.push(it);
  return out;
}

/** Describes argument types the way Apps Script's signature errors do: (String,number). */
export function describeArgs(args: unknown[]): string {
  const one = (a: unknown): string => {
    if (a === null) return 'null';
    if (Array.isArray(a)) return `${a.length ? one(a[0]) : 'Object'}[]`;
    if (typeof a === 'string') return 'String';
    if (typeof a === 'object') return Object.prototype.toString.call(a) === '[object Date]' ? 'Date' : 'Object';
    return typeof a;
  };
  return args.map(one).join(',');
}
