/**
 * The bundle's only entry. esbuild wraps it in an IIFE assigned to `LeadScoring`; the top-level
 * stubs that build.mjs writes from the registry (src/registry.ts, pure data) call
 * `LeadScoring.api.<name>(…)`. Every name in the registry has its function here and nothing else
 * is here: the compiler checks both, and test/bundle checks the built bundle.
 */
import type { GlobalName } from './registry';
import {
  onOpen,
  onInstall,
  setUpScoringAction,
  scoreLeadsAction,
  removeColoursAction,
  showSidebar,
  backtestAction,
  suggestRulesAction,
  useSuggestedRulesAction,
  toggleDailyRescoreAction,
} from './menu/menu';
import { dailyRescore, dailyRescoreStatus, setDailyRescore } from './triggers/daily';
import { suggestReport } from './suggest/suggestSheet';
import { backtestReport } from './backtest/backtestSheet';
import { LEADSCORE, LEADSCORE_DETAILS, LEADSCORE_WHY, LEADSCORE_BUCKET, LEADSCORE_DECAY } from './functions/customFunctions';
import { sidebarApi } from './sidebar-api';
import { exportModelAsSql, showExportSqlDialog } from './sql/exportSql';

type Fn = (...args: never[]) => unknown;

const functions = {
  onOpen,
  onInstall,
  setUpScoring: setUpScoringAction,
  scoreLeads: scoreLeadsAction,
  backtest: backtestAction,
  backtestReport,
  suggestRules: suggestRulesAction,
  useSuggestedRules: useSuggestedRulesAction,
  suggestReport,
  removeColours: removeColoursAction,
  showSidebar,
  toggleDailyRescore: toggleDailyRescoreAction,
  dailyRescore,
  getDailyRescore: dailyRescoreStatus,
  setDailyRescore,
  ...sidebarApi,
  showExportSql: showExportSqlDialog,
  exportModelAsSql,
  LEADSCORE,
  LEADSCORE_DETAILS,
  LEADSCORE_WHY,
  LEADSCORE_BUCKET,
  LEADSCORE_DECAY,
} satisfies Record<GlobalName, Fn>;

/** Compile-time check the other way: no function without a registry entry (a stub). */
type Unlisted = Exclude<keyof typeof functions, GlobalName>;
const everyFunctionListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFunctionListed;

export const api = functions as unknown as Record<string, (...args: unknown[]) => unknown>;
