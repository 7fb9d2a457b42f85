import { describe, it, expect } from 'vitest';
import { run, daysAgo } from './helpers';
import { starterRulesGrid, EXAMPLE_LEAD_HEADERS, parseRules, RULE_HEADERS, type Rule } from '../../src/engine';

describe('starter model', () => {
  const grid = starterRulesGrid();
  const parsed = parseRules(grid);
  const rules: Rule[] = parsed.rules;

  it('has the Rules header row and parses with zero problems against EXAMPLE_LEAD_HEADERS', () => {
    expect(grid[0]).toEqual([...RULE_HEADERS]);
    expect(parsed.problems).toEqual([]);
    const r = run(grid, EXAMPLE_LEAD_HEADERS, []);
    expect(r.problems).toEqual([]);
    expect(rules).toHaveLength(grid.length - 1); // every row is a rule
  });
  it('has 12–18 rules across Fit, Behaviour, Negative and one Disqualify', () => {
    expect(rules.length).toBeGreaterThanOrEqual(12);
    expect(rules.length).toBeLessThanOrEqual(18);
    const by = (c: string) => rules.filter((r) => r.category === c);
    expect(by('Fit').length).toBeGreaterThanOrEqual(3);
    expect(by('Behaviour').length).toBeGreaterThanOrEqual(3);
    expect(by('Negative').length).toBeGreaterThanOrEqual(3);
    expect(by('Disqualify')).toHaveLength(1);
  });
  it('Behaviour rules use decay and repeats', () => {
    const behaviour = rules.filter((r) => r.category === 'Behaviour');
    expect(behaviour.some((r) => r.halfLifeDays !== null && r.dateField !== null)).toBe(true);
    expect(behaviour.some((r) => r.per === 'each' && r.repeatFactor < 1)).toBe(true);
  });
  it('Negative rules cover free email, unsubscribed and inactivity', () => {
    const negative = rules.filter((r) => r.category === 'Negative');
    expect(negative.some((r) => r.operator === 'is free email')).toBe(true);
    expect(negative.some((r) => /unsubscribed/i.test(r.field) && r.operator === 'is true')).toBe(true);
    expect(negative.some((r) => r.operator === 'older than days')).toBe(true);
  });
  it('every rule has a note', () => {
    expect(rules.every((r) => r.note.length > 0)).toBe(true);
  });

  it('scores a good fresh lead Hot, by hand', () => {
    const lead: Record<string, unknown> = {
      Name: 'Ada',
      Email: 'ada@acme.com',
      Company: 'Acme',
      Title: 'VP Marketing',
      'Company size': 200,
      Industry: 'SaaS',
      Country: 'Germany',
      'Lead source': 'Web',
      'Demo requested': daysAgo(0),
      'Pricing page visits': 3,
      'Last pricing visit': daysAgo(21),
      'Content downloads': 0,
      'Last download': '',
      'Email clicks': '',
      'Last email click': '',
      'Webinar date': '',
      'Last activity': daysAgo(2),
      Unsubscribed: false,
      'Email bounced': false,
    };
    const r = run(grid, EXAMPLE_LEAD_HEADERS, [EXAMPLE_LEAD_HEADERS.map((h) => lead[h] as never)]);
    const l = r.leads[0]!;
    // Fit: size 15 + title 12 + industry 10 + country 5 = 42 (grade A).
    // Behaviour: demo 30 (age 0) + pricing (8 + 4 + 2 = 14) × 0.5^(21/21) = 7 + active this week 5 = 42.
    // Total 84 → Hot.
    expect(l).toMatchObject({ fit: 42, behaviour: 42, negative: 0, score: 84, bucket: 'Hot', grade: 'A' });
    expect(l.why).toBe(
      '+30 Demo requested · +15 Company size 50–1000 · +12 Title contains VP · +10 Industry is SaaS · ' +
        '+7 Pricing page visits ×3 (decayed from 14, 21 d) · +5 Country is Germany · +5 Last activity within 7 d',
    );
  });
  it('scores a cold, free-email, quiet lead and disqualifies a student', () => {
    const base = Object.fromEntries(EXAMPLE_LEAD_HEADERS.map((h) => [h, ''])) as Record<string, unknown>;
    const quiet: Record<string, unknown> = {
      ...base,
      Name: 'Bo',
      Email: 'bo@gmail.com',
      Title: 'Engineer',
      'Company size': 20,
      'Last activity': daysAgo(120),
    };
    const student: Record<string, unknown> = { ...base, Name: 'Cy', Title: 'Student', 'Company size': 200 };
    const r = run(
      grid,
      EXAMPLE_LEAD_HEADERS,
      [quiet, student].map((lead) => EXAMPLE_LEAD_HEADERS.map((h) => lead[h] as never)),
    );
    // Bo: size 11..49 → +8; free email −10; inactive 120 > 90 days −15 → 8 − 25 = −17 → 0.
    expect(r.leads[0]).toMatchObject({ fit: 8, negative: -25, score: 0, bucket: 'Cold', grade: 'D' });
    expect(r.leads[1]).toMatchObject({ score: 0, bucket: 'Disqualified', fit: 15 });
  });
});
