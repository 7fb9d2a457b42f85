/**
 * Tabs the add-on writes whole (Backtest, Rules (suggested), Accounts) are cleared only when the
 * add-on made them (README "Decisions where the design is silent"): a user's own tab of that name
 * is left exactly as it is, the run says so and writes nothing; the add-on's own tab is rewritten;
 * a tab an earlier version wrote (no record yet) is recognised by its first cell and adopted.
 */
import { describe, expect, it } from 'vitest';
import { createHost, createSheet, createWorkbook } from '../../local/index';
import { H, day, lead, sheetOf, setSetting, snapshot } from '../helpers/workbook';

function workbook(extra: ReturnType<typeof createSheet>[] = []) {
  const leads = [
    [...lead({ Name: 'Ann', Email: 'ann@acme.com', Company: 'Acme', Title: 'VP Sales', 'Company size': 120, Industry: 'SaaS' }), 'won'],
    [...lead({ Name: 'Bob', Email: 'bob@beta.io', Company: 'Beta', Title: 'Engineer' }), 'lost'],
  ];
  const wb = createWorkbook([createSheet('Leads', [[...H, 'Status'], ...leads]), ...extra], { timeZone: 'UTC' });
  const host = createHost(wb);
  host.run('setUpScoring');
  setSetting(wb, 'As-of date', day('2026-11-20'));
  setSetting(wb, 'Account column', 'Company');
  return { wb, host };
}

const REFUSED = (name: string) =>
  `A tab named '${name}' is already in this spreadsheet and Lead scoring did not make it, so it was left as it is and nothing was written. Rename that tab, then run this again: Lead scoring makes its own '${name}' tab.`;

describe("the add-on's own tabs", () => {
  it("a user's own Accounts tab (a CRM list) is never cleared: Score accounts refuses in words, the sidebar shows no top accounts", () => {
    const crm = createSheet('Accounts', [
      ['Account', 'Owner', 'ARR'],
      ['Acme', 'Jo', 120000],
    ]);
    const { wb, host } = workbook([crm]);
    const before = snapshot(crm);
    host.run('onOpen');
    host.clickMenuItem('Score accounts');
    expect(host.ui.alerts.at(-1)!.prompt).toBe(REFUSED('Accounts'));
    expect(snapshot(sheetOf(wb, 'Accounts'))).toBe(before);
    expect(host.run('scoreAccountsNow')).toEqual({ ok: false, error: REFUSED('Accounts') });
    expect(host.run('getAccounts')).toMatchObject({ ok: true, scored: false, top: [] });
    expect(snapshot(sheetOf(wb, 'Accounts'))).toBe(before);
  });

  it('the Accounts tab the add-on made is rewritten; renamed away, a new one is made', () => {
    const { wb, host } = workbook();
    expect(host.run('scoreAccountsNow')).toMatchObject({ ok: true, accounts: 2 });
    expect(host.run('scoreAccountsNow')).toMatchObject({ ok: true, accounts: 2 });
    sheetOf(wb, 'Accounts').name = 'Accounts (old)';
    expect(host.run('scoreAccountsNow')).toMatchObject({ ok: true, accounts: 2 });
    expect(sheetOf(wb, 'Accounts').values[0][0]).toBe('Account');
    expect(host.run('getAccounts')).toMatchObject({ ok: true, scored: true, accounts: 2 });
    // No record (a copy of the spreadsheet, or another host on it): the tab is known by its header row.
    const other = createHost(wb);
    expect(other.run('getAccounts')).toMatchObject({ ok: true, scored: true, accounts: 2 });
    expect(other.run('scoreAccountsNow')).toMatchObject({ ok: true, accounts: 2 });
  });

  it("a Backtest tab an earlier version wrote is adopted; a user's own Backtest tab is refused", () => {
    const earlier = createSheet('Backtest', [['Backtest: does the score work?'], ['old figures']]);
    const a = workbook([earlier]);
    setSetting(a.wb, 'Outcome column', 'Status');
    a.host.run('onOpen');
    a.host.clickMenuItem('Backtest against outcomes');
    expect(a.host.ui.alerts).toEqual([]);
    expect(sheetOf(a.wb, 'Backtest').values[1][0]).not.toBe('old figures');

    const mine = createSheet('Backtest', [['My notes on the last quarter']]);
    const b = workbook([mine]);
    setSetting(b.wb, 'Outcome column', 'Status');
    const before = snapshot(mine);
    b.host.run('onOpen');
    b.host.clickMenuItem('Backtest against outcomes');
    expect(b.host.ui.alerts.at(-1)!.prompt).toBe(REFUSED('Backtest'));
    expect(snapshot(sheetOf(b.wb, 'Backtest'))).toBe(before);
  });
});
