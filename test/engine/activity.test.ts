import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rulesGrid, settingsGrid, daysAgo, AS_OF, type R } from './helpers';
import { runModel, type Cell, type LeadScore, type ModelInput } from '../../src/engine';

/** README "Activity": events joined by the Lead key column (Email by default). */
const HEADERS = ['Name', 'Email', 'Title'];
const ACTIVITY_HEADER: Cell[] = ['Lead key', 'Activity', 'Date', 'Count', 'Detail'];
const ev = (key: string, activity: string, age: number | Cell, count: Cell = ''): Cell[] => [
  key,
  activity,
  typeof age === 'number' ? daysAgo(age) : age,
  count,
  '',
];

function score(rules: R[], leads: Cell[][], events: Cell[][], o: { keep?: boolean; settings?: Cell[][] } = {}) {
  const input: ModelInput = {
    settings: o.settings ?? null,
    rules: rulesGrid(...rules),
    headers: HEADERS,
    rows: leads,
    firstRow: 2,
    today: new Date(Date.UTC(2030, 0, 1)),
    asOf: AS_OF,
    activity: [ACTIVITY_HEADER, ...events],
    keepContributions: o.keep ?? true,
  };
  return runModel(input);
}

const pricing: R = {
  category: 'Behaviour',
  field: 'Activity: Pricing page',
  operator: 'happened',
  points: 10,
  per: 'each',
  repeat: 0.5,
  halfLife: 14,
};
const ada = ['Ada', 'ada@acme.com', 'VP'];

describe('Activity: per-event decay', () => {
  it('three events 2, 9 and 30 days old, half-life 14, r = 0.5: Σ Points × rⁱ × 0.5^(ageᵢ/14), newest first', () => {
    // i=0 (2 d):  10 × 1    × 0.5^(2/14)  = 9.0572
    // i=1 (9 d):  10 × 0.5  × 0.5^(9/14)  = 3.2022
    // i=2 (30 d): 10 × 0.25 × 0.5^(30/14) = 0.5661
    // Σ = 12.8255 → behaviour 13. Events listed out of order, keys with other case and spaces.
    const events = [
      ev(' ADA@acme.com ', 'Pricing page', 30),
      ev('ada@ACME.com', 'pricing  page', 2),
      ev('Ada@Acme.Com', 'Pricing Page', 9),
    ];
    for (const keep of [true, false]) {
      const r = score([pricing], [ada], events, { keep });
      const lead = r.leads[0]!;
      expect(r.problems).toEqual([]);
      expect(lead.behaviourUncapped).toBeCloseTo(12.8255, 4);
      expect(lead.behaviour).toBe(13);
      expect(lead.why).toBe('+13 Pricing page ×3 in 30 d (latest 2 d ago)');
    }
  });

  it('Max points caps the decayed sum', () => {
    // 12.8255 capped at 12.
    const events = [ev('ada@acme.com', 'Pricing page', 2), ev('ada@acme.com', 'Pricing page', 9), ev('ada@acme.com', 'Pricing page', 30)];
    const lead = score([{ ...pricing, max: 12 }], [ada], events).leads[0]!;
    expect(lead.behaviourUncapped).toBe(12);
    expect(lead.why).toBe('+12 Pricing page ×3 in 30 d (latest 2 d ago, capped at 12)');
    expect(lead.contributions[0].uncapped).toBeCloseTo(12.8255, 4);
  });

  it('Expires after drops older events before the repeats are counted', () => {
    // Expires after 20: the 30-day event is out; 9.0572 + 3.2022 = 12.2595 → 12.
    const events = [ev('ada@acme.com', 'Pricing page', 2), ev('ada@acme.com', 'Pricing page', 9), ev('ada@acme.com', 'Pricing page', 30)];
    const lead = score([{ ...pricing, expires: 20 }], [ada], events).leads[0]!;
    expect(lead.behaviourUncapped).toBeCloseTo(12.2595, 4);
    expect(lead.why).toBe('+12 Pricing page ×2 in 9 d (latest 2 d ago)');
  });

  it('a Count of k is k events on that day; order newest first across rows', () => {
    // Count 2 at 5 d, 1 at 1 d. Newest first: i=0 (1 d): 10 × 0.5^(1/14) = 9.5169;
    // i=1,2 (5 d): 10 × (0.5 + 0.25) × 0.5^(5/14) = 7.5 × 0.78071 = 5.8554. Σ = 15.3723 → 15.
    const events = [ev('ada@acme.com', 'Pricing page', 5, 2), ev('ada@acme.com', 'Pricing page', 1)];
    const lead = score([pricing], [ada], events).leads[0]!;
    expect(lead.behaviourUncapped).toBeCloseTo(15.3723, 4);
    expect(lead.why).toBe('+15 Pricing page ×3 in 5 d (latest 1 d ago)');
    // Oldest first would give 10 × 1.5 × 0.78071 + 10 × 0.25 × 0.95169 = 14.09 instead.
  });

  it('Per once decays Points by the latest event; count comparisons and within last days', () => {
    // happened once, 20 points, half-life 14, latest 2 d: 20 × 0.5^(2/14) = 18.114 → 18.
    const rules: R[] = [
      { category: 'Behaviour', field: 'Activity: Demo request', operator: 'happened', points: 20, halfLife: 14 },
      { category: 'Behaviour', field: 'Activity: Pricing page', operator: '>=', value: '2', points: 5 },
      { category: 'Behaviour', field: 'Activity: Pricing page', operator: 'within last days', value: '7', points: 3 },
      { category: 'Negative', field: 'Activity: Pricing page', operator: '<', value: '1', points: 4 },
    ];
    const bob = ['Bob', 'bob@beta.io', ''];
    const events = [ev('ada@acme.com', 'Demo request', 2), ev('ada@acme.com', 'Pricing page', 10), ev('ada@acme.com', 'Pricing page', 3)];
    for (const keep of [true, false]) {
      const r = score(rules, [ada, bob], events, { keep });
      // Ada: 18.114 + 5 + 3 = 26.114 → 26. Bob: no events: only `< 1` holds: −4.
      expect(r.leads[0]!.behaviourUncapped).toBeCloseTo(26.114, 3);
      expect(r.leads[0]!.why).toBe(
        '+18 Demo request (2 d ago, decayed from 20) · +5 Pricing page ≥ 2 (latest 3 d ago) · +3 Pricing page within 7 d (latest 3 d ago)',
      );
      expect(r.leads[1]!.negative).toBe(-4);
      expect(r.leads[1]!.why).toBe('−4 Pricing page < 1');
    }
  });

  it('events after the as-of day have not happened yet', () => {
    const events = [ev('ada@acme.com', 'Pricing page', -3), ev('ada@acme.com', 'Pricing page', 0)];
    const lead = score([pricing], [ada], events).leads[0]!;
    // Only the event of the as-of day: 10 × 0.5^0 = 10.
    expect(lead.behaviourUncapped).toBe(10);
    expect(lead.why).toBe('+10 Pricing page ×1 (today)');
  });

  it('orphan events and duplicate lead keys are reported; bad Activity rows are problems naming the row', () => {
    const events = [
      ev('ada@acme.com', 'Pricing page', 2),
      ev('nobody@x.com', 'Pricing page', 2),
      ev('NOBODY@x.com ', 'Webinar', 4),
      ev('ghost@y.com', 'Pricing page', 2, 5),
      ev('ada@acme.com', 'Pricing page', ''),
      ev('ada@acme.com', 'Pricing page', 3, 'two'),
      ev('', 'Pricing page', 3),
    ];
    const r = score([pricing], [ada, ['Ada again', 'Ada@Acme.com', '']], events);
    expect(r.activity).toMatchObject({
      rows: 4,
      events: 8,
      orphanRows: 3,
      orphanKeys: 2,
      duplicates: [{ key: 'ada@acme.com', rows: [2, 3] }],
    });
    expect(r.problems.map((p) => p.message)).toEqual([
      'Activity row 6, Date: the Date is blank; an event needs the day it happened.',
      "Activity row 7, Count: 'two' is not a count; write a whole number from 0 to 1,000,000 (blank means 1).",
      "Activity row 8, Lead key: the Lead key is blank; this event can't be joined to a lead.",
    ]);
    // Both rows with the key get the events; bad event rows do not add a warning to every Why.
    expect(r.leads.map((l) => l!.why)).toEqual(['+9 Pricing page ×1 (2 d ago)', '+9 Pricing page ×1 (2 d ago)']);
  });

  it('rule problems: operators that do not apply, a Date field, no Activity tab, no Lead key column', () => {
    const r = runModel({
      settings: settingsGrid(['Lead key column', 'Work email']),
      rules: rulesGrid(
        { category: 'Behaviour', field: 'Activity: Pricing page', operator: 'contains', value: 'x', points: 1 },
        { category: 'Behaviour', field: 'Activity: Pricing page', operator: 'happened', points: 1, dateField: 'Date' },
        { category: 'Behaviour', field: 'Activity: Pricing page', operator: 'happened', points: 1 },
        { category: 'Behaviour', field: 'Title', operator: 'happened', points: 1 },
      ),
      headers: HEADERS,
      rows: [ada],
      firstRow: 2,
      today: new Date(Date.UTC(2030, 0, 1)),
      activity: null,
    });
    expect(r.problems.map((p) => p.message)).toEqual([
      "Rules row 2, Value: 'contains' does not apply to an Activity field. Use one of: happened, >, >=, <, <=, between, within last days, older than days.",
      'Rules row 3, Date field: an Activity rule takes its dates from the Activity tab: leave the Date field blank.',
      "Rules row 5, Value: 'happened' is for Activity fields: write the Field as Activity: <name>, e.g. Activity: Pricing page.",
      "Rules row 4, Field: there is no 'Activity' tab (Settings: Activity sheet) to read events from. Set up scoring creates it.",
    ]);
  });
});

describe('Activity: bulk path = reference path', () => {
  const keys = ['ada@acme.com', 'bob@beta.io', 'cy@gmail.com', 'nobody@x.com', ''];
  const eventArb: fc.Arbitrary<Cell[]> = fc.tuple(
    fc.constantFrom(...keys, ' ADA@acme.com'),
    fc.constantFrom('Pricing page', 'Demo request', 'webinar', ''),
    fc.oneof(fc.integer({ min: -3, max: 200 }).map(daysAgo), fc.constantFrom('', 'soon', '2026-03-01')),
    fc.constantFrom('', 1, 2, 3, 0, 'x', 2.5),
    fc.constant(''),
  );
  const activityRule: fc.Arbitrary<R> = fc.record({
    category: fc.constantFrom('Behaviour', 'Negative', 'Fit', 'Disqualify'),
    field: fc.constantFrom('Activity: Pricing page', 'Activity: Demo request', 'Activity: Webinar'),
    operator: fc.constantFrom('happened', '>=', '<', 'between', 'within last days', 'older than days'),
    value: fc.constantFrom('1', '2', '0..3', '30'),
    points: fc.integer({ min: 0, max: 30 }),
    per: fc.constantFrom('', 'each'),
    repeat: fc.constantFrom('', 0.5, 0.8, 1),
    max: fc.constantFrom('', 12),
    halfLife: fc.constantFrom('', 7, 14),
    expires: fc.constantFrom('', 20, 90),
  });
  const columnRule = fc.constantFrom<R>(
    { category: 'Fit', field: 'Title', operator: 'contains', value: 'VP', points: 15 },
    { category: 'Negative', field: 'Email', operator: 'is free email', points: 10 },
  );
  const leadArb: fc.Arbitrary<Cell[]> = fc.tuple(
    fc.constantFrom('A', 'B', ''),
    fc.constantFrom(...keys, 'Bob@Beta.io '),
    fc.constantFrom('VP', '', 'Eng'),
  );

  it('gives the same leads, problems, counts and Activity summary', () => {
    const strip = (l: LeadScore | null) => l && { ...l, contributions: [] };
    fc.assert(
      fc.property(
        fc.array(fc.oneof(activityRule, columnRule), { minLength: 1, maxLength: 6 }),
        fc.array(leadArb, { minLength: 1, maxLength: 8 }),
        fc.array(eventArb, { minLength: 0, maxLength: 25 }),
        (rules, leads, events) => {
          const detailed = score(rules, leads, events, { keep: true });
          const bulk = score(rules, leads, events, { keep: false });
          expect(bulk.leads.map(strip)).toEqual(detailed.leads.map(strip));
          expect(bulk.problems).toEqual(detailed.problems);
          expect(bulk.counts).toEqual(detailed.counts);
          expect(bulk.activity).toEqual(detailed.activity);
        },
      ),
      { numRuns: 300 },
    );
  });
});
