/**
 * Backtest against outcomes through the built bundle in the local host (README "Does the score
 * work?"): the menu run writes the Backtest tab and its chart, touches no other tab, reads and
 * writes with a number of calls that does not grow with the leads, and bad input is one sentence.
 */
import { describe, expect, it } from 'vitest';
import type { CellValue as Cell } from '../../local/index';
import { chartsOf } from '../../local/services/charts';
import { H, setUpWorkbook, sheetOf, setSetting, snapshot, MENU_CAPTIONS } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS } from '../helpers/sample';

const [ADA, BO, , CY, DEE] = SAMPLE_LEADS; // scores 74 (Hot), 11 (Cold), 0 (Disqualified), 97 (Hot)

/** 10 Ada won, 10 Bo lost, 5 Bo won, 5 Cy lost, 5 Dee won (× `times`): 35 decided, 20 won. */
function leads(times = 1): Cell[][] {
  const rows: Cell[][] = [];
  for (let t = 0; t < times; t++) {
    for (let i = 0; i < 10; i++) rows.push([...ADA, 'won']);
    for (let i = 0; i < 10; i++) rows.push([...BO, 'lost']);
    for (let i = 0; i < 5; i++) rows.push([...BO, 'won']);
    for (let i = 0; i < 5; i++) rows.push([...CY, 'Closed lost']);
    for (let i = 0; i < 5; i++) rows.push([...DEE, 'yes']);
  }
  return rows;
}

function setUp(times = 1) {
  const { wb, host } = setUpWorkbook(leads(times), { asOf: ASOF, headers: [...H, 'Status'] });
  setSetting(wb, 'Outcome column', 'Status');
  return { wb, host };
}

describe('Backtest against outcomes (menu)', () => {
  it('is in the menu, after Score leads', () => {
    const { host } = setUp();
    host.run('onOpen');
    expect(host.ui.menus[0].items.map((i) => i.caption)).toEqual(MENU_CAPTIONS);
  });

  it('writes the Backtest tab with hand-computed figures and a column chart of conversion by band', () => {
    const { wb, host } = setUp();
    host.run('onOpen');
    host.clickMenuItem('Backtest against outcomes');
    expect(host.ui.alerts).toEqual([]);
    // Won: 10 × 74, 5 × 97, 5 × 11; lost: 10 × 11, 5 × 0. U = 10×15 + 5×15 + 5×(5 + 10/2) = 275 of 20 × 15.
    expect(host.ui.toasts.at(-1)!.message).toBe('Backtest: 35 decided leads, 20 won (57 %), AUC 92 %. See the Backtest tab.');
    const tab = sheetOf(wb, 'Backtest');
    expect(tab.values[0][0]).toBe('Backtest: does the score work?');
    expect(tab.values[3].slice(0, 8)).toEqual(['Decided leads', 35, 'Won', 20, 'Base rate', 0.571, 'AUC', 0.917]);
    expect(tab.values[4][0]).toMatch(/^A lead that was won outscored a lead that was lost 92 % of the time/);
    expect(tab.values[7].slice(0, 4)).toEqual(['Score band', 'Leads', 'Won', 'Conversion']);
    // 11 → band 10–19 (15 leads, 5 won: too few? no, 15 < 20 → too few); 74 → 70–79 (10, 10); 97 → 90–100 (5, 5).
    expect(tab.values[9].slice(0, 4)).toEqual(['10–19', 15, 5, '']);
    expect(tab.values[9][7]).toBe('fewer than 20 leads (5 won of 15): too few to judge');
    expect(tab.values[15].slice(0, 3)).toEqual(['70–79', 10, 10]);
    expect(tab.values[17].slice(0, 3)).toEqual(['90–100', 5, 5]);
    const bucketRows = tab.values.slice(21, 25).map((r) => r.slice(0, 3));
    expect(bucketRows).toEqual([
      ['Hot', 15, 15],
      ['Warm', 0, 0],
      ['Cold', 15, 5],
      ['Disqualified', 5, 0],
    ]);
    expect(tab.numberFormats.get('4,6')).toBe('0%');
    // Text is never a formula: nothing in the formula map, however rule text begins.
    expect([...tab.formulas.keys()]).toEqual([]);
    const charts = chartsOf(tab);
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({
      type: 'COLUMN',
      ranges: ['Backtest!A8:A18', 'Backtest!D8:D18'],
      position: { row: 8, column: 11, offsetX: 0, offsetY: 0 },
    });
    expect(charts[0].options.title).toBe('Conversion by score band');
  });

  it('is rewritten by each run (one chart), and never touches another tab', () => {
    const { wb, host } = setUp();
    host.run('scoreLeads');
    const before = ['Leads', 'Rules', 'Settings'].map((n) => snapshot(sheetOf(wb, n)));
    host.run('backtest');
    host.run('backtest');
    expect(chartsOf(sheetOf(wb, 'Backtest'))).toHaveLength(1);
    expect(['Leads', 'Rules', 'Settings'].map((n) => snapshot(sheetOf(wb, n)))).toEqual(before);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Leads', 'Rules', 'Settings', 'Activity', 'Backtest']);
  });

  it('makes the same service calls for 35 and 350 leads', () => {
    const calls = (times: number) => {
      const { host } = setUp(times);
      host.run('backtest'); // first run creates the tab
      host.resetCalls();
      host.run('backtest');
      return host.calls.byMethod;
    };
    expect(calls(10)).toEqual(calls(1));
  });

  it('the CLI entry returns every figure as JSON and writes nothing', () => {
    const { wb, host } = setUp();
    const report = host.run('backtestReport') as { ok: boolean; overall: { auc: number; decided: number } };
    expect(report.ok).toBe(true);
    expect(report.overall.decided).toBe(35);
    expect(report.overall.auc).toBeCloseTo(275 / 300, 12);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(wb.sheets.some((s) => s.name === 'Backtest')).toBe(false);
  });

  it('bad input: no Outcome column set names the setting and lists the headers; nothing written', () => {
    const { wb, host } = setUpWorkbook(leads(), { asOf: ASOF, headers: [...H, 'Status'] });
    host.run('backtest');
    expect(host.ui.alerts[0].prompt).toMatch(
      /^Set 'Outcome column' in the Settings tab to the Leads header that says whether each lead was won or lost\. Headers are: 'Name', 'Email'/,
    );
    expect(wb.sheets.some((s) => s.name === 'Backtest')).toBe(false);
  });
});
