/**
 * A rule's text or a header can never change the query's structure: the SQL for a model whose
 * values and headers hold quotes, backslashes, `--`, `;`, `*​/`, backticks and newlines parses to
 * the same tree as the SQL for the same model with plain text, once literals and names are set
 * aside (DuckDB: its own parser, json_serialize_sql; BigQuery: node-sql-parser in BigQuery mode).
 */
import { Parser } from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_LEAD_HEADERS, prepareRun, RULE_HEADERS, starterRulesGrid, type Cell } from '../../src/engine';
import { compileModelSql, commentText, dialectOf } from '../../src/engine/sql';
import { makeLeadRows, AS_OF } from '../../examples/make-examples';
import { duck } from './sql-harness';

// A carriage return and U+2028 go into DuckDB literals as chr(13) || … (a text box would turn them into
// line feeds), a different expression with the same place in the query: they are tested below.
const HOSTILE = "x' OR 1=1; -- \\' */ `y` \n DROP TABLE leads; /* \n";

function model(text: (s: string) => string) {
  const headers = ['Title', 'Size', 'Seen', text('Odd')];
  const rules: Cell[][] = [
    [...RULE_HEADERS],
    ['Fit', 'Title', 'contains', text('vp'), 10, '', '', '', '', '', '', true, text('note')],
    ['Fit', 'Title', 'is', `${text('a')}, ${text('b')}`, 5, '', '', '', '', '', '', true, ''],
    ['Fit', text('Odd'), 'starts with', text('c'), 5, '', '', '', '', '', '', true, ''],
    ['Fit', text('Odd'), 'is not', text('d'), 5, '', '', '', '', '', '', true, ''],
    ['Behaviour', 'Size', '>', 10, 5, 'each', 0.5, 12, 'Seen', 30, 90, true, ''],
    ['Negative', 'Title', 'does not contain', text('e'), 5, '', '', '', '', '', '', true, ''],
    ['Disqualify', 'Title', 'ends with', text('f'), '', '', '', '', '', '', '', true, ''],
    // A bad row: its text goes into a comment.
    ['Fit', 'Title', text('bogus operator'), '', 5, '', '', '', '', '', '', true, ''],
  ];
  const rows: Cell[][] = [['VP', 20, new Date(Date.UTC(2026, 2, 1)), 'z']];
  const run = prepareRun({
    settings: [
      ['Setting', 'Value'],
      ['As-of date', AS_OF],
    ],
    rules,
    today: AS_OF,
    spreadsheetTimeZone: 'UTC',
  });
  return { run, headers, rows };
}

const plain = model((s) => s);
const hostile = model((s) => `${s}${HOSTILE}`);

/** The tree without literal values, names, aliases or positions. */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (
        ['value', 'query_location', 'column', 'column_names', 'alias', 'table', 'loc'].includes(k) &&
        (typeof v !== 'object' || v === null)
      )
        continue;
      if (k === 'column_names' || k === 'column' || k === 'columnList' || k === 'tableList') continue;
      out[k] = shape(v);
    }
    return out;
  }
  return node;
}

describe('rule text and headers stay literals', () => {
  it('DuckDB: the hostile model parses to the same tree as the plain one', async () => {
    const con = await duck();
    const tree = async (sql: string) => {
      const r = await con.runAndReadAll(`SELECT json_serialize_sql(${`'${sql.replace(/'/g, "''")}'`}) AS j`);
      const json = JSON.parse(String(r.getRowObjectsJS()[0].j));
      expect(json.error).toBe(false);
      return shape(json.statements);
    };
    const a = compileModelSql(plain.run, { dialect: 'duckdb', headers: plain.headers, rows: plain.rows });
    const b = compileModelSql(hostile.run, { dialect: 'duckdb', headers: hostile.headers, rows: hostile.rows });
    expect(a.rules).toBe(7);
    expect(b.rules).toBe(7);
    expect(await tree(b.sql)).toEqual(await tree(a.sql));
    // The bad row is named in a comment, on one line.
    const comment = b.sql.split('\n').find((l) => l.startsWith('-- Left out:'))!;
    expect(comment).toContain('bogus operator');
    expect(comment).toContain('DROP TABLE leads; /*');
  });

  it('BigQuery: the same, parsed by node-sql-parser in BigQuery mode', () => {
    const parser = new Parser();
    const tree = (sql: string) => shape(parser.astify(sql, { database: 'bigquery' }));
    const a = compileModelSql(plain.run, { dialect: 'bigquery', table: 'proj.crm.leads', headers: plain.headers, rows: plain.rows });
    const b = compileModelSql(hostile.run, { dialect: 'bigquery', table: 'proj.crm.leads', headers: hostile.headers, rows: hostile.rows });
    expect(tree(b.sql)).toEqual(tree(a.sql));
  });

  it('DuckDB literals: a carriage return as chr(13), the rest as written', () => {
    expect(dialectOf('duckdb').str("a'b\r\nc\\")).toBe("('a''b' || chr(13) || '\nc\\')");
    expect(dialectOf('duckdb').str('')).toBe("''");
    expect(dialectOf('bigquery').str("a'b\r\nc\\")).toBe("'a\\'b\\r\\nc\\\\'");
  });

  it('comments: no line break and no */ survive', () => {
    // '\n' and '\u2028' become spaces; '*/' becomes '* /'.
    expect(commentText('a\nb\r\nc\u2028d */ e')).toBe('a b c d * / e');
  });
});

/**
 * Every escape in a BigQuery string literal is one BigQuery accepts
 * (https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#string_and_bytes_literals):
 * node-sql-parser does not check them, and '\\1' where '\\\\1' was meant is an error in BigQuery.
 */
function badBigqueryEscapes(sql: string): string[] {
  const bad: string[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      i = sql.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === "'" || c === '`') {
      const raw = /[rR]/.test(sql[i - 1] ?? '');
      for (i++; i < sql.length && sql[i] !== c; i++) {
        if (sql[i] !== '\\') continue;
        const rest = sql.slice(i + 1, i + 10);
        if (!raw && !/^([abfnrtv\\?"'`]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3})/.test(rest))
          bad.push(sql.slice(i, i + 6));
        i++;
      }
    }
  }
  return bad;
}

describe('BigQuery SQL', () => {
  it('parses in BigQuery mode for the example workbook, with Base score, caps and a matches rule', () => {
    const settings: Cell[][] = [
      ['Setting', 'Value'],
      ['As-of date', AS_OF],
      ['Base score', 5],
      ['Max fit', 30],
      ['Max behaviour', 40],
    ];
    const rules = [...starterRulesGrid(), ['Fit', 'Title', 'matches', '^(?=.*vp)(?!.*intern)', 3, '', '', '', '', '', '', true, '']];
    const run = prepareRun({ settings, rules, today: AS_OF, spreadsheetTimeZone: 'UTC' });
    const headers = [...EXAMPLE_LEAD_HEADERS];
    const { sql } = compileModelSql(run, { dialect: 'bigquery', table: 'my-project.crm.leads', headers, rows: makeLeadRows() });
    const ast = new Parser().astify(sql, { database: 'bigquery' });
    expect(badBigqueryEscapes(sql)).toEqual([]);
    expect(
      badBigqueryEscapes(compileModelSql(hostile.run, { dialect: 'bigquery', headers: hostile.headers, rows: hostile.rows }).sql),
    ).toEqual([]);
    expect(badBigqueryEscapes("'\\1' 'ok\\\\1'")).toHaveLength(1);
    expect(JSON.stringify(ast)).toContain('REGEXP_CONTAINS');
    // Without headers (rules.csv alone): every lead column but the readings, EXCEPT (…).
    const bare = compileModelSql(run, { dialect: 'bigquery', table: 'my-project.crm.leads' });
    expect(() => new Parser().astify(bare.sql, { database: 'bigquery' })).not.toThrow();
    expect(bare.sql).toContain('.* EXCEPT (');
    // An as-of of "today": the warehouse's date, for a scheduled query.
    expect(compileModelSql(run, { dialect: 'bigquery', asOf: 'today' }).sql).toContain('UNIX_DATE(CURRENT_DATE())');
  });

  it('quotes names and escapes literals the BigQuery way', () => {
    const rules: Cell[][] = [[...RULE_HEADERS], ['Fit', 'Job title', 'is', "O'Brien, a\\b", 5, '', '', '', '', '', '', true, '']];
    const run = prepareRun({ settings: null, rules, today: AS_OF, spreadsheetTimeZone: 'UTC' });
    const { sql } = compileModelSql(run, { dialect: 'bigquery', headers: ['Job title', 'a.b;c'], rows: [] });
    expect(sql).toContain('`Job title`');
    // 'a.b;c' holds characters BigQuery column names can't: a load writes it a_b_c, and so does the query.
    expect(sql).toContain('`a_b_c`');
    expect(sql).toContain("'o\\'brien'");
    expect(sql).toContain("'a\\\\b'");
  });
});

describe('Activity rules (README "Activity and accounts") are left out of the query, named in a comment', () => {
  const rules: Cell[][] = [
    [...RULE_HEADERS],
    ['Fit', 'Title', 'contains', 'vp', 10, '', '', '', '', '', '', true, ''],
    ['Behaviour', 'Activity: Pricing page', 'happened', '', 6, 'each', 0.5, 12, '', 14, '', true, ''],
  ];
  const run = prepareRun({ settings: [['Setting', 'Value']], rules, today: AS_OF, spreadsheetTimeZone: 'UTC' });
  it.each([
    ['with the Leads headers', { headers: ['Title', 'Email'], rows: [['VP', 'a@b.co']] as Cell[][] }],
    ['without them (rules only)', {}],
  ])('%s: one rule compiled, row 3 named', (_, opts) => {
    const out = compileModelSql(run, { dialect: 'duckdb', ...opts });
    expect(out.rules).toBe(1);
    const comment = out.sql.split('\n').find((l) => l.startsWith('-- Left out:') && l.includes('row 3'));
    expect(comment).toBeDefined();
  });
});
