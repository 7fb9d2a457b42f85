import { describe, expect, it } from 'vitest';
import { runBody, thrown } from './helpers.js';

const sheet = 'var s = SpreadsheetApp.getActiveSheet();';

describe('Range.setValues shape checks', () => {
  it('too few rows: rows are reported first', () => {
    expect(thrown(() => runBody(`${sheet} s.getRange(1, 1, 3, 2).setValues([[1], [2]]);`))).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
  });
  it('wrong width', () => {
    expect(thrown(() => runBody(`${sheet} s.getRange(1, 1, 2, 2).setValues([[1, 2], [3, 4, 5]]);`))).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });
  it('a 1-D array is not a 2-D array', () => {
    expect(thrown(() => runBody(`${sheet} s.getRange(1, 1, 1, 2).setValues([1, 2]);`))).toBe(
      "Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });
  it('nothing is written when the shape is wrong', () => {
    let wbValues: unknown;
    try {
      const r = runBody(`${sheet} s.getRange(1, 1, 2, 2).setValues([[1, 2], [3]]);`);
      wbValues = r.wb.sheets[0].values;
    } catch {
      wbValues = 'threw';
    }
    expect(wbValues).toBe('threw');
  });
  it('the right shape writes the block', () => {
    const { wb } = runBody(`${sheet} s.getRange(2, 2, 2, 2).setValues([[1, 'a'], [true, '']]);`);
    expect(wb.sheets[0].values).toEqual([
      ['', '', ''],
      ['', 1, 'a'],
      ['', true, ''],
    ]);
  });
  it('setNumberFormats checks the shape too', () => {
    expect(thrown(() => runBody(`${sheet} s.getRange(1, 1, 2, 1).setNumberFormats([['@']]);`))).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
  });
});
