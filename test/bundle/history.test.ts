import { describe, expect, it } from 'vitest';
import { columnValues, day, setSetting, setUpWorkbook, sheetOf, snapshot } from '../helpers/workbook';
import { createSheet } from '../../local/index';
import { ASOF, SAMPLE_LEADS as leads } from '../helpers/sample';

const lastRun = (host: ReturnType<typeof setUpWorkbook>['host']) =>
  JSON.parse(host.properties.document.get('leadScoring.lastRun') ?? 'null');
const history = (wb: ReturnType<typeof setUpWorkbook>['wb']) => wb.sheets.find((s) => s.name === 'Score history');

/*
 * Ada (test/helpers/sample.ts), d days after 2026-11-20 with nothing new:
 *   42 fit + demo 30·0.5^((30+d)/30) + pricing 12·0.5^(d/21) + active 5 (while d ≤ 7).
 *   d = 6: 42 + 13.058 + 9.844 + 5 = 69.90 → 70, still Hot (Hot at 70).
 *   d = 7: 42 + 12.760 + 9.524 + 5 = 69.28 → 69, Warm: she drops on 2026-11-27.
 * Dee (97) stays Hot all week: d = 7 gives 42 + 25.52 + 11.91 + 4.61 + 5 = 89.
 */
describe('Changes since last run and the Score history tab, through the bundle', () => {
  it('first run: nothing compared or recorded; Going cold soon lists Ada dropping on 27 Nov', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    expect(history(wb)).toBeUndefined();
    const changes = lastRun(host).changes;
    expect(changes).toMatchObject({ date: ASOF, firstRun: true, becameHot: [], leftHot: [], newDisqualified: [] });
    expect(changes.goingCold).toEqual([
      expect.objectContaining({ row: 2, key: 'ada@northwind.io', name: 'Ada', score: 74, dropsOn: '2026-11-27', dropsTo: 'Warm' }),
    ]);
  });

  it('six days on Ada is still Hot (70); on the forecast day she left Hot and one history row says so', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    setSetting(wb, 'As-of date', day('2026-11-26'));
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')[0]).toBe(70);
    expect(history(wb)).toBeUndefined(); // no bucket changed: no tab, no call
    expect(lastRun(host).changes).toMatchObject({ firstRun: false, leftHot: [], counts: { all: 0 } });
    setSetting(wb, 'As-of date', day('2026-11-27'));
    host.run('scoreLeads');
    const leadsTab = sheetOf(wb, 'Leads');
    expect(columnValues(leadsTab, 'Score')[0]).toBe(69);
    const why = String(columnValues(leadsTab, 'Why')[0]);
    const tab = history(wb)!;
    expect(tab.values.slice(0, 2)).toEqual([
      ['Date', 'Lead key', 'Old bucket', 'New bucket', 'Old score', 'New score', 'Top reason'],
      ['2026-11-27', 'ada@northwind.io', 'Hot', 'Warm', 70, 69, why.split(' · ')[0]],
    ]);
    expect(tab.frozenRows).toBe(1);
    const changes = lastRun(host).changes;
    expect(changes.leftHot).toEqual([
      expect.objectContaining({ row: 2, name: 'Ada', oldBucket: 'Hot', newBucket: 'Warm', oldScore: 70, newScore: 69 }),
    ]);
    expect(changes.counts).toMatchObject({ becameHot: 0, leftHot: 1, newDisqualified: 0, all: 1 });
  });

  it('a lead key that looks like a formula stays text; blank and duplicate keys are reported, recorded once', () => {
    const ada = leads[0];
    const email = 1; // EXAMPLE_LEAD_HEADERS: Name, Email, …
    const rows = [ada.slice(), ada.slice(), ada.slice(), ada.slice()];
    rows[0][email] = '=1+1';
    rows[2][email] = '';
    const { wb, host } = setUpWorkbook(rows, { asOf: ASOF });
    host.run('scoreLeads');
    setSetting(wb, 'As-of date', day('2026-11-27'));
    host.run('scoreLeads');
    const tab = history(wb)!;
    // Rows 2 (=1+1) and 3 (Ada's key; row 5 has it too) are recorded; row 4 has no key.
    expect(tab.values.slice(1, 3).map((r) => r.slice(0, 4))).toEqual([
      ['2026-11-27', '=1+1', 'Hot', 'Warm'],
      ['2026-11-27', 'ada@northwind.io', 'Hot', 'Warm'],
    ]);
    expect(tab.values.slice(3).every((r) => r.every((v) => v === ''))).toBe(true);
    expect([...tab.formulas.keys()]).toEqual([]);
    expect(lastRun(host).changes.counts.leftHot).toBe(4);
  });

  it('a missing Lead key column is a problem naming the setting and the headers; scores still written', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    setSetting(wb, 'Lead key column', 'E-mail address');
    host.run('scoreLeads');
    setSetting(wb, 'As-of date', day('2026-11-27'));
    const report = host.run('scoreNow') as { ok: boolean; notices: { tab: string; message: string }[] };
    expect(report.ok).toBe(true);
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')[0]).toBe(69);
    expect(history(wb)).toBeUndefined();
    expect(report.notices).toContainEqual(
      expect.objectContaining({
        tab: 'Settings',
        message: expect.stringMatching(
          /^Settings row \d+, Lead key column: 'E-mail address' is not a header of the 'Leads' tab, so the Score history tab was not written \(the scores were\)\. Use one of: Name, Email, /,
        ),
      }),
    );
  });

  it('trims rows older than Keep history days before appending', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    setSetting(wb, 'Keep history days', 5);
    host.run('scoreLeads');
    setSetting(wb, 'As-of date', day('2026-11-27'));
    host.run('scoreLeads'); // Ada Hot → Warm, recorded 2026-11-27
    // 2026-12-03: Ada's active-this-week +5 is gone and Dee decays; 2026-11-27 is 6 days back, past 5.
    setSetting(wb, 'As-of date', day('2026-12-20'));
    host.run('scoreLeads');
    const dates = history(wb)!
      .values.slice(1)
      .map((r) => r[0])
      .filter((v) => v !== '');
    expect(dates.every((d) => d === '2026-12-20')).toBe(true);
    expect(dates.length).toBeGreaterThan(0);
  });
});

describe('a Score history tab the user made', () => {
  it('is never written: the run says so and scores anyway', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    wb.sheets.push(createSheet('Score history', [['My notes'], ['call Ada back']]));
    host.run('scoreLeads');
    setSetting(wb, 'As-of date', day('2026-11-27'));
    const before = snapshot(sheetOf(wb, 'Score history'));
    const report = host.run('scoreNow') as { ok: boolean; notices: { message: string }[] };
    expect(report.ok).toBe(true);
    expect(snapshot(sheetOf(wb, 'Score history'))).toBe(before);
    expect(report.notices.map((n) => n.message)).toContain(
      "The 'Score history' tab is not the one Lead scoring keeps (its cell A1 is not 'Date'), so 1 changed bucket went unrecorded. Rename that tab; the next run makes its own.",
    );
  });
});

describe('Score history appends with 3 calls, and never over rows it did not write', () => {
  // As of 2026-11-20 Ada scores 74 and Dee 97 (above). Hot at 80 makes Ada Warm, Hot at 70 Hot again:
  // each run then has one change, with no date moving.
  const twoChanges = () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads'); // first run: nothing recorded
    setSetting(wb, 'Hot at', 80);
    host.run('scoreLeads'); // Ada Hot → Warm: the tab is made (the careful way)
    setSetting(wb, 'Hot at', 70);
    host.resetCalls();
    host.run('scoreLeads'); // Ada Warm → Hot
    return { wb, host };
  };
  const row = (from: string, to: string) => [ASOF, 'ada@northwind.io', from, to, 74, 74];

  it('the usual run: one range over the last row written and the new rows, read once, written once', () => {
    const { wb, host } = twoChanges();
    expect(
      history(wb)!
        .values.slice(1, 3)
        .map((r) => r.slice(0, 6)),
    ).toEqual([row('Hot', 'Warm'), row('Warm', 'Hot')]);
    // Score leads itself calls Spreadsheet.getRange none and Range.getValues 3 times (Settings, Rules, Leads).
    expect(host.calls.byMethod['Spreadsheet.getRange']).toBe(1);
    expect(host.calls.byMethod['Range.getValues']).toBe(4);
  });

  it('a row typed under the last one is kept: the run appends below it, the careful way', () => {
    const { wb, host } = twoChanges();
    const tab = history(wb)!;
    tab.values[3] = ['my note', '', '', '', '', '', ''];
    setSetting(wb, 'Hot at', 80);
    host.resetCalls();
    host.run('scoreLeads');
    expect(tab.values.slice(1, 5).map((r) => r.slice(0, 6))).toEqual([
      row('Hot', 'Warm'),
      row('Warm', 'Hot'),
      ['my note', '', '', '', '', ''],
      row('Hot', 'Warm'),
    ]);
    // The usual range (its check fails: a row is where the new ones would go), column A, the new block.
    expect(host.calls.byMethod['Spreadsheet.getRange']).toBe(3);
  });

  it("a tab of that name put in place of the add-on's is never written, even with a record of the last run", () => {
    const { wb, host } = twoChanges();
    wb.sheets = wb.sheets.filter((s) => s.name !== 'Score history');
    const mine = createSheet('Score history', [['Mine'], ['x']]);
    wb.sheets.push(mine);
    const before = snapshot(mine);
    setSetting(wb, 'Hot at', 80);
    const report = host.run('scoreNow') as { notices: { message: string }[] };
    expect(snapshot(mine)).toBe(before);
    expect(report.notices.map((n) => n.message)).toContain(
      "The 'Score history' tab is not the one Lead scoring keeps (its cell A1 is not 'Date'), so 1 changed bucket went unrecorded. Rename that tab; the next run makes its own.",
    );
  });
});

describe('Score history at volume and from the daily trigger', () => {
  it('600 leads leaving Hot: 600 history rows in one write; the kept changes fit the 9 KB property limit', () => {
    const ada = SAMPLE_LEADS_FOR_VOLUME();
    const { wb, host } = setUpWorkbook(ada, { asOf: ASOF });
    host.run('scoreLeads');
    setSetting(wb, 'As-of date', day('2026-11-27'));
    host.resetCalls();
    host.run('scoreLeads');
    // The Score history tab: one insertSheet; setValues for the output columns, the tab's header and its 600 rows.
    expect(host.calls.byMethod['Spreadsheet.insertSheet']).toBe(1);
    expect(host.calls.byMethod['Range.setValues']).toBe(3);
    expect(history(wb)!.values.filter((r) => r[0] === '2026-11-27').length).toBe(600);
    const stored = host.properties.document.get('leadScoring.lastRun')!;
    expect(Buffer.byteLength(stored, 'utf8')).toBeLessThanOrEqual(9 * 1024);
    const changes = JSON.parse(stored).changes;
    expect(changes.counts).toMatchObject({ leftHot: 600, all: 600 });
    expect(changes.leftHot.length).toBeGreaterThan(0);
    expect(changes.leftHot.length).toBeLessThanOrEqual(25);
    expect(changes.leftHot[0].name.length).toBeLessThanOrEqual(80);
  });

  it('the daily trigger, with the host clock moved a week on, records Ada leaving Hot (As-of date blank)', () => {
    const { wb, host } = setUpWorkbook(leads);
    host.setClock(new Date('2026-11-20T07:05:00Z'));
    host.run('setDailyRescore', true);
    host.fireTimeTriggers();
    host.setClock(new Date('2026-11-27T07:05:00Z'));
    expect(host.fireTimeTriggers()).toEqual([expect.objectContaining({ error: null })]);
    expect(history(wb)!.values[1].slice(0, 6)).toEqual(['2026-11-27', 'ada@northwind.io', 'Hot', 'Warm', 74, 69]);
    const automatic = JSON.parse(host.properties.document.get('leadScoring.lastAutomaticRun')!);
    expect(automatic).toMatchObject({ at: '2026-11-27T07:05:00.000Z', ok: true, leads: 4, becameHot: 0 });
  });
});

/** 600 copies of Ada with their own keys and long names (text that must be cut to fit the property). */
function SAMPLE_LEADS_FOR_VOLUME() {
  return Array.from({ length: 600 }, (_, i) => {
    const row = leads[0].slice();
    row[0] = `Ada Lovelace-Byron née King, Countess ${i} ✓ ${'é'.repeat(100)}`;
    row[1] = `ada${i}@northwind.io`;
    return row;
  });
}
