import { describe, it, expect } from 'vitest';
import { scoreOne, daysAgo, type R } from './helpers';

const webinar: R = { category: 'Behaviour', field: 'Webinar', operator: 'is not empty', points: 10, dateField: 'Webinar', expires: 30 };

describe('Expires after days: contribution = 0 when age > this', () => {
  it('counts at age 30 (not > 30) and gives 0 at age 31', () => {
    expect(scoreOne([webinar], { Webinar: daysAgo(30) }).score).toBe(10);
    const expired = scoreOne([webinar], { Webinar: daysAgo(31) });
    expect(expired.score).toBe(0);
    expect(expired.contributions[0]).toMatchObject({ expired: true, points: 0, ageDays: 31 });
    expect(expired.why).toBe('No rule applies'); // a 0-point contribution is left out of Why
  });
  it('combines with decay: before expiry the decayed value counts', () => {
    // 10 × 0.5^(20/20) = 5 at age 20; expired at 31
    const rule = { ...webinar, halfLife: 20 };
    expect(scoreOne([rule], { Webinar: daysAgo(20) }).contributions[0].points).toBe(5);
    expect(scoreOne([rule], { Webinar: daysAgo(31) }).contributions[0].points).toBe(0);
  });
  it('Expires after 0: only today counts', () => {
    const rule = { ...webinar, expires: 0 };
    expect(scoreOne([rule], { Webinar: daysAgo(0) }).score).toBe(10);
    expect(scoreOne([rule], { Webinar: daysAgo(1) }).score).toBe(0);
  });
  it('a blank date never expires', () => {
    const rule = { ...webinar, field: 'Attended', operator: 'is true', dateField: 'Webinar' };
    const l = scoreOne([rule], { Attended: true, Webinar: '' });
    expect(l.score).toBe(10);
    expect(l.why).toBe('+10 Attended (no date, not decayed)');
  });
  it('an expired Negative subtracts nothing', () => {
    const l = scoreOne(
      [
        { category: 'Fit', field: 'Size', operator: '>', value: '0', points: 20 },
        { category: 'Negative', field: 'Complaint', operator: 'is not empty', points: 15, dateField: 'Complaint', expires: 60 },
      ],
      { Size: 10, Complaint: daysAgo(61) },
    );
    expect(l.score).toBe(20);
    expect(l.negative).toBe(0);
  });
});
