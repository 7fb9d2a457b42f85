import { describe, expect, it } from 'vitest';
import { automationLines } from '../../sidebar/switches';
import type { AutomationView } from '../../src/alerts/switches';

const base: AutomationView = {
  ok: true,
  dailyOn: true,
  lastAutomaticRun: null,
  formResponses: { on: false, last: null },
  digest: { on: false, recipient: null, last: null },
};

describe('the Running by itself lines', () => {
  it('off: what each switch would do', () => {
    const l = automationLines(base, 0);
    expect(l.form).toMatch(/^Off\. Turn on when a Google Form sends its responses to the Leads tab/);
    expect(l.digest).toMatch(/^Off\. When on, you get one email after a daily run/);
    expect(l.digestLast).toBe('');
  });

  it('on: the last response, the last run and the digest outcome, in the viewer’s time (UTC here)', () => {
    const l = automationLines(
      {
        ...base,
        dailyOn: false,
        lastAutomaticRun: {
          at: '2026-11-20T07:02:00Z',
          ok: true,
          leads: 1204,
          counts: { Hot: 3, Warm: 100, Cold: 1000, Disqualified: 101 },
          problems: 0,
          error: null,
        },
        formResponses: { on: true, last: { at: '2026-11-20T09:05:00Z', ok: true, row: 7, score: 72, bucket: 'Hot', error: null } },
        digest: {
          on: true,
          recipient: 'founder@startup.io',
          last: { at: '2026-11-20T07:02:00Z', sent: false, message: 'Digest skipped: daily email quota used up.' },
        },
      },
      0,
    );
    expect(l.form).toBe('On. Last response: row 7, 20 Nov 2026, 09:05: score 72, Hot.');
    expect(l.digest).toBe(
      'On: sent to founder@startup.io after daily runs with changes. Rescore every day is off (the switch above), so no digest goes out until it is on.',
    );
    expect(l.digestLast).toBe('20 Nov 2026, 07:02: Digest skipped: daily email quota used up.');
  });

  it('a response that could not be scored shows why', () => {
    const l = automationLines(
      {
        ...base,
        formResponses: {
          on: true,
          last: { at: '2026-11-20T09:05:00Z', ok: false, row: 7, score: null, bucket: null, error: 'Run Score leads once first.' },
        },
      },
      0,
    );
    expect(l.form).toBe('On. Last response (row 7), 20 Nov 2026, 09:05: Run Score leads once first.');
  });
});
