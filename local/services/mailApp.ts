/**
 * MailApp — sends email; here every message goes to an outbox the tests read (host.outbox):
 * https://developers.google.com/apps-script/reference/mail/mail-app
 *
 * - The overloads: sendEmail(recipient, subject, body), sendEmail(recipient, subject, body,
 *   options), sendEmail(to, replyTo, subject, body) and sendEmail(message). Options the host
 *   keeps: htmlBody, name, noReply, replyTo, cc, bcc; attachments and inlineImages (blobs) are not
 *   modelled and fail loudly.
 * - The daily quota counts recipients (to, cc and bcc): "Email recipients per day … 100 / day"
 *   for consumer accounts (gmail.com), 1,500 for Google Workspace; quotas "reset 24 hours after the
 *   first request" (https://developers.google.com/apps-script/guides/services/quotas#current_quotas).
 *   The host's default is the consumer figure (HostOptions.mailDailyQuota to change it); past it,
 *   sendEmail throws Apps Script's "Service invoked too many times for one day: email." and
 *   getRemainingDailyQuota() is 0.
 * - "Email recipients per message: 50 / msg"
 *   (https://developers.google.com/apps-script/guides/services/quotas#current_limitations), error
 *   "Limit Exceeded: Email Recipients Per Message.".
 * - Needs the script.send_mail scope, which custom functions never have: there both methods throw
 *   "You do not have permission to call …" (https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services).
 */
import { describeArgs, gasException, unsupported, type HostContext } from './context.js';
import { expose } from './expose.js';

/** Consumer accounts: 100 recipients a day (quotas page above). */
export const CONSUMER_DAILY_RECIPIENTS = 100;
export const MAIL_QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
const DAY_MS = 86_400_000;

/** One message as sent. */
export interface SentMail {
  /** ISO time of sending (host clock). */
  at: string;
  /** The effective user's address (MailApp sends as the user running the script). */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  noReply: boolean;
}

/** What outlives executions: the outbox and the quota window. */
export interface MailState {
  outbox: SentMail[];
  dailyQuota: number;
  /** Recipients sent in the current 24-hour window, and when that window began (ms), or null. */
  used: number;
  windowStart: number | null;
}

export function newMailState(dailyQuota = CONSUMER_DAILY_RECIPIENTS): MailState {
  return { outbox: [], dailyQuota, used: 0, windowStart: null };
}

// A plain address check, enough to refuse what Gmail would (Apps Script: "Invalid email: …").
const ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export function makeMailApp(ctx: HostContext, state: MailState) {
  const signature = (args: unknown[]) =>
    gasException(ctx, `The parameters (${describeArgs(args)}) don't match the method signature for MailApp.sendEmail.`);

  /** The quota window "resets 24 hours after the first request". */
  const remaining = (): number => {
    const now = ctx.clock();
    if (state.windowStart !== null && now - state.windowStart >= DAY_MS) {
      state.windowStart = null;
      state.used = 0;
    }
    return Math.max(0, state.dailyQuota - state.used);
  };

  const list = (v: unknown): string[] => {
    if (v === undefined || v === null || v === '') return [];
    return String(v)
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
  };

  const send = (m: {
    to: unknown;
    subject: unknown;
    body: unknown;
    htmlBody?: unknown;
    name?: unknown;
    noReply?: unknown;
    replyTo?: unknown;
    cc?: unknown;
    bcc?: unknown;
    attachments?: unknown;
    inlineImages?: unknown;
  }) => {
    if (m.attachments !== undefined) throw unsupported(ctx, 'MailApp.sendEmail with attachments');
    if (m.inlineImages !== undefined) throw unsupported(ctx, 'MailApp.sendEmail with inlineImages');
    const to = list(m.to);
    const cc = list(m.cc);
    const bcc = list(m.bcc);
    for (const a of [...to, ...cc, ...bcc]) if (!ADDRESS.test(a)) throw gasException(ctx, `Invalid email: ${a}`);
    if (to.length + cc.length + bcc.length === 0) throw gasException(ctx, 'Failed to send email: no recipient');
    const count = to.length + cc.length + bcc.length;
    if (count > MAX_RECIPIENTS_PER_MESSAGE) throw gasException(ctx, 'Limit Exceeded: Email Recipients Per Message.');
    if (remaining() < count) throw gasException(ctx, MAIL_QUOTA_MESSAGE);
    if (state.windowStart === null) state.windowStart = ctx.clock();
    state.used += count;
    state.outbox.push({
      at: new Date(ctx.clock()).toISOString(),
      from: ctx.userEmail,
      to,
      cc,
      bcc,
      replyTo: m.replyTo === undefined || m.replyTo === null ? null : String(m.replyTo),
      subject: String(m.subject ?? ''),
      body: String(m.body ?? ''),
      htmlBody: m.htmlBody === undefined || m.htmlBody === null ? null : String(m.htmlBody),
      name: m.name === undefined || m.name === null ? null : String(m.name),
      noReply: m.noReply === true,
    });
  };

  const isPlainObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.toString.call(v) === '[object Object]';

  return expose(
    ctx,
    'MailApp',
    {
      toString: () => 'MailApp',
      getRemainingDailyQuota: () => remaining(),
      sendEmail(...args: unknown[]) {
        if (args.length === 1 && isPlainObject(args[0])) {
          const m = args[0];
          if (typeof m.to !== 'string' || typeof m.subject !== 'string') throw signature(args);
          send(m as Parameters<typeof send>[0]);
          return;
        }
        const [a, b, c, d] = args;
        if (typeof a !== 'string' || typeof b !== 'string' || typeof c !== 'string') throw signature(args);
        if (args.length === 3) return send({ to: a, subject: b, body: c });
        if (args.length === 4 && typeof d === 'string') return send({ to: a, replyTo: b, subject: c, body: d });
        if (args.length === 4 && isPlainObject(d)) return send({ ...d, to: a, subject: b, body: c });
        throw signature(args);
      },
    },
    { forbiddenInCustomFunction: ['sendEmail', 'getRemainingDailyQuota'] },
  ) as unknown as GoogleAppsScript.Mail.MailApp;
}
