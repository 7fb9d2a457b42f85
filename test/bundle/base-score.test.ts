import { describe, expect, it } from 'vitest';
import { setUpWorkbook, sheetOf, columnValues, setSetting } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS as leads } from '../helpers/sample';

// README "Tune the model from outcomes" "Base score": every path (Score leads, Explain) adds it before the clamp.
describe('Base score through the bundle', () => {
  it('Set up writes the row (0); Base score 20 adds 20 to every lead that is not disqualified, in Why and Explain', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const settings = sheetOf(wb, 'Settings').values;
    expect(settings.find((r) => r[0] === 'Base score')?.[1]).toBe(0);
    expect(settings.find((r) => r[0] === 'Max suggested rules')?.[1]).toBe(10);
    setSetting(wb, 'Base score', 20);
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    // Without a base: 74, 11, '', 0 (disqualified), 97 (score-leads.test.ts); with 20: 94, 31, '', 0, 100 (clamped).
    expect(columnValues(sheet, 'Score')).toEqual([94, 31, '', 0, 100]);
    expect(String(columnValues(sheet, 'Why')[1])).toMatch(/^base 20 · \+12 Title contains Founder/);
    expect(String(columnValues(sheet, 'Why')[3])).toMatch(/^Disqualified: /);
    const e = host.run('explainLead', 3) as { base: number; score: number; why: string };
    expect(e).toMatchObject({ base: 20, score: 31 });
    expect(e.why.startsWith('base 20 · ')).toBe(true);
  });
});
