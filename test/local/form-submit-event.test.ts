import { describe, expect, it } from 'vitest';
import { hostWith, thrown } from './helpers';

// The form-submit event object (https://developers.google.com/apps-script/guides/triggers/events#form-submit).
const code = `
function install() { ScriptApp.newTrigger('onResponse').forSpreadsheet(SpreadsheetApp.getActive()).onFormSubmit().create(); }
function onResponse(e) {
  PropertiesService.getScriptProperties().setProperty('event', JSON.stringify({
    keys: Object.keys(e).sort(),
    authMode: String(e.authMode),
    namedValues: e.namedValues,
    values: e.values,
    a1: e.range.getA1Notation(),
    sheet: e.range.getSheet().getName(),
    row: e.range.getValues()[0],
    uid: e.triggerUid,
    isArray: Array.isArray(e.values),
  }));
}
function withUi() { SpreadsheetApp.getUi(); }
`;

describe('host.submitForm', () => {
  it('appends the response after the last row and fires each form-submit trigger with the event object', () => {
    const { wb, host } = hostWith(code, [
      ['Timestamp', 'Name', 'Company size'],
      [new Date(Date.UTC(2026, 10, 19, 8, 0, 0)), 'Ada', 120],
    ]);
    host.run('install');
    const uid = host.triggers[0].uniqueId;
    const out = host.submitForm([new Date(Date.UTC(2026, 10, 20, 9, 5, 0)), 'Eve <x>', 200]);
    expect(out).toEqual({ row: 3, runs: [{ uniqueId: uid, handlerFunction: 'onResponse', error: null }] });
    expect(wb.sheets[0].values[2]).toEqual([new Date(Date.UTC(2026, 10, 20, 9, 5, 0)), 'Eve <x>', 200]);
    const e = JSON.parse(host.properties.script.get('event')!);
    expect(e).toEqual({
      keys: ['authMode', 'namedValues', 'range', 'triggerUid', 'values'],
      authMode: 'FULL',
      namedValues: { Timestamp: ['11/20/2026 9:05:00'], Name: ['Eve <x>'], 'Company size': ['200'] },
      values: ['11/20/2026 9:05:00', 'Eve <x>', '200'],
      a1: 'A3:C3',
      sheet: 'Leads',
      row: ['2026-11-20T09:05:00.000Z', 'Eve <x>', 200],
      uid,
      isArray: true,
    });
  });

  it('without a form-submit trigger the row is still written; clock triggers are not fired', () => {
    const { wb, host } = hostWith(code, [['Name']]);
    host.addClockTrigger('onResponse', 7);
    expect(host.submitForm(['Bo'])).toEqual({ row: 2, runs: [] });
    expect(wb.sheets[0].values[1]).toEqual(['Bo']);
  });

  it('a form-submit run has no user interface', () => {
    const { host } = hostWith(
      `${code}\nfunction installUi() { ScriptApp.newTrigger('withUi').forSpreadsheet(SpreadsheetApp.getActive()).onFormSubmit().create(); }`,
      [['Name']],
    );
    host.run('installUi');
    expect(host.submitForm(['Bo']).runs[0].error).toBe('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
    expect(thrown(() => host.submitForm(['Bo'], { sheetName: 'Nope' }))).toMatch(/no sheet named "Nope"/);
  });
});
