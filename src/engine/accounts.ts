/**
 * Accounts (README "Accounts"): the contacts of one company rolled up into one account score.
 * Pure: the scored leads and their account names in, one row per account out. Score accounts, the
 * sidebar's top accounts and LEADSCORE_ACCOUNT all call `rollUpAccounts`.
 */
import type { AccountScoreMethod, Bucket, Cell, LeadScore, Settings } from './types';
import { isBlank, isErrorValue, roundPoints } from './text';
import { emailAddress, isFreeEmail } from './freeEmail';
import { bucketFor } from './score';
import { indexHeaders } from './columns';

/** The Accounts tab's columns. */
export const ACCOUNT_HEADERS = [
  'Account',
  'Contacts',
  'Engaged contacts',
  'Best contact score',
  'Top 3 sum',
  'Account score',
  'Account bucket',
  'Top reasons',
] as const;

/** A lead's account: a name, or why it has none. */
export type AccountOf = { account: string } | { account: null; why: 'blank' | 'free email' };

/**
 * The account of one lead: the Account column's text (trimmed) when there is one; else, with
 * `Account from email domain`, the domain of the Lead key column's email, lower case, unless it is
 * a free-email provider (gmail.com, yahoo.*, … : a person, not a company).
 */
export function accountOf(accountCell: Cell, emailCell: Cell, fromDomain: boolean): AccountOf {
  if (!isBlank(accountCell) && !isErrorValue(accountCell)) {
    const name = String(accountCell).trim();
    if (name !== '') return { account: name };
  }
  if (!fromDomain || typeof emailCell !== 'string') return { account: null, why: 'blank' };
  const address = emailAddress(emailCell);
  const at = address.lastIndexOf('@');
  const domain =
    at >= 0
      ? address
          .slice(at + 1)
          .trim()
          .toLowerCase()
      : '';
  if (domain === '' || !domain.includes('.')) return { account: null, why: 'blank' };
  if (isFreeEmail(address)) return { account: null, why: 'free email' };
  return { account: domain };
}

/**
 * Engaged (README "Accounts"): the lead has a Behaviour contribution above 0 points whose signal is
 * at most `days` old: the Date field's age for a Leads-column rule, the newest counted event's
 * age for an Activity rule. Behaviour without a date (no Date field, or a blank date cell) can't
 * say when it happened, so it does not make a contact engaged. Needs the lead's contributions.
 */
export function isEngaged(lead: Pick<LeadScore, 'contributions'>, days: number): boolean {
  for (const c of lead.contributions) {
    if (c.category !== 'Behaviour' || !(c.points > 0) || c.noDate || c.expired) continue;
    const age = c.activity ? c.activity.latestDays : c.ageDays;
    if (age !== null && age >= 0 && age <= days) return true;
  }
  return false;
}

/** One contact as the roll-up sees it. */
export interface Contact {
  account: string;
  score: number;
  bucket: Bucket;
  engaged: boolean;
  /** Positive contributions: a stable label (no counts or ages) and points. */
  reasons: Array<{ label: string; points: number }>;
}

export interface AccountRow {
  account: string;
  contacts: number;
  engaged: number;
  best: number;
  top3Sum: number;
  score: number;
  bucket: Bucket;
  /** `Pricing page: 4 contacts, +38 · …`, the three rules giving the most points across contacts. */
  reasons: string;
}

/** The label of a contribution without its count, events or ages: `Pricing page ×3 in 30 d` → `Pricing page`. */
export function reasonLabel(label: string): string {
  const i = label.indexOf(' ×');
  return i > 0 ? label.slice(0, i) : label;
}

/** A contact from a scored lead (its positive contributions become reasons). */
export function contactOf(account: string, lead: LeadScore, engagedDays: number): Contact {
  return {
    account,
    score: lead.score,
    bucket: lead.bucket,
    engaged: isEngaged(lead, engagedDays),
    reasons: lead.contributions.filter((c) => c.points > 0).map((c) => ({ label: reasonLabel(c.label), points: c.points })),
  };
}

/**
 * The account score from its contacts' scores (README "Accounts"): `best` = the highest;
 * `top 3 average` = the mean of the three highest (of all of them when there are fewer than three),
 * rounded half up; `sum capped at Max score` = all contacts' scores added, at most Max score.
 * A disqualified contact counts as a contact with score 0.
 */
export function accountScore(scores: number[], method: AccountScoreMethod, maxScore: number): number {
  if (scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => b - a);
  if (method === 'best') return sorted[0];
  if (method === 'top 3 average') {
    const top = sorted.slice(0, 3);
    return roundPoints(top.reduce((a, b) => a + b, 0) / top.length);
  }
  return Math.min(
    sorted.reduce((a, b) => a + b, 0),
    maxScore,
  );
}

/**
 * Contacts grouped by account (names compared trimmed and case-insensitively; the first spelling
 * is shown), one row each, best account first (ties: more engaged contacts, then name). The
 * account bucket uses the same Hot at / Warm at as leads; an account whose contacts are all
 * disqualified is Disqualified.
 */
export function rollUpAccounts(
  contacts: Contact[],
  settings: Pick<Settings, 'hotAt' | 'warmAt' | 'maxScore'>,
  method: AccountScoreMethod,
): AccountRow[] {
  const groups = new Map<string, Contact[]>();
  for (const c of contacts) {
    const key = c.account.trim().toLowerCase();
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const rows: AccountRow[] = [];
  for (const group of groups.values()) {
    const scores = group.map((c) => c.score).sort((a, b) => b - a);
    const score = accountScore(scores, method, settings.maxScore);
    const reasons = new Map<string, { contacts: number; points: number }>();
    for (const c of group) {
      const seen = new Set<string>();
      for (const r of c.reasons) {
        const entry = reasons.get(r.label) ?? { contacts: 0, points: 0 };
        entry.points += r.points;
        if (!seen.has(r.label)) entry.contacts++;
        seen.add(r.label);
        reasons.set(r.label, entry);
      }
    }
    const top = [...reasons.entries()]
      .sort((a, b) => b[1].points - a[1].points || a[0].localeCompare(b[0]))
      .slice(0, 3)
      .map(([label, r]) => `${label}: ${r.contacts} contact${r.contacts > 1 ? 's' : ''}, +${roundPoints(r.points)}`);
    rows.push({
      account: group[0].account.trim(),
      contacts: group.length,
      engaged: group.filter((c) => c.engaged).length,
      best: scores[0],
      top3Sum: scores.slice(0, 3).reduce((a, b) => a + b, 0),
      score,
      bucket: group.every((c) => c.bucket === 'Disqualified') ? 'Disqualified' : bucketFor(score, settings as Settings),
      reasons: top.join(' · '),
    });
  }
  return rows.sort((a, b) => b.score - a.score || b.engaged - a.engaged || a.account.localeCompare(b.account));
}

/** An account row as the Accounts tab holds it, in ACCOUNT_HEADERS order. */
export function accountRowCells(r: AccountRow): Cell[] {
  return [r.account, r.contacts, r.engaged, r.best, r.top3Sum, r.score, r.bucket, r.reasons];
}

export interface AccountsRun {
  accounts: AccountRow[];
  /** Leads scored, leads with no account (blank), and those left out for a free-email domain. */
  leads: number;
  noAccount: number;
  freeEmail: number;
  method: AccountScoreMethod;
}

/**
 * From scored Leads rows to accounts: finds the Account column and the Lead key column in the
 * header row (as Leads headers are matched), takes each lead's account (accountOf) and rolls them
 * up. Throws nothing: a missing column comes back as `error`, a sentence naming the setting.
 */
export function accountsOfLeads(
  headers: Cell[],
  rows: Cell[][],
  leads: Array<LeadScore | null>,
  settings: Settings,
): AccountsRun | { error: string } {
  const index = indexHeaders(headers);
  const accountCol = settings.accountColumn ? index.find(settings.accountColumn) : -1;
  const keyCol = index.find(settings.leadKeyColumn);
  if (!settings.accountColumn && !settings.accountFromEmailDomain)
    return {
      error: 'Settings name no account: set Account column (e.g. Company), or Account from email domain to yes.',
    };
  if (settings.accountColumn && accountCol < 0)
    return { error: `Account column '${settings.accountColumn}' (Settings) is not a Leads column.` };
  if (settings.accountFromEmailDomain && keyCol < 0)
    return {
      error: `Account from email domain reads the Lead key column '${settings.leadKeyColumn}' (Settings), which is not a Leads column.`,
    };
  const contacts: Contact[] = [];
  let scored = 0;
  let noAccount = 0;
  let freeEmail = 0;
  leads.forEach((lead, i) => {
    if (!lead) return;
    scored++;
    const a = accountOf(accountCol >= 0 ? rows[i][accountCol] : '', keyCol >= 0 ? rows[i][keyCol] : '', settings.accountFromEmailDomain);
    if (a.account === null) {
      noAccount++;
      if (a.why === 'free email') freeEmail++;
      return;
    }
    contacts.push(contactOf(a.account, lead, settings.engagedDays));
  });
  return {
    accounts: rollUpAccounts(contacts, settings, settings.accountScore),
    leads: scored,
    noAccount,
    freeEmail,
    method: settings.accountScore,
  };
}

/** The roll-up in one sentence (Score accounts' toast, the sidebar, the CLI). */
export function accountsSummary(run: AccountsRun): string {
  const none =
    run.noAccount === 0
      ? ''
      : ` ${run.noAccount} lead${run.noAccount > 1 ? 's have' : ' has'} no account${run.freeEmail > 0 ? ` (${run.freeEmail} with a free-email address)` : ''}.`;
  return `Scored ${run.accounts.length} account${run.accounts.length === 1 ? '' : 's'} from ${run.leads} leads (account score: ${run.method}).${none}`;
}
