import { describe, expect, it } from 'vitest';
import { composeDigest, dayText, escapeHtml, hasNews, rowLink } from '../../src/alerts/digestText';
import type { RunChanges } from '../../src/engine/changes';

const none: RunChanges = { date: '2026-11-20', becameHot: [], leftHot: [], newDisqualified: [], all: [], goingCold: [] };

const hostile = {
  row: 7,
  key: 'eve@globex.com',
  name: `Eve <script>alert("x")</script> & Sons 'Ltd'`,
  oldBucket: 'Warm' as const,
  oldScore: 55,
  newBucket: 'Hot' as const,
  newScore: 72,
  topReason: '+30 Demo requested <b>',
};

const changes: RunChanges = {
  date: '2026-11-20',
  becameHot: [hostile],
  leftHot: [{ ...hostile, row: 3, name: 'Bo', oldBucket: 'Hot', newBucket: 'Warm', oldScore: 71, newScore: 64 }],
  newDisqualified: [],
  all: [],
  goingCold: [
    { row: 2, key: 'ada@northwind.io', name: 'Ada', score: 74, dropsOn: '2026-12-03', dropsTo: 'Warm', topReason: '+15 Demo requested' },
  ],
};

const input = { changes, spreadsheetName: 'Leads Q4', spreadsheetId: 'abc123', leadsSheetId: 0 };

describe('the digest composer', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
  });

  it('links to the lead’s row and writes days as people do', () => {
    expect(rowLink('abc123', 123456, 42)).toBe('https://docs.google.com/spreadsheets/d/abc123/edit#gid=123456&range=A42');
    expect(dayText('2026-12-03')).toBe('3 Dec 2026');
  });

  it('no email when no lead became Hot, left Hot or became Disqualified (going cold alone is not news)', () => {
    expect(hasNews(none)).toBe(false);
    expect(composeDigest({ ...input, changes: none })).toBeNull();
    expect(composeDigest({ ...input, changes: { ...none, goingCold: changes.goingCold } })).toBeNull();
  });

  it('one email: became Hot and going cold soon with links, the rest as counts; lead text escaped in HTML', () => {
    const email = composeDigest(input)!;
    expect(email.subject).toBe('Lead scoring: 1 became Hot, 1 going cold soon, 1 left Hot (Leads Q4)');
    expect(email.body).toBe(
      [
        'Lead scoring digest for Leads Q4, as of 20 Nov 2026.',
        '',
        'Became Hot (1):',
        `- Eve <script>alert("x")</script> & Sons 'Ltd' — score 72 — +30 Demo requested <b>`,
        '  https://docs.google.com/spreadsheets/d/abc123/edit#gid=0&range=A7',
        '',
        'Going cold soon (1):',
        '- Ada — score 74 — drops to Warm on 3 Dec 2026 unless they engage — +15 Demo requested',
        '  https://docs.google.com/spreadsheets/d/abc123/edit#gid=0&range=A2',
        '',
        "Also: 1 lead left Hot (back to nurture). The sidebar's Changes since last run lists them.",
        '',
        'You get this email because you turned on the email digest in the Lead scoring sidebar; turn it off there.',
      ].join('\n'),
    );
    expect(email.htmlBody).toBe(
      [
        '<p>Lead scoring digest for <b>Leads Q4</b>, as of 20 Nov 2026.</p>',
        '<h3>Became Hot (1)</h3>',
        '<ul>',
        '<li><a href="https://docs.google.com/spreadsheets/d/abc123/edit#gid=0&amp;range=A7">Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons &#39;Ltd&#39; — score 72 — +30 Demo requested &lt;b&gt;</a></li>',
        '</ul>',
        '<h3>Going cold soon (1)</h3>',
        '<ul>',
        '<li><a href="https://docs.google.com/spreadsheets/d/abc123/edit#gid=0&amp;range=A2">Ada — score 74 — drops to Warm on 3 Dec 2026 unless they engage — +15 Demo requested</a></li>',
        '</ul>',
        '<p>Also: 1 lead left Hot (back to nurture). The sidebar&#39;s Changes since last run lists them.</p>',
        '<p style="color:#666">You get this email because you turned on the email digest in the Lead scoring sidebar; turn it off there.</p>',
      ].join('\n'),
    );
    expect(email.htmlBody).not.toMatch(/<script/);
  });

  it('the spreadsheet’s name is escaped too', () => {
    const email = composeDigest({ ...input, spreadsheetName: '<i>Q4</i>' })!;
    expect(email.htmlBody).toMatch(/^<p>Lead scoring digest for <b>&lt;i&gt;Q4&lt;\/i&gt;<\/b>/);
  });
});
