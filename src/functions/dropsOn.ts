/**
 * LEADSCORE_DROPS_ON (README "Custom functions"; "Rescore every day", Going cold soon): for each
 * lead row, the day its score falls below Hot at if nothing new happens, as yyyy-mm-dd text; blank
 * when the lead is not Hot today or stays Hot for FORECAST_HORIZON_DAYS (90) days. The same
 * arguments as LEADSCORE, and the same forecast as the sidebar (src/engine/forecast.ts).
 *
 * Text, not a date value: a day is the same text whatever the spreadsheet's and the script's zones,
 * and it sorts and compares as a date (DATEVALUE() turns it into one).
 */
import { dayToIso, prepareRun, scoreRows, usesActivity, type Cell, type Leads } from '../engine';
import { forecastDrops, FORECAST_HORIZON_DAYS } from '../engine/forecast';
import { RULES_TAB, SETTINGS_TAB } from '../sheets/tabs';
import { asOfArg, leadArgs, tabArg, zones, type Arg } from './customFunctions';

export function LEADSCORE_DROPS_ON(headers: Arg, leads: Arg, asOf?: Arg, rules?: Arg, settings?: Arg, activity?: Arg): Cell[][] {
  const fn = 'LEADSCORE_DROPS_ON';
  const { header, rows } = leadArgs(fn, headers, leads);
  const run = prepareRun({
    settings: tabArg(fn, settings, SETTINGS_TAB, false),
    rules: tabArg(fn, rules, RULES_TAB, true)!,
    today: new Date(),
    asOf: asOfArg(fn, asOf),
    ...zones(),
  });
  const block: Leads = { headers: header, rows, firstRow: 1 };
  // README "Activity": the activity range argument, else the Activity tab, as LEADSCORE reads it.
  if (usesActivity(run)) block.activity = tabArg(fn, activity, run.settings.activitySheet.trim(), false);
  const scored = scoreRows(run, block).leads;
  return forecastDrops(run, block, scored, FORECAST_HORIZON_DAYS).map((d) => [d ? dayToIso(d.day) : '']);
}
