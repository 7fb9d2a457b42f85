import type { Cell, LeadScore, ResultName } from '../engine';

/**
 * The Leads tab's output columns, in the order Score leads appends them (README "What the add-on
 * does"): what each shows, and which must be plain text. Layout belongs to the tab, not the engine.
 */
export const OUTPUT_COLUMNS = [
  { name: 'Fit', value: (l: LeadScore) => l.fit },
  { name: 'Behaviour', value: (l: LeadScore) => l.behaviour },
  { name: 'Negative', value: (l: LeadScore) => l.negative },
  { name: 'Score', value: (l: LeadScore) => l.score },
  // Plain text: a Why starting with '+' (or lead text starting with '=') must never become a formula.
  { name: 'Bucket', value: (l: LeadScore) => l.bucket, plainText: true },
  { name: 'Grade', value: (l: LeadScore) => l.grade, plainText: true },
  { name: 'Why', value: (l: LeadScore) => l.why, plainText: true },
  { name: 'Scored at', value: null, format: 'yyyy-mm-dd hh:mm' },
  // The challenger's score (README "Challenger"): written only when the Challenger
  // rules setting names a rules tab; a column left from an earlier challenger is blanked.
  { name: 'Challenger score', value: null, challenger: true },
] as const satisfies ReadonlyArray<{
  name: ResultName | 'Challenger score';
  value: unknown;
  plainText?: boolean;
  format?: string;
  challenger?: boolean;
}>;

export type OutputName = (typeof OUTPUT_COLUMNS)[number]['name'];

export const OUTPUT_HEADERS: readonly OutputName[] = OUTPUT_COLUMNS.map((c) => c.name);

/** The output written only with a challenger (README "Challenger"). */
export const CHALLENGER_OUTPUT: OutputName = 'Challenger score';

/** The eight outputs every run writes (the previous version's block; README "What the add-on does"). */
export const BASE_OUTPUT_HEADERS: readonly OutputName[] = OUTPUT_HEADERS.filter((n) => n !== CHALLENGER_OUTPUT);

/** Position of an output in OUTPUT_COLUMNS (and so in an OutputPlan's columns), found by its name. */
export function outputIndex(name: OutputName): number {
  return OUTPUT_HEADERS.indexOf(name);
}

/** The outputs that come from the engine (everything but Scored at): what LEADSCORE_DETAILS spills. */
export const RESULT_COLUMNS = OUTPUT_COLUMNS.filter((c) => c.value !== null);

/**
 * One lead's output cells in OUTPUT_COLUMNS order (a blank row → blanks). Challenger score is the
 * challenger's score for the lead; blank without a challenger (undefined), or for a blank row.
 */
export function outputRow(lead: LeadScore | null, scoredAt: Date | string, challenger?: LeadScore | null): Cell[] {
  if (!lead) return OUTPUT_COLUMNS.map(() => '');
  return OUTPUT_COLUMNS.map((c) =>
    'challenger' in c ? (challenger ? challenger.score : '') : c.value === null ? scoredAt : c.value(lead),
  );
}

/** One lead's engine results in RESULT_COLUMNS order. */
export function resultRow(lead: LeadScore | null): Cell[] {
  return RESULT_COLUMNS.map((c) => (lead ? (c.value as (l: LeadScore) => Cell)(lead) : ''));
}
