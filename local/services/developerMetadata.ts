/**
 * Developer metadata on whole columns and rows —
 * https://developers.google.com/apps-script/reference/spreadsheet/range#addDeveloperMetadata(String,String)
 * https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata
 * https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-finder
 * https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-location
 *
 * What the Sheets API reference says it does, and this host does:
 * "it will remain associated at those locations as they move around and the spreadsheet is edited
 * … if developer metadata is associated with row 5 and another row is then subsequently inserted
 * above row 5, that original metadata is still associated with the row it was first associated
 * with (what is now row 6). If the associated object is deleted then its metadata is deleted too."
 * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata)
 *
 * Modelled: metadata on one whole column or one whole row (Range.addDeveloperMetadata), finders on
 * a Spreadsheet, a Sheet or a Range (withKey / withValue / withId / withLocationType /
 * withVisibility / onIntersectingLocations on a Range), DeveloperMetadata getters, setKey,
 * setValue, remove, and DeveloperMetadataLocation. Not modelled (a script calling them gets
 * "Local host: … is not supported" or no such method): Sheet/Spreadsheet.addDeveloperMetadata,
 * moveTo*, setVisibility.
 */
import type { DeveloperMetadataModel, SheetModel } from '../model/types.js';
import type { GridRect } from '../model/a1.js';
import { describeArgs, gasException, realmArray, unsupported, type HostContext } from './context.js';
import { expose } from './expose.js';

const enumOf = (...names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
/** SpreadsheetApp.DeveloperMetadataLocationType and SpreadsheetApp.DeveloperMetadataVisibility. */
export const DeveloperMetadataLocationType = enumOf('SPREADSHEET', 'SHEET', 'ROW', 'COLUMN');
export const DeveloperMetadataVisibility = enumOf('DOCUMENT', 'PROJECT');

/**
 * Apps Script's text for a range that is not a whole row or column (observed in Apps Script and
 * reproduced by the gas-fakes emulator's live-compared tests).
 */
export const ARBITRARY_RANGE_MESSAGE =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

export interface MetadataDeps {
  /** The script's Range object for a rectangle of a sheet. */
  range: (sheet: SheetModel, rect: GridRect) => unknown;
}

const list = (sheet: SheetModel): DeveloperMetadataModel[] => (sheet.developerMetadata ??= []);

function nextId(ctx: HostContext): number {
  let max = 0;
  for (const s of ctx.workbook.sheets) for (const m of s.developerMetadata ?? []) max = Math.max(max, m.id);
  return max + 1;
}

const isVisibility = (v: unknown): v is 'DOCUMENT' | 'PROJECT' => v === 'DOCUMENT' || v === 'PROJECT';

/**
 * Range.addDeveloperMetadata(key), (key, value), (key, visibility), (key, value, visibility).
 * The range must be one entire column (rows 1..max) or one entire row (columns 1..max).
 */
export function addDeveloperMetadata(ctx: HostContext, sheet: SheetModel, rect: GridRect, args: unknown[]): void {
  const signature = () =>
    gasException(
      ctx,
      `The parameters (${describeArgs(args)}) don't match the method signature for SpreadsheetApp.Range.addDeveloperMetadata.`,
    );
  if (args.length < 1 || args.length > 3 || typeof args[0] !== 'string') throw signature();
  let value: string | null = null;
  let visibility: 'DOCUMENT' | 'PROJECT' = 'DOCUMENT';
  if (args.length === 2) {
    if (isVisibility(args[1])) visibility = args[1];
    else if (typeof args[1] === 'string') value = args[1];
    else throw signature();
  } else if (args.length === 3) {
    if (typeof args[1] !== 'string' || !isVisibility(args[2])) throw signature();
    value = args[1];
    visibility = args[2];
  }
  const wholeColumn = rect.numCols === 1 && rect.row === 1 && rect.numRows === sheet.maxRows;
  const wholeRow = rect.numRows === 1 && rect.col === 1 && rect.numCols === sheet.maxColumns;
  if (!wholeColumn && !wholeRow) throw gasException(ctx, ARBITRARY_RANGE_MESSAGE);
  list(sheet).push({
    id: nextId(ctx),
    key: args[0],
    value,
    visibility,
    location: wholeColumn ? { type: 'COLUMN', index: rect.col } : { type: 'ROW', index: rect.row },
  });
}

type Scope = { kind: 'spreadsheet' } | { kind: 'sheet'; sheet: SheetModel } | { kind: 'range'; sheet: SheetModel; rect: GridRect };

/** The DeveloperMetadataFinder of a Spreadsheet, a Sheet or a Range. */
export function newDeveloperMetadataFinder(ctx: HostContext, deps: MetadataDeps, scope: Scope) {
  const criteria: { key?: string; value?: string; id?: number; type?: string; visibility?: string } = {};
  let intersecting = false;
  let self: unknown;
  const sig = (method: string, args: unknown[]) =>
    gasException(
      ctx,
      `The parameters (${describeArgs(args)}) don't match the method signature for SpreadsheetApp.DeveloperMetadataFinder.${method}.`,
    );
  const impl = {
    toString: () => 'DeveloperMetadataFinder',
    withKey(...args: unknown[]) {
      if (args.length !== 1 || typeof args[0] !== 'string') throw sig('withKey', args);
      criteria.key = args[0];
      return self;
    },
    withValue(...args: unknown[]) {
      if (args.length !== 1 || typeof args[0] !== 'string') throw sig('withValue', args);
      criteria.value = args[0];
      return self;
    },
    withId(...args: unknown[]) {
      if (args.length !== 1 || typeof args[0] !== 'number') throw sig('withId', args);
      criteria.id = args[0];
      return self;
    },
    withLocationType(...args: unknown[]) {
      if (args.length !== 1 || typeof args[0] !== 'string' || !(args[0] in DeveloperMetadataLocationType))
        throw sig('withLocationType', args);
      criteria.type = args[0];
      return self;
    },
    withVisibility(...args: unknown[]) {
      if (args.length !== 1 || !isVisibility(args[0])) throw sig('withVisibility', args);
      criteria.visibility = args[0];
      return self;
    },
    /** "This option is only valid for range scoped searches." (DeveloperMetadataFinder reference) */
    onIntersectingLocations() {
      if (scope.kind !== 'range') throw unsupported(ctx, 'DeveloperMetadataFinder.onIntersectingLocations() outside a Range finder');
      intersecting = true;
      return self;
    },
    find() {
      const sheets = scope.kind === 'spreadsheet' ? ctx.workbook.sheets : [scope.sheet];
      const out: unknown[] = [];
      for (const sheet of sheets) {
        for (const m of sheet.developerMetadata ?? []) {
          if (criteria.key !== undefined && m.key !== criteria.key) continue;
          if (criteria.value !== undefined && m.value !== criteria.value) continue;
          if (criteria.id !== undefined && m.id !== criteria.id) continue;
          if (criteria.type !== undefined && m.location.type !== criteria.type) continue;
          if (criteria.visibility !== undefined && m.visibility !== criteria.visibility) continue;
          if (scope.kind === 'range' && !inRange(sheet, m, scope.rect, intersecting)) continue;
          out.push(metadataObject(ctx, deps, sheet, m));
        }
      }
      return realmArray(ctx, out);
    },
  };
  self = expose(ctx, 'DeveloperMetadataFinder', impl);
  return self;
}

/** A Range finder: metadata on exactly that row/column, or (intersecting) on rows/columns it touches. */
function inRange(sheet: SheetModel, m: DeveloperMetadataModel, r: GridRect, intersecting: boolean): boolean {
  const { type, index } = m.location;
  if (intersecting) return type === 'COLUMN' ? index >= r.col && index < r.col + r.numCols : index >= r.row && index < r.row + r.numRows;
  if (type === 'COLUMN') return r.numCols === 1 && r.col === index && r.row === 1 && r.numRows === sheet.maxRows;
  return r.numRows === 1 && r.row === index && r.col === 1 && r.numCols === sheet.maxColumns;
}

function metadataObject(ctx: HostContext, deps: MetadataDeps, sheet: SheetModel, m: DeveloperMetadataModel) {
  let self: unknown;
  const alive = () => (sheet.developerMetadata ?? []).includes(m);
  const impl = {
    toString: () => 'DeveloperMetadata',
    getId: () => m.id,
    getKey: () => m.key,
    getValue: () => m.value,
    getVisibility: () => m.visibility,
    getLocation: () => locationObject(ctx, deps, sheet, m),
    setKey(key: unknown) {
      if (typeof key !== 'string')
        throw gasException(
          ctx,
          `The parameters (${describeArgs([key])}) don't match the method signature for SpreadsheetApp.DeveloperMetadata.setKey.`,
        );
      m.key = key;
      return self;
    },
    setValue(value: unknown) {
      if (typeof value !== 'string')
        throw gasException(
          ctx,
          `The parameters (${describeArgs([value])}) don't match the method signature for SpreadsheetApp.DeveloperMetadata.setValue.`,
        );
      m.value = value;
      return self;
    },
    remove() {
      if (!alive()) return;
      sheet.developerMetadata = (sheet.developerMetadata ?? []).filter((x) => x !== m);
    },
  };
  self = expose(ctx, 'DeveloperMetadata', impl, { readOnlyInCustomFunction: true });
  return self;
}

/** Where the metadata is now (it follows its column or row). */
function locationObject(ctx: HostContext, deps: MetadataDeps, sheet: SheetModel, m: DeveloperMetadataModel) {
  const { type, index } = m.location;
  return expose(ctx, 'DeveloperMetadataLocation', {
    toString: () => 'DeveloperMetadataLocation',
    getLocationType: () => type,
    getColumn: () => (type === 'COLUMN' ? deps.range(sheet, { row: 1, col: index, numRows: sheet.maxRows, numCols: 1 }) : null),
    getRow: () => (type === 'ROW' ? deps.range(sheet, { row: index, col: 1, numRows: 1, numCols: sheet.maxColumns }) : null),
    // getSheet/getSpreadsheet: "or null if the location type is not" SHEET / SPREADSHEET.
    getSheet: () => null,
    getSpreadsheet: () => null,
  });
}

/** Rows (axis 0) or columns (axis 1) inserted after `after`: metadata beyond moves with its row/column. */
export function shiftMetadataForInsert(sheet: SheetModel, axis: 0 | 1, after: number, by: number): void {
  const type = axis === 0 ? 'ROW' : 'COLUMN';
  for (const m of sheet.developerMetadata ?? []) if (m.location.type === type && m.location.index > after) m.location.index += by;
}

/**
 * The model side of a user deleting columns start..start+count−1 in Sheets: metadata on them is
 * deleted, metadata to their right moves left. (Tests use it to act as the user.)
 */
export function deleteColumnsMetadata(sheet: SheetModel, start: number, count: number): void {
  sheet.developerMetadata = (sheet.developerMetadata ?? []).filter(
    (m) => m.location.type !== 'COLUMN' || m.location.index < start || m.location.index >= start + count,
  );
  for (const m of sheet.developerMetadata) if (m.location.type === 'COLUMN' && m.location.index >= start + count) m.location.index -= count;
}

/**
 * Where column `c` goes when columns start..start+count−1 move to `destinationIndex` (an index
 * before the move, as Sheet.moveColumns takes it: "A-B to destination index 5 … become C-D").
 */
export function movedColumn(c: number, start: number, count: number, destinationIndex: number): number {
  const end = start + count; // exclusive
  if (destinationIndex >= start && destinationIndex <= end) return c; // no move
  if (c >= start && c < end) return destinationIndex > end ? destinationIndex - count + (c - start) : destinationIndex + (c - start);
  if (destinationIndex > end && c >= end && c < destinationIndex) return c - count;
  if (destinationIndex < start && c >= destinationIndex && c < start) return c + count;
  return c;
}
