import type { Cell, LeadScore } from './types';
import { spellingKey } from './text';

/** The columns the add-on writes in the Leads tab, in order (README "What the add-on does"). */
export const OUTPUT_HEADERS = ['Fit', 'Behaviour', 'Negative', 'Score', 'Bucket', 'Grade', 'Why', 'Scored at'] as const;
const OUTPUT_KEYS = new Set(OUTPUT_HEADERS.map(spellingKey));

/** A header named like an output column ("Behavior" too): rules can't score on the add-on's own. */
export function isOutputHeader(name: Cell): boolean {
  return OUTPUT_KEYS.has(spellingKey(name));
}

/** The output cells of one lead, in OUTPUT_HEADERS order (blank row → blanks). */
export function outputRow(lead: LeadScore | null, scoredAt: Date | string): Cell[] {
  if (!lead) return OUTPUT_HEADERS.map(() => '');
  return [lead.fit, lead.behaviour, lead.negative, lead.score, lead.bucket, lead.grade, lead.why, scoredAt];
}
