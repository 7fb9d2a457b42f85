import { describe, it, expect } from 'vitest';
import { toNumber, toBool, normalizeKey, isErrorValue, parseDateText, dayToIso, isValidTimeZone, columnLetter } from '../../src/engine';

describe('toNumber', () => {
  it.each([
    [10, 10],
    ['10', 10],
    [' 15 ', 15],
    ['1,200', 1200],
    ['1,234,567.5', 1234567.5],
    ['$30', 30],
    ['-$5', -5],
    ['2.5e3', 2500],
    ['.5', 0.5],
    ['-3', -3],
    ['+4', 4],
  ])('%j → %d', (v, n) => expect(toNumber(v)).toBe(n));
  it.each([[''], ['  '], ['abc'], ['12abc'], ['1,20'], ['10 pts'], [true], [null], [new Date(0)], [NaN], [Infinity], ['#N/A']])(
    '%j → null',
    (v) => {
      expect(toNumber(v as never)).toBeNull();
    },
  );
});

describe('toBool', () => {
  it('reads checkboxes, numbers and yes/no text', () => {
    expect([true, 'Yes', 'y', 'TRUE', '✓', 1].map(toBool)).toEqual([true, true, true, true, true, true]);
    expect([false, 'No', 'n', 'false', 0, 'unchecked'].map(toBool)).toEqual([false, false, false, false, false, false]);
    expect(['', 'maybe', 2, null].map(toBool)).toEqual([null, null, null, null]);
  });
});

describe('normalizeKey: headers match case-, space- and punctuation-insensitively', () => {
  it('"Company size" = "company_size" = "COMPANY-SIZE" = " Company  Size: "', () => {
    const keys = ['Company size', 'company_size', 'COMPANY-SIZE', ' Company  Size: '].map(normalizeKey);
    expect(new Set(keys)).toEqual(new Set(['companysize']));
  });
  it('keeps letters of any script and digits', () => {
    expect(normalizeKey('Größe 2')).toBe('größe2');
  });
});

describe('isErrorValue', () => {
  it('recognises Sheets error strings', () => {
    for (const e of ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#ERROR!']) expect(isErrorValue(e)).toBe(true);
    for (const v of ['#1 customer', '#', 'N/A', 5, '']) expect(isErrorValue(v)).toBe(false);
  });
});

describe('parseDateText: the documented formats', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026-03-05T14:30:00Z', '2026-03-05'],
    ['2026-03-05 09:15', '2026-03-05'],
    ['2026/03/05', '2026-03-05'],
    ['05.03.2026', '2026-03-05'], // day.month.year
    ['3/5/2026', '2026-03-05'], // month/day/year
    ['13/5/2026', '2026-05-13'], // first number above 12: day/month
    ['3/5/26', '2026-03-05'],
    ['5 Mar 2026', '2026-03-05'],
    ['5-Mar-2026', '2026-03-05'],
    ['Mar 5, 2026', '2026-03-05'],
    ['March 5 2026', '2026-03-05'],
    ['Sept 5, 2026', '2026-09-05'],
    ['  2026-03-05  ', '2026-03-05'],
  ])('%s → %s', (text, iso) => {
    const d = parseDateText(text);
    expect(d).not.toBeNull();
    expect(dayToIso(d!)).toBe(iso);
  });
  it.each([['2026-02-30'], ['31/31/2026'], ['yesterday'], ['2026-13-01'], ['5 Foo 2026'], [''], ['45000']])('%s is not a date', (t) => {
    expect(parseDateText(t)).toBeNull();
  });
  it('accepts 29 February only in leap years', () => {
    expect(parseDateText('2028-02-29')).not.toBeNull();
    expect(parseDateText('2026-02-29')).toBeNull();
  });
});

describe('misc', () => {
  it('isValidTimeZone', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
  it('columnLetter', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

import { editDistance } from '../../src/engine/text';
describe('editDistance (did-you-mean hints)', () => {
  it.each([
    ['title', 'title', 0],
    ['titel', 'title', 1],
    ['tilte', 'title', 1],
    ['size', 'sizes', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['ab', 'ba', 1],
    ['ca', 'abc', 3],
  ])('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
