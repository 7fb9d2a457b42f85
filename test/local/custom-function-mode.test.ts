import { describe, expect, it } from 'vitest';
import { hostWith, thrown } from './helpers.js';

const code = `
function DOUBLE(input) { return Array.isArray(input) ? input.map(function (r) { return r.map(function (c) { return c * 2; }); }) : input * 2; }
function READ() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads').getRange('A1:B1').getValues(); }
function WRITE() { SpreadsheetApp.getActiveSheet().getRange('A1').setValue(1); }
function WRITES() { SpreadsheetApp.getActiveSheet().getRange('A1:A1').setValues([[1]]); }
function INSERT() { SpreadsheetApp.getActive().insertSheet('X'); }
function TOAST() { SpreadsheetApp.getActive().toast('hi'); }
function UI() { SpreadsheetApp.getUi(); }
function PROPREAD() { return PropertiesService.getDocumentProperties().getProperty('k'); }
function PROPWRITE() { PropertiesService.getDocumentProperties().setProperty('k', 'v'); }
function LOCK() { var l = LockService.getDocumentLock(); return l.tryLock(10); }
function DATEARG(d) { return d instanceof Date && d.getTime(); }
function EMAIL() { return Session.getActiveUser().getEmail(); }
function SLOW() { Utilities.sleep(31000); return 1; }
function LOOP() { for (;;) {} }
`;

describe('custom-function mode', () => {
  const make = () => hostWith(code, [[1, 2]], { customFunctionLimitMs: 200 }).host;

  it('runs and reports elapsed ms', () => {
    const r = make().runCustomFunction('DOUBLE', [
      [1, 2],
      [3, ''],
    ]);
    expect(r.value).toEqual([
      [2, 4],
      [6, 0],
    ]);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.ms).toBeLessThan(200);
  });

  it('reads are allowed', () => {
    expect(make().runCustomFunction('READ').value).toEqual([[1, 2]]);
  });

  it.each([
    ['WRITE', 'Exception: You do not have permission to call setValue'],
    ['WRITES', 'Exception: You do not have permission to call setValues'],
    ['INSERT', 'Exception: You do not have permission to call insertSheet'],
    ['TOAST', 'Exception: You do not have permission to call toast'],
    ['UI', 'Exception: Cannot call SpreadsheetApp.getUi() from this context.'],
    ['PROPWRITE', 'Exception: You do not have permission to call setProperty'],
  ])('%s throws %s', (fn, message) => {
    expect(thrown(() => make().runCustomFunction(fn))).toBe(message);
  });

  it('the same functions work from a menu', () => {
    const host = make();
    host.run('WRITE');
    host.run('PROPWRITE');
    expect(host.workbook.sheets[0].values[0][0]).toBe(1);
    expect(host.properties.document.get('k')).toBe('v');
    expect(host.runCustomFunction('PROPREAD').value).toBe('v');
  });

  it('locks work (the guide lists Lock as working in custom functions)', () => {
    expect(make().runCustomFunction('LOCK').value).toBe(true);
  });

  it('Date arguments arrive as Dates of the bundle realm', () => {
    expect(make().runCustomFunction('DATEARG', new Date(Date.UTC(2026, 0, 2))).value).toBe(Date.UTC(2026, 0, 2));
  });

  it('the user identity is withheld', () => {
    const host = make();
    expect(host.runCustomFunction('EMAIL').value).toBe('');
    expect(host.run('EMAIL')).toBe('user@example.com');
  });

  it('exceeding the budget fails with the timeout message (virtual time)', () => {
    const host = hostWith(code).host;
    expect(thrown(() => host.runCustomFunction('SLOW'))).toBe('Exception: Exceeded maximum execution time');
  });

  it('an endless loop is interrupted at the budget', () => {
    expect(thrown(() => make().runCustomFunction('LOOP'))).toBe('Exception: Exceeded maximum execution time');
  });

  it('an unknown function', () => {
    expect(thrown(() => make().runCustomFunction('NOPE'))).toBe('Exception: Script function not found: NOPE');
  });
});
