/**
 * Workbook → .xlsx by editing the user's own package: sheets loaded from an .xlsx are patched
 * cell by cell (only cells whose value, formula, number format, background or weight the run
 * changed; their existing style is the base of the new one), so fonts, borders, merges, notes,
 * hyperlinks, widths, hidden sheets, tab colours, defined names, error cells and every other part
 * stay byte for byte. Sheets the run created (Rules, Settings, or all of them for a CSV or a
 * workbook made in code) are written whole. Conditional formats, validations, frozen rows and
 * column widths are rewritten only where the run changed them.
 *
 * Plain string edits on the XML instead of a full object model: exceljs's in-memory model needs
 * 4 GB and minutes for 200,000 rows, this needs one pass over each changed sheet. jszip reads the
 * package; archiver writes it (Node's zlib: 3× faster than jszip's JavaScript deflate).
 */
import { Readable } from 'node:stream';
import archiver from 'archiver';
import JSZip from 'jszip';
import { cellKey, type CellValue, type CFRule, type SheetModel, type ValidationModel } from '../model/types.js';
import { columnToLetters, lettersToColumn } from '../model/a1.js';
import { isDate } from '../model/dates.js';

// ---- What a loaded sheet looked like -----------------------------------------------------------

export interface SheetSnapshot {
  name: string;
  values: CellValue[][];
  formulas: Map<string, string>;
  numberFormats: Map<string, string>;
  backgrounds: Map<string, string>;
  fontWeights: Map<string, string>;
  cf: CFRule[];
  validations: Map<string, string>;
  frozenRows: number;
  columnWidths: Map<number, number>;
  /** Array formula areas by anchor, as text ('rows×cols'), so a changed size is a changed cell. */
  spills: Map<string, string>;
}
export interface XlsxSource {
  bytes: Buffer;
}
const loaded = new WeakMap<SheetModel, { source: XlsxSource; snapshot: SheetSnapshot }>();

export function rememberXlsxSheet(sheet: SheetModel, source: XlsxSource): void {
  loaded.set(sheet, {
    source,
    snapshot: {
      name: sheet.name,
      values: sheet.values.map((r) => r.slice()),
      formulas: new Map(sheet.formulas),
      numberFormats: new Map(sheet.numberFormats),
      backgrounds: new Map(sheet.backgrounds),
      fontWeights: new Map(sheet.fontWeights),
      cf: sheet.conditionalFormatRules.map((r) => ({ ...r, ranges: [...r.ranges] })),
      validations: new Map([...sheet.dataValidations].map(([k, v]) => [k, JSON.stringify(v)])),
      frozenRows: sheet.frozenRows,
      columnWidths: new Map(sheet.columnWidths),
      spills: spillSizes(sheet),
    },
  });
}

const spillSizes = (sheet: SheetModel) => new Map([...(sheet.spills ?? [])].map(([k, s]) => [k, `${s.numRows}×${s.numCols}`]));

/**
 * A formula's `<f>` element. A formula whose result spilled is saved as an array formula over its
 * area (ECMA-376 §18.3.1.40, t="array" with ref), Excel's form for an array result whose cells
 * hold the values, so the next load knows those cells are the formula's and not data.
 */
function formulaXml(sheet: SheetModel, key: string, formula: string): string {
  const size = sheet.spills?.get(key);
  let attrs = '';
  if (size) {
    const [r, c] = key.split(',').map(Number);
    attrs = ` t="array" ref="${columnToLetters(c)}${r}:${columnToLetters(c + size.numCols - 1)}${r + size.numRows - 1}"`;
  }
  return `<f${attrs}>${esc(formula.replace(/^=/, ''))}</f>`;
}

// ---- XML helpers -------------------------------------------------------------------------------

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
export const esc = (s: string): string =>
  !NEEDS_ESCAPE.test(s)
    ? s
    : s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unesc = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const attrRes = new Map<string, RegExp>();
const attr = (tag: string, name: string): string | undefined => {
  let re = attrRes.get(name);
  if (!re) attrRes.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
  const m = re.exec(tag);
  return m ? unesc(m[1]) : undefined;
};
/** Sets an attribute on the opening tag at the start of `el`. */
function setAttr(el: string, name: string, value: string): string {
  const end = el.indexOf('>');
  const open = el.slice(0, end + 1);
  const re = new RegExp(`\\s${name}="[^"]*"`);
  const next = re.test(open) ? open.replace(re, ` ${name}="${esc(value)}"`) : open.replace(/\s*(\/?)>$/, ` ${name}="${esc(value)}"$1>`);
  return next + el.slice(end + 1);
}
const elementRes = new Map<string, RegExp>();
const elements = (xml: string, tag: string): string[] => {
  let re = elementRes.get(tag);
  if (!re) elementRes.set(tag, (re = new RegExp(`<${tag}\\b[^>]*?(?:\\/>|>[\\s\\S]*?<\\/${tag}>)`, 'g')));
  return xml.match(re) ?? [];
};

const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const serial = (d: Date): number => (d.getTime() - SERIAL_EPOCH_MS) / 86_400_000;
const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#ERROR!']);
const hexToArgb = (hex: string) => `FF${hex.replace(/^#/, '').toUpperCase()}`;

// ---- Styles ------------------------------------------------------------------------------------

const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  'mm-dd-yy': 14,
  'd-mmm-yy': 15,
  'd-mmm': 16,
  'mmm-yy': 17,
  'h:mm AM/PM': 18,
  'h:mm:ss AM/PM': 19,
  'h:mm': 20,
  'h:mm:ss': 21,
  'm/d/yy h:mm': 22,
  '@': 49,
};

interface StyleChange {
  numFmt?: string;
  background?: string | null;
  bold?: boolean;
}

/** styles.xml: new cell formats and conditional-format styles are appended; existing ones never change. */
class Styles {
  private numFmts = new Map<string, number>();
  private added: string[] = [];
  private nextFmt = 164;
  private fonts: string[];
  private fills: string[];
  private xfs: string[];
  private dxfs: string[];
  private memo = new Map<string, number>();
  private dirty = false;

  constructor(private xml: string) {
    for (const f of elements(this.section('numFmts') ?? '', 'numFmt')) {
      const id = Number(attr(f, 'numFmtId'));
      this.numFmts.set(attr(f, 'formatCode') ?? '', id);
      this.nextFmt = Math.max(this.nextFmt, id + 1);
    }
    this.fonts = elements(this.section('fonts') ?? '', 'font');
    this.fills = elements(this.section('fills') ?? '', 'fill');
    this.xfs = elements(this.section('cellXfs') ?? '', 'xf');
    this.dxfs = elements(this.section('dxfs') ?? '', 'dxf');
  }

  private section(name: string): string | null {
    const m = new RegExp(`<${name}\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${name}>)`).exec(this.xml);
    return m ? (m[1] ?? '') : null;
  }

  private formatId(code: string): number {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = this.nextFmt++;
      this.numFmts.set(code, id);
      this.added.push(`<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    }
    return id;
  }

  /** The cell format `base` with the changes applied (memoised). */
  xf(base: number, change: StyleChange): number {
    const key = `${base}|${change.numFmt ?? '~'}|${change.background === undefined ? '~' : change.background}|${change.bold ?? '~'}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    let xf = this.xfs[base] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    if (change.numFmt !== undefined) xf = setAttr(setAttr(xf, 'numFmtId', String(this.formatId(change.numFmt))), 'applyNumberFormat', '1');
    if (change.background !== undefined) {
      let fillId = 0;
      if (change.background) {
        fillId = this.fills.length;
        this.fills.push(
          `<fill><patternFill patternType="solid"><fgColor rgb="${hexToArgb(change.background)}"/><bgColor indexed="64"/></patternFill></fill>`,
        );
      }
      xf = setAttr(setAttr(xf, 'fillId', String(fillId)), 'applyFill', '1');
    }
    if (change.bold !== undefined) {
      const font = this.fonts[Number(attr(xf, 'fontId') ?? 0)] ?? '<font><sz val="11"/><name val="Calibri"/></font>';
      let next = font.replace(/<b(?:\s+val="[^"]*")?\s*\/>/g, '');
      if (change.bold) next = next.endsWith('/>') ? '<font><b/></font>' : next.replace(/^<font\b[^>]*>/, (m) => `${m}<b/>`);
      this.fonts.push(next);
      xf = setAttr(setAttr(xf, 'fontId', String(this.fonts.length - 1)), 'applyFont', '1');
    }
    this.xfs.push(xf);
    this.dirty = true;
    const id = this.xfs.length - 1;
    this.memo.set(key, id);
    return id;
  }

  dxf(rule: CFRule): number {
    const font =
      rule.fontColor || rule.bold
        ? `<font>${rule.bold ? '<b/>' : ''}${rule.fontColor ? `<color rgb="${hexToArgb(rule.fontColor)}"/>` : ''}</font>`
        : '';
    const fill = rule.background
      ? `<fill><patternFill patternType="solid"><bgColor rgb="${hexToArgb(rule.background)}"/></patternFill></fill>`
      : '';
    this.dxfs.push(`<dxf>${font}${fill}</dxf>`);
    this.dirty = true;
    return this.dxfs.length - 1;
  }

  private replace(name: string, items: string[], after: string[]): void {
    const body = `<${name} count="${items.length}">${items.join('')}</${name}>`;
    const re = new RegExp(`<${name}\\b[^>]*?(?:\\/>|>[\\s\\S]*?<\\/${name}>)`);
    if (re.test(this.xml)) {
      this.xml = this.xml.replace(re, () => body);
      return;
    }
    for (const a of after) {
      const m = new RegExp(`<\\/${a}>|<${a}\\b[^>]*\\/>`).exec(this.xml);
      if (m) {
        this.xml = this.xml.slice(0, m.index + m[0].length) + body + this.xml.slice(m.index + m[0].length);
        return;
      }
    }
    this.xml = this.xml.replace(/<styleSheet\b[^>]*>/, (m) => m + body);
  }

  serialize(): string | null {
    if (!this.dirty && this.added.length === 0) return null;
    if (this.added.length) {
      const existing = elements(this.section('numFmts') ?? '', 'numFmt');
      this.replace('numFmts', [...existing, ...this.added], []);
    }
    this.replace('fonts', this.fonts, ['numFmts']);
    this.replace('fills', this.fills, ['fonts']);
    this.replace('cellXfs', this.xfs, ['cellStyleXfs', 'borders']);
    this.replace('dxfs', this.dxfs, ['cellStyles', 'cellXfs']);
    return this.xml;
  }
}

// ---- Cells -------------------------------------------------------------------------------------

function textCell(ref: string, s: string, text: string): string {
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

/** One <c> element; `f` is a formula element or ''. */
function cellXml(ref: string, v: CellValue, style: number, f: string): string {
  const s = style ? ` s="${style}"` : '';
  if (f) {
    if (v === '') return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof v === 'number') return `<c r="${ref}"${s}>${f}<v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${ref}"${s} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    if (isDate(v)) return `<c r="${ref}"${s}>${f}<v>${serial(v)}</v></c>`;
    return `<c r="${ref}"${s} t="${ERRORS.has(v) ? 'e' : 'str'}">${f}<v>${esc(v)}</v></c>`;
  }
  if (v === '') return s ? `<c r="${ref}"${s}/>` : '';
  if (typeof v === 'number') return `<c r="${ref}"${s}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (isDate(v)) return `<c r="${ref}"${s}><v>${serial(v)}</v></c>`;
  return textCell(ref, s, v);
}

const defaultDateFormat = (d: Date) => (d.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss');

const sameCell = (a: CellValue, b: CellValue): boolean =>
  a === b || (isDate(a) && isDate(b) && (a as Date).getTime() === (b as Date).getTime());

/** Bounded chunks of output (a 200,000-row sheet is too big for one string join). */
class Out {
  chunks: Buffer[] = [];
  private parts: string[] = [];
  private size = 0;
  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 8_000_000) this.flush();
  }
  flush(): void {
    if (this.parts.length) this.chunks.push(Buffer.from(this.parts.join(''), 'utf8'));
    this.parts = [];
    this.size = 0;
  }
}

// ---- Sheet parts -------------------------------------------------------------------------------

function cfXml(rules: CFRule[], styles: Styles, firstPriority: number): string {
  return rules
    .map(
      (rule, i) =>
        `<conditionalFormatting sqref="${esc(rule.ranges.join(' '))}"><cfRule type="expression" dxfId="${styles.dxf(rule)}" priority="${firstPriority + i}"><formula>${esc(rule.formula.replace(/^=/, ''))}</formula></cfRule></conditionalFormatting>`,
    )
    .join('');
}

function validationsXml(validations: Map<string, ValidationModel>): string {
  const groups = new Map<string, { dv: ValidationModel; refs: string[] }>();
  for (const [key, dv] of validations) {
    const [r, c] = key.split(',').map(Number);
    const id = JSON.stringify(dv);
    const g = groups.get(id) ?? { dv, refs: [] };
    g.refs.push(columnToLetters(c) + r);
    groups.set(id, g);
  }
  if (groups.size === 0) return '';
  const items = [...groups.values()].map(({ dv, refs }) => {
    const list = dv.type === 'CHECKBOX' ? ['TRUE', 'FALSE'] : dv.values;
    const prompt = dv.helpText ? ` showInputMessage="1" prompt="${esc(dv.helpText)}"` : '';
    return `<dataValidation type="list" allowBlank="1"${dv.allowInvalid ? '' : ' showErrorMessage="1"'}${prompt} sqref="${refs.join(' ')}"><formula1>${esc(`"${list.join(',')}"`)}</formula1></dataValidation>`;
  });
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

const paneXml = (ySplit: number, xSplit: number): string => {
  if (!ySplit && !xSplit) return '';
  const active = ySplit && xSplit ? 'bottomRight' : ySplit ? 'bottomLeft' : 'topRight';
  return `<pane${xSplit ? ` xSplit="${xSplit}"` : ''}${ySplit ? ` ySplit="${ySplit}"` : ''} topLeftCell="${columnToLetters(xSplit + 1)}${ySplit + 1}" activePane="${active}" state="frozen"/>`;
};

function colsXml(widths: Map<number, number>): string {
  return [...widths]
    .sort((a, b) => a[0] - b[0])
    .map(([c, px]) => `<col min="${c}" max="${c}" width="${Math.round((px / 7) * 100) / 100}" customWidth="1"/>`)
    .join('');
}

function cellStyle(sheet: SheetModel, key: string, v: CellValue, styles: Styles, base: number, change: StyleChange): number {
  if (isDate(v) && !sheet.numberFormats.has(key) && change.numFmt === undefined) change.numFmt = defaultDateFormat(v);
  return Object.keys(change).length ? styles.xf(base, change) : base;
}

function newSheetXml(sheet: SheetModel, styles: Styles): Buffer[] {
  const out = new Out();
  let rows = sheet.values.length;
  let cols = 0;
  for (const r of sheet.values) if (r.length > cols) cols = r.length;
  for (const key of sheet.formulas.keys()) {
    const [r, c] = key.split(',').map(Number);
    rows = Math.max(rows, r);
    cols = Math.max(cols, c);
  }
  out.push(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  );
  out.push(`<dimension ref="A1${rows && cols ? `:${columnToLetters(cols)}${rows}` : ''}"/>`);
  out.push(
    `<sheetViews><sheetView workbookViewId="0">${paneXml(sheet.frozenRows, 0)}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`,
  );
  if (sheet.columnWidths.size) out.push(`<cols>${colsXml(sheet.columnWidths)}</cols>`);
  out.push('<sheetData>');
  // Sparse maps with style keys, looked up per row only when the sheet has any.
  const styled = sheet.numberFormats.size + sheet.backgrounds.size + sheet.fontWeights.size + sheet.formulas.size > 0;
  const letters = Array.from({ length: cols }, (_, i) => columnToLetters(i + 1));
  for (let r = 1; r <= rows; r++) {
    const row = sheet.values[r - 1];
    let cells = '';
    for (let c = 1; c <= cols; c++) {
      const v = row?.[c - 1] ?? '';
      const ref = letters[c - 1] + r;
      if (!styled) {
        if (v === '') continue;
        cells += cellXml(ref, v, isDate(v) ? styles.xf(0, { numFmt: defaultDateFormat(v) }) : 0, '');
        continue;
      }
      const key = cellKey(r, c);
      const formula = sheet.formulas.get(key);
      const change: StyleChange = {};
      const nf = sheet.numberFormats.get(key);
      if (nf) change.numFmt = nf;
      const bg = sheet.backgrounds.get(key);
      if (bg) change.background = bg;
      if (sheet.fontWeights.get(key) === 'bold') change.bold = true;
      if (v === '' && !formula && !Object.keys(change).length) continue;
      cells += cellXml(ref, v, cellStyle(sheet, key, v, styles, 0, change), formula ? formulaXml(sheet, key, formula) : '');
    }
    if (cells) out.push(`<row r="${r}">${cells}</row>`);
  }
  out.push('</sheetData>');
  out.push(cfXml(sheet.conditionalFormatRules, styles, 1));
  out.push(validationsXml(sheet.dataValidations));
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  out.flush();
  return out.chunks;
}

/** Rows → columns whose formula, number format, background or weight the run changed. */
function sparseDiffs(sheet: SheetModel, snap: SheetSnapshot): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  const at = (k: string) => {
    const i = k.indexOf(',');
    const r = Number(k.slice(0, i));
    let set = out.get(r);
    if (!set) out.set(r, (set = new Set()));
    set.add(Number(k.slice(i + 1)));
  };
  const diffMaps = <V>(x: Map<string, V>, y: Map<string, V>) => {
    for (const [k, v] of x) if (y.get(k) !== v) at(k);
    for (const k of y.keys()) if (!x.has(k)) at(k);
  };
  diffMaps(sheet.formulas, snap.formulas);
  diffMaps(spillSizes(sheet), snap.spills);
  diffMaps(sheet.numberFormats, snap.numberFormats);
  diffMaps(sheet.backgrounds, snap.backgrounds);
  diffMaps(sheet.fontWeights, snap.fontWeights);
  return out;
}

/** 1-based columns of row r whose value differs from the snapshot. */
function valueDiffs(sheet: SheetModel, snap: SheetSnapshot, r: number): number[] {
  const a = sheet.values[r - 1];
  const b = snap.values[r - 1];
  const out: number[] = [];
  if (a === b) return out;
  const cols = Math.max(a?.length ?? 0, b?.length ?? 0);
  for (let c = 0; c < cols; c++) if (!sameCell(a?.[c] ?? '', b?.[c] ?? '')) out.push(c + 1);
  return out;
}

const AFTER_CF = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Inserts `part` before the first of `tags` after sheetData (or before </worksheet>). */
function insertBefore(tail: string, tags: string[], part: string): string {
  let at = tail.lastIndexOf('</worksheet>');
  for (const t of tags) {
    const m = new RegExp(`<${t}\\b`).exec(tail);
    if (m && m.index < at) at = m.index;
  }
  return tail.slice(0, at) + part + tail.slice(at);
}

function patchSheetXml(xml: string, sheet: SheetModel, snap: SheetSnapshot, styles: Styles): Buffer[] {
  const sparse = sparseDiffs(sheet, snap);
  const spillsNow = spillSizes(sheet);
  const changedRows = new Set(sparse.keys());
  const rowCount = Math.max(sheet.values.length, snap.values.length);
  for (let r = 1; r <= rowCount; r++) if (!changedRows.has(r) && valueDiffs(sheet, snap, r).length) changedRows.add(r);
  const pending = [...changedRows].sort((a, b) => a - b);
  const open = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) throw new Error(`sheet ${snap.name} has no sheetData`);
  const dataStart = open.index + open[0].length;
  const dataEnd = open[1] ? dataStart : xml.indexOf('</sheetData>', dataStart);
  let head = xml.slice(0, open.index);
  let tail = open[1] ? xml.slice(dataStart) : xml.slice(dataEnd + '</sheetData>'.length);
  const out = new Out();
  let p = 0;
  let maxRow = 0;
  let maxCol = 0;
  const letters: string[] = [];
  const letter = (c: number) => letters[c] ?? (letters[c] = columnToLetters(c));
  // Cells of one column usually share their old style and their change: remember the last style per column.
  const lastStyle = new Map<number, { key: string; id: number }>();
  const CELL = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;
  const patchedCell = (r: number, c: number, old: string | undefined): string => {
    const key = cellKey(r, c);
    const value = sheet.values[r - 1]?.[c - 1] ?? '';
    const nf = sheet.numberFormats.get(key);
    const bg = sheet.backgrounds.get(key);
    const fw = sheet.fontWeights.get(key);
    const base = old ? Number(attr(old.slice(0, old.indexOf('>') + 1), 's') ?? 0) : 0;
    const styleKey = `${base}|${nf}|${bg}|${fw}|${isDate(value) ? defaultDateFormat(value as Date) : ''}`;
    const last = lastStyle.get(c);
    let style = last !== undefined && last.key === styleKey ? last.id : -1;
    if (style < 0) {
      const change: StyleChange = {};
      if (nf !== snap.numberFormats.get(key)) change.numFmt = nf ?? 'General';
      if (bg !== snap.backgrounds.get(key)) change.background = bg ?? null;
      if (fw !== snap.fontWeights.get(key)) change.bold = fw === 'bold';
      style = cellStyle(sheet, key, value, styles, base, change);
      // Only cache what depends on the key alone (the snapshot's formats can differ cell to cell).
      if (!snap.numberFormats.has(key) && !snap.backgrounds.has(key) && !snap.fontWeights.has(key))
        lastStyle.set(c, { key: styleKey, id: style });
    }
    const formula = sheet.formulas.get(key);
    // An unchanged formula with an unchanged result area keeps its own element (shared formulas, array refs).
    const same = formula === snap.formulas.get(key) && spillsNow.get(key) === snap.spills.get(key);
    const oldF = old && same ? /<f\b[^>]*?(?:\/>|>[\s\S]*?<\/f>)/.exec(old)?.[0] : undefined;
    const f = formula ? (oldF ?? formulaXml(sheet, key, formula)) : '';
    const el = cellXml(letter(c) + r, value, style, f);
    if (el && c > maxCol) maxCol = c;
    return el;
  };
  const patchedRow = (r: number, openTag: string, body: string): string => {
    const cols = new Set(valueDiffs(sheet, snap, r));
    for (const c of sparse.get(r) ?? []) cols.add(c);
    // Fast path, the usual case: every changed cell lies right of the row's last cell (appended output columns).
    const lastOpen = body.lastIndexOf('<c ');
    const lastRef = lastOpen < 0 ? null : /^<c\b[^>]*?\sr="([A-Z]+)/.exec(body.slice(lastOpen, lastOpen + 200));
    const sorted = [...cols].sort((a, b) => a - b);
    if (!body.includes('<c>') && (lastOpen < 0 || (lastRef && lettersToColumn(lastRef[1]) < sorted[0]))) {
      let s = body;
      for (const c of sorted) s += patchedCell(r, c, undefined);
      if (r > maxRow) maxRow = r;
      const tag = openTag.replace(/\sspans="[^"]*"/, '').replace(/\s*\/>$/, '>');
      return `${tag}${s}</row>`;
    }
    const existing = new Map<number, string>();
    let pos = 0;
    CELL.lastIndex = 0;
    for (let m = CELL.exec(body); m; m = CELL.exec(body)) {
      const el = m[0];
      const ref = /^<c\b[^>]*?\sr="([A-Z]+)/.exec(el);
      pos = ref ? lettersToColumn(ref[1]) : pos + 1;
      existing.set(pos, el);
    }
    const all = [...existing.keys()];
    for (const c of cols) if (!existing.has(c)) all.push(c);
    all.sort((a, b) => a - b);
    let s = '';
    for (const c of all) {
      const old = existing.get(c);
      if (!cols.has(c)) {
        s += old;
        if (c > maxCol) maxCol = c;
        continue;
      }
      s += patchedCell(r, c, old);
    }
    if (r > maxRow) maxRow = r;
    const tag = openTag.replace(/\sspans="[^"]*"/, '').replace(/\s*\/>$/, '>');
    return `${tag.endsWith('>') ? tag : `${tag}>`}${s}</row>`;
  };
  const rowRe = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;
  rowRe.lastIndex = dataStart;
  let lastRow = 0;
  out.push(xml.slice(open.index, dataStart).replace(/\/>$/, '>'));
  for (;;) {
    const m = rowRe.exec(xml);
    if (!m || m.index >= dataEnd) break;
    const el = m[0];
    const openEnd = el.indexOf('>') + 1;
    const openTag = el.slice(0, openEnd);
    const r = Number(attr(openTag, 'r') ?? lastRow + 1);
    lastRow = r;
    while (p < pending.length && pending[p] < r) {
      out.push(patchedRow(pending[p], `<row r="${pending[p]}">`, ''));
      p++;
    }
    if (p < pending.length && pending[p] === r) {
      out.push(patchedRow(r, openTag, openTag.endsWith('/>') ? '' : el.slice(openEnd, el.length - '</row>'.length)));
      p++;
    } else {
      out.push(el);
      if (r > maxRow) maxRow = r; // its columns are inside the old dimension
    }
  }
  for (; p < pending.length; p++) out.push(patchedRow(pending[p], `<row r="${pending[p]}">`, ''));
  out.push('</sheetData>');

  // After the cells: conditional formats, validations, frozen rows, widths, the used range.
  const cfKey = (r: CFRule) => JSON.stringify([r.ranges, r.formula, r.background ?? null, r.fontColor ?? null, r.bold ?? null]);
  const before = new Set(snap.cf.map(cfKey));
  const now = new Set(sheet.conditionalFormatRules.map(cfKey));
  const added = sheet.conditionalFormatRules.filter((r) => !before.has(cfKey(r)));
  const removed = new Set(snap.cf.filter((r) => !now.has(cfKey(r))).map((r) => r.formula.replace(/^=/, '')));
  // A sheet read without its rules (a large file) still drops the add-on's own old rules.
  const addonOwn = added.some((r) => r.formula.includes('"Lead scoring"<>""'));
  if (added.length || removed.size) {
    let maxPriority = 0;
    tail = tail.replace(/<conditionalFormatting\b[^>]*>[\s\S]*?<\/conditionalFormatting>/g, (block) => {
      const kept = elements(block, 'cfRule').filter((rule) => {
        const formula = unesc(/<formula>([\s\S]*?)<\/formula>/.exec(rule)?.[1] ?? '');
        const drop = attr(rule, 'type') === 'expression' && (removed.has(formula) || (addonOwn && formula.includes('"Lead scoring"<>""')));
        if (!drop) maxPriority = Math.max(maxPriority, Number(attr(rule.slice(0, rule.indexOf('>') + 1), 'priority') ?? 0));
        return !drop;
      });
      if (kept.length === 0) return '';
      return `${block.slice(0, block.indexOf('>') + 1) + kept.join('')}</conditionalFormatting>`;
    });
    tail = insertBefore(tail, AFTER_CF, cfXml(added, styles, maxPriority + 1));
  }
  const dvChanged =
    sheet.dataValidations.size !== snap.validations.size ||
    [...sheet.dataValidations].some(([k, v]) => snap.validations.get(k) !== JSON.stringify(v));
  if (dvChanged) {
    // Literal lists are what the model holds (and re-emits); other validations stay as they were.
    let others: string[] = [];
    tail = tail.replace(/<dataValidations\b[^>]*?(?:\/>|>[\s\S]*?<\/dataValidations>)/, (block) => {
      others = elements(block, 'dataValidation').filter((dv) => !(attr(dv, 'type') === 'list' && /<formula1>&quot;|<formula1>"/.test(dv)));
      return '';
    });
    const ours = validationsXml(sheet.dataValidations);
    const items = [...others, ...(ours ? elements(ours, 'dataValidation') : [])];
    if (items.length)
      tail = insertBefore(tail, AFTER_CF.slice(1), `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`);
  }
  if (sheet.frozenRows !== snap.frozenRows) {
    const view = /<sheetView\b[^>]*?(?:\/>|>[\s\S]*?<\/sheetView>)/.exec(head);
    if (view) {
      const oldPane = /<pane\b[^>]*\/>/.exec(view[0])?.[0];
      const xSplit = oldPane && attr(oldPane, 'state')?.startsWith('frozen') ? Number(attr(oldPane, 'xSplit') ?? 0) : 0;
      const inner = view[0].endsWith('/>') ? '' : view[0].slice(view[0].indexOf('>') + 1, -'</sheetView>'.length);
      const openView = view[0].slice(0, view[0].indexOf('>') + 1).replace(/\s*\/>$/, '>');
      const rest = inner.replace(/<pane\b[^>]*\/>/, '').replace(/<selection\b[^>]*\/>/g, '');
      head = head.replace(view[0], () => `${openView}${paneXml(sheet.frozenRows, xSplit)}${rest}</sheetView>`);
    } else {
      const view2 = `<sheetViews><sheetView workbookViewId="0">${paneXml(sheet.frozenRows, 0)}</sheetView></sheetViews>`;
      head = /<sheetFormatPr\b|<cols\b/.test(head) ? head.replace(/<sheetFormatPr\b|<cols\b/, (m) => view2 + m) : head + view2;
    }
  }
  const newWidths = new Map([...sheet.columnWidths].filter(([c, w]) => snap.columnWidths.get(c) !== w));
  if (newWidths.size) {
    const covered = (c: number) => elements(head, 'col').some((col) => Number(attr(col, 'min')) <= c && c <= Number(attr(col, 'max')));
    for (const c of [...newWidths.keys()]) if (covered(c)) newWidths.delete(c); // the user's own widths win
    if (newWidths.size) {
      if (/<cols\b[^>]*>/.test(head)) head = head.replace('</cols>', () => `${colsXml(newWidths)}</cols>`);
      else head = `${head}<cols>${colsXml(newWidths)}</cols>`;
    }
  }
  const dim = /<dimension\b[^>]*\/>/.exec(head);
  if (dim && maxRow && maxCol) {
    const old = attr(dim[0], 'ref') ?? 'A1';
    const m = /:?([A-Z]+)(\d+)$/.exec(old);
    const r = Math.max(maxRow, m ? Number(m[2]) : 0);
    const c = Math.max(maxCol, m ? lettersToColumn(m[1]) : 0);
    head = head.replace(dim[0], `<dimension ref="A1:${columnToLetters(c)}${r}"/>`);
  }
  out.push(tail);
  out.flush();
  out.chunks.unshift(Buffer.from(head, 'utf8'));
  return out.chunks;
}

// ---- Package -----------------------------------------------------------------------------------

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WS_TYPE = `${REL_NS}/worksheet`;
const WS_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** The smallest package Excel opens: a workbook, its styles, no sheets yet. */
function templateZip(): JSZip {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>`,
  );
  return zip;
}

const text = async (zip: JSZip, path: string): Promise<string> => {
  const f = zip.file(path);
  if (!f) throw new Error(`the package has no ${path}`);
  return f.async('string');
};

export async function writeXlsx(sheets: SheetModel[]): Promise<Buffer> {
  const source = sheets.map((s) => loaded.get(s)?.source).find(Boolean);
  const zip = source ? await JSZip.loadAsync(source.bytes) : templateZip();
  const typesXml = await text(zip, '[Content_Types].xml');
  const rootRels = await text(zip, '_rels/.rels');
  const wbPath =
    /Target="\/?([^"]*)"[^>]*?Type="[^"]*officeDocument"|Type="[^"]*\/officeDocument"[^>]*?Target="\/?([^"]*)"/
      .exec(rootRels)
      ?.slice(1)
      .find(Boolean) ?? 'xl/workbook.xml';
  const dir = wbPath.replace(/[^/]*$/, '');
  const relsPath = `${dir}_rels/${wbPath.slice(dir.length)}.rels`;
  let wbXml = await text(zip, wbPath);
  let relsXml = await text(zip, relsPath);
  let types = typesXml;
  const rels = new Map(elements(relsXml, 'Relationship').map((r) => [attr(r, 'Id')!, attr(r, 'Target')!]));
  const partOf = (target: string) => (target.startsWith('/') ? target.slice(1) : dir + target);
  const stylesTarget = elements(relsXml, 'Relationship').find((r) => /\/styles"/.test(r));
  const stylesPath = stylesTarget ? partOf(attr(stylesTarget, 'Target')!) : `${dir}styles.xml`;
  const styles = new Styles(await text(zip, stylesPath));
  const entries = elements(wbXml, 'sheet').map((el) => ({
    el,
    name: attr(el, 'name')!,
    rid: attr(el, 'r:id') ?? attr(el, 'id')!,
    sheetId: Number(attr(el, 'sheetId')),
  }));

  // Rewritten parts as chunks, so a 200 MB sheet is never concatenated into one more copy.
  const parts = new Map<string, Buffer[]>();
  let nextSheetId = Math.max(0, ...entries.map((e) => e.sheetId)) + 1;
  let nextPart = 1;
  const newSheets: string[] = [];
  for (const sheet of sheets) {
    const known = loaded.get(sheet);
    const entry = known && known.source === source ? entries.find((e) => e.name === known.snapshot.name) : undefined;
    if (known && entry) {
      const part = partOf(rels.get(entry.rid)!);
      parts.set(part, patchSheetXml(await text(zip, part), sheet, known.snapshot, styles));
      if (sheet.name !== known.snapshot.name) wbXml = wbXml.replace(entry.el, setAttr(entry.el, 'name', sheet.name));
      continue;
    }
    while (zip.file(`${dir}worksheets/sheet${nextPart}.xml`) || parts.has(`${dir}worksheets/sheet${nextPart}.xml`)) nextPart++;
    const part = `${dir}worksheets/sheet${nextPart}.xml`;
    parts.set(part, newSheetXml(sheet, styles));
    const rid = `rIdLs${nextPart}`;
    relsXml = relsXml.replace(
      '</Relationships>',
      `<Relationship Id="${rid}" Type="${WS_TYPE}" Target="worksheets/sheet${nextPart}.xml"/></Relationships>`,
    );
    types = types.replace('</Types>', `<Override PartName="/${part}" ContentType="${WS_CONTENT}"/></Types>`);
    newSheets.push(`<sheet name="${esc(sheet.name)}" sheetId="${nextSheetId++}" r:id="${rid}"/>`);
    nextPart++;
  }
  if (newSheets.length) {
    wbXml = /<sheets\s*\/>/.test(wbXml)
      ? wbXml.replace(/<sheets\s*\/>/, `<sheets>${newSheets.join('')}</sheets>`)
      : wbXml.replace('</sheets>', `${newSheets.join('')}</sheets>`);
    if (!/xmlns:r=/.test(wbXml)) wbXml = wbXml.replace(/<workbook\b/, `<workbook xmlns:r="${REL_NS}"`);
  }
  parts.set(wbPath, [Buffer.from(wbXml, 'utf8')]);
  parts.set(relsPath, [Buffer.from(relsXml, 'utf8')]);
  parts.set('[Content_Types].xml', [Buffer.from(types, 'utf8')]);
  const stylesXml = styles.serialize();
  if (stylesXml) parts.set(stylesPath, [Buffer.from(stylesXml, 'utf8')]);

  const archive = archiver('zip', { zlib: { level: 6 } });
  const out: Buffer[] = [];
  archive.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', () => resolve());
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  const names = [...Object.keys(zip.files).filter((n) => !zip.files[n].dir), ...[...parts.keys()].filter((n) => !zip.files[n])];
  for (const name of names) {
    const replaced = parts.get(name);
    const content = replaced ? Readable.from(replaced, { objectMode: false }) : await zip.files[name].async('nodebuffer');
    archive.append(content, { name, date: zip.files[name]?.date ?? new Date() });
  }
  await archive.finalize();
  await done;
  return Buffer.concat(out);
}
