/**
 * Issue 9, items 5–8, through the built bundle in the local host: the user's own columns, the
 * Leads sheet setting, the menu's name, and Enabled checkboxes that score as they look.
 */
import { describe, expect, it } from 'vitest';
import { createHost, createSheet, createWorkbook, writeCell, type CellValue, type SheetModel } from '../../local/index';
import { deleteColumnsMetadata, movedColumn } from '../../local/services/developerMetadata';
import { cellKey } from '../../local/model/types';
import { starterRulesGrid } from '../../src/engine';
import { BASE_OUTPUT_HEADERS as OUTPUT_HEADERS } from '../../src/sheets/outputColumns';
import { H, columnValues, setSetting, setUpWorkbook, sheetOf, snapshot, day, MENU_CAPTIONS } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS as leads } from '../helpers/sample';

/** Hand-computed outputs of SAMPLE_LEADS with the starter rules (see test/helpers/sample.ts). */
const SCORES = [74, 11, '', 0, 97];
const BUCKETS = ['Hot', 'Cold', '', 'Disqualified', 'Hot'];

/** What the metadata says: output name → column letter index (1-based). */
function owned(sheet: SheetModel): Record<string, number> {
  return Object.fromEntries(
    (sheet.developerMetadata ?? []).filter((m) => m.key === 'leadScoring.output').map((m) => [m.value, m.location.index]),
  );
}

/** Acts as the user dragging column `from` to `destinationIndex` (Sheet.moveColumns semantics). */
function userMovesColumn(sheet: SheetModel, from: number, destinationIndex: number): void {
  const to = (c: number) => movedColumn(c, from, 1, destinationIndex);
  sheet.values = sheet.values.map((row) => {
    const out = row.slice();
    row.forEach((v, i) => {
      out[to(i + 1) - 1] = v;
    });
    return out;
  });
  const formats = [...sheet.numberFormats];
  sheet.numberFormats.clear();
  for (const [k, f] of formats) {
    const [r, c] = k.split(',').map(Number);
    sheet.numberFormats.set(cellKey(r, to(c)), f);
  }
  for (const m of sheet.developerMetadata ?? []) if (m.location.type === 'COLUMN') m.location.index = to(m.location.index);
}

/** Acts as the user deleting column `col`. */
function userDeletesColumn(sheet: SheetModel, col: number): void {
  for (const row of sheet.values) row.splice(col - 1, 1);
  deleteColumnsMetadata(sheet, col, 1);
  sheet.maxColumns--;
}

describe('Issue 9 #5: the add-on writes only into columns it made', () => {
  // The user's own "Score" column (a grade imported from a CRM) sits right after the inputs.
  const crm: CellValue[] = [88, 12, '', 5, 40];
  const withCrm = () =>
    setUpWorkbook(
      leads.map((r, i) => [...r, crm[i]]),
      { asOf: ASOF, headers: [...H, 'Score'] },
    );

  it('asks first; "No" keeps the user\'s Score and adds "Lead score"; later runs ask nothing', () => {
    const { wb, host } = withCrm();
    host.queueUiResponse('NO');
    host.run('scoreLeads');
    const alert = host.ui.alerts[0];
    expect(alert.title).toBe("Lead scoring: your column 'Score'");
    expect(alert.buttons).toBe('YES_NO_CANCEL');
    expect(alert.prompt).toContain("No: leave it alone and add Lead scoring's own column ('Lead score').");
    const sheet = sheetOf(wb, 'Leads');
    // Inputs (19) + the user's Score (20), then the eight outputs, Score renamed.
    expect(sheet.values[0].slice(19)).toEqual([
      'Score',
      'Fit',
      'Behaviour',
      'Negative',
      'Lead score',
      'Bucket',
      'Grade',
      'Why',
      'Scored at',
    ]);
    expect(columnValues(sheet, 'Score')).toEqual(crm);
    expect(columnValues(sheet, 'Lead score')).toEqual(SCORES);
    expect(owned(sheet)).toEqual({ Fit: 21, Behaviour: 22, Negative: 23, Score: 24, Bucket: 25, Grade: 26, Why: 27, 'Scored at': 28 });
    expect(host.ui.toasts.at(-1)!.message).toContain(
      "Your column 'Score' was not made by Lead scoring, so it was left alone; the scores went to new columns 'Lead score'.",
    );

    host.run('scoreLeads');
    expect(host.ui.alerts).toHaveLength(1);
    expect(sheet.values[0]).toHaveLength(28);
    expect(columnValues(sheet, 'Score')).toEqual(crm);
    expect(columnValues(sheet, 'Lead score')).toEqual(SCORES);
  });

  it('"Yes" writes into the user\'s column and makes it the add-on\'s; "Cancel" writes nothing', () => {
    const { wb, host } = withCrm();
    const before = snapshot(sheetOf(wb, 'Leads'));
    host.queueUiResponse('CANCEL');
    host.run('scoreLeads');
    expect(host.ui.alerts.at(-1)!.prompt).toMatch(/^Nothing was written: Score leads stopped, as you chose\./);
    expect(snapshot(sheetOf(wb, 'Leads'))).toBe(before);

    host.queueUiResponse('YES');
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(sheet.values[0].slice(19)).toEqual(['Score', 'Fit', 'Behaviour', 'Negative', 'Bucket', 'Grade', 'Why', 'Scored at']);
    expect(columnValues(sheet, 'Score')).toEqual(SCORES);
    expect(owned(sheet).Score).toBe(20);
    host.run('scoreLeads');
    expect(host.ui.alerts).toHaveLength(3); // cancel's question and message, then yes; none after
  });

  it("with no one to ask (the sidebar's Score now) takes the safe choice and says so", () => {
    const { wb, host } = withCrm();
    const report = host.run('scoreNow') as { ok: boolean; notices: Array<{ tab: string; message: string }> };
    expect(report.ok).toBe(true);
    expect(host.ui.alerts).toEqual([]);
    expect(report.notices.map((n) => n.message)).toEqual([
      "Your column 'Score' was not made by Lead scoring, so it was left alone; the scores went to new columns 'Lead score'.",
    ]);
    const sheet = sheetOf(wb, 'Leads');
    expect(columnValues(sheet, 'Score')).toEqual(crm);
    expect(columnValues(sheet, 'Lead score')).toEqual(SCORES);
  });

  it('finds its columns by metadata after the user moves one, renames its header and adds an own "Why"', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    expect(owned(sheet)).toEqual({ Fit: 20, Behaviour: 21, Negative: 22, Score: 23, Bucket: 24, Grade: 25, Why: 26, 'Scored at': 27 });
    userMovesColumn(sheet, 23, 2); // Score (W) moves to B
    writeCell(sheet, 1, 2, 'Lead score (auto)');
    writeCell(sheet, 1, 28, 'Why'); // the user's own notes column, after ours
    writeCell(sheet, 2, 28, 'met at a fair');
    for (let r = 2; r <= 6; r++) writeCell(sheet, r, 2, 'stale');
    host.run('scoreLeads');
    expect(host.ui.alerts).toEqual([]);
    expect(owned(sheet).Score).toBe(2);
    expect(sheet.values.map((r) => r[1])).toEqual(['Lead score (auto)', ...SCORES]);
    expect(columnValues(sheet, 'Bucket')).toEqual(BUCKETS);
    expect(sheet.values[1][27]).toBe('met at a fair');
    expect(sheet.values[0].filter((h) => h === 'Why')).toHaveLength(2);
  });

  it('a deleted output column is made again after the others; its metadata went with it', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    host.run('scoreLeads');
    const sheet = sheetOf(wb, 'Leads');
    userDeletesColumn(sheet, 26); // Why
    expect(owned(sheet).Why).toBeUndefined();
    host.run('scoreLeads');
    expect(host.ui.alerts).toEqual([]);
    expect(sheet.values[0].slice(19)).toEqual(['Fit', 'Behaviour', 'Negative', 'Score', 'Bucket', 'Grade', 'Scored at', 'Why']);
    expect(owned(sheet).Why).toBe(27);
  });

  it('migration: the previous version\'s eight columns are taken over without a question; a lone "Score" is not', () => {
    // What the previous version left: the eight headers side by side, its values, no metadata.
    const old = leads.map((r, _i) => [
      ...r,
      ...(r.every((c) => c === '') ? ['', '', '', '', '', '', '', ''] : [1, 2, 3, 50, 'Warm', 'B', '+1 old', day('2026-11-01')]),
    ]);
    old[2] = [...leads[2], '', '', '', '', '', '', '', ''];
    const { wb, host } = setUpWorkbook(old, { asOf: ASOF, headers: [...H, ...OUTPUT_HEADERS] });
    host.run('scoreLeads');
    expect(host.ui.alerts).toEqual([]);
    const sheet = sheetOf(wb, 'Leads');
    expect(sheet.values[0]).toHaveLength(27);
    expect(columnValues(sheet, 'Score')).toEqual(SCORES);
    expect(Object.keys(owned(sheet))).toEqual([...OUTPUT_HEADERS]);

    // A lone Score column holding numbers may be a CRM's: asked about (default answer Yes here).
    const lone = setUpWorkbook(
      leads.map((r) => [...r, 50]),
      { asOf: ASOF, headers: [...H, 'Score'] },
    );
    lone.host.run('scoreLeads');
    expect(lone.host.ui.alerts[0].title).toBe("Lead scoring: your column 'Score'");
  });
});

describe("Issue 9 #6: the Leads sheet setting cannot name the add-on's own tabs", () => {
  it.each(['Rules', 'settings'])('Leads sheet = %s is a settings problem in words, and nothing is written', (name) => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    setSetting(wb, 'Leads sheet', name);
    const before = wb.sheets.map((s) => snapshot(s));
    host.run('scoreLeads');
    const tab = name === 'Rules' ? 'Rules' : 'Settings';
    expect(host.ui.alerts.at(-1)!.prompt).toBe(
      `Settings row 2, Leads sheet: '${name}' is the add-on's own ${tab} tab, not a tab of leads. Write the name of the tab holding your leads (e.g. Leads).`,
    );
    expect(wb.sheets.map((s) => snapshot(s))).toEqual(before);
    expect((host.run('scoreNow') as { ok: boolean; error: string }).error).toMatch(/^Settings row 2, Leads sheet: /);
  });
});

describe('Issue 9 #7: the menu is called Lead scoring however the script project is named', () => {
  it.each([undefined, 'Untitled project', 'Leads'])('project title %s', (projectTitle) => {
    const host = createHost(createWorkbook([createSheet('Leads', [['Name']])]), projectTitle ? { projectTitle } : {});
    host.run('onOpen');
    expect(host.ui.menus.map((m) => m.title)).toEqual(['Lead scoring']);
    expect(host.ui.menus[0].items.map((i) => i.caption)).toEqual(MENU_CAPTIONS);
  });
});

describe('Issue 9 #8: an Enabled box that looks off is off', () => {
  // Every lead has a Name: +50 fit when this rule is on. Ada 42+50 = 92 fit, 124 → 100; Bo 62 fit,
  // 62 + 8.88 − 10 = 60.88 → 61 Warm; Cy still Disqualified (score 0); Dee 92 + 55 → 100.
  const NAME_RULE: CellValue[] = ['Fit', 'Name', 'is not empty', '', 50];
  const typeRule = (rules: SheetModel, row: number) => {
    NAME_RULE.forEach((v, i) => {
      writeCell(rules, row, i + 1, v);
    });
  };
  const ON = [100, 61, '', 0, 100];

  it('Set up writes ticked boxes down to row 60; a row holding only a ticked box is no rule', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const rules = sheetOf(wb, 'Rules');
    expect(rules.values.slice(0, 17)).toEqual(starterRulesGrid());
    expect(rules.values.slice(17).map((r) => r[11])).toEqual(new Array(43).fill(true));
    expect(rules.values).toHaveLength(60);
    host.run('scoreLeads');
    expect(host.ui.alerts).toEqual([]);
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual(SCORES);
  });

  it('a rule typed in a pre-ticked row scores; unticked it is off and reported', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const rules = sheetOf(wb, 'Rules');
    typeRule(rules, 20);
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual(ON);
    writeCell(rules, 20, 12, false);
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual(SCORES);
    expect(host.ui.toasts.at(-1)!.message).toBe(
      'Scored 4 leads: 2 Hot · 0 Warm · 1 Cold · 1 Disqualified (as of 2026-11-20). Rules row 20 is off (Enabled unchecked).',
    );
    expect(host.run('getRuleProblems')).toEqual([
      { tab: 'Rules', row: 20, column: 'Enabled', columnIndex: 12, message: 'Rules row 20 is off (Enabled unchecked)' },
    ]);
  });

  it('a rule below the ticked rows, its checkbox blank (unticked), is off, as it looks', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const rules = sheetOf(wb, 'Rules');
    typeRule(rules, 70);
    expect(rules.dataValidations.get('70,12')).toMatchObject({ type: 'CHECKBOX' });
    host.resetCalls();
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual(SCORES);
    expect(host.ui.toasts.at(-1)!.message).toMatch(/ Rules row 70 is off \(Enabled unchecked\)\.$/);
    // LEADSCORE given the Rules range (values only) agrees once the run has written that FALSE.
    const cf = host.runCustomFunction(
      'LEADSCORE',
      [[...H]],
      leads,
      day(ASOF),
      rules.values.map((r) => r.slice(0, 13)),
    );
    expect((cf.value as CellValue[][]).map((r) => r[0])).toEqual(SCORES);
    // One read of the Enabled validations (getRange + getDataValidations), only because a rule row has a blank Enabled.
    expect(host.calls.byMethod['Range.getDataValidations']).toBe(1);
    // The FALSE the box shows is written, so custom functions given the Rules range agree.
    expect(rules.values[69][11]).toBe(false);
    expect(host.calls.byMethod['Range.setValues']).toBe(2);
    host.resetCalls();
    host.run('scoreLeads');
    expect(host.calls.byMethod['Range.getDataValidations']).toBeUndefined();
    expect(host.calls.byMethod['Range.setValues']).toBe(1);
    expect(host.ui.toasts.at(-1)!.message).toMatch(/ Rules row 70 is off \(Enabled unchecked\)\.$/);
  });

  it('a blank Enabled without a checkbox (a typed or CSV tab) stays on', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const rules = sheetOf(wb, 'Rules');
    typeRule(rules, 70);
    rules.dataValidations.delete('70,12');
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual(ON);
    expect(columnValues(sheetOf(wb, 'Leads'), 'Fit')).toEqual([92, 62, '', 65, 92]);
  });

  it('migration: blank boxes on rule rows of an older Rules tab are ticked once, said so, and scores stay', () => {
    const { wb, host } = setUpWorkbook(leads, { asOf: ASOF });
    const rules = sheetOf(wb, 'Rules');
    // What the previous version's Set up left: no ticked rows below the starter rules, no property.
    rules.values = rules.values.slice(0, 17);
    host.properties.document.delete('leadScoring.enabledBlankIsOff');
    typeRule(rules, 18); // added by the user back then, box left blank: it scored
    host.run('scoreLeads');
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual(ON);
    expect(rules.values[17][11]).toBe(true);
    expect(host.ui.toasts.at(-1)!.message).toMatch(
      / Ticked Enabled on Rules row 18: a blank box used to mean on\. From now on an unticked box is off, as it looks\.$/,
    );
    expect(host.properties.document.has('leadScoring.enabledBlankIsOff')).toBe(true);

    // Once only: a rule added later with a blank box is off, not ticked.
    typeRule(rules, 19);
    host.resetCalls();
    host.run('scoreLeads');
    expect(rules.values[18][11]).toBe(false); // the unticked box, written as FALSE
    expect(columnValues(sheetOf(wb, 'Leads'), 'Score')).toEqual(ON);
    expect(host.ui.toasts.at(-1)!.message).toMatch(/ Rules row 19 is off \(Enabled unchecked\)\.$/);
  });
});
