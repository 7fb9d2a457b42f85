import { describe, expect, it } from 'vitest';
import { hostWith, thrown } from './helpers';

// MailApp and Session in the host (local/services/mailApp.ts, session.ts), from Google's reference:
// https://developers.google.com/apps-script/reference/mail/mail-app and the quotas page.
const code = `
function plain() { MailApp.sendEmail('a@corp.com', 'Hello', 'Body text'); }
function withOptions() {
  MailApp.sendEmail('a@corp.com, b@corp.com', 'Digest', 'Plain', { htmlBody: '<b>Bold</b>', name: 'Lead scoring', noReply: true, cc: 'c@corp.com' });
}
function replyToForm() { MailApp.sendEmail('a@corp.com', 'boss@corp.com', 'Subject', 'Body'); }
function messageForm() { MailApp.sendEmail({ to: 'a@corp.com', subject: 'S', htmlBody: '<p>x</p>' }); }
function quota() { return MailApp.getRemainingDailyQuota(); }
function many(n) { for (var i = 0; i < n; i++) MailApp.sendEmail('a@corp.com', 'n' + i, 'b'); }
function bad() { MailApp.sendEmail('not an address', 'S', 'B'); }
function wrong() { MailApp.sendEmail('a@corp.com', 42); }
function attach() { MailApp.sendEmail('a@corp.com', 'S', 'B', { attachments: [] }); }
function me() { return [Session.getEffectiveUser().getEmail(), Session.getActiveUser().getEmail()]; }
function waitHours(h) { Utilities.sleep(h * 3600 * 1000); }
function QUOTA_CF() { return MailApp.getRemainingDailyQuota(); }
`;

describe('MailApp in the local host', () => {
  it('sends the documented overloads into host.outbox, as the effective user', () => {
    const { host } = hostWith(code, [], { userEmail: 'founder@startup.io', now: new Date('2026-11-20T07:00:00Z') });
    host.run('plain');
    host.run('withOptions');
    host.run('replyToForm');
    host.run('messageForm');
    expect(host.outbox).toEqual([
      expect.objectContaining({
        from: 'founder@startup.io',
        to: ['a@corp.com'],
        subject: 'Hello',
        body: 'Body text',
        htmlBody: null,
        at: '2026-11-20T07:00:00.000Z',
      }),
      expect.objectContaining({
        to: ['a@corp.com', 'b@corp.com'],
        cc: ['c@corp.com'],
        subject: 'Digest',
        body: 'Plain',
        htmlBody: '<b>Bold</b>',
        name: 'Lead scoring',
        noReply: true,
      }),
      expect.objectContaining({ to: ['a@corp.com'], replyTo: 'boss@corp.com', subject: 'Subject', body: 'Body' }),
      expect.objectContaining({ to: ['a@corp.com'], subject: 'S', htmlBody: '<p>x</p>', body: '' }),
    ]);
  });

  it('counts recipients against 100 a day (a gmail.com account), then throws Google’s quota error', () => {
    const { host } = hostWith(code, [], { now: new Date('2026-11-20T07:00:00Z') });
    expect(host.run('quota')).toBe(100);
    host.run('withOptions'); // 3 recipients: a, b and cc c
    expect(host.run('quota')).toBe(97);
    host.run('many', 97);
    expect(host.run('quota')).toBe(0);
    expect(thrown(() => host.run('plain'))).toBe('Exception: Service invoked too many times for one day: email.');
    expect(host.outbox.length).toBe(98);
  });

  it('a Workspace quota can be set; the window resets 24 hours after the first send', () => {
    // executionLimitMs: the virtual sleep would otherwise count against the 6-minute execution limit.
    const { host } = hostWith(code, [], { mailDailyQuota: 1500, now: new Date('2026-11-20T07:00:00Z'), executionLimitMs: 2 * 86_400_000 });
    expect(host.run('quota')).toBe(1500);
    host.run('plain'); // 07:00: the window opens
    host.run('waitHours', 23); // Utilities.sleep moves the host clock (virtual time)
    host.run('plain');
    expect(host.run('quota')).toBe(1498);
    host.run('waitHours', 1); // 24 h after the first send
    expect(host.run('quota')).toBe(1500);
  });

  it('refuses bad addresses, wrong arguments, and what the host does not model, loudly', () => {
    const { host } = hostWith(code);
    expect(thrown(() => host.run('bad'))).toBe('Exception: Invalid email: not an address');
    expect(thrown(() => host.run('wrong'))).toBe(
      "Exception: The parameters (String,number) don't match the method signature for MailApp.sendEmail.",
    );
    expect(thrown(() => host.run('attach'))).toMatch(/Local host: MailApp.sendEmail with attachments is not supported/);
    expect(host.outbox).toEqual([]);
  });

  it('custom functions may not send email', () => {
    const { host } = hostWith(code);
    expect(thrown(() => host.runCustomFunction('QUOTA_CF'))).toBe('Exception: You do not have permission to call getRemainingDailyQuota');
  });

  it('Session.getEffectiveUser().getEmail() is the host user', () => {
    const { host } = hostWith(code, [], { userEmail: 'founder@startup.io' });
    expect(host.run('me')).toEqual(['founder@startup.io', 'founder@startup.io']);
  });
});
