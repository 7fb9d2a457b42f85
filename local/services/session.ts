/**
 * Session — who runs the script and in which time zone:
 * https://developers.google.com/apps-script/reference/base/session
 *
 * - getActiveUser().getEmail() is '' where Google withholds the identity, which includes custom
 *   functions (they "never ask users to authorize access to personal data",
 *   https://developers.google.com/apps-script/guides/sheets/functions).
 * - getEffectiveUser() is "the user under whose authority the script is running": the person who
 *   clicked (menu, sidebar) or who created the installable trigger that fired
 *   (https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()). The host
 *   has one user (HostOptions.userEmail), so both are that user outside custom functions.
 */
import type { HostContext } from './context.js';
import { expose } from './expose.js';

export function makeSession(ctx: HostContext) {
  const user = () =>
    expose(ctx, 'User', {
      toString: () => 'User',
      getEmail: () => (ctx.mode === 'customFunction' ? '' : ctx.userEmail),
    });
  return expose(ctx, 'Session', {
    toString: () => 'Session',
    getScriptTimeZone: () => ctx.scriptTimeZone,
    getActiveUser: user,
    getEffectiveUser: user,
  }) as unknown as GoogleAppsScript.Base.Session;
}
