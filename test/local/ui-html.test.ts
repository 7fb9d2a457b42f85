import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostWith, thrown } from './helpers.js';

describe('Ui', () => {
  const code = `function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Score leads', 'scoreLeads').addSeparator()
      .addSubMenu(SpreadsheetApp.getUi().createMenu('More').addItem('Set up', 'setUp')).addToUi(); }
    function scoreLeads() { SpreadsheetApp.getActive().toast('Scored 3 leads', 'Lead scoring'); return 'scored'; }
    function ask() { var ui = SpreadsheetApp.getUi(); var a = ui.alert('Sure?', 'Overwrite scores?', ui.ButtonSet.YES_NO);
      var p = ui.prompt('Name?'); return [a === ui.Button.YES, a, p.getSelectedButton(), p.getResponseText()].join(','); }`;

  it('records menus and runs a clicked item', () => {
    // createAddonMenu() is named after the script project: "Untitled project" unless told.
    const { host } = hostWith(code, [], { projectTitle: 'Lead scoring' });
    host.run('onOpen');
    expect(host.ui.menus).toEqual([
      {
        title: 'Lead scoring',
        items: [{ caption: 'Score leads', functionName: 'scoreLeads' }],
        separators: 1,
        subMenus: [{ title: 'More', items: [{ caption: 'Set up', functionName: 'setUp' }], separators: 0, subMenus: [] }],
      },
    ]);
    expect(host.clickMenuItem('Score leads')).toBe('scored');
    expect(host.ui.toasts).toEqual([{ message: 'Scored 3 leads', title: 'Lead scoring', timeoutSeconds: 5 }]);
    expect(thrown(() => host.clickMenuItem('Set up'))).toBe('Exception: Script function not found: setUp');
  });

  it('alerts and prompts answer from the queue, else OK / YES', () => {
    const { host } = hostWith(code);
    expect(host.run('ask')).toBe('true,YES,OK,');
    host.queueUiResponse('NO', ['OK', 'Ada']);
    expect(host.run('ask')).toBe('false,NO,OK,Ada');
    expect(host.ui.alerts[0]).toEqual({ title: 'Sure?', prompt: 'Overwrite scores?', buttons: 'YES_NO', response: 'YES' });
  });
});

describe('HtmlService', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lh-html-'));
  writeFileSync(join(dir, 'Sidebar.html'), '<p>Lead</p>');
  const code = `function show() { var out = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Lead score').setWidth(300);
      SpreadsheetApp.getUi().showSidebar(out); return out.getContent(); }
    function missing() { HtmlService.createHtmlOutputFromFile('Nope'); }`;

  it('reads <name>.html next to the bundle and records the sidebar', () => {
    const { host } = hostWith(code, [], { bundleDir: dir });
    expect(host.run('show')).toBe('<p>Lead</p>');
    expect(host.ui.sidebars).toEqual([{ title: 'Lead score', html: '<p>Lead</p>' }]);
  });

  it('a missing file', () => {
    const { host } = hostWith(code, [], { bundleDir: dir });
    expect(thrown(() => host.run('missing'))).toBe('Exception: No HTML file named Nope was found.');
  });
});

describe('selection', () => {
  it('setActiveRange drives getActiveRange / getActiveSheet; Range.activate updates it', () => {
    const { host } =
      hostWith(`function sel() { var r = SpreadsheetApp.getActiveRange(); return SpreadsheetApp.getActiveSheet().getName() + '!' + r.getA1Notation() + ' row ' + r.getRow(); }
      function move() { SpreadsheetApp.getActiveSheet().getRange('B7').activate(); }`);
    expect(host.run('sel')).toBe('Leads!A1 row 1');
    host.setActiveRange('Leads', 'A5');
    expect(host.run('sel')).toBe('Leads!A5 row 5');
    host.run('move');
    expect(host.run('sel')).toBe('Leads!B7 row 7');
  });
});
