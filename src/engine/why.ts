import type { Contribution, LeadScore, Settings } from './types';
import { formatNumber, roundPoints } from './text';

const MINUS = '−'; // U+2212: reads as a minus and, unlike '-', never starts a formula.
const SEPARATOR = ' · ';

export function signedPoints(n: number): string {
  const r = roundPoints(n);
  return r < 0 ? `${MINUS}${-r}` : `+${r}`;
}

/** The bracket after a contribution: caps, decay, expiry, missing date. */
export function contributionDetail(c: Contribution): string {
  // Built without an array: this runs for every contribution of every lead.
  const capped = c.capped ? `capped at ${formatNumber(Math.abs(c.base))}` : '';
  let age = '';
  if (c.expired) age = `expired, ${c.ageDays} d`;
  else if (c.noDate) age = 'no date, not decayed';
  else if (c.ageDays !== null && c.halfLifeDays !== null && c.ageDays > 0) age = `decayed from ${formatNumber(Math.abs(c.base))}, ${c.ageDays} d`;
  return capped && age ? ` (${capped}, ${age})` : capped || age ? ` (${capped || age})` : '';
}

function byMagnitude(a: Contribution, b: Contribution): number {
  return Math.abs(b.points) - Math.abs(a.points) || a.ruleRow - b.ruleRow;
}

/** Insertion sort: a lead has a handful of contributions, where this beats Array.prototype.sort. */
function sortByMagnitude(list: Contribution[]): void {
  for (let i = 1; i < list.length; i++) {
    const item = list[i];
    let j = i - 1;
    while (j >= 0 && byMagnitude(list[j], item) > 0) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = item;
  }
}

/** One contribution as Why shows it ("+12 Pricing visits ×3 (decayed from 17.5, 21 d)"); '' when it rounds to 0. */
export function whyPart(c: Contribution): string {
  return roundPoints(c.points) === 0 ? '' : `${signedPoints(c.points)} ${c.label}${contributionDetail(c)}`;
}

/**
 * The plain-language why: contributing rules, largest magnitude first, e.g.
 * `+15 Title contains VP · +12 Pricing visits ×3 (decayed from 17.5, 21 d) · −10 free email`.
 * Contributions that round to 0 points (long decayed, expired) are left out here; the sidebar's
 * Explain lists them.
 * `partOf` lets bulk scoring reuse the text of contributions many leads share (same rule, label and age).
 */
export function formatWhy(lead: LeadScore, settings: Settings, warning: string[], partOf: (c: Contribution) => string = whyPart): string {
  // Joined by hand: Array.prototype.join was a fifth of bulk scoring time.
  let why = '';
  const add = (part: string) => { why = why === '' ? part : why + SEPARATOR + part; };
  if (lead.disqualifiedBy.length) add(`Disqualified: ${lead.disqualifiedBy.join(', ')}`);
  // Largest first; the lead owns its contributions, so sort them in place (no copies per lead).
  sortByMagnitude(lead.contributions);
  for (const c of lead.contributions) {
    const part = partOf(c);
    if (part !== '') add(part);
  }
  if (settings.maxFit !== null && lead.fitUncapped > settings.maxFit) {
    add(`Fit capped at ${formatNumber(settings.maxFit)} (from ${formatNumber(lead.fitUncapped)})`);
  }
  if (settings.maxBehaviour !== null && lead.behaviourUncapped > settings.maxBehaviour) {
    add(`Behaviour capped at ${formatNumber(settings.maxBehaviour)} (from ${formatNumber(lead.behaviourUncapped)})`);
  }
  if (why === '') why = 'No rule applies';
  for (const issue of lead.issues) add(`⚠ ${issue}`);
  for (const w of warning) add(w);
  return why;
}
