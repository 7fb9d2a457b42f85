/**
 * Top accounts in the sidebar's overview (README "Accounts"): on load, the best accounts as the
 * Accounts tab holds them (getAccounts, one read); Score accounts runs the roll-up and rewrites
 * that tab (scoreAccountsNow). Every value is a text node.
 */
import type { AccountLine, AccountsView } from '../src/sidebar-api/accounts';
import type { Api } from './rpc';
import { RpcError } from './rpc';
import { byId, fill, h } from './render';

/** One account as a line of text: pure, unit tested. */
export function accountLine(a: AccountLine): { name: string; score: string; detail: string } {
  const engaged = `${a.engaged} engaged`;
  return {
    name: a.account,
    score: `${a.score} ${a.bucket}`.trim(),
    detail: `${a.contacts} contact${a.contacts === 1 ? '' : 's'}, ${engaged}${a.reasons ? ` · ${a.reasons}` : ''}`,
  };
}

function render(view: Extract<AccountsView, { ok: true }>): void {
  const list = byId('top-accounts');
  const note = byId('accounts-note');
  if (!view.scored) {
    fill(list);
    fill(note, 'No accounts yet. Set Account column (or Account from email domain) in Settings, then Score accounts.');
    return;
  }
  fill(
    list,
    ...view.top.map((a) => {
      const line = accountLine(a);
      return h(
        'li',
        { 'data-testid': 'account' },
        h('span', { class: 'account-name' }, line.name),
        ' ',
        h('span', { class: 'account-score' }, line.score),
        h('span', { class: 'account-reasons muted small' }, line.detail),
      );
    }),
  );
  const more = view.accounts > view.top.length ? ` The best ${view.top.length} of ${view.accounts}; all in the Accounts tab.` : '';
  fill(note, `${view.summary}${more}`.trim() || 'From the Accounts tab.');
}

export function mountAccounts(api: Api): void {
  const button = byId<HTMLButtonElement>('score-accounts');
  const status = byId('accounts-status');
  const show = (view: AccountsView) => {
    if (!view.ok) {
      status.className = 'status error';
      fill(status, view.error);
      return;
    }
    status.className = 'status';
    fill(status);
    render(view);
  };
  const fail = (e: unknown) => {
    status.className = 'status error';
    fill(status, e instanceof RpcError ? e.message : `Something went wrong in the sidebar: ${(e as Error)?.message ?? String(e)}`);
  };
  api.getAccounts().then(show, fail);
  button.addEventListener('click', () => {
    button.disabled = true;
    status.className = 'status progress';
    fill(status, 'Scoring accounts…');
    api
      .scoreAccountsNow()
      .then(show, fail)
      .finally(() => {
        button.disabled = false;
      });
  });
}
