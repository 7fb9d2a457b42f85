/** The model as SQL (README "When your leads outgrow Sheets"): pure, no I/O. */
export { compileModelSql, commentText, type SqlOptions, type CompiledSql } from './compile';
export { DIALECTS, dialectOf, type DialectName, type Dialect } from './dialect';
