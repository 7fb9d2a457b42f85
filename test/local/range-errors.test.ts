import { describe, expect, it } from 'vitest';
import { runBody, thrown } from './helpers.js';

const sheet = "var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');";

describe('Sheet.getRange argument errors', () => {
  it.each([
    ['s.getRange(0, 1)', 'Exception: The starting row of the range is too small.'],
    ['s.getRange(1, 0)', 'Exception: The starting column of the range is too small.'],
    ['s.getRange(2, 1, 0, 3)', 'Exception: The number of rows in the range must be at least 1.'],
    ['s.getRange(2, 1, 1, 0)', 'Exception: The number of columns in the range must be at least 1.'],
    ['s.getRange(1000, 1, 2, 1)', 'Exception: Those rows are out of bounds.'],
    ['s.getRange(1, 26, 1, 2)', 'Exception: Those columns are out of bounds.'],
    ["s.getRange('not a range')", 'Exception: Range not found'],
    ["s.getRange('A1001')", 'Exception: Range not found'],
  ])('%s throws %s', (expr, message) => {
    expect(thrown(() => runBody(`${sheet} ${expr};`))).toBe(message);
  });

  it('accepts the last cell of the 1000 × 26 grid', () => {
    const { result } = runBody(`${sheet} return s.getRange(1000, 26).getA1Notation();`);
    expect(result).toBe('Z1000');
  });

  it('a 0-row range from a computed length throws (empty data)', () => {
    expect(thrown(() => runBody(`${sheet} var rows = []; s.getRange(2, 1, rows.length, 3).setValues(rows);`))).toBe(
      'Exception: The number of rows in the range must be at least 1.',
    );
  });

  it('the error is an Error inside the bundle, named Exception', () => {
    const { result } = runBody(
      `${sheet} try { s.getRange(0, 1); } catch (e) { return [e instanceof Error, e.name, e.message].join('|'); }`,
    );
    expect(result).toBe('true|Exception|The starting row of the range is too small.');
  });
});

describe('A1 notation', () => {
  it('whole columns span the sheet', () => {
    const { result } = runBody(
      `${sheet} var r = s.getRange('B:C'); return [r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()].join(',');`,
    );
    expect(result).toBe('1,2,1000,2');
  });
  it('Spreadsheet.getRange with a sheet name', () => {
    const { result } = runBody(
      `var r = SpreadsheetApp.getActive().getRange("'Leads'!B2:D5"); return r.getSheet().getName() + ' ' + r.getA1Notation();`,
    );
    expect(result).toBe('Leads B2:D5');
  });
  it('Spreadsheet.getRange of a missing sheet: Range not found', () => {
    expect(thrown(() => runBody(`SpreadsheetApp.getActive().getRange('Nope!A1');`))).toBe('Exception: Range not found');
  });
});
