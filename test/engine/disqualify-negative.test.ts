import { describe, it, expect } from 'vitest';
import { scoreOne, type R } from './helpers';

const base: R[] = [
  { category: 'Fit', field: 'Size', operator: '>=', value: '50', points: 50 },
  { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 40 },
];

describe('Disqualify', () => {
  const dq: R = { category: 'Disqualify', field: 'Title', operator: 'contains', value: 'Student, Intern' };
  it('wins: score 0 and bucket Disqualified even with 50 + 40 = 90 points', () => {
    const l = scoreOne([...base, dq], { Size: 100, Demo: true, Title: 'PhD Student' });
    expect(l).toMatchObject({ score: 0, bucket: 'Disqualified', disqualifiedBy: ['Title contains Student'] });
    expect(l.why.startsWith('Disqualified: Title contains Student')).toBe(true);
  });
  it('does nothing when it does not hold', () => {
    const l = scoreOne([...base, dq], { Size: 100, Demo: true, Title: 'CEO' });
    expect(l).toMatchObject({ score: 90, bucket: 'Hot', disqualifiedBy: [] });
  });
  it('needs no Points', () => {
    const l = scoreOne([dq], { Title: 'intern' });
    expect(l.bucket).toBe('Disqualified');
  });
  it('alias categories: Disqualifier', () => {
    const l = scoreOne([{ ...dq, category: 'disqualifier' }], { Title: 'intern' });
    expect(l.bucket).toBe('Disqualified');
  });
});

describe('Negative rules always subtract', () => {
  it.each([[10], [-10], ['10'], ['-10']])('Points %s → −10', (p) => {
    // 50 + 40 − 10 = 80
    const l = scoreOne([...base, { category: 'Negative', field: 'Email', operator: 'is free email', points: p }], {
      Size: 60,
      Demo: true,
      Email: 'x@gmail.com',
    });
    expect(l.negative).toBe(-10);
    expect(l.score).toBe(80);
    expect(l.why).toBe('+50 Size ≥ 50 · +40 Demo · −10 free email');
  });
  it('sum all negatives: −10 − 20 = −30', () => {
    const l = scoreOne(
      [
        ...base,
        { category: 'Negative', field: 'Email', operator: 'is free email', points: 10 },
        { category: 'Negative', field: 'Unsubscribed', operator: 'is true', points: 20 },
      ],
      { Size: 60, Demo: false, Email: 'x@gmail.com', Unsubscribed: 'yes' },
    );
    expect(l).toMatchObject({ fit: 50, behaviour: 0, negative: -30, score: 20 });
  });
  it('a Fit rule with negative Points lowers fit (it is not forced positive)', () => {
    // 50 − 5 = 45
    const l = scoreOne([...base, { category: 'Fit', field: 'Country', operator: 'is', value: 'Nowhere', points: -5 }], {
      Size: 60,
      Demo: false,
      Country: 'nowhere',
    });
    expect(l.fit).toBe(45);
  });
  it('Behaviour alias spellings: Behavior, Engagement', () => {
    for (const c of ['Behavior', 'engagement', 'BEHAVIOUR']) {
      const l = scoreOne([{ category: c, field: 'Demo', operator: 'is true', points: 7 }], { Demo: true });
      expect(l.behaviour).toBe(7);
    }
  });
});
