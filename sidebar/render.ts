/**
 * DOM building for the sidebar. Every piece of data becomes a text node (createTextNode /
 * textContent): nothing from the sheet is ever parsed as HTML, so a lead named
 * `<img src=x onerror=…>` shows as exactly that text. Attributes are set with setAttribute on
 * a fixed list of safe names; `style` only through CSSOM properties.
 */
import type { BucketName, ContributionView, Explanation, Overview, ProblemView } from '../src/shared/types';
import {
  BUCKETS,
  canSelect,
  contributionNotes,
  problemText,
  histogramBars,
  lastScoredLine,
  num,
  problemPlace,
  signed,
  splitContributions,
  formatDay,
} from './logic';

type Child = Node | string | number | null | undefined | false;
type Props = {
  class?: string;
  id?: string;
  title?: string;
  role?: string;
  type?: string;
  'data-testid'?: string;
  'aria-label'?: string;
  'aria-hidden'?: string;
};

/** An element with text children: strings become text nodes, never markup. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) if (v !== undefined) el.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren(
    ...children
      .filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (typeof c === 'number' ? String(c) : c)),
  );
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The sidebar page has no #${id}.`);
  return el as T;
}

export type Colours = Record<'hot' | 'warm' | 'cold' | 'disqualified', string>;
const KEY: Record<BucketName, keyof Colours> = { Hot: 'hot', Warm: 'warm', Cold: 'cold', Disqualified: 'disqualified' };

function swatch(colour: string, cls = 'swatch'): HTMLElement {
  const s = h('span', { class: cls, 'aria-hidden': 'true' });
  s.style.backgroundColor = colour; // CSSOM: an invalid value is dropped, never parsed as markup
  return s;
}

// ---- Overview -----------------------------------------------------------------------------------

export function renderCounts(el: Element, o: Overview): void {
  fill(
    el,
    ...BUCKETS.map((b) => {
      const tile = h(
        'div',
        { class: 'count', 'data-testid': `count-${b}`, title: `${b}: ${o.counts[b]}` },
        swatch(o.colours[KEY[b]], 'count-bar'),
        h('span', { class: 'count-n', 'data-testid': `count-${b}-n` }, o.counts[b].toLocaleString('en-US')),
        h('span', { class: 'count-label' }, b === 'Disqualified' ? 'Disq.' : b),
      );
      return tile;
    }),
  );
}

export function renderHistogram(el: Element, o: Overview): void {
  if (!o.scored) {
    fill(el);
    el.classList.add('hidden');
    return;
  }
  el.classList.remove('hidden');
  const bars = histogramBars(o.histogram, o.maxScore, o.hotAt, o.warmAt);
  const plot = h('div', { class: 'hist-plot' });
  for (const b of bars) {
    const col = h('div', { class: 'hist-col', title: b.label });
    const bar = h('div', { class: 'hist-bar' });
    bar.style.height = `${Math.max(b.count > 0 ? 4 : 0, Math.round(b.height * 100))}%`;
    bar.style.backgroundColor = o.colours[KEY[b.bucket]];
    col.appendChild(bar);
    plot.appendChild(col);
  }
  for (const [at, name] of [
    [o.warmAt, 'Warm'],
    [o.hotAt, 'Hot'],
  ] as const) {
    if (at <= 0 || at > o.maxScore) continue;
    // Warm's label sits left of its line and Hot's right of it, so close thresholds never overlap.
    const marker = h(
      'div',
      { class: `hist-marker ${name.toLowerCase()}`, title: `${name} at ${num(at)}` },
      h('span', null, `${name} ${num(at)}`),
    );
    marker.style.left = `${(at / o.maxScore) * 100}%`;
    plot.appendChild(marker);
  }
  const axis = h(
    'div',
    { class: 'hist-axis', 'aria-hidden': 'true' },
    h('span', null, '0'),
    h('span', null, num(o.maxScore / 2)),
    h('span', null, num(o.maxScore)),
  );
  fill(el, h('div', { class: 'hist-title' }, 'Scores (bucket colours; Disqualified not shown)'), plot, axis);
}

export function renderLastScored(el: Element, o: Overview): void {
  el.textContent = lastScoredLine(o.lastScoredAt, o.lastAsOf);
}

// ---- Rules health -------------------------------------------------------------------------------

export function renderProblems(list: Element, problems: ProblemView[], onSelect: (p: ProblemView, item: HTMLElement) => void): void {
  if (problems.length === 0) {
    fill(
      list,
      h(
        'li',
        { class: 'ok-line', 'data-testid': 'no-problems' },
        h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'),
        'No problems: every rule and setting can be used.',
      ),
    );
    return;
  }
  fill(
    list,
    ...problems.map((p, i) => {
      const body = [h('span', { class: 'problem-place' }, problemPlace(p)), h('span', { class: 'problem-msg' }, problemText(p))];
      if (!canSelect(p))
        return h('li', { class: 'problem' }, h('div', { class: 'problem-link static', 'data-testid': `problem-${i}` }, ...body));
      const button = h(
        'button',
        {
          type: 'button',
          class: 'problem-link',
          'data-testid': `problem-${i}`,
          title: `Select ${p.tab} row ${p.row}${p.column ? `, ${p.column}` : ''}`,
        },
        ...body,
      );
      button.addEventListener('click', () => onSelect(p, button));
      return h('li', { class: 'problem' }, button);
    }),
  );
}

// ---- Explain ------------------------------------------------------------------------------------

function contributionItem(c: ContributionView, muted: boolean): HTMLElement {
  const sign = c.points < 0 ? 'neg' : signed(c.points) === '0' ? 'zero' : 'pos';
  const notes = contributionNotes(c);
  return h(
    'li',
    { class: `contrib${muted ? ' muted' : ''}`, 'data-testid': 'contribution' },
    h('span', { class: `pts ${sign}`, 'data-testid': 'contribution-points' }, signed(c.points)),
    h(
      'div',
      { class: 'contrib-body' },
      h('div', { class: 'contrib-label', 'data-testid': 'contribution-label' }, c.label),
      h('div', { class: 'contrib-meta' }, `${c.category} · Rules row ${c.ruleRow}`),
      ...notes.map((n) => h('div', { class: 'contrib-note', 'data-testid': 'contribution-note' }, n)),
      c.note ? h('div', { class: 'contrib-rule-note' }, c.note) : null,
    ),
  );
}

export function renderExplanation(el: Element, x: Explanation, colours: Colours | null): void {
  if (!x.ok) {
    fill(el, h('div', { class: 'notice', role: 'status', 'data-testid': 'explain-error' }, x.error ?? 'This row cannot be explained.'));
    return;
  }
  const chip = h('span', { class: 'chip', 'data-testid': 'explain-bucket' }, x.bucket);
  if (colours) chip.style.backgroundColor = colours[KEY[x.bucket]];
  const { counted, zero } = splitContributions(x.contributions);
  const parts: HTMLElement[] = [
    h('div', { class: 'lead-head' }, h('div', { class: 'lead-title', 'data-testid': 'explain-title' }, x.title || `Row ${x.row}`), chip),
    h('div', { class: 'lead-sub' }, `Leads row ${x.row} · Grade ${x.grade} · as of ${formatDay(x.asOf)}`),
    h(
      'div',
      { class: 'score-line' },
      h('span', { class: 'score-big', 'data-testid': 'explain-score' }, String(x.score)),
      h('span', { class: 'score-of' }, ` / ${num(x.maxScore)}`),
      h(
        'span',
        { class: 'parts', 'data-testid': 'explain-parts' },
        `${x.base ? `Base ${signed(x.base)} · ` : ''}Fit ${signed(x.fit)} · Behaviour ${signed(x.behaviour)} · Negative ${signed(x.negative)}`,
      ),
    ),
    h('div', { class: 'next-step', 'data-testid': 'explain-next' }, x.nextStep),
  ];
  if (x.disqualifiedBy.length)
    parts.push(
      h('div', { class: 'notice warn', 'data-testid': 'explain-disqualified' }, `Disqualified by: ${x.disqualifiedBy.join(', ')}`),
    );
  if (counted.length === 0 && !x.disqualifiedBy.length) parts.push(h('p', { class: 'muted' }, 'No rule applies to this lead.'));
  if (counted.length) {
    parts.push(
      h('h3', null, 'Rules that counted'),
      h('ul', { class: 'contribs', 'data-testid': 'contributions' }, ...counted.map((c) => contributionItem(c, false))),
    );
  }
  for (const cap of x.caps) parts.push(h('div', { class: 'notice', 'data-testid': 'explain-cap' }, cap));
  if (zero.length) {
    parts.push(
      h('h3', null, 'Matched, but worth 0 now'),
      h('ul', { class: 'contribs', 'data-testid': 'contributions-zero' }, ...zero.map((c) => contributionItem(c, true))),
    );
  }
  for (const issue of x.issues) parts.push(h('div', { class: 'notice warn', 'data-testid': 'explain-issue' }, `⚠ ${issue}`));
  fill(el, h('div', { class: 'lead-card', 'data-testid': 'explanation' }, ...parts));
}
