/**
 * Utilities, Logger and the captured console (Session: ./session.ts).
 */
import { formatWithPattern, isDate, assertTimeZone } from '../model/dates.js';
import { describeArgs, gasException, type HostContext, type LogEntry } from './context.js';
import { expose } from './expose.js';

// Session lives in ./session.ts (re-exported here for existing imports).
export { makeSession } from './session.js';

/** https://developers.google.com/apps-script/reference/utilities/utilities */
export function makeUtilities(ctx: HostContext) {
  return expose(ctx, 'Utilities', {
    toString: () => 'Utilities',
    formatDate(date: unknown, timeZone: unknown, format: unknown) {
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        throw gasException(
          ctx,
          `The parameters (${describeArgs([date, timeZone, format])}) don't match the method signature for Utilities.formatDate.`,
        );
      }
      try {
        assertTimeZone(timeZone);
      } catch {
        throw gasException(ctx, `Invalid argument: timeZone`);
      }
      return formatWithPattern(date.getTime(), timeZone, format);
    },
    /** No real waiting: the pause is added to the host's virtual clock. */
    sleep(ms: number) {
      ctx.virtualMs += Math.max(0, Number(ms) || 0);
    },
  }) as unknown as GoogleAppsScript.Utilities.Utilities;
}

const show = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (isDate(v)) return v.toString();
  try {
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
};

/** Logger.log(format, ...values) replaces %s like Apps Script's Logger. */
export function makeLogger(ctx: HostContext) {
  let self: unknown;
  self = expose(ctx, 'Logger', {
    toString: () => 'Logger',
    log(first: unknown, ...rest: unknown[]) {
      let message = show(first);
      if (typeof first === 'string' && rest.length) {
        const queue = rest.slice();
        message = first.replace(/%s/g, () => (queue.length ? show(queue.shift()) : '%s'));
        if (queue.length) message += ` ${queue.map(show).join(' ')}`;
      }
      ctx.logs.push({ level: 'Logger', message });
      return self;
    },
    clear: () => void (ctx.logs = ctx.logs.filter((l) => l.level !== 'Logger')),
  });
  return self as GoogleAppsScript.Base.Logger;
}

/** The bundle's `console`: messages go to host.logs (not counted as service calls). */
export function makeConsole(ctx: HostContext) {
  const at =
    (level: LogEntry['level']) =>
    (...args: unknown[]) =>
      void ctx.logs.push({ level, message: args.map(show).join(' ') });
  return { log: at('log'), info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}
