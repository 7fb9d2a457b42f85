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
  toggleFormRescoreAction,
} from './menu/menu';
import { rescoreFormResponse } from './triggers/formSubmit';
import { dailyRescore } from './triggers/daily';
// getDailyRescore and setDailyRescore are in sidebarApi (the page's switch calls them).
import { suggestReport } from './suggest/suggestSheet';
import { backtestReport } from './backtest/backtestSheet';
import { LEADSCORE, LEADSCORE_DETAILS, LEADSCORE_WHY, LEADSCORE_BUCKET, LEADSCORE_DECAY } from './functions/customFunctions';
import { sidebarApi } from './sidebar-api';
import { LEADSCORE_DROPS_ON } from './functions/dropsOn';
import { scoreAccountsAction } from './accounts/actions';
import { LEADSCORE_ACCOUNT } from './accounts/customFunction';
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
  toggleFormRescore: toggleFormRescoreAction,
  rescoreFormResponse,
  ...sidebarApi,
  showExportSql: showExportSqlDialog,
  exportModelAsSql,
  LEADSCORE,
  LEADSCORE_DETAILS,
  LEADSCORE_WHY,
  LEADSCORE_BUCKET,
  LEADSCORE_DECAY,
  LEADSCORE_DROPS_ON,
  scoreAccounts: scoreAccountsAction,
  LEADSCORE_ACCOUNT,
} satisfies Record<GlobalName, Fn>;

/** Compile-time check the other way: no function without a registry entry (a stub). */
type Unlisted = Exclude<keyof typeof functions, GlobalName>;
const everyFunctionListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFunctionListed;

export const api = functions as unknown as Record<string, (...args: unknown[]) => unknown>;
