import { describe, expect, it } from 'vitest';
import { createHost, createSheet, createWorkbook } from '../../local/index';
import { H, day, lead, setUpWorkbook, setSetting, sheetOf, columnValues, snapshot } from '../helpers/workbook';

const ASOF = '2026-11-20';
// Fit 15 (size 120) + 12 (VP) = 27, nothing else: a simple lead to vary one cell at a time.
const base = { Name: 'Ada', Email: 'ada@northwind.io', Title: 'VP Sales', 'Company size': 120 } as const;

describe('bad input, end to end', () => {
  it('a Leads tab with headers only scores 0 leads without an error', () => {
    const { wb, host } = setUpWorkbook([], { asOf: ASOF });
    host.run('scoreLeads');
    expect(host.ui.toasts.at(-1)!.message).toBe('Scored 0 leads: 0 Hot · 0 Warm · 0 Cold · 0 Disqualified (as of 2026-11-20).');
    expect(sheetOf(wb, 'Leads').values[0].slice(H.length, H.length + 2)).toEqual(['Fit', 'Behaviour']);
  });

  it('an empty Leads tab gets a clear alert, and nothing is written', () => {
    const wb = createWorkbook([createSheet('Leads', [])]);
    const host = createHost(wb);
    host.run('setUpScoring'); // keeps the existing (empty) Leads tab
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toBe(
      "The 'Leads' tab has no headers in row 1. Put the column names there, or change 'Header row' in the Settings tab.",
    );
    expect(sheetOf(wb, 'Leads').values.every((r) => r.every((v) => v === ''))).toBe(true);
  });

  it('no Rules tab: Score leads says to run Set up first', () => {
    const host = createHost(createWorkbook([createSheet('Leads', [['Name'], ['Ann']])]));
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toMatch(/^There is no 'Rules' tab\. Run Set up scoring first/);
  });

  it('headers on row 3 with Header row = 3: rows above are left alone', () => {
    const wb = createWorkbook([createSheet('Leads', [['Leads export, Nov 2026'], [''], [...H], lead(base)])]);
    const host = createHost(wb);
    host.run('setUpScoring');
    setSetting(wb, 'Header row', 3);
    setSetting(wb, 'As-of date', day(ASOF));
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(sheet.values[0][0]).toBe('Leads export, Nov 2026');
    expect(sheet.values[2][H.length + 3]).toBe('Score');
    expect(columnValues(sheet, 'Score', 3)).toEqual([27]);
  });

  it('blank rows in the middle stay blank and the rows after them are scored', () => {
    const { wb, host } = setUpWorkbook([lead(base), lead({}), lead({}), lead(base)], { asOf: ASOF });
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual([27, '', '', 27]);
  });

  it('1,000 columns: the outputs go to columns 1,001–1,008 (the grid grows)', () => {
    const headers = [...H, ...Array.from({ length: 1000 - H.length }, (_, i) => `Extra ${i + 1}`)];
    const row = [...lead(base), ...Array.from({ length: 1000 - H.length }, (_, i) => i)];
    const { wb, host } = setUpWorkbook([row], { asOf: ASOF, headers });
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(sheet.maxColumns).toBe(1008);
    expect(sheet.values[0][1003]).toBe('Score');
    expect(sheet.values[1][1003]).toBe(27);
    expect(sheet.values[1][999]).toBe(1000 - H.length - 1);
  });

  it('#N/A and #REF! cells are named in Why, not silently zero', () => {
    const { wb, host } = setUpWorkbook([lead({ ...base, 'Company size': '#N/A', 'Pricing page visits': '#REF!' })], { asOf: ASOF });
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(columnValues(sheet, 'Score')).toEqual([12]);
    expect(columnValues(sheet, 'Why')[0]).toBe('+12 Title contains VP · ⚠ Company size is #N/A · ⚠ Pricing page visits is #REF!');
  });

  it('numbers stored as text compare as numbers', () => {
    const { wb, host } = setUpWorkbook([lead({ ...base, 'Company size': '1,000' }), lead({ ...base, 'Company size': ' 49 ' })], {
      asOf: ASOF,
    });
    host.run('scoreLeads');
    // 1,000 is in 50..1000 (15); 49 is in 11..49 (8).
    expect(columnValues(sheetOf(wb, 'Leads'), 'Fit')).toEqual([27, 20]);
  });

  it('dates typed as text decay like date cells', () => {
    // Demo 30 points, half-life 30: 30 days before the as-of date → 15, in every accepted spelling.
    const spellings = ['2026-10-21', '10/21/2026', '21 Oct 2026', 'Oct 21, 2026', '21.10.2026'];
    const { wb, host } = setUpWorkbook(
      spellings.map((d) => lead({ Name: 'x', 'Demo requested': d })),
      { asOf: ASOF },
    );
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Behaviour')).toEqual([15, 15, 15, 15, 15]);
    const { wb: wb2, host: host2 } = setUpWorkbook(
      [lead({ Name: 'x', 'Demo requested': day('2026-10-21') }), lead({ Name: 'y', 'Demo requested': 'next week' })],
      { asOf: ASOF },
    );
    host2.run('scoreLeads');
    // Not a date in a column of dates: counted without decay, and said.
    expect(columnValues(sheetOf(wb2, 'Leads'), 'Why')[1]).toBe(
      "+30 Demo requested (no date, not decayed) · ⚠ Demo requested 'next week' is not a date, so Demo requested was not decayed",
    );
  });

  it('a Date field pointing at a column with no dates at all is a rule problem', () => {
    const { wb, host } = setUpWorkbook([lead({ Name: 'y', 'Demo requested': 'next week' })], { asOf: ASOF });
    const rules = sheetOf(wb, 'Rules');
    host.run('scoreLeads');
    expect(rules.values[6][8]).toBe('Demo requested');
    expect(host.ui.alerts.at(-1)!.prompt).toContain(
      "• Rules row 7, Date field: 'Demo requested' holds no dates (e.g. 'next week'); it must be a column of dates.",
    );
  });

  it('duplicate headers are reported and the first column is used', () => {
    const headers = [...H, 'Title'];
    const { wb, host } = setUpWorkbook([[...lead(base), 'Student']], { asOf: ASOF, headers });
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toContain(
      "• Leads row 1, Title: 'Title' is the header of 2 columns (D, T); the first, D, is used.",
    );
    expect(columnValues(sheetOf(wb, 'Leads'), 'Bucket')).toEqual(['Cold']); // not disqualified by column T
  });

  it('a lead value starting with "=" stays as it is and its mention in Why stays text', () => {
    const { wb, host } = setUpWorkbook([lead({ ...base, Name: '=HYPERLINK("http://x","y")', 'Pricing page visits': '=1+2' })], {
      asOf: ASOF,
    });
    const sheet = sheetOf(wb, 'Leads');
    const before = snapshot(sheet, H.length);
    host.run('scoreLeads');
    expect(snapshot(sheet, H.length)).toBe(before);
    expect(columnValues(sheet, 'Why')[0]).toBe(
      "+15 Company size 50–1000 · +12 Title contains VP · ⚠ Pricing page visits '=1+2' is not a count",
    );
    expect([...sheet.formulas.keys()]).toEqual([]);
  });

  it('a bad Settings value is reported and its default used', () => {
    const { wb, host } = setUpWorkbook([lead(base)], { asOf: ASOF });
    setSetting(wb, 'Hot at', 'high');
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toContain(
      "• Settings row 4, Value: Hot at: 'high' is not a number of 0 or more; the default is used.",
    );
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual([27]);
  });
});
