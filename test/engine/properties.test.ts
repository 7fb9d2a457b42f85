import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { run, rulesGrid, settingsGrid, daysAgo, ruleRow, RULE_HEADER, type R } from './helpers';
import { decay, runModel, type Cell, type LeadScore } from '../../src/engine';

const HEADERS = ['Name', 'Title', 'Size', 'Visits', 'Last visit', 'Email', 'Unsubscribed', 'Demo date'];

const cellArb = {
  Name: fc.constantFrom('Ada', 'Bo', 'Cy', ''),
  Title: fc.constantFrom('VP Sales', 'Head of Growth', 'Engineer', 'Student', 'ceo', '', '#N/A'),
  Size: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constantFrom('1,200', '30', 'big', '')),
  Visits: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom('3', '', 'lots', 2.5, 2.04, '2000000')),
  'Last visit': fc.oneof(fc.integer({ min: -5, max: 400 }).map(daysAgo), fc.constantFrom('', '2026-03-01', 'soon')),
  Email: fc.constantFrom('a@gmail.com', 'b@acme.com', 'c@yahoo.co.uk', '', 'nobody'),
  Unsubscribed: fc.constantFrom(true, false, 'yes', 'no', ''),
  'Demo date': fc.oneof(fc.integer({ min: 0, max: 200 }).map(daysAgo), fc.constant('')),
} satisfies Record<string, fc.Arbitrary<Cell>>;
const leadArb: fc.Arbitrary<Cell[]> = fc.tuple(...HEADERS.map((h) => cellArb[h as keyof typeof cellArb] as fc.Arbitrary<Cell>));

const pts = fc.integer({ min: 0, max: 40 });
const ruleArb: fc.Arbitrary<R> = fc.oneof(
  pts.map((p) => ({ category: 'Fit', field: 'Title', operator: 'contains', value: 'VP, Head', points: p })),
  fc
    .tuple(pts, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2000 }))
    .map(([p, lo, span]) => ({ category: 'Fit', field: 'Size', operator: 'between', value: `${lo}..${lo + span}`, points: p })),
  fc
    .tuple(pts, fc.integer({ min: 0, max: 3000 }))
    .map(([p, n]) => ({ category: 'Fit', field: 'Size', operator: '>=', value: String(n), points: p })),
  pts.map((p) => ({ category: 'Fit', field: 'Title', operator: 'matches', value: '^(vp|ceo)', points: p })),
  fc
    .record({
      points: pts,
      repeat: fc.constantFrom(0.3, 0.5, 0.8, 1, ''),
      max: fc.constantFrom('', 10, 25),
      halfLife: fc.constantFrom('', 7, 30),
      expires: fc.constantFrom('', 60, 365),
    })
    .map((x) => ({ category: 'Behaviour', field: 'Visits', operator: '>', value: '0', per: 'each', dateField: 'Last visit', ...x })),
  fc.tuple(pts, fc.constantFrom(5, 30)).map(([p, h]) => ({
    category: 'Behaviour',
    field: 'Demo date',
    operator: 'is not empty',
    points: p,
    dateField: 'Demo date',
    halfLife: h,
  })),
  pts.map((p) => ({ category: 'Negative', field: 'Email', operator: 'is free email', points: p })),
  pts.map((p) => ({ category: 'Negative', field: 'Unsubscribed', operator: 'is true', points: p })),
  fc
    .tuple(pts, fc.constantFrom(30, 90))
    .map(([p, d]) => ({ category: 'Negative', field: 'Last visit', operator: 'older than days', value: String(d), points: p })),
  fc.constant({ category: 'Disqualify', field: 'Title', operator: 'contains', value: 'Student' }),
);
const rulesArb = fc.array(ruleArb, { minLength: 1, maxLength: 10 });
const settingsArb = fc
  .record({
    maxScore: fc.constantFrom(100, 50),
    maxFit: fc.constantFrom('', 20),
    maxBehaviour: fc.constantFrom('', 30),
    base: fc.constantFrom('', 0, 20, -15, 7.5),
  })
  .map((s) =>
    settingsGrid(
      ['Max score', s.maxScore],
      ['Hot at', s.maxScore * 0.7],
      ['Warm at', s.maxScore * 0.4],
      ['Max fit', s.maxFit],
      ['Max behaviour', s.maxBehaviour],
      ['Base score', s.base],
    ),
  );

const scoreAll = (rules: R[], leads: Cell[][], settings?: Cell[][]) => run(rulesGrid(...rules), HEADERS, leads, { settings });
const summary = (r: ReturnType<typeof scoreAll>) =>
  r.leads.map(
    (l) => l && { score: l.score, fit: l.fit, behaviour: l.behaviour, negative: l.negative, bucket: l.bucket, grade: l.grade, why: l.why },
  );

describe('properties', () => {
  it('the score is a whole number in [0, Max score]', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(leadArb, { minLength: 1, maxLength: 8 }), settingsArb, (rules, leads, settings) => {
        const r = scoreAll(rules, leads, settings);
        for (const l of r.leads) {
          if (!l) continue;
          expect(Number.isInteger(l.score)).toBe(true);
          expect(l.score).toBeGreaterThanOrEqual(0);
          expect(l.score).toBeLessThanOrEqual(r.settings.maxScore);
          if (l.bucket === 'Disqualified') expect(l.score).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('more age never raises a decayed contribution', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0.1, max: 365, noNaN: true }),
        fc.integer({ min: 0, max: 500 }),
        (a, extra, h, base) => {
          expect(decay(base, a + extra, h)).toBeLessThanOrEqual(decay(base, a, h));
        },
      ),
    );
    fc.assert(
      fc.property(rulesArb, leadArb, fc.integer({ min: -5, max: 300 }), fc.integer({ min: 0, max: 300 }), (rules, lead, age, more) => {
        const younger = [...lead];
        younger[4] = daysAgo(age);
        younger[7] = daysAgo(Math.max(age, 0));
        const older = [...lead];
        older[4] = daysAgo(age + more);
        older[7] = daysAgo(Math.max(age, 0) + more);
        const a = scoreAll(rules, [younger]).leads[0];
        const b = scoreAll(rules, [older]).leads[0];
        if (!a || !b) return;
        // per rule row: magnitude of a decayed / expiring contribution can only fall with age
        for (const cb of b.contributions) {
          const ca = a.contributions.find((c) => c.ruleRow === cb.ruleRow);
          if (ca && cb.ageDays !== null && ca.ageDays !== null) expect(Math.abs(cb.points)).toBeLessThanOrEqual(Math.abs(ca.points) + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("raising a matched positive rule's Points never lowers the score", () => {
    fc.assert(
      fc.property(rulesArb, leadArb, fc.nat(), fc.integer({ min: 1, max: 50 }), settingsArb, (rules, lead, pick, raise, settings) => {
        const before = scoreAll(rules, [lead], settings).leads[0];
        if (!before) return;
        const positive = before.contributions.filter((c) => c.category !== 'Negative');
        if (positive.length === 0) return;
        const row = positive[pick % positive.length].ruleRow;
        const raised = rules.map((r, i) => (i + 2 === row ? { ...r, points: Number(r.points) + raise } : r));
        const after = scoreAll(raised, [lead], settings).leads[0]!;
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
      { numRuns: 300 },
    );
  });

  it('scoring is deterministic', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(leadArb, { minLength: 1, maxLength: 5 }), (rules, leads) => {
        expect(summary(scoreAll(rules, leads))).toEqual(summary(scoreAll(rules, leads)));
      }),
      { numRuns: 100 },
    );
  });

  it('the output does not depend on the column order of the Leads tab or the Rules tab', () => {
    const perm = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        rulesArb,
        fc.array(leadArb, { minLength: 1, maxLength: 5 }),
        perm(HEADERS.length),
        perm(RULE_HEADER.length),
        (rules, leads, leadOrder, ruleOrder) => {
          const reference = summary(scoreAll(rules, leads));
          const headers = leadOrder.map((i) => HEADERS[i]);
          const rows = leads.map((row) => leadOrder.map((i) => row[i]));
          const ruleGrid = [RULE_HEADER, ...rules.map(ruleRow)].map((row) => ruleOrder.map((i) => row[i]));
          const permuted = run(ruleGrid, headers, rows);
          expect(summary(permuted)).toEqual(reference);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('bulk scoring (columnar, no contributions) gives the same leads, problems and counts as detailed scoring', () => {
    const strip = (l: LeadScore | null) => l && { ...l, contributions: [] };
    // Leads with blanks, errors, bad counts and dates, duplicate cells; rules of every shape; settings with caps.
    const anyRule = fc.oneof(ruleArb, fc.constant<R>({ category: 'Fit', field: 'Nope', operator: 'is', value: 'x', points: 3 }));
    fc.assert(
      fc.property(
        fc.array(anyRule, { minLength: 0, maxLength: 12 }),
        fc.array(fc.oneof(leadArb, fc.constant(HEADERS.map(() => ''))), { minLength: 1, maxLength: 30 }),
        settingsArb,
        (rules, leads, settings) => {
          const common = {
            settings,
            rules: rulesGrid(...rules),
            headers: HEADERS,
            rows: leads,
            firstRow: 2,
            today: new Date(Date.UTC(2030, 0, 1)),
            asOf: daysAgo(0),
          };
          const detailed = runModel({ ...common, keepContributions: true });
          const bulk = runModel({ ...common, keepContributions: false });
          expect(bulk.leads.map(strip)).toEqual(detailed.leads.map(strip));
          expect(bulk.problems).toEqual(detailed.problems);
          expect(bulk.counts).toEqual(detailed.counts);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('bulk equals detailed across blocks of rows, with Why texts shared between leads', () => {
    const rules = fc.sample(rulesArb, { numRuns: 1, seed: 7 })[0];
    const leads = fc.sample(leadArb, { numRuns: 5000, seed: 11 });
    const common = {
      settings: null,
      rules: rulesGrid(...rules, {
        category: 'Behaviour',
        field: 'Visits',
        operator: '>',
        value: '0',
        per: 'each',
        points: 4,
        dateField: 'Last visit',
        halfLife: 30,
      }),
      headers: HEADERS,
      rows: leads,
      firstRow: 2,
      today: new Date(Date.UTC(2030, 0, 1)),
      asOf: daysAgo(0),
    };
    const detailed = runModel({ ...common, keepContributions: true });
    const bulk = runModel({ ...common, keepContributions: false });
    expect(bulk.leads.map((l) => l && { ...l, contributions: [] })).toEqual(detailed.leads.map((l) => l && { ...l, contributions: [] }));
  });
});
