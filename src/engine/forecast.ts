/**
 * Going cold soon (README "Running by itself"; DESIGN §6): for each Hot lead, the first day its
 * score falls below Hot at if nothing new happens — its cells stay as they are and only the as-of
 * day moves on, so decays halve, expiries pass and "within last days" windows close exactly as a
 * later Score leads would see them.
 *
 * Exact by construction: each day is scored by the same bulk scoring function as Score leads
 * (scoreBulk), with the rules bound once to the whole block as scoreRows binds them; only leads
 * still Hot are scored again the next day. A score is not monotone in time (a Negative rule decays
 * too, an "older than days" rule starts to hold), so the search goes day by day rather than
 * solving one decay for its crossing.
 */
import type { Bucket, Day, LeadScore } from './types';
import { bindRun, type Leads, type PreparedRun } from './run';
import { scoreBulk } from './bulk';
import type { BoundRule } from './bind';

/** LEADSCORE_DROPS_ON looks this many days ahead (README "Custom functions"). */
export const FORECAST_HORIZON_DAYS = 90;
/** The sidebar and the digest list Hot leads dropping within this many days. */
export const GOING_COLD_DAYS = 7;

export interface Drop {
  /** The first day the lead's score is below Hot at. */
  day: Day;
  /** Its bucket that day (Warm, Cold — or Disqualified, when a disqualifier's window opens). */
  bucket: Bucket;
  score: number;
}

/**
 * One entry per data row: the drop of each lead Hot as of the run's day, null when it is not Hot
 * or stays Hot through `horizon` days after the as-of day. `scored` is the run's result for the
 * same rows (scoreRows), so only leads Hot today are forecast.
 */
export function forecastDrops(
  run: PreparedRun,
  leads: Leads,
  scored: Array<LeadScore | null>,
  horizon: number = FORECAST_HORIZON_DAYS,
  /** The rules as scoreRows bound them to `leads`, when the caller has them (saves a second bind). */
  bound?: BoundRule[],
): Array<Drop | null> {
  const out: Array<Drop | null> = new Array(leads.rows.length).fill(null);
  let open: number[] = [];
  scored.forEach((lead, i) => {
    if (lead && lead.bucket === 'Hot') open.push(i);
  });
  if (open.length === 0) return out;
  // Bound as scoreRows binds them, Activity events included (an event ages like a date cell).
  const rules = bound ?? bindRun(run, leads).rules;
  for (let d = 1; d <= horizon && open.length > 0; d++) {
    const day = run.asOfDay + d;
    const rows = open.map((i) => leads.rows[i]);
    const later = scoreBulk(rules, rows, 0, run.settings, day, run.dayOf, []);
    const still: number[] = [];
    later.forEach((lead, k) => {
      const i = open[k];
      if (lead && lead.bucket !== 'Hot') out[i] = { day, bucket: lead.bucket, score: lead.score };
      else still.push(i);
    });
    open = still;
  }
  return out;
}
