/**
 * Wraps a service object in a Proxy so every method call is counted as
 * `Class.method`, write methods are refused in custom-function mode, and
 * host-internal members (names starting with '_') are invisible to the script.
 */
import { gasException, type HostContext } from './context.js';

/** Methods that change the document; custom functions may not call them. */
export const WRITE_METHOD = /^(set|insert|clear|delete|append|activate|toast|autoResize|hide|show|sort|merge|copy|move|protect|remove|add)/;

export interface ExposeOptions {
  /** Refuse WRITE_METHOD calls in custom-function mode (Spreadsheet service objects). */
  readOnlyInCustomFunction?: boolean;
  /** Extra names refused in custom-function mode. */
  forbiddenInCustomFunction?: string[];
}

export function expose<T extends object>(ctx: HostContext, className: string, target: T, opts: ExposeOptions = {}): T {
  const wrapped = new Map<string, unknown>();
  return new Proxy(target, {
    get(obj, prop) {
      if (typeof prop === 'symbol') return Reflect.get(obj, prop, obj);
      if (prop.startsWith('_')) return undefined;
      const value = Reflect.get(obj, prop, obj);
      if (typeof value !== 'function' || prop === 'toString' || prop === 'constructor') return value;
      let fn = wrapped.get(prop);
      if (!fn) {
        const name = `${className}.${prop}`;
        fn = (...args: unknown[]) => {
          ctx.calls.total++;
          ctx.calls.byMethod[name] = (ctx.calls.byMethod[name] ?? 0) + 1;
          if (ctx.mode === 'customFunction') {
            const refused = (opts.readOnlyInCustomFunction && WRITE_METHOD.test(prop)) || opts.forbiddenInCustomFunction?.includes(prop);
            // "Read-only (can use most get*() methods, but not set*())" and the
            // error text "You do not have permission to call …":
            // https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services
            if (refused) throw gasException(ctx, `You do not have permission to call ${prop}`);
          }
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
        wrapped.set(prop, fn);
      }
      return fn;
    },
    has(obj, prop) {
      return typeof prop === 'string' && prop.startsWith('_') ? false : Reflect.has(obj, prop);
    },
    set() {
      return false;
    },
  });
}
