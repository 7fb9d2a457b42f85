/**
 * The model as one SQL SELECT (README "When your leads outgrow Sheets", DESIGN §8): the parsed
 * Settings and Rules (prepareRun's result, the same the engine scores with) become a query over a
 * leads table whose columns are the Leads headers, giving Fit, Behaviour, Negative, Score, Bucket,
 * Grade and Why as score.ts / why.ts compute them. One structural generator for both dialects; only
 * the leaves in dialect.ts differ. Rule text only ever enters the query as escaped literals.
 *
 * The query is a chain of CTEs, each adding columns to the one before (SQL can't reuse an alias in
 * its own SELECT list): the cells' readings (kind, trimmed text, number, day …), then each rule's
 * outcome, then its points and Why part, then the lead's totals and Why.
 */
import type { Cell, Day, Problem } from '../types';
import { formatNumber, toBool, toNumber } from '../text';
import { dayToIso, parseDateText } from '../dates';
import { bindRules, type BoundRule } from '../bind';
import type { PreparedRun } from '../run';
import { problemWarnings, basePart } from '../why';
import { isResultName, RESULT_NAMES } from '../output';
import { splitAlternatives } from '../text';
import { comparisonKind } from '../operators';
import { regexSources } from '../regex';
import { EXACT, FAMILIES } from '../freeEmail';
import { MAX_COUNT } from '../rules';
import { dialectOf, type Dialect, type DialectName, type SortedPart } from './dialect';

export interface SqlOptions {
  dialect: DialectName;
  /** The leads table (default `leads`); BigQuery: `project.dataset.table`. */
  table?: string;
  /**
   * The Leads header row and rows, when known (the workbook's Leads tab): rules are bound to it as
   * the engine binds them (a rule on a missing column, or comparing with the wrong kind of column,
   * is left out), and the output lists its columns. Without it each rule's Field is the column name.
   */
  headers?: Cell[];
  rows?: Cell[][];
  /** The as-of day: a day number, or 'today' for the warehouse's current date. Default: the run's. */
  asOf?: Day | 'today';
}

export interface CompiledSql {
  sql: string;
  /** Rules in the query. */
  rules: number;
  /** Rules left out, each with its reason (also named in a comment at the top). */
  leftOut: Array<{ row: number; reason: string }>;
}

/** JavaScript's white space (String.prototype.trim), for RE2: the engine trims with it. */
const JS_SPACE = '[\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
const JS_SPACE_CHARS =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const ERROR_VALUES = ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', '#SPILL!', '#CALC!'];
const TRUE_WORDS = ['true', 'yes', 'y', '1', 'x', '✓', '✔', 'checked', 'on'];
const FALSE_WORDS = ['false', 'no', 'n', '0', 'unchecked', 'off'];
const MINUS = '−';
const SEPARATOR = ' · ';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A comment's text on one line: no line break and no `*​/` can end it early. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029\v\f]+/g, ' ').replace(/\*\//g, '* /');
}

/** A number as a SQL literal of the double type (never exponent-less garbage, never NaN). */
function num(d: Dialect, n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  return Number.isInteger(n) && Math.abs(n) < 1e15 ? `CAST(${s} AS ${d.double})` : `CAST(${d.str(s)} AS ${d.double})`;
}

/** A whole number literal (rows, days). */
function int(n: number): string {
  return String(Math.trunc(n));
}

interface Column {
  /** Internal prefix of this column's readings. */
  p: string;
  /** The table's column name. */
  name: string;
  /** Some rule reads its text cells as numbers / as dates. */
  textNum?: boolean;
  textDay?: boolean;
  /** Some rule tests it with `is free email`. */
  email?: boolean;
}

export function compileModelSql(run: PreparedRun, opts: SqlOptions): CompiledSql {
  const d = dialectOf(opts.dialect);
  const S = (t: string) => d.str(t);
  const re = (pattern: string) => S(pattern);
  const has = (text: string, pattern: string) => d.regexContains(text, re(pattern));
  // TRIM with JavaScript's white space as the set (both warehouses take a set of characters).
  const jstrim = (text: string) => `TRIM(${text}, ${S(JS_SPACE_CHARS)})`;

  // Binding, as the engine binds: with the Leads header row when known.
  const leftOut: Array<{ row: number; reason: string }> = [];
  let bound: BoundRule[];
  let problems: Problem[] = [...run.problems];
  const knownHeaders = opts.headers && opts.headers.length > 0;
  if (knownHeaders) {
    const firstRow = run.settings.headerRow + 1;
    const b = bindRules(run.rules, opts.headers!, opts.rows ?? [], firstRow, run.dayOf);
    bound = b.rules;
    problems = [...problems, ...b.problems];
  } else {
    bound = run.rules.map((r) => ({ ...r, fieldCol: -1, dateCol: -1, labels: r.condition.labels(r.field) }));
  }
  for (const p of problems) if (p.tab === 'Rules' && p.row > 0) leftOut.push({ row: p.row, reason: p.message });
  const warning = problemWarnings(problems);

  // Patterns the warehouses' RE2 can't run (re2js's lookbehinds) leave their rule out, said in a comment.
  const rules: Array<{ rule: BoundRule; regex: Array<{ source: string; negated: boolean }> | null }> = [];
  for (const rule of bound) {
    if (rule.activityName !== undefined) {
      // With the Leads headers known, binding without an Activity tab already refused it (a problem above).
      leftOut.push({
        row: rule.row,
        reason: `Rules row ${rule.row}: '${rule.field}' reads the Activity tab, which this query does not join; this rule is scored in the sheet only.`,
      });
      continue;
    }
    let regex: Array<{ source: string; negated: boolean }> | null = null;
    if (rule.operator === 'matches') {
      regex = regexSources(rule.value);
      if (!regex || regex.some((r) => /\(\?<[=!]/.test(r.source))) {
        leftOut.push({
          row: rule.row,
          reason: `Rules row ${rule.row}: the pattern uses a lookbehind, which BigQuery's and DuckDB's regular expressions do not run; this rule is scored in the sheet only.`,
        });
        continue;
      }
    }
    rules.push({ rule, regex });
  }

  // Columns: each used column once, with its readings under a prefix.
  const columns = new Map<string, Column>();
  const columnOf = (name: string): Column => {
    let c = columns.get(name);
    if (!c) columns.set(name, (c = { p: `__ls_c${columns.size}_`, name }));
    return c;
  };
  const fieldCol = rules.map(({ rule }) => columnOf(rule.field));
  const dateCol = rules.map(({ rule }) => (rule.dateField ? columnOf(rule.dateField) : null));
  // Text cells are parsed as numbers or dates only where a rule reads them so (the parse is the costly part).
  rules.forEach(({ rule }, i) => {
    const c = fieldCol[i];
    const kind = comparisonKind(rule.operator, rule.value);
    if (rule.per === 'each' || kind === 'number') c.textNum = true;
    if ((rule.operator === 'is' || rule.operator === 'is not') && splitAlternatives(rule.value).some((a) => toNumber(a) !== null))
      c.textNum = true;
    if (kind === 'date' || rule.operator === 'within last days' || rule.operator === 'older than days') c.textDay = true;
    const dc = dateCol[i];
    if (dc) dc.textDay = true;
    if (rule.operator === 'is free email') c.email = true;
  });
  const col = (c: Column, what: string) => `${c.p}${what}`;

  const ctes: Array<{ name: string; select: string[] }> = [];
  const layer = (select: string[]) => ctes.push({ name: `__ls_s${ctes.length}`, select });

  // s0: kind, NULL, and the text of each used column (DuckDB: of text cells only; typed cells are read typed).
  layer(
    [...columns.values()].flatMap((c) => {
      const q = `__ls_lead.${d.ident(c.name)}`;
      return [`${d.kind(q)} AS ${col(c, 'k')}`, `${d.textCell(q)} AS ${col(c, 's')}`, `(${q} IS NULL) AS ${col(c, 'nul')}`];
    }),
  );
  // s1: trimmed text (strings); typed numbers, days and yes/no.
  layer(
    [...columns.values()].flatMap((c) => {
      const k = col(c, 'k');
      const s = col(c, 's');
      const q = d.ident(c.name);
      return [
        `CASE WHEN ${k} = 's' THEN ${jstrim(s)} END AS ${col(c, 't')}`,
        `CASE WHEN ${k} = 'n' THEN ${d.typedDouble(q, s)} END AS ${col(c, 'tn')}`,
        `CASE WHEN ${k} = 'd' THEN ${d.typedDay(q, s)} END AS ${col(c, 'td')}`,
        `CASE WHEN ${k} = 'b' THEN ${d.typedBool(q, s)} END AS ${col(c, 'tb')}`,
      ];
    }),
  );
  const iso = (y: string, m: string, dd: string) => `${y} || '-' || LPAD(${m}, 2, '0') || '-' || LPAD(${dd}, 2, '0')`;
  const group = (t: string, pattern: string, n: number) => d.regexGroup(t, re(pattern), n);
  const monthOf = (name: string) =>
    `CASE SUBSTR(LOWER(${name}), 1, 3) ${MONTHS.map((m, i) => `WHEN '${m}' THEN '${String(i + 1).padStart(2, '0')}'`).join(' ')} END`;
  const dateText = (t: string): string => {
    // The forms of parseDateText (src/engine/dates.ts), in its order.
    const P1 = '^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[Tt ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:[Zz]|[+-]\\d{2}:?\\d{2})?)?$';
    const P2 = '^(\\d{4})/(\\d{1,2})/(\\d{1,2})$';
    const P3 = '^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})$';
    const P4 = '^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})$';
    const P5 = '^(\\d{1,2})[ -]([A-Za-z]{3,9}\\.?)[ ,-]+(\\d{4})$';
    const P6 = '^([A-Za-z]{3,9}\\.?) (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})$';
    const y4 = `CASE WHEN LENGTH(${group(t, P4, 3)}) = 2 THEN '20' || ${group(t, P4, 3)} ELSE ${group(t, P4, 3)} END`;
    const a = d.toDouble(group(t, P4, 1));
    return (
      `CASE WHEN ${has(t, P1)} THEN ${iso(group(t, P1, 1), group(t, P1, 2), group(t, P1, 3))} ` +
      `WHEN ${has(t, P2)} THEN ${iso(group(t, P2, 1), group(t, P2, 2), group(t, P2, 3))} ` +
      `WHEN ${has(t, P3)} THEN ${iso(group(t, P3, 3), group(t, P3, 2), group(t, P3, 1))} ` +
      `WHEN ${has(t, P4)} THEN CASE WHEN ${a} > 12 THEN ${iso(y4, group(t, P4, 2), group(t, P4, 1))} ELSE ${iso(y4, group(t, P4, 1), group(t, P4, 2))} END ` +
      `WHEN ${has(t, P5)} THEN ${iso(group(t, P5, 3), monthOf(group(t, P5, 2)), group(t, P5, 1))} ` +
      `WHEN ${has(t, P6)} THEN ${iso(group(t, P6, 3), monthOf(group(t, P6, 1)), group(t, P6, 2))} END`
    );
  };
  // s2: blank, error value, number step 1 (currency sign off).
  layer(
    [...columns.values()].flatMap((c) => {
      const k = col(c, 'k');
      const s = col(c, 's');
      const t = col(c, 't');
      return [
        `(${col(c, 'nul')} OR (${k} = 's' AND ${t} = '')) AS ${col(c, 'blank')}`,
        `(${k} = 's' AND SUBSTR(${s}, 1, 1) = '#' AND ${d.inList(`UPPER(${t})`, ERROR_VALUES.map(S))}) AS ${col(c, 'err')}`,
        ...(c.textNum
          ? [
              `${d.regexReplaceAll(d.regexReplaceAll(t, re(`^[$€£¥]${JS_SPACE}*`), S('')), re(`^([+-])[$€£¥]${JS_SPACE}*`), S('\\1'))} AS ${col(c, 'n1')}`,
            ]
          : []),
        ...(c.textDay ? [`CASE WHEN ${k} = 's' THEN ${dateText(t)} END AS ${col(c, 'iso')}`] : []),
      ];
    }),
  );
  // s3: number (toNumber), day (dayNumber), text (cellText), yes/no (toBool), the cell as issues show it.
  const numText = (x: string) => `CASE WHEN ${x} = FLOOR(${x}) AND ABS(${x}) < 1e15 THEN ${d.intText(x)} ELSE ${d.doubleText(x)} END`;
  layer(
    [...columns.values()].flatMap((c) => {
      const k = col(c, 'k');
      const n1 = col(c, 'n1');
      // n1 exists only for columns whose text is read as a number (c.textNum).
      const n2 = `CASE WHEN ${has(n1, '^[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?$')} THEN REPLACE(${n1}, ',', '') ELSE ${n1} END`;
      const parsed = `CASE WHEN ${has(n2, '^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$')} THEN ${d.toDouble(n2)} END`;
      const finite = (x: string) => `CASE WHEN ABS(${x}) <= 1.7976931348623157e308 THEN ${x} END`;
      return [
        `CASE ${k} WHEN 'n' THEN ${finite(col(c, 'tn'))} ${c.textNum ? `WHEN 's' THEN ${finite(parsed)}` : ''} END AS ${col(c, 'num')}`,
        `CASE ${k} WHEN 'd' THEN ${col(c, 'td')} ${c.textDay ? `WHEN 's' THEN CASE WHEN SUBSTR(${col(c, 'iso')}, 1, 4) >= '1000' THEN ${d.isoToDay(col(c, 'iso'))} END` : ''} END AS ${col(c, 'day')}`,
      ];
    }),
  );
  layer(
    [...columns.values()].flatMap((c) => {
      const k = col(c, 'k');
      const s = col(c, 's');
      const t = col(c, 't');
      const n = col(c, 'num');
      const day = col(c, 'day');
      const yesNo = `CASE WHEN ${col(c, 'tb')} THEN 'true' WHEN NOT ${col(c, 'tb')} THEN 'false' END`;
      const shown = `CASE ${k} WHEN 's' THEN ${t} WHEN 'n' THEN ${numText(n)} WHEN 'd' THEN ${d.dayToIso(day)} ELSE ${yesNo} END`;
      return [
        `CASE ${k} WHEN 's' THEN LOWER(${t}) WHEN 'n' THEN ${numText(n)} WHEN 'd' THEN ${d.dayToIso(day)} ELSE ${yesNo} END AS ${col(c, 'txt')}`,
        `CASE ${k} WHEN 'b' THEN ${col(c, 'tb')} WHEN 'n' THEN CASE WHEN ${n} = 1 THEN TRUE WHEN ${n} = 0 THEN FALSE END ` +
          `WHEN 's' THEN CASE WHEN ${d.inList(`LOWER(${t})`, TRUE_WORDS.map(S))} THEN TRUE WHEN ${d.inList(`LOWER(${t})`, FALSE_WORDS.map(S))} THEN FALSE END END AS ${col(c, 'bool')}`,
        `${shown} AS ${col(c, 'shown')}`,
        `CASE ${k} WHEN 's' THEN ${s} ELSE ${shown} END AS ${col(c, 'raw')}`,
      ];
    }),
  );

  // Free email (freeEmail.ts isFreeEmail), one step a layer so no step is computed twice: the
  // address inside <…>, without mailto: and ?query, then its domain (lower case, one final dot off).
  const emails = [...columns.values()].filter((c) => c.email);
  if (emails.length) {
    layer(
      emails.map(
        (c) =>
          `CASE WHEN ${has(col(c, 't'), '<[^<]*>[^>]*$')} THEN ${jstrim(d.regexReplaceAll(col(c, 't'), S('(?s)^.*<([^<]*)>[^>]*$'), S('\\1')))} ELSE ${col(c, 't')} END AS ${col(c, 'em1')}`,
      ),
    );
    layer(
      emails.map(
        (c) =>
          `CASE WHEN ${has(col(c, 'em1'), '(?i)^mailto:')} THEN ${jstrim(`SUBSTR(${col(c, 'em1')}, 8)`)} ELSE ${col(c, 'em1')} END AS ${col(c, 'em2')}`,
      ),
    );
    layer(emails.map((c) => `${jstrim(d.regexReplaceAll(col(c, 'em2'), S('(?s)\\?.*$'), S('')))} AS ${col(c, 'em3')}`));
    layer(
      emails.map(
        (c) =>
          `CASE WHEN STRPOS(${col(c, 'em3')}, '@') > 0 THEN ${d.regexReplaceAll(`LOWER(${jstrim(d.regexReplaceAll(col(c, 'em3'), S('(?s)^.*@'), S('')))})`, S('\\.$'), S(''))} END AS ${col(c, 'dom')}`,
      ),
    );
  }

  // Rules: outcome (alternative index or NULL), issue; then points and Why part.
  const asOf = opts.asOf === 'today' ? d.dateToDay(d.currentDate) : int(opts.asOf ?? run.asOfDay);
  const ruleSql = rules.map(({ rule, regex }, i) => conditionSql(d, rule, fieldCol[i], regex, has, asOf));
  layer(
    rules.flatMap(({ rule }, i) => {
      const c = fieldCol[i];
      const blank = col(c, 'blank');
      const err = col(c, 'err');
      const n = col(c, 'num');
      const each = rule.per === 'each';
      const badCount = each ? `(${n} IS NULL OR ${n} < 0 OR ${n} > ${MAX_COUNT})` : 'FALSE';
      const cond = ruleSql[i];
      const out = [
        `CASE WHEN ${blank} THEN ${rule.operator === 'is empty' ? '0' : 'NULL'} WHEN ${err} THEN NULL WHEN ${badCount} THEN NULL ELSE ${cond.alt} END AS __ls_r${i}_alt`,
      ];
      const issues = [`WHEN ${blank} THEN NULL`, `WHEN ${err} THEN ${S(`${rule.field} is `)} || ${col(c, 't')}`];
      if (each) {
        issues.push(`WHEN ${n} IS NULL OR ${n} < 0 THEN ${S(`${rule.field} '`)} || ${col(c, 'shown')} || ${S("' is not a count")}`);
        issues.push(
          `WHEN ${n} > ${MAX_COUNT} THEN ${S(`${rule.field} '`)} || ${col(c, 'shown')} || ${S("' is too large for a count (at most 1,000,000)")}`,
        );
      }
      out.push(`CASE ${issues.join(' ')} ELSE ${cond.issue ?? 'NULL'} END AS __ls_r${i}_ciss`);
      return out;
    }),
  );
  // Age, expiry, the date issue.
  layer(
    rules.flatMap((_, i) => {
      const dc = dateCol[i];
      if (!dc) return [`CAST(NULL AS ${d.double}) AS __ls_r${i}_age`, `FALSE AS __ls_r${i}_nodate`];
      const day = col(dc, 'day');
      return [
        `CASE WHEN NOT ${col(dc, 'blank')} AND ${day} IS NOT NULL THEN GREATEST(0, ${asOf} - ${day}) END AS __ls_r${i}_age`,
        `(${col(dc, 'blank')} OR ${day} IS NULL) AS __ls_r${i}_nodate`,
      ];
    }),
  );
  // The rule's outcome: DQ flag, points (signed as they count), Why part.
  layer(
    rules.flatMap(({ rule }, i) => {
      const alt = `__ls_r${i}_alt`;
      const age = `__ls_r${i}_age`;
      const c = fieldCol[i];
      const dc = dateCol[i];
      const expired = rule.expiresAfterDays !== null && dc ? `COALESCE(${age} > ${num(d, rule.expiresAfterDays)}, FALSE)` : 'FALSE';
      const out: string[] = [];
      // The date issue: said when the rule held and its Date field cell is not a date (not when blank).
      const dateIssue = dc
        ? `WHEN ${alt} IS NOT NULL AND NOT ${col(dc, 'blank')} AND ${col(dc, 'day')} IS NULL THEN ${S(`${rule.dateField} '`)} || ${col(dc, 'shown')} || ${S(`' is not a date, so ${rule.field} was not decayed`)}`
        : '';
      out.push(`CASE WHEN __ls_r${i}_ciss IS NOT NULL THEN __ls_r${i}_ciss ${dateIssue} END AS __ls_r${i}_iss`);
      if (rule.category === 'Disqualify') {
        out.push(`(${alt} IS NOT NULL AND NOT ${expired}) AS __ls_r${i}_dq`);
        return out;
      }
      const count = col(c, 'num');
      const each = rule.per === 'each';
      const scores = each ? `(${alt} IS NOT NULL AND ${count} > 0)` : `${alt} IS NOT NULL`;
      const P = num(d, rule.points);
      const uncapped = each
        ? rule.repeatFactor === 1
          ? `(${count} * ${P})`
          : `(${P} * (1 - POWER(${num(d, rule.repeatFactor)}, ${count})) / ${num(d, 1 - rule.repeatFactor)})`
        : P;
      out.push(`CASE WHEN ${scores} THEN ${uncapped} END AS __ls_r${i}_unc`);
      out.push(`${expired} AS __ls_r${i}_exp`);
      return out;
    }),
  );
  layer(
    rules.flatMap(({ rule }, i) => {
      if (rule.category === 'Disqualify') return [];
      const unc = `__ls_r${i}_unc`;
      const max = rule.maxPoints;
      const capped = max !== null ? `(ABS(${unc}) > ${num(d, max)})` : 'FALSE';
      const base = max !== null ? `CASE WHEN ${capped} THEN SIGN(${unc}) * ${num(d, max)} ELSE ${unc} END` : unc;
      return [`${capped} AS __ls_r${i}_cap`, `${base} AS __ls_r${i}_base`];
    }),
  );
  layer(
    rules.flatMap(({ rule }, i) => {
      if (rule.category === 'Disqualify') return [];
      const base = `__ls_r${i}_base`;
      const age = `__ls_r${i}_age`;
      let pts =
        rule.halfLifeDays !== null
          ? `CASE WHEN __ls_r${i}_exp THEN 0 WHEN ${age} IS NOT NULL THEN ${base} * POWER(0.5, ${age} / ${num(d, rule.halfLifeDays)}) ELSE ${base} END`
          : `CASE WHEN __ls_r${i}_exp THEN 0 ELSE ${base} END`;
      if (rule.category === 'Negative') pts = `-ABS(${pts})`;
      return [`CASE WHEN ${base} IS NOT NULL THEN ${pts} END AS __ls_r${i}_pts`];
    }),
  );
  const round = (x: string) => `CASE WHEN ${x} < 0 THEN -FLOOR(-(${x}) + 0.5 + 1e-9) ELSE FLOOR(${x} + 0.5 + 1e-9) END`;
  const fmt = (x: string) => {
    const r = `(FLOOR((${x}) * 10 + 0.5) / 10 + 0.0)`;
    return `CASE WHEN ${r} = FLOOR(${r}) THEN ${d.intText(r)} ELSE ${d.oneDecimal(r)} END`;
  };
  const signed = (x: string) =>
    `CASE WHEN ${round(x)} < 0 THEN ${S(MINUS)} || ${d.intText(`-${round(x)}`)} ELSE '+' || ${d.intText(round(x))} END`;
  // Why parts: `+12 Pricing visits ×3 (decayed from 17.5, 21 d)` (why.ts whyPart, contributionDetail).
  layer(
    rules.flatMap(({ rule }, i) => {
      if (rule.category === 'Disqualify') return [];
      const pts = `__ls_r${i}_pts`;
      const base = `__ls_r${i}_base`;
      const age = `__ls_r${i}_age`;
      const c = fieldCol[i];
      const label =
        rule.per === 'each'
          ? `${S(`${rule.field} ×`)} || ${fmt(col(c, 'num'))}`
          : `CASE __ls_r${i}_alt ${rule.labels.map((l, k) => `WHEN ${k} THEN ${S(l)}`).join(' ')} END`;
      const cap = `CASE WHEN __ls_r${i}_cap THEN 'capped at ' || ${fmt(`ABS(${base})`)} END`;
      const dc = dateCol[i];
      const ageText = !dc
        ? 'CAST(NULL AS STRING)'
        : `CASE WHEN __ls_r${i}_exp THEN 'expired, ' || ${d.intText(age)} || ' d' WHEN __ls_r${i}_nodate THEN 'no date, not decayed' ` +
          (rule.halfLifeDays !== null
            ? `WHEN ${age} > 0 THEN 'decayed from ' || ${fmt(`ABS(${base})`)} || ', ' || ${d.intText(age)} || ' d' `
            : '') +
          'END';
      const inner = d.joinNonNull([cap, ageText.replace('CAST(NULL AS STRING)', 'NULL')], ', ');
      const detail = `CASE WHEN ${inner} = '' THEN '' ELSE ' (' || ${inner} || ')' END`;
      return [
        `CASE WHEN ${pts} IS NOT NULL AND ${round(pts)} <> 0 THEN ${signed(pts)} || ' ' || ${label} || ${detail} END AS __ls_r${i}_part`,
      ];
    }),
  );

  // The lead: totals, disqualifiers, issues (each once, in rule order), Why.
  const sum = (cat: string) => {
    const terms = rules.flatMap(({ rule }, i) => (rule.category === cat ? [`COALESCE(__ls_r${i}_pts, 0)`] : []));
    return terms.length ? `(0 + ${terms.join(' + ')})` : '0';
  };
  const dqIdx = rules.flatMap(({ rule }, i) => (rule.category === 'Disqualify' ? [i] : []));
  const dqLabels = dqIdx.map(
    (i) =>
      `CASE WHEN __ls_r${i}_dq THEN CASE __ls_r${i}_alt ${rules[i].rule.labels.map((l, k) => `WHEN ${k} THEN ${S(l)}`).join(' ')} END END`,
  );
  const issueTerms = rules.map((_, i) => {
    // Each issue once: left out when an earlier rule on the same column (the only source of the same text) said it.
    const earlier = rules
      .map((__, j) => j)
      .filter(
        (j) =>
          j < i && (fieldCol[j] === fieldCol[i] || dateCol[j] === dateCol[i] || fieldCol[j] === dateCol[i] || dateCol[j] === fieldCol[i]),
      );
    const dup = earlier.map((j) => `COALESCE(__ls_r${j}_iss, '') = __ls_r${i}_iss`);
    return `CASE WHEN __ls_r${i}_iss IS NOT NULL ${dup.length ? `AND NOT (${dup.join(' OR ')})` : ''} THEN ${S('⚠ ')} || __ls_r${i}_iss END`;
  });
  const s = run.settings;
  layer([
    `${sum('Fit')} AS __ls_fit_raw`,
    `${sum('Behaviour')} AS __ls_beh_raw`,
    `${sum('Negative')} AS __ls_neg_raw`,
    `${dqLabels.length ? d.joinNonNull(dqLabels, ', ') : "''"} AS __ls_dq`,
    `${
      rules.some(({ rule }) => rule.category !== 'Disqualify')
        ? d.joinSorted(
            rules.flatMap(({ rule }, i): SortedPart[] =>
              rule.category === 'Disqualify' ? [] : [{ key: `-ABS(COALESCE(__ls_r${i}_pts, 0))`, row: rule.row, text: `__ls_r${i}_part` }],
            ),
            SEPARATOR,
          )
        : "''"
    } AS __ls_parts`,
    `${issueTerms.length ? d.joinNonNull(issueTerms, SEPARATOR) : "''"} AS __ls_issues`,
  ]);
  const fitT = s.maxFit !== null ? `LEAST(__ls_fit_raw, ${num(d, s.maxFit)})` : '__ls_fit_raw';
  const behT = s.maxBehaviour !== null ? `LEAST(__ls_beh_raw, ${num(d, s.maxBehaviour)})` : '__ls_beh_raw';
  layer([
    `${fitT} AS __ls_fit`,
    `${behT} AS __ls_beh`,
    `COALESCE(__ls_dq, '') <> '' AS __ls_disq`,
    `LEAST(GREATEST(${num(d, s.baseScore)} + ${fitT} + ${behT} + __ls_neg_raw, 0), ${num(d, s.maxScore)}) AS __ls_total`,
  ]);
  const base = basePart(s);
  const head = `CASE WHEN __ls_disq THEN ${S('Disqualified: ')} || __ls_dq ${base ? `ELSE ${S(base)}` : ''} END`;
  const fitCap =
    s.maxFit !== null
      ? `CASE WHEN __ls_fit_raw > ${num(d, s.maxFit)} THEN ${S(`Fit capped at ${formatNumber(s.maxFit)} (from `)} || ${fmt('__ls_fit_raw')} || ')' END`
      : 'NULL';
  const behCap =
    s.maxBehaviour !== null
      ? `CASE WHEN __ls_beh_raw > ${num(d, s.maxBehaviour)} THEN ${S(`Behaviour capped at ${formatNumber(s.maxBehaviour)} (from `)} || ${fmt('__ls_beh_raw')} || ')' END`
      : 'NULL';
  layer([
    `CAST(${round('__ls_fit')} AS ${d.name === 'bigquery' ? 'INT64' : 'BIGINT'}) AS __ls_o_fit`,
    `CAST(${round('__ls_beh')} AS ${d.name === 'bigquery' ? 'INT64' : 'BIGINT'}) AS __ls_o_beh`,
    `CAST(${round('__ls_neg_raw')} AS ${d.name === 'bigquery' ? 'INT64' : 'BIGINT'}) AS __ls_o_neg`,
    `CAST(CASE WHEN __ls_disq THEN 0 ELSE ${round('__ls_total')} END AS ${d.name === 'bigquery' ? 'INT64' : 'BIGINT'}) AS __ls_o_score`,
    `${d.joinNonNull([`NULLIF(${head}, '')`, `NULLIF(__ls_parts, '')`, fitCap, behCap], SEPARATOR)} AS __ls_why0`,
  ]);
  const grade = (f: string) =>
    `CASE WHEN ${f} >= ${num(d, s.gradeAAt)} THEN 'A' WHEN ${f} >= ${num(d, s.gradeBAt)} THEN 'B' WHEN ${f} >= ${num(d, s.gradeCAt)} THEN 'C' ELSE 'D' END`;
  const bucket = `CASE WHEN __ls_disq THEN 'Disqualified' WHEN __ls_o_score >= ${num(d, s.hotAt)} THEN 'Hot' WHEN __ls_o_score >= ${num(d, s.warmAt)} THEN 'Warm' ELSE 'Cold' END`;
  const why = d.joinNonNull(
    [`CASE WHEN __ls_why0 = '' THEN 'No rule applies' ELSE __ls_why0 END`, `NULLIF(__ls_issues, '')`, ...warning.map(S)],
    SEPARATOR,
  );

  // The output: the lead's own columns (the add-on's result names left out), then the results.
  const names = knownHeaders ? indexHeaders(opts.headers!).names : null;
  const resultKeys = new Set(RESULT_NAMES.map((n) => n.toLowerCase()));
  const leadCols = names
    ? names.filter((n, i) => n !== '' && names.indexOf(n) === i && !isResultName(n) && !resultKeys.has(n.toLowerCase()))
    : null;
  const outputs = [
    `__ls_o_fit AS ${d.ident('Fit')}`,
    `__ls_o_beh AS ${d.ident('Behaviour')}`,
    `__ls_o_neg AS ${d.ident('Negative')}`,
    `__ls_o_score AS ${d.ident('Score')}`,
    `${bucket} AS ${d.ident('Bucket')}`,
    `${grade('__ls_o_fit')} AS ${d.ident('Grade')}`,
    `${why} AS ${d.ident('Why')}`,
  ];
  const blankRow = leadCols?.length ? leadCols : null;

  const lines: string[] = [];
  lines.push(
    `-- Lead scoring model as SQL (${d.name === 'bigquery' ? 'BigQuery Standard SQL' : 'DuckDB'}), generated from the Rules and Settings tabs.`,
  );
  lines.push(
    `-- ${commentText(`Table: ${opts.table ?? 'leads'}; as-of: ${opts.asOf === 'today' ? 'the current date' : dayToIso(opts.asOf ?? run.asOfDay)}; rules: ${rules.length}.`)}`,
  );
  for (const l of leftOut) lines.push(`-- Left out: ${commentText(l.reason)}`);
  const withs: string[] = [];
  ctes.forEach((c, i) => {
    const from = i === 0 ? `${d.table(opts.table ?? 'leads')} AS __ls_lead` : ctes[i - 1].name;
    const prev = i === 0 ? '__ls_lead.*' : `${ctes[i - 1].name}.*`;
    const items = c.select.length ? [prev, ...c.select] : [prev];
    withs.push(`${c.name} AS (\n  SELECT\n    ${items.join(',\n    ')}\n  FROM ${from}\n)`);
  });
  const last = ctes[ctes.length - 1].name;
  const own = leadCols ? leadCols.map((n) => `${last}.${d.ident(n)}`) : [d.starExcept(last, internalNames(ctes))];
  lines.push(`WITH\n${withs.join(',\n')}`);
  lines.push(`SELECT\n  ${[...own, ...outputs].join(',\n  ')}\nFROM ${last}`);
  // A blank row of the Leads tab gets no score (README "Scoring"); rows blank in every lead column are left out.
  if (blankRow) lines.push(`WHERE NOT (${blankRow.map((n) => blankTest(d, `${last}.${d.ident(n)}`, jstrim)).join(' AND ')})`);
  return { sql: `${lines.join('\n')}\n`, rules: rules.length, leftOut };
}

function internalNames(ctes: Array<{ select: string[] }>): string[] {
  return ctes.flatMap((c) => c.select.map((e) => e.slice(e.lastIndexOf(' AS ') + 4)));
}

function blankTest(d: Dialect, q: string, jstrim: (t: string) => string): string {
  // Only text can be blank without being NULL; the kind test spares casting typed cells to text.
  return `(${q} IS NULL OR (${d.kind(q)} = 's' AND ${jstrim(d.asText(q))} = ''))`;
}

import { indexHeaders } from '../columns';

interface ConditionSql {
  /** The alternative's index when the condition holds on a non-blank, non-error cell; NULL when not. */
  alt: string;
  /** The lead issue when it does not hold (NULL for none). */
  issue: string | null;
}

/** One rule's condition (operators.ts compileCondition) on its column's readings. */
function conditionSql(
  d: Dialect,
  rule: BoundRule,
  c: Column,
  regex: Array<{ source: string; negated: boolean }> | null,
  has: (text: string, pattern: string) => string,
  asOf: string,
): ConditionSql {
  const S = (t: string) => d.str(t);
  const col = (what: string) => `${c.p}${what}`;
  const k = col('k');
  const txt = col('txt');
  const n = col('num');
  const day = col('day');
  const field = rule.field;
  const alternatives = splitAlternatives(rule.value);
  const firstOf = (tests: string[]) => `CASE ${tests.map((t, i) => `WHEN COALESCE(${t}, FALSE) THEN ${i}`).join(' ')} END`;
  const noneOf = (tests: string[]) => `CASE WHEN ${tests.map((t) => `COALESCE(${t}, FALSE)`).join(' OR ')} THEN NULL ELSE 0 END`;
  const cmp = (op: string, x: string, limit: number) => `${x} ${op} ${num(d, limit)}`;
  switch (rule.operator) {
    case 'is':
    case 'is not': {
      const tests = alternatives.map((alt) => {
        const lower = alt.toLowerCase();
        const an = toNumber(alt);
        const ab = toBool(alt);
        const ad = parseDateText(alt);
        return (
          `CASE ${k} WHEN 'n' THEN ${an !== null ? `${n} = ${num(d, an)}` : `${txt} = ${S(lower)}`} ` +
          `WHEN 'b' THEN ${ab !== null ? `${col('bool')} = ${ab ? 'TRUE' : 'FALSE'}` : 'FALSE'} ` +
          `WHEN 'd' THEN ${ad !== null ? `${day} = ${int(ad)}` : 'FALSE'} ` +
          `ELSE (${txt} = ${S(lower)}${an !== null ? ` OR COALESCE(${n} = ${num(d, an)}, FALSE)` : ''}) END`
        );
      });
      return { alt: rule.operator === 'is' ? firstOf(tests) : noneOf(tests), issue: null };
    }
    case 'contains':
    case 'starts with':
    case 'ends with':
    case 'does not contain': {
      const tests = alternatives.map((alt) => {
        const needle = S(alt.toLowerCase());
        if (rule.operator === 'starts with') return `SUBSTR(${txt}, 1, LENGTH(${needle})) = ${needle}`;
        if (rule.operator === 'ends with')
          return `(LENGTH(${txt}) >= LENGTH(${needle}) AND SUBSTR(${txt}, LENGTH(${txt}) - LENGTH(${needle}) + 1) = ${needle})`;
        return `STRPOS(${txt}, ${needle}) > 0`;
      });
      return { alt: rule.operator === 'does not contain' ? noneOf(tests) : firstOf(tests), issue: null };
    }
    case '>':
    case '>=':
    case '<':
    case '<=':
    case 'between': {
      const kind = comparisonKind(rule.operator, rule.value);
      let test: string;
      const x = kind === 'date' ? day : n;
      if (rule.operator === 'between') {
        const m = /^(.*?)\s*\.\.\s*(.*)$/.exec(rule.value.trim())!;
        const lo = kind === 'date' ? parseDateText(m[1])! : toNumber(m[1])!;
        const hi = kind === 'date' ? parseDateText(m[2])! : toNumber(m[2])!;
        test = `${cmp('>=', x, lo)} AND ${cmp('<=', x, hi)}`;
      } else {
        const limit = kind === 'date' ? parseDateText(rule.value)! : toNumber(rule.value)!;
        test = cmp(rule.operator, x, limit);
      }
      if (kind === 'number') {
        return {
          alt: `CASE WHEN ${k} IN ('s', 'n') AND ${test} THEN 0 END`,
          issue: `CASE WHEN ${k} = 's' AND ${n} IS NULL THEN ${S(`${field} '`)} || ${col('t')} || ${S("' is not a number")} WHEN ${k} = 'd' THEN ${S(`${field} is a date, not a number`)} END`,
        };
      }
      return {
        alt: `CASE WHEN ${test} THEN 0 END`,
        issue: `CASE WHEN ${k} IN ('s', 'n') AND ${day} IS NULL THEN ${S(`${field} '`)} || ${col('shown')} || ${S("' is not a date")} END`,
      };
    }
    case 'is empty':
      return { alt: 'NULL', issue: null };
    case 'is not empty':
      return { alt: '0', issue: null };
    case 'matches': {
      const input = `CASE WHEN ${k} = 's' THEN ${col('t')} ELSE ${txt} END`;
      const tests = regex!.map((r) => `${r.negated ? 'NOT ' : ''}${has(input, `(?i)${r.source}`)}`);
      return { alt: `CASE WHEN ${tests.join(' AND ')} THEN 0 END`, issue: null };
    }
    case 'within last days':
    case 'older than days': {
      const days = toNumber(rule.value)!;
      const age = `GREATEST(0, ${asOf} - ${day})`;
      const test = rule.operator === 'within last days' ? `${age} <= ${num(d, days)}` : `${age} > ${num(d, days)}`;
      // GREATEST skips NULLs in DuckDB (not in BigQuery): the day is tested first.
      return {
        alt: `CASE WHEN ${day} IS NOT NULL AND ${test} THEN 0 END`,
        issue: `CASE WHEN ${day} IS NULL THEN ${S(`${field} '`)} || ${col('raw')} || ${S("' is not a date")} END`,
      };
    }
    case 'is free email':
      return { alt: `CASE WHEN ${k} = 's' AND COALESCE(${freeEmailSql(d, col('dom'), has)}, FALSE) THEN 0 END`, issue: null };
    case 'is true':
      return { alt: `CASE WHEN ${col('bool')} = TRUE THEN 0 END`, issue: null };
    case 'is false':
      return { alt: `CASE WHEN ${col('bool')} = FALSE THEN 0 END`, issue: null };
    case 'happened':
      // Only Activity rules use it, and they are left out of the query (the loop over the rules).
      throw new Error(`Rules row ${rule.row}: an Activity rule cannot be compiled to SQL.`);
  }
}

/** freeEmail.ts isFreeEmail on the address's domain (NULL without '@'): in the list, or a family's first label. */
function freeEmailSql(d: Dialect, domain: string, has: (t: string, p: string) => string): string {
  const S = (t: string) => d.str(t);
  const families = [...FAMILIES].join('|');
  return `(${domain} <> '' AND (${d.inList(domain, [...EXACT].map(S))} OR ${has(domain, `^(${families})\\.`)}))`;
}
