/**
 * Outcomes (README "Does the score work?"): what the Outcome column says about each lead. Won,
 * lost, open (blank: not decided yet, left out of the backtest) or other (anything else: counted,
 * reported with examples, and treated as open). Words are matched like headers (case-, space- and
 * punctuation-insensitive), so "Closed won", "closed_won" and "CLOSED-WON" are all won.
 */
import type { Cell } from './types';
import { isBlank, normalizeKey } from './text';

export type Outcome = 'won' | 'lost' | 'open' | 'other';

export const WON_WORDS = ['won', 'closed won', 'yes', 'y', 'true', '1', 'converted', 'customer'] as const;
export const LOST_WORDS = ['lost', 'closed lost', 'no', 'n', 'false', '0'] as const;

const WON = new Set<string>(WON_WORDS.map(normalizeKey));
const LOST = new Set<string>(LOST_WORDS.map(normalizeKey));

/** One Outcome cell: a ticked box (true) is won, an unticked one (false) lost; 1 and 0 likewise. */
export function readOutcome(v: Cell): Outcome {
  if (v === true) return 'won';
  if (v === false) return 'lost';
  if (typeof v === 'number') return v === 1 ? 'won' : v === 0 ? 'lost' : 'other';
  if (isBlank(v)) return 'open';
  if (typeof v !== 'string') return 'other';
  const key = normalizeKey(v);
  return WON.has(key) ? 'won' : LOST.has(key) ? 'lost' : 'other';
}

export interface OutcomeSummary {
  /** One per data row; 'open' for a blank row too. */
  outcomes: Outcome[];
  won: number;
  lost: number;
  open: number;
  other: number;
  /** The values read as "other", most frequent first (at most 5), with how many leads hold each. */
  otherValues: Array<{ value: string; count: number }>;
}

/** Reads a whole Outcome column (0-based `column`) of the Leads rows; blank rows are open. */
export function parseOutcomes(rows: Cell[][], column: number): OutcomeSummary {
  const outcomes: Outcome[] = new Array(rows.length);
  const counts = { won: 0, lost: 0, open: 0, other: 0 };
  const others = new Map<string, number>();
  rows.forEach((row, i) => {
    const v = row[column];
    const o = readOutcome(v);
    outcomes[i] = o;
    counts[o]++;
    if (o === 'other') {
      const text = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
      others.set(text, (others.get(text) ?? 0) + 1);
    }
  });
  const otherValues = [...others.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([value, count]) => ({ value, count }));
  return { outcomes, ...counts, otherValues };
}
