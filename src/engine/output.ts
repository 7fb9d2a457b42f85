import type { Cell } from './types';
import { spellingKey } from './text';

/**
 * The names of what scoring gives each lead (README "Scoring"). Where they go in a tab is the
 * Leads tab adapter's business; the engine only needs the names to tell a rule that names one of
 * them, when the Leads tab has no such column of the user's own, that it can't score on a result.
 */
export const RESULT_NAMES = ['Fit', 'Behaviour', 'Negative', 'Score', 'Bucket', 'Grade', 'Why', 'Scored at'] as const;
export type ResultName = (typeof RESULT_NAMES)[number];
const RESULT_KEYS = new Set(RESULT_NAMES.map(spellingKey));

/** A header named like a result ("Behavior" too). */
export function isResultName(name: Cell): boolean {
  return RESULT_KEYS.has(spellingKey(name));
}
