/**
 * The sidebar's one door to the server: `google.script.run` wrapped in Promises.
 *
 * Names, arguments and results are typed from the server's own `sidebarApi` (a type-only import,
 * so no server code is bundled into the page): renaming or changing a server function breaks
 * `npm run typecheck`, not the user. Apps Script allows at most 10 concurrent `google.script.run`
 * calls, so calls beyond that wait in a queue. Arguments must be plain JSON: Date, functions and
 * DOM nodes are refused here, in words, before anything is sent.
 */
import type { SidebarApi } from '../src/sidebar-api';

export type RpcName = keyof SidebarApi;
export type RpcArgs<K extends RpcName> = Parameters<SidebarApi[K]>;
export type RpcResult<K extends RpcName> = ReturnType<SidebarApi[K]>;
export type Api = { [K in RpcName]: (...args: RpcArgs<K>) => Promise<RpcResult<K>> };

/** Apps Script: "google.script.run … a maximum of 10 concurrent calls". */
export const MAX_CONCURRENT = 10;

// ---- Compile-time check: every argument and result is plain JSON (no Date, no functions). -------
type JsonSafe<T> = T extends Date | ((...a: never[]) => unknown) | Node
  ? never
  : T extends readonly (infer U)[]
    ? JsonSafe<U>[]
    : T extends object
      ? { [P in keyof T]: JsonSafe<T[P]> }
      : T;
type IsJson<T> = [T] extends [JsonSafe<T>] ? true : false;
/** The names of server functions whose arguments or result are not plain JSON (never, when all are). */
type NotJson = { [K in RpcName]: IsJson<RpcResult<K>> extends true ? (IsJson<RpcArgs<K>> extends true ? never : K) : K }[RpcName];
/** If this line fails to compile, the function named in the error takes or returns a Date / function: fix the server. */
const payloadsAreJson: [NotJson] extends [never] ? true : NotJson = true;
void payloadsAreJson;

/** The part of `google.script.run` we use. */
export interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
  [functionName: string]: unknown;
}

export class RpcError extends Error {
  constructor(
    message: string,
    readonly functionName: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** The words to show for whatever a failure handler received (Apps Script passes an Error). */
export function failureMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    return (e as { message: string }).message || 'Unknown error';
  }
  return typeof e === 'string' && e ? e : 'Unknown error';
}

/** Where a value that google.script.run cannot carry sits in the arguments, or null when all is plain. */
export function illegalValuePath(value: unknown, path = 'argument'): string | null {
  if (value === null || value === undefined) return null;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return null;
  if (t === 'number') return Number.isFinite(value) ? null : path;
  if (t !== 'object') return path; // function, symbol, bigint
  if (Object.prototype.toString.call(value) === '[object Date]') return path;
  if (typeof (value as { nodeType?: unknown }).nodeType === 'number') return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = illegalValuePath(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return path;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const bad = illegalValuePath(v, `${path}.${k}`);
    if (bad) return bad;
  }
  return null;
}

function defaultRunner(): ScriptRunner | undefined {
  const g = (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google;
  return g?.script?.run;
}

export interface Rpc {
  call<K extends RpcName>(name: K, ...args: RpcArgs<K>): Promise<RpcResult<K>>;
  /** Calls sent and not yet answered, and calls waiting for a free slot. */
  readonly active: number;
  readonly queued: number;
}

/** A queue-limited caller over `getRunner()` (google.script.run by default; tests pass a fake). */
export function createRpc(getRunner: () => ScriptRunner | undefined = defaultRunner, limit = MAX_CONCURRENT): Rpc {
  let active = 0;
  const waiting: Array<() => void> = [];
  const pump = () => {
    while (active < limit && waiting.length > 0) {
      active++;
      waiting.shift()!();
    }
  };
  return {
    call<K extends RpcName>(name: K, ...args: RpcArgs<K>): Promise<RpcResult<K>> {
      return new Promise<RpcResult<K>>((resolve, reject) => {
        const bad = illegalValuePath(args, 'arguments');
        if (bad) {
          reject(new RpcError(`Cannot send ${bad} to ${name}: only plain text, numbers, true/false, lists and objects can be sent.`, name));
          return;
        }
        waiting.push(() => {
          let settled = false;
          const finish = () => {
            if (settled) return false;
            settled = true;
            active--;
            pump();
            return true;
          };
          const runner = getRunner();
          if (!runner) {
            finish();
            reject(
              new RpcError('The add-on server is not reachable: this page only works inside Google Sheets (or the local preview).', name),
            );
            return;
          }
          try {
            const handled = runner
              .withSuccessHandler((value) => finish() && resolve(value as RpcResult<K>))
              .withFailureHandler((e) => finish() && reject(new RpcError(failureMessage(e), name)));
            const fn = handled[name];
            if (typeof fn !== 'function') throw new Error(`The server has no function named ${name}.`);
            (fn as (...a: unknown[]) => void).apply(handled, args);
          } catch (e) {
            if (finish()) reject(new RpcError(failureMessage(e), name));
          }
        });
        pump();
      });
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
  };
}

/** `api.scoreNow()` etc.: each server function as a typed, Promise-returning method. */
export function createApi(rpc: Rpc = createRpc()): Api {
  return new Proxy({} as Api, {
    get: (_target, name) =>
      typeof name === 'string'
        ? (...args: unknown[]) => (rpc.call as (n: string, ...a: unknown[]) => Promise<unknown>)(name, ...args)
        : undefined,
  });
}
