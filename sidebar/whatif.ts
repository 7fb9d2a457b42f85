/**
 * The What-if section (issue 13): Load leads fetches the tabs once (sidebar/rpc.ts, loadWhatIf);
 * every edit of a rule's points, a threshold or the base score rescores them in the page
 * (whatif-model.ts, the engine bundled into the page) and shows the bucket counts and, with an
 * Outcome column, conversion by bucket and the AUC — as text only. Nothing is written until
 * Save to Rules (saveWhatIf).
 */
import type { Api } from './rpc';
import { RpcError } from './rpc';
import { byId, fill, h } from './render';
import {
  createWhatIfInSteps,
  loadedEdits,
  rescore,
  saveRequest,
  type WhatIfEdits,
  type WhatIfModel,
  type WhatIfResult,
} from './whatif-model';

const BUCKETS = ['Hot', 'Warm', 'Cold', 'Disqualified'] as const;
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);
const n = (x: number) => x.toLocaleString('en-US');
const delta = (now: number, was: number) => (now === was ? '' : now > was ? ` (+${n(now - was)})` : ` (−${n(was - now)})`);

function words(e: unknown): string {
  return e instanceof RpcError ? e.message : `Something went wrong in the sidebar: ${(e as Error)?.message ?? String(e)}`;
}

/** Parses a typed number ('' or text: null). */
function numberOf(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

export function mountWhatIf(api: Api, afterSave: () => Promise<void>): void {
  const loadButton = byId<HTMLButtonElement>('whatif-load');
  const status = byId('whatif-status');
  const body = byId('whatif-body');
  let model: WhatIfModel | null = null;
  let edits: WhatIfEdits | null = null;

  const setStatus = (tone: string, text: string) => {
    status.className = `status ${tone}`;
    fill(status, h('span', { class: 'status-main' }, text));
  };

  function show(result: WhatIfResult): void {
    if (!model) return;
    const error = byId('whatif-error');
    error.textContent = result.ok ? '' : (result.error ?? '');
    error.classList.toggle('hidden', result.ok);
    if (!result.ok) return;
    const was = model.baseline;
    for (const b of BUCKETS) {
      byId(`whatif-count-${b}`).textContent = n(result.counts[b]);
      byId(`whatif-delta-${b}`).textContent = delta(result.counts[b], was.counts[b]).trim();
    }
    const out = byId('whatif-outcomes');
    if (result.outcomes && was.outcomes) {
      const o = result.outcomes;
      const auc =
        o.auc === null ? 'too few decided leads for an AUC' : `AUC ${o.auc.toFixed(3)} (was ${was.outcomes.auc?.toFixed(3) ?? '–'})`;
      fill(
        out,
        h('p', { class: 'small', 'data-testid': 'whatif-auc' }, auc),
        h(
          'ul',
          { class: 'whatif-conv' },
          ...o.buckets.map((b, i) =>
            h(
              'li',
              { 'data-testid': `whatif-conv-${b.bucket}` },
              `${b.bucket}: ${b.won} of ${b.leads} won · ${b.tooFew ? 'too few to judge' : pct(b.conversion)} (was ${pct(was.outcomes!.buckets[i].conversion)})`,
            ),
          ),
        ),
      );
    } else {
      fill(out, h('p', { class: 'muted small' }, "Set 'Outcome column' in Settings to see conversion by bucket and the AUC here too."));
    }
    byId('whatif-timing').textContent = `Rescored ${n(model.leadRows.length)} leads in the page in ${result.ms.toFixed(1)} ms.`;
    document.body.setAttribute('data-whatif-ms', result.ms.toFixed(2));
    const changed = edits ? saveRequest(model, edits) : null;
    const dirty = !!changed && (changed.points.length > 0 || Object.keys(changed).length > 1);
    byId<HTMLButtonElement>('whatif-save').disabled = !dirty;
  }

  function update(): void {
    if (!model || !edits) return;
    show(rescore(model, edits));
  }

  function render(): void {
    if (!model) return;
    edits = loadedEdits(model);
    const m = model;
    const input = (id: string, label: string, value: number, onValue: (v: number) => void) => {
      const el = h('input', { id, type: 'text', 'data-testid': id, 'aria-label': label }) as HTMLInputElement;
      el.setAttribute('inputmode', 'decimal');
      el.value = String(value);
      el.addEventListener('input', () => {
        const v = numberOf(el.value);
        el.classList.toggle('invalid', v === null);
        if (v === null) {
          const error = byId('whatif-error');
          error.textContent = `${label}: type a number.`;
          error.classList.remove('hidden');
          return;
        }
        onValue(v);
        update();
      });
      return el;
    };
    const settingsRow = h(
      'div',
      { class: 'field-row' },
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'field-label' }, 'Hot at'),
        input('whatif-hot', 'Hot at', edits.hotAt, (v) => (edits!.hotAt = v)),
      ),
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'field-label' }, 'Warm at'),
        input('whatif-warm', 'Warm at', edits.warmAt, (v) => (edits!.warmAt = v)),
      ),
      edits.baseScore !== null &&
        h(
          'label',
          { class: 'field' },
          h('span', { class: 'field-label' }, 'Base score'),
          input('whatif-base', 'Base score', edits.baseScore, (v) => (edits!.baseScore = v)),
        ),
    );
    const counts = h(
      'table',
      { class: 'whatif-counts', 'data-testid': 'whatif-counts' },
      h('tr', null, h('th', null, ''), h('th', null, 'Now'), h('th', null, 'What if'), h('th', null, '')),
      ...BUCKETS.map((b) =>
        h(
          'tr',
          null,
          h('td', null, b),
          h('td', { 'data-testid': `whatif-was-${b}` }, n(m.baseline.counts[b])),
          h('td', { id: `whatif-count-${b}`, 'data-testid': `whatif-count-${b}` }, n(m.baseline.counts[b])),
          h('td', { id: `whatif-delta-${b}`, class: 'muted' }, ''),
        ),
      ),
    );
    const rules = h(
      'ul',
      { class: 'whatif-rules', 'data-testid': 'whatif-rules' },
      ...m.rules.map((r) =>
        h(
          'li',
          { class: 'whatif-rule', title: `Rules row ${r.row}` },
          input(`whatif-points-${r.row}`, `Points of Rules row ${r.row}`, r.points, (v) => {
            if (v === r.points) edits!.points.delete(r.row);
            else edits!.points.set(r.row, v);
          }),
          h('span', { class: 'whatif-rule-label' }, r.label),
          h('span', { class: 'muted small' }, ` · ${n(r.fires)} lead${r.fires === 1 ? '' : 's'}`),
        ),
      ),
    );
    fill(
      body,
      settingsRow,
      counts,
      h('div', { id: 'whatif-outcomes', 'data-testid': 'whatif-outcomes' }),
      h('p', { id: 'whatif-timing', class: 'muted small', 'data-testid': 'whatif-timing' }),
      h('div', { id: 'whatif-error', class: 'error hidden', role: 'alert', 'data-testid': 'whatif-error' }),
      h('p', { class: 'field-label' }, 'Points per rule'),
      rules,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'whatif-save', class: 'action', 'data-testid': 'whatif-save' }, 'Save to Rules'),
        h('button', { type: 'button', id: 'whatif-reset', class: 'secondary', 'data-testid': 'whatif-reset' }, 'Reset'),
      ),
      h('div', { id: 'whatif-save-status', class: 'status', role: 'status', 'data-testid': 'whatif-save-status' }),
    );
    body.classList.remove('hidden');
    byId('whatif-save').addEventListener('click', () => void save());
    byId('whatif-reset').addEventListener('click', () => render());
    update();
  }

  async function load(): Promise<void> {
    loadButton.disabled = true;
    setStatus('progress', 'Loading the leads…');
    try {
      const data = await api.loadWhatIf();
      if (!data.ok) {
        setStatus('error', data.error ?? 'The leads could not be loaded.');
        return;
      }
      // Score a chunk of leads per frame, so the page paints and answers between chunks.
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      model = await createWhatIfInSteps(data, async (done, total) => {
        setStatus('progress', `Scoring ${n(done)} of ${n(total)} leads…`);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      });
      setStatus(
        'info',
        `${n(model.leadRows.length)} leads loaded. Change points, thresholds or the base score: nothing is written until Save to Rules.`,
      );
      // README "Activity": events that scored nothing are said here too, as Score leads says them.
      for (const notice of model.notices) status.appendChild(h('span', { class: 'status-more' }, notice));
      render();
    } catch (e) {
      setStatus('error', words(e));
    } finally {
      loadButton.disabled = false;
      loadButton.textContent = 'Load leads again';
    }
  }

  async function save(): Promise<void> {
    if (!model || !edits) return;
    const saveStatus = byId('whatif-save-status');
    const button = byId<HTMLButtonElement>('whatif-save');
    button.disabled = true;
    saveStatus.className = 'status progress';
    saveStatus.textContent = 'Saving to the Rules and Settings tabs and re-scoring…';
    try {
      const result = await api.saveWhatIf(saveRequest(model, edits));
      if (!result.ok) {
        saveStatus.className = 'status error';
        saveStatus.textContent = result.error ?? 'Nothing was saved.';
        button.disabled = false;
        return;
      }
      saveStatus.className = 'status ok';
      fill(
        saveStatus,
        h('span', { class: 'status-main' }, `Saved: ${result.written.join('; ')}.`),
        result.report && !result.report.ok ? h('span', { class: 'status-more' }, `Re-scoring failed: ${result.report.error ?? ''}`) : null,
      );
      saveStatus.setAttribute('data-testid', 'whatif-save-status');
      await afterSave();
    } catch (e) {
      saveStatus.className = 'status error';
      saveStatus.textContent = words(e);
      button.disabled = false;
    }
  }

  loadButton.addEventListener('click', () => void load());
}
