import { describe, expect, it } from 'vitest';
import { createHost, createSheet, createWorkbook, type CellValue } from '../../local/index';
import { RULE_HEADERS, ACTIVITY_HEADERS } from '../../src/engine';
import { H, day, lead, sheetOf, columnValues, setSetting } from '../helpers/workbook';

/** README "Activity", end to end through the bundle: Rules with `Activity: …` fields, an Activity tab, Score leads. */
const ruleRow = (cells: Partial<Record<(typeof RULE_HEADERS)[number], CellValue>>): CellValue[] =>
  RULE_HEADERS.map((h) => cells[h] ?? (h === 'Enabled' ? true : ''));
const RULES: CellValue[][] = [
  [...RULE_HEADERS],
  ruleRow({ Category: 'Fit', Field: 'Title', Operator: 'contains', Value: 'VP', Points: 15 }),
  ruleRow({
    Category: 'Behaviour',
    Field: 'Activity: Pricing page',
    Operator: 'happened',
    Points: 10,
    Per: 'each',
    'Repeat factor': 0.5,
    'Half-life days': 14,
  }),
  ruleRow({ Category: 'Behaviour', Field: 'Activity: Demo request', Operator: 'happened', Points: 20, 'Half-life days': 14 }),
];

function workbook(leads: CellValue[][], events: CellValue[][]) {
  const wb = createWorkbook(
    [createSheet('Leads', [[...H], ...leads]), createSheet('Rules', RULES), createSheet('Activity', [[...ACTIVITY_HEADERS], ...events])],
    { timeZone: 'UTC' },
  );
  const host = createHost(wb);
  host.run('setUpScoring');
  setSetting(wb, 'As-of date', day('2026-11-20'));
  return { wb, host };
}

describe('Activity tab through the bundle', () => {
  it('scores events with per-event decay, joins keys case- and space-insensitively, reports orphans', () => {
    const { wb, host } = workbook(
      [lead({ Name: 'Ada', Email: 'ada@northwind.io', Title: 'VP Sales' }), lead({ Name: 'Bo', Email: 'bo@acme.com', Title: 'Engineer' })],
      [
        [' ADA@Northwind.io', 'Pricing page', day('2026-10-21'), '', 'utm=x'],
        ['ada@northwind.io', 'pricing page', day('2026-11-18'), '', ''],
        ['Ada@northwind.io ', 'Pricing Page', day('2026-11-11'), 1, ''],
        ['ada@northwind.io', 'Demo request', day('2026-11-18'), '', ''],
        ['ghost@nowhere.com', 'Pricing page', day('2026-11-18'), 2, ''],
        ['ghost@nowhere.com', 'Demo request', day('2026-11-18'), '', ''],
      ],
    );
    host.run('scoreLeads');
    const leads = sheetOf(wb, 'Leads');
    // Ada: pricing 10 × 0.5^(2/14) + 5 × 0.5^(9/14) + 2.5 × 0.5^(30/14) = 9.0572 + 3.2022 + 0.5661 = 12.8255;
    // demo 20 × 0.5^(2/14) = 18.1145; behaviour 30.94 → 31; fit 15; score 46 → Warm. Bo: nothing.
    expect(columnValues(leads, 'Behaviour')).toEqual([31, 0]);
    expect(columnValues(leads, 'Score')).toEqual([46, 0]);
    expect(columnValues(leads, 'Bucket')).toEqual(['Warm', 'Cold']);
    expect(columnValues(leads, 'Why')[0]).toBe(
      '+18 Demo request (2 d ago, decayed from 20) · +15 Title contains VP · +13 Pricing page ×3 in 30 d (latest 2 d ago)',
    );
    expect(host.ui.toasts.at(-1)!.message).toBe(
      'Scored 2 leads: 0 Hot · 1 Warm · 1 Cold · 0 Disqualified (as of 2026-11-20). ' +
        "2 Activity rows (1 lead key, e.g. 'ghost@nowhere.com') match no lead by Email; their events were not counted.",
    );
    // The Activity tab is input: never written.
    expect(sheetOf(wb, 'Activity').values[1]).toEqual([' ADA@Northwind.io', 'Pricing page', day('2026-10-21'), '', 'utm=x']);
  });

  it('a bad Activity row is a problem naming the row; the rest still score', () => {
    const { host } = workbook(
      [lead({ Name: 'Ada', Email: 'ada@northwind.io', Title: 'VP Sales' })],
      [
        ['ada@northwind.io', 'Demo request', 'last week', '', ''],
        ['ada@northwind.io', 'Demo request', day('2026-11-20'), -1, ''],
      ],
    );
    host.run('scoreLeads');
    const alert = host.ui.alerts.at(-1)!;
    expect(alert.prompt).toContain("• Activity row 2, Date: 'last week' is not a date; write e.g. 2026-03-31.");
    expect(alert.prompt).toContain(
      "• Activity row 3, Count: '-1' is not a count; write a whole number from 0 to 1,000,000 (blank means 1).",
    );
  });

  it('reads the Activity tab only when a rule uses it, in one read: 100,000 events × 10,000 leads', () => {
    const n = 10_000;
    const leads = Array.from({ length: n }, (_, i) =>
      lead({ Name: `L${i}`, Email: `l${i}@co${i % 700}.com`, Title: i % 3 ? 'VP' : 'Eng' }),
    );
    const names = ['Pricing page', 'Demo request', 'Webinar', 'Email click'];
    const events = Array.from({ length: 100_000 }, (_, k) => [
      `l${k % n}@co${(k % n) % 700}.com`,
      names[k % 4],
      day(`2026-${String(1 + (k % 11)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`),
      k % 5 === 0 ? 2 : '',
      '',
    ]);
    const { host } = workbook(leads, events);
    host.resetCalls();
    const t = Date.now();
    host.run('scoreLeads');
    const ms = Date.now() - t;
    console.log(`Score leads, 10,000 leads × 100,000 events in the host: ${ms} ms`);
    // Settings, Rules, Leads, Activity: four reads whatever the number of events.
    expect(host.calls.byMethod['Range.getValues']).toBe(4);
    expect(host.ui.toasts.at(-1)!.message).toMatch(/^Scored 10000 leads/);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});
