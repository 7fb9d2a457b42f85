/**
 * What changed between two runs (README "Rescore every day": Score history, Changes since last run,
 * Going cold soon). These types are the contract between the run that finds the changes and what
 * reports them (the Score history tab, the sidebar, the email digest).
 */
import type { Bucket } from './types';

/** One lead whose bucket changed since the previous run. */
export interface LeadChange {
  /** Sheet row of the lead in the Leads tab (1-based), for "select the row" and links. */
  row: number;
  /** The lead's key (Settings Lead key column), as written in the sheet. */
  key: string;
  /** A display name for the lead (its Name/Company/Email cell, else the key). */
  name: string;
  /** Bucket and score at the previous run; null when the lead had none (new since then). */
  oldBucket: Bucket | null;
  oldScore: number | null;
  newBucket: Bucket;
  newScore: number;
  /** The lead's top reason now (the first reason of its Why). */
  topReason: string;
}

/** A Hot lead that falls below Hot at within the forecast window if nothing new happens. */
export interface GoingCold {
  row: number;
  key: string;
  name: string;
  score: number;
  /** The first day (yyyy-mm-dd) its score is below Hot at. */
  dropsOn: string;
  /** The bucket it drops to that day. */
  dropsTo: Bucket;
  topReason: string;
}

/** The changes one run found; `date` is the run's as-of day (yyyy-mm-dd). */
export interface RunChanges {
  date: string;
  becameHot: LeadChange[];
  /** Hot before, Warm or Cold now (decay or a negative signal: "back to nurture"). */
  leftHot: LeadChange[];
  newDisqualified: LeadChange[];
  /** Every lead whose bucket changed (what the Score history tab records). */
  all: LeadChange[];
  goingCold: GoingCold[];
}
