/**
 * What-if (issue 13): the page loads the Settings, Rules and Leads values once (`loadWhatIf`,
 * read as Score leads reads them, and the Activity tab when a rule uses it) and rescores them itself with the same engine; nothing is
 * written until Save to Rules (`saveWhatIf`), which writes only the edited Points cells and the
 * thresholds / Base score, then re-scores.
 */
import { checkThresholds, normalizeKey, SETTING_ROWS, toNumber, type Cell } from '../engine';
import type { ScoreReport, WhatIfData, WhatIfSave, WhatIfSaveResult, WireCell, WireGrid } from '../shared/types';
import { readForRun, scoreSheet } from '../scoring/scoreSheet';
import { readSettings, writeSettings } from '../sheets/settingsTab';
import { RULES_TAB, SETTINGS_TAB, UserError, readAll } from '../sheets/tabs';

function isDate(v: unknown): v is Date {
  // A Date from another realm (the local host's vm) too.
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Cells as plain JSON: a date becomes its instant (epoch ms) and is listed in `dates`. */
export function toWire(grid: Cell[][]): WireGrid {
  const dates: number[] = [];
  const cells = grid.map((row, r) =>
    row.map((v, c): WireCell => {
      if (isDate(v)) {
        const t = v.getTime();
        if (!Number.isFinite(t)) return '';
        dates.push(r, c);
        return t;
      }
      if (v === undefined) return null;
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      return v as WireCell;
    }),
  );
  return { cells, dates };
}

function message(e: unknown): string {
  return e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
}

const hasBaseScoreSetting = (): boolean => SETTING_ROWS.some((s) => (s.key as string) === 'baseScore');

/** Everything the page needs to score as the server does, read once. Writes nothing. */
export function loadWhatIf(): WhatIfData {
  const clock = new Date();
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { leads } = readForRun(ss, clock);
    const rules = readAll(ss.getSheetByName(RULES_TAB)!);
    const settingsSheet = ss.getSheetByName(SETTINGS_TAB);
    return {
      ok: true,
      timeZone: ss.getSpreadsheetTimeZone(),
      now: clock.toISOString(),
      leads: toWire([leads.headers, ...leads.rows]),
      firstRow: leads.firstRow,
      rules: toWire(rules),
      settings: settingsSheet ? toWire(readAll(settingsSheet)) : null,
      hasBaseScore: hasBaseScoreSetting(),
      // README "Activity": readForRun read the tab (one getValues) only when a rule uses `Activity: …`.
      ...(leads.activity !== undefined ? { activity: leads.activity ? toWire(leads.activity) : null } : {}),
    };
  } catch (e) {
    const empty = { cells: [], dates: [] };
    return {
      ok: false,
      error: message(e),
      timeZone: 'UTC',
      now: clock.toISOString(),
      leads: empty,
      firstRow: 0,
      rules: empty,
      settings: null,
      hasBaseScore: false,
    };
  }
}

/** The Rules tab's header row (0-based) and its Points column (0-based), as the engine finds the header. */
function pointsColumn(grid: Cell[][]): { header: number; column: number } | null {
  for (let r = 0; r < Math.min(10, grid.length); r++) {
    const keys = grid[r].map((c) => normalizeKey(c));
    if (keys.includes('category') && keys.includes('operator')) {
      const column = keys.indexOf('points');
      return column >= 0 ? { header: r, column } : null;
    }
  }
  return null;
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * Save to Rules: checks everything first (nothing is written on bad input, or when a Points cell
 * changed since the page loaded it), then writes each edited Points cell and the thresholds / Base
 * score into Settings, and re-scores every lead.
 */
export function saveWhatIf(input: WhatIfSave): WhatIfSaveResult {
  const fail = (error: string): WhatIfSaveResult => ({ ok: false, error, written: [] });
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const edits = Array.isArray(input?.points) ? input.points : [];
    const written: string[] = [];
    const rulesSheet = ss.getSheetByName(RULES_TAB);
    if (edits.length > 0 && !rulesSheet) return fail(`There is no '${RULES_TAB}' tab. Run Set up scoring first.`);
    const cells: Array<{ row: number; column: number; to: number; from: number }> = [];
    if (edits.length > 0 && rulesSheet) {
      const grid = readAll(rulesSheet);
      const at = pointsColumn(grid);
      if (!at) return fail(`The '${RULES_TAB}' tab has no Points column.`);
      for (const e of edits) {
        const row = Number(e?.row);
        const to = Number(e?.to);
        if (!Number.isInteger(row) || row <= at.header + 1 || row > grid.length) return fail(`Rules row ${String(e?.row)} is not a rule.`);
        if (!Number.isFinite(to) || Math.abs(to) > 1e6) return fail(`Rules row ${row}: '${String(e?.to)}' is not a number of points.`);
        const now = toNumber(grid[row - 1][at.column]);
        if (now === null || now !== Number(e.from)) {
          return fail(
            `Rules row ${row} Points changed since the what-if loaded (it holds '${String(grid[row - 1][at.column] ?? '')}' now): nothing was saved. Load the leads again.`,
          );
        }
        cells.push({ row, column: at.column + 1, to, from: now });
      }
    }
    const settingsUpdates: Record<string, number> = {};
    if (input?.hotAt !== undefined || input?.warmAt !== undefined || input?.baseScore !== undefined) {
      const current = readSettings(ss);
      if (!ss.getSheetByName(SETTINGS_TAB)) return fail(`There is no '${SETTINGS_TAB}' tab. Run Set up scoring first.`);
      const hotAt = input.hotAt ?? current.settings.hotAt;
      const warmAt = input.warmAt ?? current.settings.warmAt;
      const error = checkThresholds(hotAt, warmAt, current.settings.maxScore);
      if (error) return fail(error);
      if (input.hotAt !== undefined) settingsUpdates.hotAt = Number(hotAt);
      if (input.warmAt !== undefined) settingsUpdates.warmAt = Number(warmAt);
      if (input.baseScore !== undefined) {
        const b = Number(input.baseScore);
        if (!hasBaseScoreSetting()) return fail('This version has no Base score setting.');
        if (!Number.isFinite(b) || Math.abs(b) > 1e6) return fail(`Base score '${String(input.baseScore)}' is not a number.`);
        settingsUpdates.baseScore = b;
      }
      // Written below, after the Rules cells were checked too.
      for (const c of cells) {
        rulesSheet!.getRange(c.row, c.column).setValue(c.to);
        written.push(`Rules row ${c.row} Points: ${fmt(c.from)} → ${fmt(c.to)}`);
      }
      cells.length = 0;
      writeSettings(ss, current, settingsUpdates as Parameters<typeof writeSettings>[2]);
      const names: Record<string, string> = { hotAt: 'Hot at', warmAt: 'Warm at', baseScore: 'Base score' };
      for (const [k, v] of Object.entries(settingsUpdates)) written.push(`Settings ${names[k]}: ${fmt(v)}`);
    }
    for (const c of cells) {
      rulesSheet!.getRange(c.row, c.column).setValue(c.to);
      written.push(`Rules row ${c.row} Points: ${fmt(c.from)} → ${fmt(c.to)}`);
    }
    if (written.length === 0) return fail('Nothing to save: no points, threshold or base score was changed.');
    let report: ScoreReport;
    try {
      report = scoreSheet(ss, new Date());
    } catch (e) {
      return {
        ok: true,
        written,
        report: {
          ok: false,
          error: message(e),
          counts: { Hot: 0, Warm: 0, Cold: 0, Disqualified: 0 },
          leads: 0,
          problems: [],
          scoredAt: '',
          asOf: '',
          ms: 0,
        },
      };
    }
    return { ok: true, written, report };
  } catch (e) {
    return fail(message(e));
  }
}
