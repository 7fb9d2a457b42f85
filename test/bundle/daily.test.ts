import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../local/index';
import { columnValues, setUpWorkbook, sheetOf } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS as leads } from '../helpers/sample';

const CAPTION = 'Rescore every day (on/off)';
const dailyTriggers = (host: ReturnType<typeof setUpWorkbook>['host']) => host.triggers.filter((t) => t.handlerFunction === 'dailyRescore');
const automatic = (host: ReturnType<typeof setUpWorkbook>['host']) =>
  JSON.parse(host.properties.document.get('leadScoring.lastAutomaticRun') ?? 'null');

describe('Rescore every day through the bundle', () => {
  it('the menu item turns on exactly one daily trigger at 7, and off again', () => {
    const { host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('onOpen');
    host.clickMenuItem(CAPTION);
    expect(dailyTriggers(host)).toEqual([
      expect.objectContaining({ handlerFunction: 'dailyRescore', eventType: 'CLOCK', atHour: 7, everyDays: 1 }),
    ]);
    expect(host.ui.toasts.at(-1)!.message).toMatch(/every day between 07:00 and 08:00/);
    host.clickMenuItem(CAPTION);
    expect(dailyTriggers(host)).toEqual([]);
    expect(host.ui.toasts.at(-1)!.message).toBe('Daily rescoring is off.');
  });

  it('on twice leaves one; off removes only it, not an unrelated trigger', () => {
    const { host } = setUpWorkbook(leads, { asOf: ASOF });
    const mine = host.addClockTrigger('myOwnReport', 9);
    host.run('setDailyRescore', true);
    host.run('setDailyRescore', true);
    expect(dailyTriggers(host).length).toBe(1);
    host.run('setDailyRescore', true, 18);
    expect(dailyTriggers(host).map((t) => t.atHour)).toEqual([18]);
    expect(host.run('getDailyRescore')).toMatchObject({ on: true, hour: 18 });
    host.run('setDailyRescore', false);
    expect(host.triggers.map((t) => t.uniqueId)).toEqual([mine]);
    expect(host.run('getDailyRescore')).toMatchObject({ on: false });
  });

  it('a time-driven run scores the leads with no Ui call and records the last automatic run', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('setDailyRescore', true);
    const uiBefore = JSON.stringify(host.ui);
    expect(host.fireTimeTriggers()).toEqual([expect.objectContaining({ handlerFunction: 'dailyRescore', error: null })]);
    expect(JSON.stringify(host.ui)).toBe(uiBefore);
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual([74, 11, '', 0, 97]);
    expect(automatic(host)).toMatchObject({
      ok: true,
      leads: 4,
      counts: { Hot: 2, Warm: 0, Cold: 1, Disqualified: 1 },
      error: null,
    });
    expect(host.run('getDailyRescore')).toMatchObject({ on: true, hour: 7, lastAutomaticRun: { ok: true, leads: 4 } });
  });

  it('a failed run records the error in words and keeps the trigger', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('setDailyRescore', true);
    wb.sheets = wb.sheets.filter((s) => s.name !== 'Rules');
    expect(host.fireTimeTriggers()).toEqual([expect.objectContaining({ error: null })]);
    const run = automatic(host);
    expect(run.ok).toBe(false);
    expect(run.error).toMatch(/Rules/);
    expect(dailyTriggers(host).length).toBe(1);
  });

  it("makes Score leads' document calls, whatever the number of leads", () => {
    const calls = (rows: CellValue[][]) => {
      const { host } = setUpWorkbook(rows, { asOf: ASOF });
      host.run('setDailyRescore', true);
      // A rescore (the output columns are there): what a daily run is after the first Score leads.
      host.run('scoreLeads');
      host.resetCalls();
      host.run('scoreLeads');
      const score = { ...host.calls.byMethod };
      host.resetCalls();
      host.fireTimeTriggers();
      return { score, daily: { ...host.calls.byMethod } };
    };
    const small = calls(leads);
    const big = calls(Array.from({ length: 30 }, (_, i) => leads[i % leads.length]));
    expect(big.daily).toEqual(small.daily);
    // The same calls as Score leads, less its toast, plus the one write of the run's outcome and
    // the one read of whether the email digest is on (off here: no more calls).
    const { 'Spreadsheet.toast': _toast, ...scoreWithoutToast } = small.score;
    const expected = { ...scoreWithoutToast };
    expected['Properties.setProperty'] = (expected['Properties.setProperty'] ?? 0) + 1;
    expected['Properties.getProperty'] = (expected['Properties.getProperty'] ?? 0) + 1;
    expected['PropertiesService.getDocumentProperties'] = (expected['PropertiesService.getDocumentProperties'] ?? 0) + 2;
    expect(small.daily).toEqual(expected);
  });
});
