import { describe, it, expect } from 'vitest';
import { scoreOne, settingsGrid, run, rulesGrid } from './helpers';
import { parseSettings } from '../../src/engine';

// README "Tune the model from outcomes" "Base score": score = round(clamp(Base score + fit + behaviour + negative, 0, Max score)).
const rules = [
  { category: 'Fit', field: 'Size', operator: '>', value: '0', points: 15 },
  { category: 'Negative', field: 'Unsubscribed', operator: 'is true', points: 10 },
];
const base = (b: number | string) => settingsGrid(['Base score', b]);

describe('Base score', () => {
  it('is added before the clamp: 20 + 15 − 10 = 25, and Why starts with it', () => {
    const l = scoreOne(rules, { Size: 3, Unsubscribed: true }, { settings: base(20) });
    expect(l).toMatchObject({ fit: 15, negative: -10, score: 25, bucket: 'Cold' });
    expect(l.why).toBe('base 20 · +15 Size > 0 · −10 Unsubscribed');
  });
  it('a negative base clamps at 0: −35 + 15 = −20 → 0; Why says base −35', () => {
    const l = scoreOne(rules, { Size: 3, Unsubscribed: false }, { settings: base(-35) });
    expect(l.score).toBe(0);
    expect(l.why).toBe('base −35 · +15 Size > 0');
  });
  it('clamps at Max score: 90 + 15 = 105 → 100 (Hot)', () => {
    expect(scoreOne(rules, { Size: 3, Unsubscribed: false }, { settings: base(90) })).toMatchObject({ score: 100, bucket: 'Hot' });
  });
  it('a lead no rule applies to gets the base alone; Why is "base 20"', () => {
    const l = scoreOne(rules, { Size: 0, Unsubscribed: false }, { settings: base(20) });
    expect(l).toMatchObject({ score: 20, why: 'base 20' });
  });
  it('base 0 (the default) changes nothing: Why has no base part', () => {
    const l = scoreOne(rules, { Size: 3, Unsubscribed: false });
    expect(l).toMatchObject({ score: 15, why: '+15 Size > 0' });
  });
  it('disqualified leads score 0 and their Why does not show the base', () => {
    const r = [...rules, { category: 'Disqualify', field: 'Title', operator: 'contains', value: 'Student' }];
    const l = scoreOne(r, { Size: 3, Unsubscribed: false, Title: 'Student' }, { settings: base(20) });
    expect(l).toMatchObject({ score: 0, bucket: 'Disqualified', why: 'Disqualified: Title contains Student · +15 Size > 0' });
  });
  it('bulk scoring gives the same Why with the base (shared heads)', () => {
    const leads = [
      [3, false],
      [0, false],
      [3, true],
      [3, false],
    ];
    const r = run(rulesGrid(...rules), ['Size', 'Unsubscribed'], leads, { settings: base(20) });
    expect(r.leads.map((l) => l?.why)).toEqual([
      'base 20 · +15 Size > 0',
      'base 20',
      'base 20 · +15 Size > 0 · −10 Unsubscribed',
      'base 20 · +15 Size > 0',
    ]);
    expect(r.leads.map((l) => l?.score)).toEqual([35, 20, 25, 35]);
  });
  it('a bad Base score is reported and 0 used; Max suggested rules must be 1..50', () => {
    const p = parseSettings(settingsGrid(['Base score', 'lots'], ['Max suggested rules', 0]));
    expect(p.settings.baseScore).toBe(0);
    expect(p.settings.maxSuggestedRules).toBe(10);
    expect(p.problems.map((x) => x.message)).toEqual([
      "Settings row 2, Value: Base score: 'lots' is not a number (it may be negative); the default is used.",
      "Settings row 3, Value: Max suggested rules: '0' is not a whole number from 1 to 50; the default is used.",
    ]);
    expect(parseSettings(settingsGrid(['Base score', -12.5], ['Max suggested rules', 5])).settings).toMatchObject({
      baseScore: -12.5,
      maxSuggestedRules: 5,
    });
  });
});
