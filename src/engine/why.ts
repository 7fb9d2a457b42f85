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
  const parts: string[] = [];
  if (c.capped) parts.push(`capped at ${formatNumber(Math.abs(c.base))}`);
  if (c.expired) parts.push(`expired, ${c.ageDays} d`);
  else if (c.noDate) parts.push('no date, not decayed');
  else if (c.ageDays !== null && c.halfLifeDays !== null && c.ageDays > 0) {
    parts.push(`decayed from ${formatNumber(Math.abs(c.base))}, ${c.ageDays} d`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * The plain-language why: contributing rules, largest magnitude first, e.g.
 * `+15 Title contains VP · +12 Pricing visits ×3 (decayed from 17.5, 21 d) · −10 free email`.
 * Contributions that round to 0 points (long decayed, expired) are left out here; the sidebar's
 * Explain lists them.
 */
export function formatWhy(lead: LeadScore, settings: Settings, warning: string[]): string {
  const parts: string[] = [];
  if (lead.disqualifiedBy.length) parts.push(`Disqualified: ${lead.disqualifiedBy.join(', ')}`);
  const shown = lead.contributions
    .filter((c) => roundPoints(c.points) !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleRow - b.ruleRow);
  for (const c of shown) parts.push(`${signedPoints(c.points)} ${c.label}${contributionDetail(c)}`);
  if (settings.maxFit !== null && lead.fitUncapped > settings.maxFit) {
    parts.push(`Fit capped at ${formatNumber(settings.maxFit)} (from ${formatNumber(lead.fitUncapped)})`);
  }
  if (settings.maxBehaviour !== null && lead.behaviourUncapped > settings.maxBehaviour) {
    parts.push(`Behaviour capped at ${formatNumber(settings.maxBehaviour)} (from ${formatNumber(lead.behaviourUncapped)})`);
  }
  if (parts.length === 0) parts.push('No rule applies');
  for (const issue of lead.issues) parts.push(`⚠ ${issue}`);
  parts.push(...warning);
  return parts.join(SEPARATOR);
}
