/**
 * "Suggest points from outcomes" (README "Tune the model from outcomes"): Suggest points asks the
 * server for the engine's suggestion (getSuggestion) and shows the suggested rules (category,
 * points, rule, evidence note), the proposed Base score and thresholds, and the holdout comparison
 * (the engine's sentence and both AUCs) — every value a text node. Write to Rules (suggested) tab
 * writes that tab only (writeSuggestion); Use these rules asks its question in the page, then
 * promotes the suggestion as the menu does (useSuggestion). Nothing is written before a click.
 */
import type { SuggestView } from '../src/sidebar-api/suggest';
import type { Api } from './rpc';
import { RpcError } from './rpc';
import { byId, fill, h } from './render';

type View = Extract<SuggestView, { ok: true }>;

const n = (x: number) => x.toLocaleString('en-US');
const auc = (x: number | null | undefined) => (x === null || x === undefined ? 'too few to judge' : x.toFixed(3));

export interface RuleLine {
  category: string;
  /** "+12", "−5" (a true minus sign; a Negative rule always negative), "0". */
  points: string;
  /** "Industry is Software", "Pricing page visits >= 5". */
  rule: string;
  note: string;
}

/**
 * The points a rule adds, signed as they count: a Negative rule always subtracts (its Points cell
 * holds the magnitude, README "The Rules tab"), so it shows "−100", never "+100".
 */
export function signedPoints(category: string, points: number): string {
  const effect = category === 'Negative' ? -Math.abs(points) : points;
  return effect > 0 ? `+${effect}` : effect < 0 ? `−${-effect}` : '0';
}

/** The suggested rules as lines of text: pure, unit tested. */
export function ruleLines(v: View): RuleLine[] {
  return v.rules.map((r) => ({
    category: r.category,
    points: signedPoints(r.category, r.points),
    rule: r.text,
    note: r.note,
  }));
}

/** "Base score 12 · Hot at 70 · Warm at 40". */
export function settingsLine(v: View): string {
  return `Base score ${v.baseScore} · Hot at ${v.hotAt} · Warm at ${v.warmAt}`;
}

/** "Holdout AUC: current rules 0.645 · suggested 0.750" and the split it was measured on. */
export function aucLine(v: View): string {
  return `Holdout AUC: current rules ${auc(v.current?.auc)} · suggested ${auc(v.suggested?.auc)}`;
}

export function splitLine(v: View): string {
  return (
    `Fitted on ${n(v.training)} training leads, compared on ${n(v.holdout)} holdout leads kept out of the fit; ` +
    `${n(v.candidates)} candidate rules were tried.`
  );
}

/** The page's own question before Use these rules (the menu asks the same in a Ui alert). */
export function useQuestion(v: View): string {
  const k = v.rules.length;
  return (
    `Make the ${k} suggested rule${k === 1 ? '' : 's'} your Rules tab? Your current Rules tab is kept as 'Rules (before …)' with today's date. ` +
    `Settings: Base score ${v.now.baseScore} → ${v.baseScore}, Hot at ${v.now.hotAt} → ${v.hotAt}, Warm at ${v.now.warmAt} → ${v.warmAt}. ` +
    `To undo later: delete the new Rules tab, rename the before-tab to Rules, and set those three settings back.`
  );
}

/** The Max rules box: a whole number 1–50, or undefined for the Settings' default. */
export function maxRulesOf(text: string): number | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  const x = Number(t);
  return Number.isInteger(x) && x >= 1 && x <= 50 ? x : null;
}

function words(e: unknown): string {
  return e instanceof RpcError ? e.message : `Something went wrong in the sidebar: ${(e as Error)?.message ?? String(e)}`;
}

export function renderSuggestion(el: Element, v: SuggestView): void {
  if (!v.ok) {
    fill(el, h('div', { class: 'notice warn', 'data-testid': 'suggest-error' }, v.error));
    return;
  }
  const rows = ruleLines(v).map((r, i) =>
    h(
      'li',
      { class: 'sg-rule', 'data-testid': `sg-rule-${i}` },
      h('span', { class: `sg-points ${r.points.startsWith('−') ? 'neg' : ''}`, 'data-testid': `sg-rule-${i}-points` }, r.points),
      h('span', { class: 'sg-cat' }, r.category),
      h('span', { class: 'sg-text', 'data-testid': `sg-rule-${i}-text` }, r.rule),
      h('span', { class: 'sg-note small muted', 'data-testid': `sg-rule-${i}-note` }, r.note),
    ),
  );
  const parts: Array<HTMLElement | null> = [
    h('p', { class: 'bt-auc', 'data-testid': 'suggest-sentence' }, v.sentence),
    h('p', { class: 'small', 'data-testid': 'suggest-auc' }, aucLine(v)),
    h('p', { class: 'small', 'data-testid': 'suggest-changed' }, `${n(v.changedBucket)} holdout leads would change bucket.`),
    h('h3', null, 'Suggested rules'),
    h('ul', { class: 'sg-rules', 'data-testid': 'suggest-rules' }, ...rows),
    h('p', { class: 'small', 'data-testid': 'suggest-settings' }, settingsLine(v)),
    h('p', { class: 'muted small', 'data-testid': 'suggest-split' }, splitLine(v)),
  ];
  if (v.leftOut.length)
    parts.push(
      h(
        'p',
        { class: 'muted small', 'data-testid': 'suggest-left-out' },
        `Left out: ${v.leftOut.map((x) => `${x.column} (${x.reason})`).join('; ')}`,
      ),
    );
  fill(el, ...parts);
}

/** Wires the section; `afterUse` refreshes the rest of the sidebar once the Rules tab changed. */
export function mountSuggest(api: Api, afterUse: () => Promise<void>): void {
  const runButton = byId<HTMLButtonElement>('suggest-run');
  const maxInput = byId<HTMLInputElement>('suggest-max');
  const status = byId('suggest-status');
  const out = byId('suggest-out');
  const actions = byId('suggest-actions');
  const writeButton = byId<HTMLButtonElement>('suggest-write');
  const useButton = byId<HTMLButtonElement>('suggest-use');
  const confirmBox = byId('suggest-confirm');
  let view: View | null = null;
  let maxRules: number | undefined;

  const setStatus = (tone: string, text: string) => {
    status.className = `status ${tone}`;
    fill(status, h('span', { class: 'status-main' }, text));
  };
  const busy = (on: boolean) => {
    runButton.disabled = on;
    writeButton.disabled = on || !view;
    useButton.disabled = on || !view;
  };
  const hideConfirm = () => {
    confirmBox.classList.add('hidden');
    fill(confirmBox);
  };

  runButton.addEventListener('click', async () => {
    const m = maxRulesOf(maxInput.value);
    if (m === null) {
      setStatus('error', 'Max rules: a whole number from 1 to 50, or blank for the Settings value.');
      return;
    }
    maxRules = m;
    view = null;
    hideConfirm();
    actions.classList.add('hidden');
    busy(true);
    setStatus('progress', 'Fitting points on your won and lost leads…');
    try {
      const v = await api.getSuggestion(...((maxRules === undefined ? [] : [maxRules]) as [number?]));
      renderSuggestion(out, v);
      if (v.ok) {
        view = v;
        actions.classList.remove('hidden');
        setStatus('ok', `${v.rules.length} rule${v.rules.length === 1 ? '' : 's'} suggested. Nothing is written until you choose below.`);
      } else setStatus('error', 'No suggestion.');
    } catch (e) {
      setStatus('error', words(e));
    } finally {
      busy(false);
    }
  });

  writeButton.addEventListener('click', async () => {
    if (!view) return;
    busy(true);
    setStatus('progress', `Writing the '${view.tab}' tab…`);
    try {
      const r = await api.writeSuggestion(...((maxRules === undefined ? [] : [maxRules]) as [number?]));
      if (r.ok) setStatus('ok', r.message);
      else setStatus('error', r.error);
    } catch (e) {
      setStatus('error', words(e));
    } finally {
      busy(false);
    }
  });

  useButton.addEventListener('click', () => {
    if (!view) return;
    const yes = h('button', { type: 'button', 'data-testid': 'suggest-use-yes' }, 'Yes, use these rules');
    const no = h('button', { type: 'button', class: 'secondary', 'data-testid': 'suggest-use-no' }, 'No');
    fill(
      confirmBox,
      h('p', { class: 'small', 'data-testid': 'suggest-question' }, useQuestion(view)),
      h('div', { class: 'actions' }, yes, no),
    );
    confirmBox.classList.remove('hidden');
    no.addEventListener('click', () => {
      hideConfirm();
      setStatus('info', 'Nothing was changed.');
    });
    yes.addEventListener('click', async () => {
      hideConfirm();
      busy(true);
      setStatus('progress', 'Making the suggestion your Rules tab…');
      try {
        const r = await api.useSuggestion(...((maxRules === undefined ? [] : [maxRules]) as [number?]));
        if (r.ok) {
          view = null;
          actions.classList.add('hidden');
          setStatus('ok', r.message);
          await afterUse();
        } else setStatus('error', r.error);
      } catch (e) {
        setStatus('error', words(e));
      } finally {
        busy(false);
      }
    });
  });
}
