import { describe, expect, it } from 'vitest';
import {
  createHost,
  createSheet,
  createWorkbook,
  evaluateAddonFormulas,
  columnToLetters,
  type CellValue,
  type HostOptions,
} from '../../local/index';
import { H, day, lead, setSetting, sheetOf, columnValues } from '../helpers/workbook';
import { SAMPLE_LEADS } from '../helpers/sample';

// Issue 9 items 1–4, through the built bundle in the host.

const LAST = columnToLetters(H.length);

function workbook(timeZone: string, leads: CellValue[][], host: HostOptions = {}) {
  const wb = createWorkbook([createSheet('Leads', [[...H], ...leads])], { timeZone });
  const h = createHost(wb, host);
  h.run('setUpScoring');
  return { wb, host: h };
}

describe('LEADSCORE_WHY with a blank as_of equals what Score leads writes, when the script zone differs', () => {
  // 2026-11-21 03:00 UTC: the 20th in New York (22:00), the 21st in Tokyo (12:00) and in UTC.
  const now = new Date(Date.UTC(2026, 10, 21, 3));
  for (const timeZone of ['America/New_York', 'Asia/Tokyo']) {
    for (const dateArgumentsIn of ['spreadsheet', 'script'] as const) {
      it(`${timeZone} sheet, script zone Etc/UTC, Date arguments as midnight in the ${dateArgumentsIn}'s zone`, () => {
        const { wb, host } = workbook(timeZone, SAMPLE_LEADS, { now, scriptTimeZone: 'Etc/UTC', dateArgumentsIn });
        const f = createSheet('Formulas');
        wb.sheets.push(f);
        f.formulas.set('1,1', `=LEADSCORE_WHY(Leads!A1:${LAST}1, Leads!A2:${LAST}${SAMPLE_LEADS.length + 1})`);
        const result = evaluateAddonFormulas(wb, host);
        expect(result.errors).toBe(0);
        host.run('scoreLeads');
        const written = columnValues(sheetOf(wb, 'Leads'), 'Why');
        const fromFunction = f.values.slice(0, SAMPLE_LEADS.length).map((r) => r[0]);
        expect(fromFunction).toEqual(written);
        expect(written[0]).toMatch(/·/);
      });
    }
  }
  it("the as-of day of both is the sheet's today: New York 2026-11-20 (a UTC reading would say the 21st)", () => {
    const { wb, host } = workbook('America/New_York', SAMPLE_LEADS, { now, scriptTimeZone: 'Etc/UTC', dateArgumentsIn: 'script' });
    host.run('scoreLeads');
    // Dee's demo is dated 2026-11-20: no decay on the 20th, so "+30 Demo requested" with no "decayed".
    expect(columnValues(sheetOf(wb, 'Leads'), 'Why')[4]).toMatch(/^\+30 Demo requested · /);
  });
});

describe('a London sheet with Time zone = America/New_York reads its date cells in London', () => {
  it('as of 2026-11-20: no decay for a demo that day, and activity on the 13th is within 7 days', () => {
    const leads = [
      lead({ Name: 'Ada', Email: 'ada@corp.com', 'Demo requested': day('2026-11-20'), 'Last activity': day('2026-11-13') }),
      lead({ Name: 'Bo', Email: 'bo@corp.com', 'Demo requested': day('2026-11-20'), 'Last activity': '13 Nov 2026' }),
    ];
    const { wb, host } = workbook('Europe/London', leads);
    setSetting(wb, 'Time zone', 'America/New_York');
    setSetting(wb, 'As-of date', day('2026-11-20'));
    const report = host.run('scoreLeads') as { asOf?: string } | undefined;
    if (report && typeof report === 'object' && 'asOf' in report) expect(report.asOf).toBe('2026-11-20');
    const why = columnValues(sheetOf(wb, 'Leads'), 'Why');
    // 30 for the demo (age 0) + 5 for activity within 7 days = 35, for the date cell and the date text alike.
    expect(columnValues(sheetOf(wb, 'Leads'), 'Behaviour')).toEqual([35, 35]);
    expect(why[0]).toBe('+30 Demo requested · +5 Last activity within 7 d');
    expect(why[1]).toBe(why[0]);
  });
});

describe('custom fixed-offset spreadsheet zones (GMT-07:00)', () => {
  it('Score leads and the custom functions work in a GMT-07:00 sheet', () => {
    const leads = [lead({ Name: 'Ada', Email: 'ada@corp.com', 'Demo requested': day('2026-11-18') })];
    const { wb, host } = workbook('GMT-07:00', leads, { now: new Date(Date.UTC(2026, 10, 20, 12)) });
    setSetting(wb, 'As-of date', day('2026-11-20'));
    host.run('scoreLeads');
    // 30 × 0.5^(2/30) = 28.6 → 29
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual([29]);
    const f = createSheet('Formulas');
    wb.sheets.push(f);
    f.formulas.set('1,1', `=LEADSCORE(Leads!A1:${LAST}1, Leads!A2:${LAST}2)`);
    expect(evaluateAddonFormulas(wb, host).errors).toBe(0);
    expect(f.values[0][0]).toBe(29);
  });
  it('the Time zone setting accepts UTC+05:30', () => {
    const { wb, host } = workbook('UTC', [lead({ Name: 'Ada' })]);
    setSetting(wb, 'Time zone', 'UTC+05:30');
    const report = host.run('scoreLeads') as { problems?: unknown[] } | undefined;
    if (report && typeof report === 'object' && 'problems' in report) expect(report.problems).toEqual([]);
    expect(host.ui.alerts ?? []).toEqual([]);
  });
});

describe('midnight DST gaps: a date cell on 2026-09-06 in America/Santiago is that day', () => {
  it('getValues gives an instant on the 6th, and Score leads sees age 0 as of the 6th', () => {
    const leads = [lead({ Name: 'Ada', Email: 'ada@corp.com', 'Demo requested': day('2026-09-06') })];
    const { wb, host } = workbook('America/Santiago', leads);
    setSetting(wb, 'As-of date', day('2026-09-06'));
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Why')).toEqual(['+30 Demo requested']);
  });
  it('America/Havana, 2026-03-08: a demo that day, as of the 9th, is 1 day old', () => {
    const leads = [lead({ Name: 'Ada', Email: 'ada@corp.com', 'Demo requested': day('2026-03-08') })];
    const { wb, host } = workbook('America/Havana', leads);
    setSetting(wb, 'As-of date', day('2026-03-09'));
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Why')).toEqual(['+29 Demo requested (decayed from 30, 1 d)']);
  });
});
