import { describe, it, expect } from 'vitest';
import { scoreOne, settingsGrid, daysAgo } from './helpers';
import { roundPoints } from '../../src/engine';

describe('score = round(clamp(fit + behaviour + negative, 0, Max score)), half up', () => {
  it('clamps at 0', () => {
    // 5 − 20 = −15 → 0
    const l = scoreOne(
      [
        { category: 'Fit', field: 'Size', operator: '>', value: '0', points: 5 },
        { category: 'Negative', field: 'Unsubscribed', operator: 'is true', points: 20 },
      ],
      { Size: 10, Unsubscribed: true },
    );
    expect(l).toMatchObject({ fit: 5, negative: -20, score: 0, bucket: 'Cold' });
  });
  it('clamps at Max score (default 100, or the setting)', () => {
    // 80 + 50 = 130 → 100 (or 60 with Max score 60)
    const rules = [
      { category: 'Fit', field: 'Size', operator: '>', value: '0', points: 80 },
      { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 50 },
    ];
    expect(scoreOne(rules, { Size: 1, Demo: true }).score).toBe(100);
    expect(
      scoreOne(rules, { Size: 1, Demo: true }, { settings: settingsGrid(['Max score', 60], ['Hot at', 50], ['Warm at', 30]) }).score,
    ).toBe(60);
  });
  it('rounds .5 up: 10 + 5 × 0.5^(10/10) = 12.5 → 13', () => {
    const l = scoreOne(
      [
        { category: 'Fit', field: 'Size', operator: '>', value: '0', points: 10 },
        { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 5, dateField: 'Demo date', halfLife: 10 },
      ],
      { Size: 1, Demo: true, 'Demo date': daysAgo(10) },
    );
    expect(l.contributions[1].points).toBe(2.5);
    expect(l.score).toBe(13);
    expect(l.behaviour).toBe(3); // 2.5 → 3
  });
  it('rounds below .5 down: 12.4 → 12', () => {
    const l = scoreOne([{ category: 'Fit', field: 'Size', operator: '>', value: '0', points: 12.4 }], { Size: 1 });
    expect(l.score).toBe(12);
  });
  it('roundPoints: half away from zero on magnitude, absorbs float noise', () => {
    expect(roundPoints(2.5)).toBe(3);
    expect(roundPoints(2.4999)).toBe(2);
    expect(roundPoints(-2.5)).toBe(-3);
    expect(roundPoints(0.1 + 0.2 + 2.2)).toBe(3); // 2.5000000000000004 or 2.4999… → 3
    expect(roundPoints(0)).toBe(0);
  });
});
