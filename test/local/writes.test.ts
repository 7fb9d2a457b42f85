import { describe, expect, it } from 'vitest';
import { runBody } from './helpers.js';

const a1 = "var r = SpreadsheetApp.getActiveSheet().getRange('A1');";

function written(value: string, plainText = false) {
  const { wb } = runBody(`${a1} ${plainText ? "r.setNumberFormat('@');" : ''} r.setValue(${JSON.stringify(value)});`);
  const s = wb.sheets[0];
  return { value: s.values[0][0], formula: s.formulas.get('1,1') ?? '' };
}

describe('strings written with setValue(s) are parsed like typed input', () => {
  it.each([
    ['12', 12],
    ['-5', -5],
    ['+1', 1],
    ['3.25', 3.25],
    ['1e3', 1000],
    ['50%', 0.5],
    ['true', true],
    ['FALSE', false],
    ['hello', 'hello'],
    ['@alice', '@alice'],
  ])('%j becomes %j', (input, expected) => {
    expect(written(input)).toEqual({ value: expected, formula: '' });
  });

  it('an ISO date becomes a date cell', () => {
    expect(written('2026-03-05').value).toEqual(new Date(Date.UTC(2026, 2, 5)));
  });

  it('a leading apostrophe keeps text and is not part of the value', () => {
    expect(written("'+15 Title")).toEqual({ value: '+15 Title', formula: '' });
    expect(written("'007")).toEqual({ value: '007', formula: '' });
  });

  it("'=' sets a formula, stored but not evaluated", () => {
    expect(written('=LEADSCORE(A2:K2)')).toEqual({ value: '', formula: '=LEADSCORE(A2:K2)' });
  });

  it("'+text' and '-text' are taken as a failing formula", () => {
    expect(written('+15 Title contains VP')).toEqual({ value: '#ERROR!', formula: '=+15 Title contains VP' });
    expect(written('-abc')).toEqual({ value: '#ERROR!', formula: '=-abc' });
  });

  it("with number format '@' every string stays literal text", () => {
    for (const s of ['=SUM(A1)', '+15 x', '-5', '12', 'TRUE', '2026-03-05', "'quoted"]) {
      expect(written(s, true)).toEqual({ value: s, formula: '' });
    }
  });

  it('getFormulas reports the formula and getValues the value', () => {
    const { result } = runBody(`${a1} r.setValue('=1+1'); SpreadsheetApp.getActiveSheet().getRange('B1').setValue('+x');
      var g = SpreadsheetApp.getActiveSheet().getRange('A1:B1'); return JSON.stringify([g.getFormulas(), g.getValues()]);`);
    expect(result).toBe(JSON.stringify([[['=1+1', '=+x']], [['', '#ERROR!']]]));
  });

  it('writing a plain value clears a formula', () => {
    const { wb } = runBody(`${a1} r.setValue('=1+1'); r.setValue(3);`);
    expect(wb.sheets[0].formulas.size).toBe(0);
    expect(wb.sheets[0].values[0][0]).toBe(3);
  });

  it('null and undefined write blanks; numbers and booleans stay as they are', () => {
    const { wb } = runBody(`SpreadsheetApp.getActiveSheet().getRange('A1:D1').setValues([[null, undefined, 0, false]]);`, [
      ['x', 'y', 'z', 'w'],
    ]);
    expect(wb.sheets[0].values[0]).toEqual(['', '', 0, false]);
  });

  it('setValue on a block fills every cell', () => {
    const { wb } = runBody(`SpreadsheetApp.getActiveSheet().getRange('A1:B2').setValue('x');`);
    expect(wb.sheets[0].values).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });
});

describe('reads', () => {
  it("blanks read as '', values keep their types, getLastRow/Column follow content", () => {
    const { result } = runBody(
      `var s = SpreadsheetApp.getActiveSheet(); return JSON.stringify([s.getRange(1, 1, 2, 3).getValues(), s.getLastRow(), s.getLastColumn(), s.getDataRange().getA1Notation()]);`,
      [
        ['a', '', 3],
        [true, '', ''],
      ],
    );
    expect(result).toBe(
      JSON.stringify([
        [
          ['a', '', 3],
          [true, '', ''],
        ],
        2,
        3,
        'A1:C2',
      ]),
    );
  });

  it('an empty sheet: last row 0, data range A1', () => {
    const { result } = runBody(
      `var s = SpreadsheetApp.getActiveSheet(); return [s.getLastRow(), s.getLastColumn(), s.getDataRange().getA1Notation()].join(',');`,
    );
    expect(result).toBe('0,0,A1');
  });

  it('getDisplayValues formats numbers, booleans and dates', () => {
    const { result } = runBody(
      `var s = SpreadsheetApp.getActiveSheet(); s.getRange('B1').setNumberFormat('0.00'); s.getRange('D1').setNumberFormat('yyyy-mm-dd');
       return JSON.stringify(s.getRange('A1:E1').getDisplayValues());`,
      [[7, 2.5, true, new Date(Date.UTC(2026, 2, 5)), new Date(Date.UTC(2026, 2, 5))]],
    );
    expect(result).toBe(JSON.stringify([['7', '2.50', 'TRUE', '2026-03-05', '3/5/2026']]));
  });

  it('backgrounds and font weights are stored and read back', () => {
    const { result } = runBody(
      `var r = SpreadsheetApp.getActiveSheet().getRange('A1:B1'); r.setBackground('#F4CCCC'); r.setFontWeight('bold');
       return JSON.stringify([r.getBackgrounds(), r.getFontWeights(), SpreadsheetApp.getActiveSheet().getRange('C1').getBackground()]);`,
    );
    expect(result).toBe(JSON.stringify([[['#f4cccc', '#f4cccc']], [['bold', 'bold']], '#ffffff']));
  });
});
