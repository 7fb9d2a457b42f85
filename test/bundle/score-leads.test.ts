import { describe, expect, it } from 'vitest';
import { BASE_OUTPUT_HEADERS as OUTPUT_HEADERS } from '../../src/sheets/outputColumns';
import { H, setUpWorkbook, sheetOf, columnValues, snapshot } from '../helpers/workbook';

import { ASOF, SAMPLE_LEADS as leads } from '../helpers/sample';

describe('Score leads through the bundle', () => {
  it('writes the output columns after the last input column with hand-computed values', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(sheet.values[0].slice(H.length)).toEqual([...OUTPUT_HEADERS]);
    const out = (header: string) => columnValues(sheet, header);
    expect(out('Fit')).toEqual([42, 12, '', 15, 42]);
    expect(out('Behaviour')).toEqual([32, 9, '', 0, 55]);
    expect(out('Negative')).toEqual([0, -10, '', -20, 0]);
    expect(out('Score')).toEqual([74, 11, '', 0, 97]);
    expect(out('Bucket')).toEqual(['Hot', 'Cold', '', 'Disqualified', 'Hot']);
    expect(out('Grade')).toEqual(['A', 'C', '', 'C', 'A']);
    expect(out('Why')[0]).toBe(
      '+15 Company size 50–1000 · +15 Demo requested (decayed from 30, 30 d) · +12 Title contains VP · ' +
        '+12 Pricing page visits ×2 · +10 Industry is SaaS · +5 Country is United Kingdom · +5 Last activity within 7 d',
    );
    expect(out('Why')[1]).toBe(
      '+12 Title contains Founder · −10 free email · +6 Content downloads ×3 (decayed from 11.8, 45 d) · +3 Email clicks ×1',
    );
    expect(out('Why')[3]).toBe('Disqualified: Title contains Student · −20 Unsubscribed · +15 Company size 50–1000');
    expect(out('Scored at')[2]).toBe('');
    expect(out('Scored at')[0]).toBeInstanceOf(Date);
    expect(host.ui.toasts.at(-1)!.message).toBe('Scored 4 leads: 2 Hot · 0 Warm · 1 Cold · 1 Disqualified (as of 2026-11-20).');
    expect(host.ui.alerts).toEqual([]);
  });

  it('keeps Why as text: a "+…" Why is not a formula, and the column is plain text', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    const whyCol = H.length + 7; // 1-based
    expect(sheet.numberFormats.get(`2,${whyCol}`)).toBe('@');
    expect([...sheet.formulas.keys()]).toEqual([]);
    expect(String(sheet.values[1][whyCol - 1]).startsWith('+15')).toBe(true);
  });

  it('never changes an input cell', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const sheet = sheetOf(wb, 'Leads');
    const before = snapshot(sheet, H.length);
    host.run('scoreLeads');
    host.run('scoreLeads');
    host.run('removeColours');
    expect(snapshot(sheet, H.length)).toBe(before);
  });

  it("colours rows with conditional-format rules and keeps the user's own rules", () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const sheet = sheetOf(wb, 'Leads');
    const mine = {
      ranges: ['A2:A100'],
      type: 'CUSTOM_FORMULA' as const,
      formula: '=$A2="VIP"',
      background: '#00ff00',
      fontColor: null,
      bold: null,
    };
    sheet.conditionalFormatRules.push(mine);
    host.run('scoreLeads');
    // Bucket is the 5th output column: 19 inputs + 5 = column 24 = X. The range is the Leads data
    // range (A1 to the last lead, outputs included: A1:AA6); the header's 'Bucket' matches no rule.
    expect(sheet.conditionalFormatRules.map((r) => [r.formula, r.background, r.ranges])).toEqual([
      ['=$A2="VIP"', '#00ff00', ['A2:A100']],
      ['=AND($X1="Hot","Lead scoring"<>"")', '#f4c7c3', ['A1:AA6']],
      ['=AND($X1="Warm","Lead scoring"<>"")', '#fce8b2', ['A1:AA6']],
      ['=AND($X1="Cold","Lead scoring"<>"")', '#c9daf8', ['A1:AA6']],
      ['=AND($X1="Disqualified","Lead scoring"<>"")', '#d9d9d9', ['A1:AA6']],
    ]);
    host.run('scoreLeads'); // re-scoring replaces ours, never duplicates
    expect(sheet.conditionalFormatRules).toHaveLength(5);
    host.run('removeColours');
    expect(sheet.conditionalFormatRules).toEqual([mine]);
    expect(host.ui.toasts.at(-1)!.message).toMatch(/Removed the lead-scoring colours/);
  });

  it('reports rule problems in an alert and in Why, and still applies the good rules', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const rules = sheetOf(wb, 'Rules');
    rules.values[3][2] = 'bigger than'; // row 4 (Title contains …): operator typo
    host.run('scoreLeads');
    const alert = host.ui.alerts.at(-1)!;
    expect(alert.title).toBe('Lead scoring: 1 problem');
    expect(alert.prompt).toContain("• Rules row 4, Operator: 'bigger than' is not an operator. Use one of: is, is not,");
    const sheet = sheetOf(wb, 'Leads');
    // Ada loses the 12 title points only: 74 − 12 = 62, Warm.
    expect(columnValues(sheet, 'Score')[0]).toBe(62);
    expect(String(columnValues(sheet, 'Why')[0])).toMatch(/⚠ Rules row 4 skipped \(see Rules problems\)$/);
  });

  it('scores in the spreadsheet time zone (Europe/Berlin gives the same days)', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF, timeZone: 'Europe/Berlin' });
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual([74, 11, '', 0, 97]);
  });

  it('refuses to run while another run holds the document lock, writing nothing', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const before = snapshot(sheetOf(wb, 'Leads'));
    host.holdLock('document');
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toBe('Another Score leads run is in progress. Try again in a minute.');
    expect(snapshot(sheetOf(wb, 'Leads'))).toBe(before);
    host.releaseHeldLock('document');
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')[0]).toBe(74);
  });

  it('reuses output columns found by header, wherever they are, and writes nothing else', () => {
    const headers = [...H.slice(0, 2), 'Score', ...H.slice(2), 'Behavior'];
    const rows = leads.map((r) => [...r.slice(0, 2), 'old', ...r.slice(2), 'old']);
    const { wb, host } = setUpWorkbook(rows, { asOf: ASOF, headers });
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(columnValues(sheet, 'Score')).toEqual([74, 11, '', 0, 97]);
    expect(columnValues(sheet, 'Behavior')).toEqual([32, 9, '', 0, 55]);
    // The other six are appended after 'Behavior' (column 21) in order.
    expect(sheet.values[0].slice(21)).toEqual(['Fit', 'Negative', 'Bucket', 'Grade', 'Why', 'Scored at']);
  });

  it('makes the same number of service calls for 10 and 1,000 leads', () => {
    const counts = [10, 1000].map((n) => {
      const many = Array.from({ length: n }, (_, i) => leads[i % leads.length]);
      const { host } = setUpWorkbook(many, { asOf: ASOF });
      host.run('scoreLeads'); // first run appends the output columns
      host.resetCalls();
      host.run('scoreLeads');
      return host.calls.byMethod;
    });
    expect(counts[0]).toEqual(counts[1]);
    // Calls that reach the document (reads, writes, sheet lookups, the one developer-metadata
    // search); builders (conditional formats, the metadata finder and its withKey), the toast and
    // the geometry of ranges already returned (Range.getColumn of each output column's metadata
    // location) are local. 18 = the 16 of the version without column ownership + the finder's
    // find(), which tells the add-on's own columns from a user's same-named ones (issue 9 #5),
    // + one: the plain-text format now goes on the three text columns as whole columns
    // (getRangeList + RangeList.setNumberFormat) instead of a format per output cell
    // (Range.setNumberFormats), so a run writes 8 cells a lead, not 16 (issue 11).
    const documentCalls = Object.entries(counts[0]).filter(
      ([k]) =>
        /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DeveloperMetadataFinder)\./.test(k) &&
        !/newConditionalFormatRule|toast|createDeveloperMetadataFinder|withKey|Range\.getColumn$/.test(k),
    );
    expect(documentCalls.reduce((a, [, n]) => a + n, 0)).toBe(18);
    expect(counts[0]['DeveloperMetadataFinder.find']).toBe(1);
    expect(counts[0]['Range.getValues']).toBe(3);
    expect(counts[0]['Range.setValues']).toBe(1);
    expect(counts[0]['RangeList.setNumberFormat']).toBe(1);
    expect(counts[0]['Range.setNumberFormats']).toBeUndefined();
  });

  it('writes 8 cells a lead (plus the header row) and no per-cell formats', () => {
    const many = Array.from({ length: 500 }, (_, i) => leads[i % leads.length]);
    const { host } = setUpWorkbook(many, { asOf: ASOF });
    host.run('scoreLeads');
    host.resetCalls();
    host.run('scoreLeads');
    expect(host.cells.written).toBe(8 * 501);
    expect(host.cells.formats).toBe(0);
  });

  it('text output columns are plain text as whole columns: a Why typed later below the leads stays text', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    const col = (name: string) => sheet.values[0].indexOf(name) + 1;
    for (const name of ['Bucket', 'Grade', 'Why']) {
      expect(sheet.numberFormats.get(`1,${col(name)}`)).toBe('@');
      expect(sheet.numberFormats.get(`${sheet.maxRows},${col(name)}`)).toBe('@');
    }
    // Scored at gets its date format once, when the column is made; numbers keep the default.
    expect(sheet.numberFormats.get(`2,${col('Scored at')}`)).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.numberFormats.get(`2,${col('Score')}`)).toBeUndefined();
  });
});
