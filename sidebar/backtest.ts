/**
 * "Does the score work?" (README "Does the score work?"): the backtest's figures drawn by the
 * page's own code — conversion by bucket as HTML bars with their numbers, the AUC sentence, the
 * rules that need attention (click: select the rule's cell, as Rules health does), and the two
 * threshold suggestions with an Apply button. Everything from the sheet is a text node.
 */
import type { BacktestView, BucketName } from '../src/shared/types';
import { h, fill, type Colours } from './render';

type Report = Extract<BacktestView, { ok: true }>;
type Rule = Report['rules'][number];
type Suggestion = Report['suggestions']['byConversion'];

const KEY: Record<BucketName, keyof Colours> = { Hot: 'hot', Warm: 'warm', Cold: 'cold', Disqualified: 'disqualified' };

export interface Bar {
  label: BucketName;
  /** 0..1 of the bar's full width (conversion; 0 when there is none to show). */
  width: number;
  /** "15 of 15 won · 100 %", "5 of 15 won · too few to judge", "no leads". */
  text: string;
  tooFew: boolean;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The bars for conversion by bucket: pure, unit tested. A group under 20 leads shows no bare percentage. */
export function bucketBars(r: Report): Bar[] {
  return r.buckets.map((b) => ({
    label: b.label as BucketName,
    width: b.conversion ?? 0,
    tooFew: b.tooFew,
    text: b.leads === 0 ? 'no leads' : `${b.won} of ${b.leads} won · ${b.tooFew ? 'too few to judge' : pct(b.conversion!)}`,
  }));
}

/** Rules that need attention: never fires or disagrees with the data first, then fires on almost everyone. */
export function rulesNeedingAttention(r: Report): Rule[] {
  const rank = (x: Rule) => (x.flags.includes('neverFires') ? 0 : x.flags.includes('disagrees') ? 1 : 2);
  return r.rules.filter((x) => x.flags.length > 0).sort((a, b) => rank(a) - rank(b) || a.row - b.row);
}

/**
 * The challenger beside Rules (README "Challenger"), as lines of text: pure, unit
 * tested. Null without a challenger.
 */
export function challengerLines(r: Report): { auc: string; buckets: string[]; moves: string } | null {
  const c = r.challenger;
  if (!c) return null;
  const auc = (x: number | null) => (x === null ? 'too few to judge' : x.toFixed(2));
  const conv = (g: { leads: number; won: number; conversion: number | null; tooFew: boolean }) =>
    g.leads === 0 ? 'no leads' : `${g.won} of ${g.leads} won${g.tooFew || g.conversion === null ? '' : ` · ${pct(g.conversion)}`}`;
  const m = c.moves;
  return {
    auc: `AUC: Rules ${auc(r.overall.auc)} · ${c.rulesTab} ${auc(c.auc)}`,
    buckets: r.buckets.map((b, i) => `${b.label}: Rules ${conv(b)} | challenger ${conv(c.buckets[i])}`),
    moves:
      `${(m.up + m.down).toLocaleString('en-US')} decided leads would move bucket: ${m.up.toLocaleString('en-US')} up, ${m.down.toLocaleString('en-US')} down` +
      (m.changes.length ? ` (${m.changes.map((x) => `${x.from} → ${x.to} ${x.leads}`).join(', ')})` : '') +
      '.',
  };
}

export function overallLine(r: Report): string {
  const o = r.overall;
  return `${o.decided.toLocaleString('en-US')} decided leads, ${o.won.toLocaleString('en-US')} won (${pct(o.baseRate)} base rate), scored as of ${r.perLeadAsOf ? `each lead's ${r.outcomeDateColumn}` : r.asOf}.`;
}

export interface BacktestHandlers {
  selectRule(rule: Rule, item: HTMLElement): void;
  apply(s: Suggestion, button: HTMLButtonElement): void;
}

function barRow(bar: Bar, colours: Colours | null): HTMLElement {
  const fillEl = h('div', { class: 'bt-bar-fill' });
  fillEl.style.width = `${Math.round(bar.width * 100)}%`;
  if (colours) fillEl.style.backgroundColor = colours[KEY[bar.label]];
  if (bar.tooFew) fillEl.classList.add('too-few');
  return h(
    'div',
    { class: 'bt-bar', 'data-testid': `bt-bar-${bar.label}` },
    h('span', { class: 'bt-bar-label' }, bar.label),
    h('div', { class: 'bt-bar-track' }, fillEl),
    h('span', { class: 'bt-bar-text', 'data-testid': `bt-bar-${bar.label}-text` }, bar.text),
  );
}

function suggestionCard(s: Suggestion, handlers: BacktestHandlers, current: { hotAt: number; warmAt: number }): HTMLElement {
  const title = s.method === 'conversion' ? 'By conversion' : `By capacity (${s.capacityPerWeek} a week)`;
  const parts: HTMLElement[] = [h('div', { class: 'bt-sugg-title' }, title)];
  if (s.hotAt !== null && s.warmAt !== null) {
    parts.push(
      h('div', { class: 'bt-sugg-values', 'data-testid': `bt-sugg-${s.method}-values` }, `Hot at ${s.hotAt} · Warm at ${s.warmAt}`),
    );
  }
  parts.push(h('div', { class: 'small muted', 'data-testid': `bt-sugg-${s.method}-sentence` }, s.sentence));
  if (s.buckets.length) {
    parts.push(
      h(
        'div',
        { class: 'small' },
        s.buckets
          .filter((b) => b.leads > 0)
          .map((b) => `${b.label} ${b.leads}${b.conversion === null || b.tooFew ? '' : ` (${pct(b.conversion)})`}`)
          .join(' · '),
      ),
    );
  }
  if (s.hotAt !== null && s.warmAt !== null) {
    const same = s.hotAt === current.hotAt && s.warmAt === current.warmAt;
    const button = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-testid': `bt-apply-${s.method}`,
        title: 'Write these thresholds to the Settings tab and re-score',
      },
      same ? 'Already set' : `Apply: Hot at ${s.hotAt}, Warm at ${s.warmAt}`,
    );
    button.disabled = same;
    button.addEventListener('click', () => handlers.apply(s, button));
    parts.push(h('div', { class: 'actions' }, button));
  }
  return h('div', { class: 'bt-sugg', 'data-testid': `bt-sugg-${s.method}` }, ...parts);
}

export function renderBacktest(el: Element, view: BacktestView, colours: Colours | null, handlers: BacktestHandlers): void {
  if (!view.ok) {
    fill(el, h('div', { class: 'notice warn', 'data-testid': 'backtest-error' }, view.error));
    return;
  }
  const attention = rulesNeedingAttention(view);
  const parts: Array<HTMLElement | null> = [
    h('p', { class: 'small', 'data-testid': 'backtest-overall' }, overallLine(view)),
    h('p', { class: 'bt-auc', 'data-testid': 'backtest-auc' }, view.overall.aucSentence),
    h('h3', null, `Conversion by bucket (Hot at ${view.hotAt}, Warm at ${view.warmAt})`),
    h('div', { class: 'bt-bars', 'data-testid': 'backtest-bars' }, ...bucketBars(view).map((b) => barRow(b, colours))),
  ];
  const challenger = challengerLines(view);
  if (challenger) {
    parts.push(
      h('h3', null, `Challenger: ${view.challenger!.rulesTab}`),
      h('p', { class: 'small', 'data-testid': 'backtest-challenger-auc' }, challenger.auc),
      h('ul', { class: 'small', 'data-testid': 'backtest-challenger-buckets' }, ...challenger.buckets.map((line) => h('li', null, line))),
      h('p', { class: 'small', 'data-testid': 'backtest-challenger-moves' }, challenger.moves),
    );
  }
  parts.push(h('h3', null, 'Rules that need attention'));
  if (attention.length === 0)
    parts.push(
      h(
        'p',
        { class: 'ok-line small', 'data-testid': 'backtest-rules-ok' },
        'None: every rule fires on some leads and agrees with the outcomes.',
      ),
    );
  else {
    parts.push(
      h(
        'ul',
        { class: 'problems', 'data-testid': 'backtest-rules' },
        ...attention.map((rule, i) => {
          const button = h(
            'button',
            { type: 'button', class: 'problem-link', 'data-testid': `bt-rule-${i}`, title: `Select Rules row ${rule.row}` },
            h('span', { class: 'problem-place' }, `Rules row ${rule.row}`),
            h('span', { class: 'problem-msg' }, rule.sentences.join(' ')),
          );
          button.addEventListener('click', () => handlers.selectRule(rule, button));
          return h('li', { class: 'problem' }, button);
        }),
      ),
    );
  }
  parts.push(h('h3', null, 'Suggested thresholds'));
  const current = { hotAt: view.hotAt, warmAt: view.warmAt };
  parts.push(
    suggestionCard(view.suggestions.byConversion, handlers, current),
    suggestionCard(view.suggestions.byCapacity, handlers, current),
  );
  for (const n of view.notes) parts.push(h('p', { class: 'muted small', 'data-testid': 'backtest-note' }, n));
  fill(el, ...parts);
}
