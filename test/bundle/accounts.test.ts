import { describe, expect, it } from 'vitest';
import { createHost, createSheet, createWorkbook, evaluateAddonFormulas, type CellValue } from '../../local/index';
import { ACCOUNT_HEADERS } from '../../src/engine';
import { H, day, lead, sheetOf, setSetting, snapshot } from '../helpers/workbook';

/**
 * README "Accounts", end to end through the bundle: Score accounts writes the Accounts tab and
 * nothing else; LEADSCORE_ACCOUNT gives the same roll-up in cells. Starter rules as of 2026-11-20.
 */
const LEADS: CellValue[][] = [
  // Fit: size 120 → 15, VP → 12, SaaS → 10. Behaviour: demo today 30 (half-life 30 → 30), active today 5. 72.
  lead({
    Name: 'Ann',
    Email: 'ann@acme.com',
    Company: 'Acme',
    Title: 'VP Sales',
    'Company size': 120,
    Industry: 'SaaS',
    'Demo requested': day('2026-11-20'),
    'Last activity': day('2026-11-20'),
  }),
  // Fit 15 + 10 = 25; no behaviour. 25.
  lead({ Name: 'Bob', Email: 'bob@acme.com', Company: ' ACME ', Title: 'Engineer', 'Company size': 120, Industry: 'SaaS' }),
  // Fit 12 (VP); company from the email domain beta.io. 12.
  lead({ Name: 'Eve', Email: 'eve@beta.io', Title: 'VP Ops' }),
  // Free email, no company: no account. VP 12 − 10 free email = 2.
  lead({ Name: 'Fay', Email: 'fay@gmail.com', Title: 'VP' }),
  // An account named like a formula: stays text.
  lead({ Name: 'Gil', Email: 'gil@evil.example', Company: '=1+1', Title: 'Engineer' }),
];

function workbook() {
  const wb = createWorkbook([createSheet('Leads', [[...H], ...LEADS])], { timeZone: 'UTC' });
  const host = createHost(wb);
  host.run('setUpScoring');
  setSetting(wb, 'As-of date', day('2026-11-20'));
  setSetting(wb, 'Account column', 'Company');
  setSetting(wb, 'Account from email domain', 'yes');
  return { wb, host };
}

describe('Score accounts through the bundle', () => {
  it('writes the Accounts tab (hand-computed), touches no other tab, rewrites it on the next run', () => {
    const { wb, host } = workbook();
    host.run('scoreLeads');
    const before = wb.sheets.map((s) => [s.name, snapshot(s)]);
    host.run('onOpen');
    expect(host.ui.menus.at(-1)!.items.map((i) => i.caption)).toContain('Score accounts');
    host.clickMenuItem('Score accounts');
    const tab = sheetOf(wb, 'Accounts');
    expect(tab.values[0]).toEqual([...ACCOUNT_HEADERS]);
    expect(tab.values.slice(1).filter((r) => r[0] !== '')).toEqual([
      // best of 72 and 25; top 3 sum 97; Ann engaged (behaviour today, within 30 days), Bob not.
      [
        'Acme',
        2,
        1,
        72,
        97,
        72,
        'Hot',
        // Ties (+30 each) by name.
        'Company size 50–1000: 2 contacts, +30 · Demo requested: 1 contact, +30 · Industry is SaaS: 2 contacts, +20',
      ],
      ['beta.io', 1, 0, 12, 12, 12, 'Cold', 'Title contains VP: 1 contact, +12'],
      ['=1+1', 1, 0, 0, 0, 0, 'Cold', ''],
    ]);
    // The account column is plain text, so '=1+1' is not a formula.
    expect(tab.formulas.size).toBe(0);
    expect(host.ui.toasts.at(-1)!.message).toBe(
      'Scored 3 accounts from 5 leads (account score: best). 1 lead has no account (1 with a free-email address). See the Accounts tab.',
    );
    // No other tab touched (the Leads colours stay per lead).
    expect(wb.sheets.filter((s) => s.name !== 'Accounts').map((s) => [s.name, snapshot(s)])).toEqual(before);

    // Rewritten: with top 3 average and Acme's second contact gone, no stale row is left.
    setSetting(wb, 'Account score', 'top 3 average');
    sheetOf(wb, 'Leads').values[2][2] = '';
    sheetOf(wb, 'Leads').values[2][1] = 'bob@gmail.com';
    host.run('scoreAccounts');
    expect(
      sheetOf(wb, 'Accounts')
        .values.slice(1)
        .filter((r) => r[0] !== '')
        .map((r) => [r[0], r[1], r[5]]),
    ).toEqual([
      ['Acme', 1, 72],
      ['beta.io', 1, 12],
      ['=1+1', 1, 0],
    ]);
  });

  it('a missing account setting is an alert naming the setting; nothing is written', () => {
    const wb = createWorkbook([createSheet('Leads', [[...H], ...LEADS])], { timeZone: 'UTC' });
    const host = createHost(wb);
    host.run('setUpScoring');
    host.run('scoreAccounts');
    expect(host.ui.alerts.at(-1)!.prompt).toBe(
      'Settings name no account: set Account column (e.g. Company), or Account from email domain to yes.',
    );
    expect(wb.sheets.some((s) => s.name === 'Accounts')).toBe(false);
  });

  it('LEADSCORE_ACCOUNT gives each row its account score by the same roll-up, per method', () => {
    const wb = createWorkbook(
      [
        createSheet('Data', [
          ['Acme', 72],
          [' acme', 25],
          ['Beta', 12],
          ['', 40],
          ['ACME', 10],
          ['Beta', ''],
        ]),
      ],
      { timeZone: 'UTC' },
    );
    const host = createHost(wb);
    host.run('setUpScoring');
    const f = sheetOf(wb, 'Data');
    f.formulas.set('1,3', '=LEADSCORE_ACCOUNT(A1:A6, B1:B6)');
    f.formulas.set('1,4', '=LEADSCORE_ACCOUNT(A1:A6, B1:B6, "top 3 average")');
    f.formulas.set('1,5', '=LEADSCORE_ACCOUNT(A1:A6, B1:B6, "sum capped at Max score")');
    expect(evaluateAddonFormulas(wb, host).errors).toBe(0);
    // Acme: 72, 25, 10 → best 72; average 107/3 = 35.67 → 36; sum 107 → capped at 100. Beta: 12 alone.
    // Blank account or blank score: blank.
    expect(f.values.map((r) => r.slice(2, 5))).toEqual([
      [72, 36, 100],
      [72, 36, 100],
      [12, 12, 12],
      ['', '', ''],
      [72, 36, 100],
      ['', '', ''],
    ]);
  });
});
