import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost, loadWorkbook, saveWorkbook, createSheet, createWorkbook } from '../../local/index.js';

const dir = mkdtempSync(join(tmpdir(), 'lh-io-'));
const file = (name: string, text?: string) => {
  const p = join(dir, name);
  if (text !== undefined) writeFileSync(p, text);
  return p;
};

describe('CSV', () => {
  it('parses types, keeps spaces, blank lines are blank rows', async () => {
    const p = file('leads.csv', 'Name,Size,Active,Signed up\r\n Ada ,120,TRUE,2026-03-05\r\n\r\nBob,-1.5,false,2026-03-05 14:30\r\n');
    const wb = await loadWorkbook(p);
    expect(wb.sheets[0].name).toBe('Leads');
    expect(wb.sheets[0].values).toEqual([
      ['Name', 'Size', 'Active', 'Signed up'],
      [' Ada ', 120, true, new Date(Date.UTC(2026, 2, 5))],
      ['', '', '', ''],
      ['Bob', -1.5, false, new Date(Date.UTC(2026, 2, 5, 14, 30))],
    ]);
    expect([wb.sheets[0].maxRows, wb.sheets[0].maxColumns]).toEqual([1000, 26]);
  });

  it('an unclosed quote is one clear sentence', async () => {
    const p = file('bad.csv', 'Name,Note\nAda,"never closed\nBob,x\n');
    await expect(loadWorkbook(p)).rejects.toThrow(
      /^The CSV file .*bad\.csv is malformed: a quoted field is never closed \(the file ends inside quotes, line \d+\)\.$/,
    );
  });

  it('a row with the wrong number of fields', async () => {
    const p = file('ragged.csv', 'a,b,c\n1,2\n');
    await expect(loadWorkbook(p)).rejects.toThrow(`The CSV file ${p} is malformed: line 2 has 2 fields but the header has 3.`);
  });

  it('empty and missing files', async () => {
    await expect(loadWorkbook(file('empty.csv', '\n'))).rejects.toThrow(`The CSV file ${join(dir, 'empty.csv')} is empty.`);
    await expect(loadWorkbook(join(dir, 'nope.csv'))).rejects.toThrow(`The file ${join(dir, 'nope.csv')} does not exist.`);
  });

  it('saves one sheet with ISO dates and quoting', async () => {
    const wb = createWorkbook([
      createSheet('Leads', [
        ['Name', 'When', 'Why'],
        ['Ada', new Date(Date.UTC(2026, 2, 5)), '+15 a, b'],
        ['Bob', new Date(Date.UTC(2026, 2, 5, 9, 5)), true],
      ]),
    ]);
    const p = join(dir, 'out.csv');
    await saveWorkbook(wb, p);
    expect(readFileSync(p, 'utf8')).toBe('Name,When,Why\r\nAda,2026-03-05,"\'+15 a, b"\r\nBob,2026-03-05T09:05:00,TRUE\r\n');
  });
});

describe('xlsx', () => {
  it('corrupt and unsupported files', async () => {
    const p = file('corrupt.xlsx', 'this is not a zip');
    await expect(loadWorkbook(p)).rejects.toThrow(
      new RegExp(`^The file ${p.replace(/[.]/g, '\\.')} is not a readable \\.xlsx workbook \\(.*\\)\\.$`),
    );
    await expect(loadWorkbook(file('x.txt', 'x'))).rejects.toThrow('only .xlsx and .csv files are supported.');
  });

  it('round trip: load → modify through the services → save → load again', async () => {
    const start = createWorkbook([
      createSheet('Leads', [
        ['Name', 'Signed up', 'Score', 'Bucket', 'Why'],
        ['Ada', new Date(Date.UTC(2026, 2, 5)), 10, '', ''],
        ['Bob', new Date(Date.UTC(2026, 1, 1, 8, 30)), 80, '', ''],
      ]),
      createSheet('Rules', [['Category', 'Enabled']]),
    ]);
    start.sheets[0].formulas.set('2,3', '=5*2');
    const first = join(dir, 'first.xlsx');
    await saveWorkbook(start, first);

    const wb = await loadWorkbook(first, { timeZone: 'Europe/Paris' });
    expect(wb.sheets.map((s) => s.name)).toEqual(['Leads', 'Rules']);
    expect(wb.sheets[0].formulas.get('2,3')).toBe('=5*2');
    expect(wb.sheets[0].values[1][2]).toBe(10);

    const code = `function style() {
      var ss = SpreadsheetApp.getActiveSpreadsheet(); var s = ss.getSheetByName('Leads');
      s.getRange('E2:E3').setNumberFormat('@').setValues([['+15 Title'], ['=not a formula']]);
      s.getRange('D2:D3').setValues([['Cold'], ['Hot']]);
      var rule = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$D2="Hot"').setBackground('#F4CCCC').setRanges([s.getRange('A2:E3')]).build();
      s.setConditionalFormatRules(s.getConditionalFormatRules().concat([rule]));
      s.getRange('D2:D3').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Hot', 'Warm', 'Cold'], true).setAllowInvalid(false).build());
      ss.getSheetByName('Rules').getRange('B2').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      s.setFrozenRows(1);
      s.getRange('A1:E1').setFontWeight('bold').setBackground('#eeeeee');
    }
    function inspect() {
      var s = SpreadsheetApp.getActive().getSheetByName('Leads'); var rules = s.getConditionalFormatRules();
      var c = rules[0].getBooleanCondition(); var dv = s.getRange('D2').getDataValidation();
      var cb = SpreadsheetApp.getActive().getSheetByName('Rules').getRange('B2').getDataValidation();
      return JSON.stringify([rules.length, rules[0].getRanges().map(function (r) { return r.getA1Notation(); }), c.getCriteriaType(), c.getCriteriaValues(), c.getBackground(),
        dv.getCriteriaType(), dv.getCriteriaValues(), dv.getAllowInvalid(), cb.getCriteriaType(), s.getFrozenRows(),
        s.getRange('B2').getValue().toISOString(), s.getRange('E2:E3').getValues()]);
    }`;
    createHost(wb, { code }).run('style');
    const second = join(dir, 'second.xlsx');
    await saveWorkbook(wb, second);
    const again = await loadWorkbook(second, { timeZone: 'Europe/Paris' });
    const expected = JSON.stringify([
      1,
      ['A2:E3'],
      'CUSTOM_FORMULA',
      ['=$D2="Hot"'],
      '#f4cccc',
      'VALUE_IN_LIST',
      [['Hot', 'Warm', 'Cold'], true],
      false,
      'CHECKBOX',
      1,
      '2026-03-04T23:00:00.000Z',
      [['+15 Title'], ['=not a formula']],
    ]);
    expect(createHost(wb, { code }).run('inspect')).toBe(expected);
    expect(createHost(again, { code }).run('inspect')).toBe(expected);
    expect(again.sheets[0].numberFormats.get('2,5')).toBe('@');
    expect(again.sheets[0].fontWeights.get('1,1')).toBe('bold');
    expect(again.sheets[0].backgrounds.get('1,1')).toBe('#eeeeee');
    expect(again.sheets[0].values[2][1]).toEqual(new Date(Date.UTC(2026, 1, 1, 8, 30)));
  });

  it('error values and rich text load as their text', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const x = new ExcelJS.Workbook();
    const ws = x.addWorksheet('Data');
    ws.getCell('A1').value = { error: '#N/A' } as never;
    ws.getCell('B1').value = { richText: [{ text: 'Big ' }, { text: 'Co', font: { bold: true } }] };
    ws.getCell('C1').value = { formula: 'A1', result: { error: '#N/A' } } as never;
    ws.mergeCells('A3:B3');
    const p = join(dir, 'errors.xlsx');
    await x.xlsx.writeFile(p);
    const wb = await loadWorkbook(p);
    expect(wb.sheets[0].values[0]).toEqual(['#N/A', 'Big Co', '#N/A']);
    expect(wb.sheets[0].formulas.get('1,3')).toBe('=A1');
  });

  it('a failed save leaves no partial file', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'lh-save-'));
    const wb = createWorkbook();
    await expect(saveWorkbook(wb, join(sub, 'missing-dir', 'out.xlsx'))).rejects.toThrow(/^Could not write /);
    expect(readdirSync(sub)).toEqual([]);
  });
});
