/** Public API of the local Apps Script host. */
export {
  createHost,
  REPO_ROOT,
  CUSTOM_FUNCTION_LIMIT_MS,
  EXECUTION_LIMIT_MS,
  TIMEOUT_MESSAGE,
  type Host,
  type HostOptions,
  type CustomFunctionResult,
} from './runtime.js';
export {
  createWorkbook,
  createSheet,
  readCell,
  writeCell,
  usedExtent,
  cellKey,
  DEFAULT_ROWS,
  DEFAULT_COLUMNS,
  type CellValue,
  type CFRule,
  type ValidationModel,
  type SheetModel,
  type Workbook,
  type Selection,
} from './model/types.js';
export { columnToLetters, lettersToColumn, parseA1, rectToA1, type GridRect } from './model/a1.js';
export { wallClockToInstantMs, instantToWallClockMs, formatWithPattern, zoneOffsetMs } from './model/dates.js';
export { interpretWrite } from './model/input.js';
export type { LockKind, StoreKind, UiRecord, MenuRecord, LogEntry, Mode, TriggerRecord } from './services/context.js';
export { evaluateAddonFormulas } from './formulas/index.js';
export { loadWorkbook, loadDescription, type LoadOptions } from './io/load.js';
export { saveWorkbook, type SaveOptions } from './io/save.js';
export { parseCsv, toCsv, neutralise, decodeCsv, detectDelimiter } from './io/csv.js';
