/**
 * The overview's Changes since last run, Going cold soon and Rescore every day (README "Rescore
 * every day"). Lead names and reasons come from the sheet: they only ever become text nodes
 * (render.ts h/fill), never markup. A click on a lead selects its row in the Leads tab.
 */
import type { Api, RpcResult } from './rpc';

type RunChangesView = RpcResult<'getRunChanges'>;
type StoredChanges = NonNullable<RunChangesView['changes']>;
type LeadChange = StoredChanges['becameHot'][number];
type GoingCold = StoredChanges['goingCold'][number];
type AutomaticRun = RunChangesView['daily']['lastAutomaticRun'];
import { byId, fill, h } from './render';
import { plural } from './logic';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-12-03' → '3 Dec' (a calendar day). */
export function shortDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]}` : iso;
}

/** "today 07:02", "yesterday 07:02" or "3 Dec 07:02", in the viewer's local time. */
export function whenLine(iso: string, now: Date = new Date()): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(t.getHours())}:${pad(t.getMinutes())}`;
  const dayOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((dayOf(now) - dayOf(t)) / 86_400_000);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `yesterday ${time}`;
  return `${t.getDate()} ${MONTHS[t.getMonth()]} ${time}`;
}

/** "Last automatic run: today 07:02, 1,204 leads, 3 became Hot", or its error in words. */
export function lastAutomaticLine(run: AutomaticRun, now: Date = new Date()): string {
  if (!run) return 'No automatic run yet.';
  if (!run.ok) return `Last automatic run failed ${whenLine(run.at, now)}: ${run.error ?? 'unknown reason'}`;
  const hot = run.becameHot === undefined ? '' : `, ${run.becameHot.toLocaleString('en-US')} became Hot`;
  return `Last automatic run: ${whenLine(run.at, now)}, ${plural(run.leads, 'lead')}${hot}`;
}

/** "drops to Warm on 3 Dec unless they engage". */
export function dropsLine(g: GoingCold): string {
  return `drops to ${g.dropsTo} on ${shortDay(g.dropsOn)} unless they engage`;
}

function changeDetail(kind: 'hot' | 'left' | 'disq', c: LeadChange): string {
  if (kind === 'hot') return `${c.newScore}${c.oldBucket ? `, was ${c.oldBucket}` : ', new lead'} · ${c.topReason}`;
  if (kind === 'left') return `${c.newScore}, now ${c.newBucket} · back to nurture`;
  return c.topReason;
}

function leadButton(name: string, detail: string, row: number, testid: string, select: (row: number) => void): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'problem-link', 'data-testid': testid, title: `Select Leads row ${row}` },
    h('span', { class: 'lead-name' }, name),
    h('span', { class: 'problem-msg' }, detail),
  );
  button.addEventListener('click', () => select(row));
  return h('li', null, button);
}

function list(title: string, testid: string, shown: HTMLElement[], total: number, more: string): HTMLElement | null {
  if (total === 0) return null;
  const items = [...shown];
  if (total > shown.length)
    items.push(h('li', { class: 'muted small' }, `and ${(total - shown.length).toLocaleString('en-US')} more ${more}`));
  return h(
    'div',
    { class: 'change-list', 'data-testid': testid },
    h('h3', null, `${title} (${total.toLocaleString('en-US')})`),
    h('ul', { class: 'problems' }, ...items),
  );
}

export function renderChanges(el: HTMLElement, view: RunChangesView, select: (row: number) => void): void {
  const c = view.changes;
  if (!c) {
    fill(el);
    return;
  }
  const head = h('h3', { class: 'changes-h' }, `Changes since last run (as of ${shortDay(c.date)})`);
  const parts: Array<HTMLElement | null> = [];
  if (c.firstRun)
    parts.push(h('p', { class: 'muted small', 'data-testid': 'changes-none' }, 'First run: changes show from the next run on.'));
  else if (c.counts.becameHot + c.counts.leftHot + c.counts.newDisqualified === 0)
    parts.push(h('p', { class: 'muted small', 'data-testid': 'changes-none' }, 'No lead became Hot, left Hot or was disqualified.'));
  const history = 'in the Score history tab';
  parts.push(
    list(
      'Became Hot',
      'became-hot',
      c.becameHot.map((x, i) => leadButton(x.name, changeDetail('hot', x), x.row, `became-hot-${i}`, select)),
      c.counts.becameHot,
      history,
    ),
    list(
      'Left Hot',
      'left-hot',
      c.leftHot.map((x, i) => leadButton(x.name, changeDetail('left', x), x.row, `left-hot-${i}`, select)),
      c.counts.leftHot,
      history,
    ),
    list(
      'New Disqualified',
      'new-disqualified',
      c.newDisqualified.map((x, i) => leadButton(x.name, changeDetail('disq', x), x.row, `new-disqualified-${i}`, select)),
      c.counts.newDisqualified,
      history,
    ),
  );
  const cold =
    c.counts.goingCold === 0
      ? h('p', { class: 'muted small', 'data-testid': 'going-cold-none' }, 'No Hot lead drops within 7 days.')
      : list(
          'Going cold soon',
          'going-cold',
          c.goingCold.map((g, i) => leadButton(g.name, `${g.score} · ${dropsLine(g)}`, g.row, `going-cold-${i}`, select)),
          c.counts.goingCold,
          'Hot leads dropping within 7 days',
        );
  fill(el, head, ...parts, cold);
}

export function renderDaily(el: HTMLElement, view: RunChangesView, onChange: (on: boolean, hour: number) => void): void {
  const box = h('input', { type: 'checkbox', id: 'daily-on', 'data-testid': 'daily-on' }) as HTMLInputElement;
  box.checked = view.daily.on;
  const hour = h('select', { id: 'daily-hour', 'data-testid': 'daily-hour', 'aria-label': 'Hour' }) as HTMLSelectElement;
  for (let i = 0; i < 24; i++) {
    const option = h('option', null, `${String(i).padStart(2, '0')}:00`) as HTMLOptionElement;
    option.value = String(i);
    hour.appendChild(option);
  }
  hour.value = String(view.daily.hour);
  box.addEventListener('change', () => onChange(box.checked, Number(hour.value)));
  hour.addEventListener('change', () => {
    if (box.checked) onChange(true, Number(hour.value));
  });
  fill(
    el,
    h('label', { class: 'daily-switch' }, box, ' Rescore every day at '),
    hour,
    h('p', { class: 'muted small', 'data-testid': 'daily-last' }, lastAutomaticLine(view.daily.lastAutomaticRun)),
  );
}

/** Loads and shows the panel; call again after every run (the overview's refresh does). */
export function mountChanges(api: Api): () => Promise<void> {
  const changesEl = byId('run-changes');
  const dailyEl = byId('daily');
  const select = (row: number) => void api.selectProblemCell('Leads', row, 1).catch(() => undefined);
  const refresh = async (): Promise<void> => {
    try {
      const view = await api.getRunChanges();
      renderChanges(changesEl, view, select);
      renderDaily(dailyEl, view, (on, hour) => {
        api
          .setDailyRescore(on, hour)
          .then(() => refresh())
          .catch((e: unknown) => {
            fill(dailyEl, h('p', { class: 'status error' }, (e as Error)?.message ?? String(e)));
          });
      });
    } catch (e) {
      fill(changesEl, h('p', { class: 'muted small' }, `Could not load the changes: ${(e as Error)?.message ?? String(e)}`));
    }
  };
  return refresh;
}
