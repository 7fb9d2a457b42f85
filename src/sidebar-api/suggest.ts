/**
 * "Suggest points from outcomes" in the sidebar (README "Tune the model from outcomes"): the
 * engine's suggestion as plain JSON (no rules grid, no Date), Write to the `Rules (suggested)` tab
 * (the menu item's own suggestSheet) and Use these rules without the Ui alert — the page asks its
 * own question first — through the same promotion as the menu (planPromotion + promote).
 */
import type { BacktestReport } from '../engine';
import { readSettings } from '../sheets/settingsTab';
import { UserError } from '../sheets/tabs';
import { planPromotion, promote, SUGGESTED_TAB, suggestInMemory, suggestSheet, type SuggestOk } from '../suggest/suggestSheet';

export interface SuggestModelView {
  auc: number | null;
  decided: number;
  won: number;
  buckets: Array<{ label: string; leads: number; won: number; conversion: number | null; tooFew: boolean }>;
}

export type SuggestView =
  | (Pick<SuggestOk, 'ok' | 'rules' | 'baseScore' | 'hotAt' | 'warmAt' | 'training' | 'holdout' | 'candidates' | 'leftOut'> & {
      /** The settings now, for "Base score 0 → 12" in the page's question. */
      now: { baseScore: number; hotAt: number; warmAt: number };
      /** The holdout comparison: the engine's sentence, both models' figures, leads changing bucket. */
      sentence: string;
      current: SuggestModelView | null;
      suggested: SuggestModelView | null;
      changedBucket: number;
      tab: string;
    })
  | { ok: false; error: string };

export type SuggestActionResult = { ok: true; message: string } | { ok: false; error: string };

function message(e: unknown): string {
  return e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
}

function maxRulesOf(maxRules: unknown): number | undefined {
  const n = Number(maxRules);
  return maxRules !== undefined && maxRules !== null && maxRules !== '' && Number.isInteger(n) && n >= 1 ? n : undefined;
}

function modelView(r: BacktestReport | null): SuggestModelView | null {
  if (!r) return null;
  return {
    auc: r.overall.auc,
    decided: r.overall.decided,
    won: r.overall.won,
    buckets: r.buckets.map((b) => ({ label: b.label, leads: b.leads, won: b.won, conversion: b.conversion, tooFew: b.tooFew })),
  };
}

/** The engine's suggestion as the page's plain JSON (no grid, no Date): pure, unit tested. */
export function suggestionView(r: SuggestOk, now: { baseScore: number; hotAt: number; warmAt: number }): SuggestView {
  return {
    ok: true,
    rules: r.rules.map((x) => ({ ...x })),
    baseScore: r.baseScore,
    hotAt: r.hotAt,
    warmAt: r.warmAt,
    now,
    training: r.training,
    holdout: r.holdout,
    candidates: r.candidates,
    leftOut: r.leftOut.map((x) => ({ ...x })),
    sentence: r.comparison.sentence,
    current: modelView(r.comparison.current),
    suggested: modelView(r.comparison.suggested),
    changedBucket: r.comparison.changedBucket,
    tab: SUGGESTED_TAB,
  };
}

/** The suggestion on the active spreadsheet, read-only. */
export function getSuggestion(maxRules?: number): SuggestView {
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const r = suggestInMemory(ss, new Date(), { maxRules: maxRulesOf(maxRules) });
    const s = readSettings(ss).settings;
    return suggestionView(r, { baseScore: s.baseScore, hotAt: s.hotAt, warmAt: s.warmAt });
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

/** Write to the `Rules (suggested)` tab: the menu's Suggest rules from outcomes (that tab only). */
export function writeSuggestion(maxRules?: number): SuggestActionResult {
  try {
    return {
      ok: true,
      message: suggestSheet(SpreadsheetApp.getActiveSpreadsheet(), new Date(), { maxRules: maxRulesOf(maxRules) }).summary,
    };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

/**
 * Use these rules, after the page's own Yes: writes the suggestion shown (the same seeded run) to
 * `Rules (suggested)`, then promotes it as the menu's Use these rules does, without its alert.
 */
export function useSuggestion(maxRules?: number): SuggestActionResult {
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const clock = new Date();
    suggestSheet(ss, clock, { maxRules: maxRulesOf(maxRules) });
    return { ok: true, message: promote(ss, planPromotion(ss, clock)).message };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}
