/**
 * Payloads that cross `google.script.run`: plain JSON only (no Date, no functions), shared by the
 * server functions (src/sidebar-api) and the sidebar page (sidebar/).
 */
import type { Bucket, Category, Colours, Tab } from '../engine/types';
import type { BacktestResult } from '../engine/backtest';

/** The backtest's figures as the sidebar receives them (README "Does the score work?"), or why there are none. */
export type BacktestView = BacktestResult;

/** The page's types derive from the engine's: a bucket renamed there breaks the page's build. */
export type BucketName = Bucket;

export interface ProblemView {
  tab: Tab;
  row: number;
  column: string;
  columnIndex: number;
  message: string;
}

export interface ScoreReport {
  ok: boolean;
  /** Set when the run could not happen (no Rules tab, another run in progress …). */
  error?: string;
  counts: Record<BucketName, number>;
  leads: number;
  problems: ProblemView[];
  /** ISO date-time of the run, and the as-of day it used (YYYY-MM-DD). */
  scoredAt: string;
  asOf: string;
  ms: number;
}

export interface Overview {
  /** False until Score leads has run on this sheet. */
  scored: boolean;
  counts: Record<BucketName, number>;
  /** Leads per score band: [0–9, 10–19, …, 90–100] on a 100-point scale (bands of Max score / 10). */
  histogram: number[];
  maxScore: number;
  hotAt: number;
  warmAt: number;
  lastScoredAt: string | null;
  lastAsOf: string | null;
  problems: number;
  /** The bucket colours from the Settings tab (#rrggbb), so the page can draw counts in them. */
  colours: Thresholds['colours'];
}

export interface Thresholds {
  hotAt: number;
  warmAt: number;
  maxScore: number;
  colours: Colours;
}

export interface SaveThresholdsResult {
  ok: boolean;
  /** Why the input was refused (nothing was written). */
  error?: string;
  report?: ScoreReport;
}

export interface ContributionView {
  ruleRow: number;
  category: Category;
  label: string;
  /** Points as counted (rounded to 0.1), and before decay. */
  points: number;
  base: number;
  /** The repeat sum before Max points, when the cap bit. */
  uncapped: number;
  capped: boolean;
  ageDays: number | null;
  halfLifeDays: number | null;
  expired: boolean;
  noDate: boolean;
  note: string;
  /** With `each`: the count n the repeat sum used (e.g. 3 pricing visits); else null. */
  count: number | null;
  /** The one-line detail as Why writes it, e.g. "(decayed from 17.5, 21 d)". */
  detail: string;
}

export interface Explanation {
  ok: boolean;
  error?: string;
  row: number;
  /** The lead's name-ish cell (Name, Company or Email), as plain text. */
  title: string;
  /** Settings' Base score: points every lead starts with (0 when none; docs/notes/issue-13-suggest.md). */
  base: number;
  fit: number;
  behaviour: number;
  negative: number;
  score: number;
  bucket: BucketName;
  grade: string;
  why: string;
  contributions: ContributionView[];
  disqualifiedBy: string[];
  issues: string[];
  /** Category caps that bit, e.g. "Fit capped at 40 (from 52)". */
  caps: string[];
  /** What would change the bucket, e.g. "needs +8 for Hot". */
  nextStep: string;
  asOf: string;
  hotAt: number;
  warmAt: number;
  maxScore: number;
}
