import type { Contribution, LeadScore, Problem, Settings } from './types';
import { formatNumber, roundPoints } from './text';
import { activityDetail } from './activity';

const MINUS = '−'; // U+2212: reads as a minus and, unlike '-', never starts a formula.
const SEPARATOR = ' · ';

export function signedPoints(n: number): string {
  const r = roundPoints(n);
  return r < 0 ? `${MINUS}${-r}` : `+${r}`;
}

/** The bracket after a contribution: caps, decay, expiry, missing date. */
export function contributionDetail(c: Contribution): string {
  if (c.activity) return activityDetail(c);
  // Built without an array: this runs for every contribution of every lead.
  const capped = c.capped ? `capped at ${formatNumber(Math.abs(c.base))}` : '';
  let age = '';
  if (c.expired) age = `expired, ${c.ageDays} d`;
  else if (c.noDate) age = 'no date, not decayed';
  else if (c.ageDays !== null && c.halfLifeDays !== null && c.ageDays > 0)
    age = `decayed from ${formatNumber(Math.abs(c.base))}, ${c.ageDays} d`;
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

/** `Disqualified: …`, the first part of a disqualified lead's Why. */
export function disqualifiedPart(labels: string[]): string {
  return `Disqualified: ${labels.join(', ')}`;
}

/**
 * `base 20` (or `base −35`): the Base score, as the first part of a lead's Why (after nothing, since
 * the score starts from it; README "Decisions"); '' when it is 0. A
 * disqualified lead (score 0) does not show it.
 */
export function basePart(settings: Settings): string {
  const b = roundPoints(settings.baseScore);
  return b === 0 ? '' : `base ${b < 0 ? `${MINUS}${-b}` : b}`;
}

/** Appends a part to a Why ('' when there is none yet). */
export function joinPart(why: string, part: string): string {
  return why === '' ? part : why + SEPARATOR + part;
}

/**
 * The plain-language why: the Base score when not 0, then contributing rules, largest magnitude first, e.g.
 * `+15 Title contains VP · +12 Pricing visits ×3 (decayed from 17.5, 21 d) · −10 free email`.
 * Contributions that round to 0 points (long decayed, expired) are left out here; the sidebar's
 * Explain lists them.
 */
export function formatWhy(lead: LeadScore, settings: Settings, warning: string[], partOf: (c: Contribution) => string = whyPart): string {
  let why = lead.disqualifiedBy.length ? disqualifiedPart(lead.disqualifiedBy) : basePart(settings);
  // Largest first; the lead owns its contributions, so sort them in place (no copies per lead).
  sortByMagnitude(lead.contributions);
  for (const c of lead.contributions) {
    const part = partOf(c);
    if (part !== '') why = joinPart(why, part);
  }
  return finishWhy(why, lead, settings, warning);
}

/** True when Why says more after the contributions than `No rule applies` and the warnings: caps or the lead's issues. */
export function whyHasTail(lead: Pick<LeadScore, 'fitUncapped' | 'behaviourUncapped' | 'issues'>, settings: Settings): boolean {
  return (
    lead.issues.length > 0 ||
    (settings.maxFit !== null && lead.fitUncapped > settings.maxFit) ||
    (settings.maxBehaviour !== null && lead.behaviourUncapped > settings.maxBehaviour)
  );
}

/** The rest of Why after the disqualifier and contributions (`head`): category caps, `No rule applies`, issues, warnings. */
export function finishWhy(
  head: string,
  lead: Pick<LeadScore, 'fitUncapped' | 'behaviourUncapped' | 'issues'>,
  settings: Settings,
  warning: string[],
): string {
  let why = head;
  if (settings.maxFit !== null && lead.fitUncapped > settings.maxFit) {
    why = joinPart(why, `Fit capped at ${formatNumber(settings.maxFit)} (from ${formatNumber(lead.fitUncapped)})`);
  }
  if (settings.maxBehaviour !== null && lead.behaviourUncapped > settings.maxBehaviour) {
    why = joinPart(why, `Behaviour capped at ${formatNumber(settings.maxBehaviour)} (from ${formatNumber(lead.behaviourUncapped)})`);
  }
  if (why === '') why = 'No rule applies';
  for (const issue of lead.issues) why = joinPart(why, `⚠ ${issue}`);
  for (const w of warning) why = joinPart(why, w);
  return why;
}

/** The warnings every Why ends with while the Rules or Settings tab has problems (README "What the add-on does", Why). */
export function problemWarnings(problems: Problem[]): string[] {
  const skippedRows = [...new Set(problems.filter((p) => p.tab === 'Rules' && p.row > 0).map((p) => p.row))].sort((a, b) => a - b);
  const otherProblems = problems.filter((p) => !(p.tab === 'Rules' && p.row > 0)).length;
  return [
    skippedRows.length ? `⚠ Rules row${skippedRows.length > 1 ? 's' : ''} ${skippedRows.join(', ')} skipped (see Rules problems)` : '',
    otherProblems ? `⚠ ${otherProblems} setup problem${otherProblems > 1 ? 's' : ''} (see Score leads report)` : '',
  ].filter(Boolean);
}
