import { describe, it, expect } from 'vitest';
import { scoreOne, daysAgo, run, rulesGrid, AS_OF, type R } from './helpers';
import { signedPoints, formatNumber, runModel, type Cell, type LeadScore } from '../../src/engine';

const MINUS = '\u2212';

describe('Why text', () => {
  const rules: R[] = [
    { category: 'Negative', field: 'Email', operator: 'is free email', points: 10 },
    {
      category: 'Behaviour',
      field: 'Pricing visits',
      operator: '>',
      value: '0',
      points: 10,
      per: 'each',
      repeat: 0.5,
      dateField: 'Last pricing visit',
      halfLife: 42,
    },
    { category: 'Fit', field: 'Title', operator: 'contains', value: 'Director, VP', points: 15 },
  ];
  const lead = { Title: 'vp sales', 'Pricing visits': 3, 'Last pricing visit': daysAgo(21), Email: 'jo@gmail.com' };

  it('reproduces the README Why example exactly: largest magnitude first, " · " between, U+2212 minus', () => {
    // Title: +15. Pricing: 10 + 5 + 2.5 = 17.5, × 0.5^(21/42) = 17.5 × 0.7071 = 12.37 → +12. Email: −10.
    const l = scoreOne(rules, lead);
    expect(l.why).toBe(`+15 Title contains VP · +12 Pricing visits ×3 (decayed from 17.5, 21 d) · ${MINUS}10 free email`);
    expect(l.contributions.find((c) => c.category === 'Behaviour')!.points).toBeCloseTo(17.5 * Math.SQRT1_2, 10);
    // 15 + 12.374 − 10 = 17.37 → 17
    expect(l.score).toBe(17);
    expect(l.why).not.toContain('-'); // never an ASCII minus: a leading '-' would be a formula
  });
  it('orders a bigger negative before smaller positives', () => {
    const l = scoreOne(
      [
        { category: 'Fit', field: 'A', operator: 'is true', points: 5 },
        { category: 'Negative', field: 'B', operator: 'is true', points: 20 },
        { category: 'Fit', field: 'C', operator: 'is true', points: 8 },
      ],
      { A: true, B: true, C: true },
    );
    expect(l.why).toBe(`${MINUS}20 B · +8 C · +5 A`);
  });
  it('breaks ties by Rules row', () => {
    const l = scoreOne(
      [
        { category: 'Fit', field: 'A', operator: 'is true', points: 5 },
        { category: 'Behaviour', field: 'B', operator: 'is true', points: 5 },
        { category: 'Negative', field: 'C', operator: 'is true', points: 5 },
      ],
      { A: true, B: true, C: true },
    );
    expect(l.why).toBe(`+5 A · +5 B · ${MINUS}5 C`);
  });
  it('says "No rule applies" when nothing holds', () => {
    expect(scoreOne(rules, { Title: 'Engineer', 'Pricing visits': 0, 'Last pricing visit': '', Email: 'jo@acme.com' }).why).toBe(
      'No rule applies',
    );
  });
  it('names the Leads column as written in the Leads header, for once and each rules alike', () => {
    const l = scoreOne(
      [
        { category: 'Fit', field: 'company_size', operator: '>', value: '10', points: 10 },
        { category: 'Behaviour', field: 'pricing visits', operator: '>', value: '0', points: 4, per: 'each' },
      ],
      { 'Company size': 50, 'Pricing Visits': 2 },
    );
    expect(l.why).toBe('+10 Company size > 10 · +8 Pricing Visits ×2');
  });
  it('signedPoints and formatNumber', () => {
    expect(signedPoints(12.4)).toBe('+12');
    expect(signedPoints(-9.5)).toBe(`${MINUS}10`);
    expect(signedPoints(0)).toBe('+0');
    expect(formatNumber(17.5)).toBe('17.5');
    expect(formatNumber(17.04)).toBe('17');
    expect(formatNumber(20)).toBe('20');
  });
  it('lists lead issues after the reasons', () => {
    const l = scoreOne(
      [
        { category: 'Fit', field: 'Size', operator: '>', value: '10', points: 10 },
        { category: 'Fit', field: 'Title', operator: 'is not empty', points: 3 },
      ],
      { Size: 'big', Title: 'CEO' },
    );
    expect(l.why).toBe("+3 Title · ⚠ Size 'big' is not a number");
  });
});

describe('Why texts shared between leads in one run', () => {
  const rules = rulesGrid(
    {
      category: 'Behaviour',
      field: 'Visits',
      operator: '>',
      value: '0',
      points: 10,
      per: 'each',
      repeat: 0.5,
      dateField: 'Last visit',
      halfLife: 30,
    },
    { category: 'Fit', field: 'Industry', operator: 'is', value: 'Software, Retail', points: 6 },
  );
  const headers = ['Visits', 'Last visit', 'Industry'];

  it('gives each lead its own text when leads share a rule, label and age but not a count', () => {
    // 2 visits 30 d ago: 10 + 5 = 15, × 0.5 = 7.5 → +8. 2.04 visits: 20 × (1 − 0.5^2.04) = 20 × 0.75685
    // = 15.14, × 0.5 = 7.57 → +8. Same label "Visits ×2" (one decimal), same age, but the base differs.
    const r = run(rules, headers, [
      [2, daysAgo(30), ''],
      [2.04, daysAgo(30), ''],
      [2, daysAgo(30), ''],
    ]);
    const [a, b, c] = r.leads.map((l) => l!.why);
    expect(a).toBe('+8 Visits ×2 (decayed from 15, 30 d)');
    expect(b).toBe('+8 Visits ×2 (decayed from 15.1, 30 d)');
    expect(c).toBe(a);
  });

  it('keeps texts apart for different ages, labels and alternatives', () => {
    // 1 visit 30 days ago: 10 × 0.5 = 5; 1 visit today: 10; Software and Retail: different labels.
    const r = run(rules, headers, [
      [1, daysAgo(30), 'Software'],
      [1, daysAgo(0), 'Retail'],
      [1, daysAgo(30), 'retail'],
    ]);
    expect(r.leads.map((l) => l!.why)).toEqual([
      '+6 Industry is Software · +5 Visits ×1 (decayed from 10, 30 d)',
      '+10 Visits ×1 · +6 Industry is Retail',
      '+6 Industry is Retail · +5 Visits ×1 (decayed from 10, 30 d)',
    ]);
  });

  it('bulk scoring (no contributions kept) writes the same totals and Why as scoring with contributions', () => {
    const rows: Cell[][] = [];
    for (let i = 0; i < 60; i++)
      rows.push([i % 7 === 0 ? '' : (i % 5) + 0.5 * (i % 2), i % 3 ? daysAgo(i) : '', ['Software', 'Retail', 'Other', ''][i % 4]]);
    const common = { settings: null, rules, headers, rows, firstRow: 2, today: new Date(Date.UTC(2030, 0, 1)), asOf: AS_OF };
    const kept = runModel({ ...common, keepContributions: true });
    const bulk = runModel({ ...common, keepContributions: false });
    const strip = (l: LeadScore | null) => l && { ...l, contributions: [] };
    expect(bulk.leads.map(strip)).toEqual(kept.leads.map(strip));
    expect(bulk.leads.every((l) => l === null || l.contributions.length === 0)).toBe(true);
    expect(kept.leads.filter((l) => l && l.contributions.length > 0).length).toBeGreaterThan(30);
  });
});

describe('contribution order', () => {
  it('lists a lead’s contributions largest magnitude first, ties by Rules row, including 0-point ones', () => {
    // Rows 2..5: +5, −20 (Negative), +8, +5 (tie with row 2); row 6 expired → 0 points, last.
    const l = scoreOne(
      [
        { category: 'Fit', field: 'A', operator: 'is true', points: 5 },
        { category: 'Negative', field: 'B', operator: 'is true', points: 20 },
        { category: 'Fit', field: 'C', operator: 'is true', points: 8 },
        { category: 'Fit', field: 'D', operator: 'is true', points: 5 },
        { category: 'Behaviour', field: 'E', operator: 'is not empty', points: 30, dateField: 'E', expires: 10 },
      ],
      { A: true, B: true, C: true, D: true, E: daysAgo(40) },
    );
    expect(l.contributions.map((c) => [c.ruleRow, c.points])).toEqual([
      [3, -20],
      [4, 8],
      [2, 5],
      [5, 5],
      [6, 0],
    ]);
  });
});
