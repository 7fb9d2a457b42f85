/**
 * Ui, Menu, PromptResponse — https://developers.google.com/apps-script/reference/base/ui
 * Nothing is shown: menus, alerts, prompts, sidebars and dialogs are recorded
 * in `host.ui`. Alerts and prompts answer from `host.queueUiResponse(...)`,
 * else OK (or YES for YES_NO button sets). An alert takes the queued answer only if it is one of
 * its buttons (or CLOSE); otherwise the answer waits for the next dialog, as a user who answers
 * only the question they expected.
 */
import { describeArgs, gasException, type HostContext, type MenuRecord } from './context.js';
import { expose } from './expose.js';
import { htmlOutputContent } from './html.js';

const enumOf = (...names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');

export function makeUi(ctx: HostContext) {
  const defaultButton = (buttons: string | null) => (buttons?.startsWith('YES') ? 'YES' : 'OK');

  const makeMenu = (title: string): { proxy: unknown; record: MenuRecord } => {
    const record: MenuRecord = { title, items: [], separators: 0, subMenus: [] };
    let proxy: unknown;
    const impl = {
      toString: () => 'Menu',
      addItem(caption: string, functionName: string) {
        if (typeof caption !== 'string' || typeof functionName !== 'string') {
          throw gasException(
            ctx,
            `The parameters (${describeArgs([caption, functionName])}) don't match the method signature for Ui.Menu.addItem.`,
          );
        }
        record.items.push({ caption, functionName });
        return proxy;
      },
      addSeparator() {
        record.separators++;
        return proxy;
      },
      addSubMenu(menu: unknown) {
        const sub = menus.get(menu as object);
        if (!sub)
          throw gasException(ctx, `The parameters (${describeArgs([menu])}) don't match the method signature for Ui.Menu.addSubMenu.`);
        record.subMenus.push(sub);
        return proxy;
      },
      /** A menu added again replaces the earlier one with the same title, as re-running onOpen does. */
      addToUi() {
        const at = ctx.ui.menus.findIndex((m) => m.title === record.title);
        if (at >= 0) ctx.ui.menus.splice(at, 1, record);
        else ctx.ui.menus.push(record);
      },
    };
    proxy = expose(ctx, 'Menu', impl);
    menus.set(proxy as object, record);
    return { proxy, record };
  };
  const menus = new WeakMap<object, MenuRecord>();

  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). */
  const splitDialogArgs = (args: unknown[]): { title: string | null; prompt: string; buttons: string | null } => {
    if (args.length >= 3) return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
    if (args.length === 2) return { title: null, prompt: String(args[0]), buttons: String(args[1]) };
    return { title: null, prompt: String(args[0]), buttons: null };
  };

  const impl = {
    toString: () => 'Ui',
    Button,
    ButtonSet,
    /** Named after the script project, as for a bound script (Ui.createAddonMenu reference). */
    createAddonMenu: () => makeMenu(ctx.projectTitle).proxy,
    createMenu: (caption: string) => makeMenu(String(caption)).proxy,
    alert(...args: unknown[]) {
      const d = splitDialogArgs(args);
      // The user can click only a button the alert shows, or close it (Ui.Button CLOSE).
      const offered = [...(d.buttons ?? 'OK').split('_'), 'CLOSE'];
      const next = ctx.uiResponses[0];
      const response = typeof next === 'string' && offered.includes(next) ? (ctx.uiResponses.shift() as string) : defaultButton(d.buttons);
      ctx.ui.alerts.push({ ...d, response });
      return response;
    },
    prompt(...args: unknown[]) {
      const d = splitDialogArgs(args);
      const next = ctx.uiResponses.shift();
      const [button, text] = Array.isArray(next) ? next : [typeof next === 'string' ? next : defaultButton(d.buttons), ''];
      ctx.ui.prompts.push({ ...d, response: button, text });
      return expose(ctx, 'PromptResponse', {
        toString: () => 'PromptResponse',
        getResponseText: () => text,
        getSelectedButton: () => button,
      });
    },
    showSidebar(output: unknown) {
      const { title, html } = htmlOutputContent(ctx, output, 'Ui.showSidebar');
      ctx.ui.sidebars.push({ title, html });
    },
    showModalDialog(output: unknown, title: string) {
      const { html } = htmlOutputContent(ctx, output, 'Ui.showModalDialog');
      ctx.ui.dialogs.push({ title: String(title), html, modal: true });
    },
    showModelessDialog(output: unknown, title: string) {
      const { html } = htmlOutputContent(ctx, output, 'Ui.showModelessDialog');
      ctx.ui.dialogs.push({ title: String(title), html, modal: false });
    },
  };
  return expose(ctx, 'Ui', impl) as unknown as GoogleAppsScript.Base.Ui;
}
