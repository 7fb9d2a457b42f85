/**
 * Runs the built add-on bundle (dist/Code.js) against the in-memory services,
 * the way Apps Script runs it: V8 with only ECMAScript built-ins plus the
 * Apps Script globals — no require, process, Buffer, timers, URL, fetch… —
 * and a fresh global state for every execution ("module state does not
 * survive between calls", README "The local host").
 */
import vm from 'node:vm';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseA1 } from './model/a1.js';
import type { CellValue, Workbook } from './model/types.js';
import { isDate } from './model/dates.js';
import { customFunctionNames } from './manifest.js';
import {
  gasException,
  newUiRecord,
  type HostContext,
  type LockKind,
  type LogEntry,
  type MenuRecord,
  type Mode,
  type Realm,
  type TriggerRecord,
  type UiRecord,
} from './services/context.js';
import { addTrigger, makeScriptApp, submitFormEvent, timeDrivenEvent } from './services/scriptApp.js';
import { makeSpreadsheetApp } from './services/spreadsheetApp.js';
import { makeCharts } from './services/charts.js';
import { makeHtmlService } from './services/html.js';
import { makeCacheService, makePropertiesService } from './services/stores.js';
import { makeLockService } from './services/lock.js';
import { makeConsole, makeLogger, makeUtilities } from './services/misc.js';
import { makeSession } from './services/session.js';
import { makeMailApp, newMailState, type SentMail } from './services/mailApp.js';

/** Custom functions must finish in 30 s (https://developers.google.com/apps-script/guides/sheets/functions). */
export const CUSTOM_FUNCTION_LIMIT_MS = 30_000;
/** One execution ≤ 6 min (https://developers.google.com/apps-script/guides/services/quotas). */
export const EXECUTION_LIMIT_MS = 360_000;
/** Apps Script's text when an execution runs out of time. */
export const TIMEOUT_MESSAGE = 'Exceeded maximum execution time';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface HostOptions {
  /** The bundle's source; default: `<bundleDir>/Code.js`. */
  code?: string;
  /** Where Code.js and the project's .html files are; default `<repo>/dist`. */
  bundleDir?: string;
  /** Fixes `new Date()` / `Date.now()` inside the bundle and the host clock. */
  now?: Date;
  userEmail?: string;
  /** Session.getScriptTimeZone(); default: the spreadsheet's zone. */
  scriptTimeZone?: string;
  /**
   * How a date cell's wall clock becomes the Date a custom function receives. The custom-functions
   * guide says only that a function "needs to compensate" when the script's zone differs from the
   * spreadsheet's (https://developers.google.com/apps-script/guides/sheets/functions#data_types), so
   * the host offers both readings: 'spreadsheet' (default: the instant of the wall clock in the
   * spreadsheet's zone, as getValues gives) or 'script' (the wall clock taken in the script's zone).
   */
  dateArgumentsIn?: 'spreadsheet' | 'script';
  /**
   * The script project's title (default "Untitled project", what a new project in the Apps Script
   * editor is called). createAddonMenu() menus are named after it, as in a script bound to the
   * document: "if the script is bound to the document directly, the sub-menu name matches the
   * script's name" (https://developers.google.com/apps-script/reference/base/ui#createAddonMenu()).
   */
  projectTitle?: string;
  /** Override the 30 s custom-function budget (tests). */
  customFunctionLimitMs?: number;
  /** Override the 6 min execution budget (tests). */
  executionLimitMs?: number;
  /** MailApp's recipients a day (default 100, a consumer account's quota: local/services/mailApp.ts). */
  mailDailyQuota?: number;
}

export interface CustomFunctionResult {
  value: unknown;
  /** Wall time of the call plus virtual time (Utilities.sleep, lock waits). */
  ms: number;
}

export interface Host {
  readonly workbook: Workbook;
  readonly calls: { total: number; byMethod: Record<string, number> };
  /** Cells read and written since the last resetCalls (the volume that decides a run's time in Sheets). */
  readonly cells: { read: number; written: number; formats: number };
  resetCalls(): void;
  /** The host clock in ms: the fixed `now` option (plus virtual time) if set, else the real time. */
  clock(): number;
  /** Sets the host clock: every later execution's `new Date()` / `Date.now()` reads this instant. */
  setClock(at: Date): void;
  /** Moves the host clock on by `ms` (from the real time when it was not fixed). */
  advanceClock(ms: number): void;
  /** The zone whose wall clock custom functions' Date arguments carry (see HostOptions.dateArgumentsIn). */
  dateArgumentZone(): string;
  readonly ui: UiRecord;
  readonly logs: LogEntry[];
  /** Document/script/user property stores (pre-fill them in tests). */
  readonly properties: HostContext['properties'];
  run(fnName: string, ...args: unknown[]): unknown;
  runCustomFunction(fnName: string, ...args: unknown[]): CustomFunctionResult;
  /** Runs the function a recorded menu item points at ("Script function not found" if missing). */
  clickMenuItem(caption: string): unknown;
  /** Answers for the next Ui.alert / Ui.prompt: a button name, or [button, text] for prompts. */
  queueUiResponse(...responses: (string | [string, string])[]): void;
  /** The add-on's custom functions, from the bundle's manifest (`<bundleDir>/globals.json`). */
  customFunctionNames(): string[];
  /** Simulates another execution holding a lock. */
  holdLock(kind: LockKind): void;
  releaseHeldLock(kind: LockKind): void;
  /** The project's installable triggers (a copy), as ScriptApp.getProjectTriggers() would list them. */
  readonly triggers: readonly TriggerRecord[];
  /**
   * Adds a time-driven trigger as the user would on the Apps Script editor's Triggers page (not
   * through the bundle); subject to the same 20-per-script limit. Returns its unique id.
   */
  addClockTrigger(handlerFunction: string, atHour: number, everyDays?: number): string;
  /**
   * Fires every time-driven trigger once, as at its next hour: each handler runs in its own
   * execution with the time-driven event object (local/services/scriptApp.ts timeDrivenEvent) and no
   * user interface — SpreadsheetApp.getUi() throws "Cannot call SpreadsheetApp.getUi() from this
   * context." A handler that throws does not stop the others (nor remove its trigger): its error is
   * returned, as Apps Script records a failed trigger execution.
   */
  fireTimeTriggers(): { uniqueId: string; handlerFunction: string; error: string | null }[];
  /** Sets the user's selection (what getActiveRange / getActiveSheet return). */
  setActiveRange(sheetName: string, a1: string): void;
  /** Every message MailApp sent, oldest first (nothing leaves the machine). */
  readonly outbox: readonly SentMail[];
  /**
   * A Google Form response arriving in the spreadsheet: the row is appended to the tab (default
   * 'Leads') after its last row, as a linked form writes it (values in columns 1…n; a real linked
   * tab starts with Timestamp), then each form-submit trigger of this spreadsheet runs in its own
   * execution with the event object (local/services/scriptApp.ts submitFormEvent) and no user interface.
   */
  submitForm(
    values: CellValue[],
    opts?: { sheetName?: string },
  ): { row: number; runs: { uniqueId: string; handlerFunction: string; error: string | null }[] };
}

export function createHost(workbook: Workbook, opts: HostOptions = {}): Host {
  const bundleDir = opts.bundleDir ?? join(REPO_ROOT, 'dist');
  let code = opts.code;
  if (code === undefined) {
    const file = join(bundleDir, 'Code.js');
    if (!existsSync(file)) throw new Error(`No bundle at ${file}: build the add-on first (or pass { code }).`);
    code = readFileSync(file, 'utf8');
  }
  const script = new vm.Script(code, { filename: 'Code.js' });
  const mail = newMailState(opts.mailDailyQuota);
  // The host clock: fixed by `now`, moved by setClock/advanceClock (simulations, trigger tests).
  let fixedNow = opts.now?.getTime();

  const ctx: HostContext = {
    workbook,
    mode: 'menu',
    calls: { total: 0, byMethod: {} },
    cells: { read: 0, written: 0, formats: 0 },
    ui: newUiRecord(),
    uiResponses: [],
    logs: [],
    heldElsewhere: new Set(),
    heldHere: new Set(),
    properties: { document: new Map(), script: new Map(), user: new Map() },
    caches: { document: new Map(), script: new Map(), user: new Map() },
    realm: { Date, Array, Error, Object } as Realm,
    bundleDir,
    clock: () => (fixedNow ?? Date.now()) + ctx.virtualMs,
    virtualMs: 0,
    userEmail: opts.userEmail ?? 'user@example.com',
    scriptTimeZone: opts.scriptTimeZone ?? workbook.timeZone,
    projectTitle: opts.projectTitle ?? 'Untitled project',
    triggers: [],
    lastTriggerId: 0,
  };

  /** A fresh V8 context with the Apps Script globals, the bundle evaluated in it. */
  const freshContext = (): vm.Context => {
    const context = vm.createContext({}, { codeGeneration: { strings: true, wasm: false } });
    if (fixedNow !== undefined) pinDate(context, fixedNow);
    ctx.realm = vm.runInContext('({ Date, Array, Error, Object })', context) as Realm;
    const globals: Record<string, unknown> = {
      SpreadsheetApp: makeSpreadsheetApp(ctx),
      Charts: makeCharts(ctx),
      HtmlService: makeHtmlService(ctx),
      PropertiesService: makePropertiesService(ctx),
      CacheService: makeCacheService(ctx),
      LockService: makeLockService(ctx),
      Session: makeSession(ctx),
      Utilities: makeUtilities(ctx),
      Logger: makeLogger(ctx),
      ScriptApp: makeScriptApp(ctx),
      MailApp: makeMailApp(ctx, mail),
      console: makeConsole(ctx),
    };
    for (const [k, v] of Object.entries(globals)) {
      Object.defineProperty(context, k, { value: v, writable: true, configurable: true, enumerable: false });
    }
    script.runInContext(context);
    return context;
  };

  /** `args` may be made inside the new context (event objects holding the realm's Range). */
  const execute = (
    mode: Mode,
    limitMs: number,
    fnName: string,
    args: unknown[] | ((context: vm.Context) => unknown[]),
  ): CustomFunctionResult => {
    ctx.mode = mode;
    ctx.heldHere.clear();
    const virtualBefore = ctx.virtualMs;
    const started = performance.now();
    try {
      const context = freshContext();
      const fn = (context as Record<string, unknown>)[fnName];
      if (typeof fn !== 'function') throw gasException(ctx, `Script function not found: ${fnName}`);
      const realmArgs = (typeof args === 'function' ? args(context) : args).map((a) => intoRealm(ctx.realm, a));
      const invoke = Symbol.for('localHost.invoke');
      (context as Record<symbol, unknown>)[invoke] = () => (fn as (...a: unknown[]) => unknown)(...realmArgs);
      let value: unknown;
      try {
        value = vm.runInContext(`globalThis[Symbol.for('localHost.invoke')]()`, context, { timeout: limitMs });
      } catch (e) {
        if ((e as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw gasException(ctx, TIMEOUT_MESSAGE);
        throw e;
      }
      const ms = performance.now() - started + (ctx.virtualMs - virtualBefore);
      if (ms > limitMs) throw gasException(ctx, TIMEOUT_MESSAGE);
      return { value, ms };
    } finally {
      // Apps Script releases an execution's locks when it ends.
      ctx.heldHere.clear();
      ctx.mode = 'menu';
    }
  };

  const findMenuItem = (menus: MenuRecord[], caption: string): string | null => {
    for (const m of menus) {
      const hit = m.items.find((i) => i.caption === caption);
      if (hit) return hit.functionName;
      const sub = findMenuItem(m.subMenus, caption);
      if (sub) return sub;
    }
    return null;
  };

  const host: Host = {
    get workbook() {
      return ctx.workbook;
    },
    get calls() {
      return ctx.calls;
    },
    get cells() {
      return ctx.cells;
    },
    resetCalls() {
      ctx.calls = { total: 0, byMethod: {} };
      ctx.cells = { read: 0, written: 0, formats: 0 };
    },
    clock: () => ctx.clock(),
    setClock(at) {
      fixedNow = at.getTime();
      ctx.virtualMs = 0;
    },
    advanceClock(ms) {
      fixedNow = (fixedNow ?? Date.now()) + ms;
    },
    dateArgumentZone: () => (opts.dateArgumentsIn === 'script' ? ctx.scriptTimeZone : ctx.workbook.timeZone),
    get ui() {
      return ctx.ui;
    },
    get logs() {
      return ctx.logs;
    },
    get properties() {
      return ctx.properties;
    },
    run: (fnName, ...args) => execute('menu', opts.executionLimitMs ?? EXECUTION_LIMIT_MS, fnName, args).value,
    runCustomFunction: (fnName, ...args) => execute('customFunction', opts.customFunctionLimitMs ?? CUSTOM_FUNCTION_LIMIT_MS, fnName, args),
    clickMenuItem(caption) {
      const fn = findMenuItem(ctx.ui.menus, caption);
      if (fn === null) throw new Error(`No menu item captioned "${caption}" was added to the UI.`);
      return host.run(fn);
    },
    queueUiResponse: (...responses) => void ctx.uiResponses.push(...responses),
    customFunctionNames: () => customFunctionNames(bundleDir),
    get triggers() {
      return ctx.triggers.map((t) => ({ ...t }));
    },
    addClockTrigger: (handlerFunction, atHour, everyDays = 1) =>
      addTrigger(ctx, { handlerFunction, eventType: 'CLOCK', triggerSource: 'CLOCK', triggerSourceId: '', atHour, everyDays }).uniqueId,
    fireTimeTriggers() {
      const out: { uniqueId: string; handlerFunction: string; error: string | null }[] = [];
      for (const t of ctx.triggers.filter((x) => x.eventType === 'CLOCK')) {
        let error: string | null = null;
        try {
          execute('timeTrigger', opts.executionLimitMs ?? EXECUTION_LIMIT_MS, t.handlerFunction, [
            timeDrivenEvent(ctx.clock(), t.uniqueId),
          ]);
        } catch (e) {
          error = String(e);
        }
        out.push({ uniqueId: t.uniqueId, handlerFunction: t.handlerFunction, error });
      }
      return out;
    },
    holdLock: (kind) => void ctx.heldElsewhere.add(kind),
    releaseHeldLock: (kind) => void ctx.heldElsewhere.delete(kind),
    setActiveRange(sheetName, a1) {
      const sheet = ctx.workbook.sheets.find((s) => s.name === sheetName);
      if (!sheet) throw new Error(`There is no sheet named "${sheetName}".`);
      if (!parseA1(a1, sheet.maxRows, sheet.maxColumns)) throw new Error(`"${a1}" is not a range in A1 notation.`);
      ctx.workbook.activeSheetName = sheetName;
      ctx.workbook.activeRange = { sheetName, a1 };
    },
    get outbox() {
      return mail.outbox;
    },
    submitForm(values, submitOpts = {}) {
      const form = submitFormEvent(ctx, values, submitOpts.sheetName ?? 'Leads');
      const runs: { uniqueId: string; handlerFunction: string; error: string | null }[] = [];
      for (const t of ctx.triggers.filter((x) => x.eventType === 'ON_FORM_SUBMIT' && x.triggerSourceId === ctx.workbook.id)) {
        let error: string | null = null;
        try {
          execute('formTrigger', opts.executionLimitMs ?? EXECUTION_LIMIT_MS, t.handlerFunction, (context) => [
            form.event(context, t.uniqueId),
          ]);
        } catch (e) {
          error = String(e);
        }
        runs.push({ uniqueId: t.uniqueId, handlerFunction: t.handlerFunction, error });
      }
      return { row: form.row, runs };
    },
  };
  return host;
}

/** Replaces the context's Date so `new Date()` and `Date.now()` read the fixed time. */
function pinDate(context: vm.Context, nowMs: number): void {
  vm.runInContext(
    `(() => {
      const RealDate = Date;
      const fixed = ${nowMs};
      function FixedDate(...args) {
        if (!new.target) return new RealDate(fixed).toString();
        return Reflect.construct(RealDate, args.length ? args : [fixed], new.target);
      }
      FixedDate.prototype = RealDate.prototype;
      FixedDate.now = () => fixed;
      FixedDate.UTC = RealDate.UTC;
      FixedDate.parse = RealDate.parse;
      Object.defineProperty(RealDate.prototype, 'constructor', { value: FixedDate, writable: true, configurable: true });
      globalThis.Date = FixedDate;
    })()`,
    context,
  );
}

/** Copies arrays and Dates into the realm, so `instanceof` holds inside the bundle. */
function intoRealm(realm: Realm, v: unknown): unknown {
  if (Array.isArray(v)) {
    const out = new realm.Array();
    for (const x of v) out.push(intoRealm(realm, x));
    return out;
  }
  if (isDate(v)) return new realm.Date(v.getTime());
  // Plain objects (event objects, RPC arguments) become the realm's own objects.
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out = new realm.Object() as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) out[k] = intoRealm(realm, x);
    return out;
  }
  return v;
}
