import { describe, it, expect } from 'vitest';
import { scoreOne, type R } from './helpers';
import { repeatSum } from '../../src/engine';

const visits = (extra: Partial<R> = {}): R => ({
  category: 'Behaviour',
  field: 'Pricing visits',
  operator: '>',
  value: '0',
  points: 8,
  per: 'each',
  ...extra,
});

describe('repeats: Points × (1 + r + … + r^(n−1))', () => {
  it('r = 0.5, n = 3: 8 + 4 + 2 = 14', () => {
    expect(repeatSum(8, 3, 0.5)).toBe(14);
    const l = scoreOne([visits({ repeat: 0.5 })], { 'Pricing visits': 3 });
    expect(l.contributions[0]).toMatchObject({ uncapped: 14, base: 14, points: 14, count: 3 });
    expect(l.why).toBe('+14 Pricing visits ×3');
  });
  it('r = 1 (and the default, blank): n × Points = 3 × 8 = 24', () => {
    expect(repeatSum(8, 3, 1)).toBe(24);
    expect(scoreOne([visits({ repeat: 1 })], { 'Pricing visits': 3 }).score).toBe(24);
    expect(scoreOne([visits()], { 'Pricing visits': 3 }).score).toBe(24);
  });
  it('n = 1 gives Points; r = 0.5 with n = 4: 8 + 4 + 2 + 1 = 15', () => {
    expect(scoreOne([visits({ repeat: 0.5 })], { 'Pricing visits': 1 }).score).toBe(8);
    expect(scoreOne([visits({ repeat: 0.5 })], { 'Pricing visits': 4 }).score).toBe(15);
  });
  it('r = 0.6, n = 2: 6 + 3.6 = 9.6 → 10', () => {
    const l = scoreOne([visits({ points: 6, repeat: 0.6 })], { 'Pricing visits': 2 });
    expect(l.contributions[0].points).toBeCloseTo(9.6, 10);
    expect(l.score).toBe(10);
  });
  it('counts stored as text are counts: "3" → 24', () => {
    expect(scoreOne([visits()], { 'Pricing visits': '3' }).score).toBe(24);
  });
  it('a count of 0 or blank gives nothing', () => {
    expect(scoreOne([visits()], { 'Pricing visits': 0 }).contributions).toEqual([]);
    expect(scoreOne([visits({ operator: 'is not empty' })], { 'Pricing visits': 0 }).contributions).toEqual([]);
    expect(scoreOne([visits()], { Name: 'Jo', 'Pricing visits': '' }).contributions).toEqual([]);
  });
  it('Per "once" (or blank) gives Points once whatever the count', () => {
    expect(scoreOne([visits({ per: 'once' })], { 'Pricing visits': 5 }).score).toBe(8);
    expect(scoreOne([visits({ per: '' })], { 'Pricing visits': 5 }).score).toBe(8);
  });
});
