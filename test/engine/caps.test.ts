import { describe, it, expect } from 'vitest';
import { scoreOne, settingsGrid, daysAgo, type R } from './helpers';

describe('Max points (per rule), applied to the base before decay', () => {
  const rule: R = {
    category: 'Behaviour',
    field: 'Clicks',
    operator: '>',
    value: '0',
    points: 8,
    per: 'each',
    max: 20,
    dateField: 'Last click',
    halfLife: 10,
  };
  it('caps the repeat sum, then decays the cap', () => {
    // 5 × 8 = 40 → capped at 20 → 20 × 0.5^(10/10) = 10 (capping after decay would give 20)
    const l = scoreOne([rule], { Clicks: 5, 'Last click': daysAgo(10) });
    expect(l.contributions[0]).toMatchObject({ uncapped: 40, base: 20, capped: true, points: 10 });
    expect(l.why).toBe('+10 Clicks ×5 (capped at 20, decayed from 20, 10 d)');
  });
  it('leaves a base under the cap alone', () => {
    // 2 × 8 = 16 ≤ 20, age 0
    const l = scoreOne([rule], { Clicks: 2, 'Last click': daysAgo(0) });
    expect(l.contributions[0]).toMatchObject({ base: 16, capped: false, points: 16 });
  });
  it('caps the magnitude of a Negative rule', () => {
    // Bounces 3 × 10 = 30 → capped at 25 → −25
    const l = scoreOne(
      [
        { category: 'Fit', field: 'Title', operator: 'contains', value: 'CEO', points: 40 },
        { category: 'Negative', field: 'Bounces', operator: '>', value: '0', points: 10, per: 'each', max: 25 },
      ],
      { Title: 'CEO', Bounces: 3 },
    );
    expect(l.negative).toBe(-25);
    expect(l.score).toBe(15); // 40 − 25
  });
});

describe('category caps: Max fit, Max behaviour', () => {
  const rules: R[] = [
    { category: 'Fit', field: 'Title', operator: 'contains', value: 'VP', points: 15 },
    { category: 'Fit', field: 'Size', operator: '>=', value: '50', points: 12 },
    { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 30 },
  ];
  const lead = { Title: 'VP Sales', Size: 200, Demo: true };
  it('Max fit 25 caps 15 + 12 = 27 to 25', () => {
    const l = scoreOne(rules, lead, { settings: settingsGrid(['Max fit', 25]) });
    expect(l.fit).toBe(25);
    expect(l.fitUncapped).toBe(27);
    expect(l.score).toBe(55); // 25 + 30
    expect(l.why).toBe('+30 Demo · +15 Title contains VP · +12 Size ≥ 50 · Fit capped at 25 (from 27)');
  });
  it('Max behaviour 20 caps 30 to 20', () => {
    const l = scoreOne(rules, lead, { settings: settingsGrid(['Max behaviour', 20]) });
    expect(l.behaviour).toBe(20);
    expect(l.score).toBe(47); // 27 + 20
    expect(l.why).toContain('Behaviour capped at 20 (from 30)');
  });
  it('blank caps mean no cap', () => {
    const l = scoreOne(rules, lead, { settings: settingsGrid(['Max fit', ''], ['Max behaviour', '']) });
    expect(l.score).toBe(57); // 15 + 12 + 30
  });
  it('negatives are not capped by the category caps', () => {
    const l = scoreOne(
      [...rules, { category: 'Negative', field: 'Email', operator: 'is free email', points: 10 }],
      { ...lead, Email: 'a@gmail.com' },
      { settings: settingsGrid(['Max fit', 25], ['Max behaviour', 20]) },
    );
    expect(l.score).toBe(35); // 25 + 20 − 10
  });
});
