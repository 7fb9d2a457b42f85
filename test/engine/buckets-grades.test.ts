import { describe, it, expect } from 'vitest';
import { scoreOne, settingsGrid } from './helpers';
import { bucketFor, gradeFor, DEFAULT_SETTINGS } from '../../src/engine';

const points = (fit: number) => scoreOne([{ category: 'Fit', field: 'P', operator: 'is not empty', points: fit }], { P: 'x' });

describe('buckets: Hot ≥ Hot at (70), Warm ≥ Warm at (40), else Cold', () => {
  it.each([
    [70, 'Hot'],
    [100, 'Hot'],
    [69, 'Warm'],
    [40, 'Warm'],
    [39, 'Cold'],
    [0, 'Cold'],
  ])('score %i → %s', (s, b) => {
    expect(bucketFor(s, DEFAULT_SETTINGS)).toBe(b);
    expect(points(s).bucket).toBe(b);
  });
  it('uses the rounded score: 69.5 → 70 → Hot, 39.4 → 39 → Cold', () => {
    expect(points(69.5)).toMatchObject({ score: 70, bucket: 'Hot' });
    expect(points(39.4)).toMatchObject({ score: 39, bucket: 'Cold' });
  });
  it('uses the Hot at / Warm at settings', () => {
    const settings = settingsGrid(['Hot at', 50], ['Warm at', 25]);
    const at = (fit: number) =>
      scoreOne([{ category: 'Fit', field: 'P', operator: 'is not empty', points: fit }], { P: 'x' }, { settings }).bucket;
    expect([at(50), at(49), at(25), at(24)]).toEqual(['Hot', 'Warm', 'Warm', 'Cold']);
  });
});

describe('grades from fit: A ≥ 30, B ≥ 20, C ≥ 10, else D', () => {
  it.each([
    [30, 'A'],
    [45, 'A'],
    [29, 'B'],
    [20, 'B'],
    [19, 'C'],
    [10, 'C'],
    [9, 'D'],
    [0, 'D'],
  ])('fit %i → %s', (f, g) => {
    expect(gradeFor(f, DEFAULT_SETTINGS)).toBe(g);
    expect(points(f).grade).toBe(g);
  });
  it('behaviour does not change the grade', () => {
    const l = scoreOne(
      [
        { category: 'Fit', field: 'P', operator: 'is not empty', points: 5 },
        { category: 'Behaviour', field: 'B', operator: 'is not empty', points: 90 },
      ],
      { P: 'x', B: 'y' },
    );
    expect(l).toMatchObject({ score: 95, bucket: 'Hot', grade: 'D' });
  });
  it('uses the Grade settings', () => {
    const settings = settingsGrid(['Grade A at', 50], ['Grade B at', 40], ['Grade C at', 5]);
    const g = (fit: number) =>
      scoreOne([{ category: 'Fit', field: 'P', operator: 'is not empty', points: fit }], { P: 'x' }, { settings }).grade;
    expect([g(50), g(49), g(40), g(39), g(5), g(4)]).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
  });
});
