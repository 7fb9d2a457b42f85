import { describe, it, expect } from 'vitest';
import { scoreOne, daysAgo, type R } from './helpers';
import { decay } from '../../src/engine';

const demo = (extra: Partial<R> = {}): R => ({
  category: 'Behaviour',
  field: 'Demo',
  operator: 'is true',
  points: 30,
  dateField: 'Demo date',
  halfLife: 10,
  ...extra,
});

describe('decay: contribution = base × 0.5^(age / half-life)', () => {
  it('halves after one half-life and quarters after two', () => {
    // 30 × 0.5^(10/10) = 15; 30 × 0.5^(20/10) = 7.5
    expect(decay(30, 10, 10)).toBe(15);
    expect(decay(30, 20, 10)).toBe(7.5);
    const one = scoreOne([demo()], { Demo: true, 'Demo date': daysAgo(10) });
    expect(one.contributions[0].points).toBe(15);
    expect(one.behaviour).toBe(15);
    expect(one.score).toBe(15);
    const two = scoreOne([demo()], { Demo: true, 'Demo date': daysAgo(20) });
    expect(two.contributions[0].points).toBe(7.5);
    expect(two.score).toBe(8); // 7.5 rounds half up
    expect(two.why).toBe('+8 Demo (decayed from 30, 20 d)');
  });
  it('age 0 and future dates are not decayed', () => {
    const today = scoreOne([demo()], { Demo: true, 'Demo date': daysAgo(0) });
    expect(today.contributions[0].points).toBe(30);
    expect(today.contributions[0].ageDays).toBe(0);
    expect(today.why).toBe('+30 Demo');
    const future = scoreOne([demo()], { Demo: true, 'Demo date': daysAgo(-5) });
    expect(future.contributions[0].ageDays).toBe(0);
    expect(future.score).toBe(30);
  });
  it('fractional half-lives work: 30 × 0.5^(3/1.5) = 7.5', () => {
    const l = scoreOne([demo({ halfLife: 1.5 })], { Demo: true, 'Demo date': daysAgo(3) });
    expect(l.contributions[0].points).toBe(7.5);
  });
  it('a blank Date field cell counts without decay and Why says so', () => {
    const l = scoreOne([demo()], { Demo: true, 'Demo date': '' });
    expect(l.contributions[0]).toMatchObject({ points: 30, noDate: true, ageDays: null });
    expect(l.score).toBe(30);
    expect(l.why).toBe('+30 Demo (no date, not decayed)');
    expect(l.issues).toEqual([]);
  });
  it('the Date field may be the Field itself', () => {
    // 'Demo requested' holds a date; is not empty; 30 × 0.5^(10/10) = 15
    const l = scoreOne(
      [{ category: 'Behaviour', field: 'Demo requested', operator: 'is not empty', points: 30, dateField: 'Demo requested', halfLife: 10 }],
      { 'Demo requested': daysAgo(10) },
    );
    expect(l.score).toBe(15);
  });
  it('a Behaviour rule without a Date field does not decay', () => {
    const l = scoreOne([{ category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 12 }], { Visits: 3 });
    expect(l.contributions[0]).toMatchObject({ points: 12, ageDays: null });
  });
  it('decay uses date text in the Date field too', () => {
    // 2026-03-31 − 2026-03-11 = 20 d → 30 × 0.25 = 7.5
    const l = scoreOne([demo()], { Demo: 'yes', 'Demo date': '2026-03-11' });
    expect(l.contributions[0].points).toBe(7.5);
  });
});
