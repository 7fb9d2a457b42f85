import { describe, it, expect } from 'vitest';
import { rulesGrid, settingsGrid, daysAgo, run } from './helpers';
import { accountOf, accountScore, accountsOfLeads, accountsSummary, type AccountsRun, type Cell } from '../../src/engine';

/** README "Accounts": contacts rolled up per company. Every figure below is worked out by hand. */
const HEADERS = ['Name', 'Email', 'Company', 'Title', 'Demo date'];
const LEADS: Cell[][] = [
  ['Ann', 'ann@acme.com', 'Acme', 'VP Sales', daysAgo(5)], //   40 + 30 = 70, engaged (demo 5 d ≤ 30)
  ['Bob', 'bob@acme.com', ' acme ', 'Engineer', daysAgo(60)], // 30, not engaged (60 d > 30)
  ['Cy', 'cy@acme.com', 'ACME', 'VP Ops', ''], //              40, no behaviour
  ['Dee', 'dee@acme.com', 'Acme', 'Engineer', ''], //           0
  ['Eve', 'eve@beta.io', '', 'VP', ''], //                      40; account beta.io from the email domain
  ['Fay', 'Fay <fay@gmail.com>', '', 'VP', daysAgo(1)], //      70; free email: no account
  ['Gus', 'gus@initech.com', 'Initech', 'Student', ''], //      disqualified: 0
];
const RULES = rulesGrid(
  { category: 'Fit', field: 'Title', operator: 'contains', value: 'VP', points: 40 },
  { category: 'Behaviour', field: 'Demo date', operator: 'is not empty', points: 30, dateField: 'Demo date' },
  { category: 'Disqualify', field: 'Title', operator: 'contains', value: 'Student' },
);

function accounts(...pairs: Array<[string, Cell]>): AccountsRun {
  const settings = settingsGrid(['Account column', 'Company'], ...pairs);
  const r = run(RULES, HEADERS, LEADS, { settings });
  const out = accountsOfLeads(HEADERS, LEADS, r.leads, r.settings);
  if ('error' in out) throw new Error(out.error);
  return out;
}

describe('accounts roll-up', () => {
  it('best: the highest contact score; names grouped trimmed and case-insensitively; free-email domains left out', () => {
    const a = accounts(['Account from email domain', 'yes'], ['Account score', 'best']);
    expect(a.accounts).toEqual([
      {
        account: 'Acme',
        contacts: 4,
        engaged: 1,
        best: 70,
        top3Sum: 140, // 70 + 40 + 30
        score: 70,
        bucket: 'Hot',
        // VP: Ann 40 + Cy 40; Demo date: Ann 30 + Bob 30.
        reasons: 'Title contains VP: 2 contacts, +80 · Demo date: 2 contacts, +60',
      },
      {
        account: 'beta.io',
        contacts: 1,
        engaged: 0,
        best: 40,
        top3Sum: 40,
        score: 40,
        bucket: 'Warm',
        reasons: 'Title contains VP: 1 contact, +40',
      },
      { account: 'Initech', contacts: 1, engaged: 0, best: 0, top3Sum: 0, score: 0, bucket: 'Disqualified', reasons: '' },
    ]);
    expect([a.leads, a.noAccount, a.freeEmail]).toEqual([7, 1, 1]);
    expect(accountsSummary(a)).toBe(
      'Scored 3 accounts from 7 leads (account score: best). 1 lead has no account (1 with a free-email address).',
    );
  });

  it('top 3 average and sum capped at Max score', () => {
    // Acme: (70 + 40 + 30) / 3 = 46.67 → 47 (Warm); sum 70 + 30 + 40 + 0 = 140, capped at 100 (Hot).
    expect(accounts(['Account score', 'top 3 average']).accounts[0]).toMatchObject({ account: 'Acme', score: 47, bucket: 'Warm' });
    expect(accounts(['Account score', 'sum capped at Max score']).accounts[0]).toMatchObject({
      account: 'Acme',
      score: 100,
      bucket: 'Hot',
    });
    // Without Account from email domain: Eve and Fay have no account (blank Company), none for a free email.
    const a = accounts(['Account score', 'best']);
    expect(a.accounts.map((x) => x.account)).toEqual(['Acme', 'Initech']);
    expect([a.noAccount, a.freeEmail]).toEqual([2, 0]);
  });

  it('accountScore and accountOf by themselves', () => {
    expect(accountScore([10, 50], 'top 3 average', 100)).toBe(30); // fewer than three: the mean of those there are
    expect(accountScore([60, 50, 40, 30], 'sum capped at Max score', 150)).toBe(150);
    expect(accountScore([], 'best', 100)).toBe(0);
    expect(accountOf('', ' Ann@Northwind.IO ', true)).toEqual({ account: 'northwind.io' });
    expect(accountOf('', 'ann@yahoo.co.uk', true)).toEqual({ account: null, why: 'free email' });
    expect(accountOf('Northwind', 'ann@gmail.com', true)).toEqual({ account: 'Northwind' });
    expect(accountOf('', 'not an email', true)).toEqual({ account: null, why: 'blank' });
  });

  it('a missing column or setting is a sentence naming the setting', () => {
    const r = run(RULES, HEADERS, LEADS, { settings: settingsGrid(['Account column', 'Firm']) });
    expect(accountsOfLeads(HEADERS, LEADS, r.leads, r.settings)).toEqual({
      error: "Account column 'Firm' (Settings) is not a Leads column.",
    });
    const none = run(RULES, HEADERS, LEADS);
    expect(accountsOfLeads(HEADERS, LEADS, none.leads, none.settings)).toEqual({
      error: 'Settings name no account: set Account column (e.g. Company), or Account from email domain to yes.',
    });
  });
});
