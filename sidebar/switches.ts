/**
 * "Running by itself" (README "Running by itself"): the Rescore new form responses and email
 * digest switches, with what happened last (the digest's outcome, the last form response); the
 * Rescore every day switch above them is sidebar/changes.ts's. Everything from the server is shown as text (render.ts h/fill).
 */
import type { AutomationView } from '../src/alerts/switches';
import { RpcError, type Api } from './rpc';
import { byId, fill, h } from './render';
import { formatInstant } from './logic';

/** The lines under the switches, in words (pure: tested without a browser). */
export function automationLines(
  v: AutomationView,
  offsetMinutes?: number,
): {
  form: string;
  digest: string;
  digestLast: string;
} {
  const when = (iso: string) => formatInstant(iso, offsetMinutes);
  const f = v.formResponses.last;
  const form = !v.formResponses.on
    ? 'Off. Turn on when a Google Form sends its responses to the Leads tab: each new response is scored within seconds.'
    : !f
      ? 'On. No form response has arrived since.'
      : f.ok
        ? `On. Last response: row ${f.row}, ${when(f.at)}: score ${f.score ?? '—'}, ${f.bucket ?? 'blank row'}.`
        : `On. Last response${f.row ? ` (row ${f.row})` : ''}, ${when(f.at)}: ${f.error ?? 'not scored.'}`;
  const digest = !v.digest.on
    ? 'Off. When on, you get one email after a daily run in which leads became Hot, left Hot or became Disqualified.'
    : `On: sent to ${v.digest.recipient ?? 'you'} after daily runs with changes.${v.dailyOn ? '' : ' Rescore every day is off (the switch above), so no digest goes out until it is on.'}`;
  const d = v.digest.last;
  const digestLast = d ? `${when(d.at)}: ${d.message}` : '';
  return { form, digest, digestLast };
}

export function mountSwitches(api: Api): void {
  const formBox = byId<HTMLInputElement>('switch-form');
  const digestBox = byId<HTMLInputElement>('switch-digest');
  const status = byId('switches-status');

  const show = (v: AutomationView) => {
    if (!v.ok) {
      status.className = 'status error';
      fill(status, h('span', { class: 'status-main' }, v.error ?? 'Something went wrong.'));
    } else {
      status.className = 'status';
      fill(status);
    }
    if (!v.ok) return;
    formBox.checked = v.formResponses.on;
    digestBox.checked = v.digest.on;
    const lines = automationLines(v);
    byId('switch-form-note').textContent = lines.form;
    byId('switch-digest-note').textContent = lines.digest;
    const last = byId('digest-last');
    last.textContent = lines.digestLast;
    last.classList.toggle('hidden', lines.digestLast === '');
  };

  const fail = (e: unknown) => {
    status.className = 'status error';
    const text = e instanceof RpcError ? e.message : `Something went wrong in the sidebar: ${(e as Error)?.message ?? String(e)}`;
    fill(status, h('span', { class: 'status-main' }, text));
  };

  const load = async () => {
    try {
      show(await api.getAutomation());
    } catch (e) {
      fail(e);
    }
  };

  const wire = (box: HTMLInputElement, set: (on: boolean) => Promise<AutomationView>) => {
    box.addEventListener('change', async () => {
      const wanted = box.checked;
      formBox.disabled = true;
      digestBox.disabled = true;
      try {
        const v = await set(wanted);
        show(v);
        if (!v.ok) box.checked = !wanted;
      } catch (e) {
        box.checked = !wanted;
        fail(e);
      } finally {
        formBox.disabled = false;
        digestBox.disabled = false;
      }
    });
  };
  wire(formBox, (on) => api.setFormResponsesSwitch(on));
  wire(digestBox, (on) => api.setDigestSwitch(on));
  void load();
}
