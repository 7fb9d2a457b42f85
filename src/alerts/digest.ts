/**
 * The email digest (README "Running by itself", Email digest; DESIGN §6): opt-in, off by default,
 * sent to the person who turned it on, after a daily run that produced changes, within MailApp's
 * daily quota. Needs the `script.send_mail` scope
 * (https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(String,String,String,Object)).
 *
 * MailApp sends as the user the run belongs to: for the daily run, whoever turned Rescore every day
 * on (the trigger's owner). The recipient is stored when the digest is turned on.
 */
import type { RunChanges } from '../engine/changes';
import { readSettings } from '../sheets/settingsTab';
import { UserError } from '../sheets/tabs';
import { composeDigest } from './digestText';
import { readRecord, writeRecord } from '../sheets/documentRecord';

const SETTING_KEY = 'leadScoring.emailDigest';
const LAST_KEY = 'leadScoring.lastDigest';

/** MailApp's daily recipients for a gmail.com account (https://developers.google.com/apps-script/guides/services/quotas#current_quotas). */
export const QUOTA_SKIPPED =
  'Digest skipped: daily email quota used up (Apps Script allows 100 email recipients a day on a gmail.com account, 1,500 on Google Workspace). The next run tries again.';

export interface DigestSetting {
  on: boolean;
  /** Who gets it: the person who turned it on. */
  recipient: string | null;
}

/** What happened to the digest after the last automatic run, in words, for the sidebar. */
export interface DigestRun {
  at: string;
  sent: boolean;
  message: string;
}

export function loadDigestSetting(): DigestSetting {
  const v = readRecord<Partial<DigestSetting>>(SETTING_KEY);
  return v?.on === true && typeof v.recipient === 'string' && v.recipient
    ? { on: true, recipient: v.recipient }
    : { on: false, recipient: null };
}

export function loadLastDigest(): DigestRun | null {
  return readRecord<DigestRun>(LAST_KEY);
}

function saveLastDigest(run: DigestRun): DigestRun {
  writeRecord(LAST_KEY, run);
  return run;
}

/** On: the digest goes to the person clicking (Session.getEffectiveUser). Off: nobody gets it. */
export function setDigest(on: boolean): DigestSetting {
  const props = PropertiesService.getDocumentProperties();
  if (!on) {
    props.deleteProperty(SETTING_KEY);
    return { on: false, recipient: null };
  }
  const email = Session.getEffectiveUser().getEmail();
  if (!email) {
    throw new UserError(
      'Google did not tell Lead scoring your email address, so the digest was not turned on. Open the sheet signed in to your Google account and try again.',
    );
  }
  const setting: DigestSetting = { on: true, recipient: email };
  props.setProperty(SETTING_KEY, JSON.stringify(setting));
  return setting;
}

/**
 * Sends one digest for a run's changes when the digest is on and something changed; checks the
 * daily quota first. Records the outcome for the sidebar and returns it (null when the digest is
 * off). Never throws: a failed email must not fail the run that scored the leads.
 */
export function sendDigest(changes: RunChanges, at: Date = new Date()): DigestRun | null {
  const setting = loadDigestSetting();
  if (!setting.on || !setting.recipient) return null;
  const when = at.toISOString();
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const leadsName = readSettings(ss).settings.leadsSheet;
    const leads = ss.getSheetByName(leadsName);
    const email = composeDigest({
      changes,
      spreadsheetName: ss.getName(),
      spreadsheetId: ss.getId(),
      leadsSheetId: leads ? leads.getSheetId() : 0,
    });
    if (!email)
      return saveLastDigest({ at: when, sent: false, message: 'No digest: no lead became Hot, left Hot or became Disqualified.' });
    if (MailApp.getRemainingDailyQuota() < 1) return saveLastDigest({ at: when, sent: false, message: QUOTA_SKIPPED });
    MailApp.sendEmail(setting.recipient, email.subject, email.body, { htmlBody: email.htmlBody, name: 'Lead scoring' });
    return saveLastDigest({
      at: when,
      sent: true,
      message: `Digest sent to ${setting.recipient}: ${email.subject.replace(/^Lead scoring: /, '')}.`,
    });
  } catch (e) {
    const error = (e as Error)?.message ?? String(e);
    console.error(`The email digest failed: ${error}`);
    return saveLastDigest({ at: when, sent: false, message: `Digest not sent: ${error}` });
  }
}
