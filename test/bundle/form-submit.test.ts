import { describe, expect, it } from 'vitest';
import { createSheet, usedExtent } from '../../local/index';
import { columnValues, day, lead, setUpWorkbook, sheetOf, snapshot } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS as leads } from '../helpers/sample';

const CAPTION = 'Rescore new form responses (on/off)';
type Host = ReturnType<typeof setUpWorkbook>['host'];
const formTriggers = (host: Host) => host.triggers.filter((t) => t.handlerFunction === 'rescoreFormResponse');
const last = (host: Host) => JSON.parse(host.properties.document.get('leadScoring.lastFormResponse') ?? 'null');

// A new response as of 2026-11-20 with the starter rules (src/engine/starter.ts), by hand:
// fit 15 (size 200) + 12 (Head) + 10 (SaaS) + 5 (Canada) = 42; behaviour: demo requested today,
// 30 × 0.5^(0/30) = 30; no negative (globex.com is not a free address; Last activity blank).
// Score 42 + 30 = 72 ≥ Hot at 70: Hot.
const RESPONSE = lead({
  Name: 'Eve',
  Email: 'eve@globex.com',
  Company: 'Globex',
  Title: 'Head of Growth',
  'Company size': 200,
  Industry: 'SaaS',
  Country: 'Canada',
  'Demo requested': day(ASOF),
});

describe('Rescore new form responses through the bundle', () => {
  it('the menu toggle installs one form-submit trigger for this spreadsheet, and removes it', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('onOpen');
    host.clickMenuItem(CAPTION);
    expect(formTriggers(host)).toEqual([
      expect.objectContaining({ eventType: 'ON_FORM_SUBMIT', triggerSource: 'SPREADSHEETS', triggerSourceId: wb.id }),
    ]);
    expect(host.ui.toasts.at(-1)!.message).toMatch(/now scored within seconds/);
    host.clickMenuItem(CAPTION);
    expect(formTriggers(host)).toEqual([]);
    expect(host.ui.toasts.at(-1)!.message).toBe('Rescoring new form responses is off.');
  });

  it('the sidebar switch: on → one trigger, on twice → still one, off → none (the user’s own trigger stays)', () => {
    const { host } = setUpWorkbook(leads, { asOf: ASOF });
    const mine = host.addClockTrigger('myOwnReport', 9);
    expect(host.run('setFormResponsesSwitch', true)).toMatchObject({ ok: true, formResponses: { on: true } });
    host.run('setFormResponsesSwitch', true);
    expect(formTriggers(host).length).toBe(1);
    expect(host.run('getAutomation')).toMatchObject({ ok: true, formResponses: { on: true } });
    expect(host.run('setFormResponsesSwitch', false)).toMatchObject({ ok: true, formResponses: { on: false } });
    expect(host.triggers.map((t) => t.uniqueId)).toEqual([mine]);
  });

  it('at the limit of 20 triggers per script, turning it on says so in Google’s words', () => {
    const { host } = setUpWorkbook(leads, { asOf: ASOF });
    for (let i = 0; i < 20; i++) host.addClockTrigger(`other${i}`, 9);
    const view = host.run('setFormResponsesSwitch', true) as { ok: boolean; error: string };
    expect(view.ok).toBe(false);
    expect(view.error).toMatch(/This script has too many triggers\. Triggers must be deleted from the script before more can be added\./);
    expect(formTriggers(host)).toEqual([]);
  });

  it('a response scores its own row only: one read of the header row and the row, one write of its eight outputs, no Ui, no colour', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    host.run('setFormResponsesSwitch', true);
    const leadsTab = sheetOf(wb, 'Leads');
    const width = usedExtent(leadsTab).cols; // 19 inputs + 8 outputs
    expect(width).toBe(27);
    const before = snapshot(leadsTab);
    const rulesBefore = JSON.stringify(leadsTab.conditionalFormatRules);
    const uiBefore = JSON.stringify(host.ui);
    const settingsCells = usedExtent(sheetOf(wb, 'Settings'));
    const rulesCells = usedExtent(sheetOf(wb, 'Rules'));
    host.resetCalls();

    const result = host.submitForm(RESPONSE);
    expect(result.row).toBe(7); // header + 5 sample rows
    expect(result.runs).toEqual([expect.objectContaining({ handlerFunction: 'rescoreFormResponse', error: null })]);

    // Reads: the Settings and Rules tabs once each, then the header row and the new row (27 cells each).
    expect(host.cells.read).toBe(settingsCells.rows * settingsCells.cols + rulesCells.rows * rulesCells.cols + 2 * 27);
    expect(host.calls.byMethod['Range.getValues']).toBe(4);
    // One write: the eight output cells of row 7; plain text set on its three text cells (Bucket, Grade, Why).
    expect(host.calls.byMethod['Range.setValues']).toBe(1);
    expect(host.cells.written).toBe(8);
    expect(host.calls.byMethod['RangeList.setNumberFormat']).toBe(1);
    const col = (h: string) => leadsTab.values[0].indexOf(h) + 1;
    expect(['Bucket', 'Grade', 'Why'].map((h) => leadsTab.numberFormats.get(`7,${col(h)}`))).toEqual(['@', '@', '@']);
    expect(host.calls.byMethod['Sheet.setConditionalFormatRules']).toBeUndefined();
    expect(JSON.stringify(host.ui)).toBe(uiBefore);

    expect(columnValues(leadsTab, 'Score')).toEqual([74, 11, '', 0, 97, 72]);
    expect(columnValues(leadsTab, 'Fit').at(-1)).toBe(42);
    expect(columnValues(leadsTab, 'Behaviour').at(-1)).toBe(30);
    expect(columnValues(leadsTab, 'Bucket').at(-1)).toBe('Hot');
    expect(last(host)).toMatchObject({ ok: true, row: 7, score: 72, bucket: 'Hot', error: null });
    // Rows 1–6 (and every format) as before; the colour rules untouched.
    const after = JSON.parse(snapshot(leadsTab));
    const was = JSON.parse(before);
    expect(after.values.slice(0, 6)).toEqual(was.values.slice(0, 6));
    expect(after.formats.filter(([k]: [string]) => !k.startsWith('7,'))).toEqual(
      was.formats.filter(([k]: [string]) => !k.startsWith('7,')),
    );
    expect(after.backgrounds).toEqual(was.backgrounds);
    expect(JSON.stringify(leadsTab.conditionalFormatRules)).toBe(rulesBefore);
  });

  it('the document calls do not grow with the number of leads', () => {
    const count = (n: number) => {
      const many = Array.from({ length: n }, (_, i) => lead({ Name: `L${i}`, Email: `l${i}@corp.com`, 'Company size': 100 }));
      const { host } = setUpWorkbook(many, { asOf: ASOF });
      host.run('scoreLeads');
      host.run('setFormResponsesSwitch', true);
      host.resetCalls();
      host.submitForm(RESPONSE);
      return host.calls.total;
    };
    expect(count(500)).toBe(count(5));
  });

  it('a response before any Score leads records that Score leads must run once first, and writes nothing', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('setFormResponsesSwitch', true);
    const result = host.submitForm(RESPONSE);
    expect(result.runs[0].error).toBeNull();
    const leadsTab = sheetOf(wb, 'Leads');
    expect(usedExtent(leadsTab).cols).toBe(19);
    expect(last(host)).toMatchObject({ ok: false, row: 7, error: expect.stringMatching(/^Run Score leads once first/) });
    expect((host.run('getAutomation') as { formResponses: { last: { error: string } } }).formResponses.last.error).toMatch(
      /no Lead scoring columns yet/,
    );
  });

  it('a response landing in another tab than the Leads tab is not scored, and says why', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    wb.sheets.push(createSheet('Form Responses 1', [['Timestamp', 'Email']]));
    host.run('setFormResponsesSwitch', true);
    host.submitForm([day(ASOF), 'x@corp.com'], { sheetName: 'Form Responses 1' });
    expect(last(host)).toMatchObject({
      ok: false,
      row: 2,
      error: expect.stringMatching(/go to the 'Form Responses 1' tab, not to the Leads tab/),
    });
  });
});
