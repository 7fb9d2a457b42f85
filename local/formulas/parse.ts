/**
 * A small parser for the formulas the local host evaluates: a cell whose whole formula is one call
 * to an add-on custom function, with literal or reference arguments. Anything richer (operators,
 * other functions around or inside the call, named ranges) is recognised as "mentions an add-on
 * function" but not evaluated, so the caller can leave it untouched and say why.
 */

export type FormulaArg =
  | { kind: 'ref'; sheet: string | null; ref: string; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  /** DATE(y, m, d) with literal numbers. */
  | { kind: 'date'; year: number; month: number; day: number }
  | { kind: 'today' }
  /** Written but empty (`F(a,,c)`, `F(a,)`). */
  | { kind: 'empty' };

export type ParsedFormula =
  /** The formula is exactly `=FN(args)`. */
  | { kind: 'call'; fn: string; args: FormulaArg[] }
  /** The formula mentions an add-on function but is not a plain call the host can evaluate. */
  | { kind: 'unsupported'; fn: string; reason: string };

const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
// A1 part of a reference: cells and ranges (A1, $A$1:C3, A2:A open-ended), whole columns (A:C), whole rows (2:5).
const REF =
  /^(?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d*)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?:\$?\d+)?|\$?\d+:\$?\d+)(?![A-Za-z0-9_.(!])/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?%?/;
const UNQUOTED_SHEET = /^[A-Za-z0-9_.\u00C0-\uFFFF]+(?=!)/;

/**
 * The add-on function names called anywhere in a formula (outside string literals and quoted
 * sheet names), upper-cased, in order of appearance.
 */
export function addonCallsIn(formula: string, names: ReadonlySet<string>): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      i = skipQuoted(formula, i, ch);
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(formula.slice(i));
    if (m && (i === 0 || !/[A-Za-z0-9_.$]/.test(formula[i - 1]))) {
      const after = formula.slice(i + m[0].length).trimStart();
      if (after.startsWith('(') && names.has(m[0].toUpperCase())) found.push(m[0].toUpperCase());
      i += m[0].length;
      continue;
    }
    i++;
  }
  return found;
}

/** Index just past a quoted run starting at `start` ('' / "" are escaped quotes). */
function skipQuoted(s: string, start: number, q: string): number {
  let i = start + 1;
  while (i < s.length) {
    if (s[i] === q) {
      if (s[i + 1] === q) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return s.length;
}

class Unsupported extends Error {}

/** Parses a formula that mentions one of `names`; null when it mentions none. */
export function parseAddonFormula(formula: string, names: ReadonlySet<string>): ParsedFormula | null {
  const calls = addonCallsIn(formula, names);
  if (calls.length === 0) return null;
  const p = new Parser(formula);
  p.expect('=');
  p.ws();
  const head = IDENT.exec(p.rest());
  const fn = head?.[0].toUpperCase();
  if (!head || !fn || !names.has(fn) || !p.rest().slice(head[0].length).trimStart().startsWith('(')) {
    return {
      kind: 'unsupported',
      fn: calls[0],
      reason: `${calls[0]} is used inside another expression; the local host evaluates only a formula that is one call, e.g. =${calls[0]}(…)`,
    };
  }
  p.i += head[0].length;
  p.ws();
  p.expect('(');
  try {
    const args = p.args(fn);
    p.ws();
    if (!p.done()) {
      throw new Unsupported(
        `the formula goes on after ${fn}(…) ('${p.rest().trim()}'); the local host evaluates only a formula that is one call, e.g. =${fn}(…)`,
      );
    }
    return { kind: 'call', fn, args };
  } catch (e) {
    if (e instanceof Unsupported) return { kind: 'unsupported', fn, reason: e.message };
    throw e;
  }
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  rest(): string {
    return this.s.slice(this.i);
  }
  done(): boolean {
    return this.i >= this.s.length;
  }
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  expect(ch: string): void {
    if (this.s[this.i] !== ch) throw new Unsupported(`expected '${ch}' at position ${this.i + 1}`);
    this.i++;
  }

  /** Arguments after '(' up to and including ')'. `F()` has none; `F(a,)` ends with an empty one. */
  args(fn: string): FormulaArg[] {
    const out: FormulaArg[] = [];
    this.ws();
    if (this.s[this.i] === ')') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.arg(fn));
      this.ws();
      const ch = this.s[this.i];
      if (ch === ',') {
        this.i++;
        continue;
      }
      if (ch === ')') {
        this.i++;
        return out;
      }
      if (ch === undefined) throw new Unsupported(`${fn}( has no closing parenthesis`);
      throw new Unsupported(
        `argument ${out.length} of ${fn} is an expression ('…${this.rest().slice(0, 20)}'); the local host takes references, numbers, "text", TRUE/FALSE, DATE(y,m,d) and TODAY()`,
      );
    }
  }

  arg(fn: string): FormulaArg {
    this.ws();
    const ch = this.s[this.i];
    if (ch === ',' || ch === ')') return { kind: 'empty' };
    if (ch === '"') {
      const end = skipQuoted(this.s, this.i, '"');
      if (this.s[end - 1] !== '"' || end - 1 === this.i) throw new Unsupported('a text argument has no closing quote');
      const value = this.s.slice(this.i + 1, end - 1).replace(/""/g, '"');
      this.i = end;
      return { kind: 'string', value };
    }
    const ref = this.ref();
    if (ref) return ref;
    const num = NUMBER.exec(this.rest());
    if (num) {
      this.i += num[0].length;
      const text = num[0];
      const value = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
      return { kind: 'number', value };
    }
    const id = IDENT.exec(this.rest());
    if (id) {
      const name = id[0].toUpperCase();
      const after = this.rest().slice(id[0].length).trimStart();
      if (after.startsWith('(')) {
        this.i += id[0].length;
        this.ws();
        this.i++; // '('
        if (name === 'TODAY') {
          const a = this.args('TODAY');
          if (a.length !== 0) throw new Unsupported('TODAY() takes no arguments');
          return { kind: 'today' };
        }
        if (name === 'DATE') {
          const a = this.args('DATE');
          if (a.length !== 3 || a.some((x) => x.kind !== 'number')) {
            throw new Unsupported('DATE(…) needs three literal numbers in the local host, e.g. DATE(2026,11,20)');
          }
          const [year, month, day] = a.map((x) => Math.trunc((x as { value: number }).value));
          return { kind: 'date', year, month, day };
        }
        throw new Unsupported(`${name}(…) inside ${fn}: the local host evaluates only DATE(y,m,d) and TODAY() in arguments`);
      }
      if (name === 'TRUE' || name === 'FALSE') {
        this.i += id[0].length;
        return { kind: 'bool', value: name === 'TRUE' };
      }
      throw new Unsupported(`'${id[0]}' (a named range?) is not supported by the local host; use an A1 reference`);
    }
    throw new Unsupported(
      `argument ${ch === undefined ? '(end of formula)' : `'${this.rest().slice(0, 20)}'`} of ${fn} is not supported by the local host`,
    );
  }

  /** A reference with an optional sheet name ('My leads'!B2:C9, Leads!A1:S1, A2:A11, A:A). */
  ref(): FormulaArg | null {
    const start = this.i;
    let sheet: string | null = null;
    let j = this.i;
    if (this.s[j] === "'") {
      const end = skipQuoted(this.s, j, "'");
      if (this.s[end] !== '!') return null;
      sheet = this.s.slice(j + 1, end - 1).replace(/''/g, "'");
      j = end + 1;
    } else {
      const m = UNQUOTED_SHEET.exec(this.s.slice(j));
      if (m) {
        sheet = m[0];
        j += m[0].length + 1;
      }
    }
    const r = REF.exec(this.s.slice(j));
    if (!r) {
      if (sheet !== null) throw new Unsupported(`'${this.s.slice(start, j + 12)}…' is not an A1 reference`);
      return null;
    }
    this.i = j + r[0].length;
    return { kind: 'ref', sheet, ref: r[0].replace(/\$/g, ''), text: this.s.slice(start, this.i) };
  }
}
