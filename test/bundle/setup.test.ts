import { describe, expect, it } from 'vitest';
import { createHost, createSheet, createWorkbook } from '../../local/index';
import { starterRulesGrid, SETTING_ROWS, EXAMPLE_LEAD_HEADERS, OPERATORS } from '../../src/engine';
import { sheetOf, snapshot, MENU_CAPTIONS } from '../helpers/workbook';

describe('Set up scoring', () => {
  it('creates Rules (starter model), Settings (defaults) and a Leads tab with example headers', () => {
    const wb = createWorkbook([createSheet('Sheet1', [['notes']])]);
    const host = createHost(wb);
    host.run('onOpen');
    expect(host.ui.menus[0].items.map((i) => i.caption)).toEqual(MENU_CAPTIONS);
    host.clickMenuItem('Set up scoring');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Rules', 'Settings', 'Leads', 'Activity']);
    // README "Activity": the events tab, header row only.
    expect(sheetOf(wb, 'Activity').values).toEqual([['Lead key', 'Activity', 'Date', 'Count', 'Detail']]);
    const rules = sheetOf(wb, 'Rules');
    expect(rules.values.slice(0, 17)).toEqual(starterRulesGrid());
    expect(rules.frozenRows).toBe(1);
    const settings = sheetOf(wb, 'Settings');
    expect(settings.values[0]).toEqual(['Setting', 'Value', 'What it does']);
    expect(settings.values.slice(1).map((r) => r[0])).toEqual(SETTING_ROWS.map((s) => s.name));
    expect(settings.values[3].slice(0, 2)).toEqual(['Hot at', 70]);
    expect(sheetOf(wb, 'Leads').values[0]).toEqual(EXAMPLE_LEAD_HEADERS);
    expect(host.ui.toasts.at(-1)!.message).toBe('Created Rules, Settings, Leads, Activity. Next: Score leads.');
  });

  it('adds dropdowns for Category, Operator and Per and a checkbox for Enabled in the Rules tab', () => {
    const wb = createWorkbook([createSheet('Leads', [['Name']])]);
    createHost(wb).run('setUpScoring');
    const v = sheetOf(wb, 'Rules').dataValidations;
    // Columns: Category A(1), Operator C(3), Per F(6), Enabled L(12); rows 2..1000.
    expect(v.get('2,1')).toMatchObject({
      type: 'VALUE_IN_LIST',
      values: ['Fit', 'Behaviour', 'Negative', 'Disqualify', 'Behavior', 'Engagement'],
    });
    expect(v.get('1000,3')).toMatchObject({ type: 'VALUE_IN_LIST', values: OPERATORS });
    expect(v.get('50,6')).toMatchObject({ type: 'VALUE_IN_LIST', values: ['once', 'each'] });
    expect(v.get('2,12')).toMatchObject({ type: 'CHECKBOX' });
    expect(v.get('1,1')).toBeUndefined();
  });

  it('running it twice changes nothing, and an existing tab is never touched', () => {
    const wb = createWorkbook([
      createSheet('Leads', [
        ['Name', 'Email'],
        ['Ann', 'ann@acme.io'],
      ]),
      createSheet('Rules', [['Category'], ['my own notes']]),
    ]);
    const host = createHost(wb);
    const rulesBefore = snapshot(sheetOf(wb, 'Rules'));
    host.run('setUpScoring');
    expect(host.ui.toasts.at(-1)!.message).toBe('Created Settings, Activity. Kept Rules, Leads as they were. Next: Score leads.');
    const after = wb.sheets.map((s) => snapshot(s));
    host.run('setUpScoring');
    expect(wb.sheets.map((s) => snapshot(s))).toEqual(after);
    expect(snapshot(sheetOf(wb, 'Rules'))).toBe(rulesBefore);
    expect(host.ui.toasts.at(-1)!.message).toBe(
      'Everything was already set up. Kept Rules, Settings, Leads, Activity as they were. Next: Score leads.',
    );
  });

  it('onInstall builds the same menu as onOpen', () => {
    const wb = createWorkbook();
    const host = createHost(wb);
    host.run('onInstall', { authMode: 'FULL' });
    expect(host.ui.menus[0].items.map((i) => i.functionName)).toEqual([
      'setUpScoring',
      'scoreLeads',
      'scoreAccounts',
      'backtest',
      'suggestRules',
      'useSuggestedRules',
      'showSidebar',
      'showExportSql',
      'toggleDailyRescore',
      'toggleFormRescore',
      'removeColours',
    ]);
  });

  it('opens the sidebar from the built Sidebar.html', () => {
    const host = createHost(createWorkbook());
    host.run('showSidebar');
    expect(host.ui.sidebars[0].title).toBe('Lead scoring');
    expect(host.ui.sidebars[0].html).toMatch(/<html/i);
  });
});
