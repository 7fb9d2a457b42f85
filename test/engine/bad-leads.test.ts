import { describe, it, expect } from 'vitest';
import { run, rulesGrid, scoreOne, daysAgo, type R } from './helpers';

const size: R = { category: 'Fit', field: 'Size', operator: '>=', value: '50', points: 20 };
const title: R = { category: 'Fit', field: 'Title', operator: 'contains', value: 'VP', points: 10 };

describe('bad lead cells: no exception, the cell is named in Why, other rules still score', () => {
  it("'#N/A' and '#REF!' in a field give nothing and an issue", () => {
    const l = scoreOne([size, title], { Size: '#N/A', Title: 'VP' });
    expect(l.score).toBe(10);
    expect(l.issues).toEqual(['Size is #N/A']);
    expect(l.why).toBe('+10 Title contains VP · ⚠ Size is #N/A');
    expect(scoreOne([size, title], { Size: 60, Title: '#REF!' }).why).toBe('+20 Size ≥ 50 · ⚠ Title is #REF!');
  });
  it("an error even defeats 'is not empty' and 'does not contain'", () => {
    const l = scoreOne(
      [
        { category: 'Fit', field: 'Title', operator: 'is not empty', points: 5 },
        { category: 'Fit', field: 'Title', operator: 'does not contain', value: 'intern', points: 5 },
      ],
      { Title: '#VALUE!' },
    );
    expect(l.score).toBe(0);
  });
  it('numbers stored as text are numbers', () => {
    expect(scoreOne([size], { Size: '1,200' }).score).toBe(20);
    expect(scoreOne([size], { Size: ' 50 ' }).score).toBe(20);
    expect(scoreOne([size], { Size: '49.99' }).score).toBe(0);
  });
  it('text in a number column is reported, not silently ignored', () => {
    const l = scoreOne([size], { Size: 'about 100' });
    expect(l.score).toBe(0);
    expect(l.issues).toEqual(["Size 'about 100' is not a number"]);
  });
  it('a count cell with text is reported and gives nothing', () => {
    const visits: R = { category: 'Behaviour', field: 'Visits', operator: 'is not empty', points: 5, per: 'each' };
    const l = scoreOne([visits, title], { Visits: 'three', Title: 'VP' });
    expect(l.score).toBe(10);
    expect(l.issues).toEqual(["Visits 'three' is not a count"]);
    expect(scoreOne([visits], { Visits: '-2' }).issues).toEqual(["Visits '-2' is not a count"]);
    expect(scoreOne([visits], { Visits: '3' }).score).toBe(15); // 3 × 5
  });
  it('a date cell used as a count is quoted as its day, whatever the runtime zone (not Date.toString())', () => {
    const visits: R = { category: 'Behaviour', field: 'Visits', operator: 'is not empty', points: 5, per: 'each' };
    // 10 days before the helpers' as-of day, 2026-03-31.
    expect(scoreOne([visits], { Visits: daysAgo(10) }).issues).toEqual(["Visits '2026-03-21' is not a count"]);
  });
  it('dates as text in the documented formats decay like Date cells', () => {
    // As of 2026-03-31; 2026-03-21 is 10 days before: 30 × 0.5^(10/10) = 15
    const demo: R = { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 30, dateField: 'Demo date', halfLife: 10 };
    for (const text of [
      '2026-03-21',
      '2026/03/21',
      '21.03.2026',
      '3/21/2026',
      '21 Mar 2026',
      'Mar 21, 2026',
      'March 21 2026',
      '2026-03-21T08:00:00Z',
    ]) {
      const l = scoreOne([demo], { Demo: true, 'Demo date': text });
      expect(l.contributions[0].ageDays, text).toBe(10);
      expect(l.score, text).toBe(15);
    }
  });
  it('a date cell that is not a date counts without decay and says so', () => {
    const demo: R = { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 30, dateField: 'Demo date', halfLife: 10 };
    // With a real date in another row the column is a date column (a column with no date at all is a rule problem).
    const r = run(
      rulesGrid(demo),
      ['Demo', 'Demo date'],
      [
        [true, 'last week'],
        [true, daysAgo(10)],
      ],
    );
    expect(r.problems).toEqual([]);
    expect(r.leads[0]!.score).toBe(30);
    expect(r.leads[0]!.why).toBe("+30 Demo (no date, not decayed) · ⚠ Demo date 'last week' is not a date, so Demo was not decayed");
    expect(r.leads[1]!.score).toBe(15);
  });
  it('#N/A in a Date field counts without decay and says so', () => {
    const demo: R = { category: 'Behaviour', field: 'Demo', operator: 'is true', points: 30, dateField: 'Demo date', halfLife: 10 };
    const r = run(
      rulesGrid(demo),
      ['Demo', 'Demo date'],
      [
        [true, '#N/A'],
        [true, daysAgo(10)],
      ],
    );
    expect(r.leads[0]!.score).toBe(30);
    expect(r.leads[0]!.issues).toEqual(["Demo date '#N/A' is not a date, so Demo was not decayed"]);
  });
  it('blank rows inside the data are skipped, not an end marker', () => {
    const r = run(
      rulesGrid(size),
      ['Name', 'Size'],
      [
        ['A', 60],
        ['', ''],
        ['C', 70],
      ],
      { firstRow: 2 },
    );
    expect(r.leads.map((l) => l && [l.row, l.score])).toEqual([[2, 20], null, [4, 20]]);
    expect(r.counts).toEqual({ Hot: 0, Warm: 0, Cold: 2, Disqualified: 0 });
  });
  it('short rows (fewer cells than headers) are read as blanks', () => {
    const r = run(rulesGrid(size, title), ['Size', 'Title'], [[60]]);
    expect(r.leads[0]!.score).toBe(20);
  });
  it('duplicate Leads headers are reported (first column used)', () => {
    const r = run(rulesGrid(size), ['Size', 'Name', 'size'], [[60, 'A', 10]], { firstRow: 2 });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      tab: 'Leads',
      row: 1,
      column: 'Size',
      columnIndex: 3,
      reason: "'Size' is the header of 2 columns (A, C); the first, A, is used.",
      message: "Leads row 1, Size: 'Size' is the header of 2 columns (A, C); the first, A, is used.",
    });
    expect(r.leads[0]!.score).toBe(20);
  });
});
