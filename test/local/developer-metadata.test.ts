/**
 * The host's developer metadata, from Google's reference (see local/services/developerMetadata.ts):
 * whole columns/rows only, finders scoped to a spreadsheet, a sheet or a range, metadata that
 * follows its column, the enums, custom-function mode.
 */
import { describe, expect, it } from 'vitest';
import { createHost, createSheet, createWorkbook } from '../../local/index.js';
import { hostWith, thrown } from './helpers.js';

const ARBITRARY =
  'Exception: Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

describe('Developer metadata', () => {
  const code = `
    function sheet() { return SpreadsheetApp.getActive().getSheetByName('Leads'); }
    function add(a1, key, value) { sheet().getRange(a1).addDeveloperMetadata(key, value); }
    function addRect(r, c, nr, nc) { sheet().getRange(r, c, nr, nc).addDeveloperMetadata('k'); }
    function addVis(a1) { sheet().getRange(a1).addDeveloperMetadata('p', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT); }
    function list(scope, key) {
      var f = scope === 'ss' ? SpreadsheetApp.getActive().createDeveloperMetadataFinder()
        : scope === 'sheet' ? sheet().createDeveloperMetadataFinder() : sheet().getRange(scope).createDeveloperMetadataFinder();
      if (key) f = f.withKey(key);
      return f.find().map(function (m) {
        var loc = m.getLocation();
        var where = loc.getColumn() ? 'column ' + loc.getColumn().getColumn() + ' x' + loc.getColumn().getNumRows()
          : 'row ' + loc.getRow().getRow() + ' x' + loc.getRow().getNumColumns();
        return [m.getId(), m.getKey(), m.getValue(), m.getVisibility(), String(loc.getLocationType()), where].join('|');
      });
    }
    function intersecting(a1) { return sheet().getRange(a1).createDeveloperMetadataFinder().onIntersectingLocations().find().length; }
    function byType(t) { return SpreadsheetApp.getActive().createDeveloperMetadataFinder().withLocationType(SpreadsheetApp.DeveloperMetadataLocationType[t]).find().length; }
    function insert(after, n) { sheet().insertColumnsAfter(after, n); }
    function removeAll() { sheet().createDeveloperMetadataFinder().find().forEach(function (m) { m.remove(); }); }
    function setValue(v) { sheet().createDeveloperMetadataFinder().find()[0].setValue(v); }
  `;

  it("goes on a whole column or row only, with Apps Script's error otherwise", () => {
    const { host, wb } = hostWith(code, [['Name']]);
    host.run('add', 'C:C', 'leadScoring.output', 'Score');
    host.run('add', '3:3', 'row', 'x');
    host.run('addRect', 1, 4, 1000, 1); // rows 1..max of one column is a whole column
    expect(thrown(() => host.run('add', 'C2:C1000', 'k', 'v'))).toBe(ARBITRARY);
    expect(thrown(() => host.run('add', 'C1', 'k', 'v'))).toBe(ARBITRARY);
    expect(thrown(() => host.run('add', 'C:D', 'k', 'v'))).toBe(ARBITRARY);
    expect(thrown(() => host.run('addRect', 1, 1, 5, 26))).toBe(ARBITRARY);
    expect(thrown(() => host.run('add', 'C:C', 7, 'v'))).toBe(
      "Exception: The parameters (number,String) don't match the method signature for SpreadsheetApp.Range.addDeveloperMetadata.",
    );
    expect(wb.sheets[0].developerMetadata).toHaveLength(3);
    expect(host.run('list', 'sheet')).toEqual([
      '1|leadScoring.output|Score|DOCUMENT|COLUMN|column 3 x1000',
      '2|row|x|DOCUMENT|ROW|row 3 x26',
      '3|k||DOCUMENT|COLUMN|column 4 x1000',
    ]);
  });

  it('finders: by key, by location type, spreadsheet/sheet/range scope, intersecting on a range', () => {
    const wb = createWorkbook([createSheet('Leads', [['Name']]), createSheet('Other', [['x']])]);
    const host = createHost(wb, { code });
    host.run('add', 'C:C', 'a', '1');
    host.run('add', 'E:E', 'b', '2');
    host.run('addVis', 'F:F');
    expect(host.run('list', 'sheet', 'b')).toEqual(['2|b|2|DOCUMENT|COLUMN|column 5 x1000']);
    expect(host.run('list', 'ss', 'p')).toEqual(['3|p||PROJECT|COLUMN|column 6 x1000']);
    expect(host.run('list', 'C:C')).toEqual(['1|a|1|DOCUMENT|COLUMN|column 3 x1000']); // exact location
    expect(host.run('list', 'C2:E5')).toEqual([]); // not a location that has metadata
    expect(host.run('intersecting', 'C2:E5')).toBe(2);
    expect(host.run('byType', 'COLUMN')).toBe(3);
    expect(host.run('byType', 'ROW')).toBe(0);
  });

  it('follows its column when columns are inserted before it; remove() and setValue()', () => {
    const { host } = hostWith(code, [['Name']]);
    host.run('add', 'C:C', 'k', 'Score');
    host.run('insert', 1, 2);
    expect(host.run('list', 'sheet')).toEqual(['1|k|Score|DOCUMENT|COLUMN|column 5 x1000']);
    host.run('insert', 10, 1); // after it: no move
    host.run('setValue', 'Why');
    expect(host.run('list', 'sheet')).toEqual(['1|k|Why|DOCUMENT|COLUMN|column 5 x1000']);
    host.run('removeAll');
    expect(host.run('list', 'ss')).toEqual([]);
  });

  it('custom functions can find metadata but not add it', () => {
    const { host } = hostWith(
      `${code}function CF() { sheet().getRange('C:C').addDeveloperMetadata('k'); }
      function CFREAD() { return sheet().createDeveloperMetadataFinder().find().length; }`,
      [['Name']],
    );
    host.run('add', 'C:C', 'k', 'v');
    expect(host.runCustomFunction('CFREAD').value).toBe(1);
    expect(thrown(() => host.runCustomFunction('CF'))).toBe('Exception: You do not have permission to call addDeveloperMetadata');
  });

  it('names an add-on menu after the script project ("Untitled project" unless set)', () => {
    const menu = `function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi(); SpreadsheetApp.getUi().createMenu('Mine').addToUi(); }`;
    const plain = hostWith(menu).host;
    plain.run('onOpen');
    expect(plain.ui.menus.map((m) => m.title)).toEqual(['Untitled project', 'Mine']);
    const named = hostWith(menu, [], { projectTitle: 'Leads' }).host;
    named.run('onOpen');
    expect(named.ui.menus.map((m) => m.title)).toEqual(['Leads', 'Mine']);
  });
});
