/**
 * The sidebar page: wires the sections to the server through the one typed RPC module.
 * All data is rendered as text (see render.ts).
 */
import type { Overview, ProblemView, Thresholds } from '../src/shared/types';
import { createApi, RpcError } from './rpc';
import { byId, fill, h, renderCounts, renderExplanation, renderHistogram, renderLastScored, renderProblems, type Colours } from './render';
import { COLOUR_KEYS, normalizeHex, plural, reportLine, validateThresholds, type ColourKey, type FieldName } from './logic';
import { renderBacktest, rulesNeedingAttention, type BacktestHandlers } from './backtest';
import { mountWhatIf } from './whatif';
import { mountSuggest } from './suggest';
import { mountChanges } from './changes';
import { mountSwitches } from './switches';
import { mountAccounts } from './accounts';
import { mountExportSql } from './exportSql';

const api = createApi();
/** Changes since last run, Going cold soon, Rescore every day (sidebar/changes.ts): refreshed with the overview. */
const refreshChanges = mountChanges(api);

const state = {
  overview: null as Overview | null,
  thresholds: null as Thresholds | null,
  /** A Score now or a save is running: both write the Leads tab, so one at a time. */
  busy: false,
  /** The last rule problems from the server, and the last backtest's rule flags (README "Does the score work?"). */
  ruleProblems: [] as ProblemView[],
  backtestFlags: [] as ProblemView[],
};

const scoreButton = byId<HTMLButtonElement>('score-now');
const saveButton = byId<HTMLButtonElement>('save-thresholds');
const explainButton = byId<HTMLButtonElement>('explain-row');
const checkButton = byId<HTMLButtonElement>('check-rules');
const form = byId<HTMLFormElement>('thresholds-form');
const hotInput = byId<HTMLInputElement>('hot-at');
const warmInput = byId<HTMLInputElement>('warm-at');
const thresholdsError = byId('thresholds-error');

function colourInput(key: ColourKey): HTMLInputElement {
  return byId<HTMLInputElement>(`colour-${key}`);
}
function colourPicker(key: ColourKey): HTMLInputElement {
  return byId<HTMLInputElement>(`colour-${key}-pick`);
}

/** Words for a failed call: the server's own message, or what went wrong on the way. */
function words(e: unknown): string {
  if (e instanceof RpcError) return e.message;
  return `Something went wrong in the sidebar: ${(e as Error)?.message ?? String(e)}`;
}

type Tone = 'info' | 'ok' | 'error' | 'progress';

function setStatus(el: HTMLElement, tone: Tone, ...lines: string[]): void {
  el.className = `status ${tone}`;
  const nodes: Node[] = [];
  if (tone === 'progress') nodes.push(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
  lines.forEach((line, i) => {
    nodes.push(h('span', { class: i === 0 ? 'status-main' : 'status-more' }, line));
  });
  fill(el, ...nodes);
}

function clearStatus(el: HTMLElement): void {
  el.className = 'status';
  fill(el);
}

/** Shows "Scoring leads… 3 s" until stop() is called. */
function progress(el: HTMLElement, text: string): () => void {
  const started = Date.now();
  setStatus(el, 'progress', text);
  const timer = window.setInterval(() => {
    const secs = Math.round((Date.now() - started) / 1000);
    if (secs >= 2) setStatus(el, 'progress', `${text} ${secs} s`);
  }, 1000);
  return () => window.clearInterval(timer);
}

function setBusy(busy: boolean): void {
  state.busy = busy;
  scoreButton.disabled = busy;
  saveButton.disabled = busy || state.thresholds === null;
  document.getElementById('app')?.setAttribute('aria-busy', String(busy));
}

// ---- Overview -----------------------------------------------------------------------------------

function showOverview(o: Overview): void {
  state.overview = o;
  renderCounts(byId('counts'), o);
  renderHistogram(byId('histogram'), o);
  renderLastScored(byId('last-scored'), o);
  void refreshChanges();
}

async function loadOverview(): Promise<void> {
  try {
    showOverview(await api.getOverview());
  } catch (e) {
    byId('last-scored').textContent = `Could not load the overview: ${words(e)}`;
  }
}

async function scoreNow(): Promise<void> {
  if (state.busy) return;
  setBusy(true);
  const status = byId('score-status');
  const stop = progress(status, 'Scoring leads…');
  try {
    const report = await api.scoreNow();
    stop();
    if (!report.ok) {
      setStatus(status, 'error', report.error ?? 'Score leads did not run.');
      return;
    }
    const more = report.problems.length ? [`${plural(report.problems.length, 'rule problem')}: see Rules health below.`] : [];
    // README "Activity": events that matched no lead, and lead keys on two rows, are said, never dropped silently.
    const activity = (report.notices ?? []).filter((n) => n.tab === 'Activity').map((n) => n.message);
    setStatus(status, 'ok', reportLine(report), ...activity, ...more);
    showProblems(report.problems);
    await loadOverview();
  } catch (e) {
    stop();
    setStatus(status, 'error', words(e));
  } finally {
    stop();
    setBusy(false);
  }
}

// ---- Thresholds and colours ---------------------------------------------------------------------

function fillThresholds(t: Thresholds): void {
  state.thresholds = t;
  hotInput.value = String(t.hotAt);
  warmInput.value = String(t.warmAt);
  byId('max-score').textContent = String(t.maxScore);
  for (const [key] of COLOUR_KEYS) {
    colourInput(key).value = t.colours[key];
    colourPicker(key).value = t.colours[key];
  }
  markInvalid(null);
  saveButton.disabled = state.busy;
}

async function loadThresholds(): Promise<void> {
  try {
    fillThresholds(await api.getThresholds());
  } catch (e) {
    showThresholdsError(`Could not read the Settings tab: ${words(e)}`);
  }
}

function markInvalid(field: FieldName | null): void {
  const inputs: Array<[FieldName, HTMLInputElement]> = [
    ['hotAt', hotInput],
    ['warmAt', warmInput],
    ...COLOUR_KEYS.map(([k]) => [k, colourInput(k)] as [FieldName, HTMLInputElement]),
  ];
  for (const [name, input] of inputs) {
    input.classList.toggle('invalid', name === field);
    if (name === field) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

function showThresholdsError(message: string | null): void {
  thresholdsError.textContent = message ?? '';
  thresholdsError.classList.toggle('hidden', !message);
}

async function saveThresholds(event: Event): Promise<void> {
  event.preventDefault();
  if (state.busy || !state.thresholds) return;
  const status = byId('thresholds-status');
  clearStatus(status);
  const colours = Object.fromEntries(COLOUR_KEYS.map(([k]) => [k, colourInput(k).value])) as Record<ColourKey, string>;
  const check = validateThresholds({ hotAt: hotInput.value, warmAt: warmInput.value, colours }, state.thresholds.maxScore);
  if (!check.ok) {
    // Refused here: nothing is sent, nothing is written.
    markInvalid(check.field);
    showThresholdsError(check.error);
    (check.field === 'hotAt' ? hotInput : check.field === 'warmAt' ? warmInput : colourInput(check.field)).focus();
    return;
  }
  markInvalid(null);
  showThresholdsError(null);
  setBusy(true);
  const stop = progress(status, 'Saving to the Settings tab and re-scoring…');
  try {
    const result = await api.saveThresholds(check.value);
    stop();
    if (!result.ok) {
      clearStatus(status);
      showThresholdsError(result.error ?? 'The settings were not saved.');
      return;
    }
    const saved = `Saved: Hot at ${check.value.hotAt}, Warm at ${check.value.warmAt}.`;
    clearStatus(byId('score-status')); // its counts are out of date now
    if (result.report?.ok) {
      setStatus(status, 'ok', saved, reportLine(result.report));
      showProblems(result.report.problems);
    } else {
      setStatus(status, 'error', saved, `Re-scoring failed: ${result.report?.error ?? 'unknown reason'}`);
    }
    await Promise.all([loadOverview(), loadThresholds()]);
  } catch (e) {
    stop();
    clearStatus(status);
    showThresholdsError(words(e));
  } finally {
    stop();
    setBusy(false);
  }
}

function wireColours(): void {
  for (const [key] of COLOUR_KEYS) {
    const text = colourInput(key);
    const picker = colourPicker(key);
    picker.addEventListener('input', () => {
      text.value = picker.value;
      text.classList.remove('invalid');
    });
    text.addEventListener('input', () => {
      const c = normalizeHex(text.value);
      if (c) picker.value = c;
    });
  }
}

// ---- Rules health -------------------------------------------------------------------------------

/** Rules health lists the rules' problems, then what the last backtest found about them. */
function showProblems(problems: ProblemView[] = state.ruleProblems): void {
  state.ruleProblems = problems;
  problems = [...problems, ...state.backtestFlags];
  renderProblems(byId('problems'), problems, selectProblem);
  const badge = byId('problem-count');
  badge.textContent = problems.length ? String(problems.length) : '';
  badge.classList.toggle('hidden', problems.length === 0);
}

async function loadProblems(): Promise<void> {
  const status = byId('rules-status');
  checkButton.disabled = true;
  try {
    showProblems(await api.getRuleProblems());
    clearStatus(status);
  } catch (e) {
    setStatus(status, 'error', `Could not check the rules: ${words(e)}`);
  } finally {
    checkButton.disabled = false;
  }
}

async function selectProblem(p: ProblemView, item: HTMLElement, status: HTMLElement = byId('rules-status')): Promise<void> {
  for (const el of Array.from(document.querySelectorAll('.problem-link.selected'))) el.classList.remove('selected');
  item.classList.add('selected');
  try {
    const ok = await api.selectProblemCell(p.tab, p.row, p.columnIndex);
    if (ok) setStatus(status, 'info', `Selected ${p.tab} row ${p.row}${p.column ? `, ${p.column}` : ''}.`);
    else setStatus(status, 'error', `The ${p.tab} tab is not there any more; run Check again.`);
  } catch (e) {
    setStatus(status, 'error', words(e));
  }
}

// ---- Explain ------------------------------------------------------------------------------------

async function explain(): Promise<void> {
  const out = byId('explanation');
  explainButton.disabled = true;
  setStatus(out, 'progress', 'Explaining the selected row…');
  try {
    const x = await api.explainLead();
    out.className = '';
    const colours: Colours | null = state.overview?.colours ?? state.thresholds?.colours ?? null;
    renderExplanation(out, x, colours);
  } catch (e) {
    out.className = '';
    fill(out, h('div', { class: 'notice warn', 'data-testid': 'explain-error' }, words(e)));
  } finally {
    explainButton.disabled = false;
  }
}

// ---- Does the score work? -----------------------------------------------------------------------

const backtestButton = byId<HTMLButtonElement>('run-backtest');

const backtestHandlers: BacktestHandlers = {
  async selectRule(rule, item) {
    await selectProblem(
      { tab: 'Rules', row: rule.row, column: 'Field', columnIndex: rule.column, message: '' },
      item,
      byId('backtest-status'),
    );
  },
  async apply(s, button) {
    if (state.busy || s.hotAt === null || s.warmAt === null) return;
    const status = byId('backtest-status');
    setBusy(true);
    button.disabled = true;
    const stop = progress(status, `Writing Hot at ${s.hotAt}, Warm at ${s.warmAt} to the Settings tab and re-scoring…`);
    try {
      const result = await api.applyThresholdSuggestion(s.hotAt, s.warmAt);
      stop();
      if (!result.ok) {
        setStatus(status, 'error', result.error ?? 'The thresholds were not saved.');
        button.disabled = false;
        return;
      }
      const saved = `Saved to the Settings tab: Hot at ${s.hotAt}, Warm at ${s.warmAt}.`;
      if (result.report?.ok) setStatus(status, 'ok', saved, reportLine(result.report));
      else setStatus(status, 'error', saved, `Re-scoring failed: ${result.report?.error ?? 'unknown reason'}`);
      await Promise.all([loadOverview(), loadThresholds()]);
      await runBacktest(false);
    } catch (e) {
      stop();
      setStatus(status, 'error', words(e));
      button.disabled = false;
    } finally {
      stop();
      setBusy(false);
    }
  },
};

async function runBacktest(clear = true): Promise<void> {
  const status = byId('backtest-status');
  backtestButton.disabled = true;
  const stop = clear ? progress(status, 'Backtesting…') : () => undefined;
  try {
    const capacity = Number(byId<HTMLInputElement>('capacity').value.trim());
    const view = await api.getBacktest(Number.isFinite(capacity) && capacity > 0 ? capacity : 20);
    stop();
    if (clear) clearStatus(status);
    const colours: Colours | null = state.overview?.colours ?? state.thresholds?.colours ?? null;
    renderBacktest(byId('backtest-out'), view, colours, backtestHandlers);
    state.backtestFlags = view.ok
      ? rulesNeedingAttention(view).map((rule) => ({
          tab: 'Rules' as const,
          row: rule.row,
          column: 'Field',
          columnIndex: rule.column,
          message: `Backtest: ${rule.sentences.join(' ')}`,
        }))
      : [];
    showProblems();
  } catch (e) {
    stop();
    setStatus(status, 'error', words(e));
  } finally {
    stop();
    backtestButton.disabled = false;
  }
}

// ---- Start --------------------------------------------------------------------------------------

backtestButton.addEventListener('click', () => void runBacktest());

scoreButton.addEventListener('click', () => void scoreNow());
form.addEventListener('submit', (e) => void saveThresholds(e));
byId('reset-thresholds').addEventListener('click', () => {
  if (state.thresholds) fillThresholds(state.thresholds);
  showThresholdsError(null);
  clearStatus(byId('thresholds-status'));
});
for (const input of [hotInput, warmInput]) input.addEventListener('input', () => input.classList.remove('invalid'));
checkButton.addEventListener('click', () => void loadProblems());
explainButton.addEventListener('click', () => void explain());
wireColours();
mountWhatIf(api, async () => {
  await Promise.all([loadOverview(), loadThresholds()]);
});
mountSuggest(api, async () => {
  await Promise.all([loadOverview(), loadThresholds(), loadProblems()]);
});
mountSwitches(api);

mountAccounts(api);
mountExportSql(api);

Promise.all([loadOverview(), loadThresholds(), loadProblems()]).finally(() => {
  setBusy(false);
  document.body.setAttribute('data-ready', 'true');
});
