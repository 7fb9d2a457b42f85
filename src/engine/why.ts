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

/**
 * The plain-language why: contributing rules, largest magnitude first, e.g.
 * `+15 Title contains VP · +12 Pricing visits ×3 (decayed from 17.5, 21 d) · −10 free email`.
 * Contributions that round to 0 points (long decayed, expired) are left out here; the sidebar's
 * Explain lists them.
 */
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

export function formatWhy(lead: LeadScore, settings: Settings, warning: string[]): string {
  const parts: string[] = [];
  if (lead.disqualifiedBy.length) parts.push(`Disqualified: ${lead.disqualifiedBy.join(', ')}`);
  // Largest first; the lead owns its contributions, so sort them in place (no copies per lead).
  sortByMagnitude(lead.contributions);
  for (const c of lead.contributions) {
    if (roundPoints(c.points) !== 0) parts.push(`${signedPoints(c.points)} ${c.label}${contributionDetail(c)}`);
  }
  if (settings.maxFit !== null && lead.fitUncapped > settings.maxFit) {
    parts.push(`Fit capped at ${formatNumber(settings.maxFit)} (from ${formatNumber(lead.fitUncapped)})`);
  }
  if (settings.maxBehaviour !== null && lead.behaviourUncapped > settings.maxBehaviour) {
    parts.push(`Behaviour capped at ${formatNumber(settings.maxBehaviour)} (from ${formatNumber(lead.behaviourUncapped)})`);
  }
  if (parts.length === 0) parts.push('No rule applies');
  for (const issue of lead.issues) parts.push(`⚠ ${issue}`);
  for (const w of warning) parts.push(w);
  return parts.join(SEPARATOR);
}
