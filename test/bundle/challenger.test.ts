/**
 * The challenger through the built bundle (README "Challenger"): Score leads writes a
 * Challenger score column with hand-computed values, with a constant number of calls more; the
 * Backtest tab shows both models; a bad tab name is a settings problem in words.
 */
import { describe, expect, it } from 'vitest';
import { createSheet, type CellValue as Cell, type Workbook } from '../../local/index';
import { H, setUpWorkbook, sheetOf, setSetting, columnValues } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS } from '../helpers/sample';

const TAB = 'Rules (suggested)';

/** A second rules tab in the Rules tab's format: Company size ≥ 100 +40; Pricing page visits > 0 +10 each. */
function addChallenger(wb: Workbook): void {
  const header = sheetOf(wb, 'Rules').values[0];
  const row = (fields: Record<string, Cell>) => header.map((h) => fields[String(h)] ?? '');
  wb.sheets.push(
    createSheet(TAB, [
      header,
      row({ Category: 'Fit', Field: 'Company size', Operator: '>=', Value: 100, Points: 40, Enabled: true }),
      row({ Category: 'Behaviour', Field: 'Pricing page visits', Operator: '>', Value: 0, Points: 10, Per: 'each', Enabled: true }),
    ]),
  );
  setSetting(wb, 'Challenger rules', TAB);
}

describe('Challenger rules (Score leads)', () => {
  it('writes a Challenger score column after the eight, with hand-computed values', () => {
    const { wb, host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    addChallenger(wb);
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(sheet.values[0].slice(H.length)).toEqual([
      'Fit',
      'Behaviour',
      'Negative',
      'Score',
      'Bucket',
      'Grade',
      'Why',
      'Scored at',
      'Challenger score',
    ]);
    // Ada: size 120 → 40, 2 visits → 20: 60. Bo: size 8, no visits: 0. Blank row: blank.
    // Cy: size 500 → 40 (the challenger has no Disqualify rule). Dee: size 60 → 0, 4 visits → 40.
    expect(columnValues(sheet, 'Challenger score')).toEqual([60, 0, '', 40, 40]);
    // Rules' scores are unchanged by it.
    expect(columnValues(sheet, 'Score')).toEqual([74, 11, '', 0, 97]);
    expect(host.ui.alerts).toEqual([]);
  });

  it('blanks its column (header kept) when the setting is cleared, and writes no column without one', () => {
    const { wb, host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    host.run('scoreLeads');
    expect(sheetOf(wb, 'Leads').values[0]).not.toContain('Challenger score');
    addChallenger(wb);
    host.run('scoreLeads');
    setSetting(wb, 'Challenger rules', '');
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Challenger score')).toEqual(['', '', '', '', '']);
  });

  it('a bad tab name is a settings problem in words; Rules still score', () => {
    const { wb, host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    setSetting(wb, 'Challenger rules', 'Rules (new)');
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toMatch(
      /Settings row \d+, Value: Challenger rules: there is no tab named 'Rules \(new\)'\. .*no challenger is scored\./,
    );
    setSetting(wb, 'Challenger rules', 'Rules');
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toMatch(/Challenger rules: 'Rules' is the Rules tab itself/);
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual([74, 11, '', 0, 97]);
    expect(sheetOf(wb, 'Leads').values[0]).not.toContain('Challenger score');
  });

  it("prefixes the challenger's rule problems with its tab name", () => {
    const { wb, host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    addChallenger(wb);
    sheetOf(wb, TAB).values[1][2] = 'bigger than';
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toContain(`• ${TAB} row 2, Operator: 'bigger than' is not an operator.`);
    // Rules' Why is not flagged by the challenger's problem.
    expect(String(columnValues(sheetOf(wb, 'Leads'), 'Why')[0])).not.toMatch(/⚠/);
    expect(columnValues(sheetOf(wb, 'Leads'), 'Challenger score')).toEqual([20, 0, '', 0, 40]);
  });

  it('adds 3 document calls (the tab: getSheetByName, getDataRange, getValues), the same for 10 and 1,000 leads', () => {
    const run = (n: number, challenger: boolean) => {
      const many = Array.from({ length: n }, (_, i) => SAMPLE_LEADS[i % SAMPLE_LEADS.length]);
      const { wb, host } = setUpWorkbook(many, { asOf: ASOF });
      if (challenger) addChallenger(wb);
      host.run('scoreLeads');
      host.resetCalls();
      host.run('scoreLeads');
      return host.calls.byMethod;
    };
    const total = (calls: Record<string, number>) =>
      Object.entries(calls)
        .filter(
          ([k]) =>
            /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DeveloperMetadataFinder)\./.test(k) &&
            !/newConditionalFormatRule|toast|createDeveloperMetadataFinder|withKey|Range\.getColumn$/.test(k),
        )
        .reduce((a, [, n]) => a + n, 0);
    const [small, large] = [run(10, true), run(1000, true)];
    expect(small).toEqual(large);
    expect(total(small)).toBe(total(run(10, false)) + 3);
    expect(small['Range.getValues']).toBe(4);
    // The Challenger score column sits beside Scored at: still one setValues.
    expect(small['Range.setValues']).toBe(1);
  });
});

describe('Challenger rules (backtest)', () => {
  const [ADA, BO, , CY, DEE] = SAMPLE_LEADS;
  function setUp() {
    const rows: Cell[][] = [];
    for (let i = 0; i < 10; i++) rows.push([...ADA, 'won']);
    for (let i = 0; i < 10; i++) rows.push([...BO, 'lost']);
    for (let i = 0; i < 5; i++) rows.push([...BO, 'won']);
    for (let i = 0; i < 5; i++) rows.push([...CY, 'lost']);
    for (let i = 0; i < 5; i++) rows.push([...DEE, 'won']);
    const { wb, host } = setUpWorkbook(rows, { asOf: ASOF, headers: [...H, 'Status'] });
    setSetting(wb, 'Outcome column', 'Status');
    addChallenger(wb);
    return { wb, host };
  }

  it('backtestReport() has both models side by side (hand-computed)', () => {
    const { host } = setUp();
    const r = host.run('backtestReport') as {
      challenger: { auc: number; buckets: Array<{ label: string; leads: number; won: number }>; moves: unknown };
    };
    // Challenger scores: Ada 60, Bo 0, Cy 40, Dee 40. Won: 60×10, 40×5, 0×5; lost: 0×10, 40×5 (300 pairs).
    // 60 beats all 15 lost (150); 40 beats 10 (50) and ties 5 (12.5); 0 ties 10 (25): 237.5 / 300.
    expect(r.challenger.auc).toBeCloseTo(237.5 / 300, 10);
    expect(r.challenger.buckets.map((b) => [b.label, b.leads, b.won])).toEqual([
      ['Hot', 0, 0],
      ['Warm', 20, 15],
      ['Cold', 15, 5],
      ['Disqualified', 0, 0],
    ]);
    // Rules: Ada and Dee Hot, Bo Cold, Cy Disqualified. Ada, Dee Hot → Warm (15, down); Cy Disqualified → Warm (5, up).
    expect(r.challenger.moves).toEqual({
      same: 15,
      up: 5,
      down: 15,
      changes: [
        { from: 'Hot', to: 'Warm', leads: 15, won: 15 },
        { from: 'Disqualified', to: 'Warm', leads: 5, won: 0 },
      ],
    });
  });

  it('the Backtest tab shows both models: AUCs, buckets side by side, leads that would move', () => {
    const { wb, host } = setUp();
    host.run('backtest');
    const tab = sheetOf(wb, 'Backtest').values;
    const at = (first: string) => tab.find((r) => r[0] === first);
    expect(tab.some((r) => r[0] === `Challenger: ${TAB} beside Rules (same decided leads, same settings)`)).toBe(true);
    expect(at(TAB)?.slice(0, 2)).toEqual([TAB, 0.792]);
    const hot = tab.find((r) => r[0] === 'Hot' && r[4] !== '' && typeof r[4] === 'number');
    // Hot: Rules 15 leads, 15 won; challenger 0.
    expect(hot?.slice(0, 7)).toEqual(['Hot', 15, 15, '', 0, 0, '']);
    expect(at('Decided leads that would move bucket')?.slice(0, 8)).toEqual([
      'Decided leads that would move bucket',
      20,
      'Up',
      5,
      'Down',
      15,
      'Same',
      15,
    ]);
    expect(tab.find((r) => r[0] === 'Hot' && r[1] === 'Warm')?.slice(0, 4)).toEqual(['Hot', 'Warm', 15, 15]);
  });
});
