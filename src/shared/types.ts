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
  /** Things to know that are not problems (Score leads' toast shows them; the sidebar shows the Activity ones: orphan events, duplicate keys). */
  notices?: ProblemView[];
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
  /** Settings' Base score: points every lead starts with (0 when none; README "Tune the model from outcomes"). */
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

// ---- What-if (issue 13): the leads loaded once, rescored in the page ----------------------------

/** A cell as it crosses google.script.run: a date cell travels as its instant (epoch ms), listed in `dates`. */
export type WireCell = string | number | boolean | null;

export interface WireGrid {
  cells: WireCell[][];
  /** Which cells were dates, as flat [row, column, row, column, …] (0-based): their numbers are epoch ms. */
  dates: number[];
}

/** What the page needs to run the engine as Score leads does: the three tabs' values, the zone and the clock. */
export interface WhatIfData {
  ok: boolean;
  error?: string;
  /** The spreadsheet's time zone (date cells are read there, as on the server). */
  timeZone: string;
  /** The server's clock when the data was read (ISO), so "today" is the server's. */
  now: string;
  /** The Leads header row and rows as the engine reads them (the add-on's own output columns blanked). */
  leads: WireGrid;
  firstRow: number;
  rules: WireGrid;
  /** Null when there is no Settings tab (the defaults apply). */
  settings: WireGrid | null;
  /** True when the Settings tab knows a Base score setting (Save may write it). */
  hasBaseScore: boolean;
  /**
   * The Activity tab's values (README "Activity"), read as Score leads reads them: absent when no
   * rule's Field is `Activity: …` (the tab is then not read), null when there is no such tab.
   */
  activity?: WireGrid | null;
}

export interface WhatIfPointsEdit {
  /** Sheet row of the rule in the Rules tab. */
  row: number;
  /** The Points value the page loaded (Save refuses when the cell no longer holds it). */
  from: number;
  to: number;
}

export interface WhatIfSave {
  points: WhatIfPointsEdit[];
  hotAt?: number;
  warmAt?: number;
  baseScore?: number;
}

export interface WhatIfSaveResult {
  ok: boolean;
  error?: string;
  /** What was written, in words ("Rules row 5 Points: 10 → 25"). */
  written: string[];
  report?: ScoreReport;
}
