/**
 * The sidebar's "Running by itself" switches (README "Running by itself"): Rescore new form
 * responses and the email digest, with what happened last. Plain JSON in and out; failures come
 * back as { ok: false, error } in words, like the other sidebar functions.
 */
import { UserError } from '../sheets/tabs';
import { loadAutomaticRun, type AutomaticRun } from '../scoring/lastRun';
import { dailyRescoreStatus } from '../triggers/daily';
import { formRescoreStatus, setFormRescore, type FormResponseRun } from '../triggers/formSubmit';
import { loadDigestSetting, loadLastDigest, setDigest, type DigestRun } from './digest';

export interface AutomationView {
  ok: boolean;
  error?: string;
  /** Rescore every day is on (the digest is sent after its runs). */
  dailyOn: boolean;
  lastAutomaticRun: AutomaticRun | null;
  formResponses: { on: boolean; last: FormResponseRun | null };
  digest: { on: boolean; recipient: string | null; last: DigestRun | null };
}

function message(e: unknown): string {
  return e instanceof UserError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
}

function view(): AutomationView {
  const digest = loadDigestSetting();
  return {
    ok: true,
    dailyOn: dailyRescoreStatus().on,
    lastAutomaticRun: loadAutomaticRun(),
    formResponses: formRescoreStatus(),
    digest: { on: digest.on, recipient: digest.recipient, last: loadLastDigest() },
  };
}

const failed = (e: unknown): AutomationView => ({
  ok: false,
  error: message(e),
  dailyOn: false,
  lastAutomaticRun: null,
  formResponses: { on: false, last: null },
  digest: { on: false, recipient: null, last: null },
});

export function getAutomation(): AutomationView {
  try {
    return view();
  } catch (e) {
    return failed(e);
  }
}

/** The Rescore new form responses switch: one form-submit trigger on, none off. */
export function setFormResponsesSwitch(on: boolean): AutomationView {
  try {
    setFormRescore(on === true);
    return view();
  } catch (e) {
    return failed(e);
  }
}

/** The email digest switch: on sends it to the person clicking; off stops it. */
export function setDigestSwitch(on: boolean): AutomationView {
  try {
    setDigest(on === true);
    return view();
  } catch (e) {
    return failed(e);
  }
}

export const automationApi = { getAutomation, setFormResponsesSwitch, setDigestSwitch };
