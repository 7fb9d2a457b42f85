/**
 * The leaves of the SQL generator that differ between BigQuery Standard SQL and DuckDB: quoting,
 * literals, regular expressions, dates, casts, lists. compile.ts builds the same structure for both
 * from these, so the two dialects cannot drift (README "When your leads outgrow Sheets").
 * Both warehouses run regular expressions with RE2, as the engine does (src/engine/regex.ts).
 */
export type DialectName = 'bigquery' | 'duckdb';
export const DIALECTS: readonly DialectName[] = ['bigquery', 'duckdb'];

/** One Why part to sort: the key (−|points|), the Rules row (ties) and the text (NULL: no part). */
export interface SortedPart {
  key: string;
  row: number;
  text: string;
}

export interface Dialect {
  name: DialectName;
  /** A column or CTE name, quoted whatever its text. */
  ident(name: string): string;
  /** A table name: dotted parts (project.dataset.table, schema.table) quoted. */
  table(name: string): string;
  /** A string literal: the text can never end the literal. */
  str(text: string): string;
  /** The kind of a column's value: 's' text, 'n' number, 'b' boolean, 'd' date or timestamp (NULL stays NULL via the caller). */
  kind(col: string): string;
  /** A value of any type as text (NULL stays NULL). */
  asText(col: string): string;
  /** The text of a cell the kind leaf calls 's' (DuckDB: NULL for typed cells, read typed below; BigQuery: every cell as text). */
  textCell(col: string): string;
  /** A number cell as a double; `text` is textCell's column. */
  typedDouble(col: string, text: string): string;
  /** A date or timestamp cell as its day number. */
  typedDay(col: string, text: string): string;
  /** A boolean cell. */
  typedBool(col: string, text: string): string;
  /** Text to a double, NULL when it is not one. */
  toDouble(text: string): string;
  /** Text 'YYYY-MM-DD…' (its first ten characters) to a day number (days since 1970-01-01), NULL when not a date. */
  isoToDay(text: string): string;
  /** A DATE expression to its day number. */
  dateToDay(date: string): string;
  /** A day number to 'YYYY-MM-DD'. */
  dayToIso(day: string): string;
  /** A whole number (double) as text without a fraction. */
  intText(n: string): string;
  /** A double as text, as close to JavaScript's String(n) as the warehouse's cast gets. */
  doubleText(n: string): string;
  /** A double rounded to one decimal place, as text with one decimal ('17.5'). */
  oneDecimal(n: string): string;
  /** RE2 search (not anchored), `pattern` a SQL string expression. */
  regexContains(text: string, pattern: string): string;
  /** Group `n` of an anchored pattern's match (only used where the pattern matched). */
  regexGroup(text: string, pattern: string, n: number): string;
  /** `x` is one of the literals. */
  inList(x: string, items: string[]): string;
  /** RE2 replace of every match. */
  regexReplaceAll(text: string, pattern: string, replacement: string): string;
  /** Texts joined by `sep`, NULLs left out ('' when all are NULL). */
  joinNonNull(parts: string[], sep: string): string;
  /** Why parts joined in order of key then row, NULL texts left out ('' or NULL when none). */
  joinSorted(parts: SortedPart[], sep: string): string;
  /** The double type's name. */
  double: string;
  /** `* EXCLUDE (…)` / `* EXCEPT (…)`: every column but these. */
  starExcept(qualifier: string, names: string[]): string;
  /** The current date in the warehouse (for an as-of of "today"). */
  currentDate: string;
}

/** BigQuery string escapes (https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#string_and_bytes_literals). */
function bigqueryEscape(text: string, quote: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 32 || c === 127 || c === 0x2028 || c === 0x2029 || c === 0x85) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** A header as a BigQuery column name: the characters column names can't hold become `_`. */
export function bigqueryName(name: string): string {
  return name.replace(/[!"$()*,./;?@[\\\]^`{}~\u0000-\u001f\u007f\u0085\u2028\u2029]/g, '_');
}

const duckdb: Dialect = {
  name: 'duckdb',
  // DuckDB identifiers: double quotes, a quote doubled (https://duckdb.org/docs/stable/sql/dialect/keywords_and_identifiers).
  ident: (name) => `"${name.replace(/"/g, '""').replace(/\0/g, '')}"`,
  table: (name) => name.split('.').map(duckdb.ident).join('.'),
  // DuckDB string literals: single quotes, a quote doubled; backslash is an ordinary character.
  // A carriage return (which a text box or a copy turns into a line feed) and the other invisible
  // controls go in as chr(n), so the query survives being shown and copied.
  str: (text) => {
    const parts = text.replace(/\0/g, '').split(/([\r\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029])/);
    const out = parts
      .filter((p, i) => p !== '' || (i === 0 && parts.length === 1))
      .map((p) =>
        p.length === 1 && /[\r\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029]/.test(p)
          ? `chr(${p.codePointAt(0)})`
          : `'${p.replace(/'/g, "''")}'`,
      );
    return out.length === 1 ? out[0] : `(${out.join(' || ')})`;
  },
  kind: (col) =>
    `CASE WHEN typeof(${col}) = 'VARCHAR' THEN 's' WHEN typeof(${col}) = 'BOOLEAN' THEN 'b' ` +
    `WHEN typeof(${col}) = 'DATE' OR typeof(${col}) LIKE 'TIMESTAMP%' THEN 'd' ` +
    `WHEN typeof(${col}) IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'FLOAT', 'DOUBLE') OR typeof(${col}) LIKE 'DECIMAL%' THEN 'n' ELSE 's' END`,
  asText: (col) => `CAST(${col} AS VARCHAR)`,
  // DuckDB binds TRY_CAST between any two types (NULL where there is no conversion), so typed cells
  // are read as what they are, without printing them as text first.
  textCell: (col) => `CASE WHEN ${duckdb.kind(col)} = 's' THEN CAST(${col} AS VARCHAR) END`,
  typedDouble: (col) => `TRY_CAST(${col} AS DOUBLE)`,
  typedDay: (col) => `date_diff('day', DATE '1970-01-01', TRY_CAST(${col} AS DATE))`,
  typedBool: (col) => `TRY_CAST(${col} AS BOOLEAN)`,
  toDouble: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  isoToDay: (text) => `date_diff('day', DATE '1970-01-01', TRY_CAST(substr(${text}, 1, 10) AS DATE))`,
  dateToDay: (date) => `date_diff('day', DATE '1970-01-01', ${date})`,
  dayToIso: (day) => `CAST(DATE '1970-01-01' + CAST(${day} AS INTEGER) AS VARCHAR)`,
  intText: (n) => `CAST(CAST(${n} AS BIGINT) AS VARCHAR)`,
  doubleText: (n) => `CAST(${n} AS VARCHAR)`,
  oneDecimal: (n) => `printf('%.1f', ${n})`,
  regexContains: (text, pattern) => `regexp_matches(${text}, ${pattern})`,
  // A constant list: DuckDB plans a long IN (…) as a join per use, costly with dozens of them.
  inList: (x, items) => `list_contains([${items.join(', ')}], ${x})`,
  regexGroup: (text, pattern, n) => `regexp_extract(${text}, ${pattern}, ${n})`,
  regexReplaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${pattern}, ${replacement}, 'g')`,
  joinNonNull: (parts, sep) => `concat_ws(${duckdb.str(sep)}, ${parts.join(', ')})`,
  joinSorted: (parts, sep) =>
    `array_to_string([__ls_x.t FOR __ls_x IN list_sort([${parts
      .map((p) => `{'m': ${p.key}, 'r': ${p.row}, 't': ${p.text}}`)
      .join(', ')}]) IF __ls_x.t IS NOT NULL], ${duckdb.str(sep)})`,
  double: 'DOUBLE',
  starExcept: (q, names) => (names.length ? `${q}.* EXCLUDE (${names.map(duckdb.ident).join(', ')})` : `${q}.*`),
  currentDate: 'current_date',
};

const bigquery: Dialect = {
  name: 'bigquery',
  // Column names can't hold these characters (flexible column names:
  // https://cloud.google.com/bigquery/docs/schemas#flexible-column-names); a load turns them into
  // underscores, and so does the query. What is left needs no escape inside backticks.
  ident: (name) => `\`${bigqueryName(name)}\``,
  table: (name) => `\`${name.replace(/[`\\\u0000-\u001f\u007f\u2028\u2029]/g, '_')}\``,
  str: (text) => `'${bigqueryEscape(text, "'")}'`,
  // FORMAT('%T') writes a value as a literal of its type: strings quoted, DATE "…", TIMESTAMP "…", true/false, numbers bare.
  kind: (col) =>
    `CASE WHEN REGEXP_CONTAINS(FORMAT('%T', ${col}), r'^[rRbB]*["\\x27]') THEN 's' WHEN FORMAT('%T', ${col}) IN ('true', 'false') THEN 'b' ` +
    `WHEN REGEXP_CONTAINS(FORMAT('%T', ${col}), r'^(DATE|DATETIME|TIMESTAMP) ') THEN 'd' ELSE 'n' END`,
  asText: (col) => `CAST(${col} AS STRING)`,
  // BigQuery refuses a cast between unrelated types even in SAFE_CAST, so every cell goes through its text.
  textCell: (col) => `CAST(${col} AS STRING)`,
  typedDouble: (_col, text) => `SAFE_CAST(${text} AS FLOAT64)`,
  typedDay: (_col, text) => `UNIX_DATE(SAFE_CAST(SUBSTR(${text}, 1, 10) AS DATE))`,
  typedBool: (_col, text) => `LOWER(${text}) = 'true'`,
  toDouble: (text) => `SAFE_CAST(${text} AS FLOAT64)`,
  isoToDay: (text) => `UNIX_DATE(SAFE_CAST(SUBSTR(${text}, 1, 10) AS DATE))`,
  dateToDay: (date) => `UNIX_DATE(${date})`,
  dayToIso: (day) => `CAST(DATE_FROM_UNIX_DATE(CAST(${day} AS INT64)) AS STRING)`,
  intText: (n) => `CAST(CAST(${n} AS INT64) AS STRING)`,
  doubleText: (n) => `CAST(${n} AS STRING)`,
  oneDecimal: (n) => `FORMAT('%.1f', ${n})`,
  regexContains: (text, pattern) => `REGEXP_CONTAINS(${text}, ${pattern})`,
  inList: (x, items) => `${x} IN (${items.join(', ')})`,
  // REGEXP_EXTRACT takes one capturing group only: the whole (anchored) match is replaced by group n.
  regexGroup: (text, pattern, n) => `REGEXP_REPLACE(${text}, ${pattern}, ${bigquery.str(`\\${n}`)})`,
  regexReplaceAll: (text, pattern, replacement) => `REGEXP_REPLACE(${text}, ${pattern}, ${replacement})`,
  joinNonNull: (parts, sep) => `ARRAY_TO_STRING([${parts.join(', ')}], ${bigquery.str(sep)})`,
  joinSorted: (parts, sep) =>
    `ARRAY_TO_STRING(ARRAY(SELECT __ls_x.t FROM UNNEST([${parts
      .map((p) => `STRUCT(${p.key} AS m, ${p.row} AS r, ${p.text} AS t)`)
      .join(', ')}]) AS __ls_x WHERE __ls_x.t IS NOT NULL ORDER BY __ls_x.m, __ls_x.r), ${bigquery.str(sep)})`,
  double: 'FLOAT64',
  starExcept: (q, names) => (names.length ? `${q}.* EXCEPT (${names.map(bigquery.ident).join(', ')})` : `${q}.*`),
  currentDate: 'CURRENT_DATE()',
};

export function dialectOf(name: DialectName): Dialect {
  return name === 'bigquery' ? bigquery : duckdb;
}
