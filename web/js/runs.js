// runs.js - a button that starts a detection or plan run (POST /api/runs), shows
// its progress while it runs, lets the user cancel it and calls back when done.
import { api, enc } from './api.js';
import { h, clear } from './dom.js';
import { t, lang } from './i18n.js';

export function runButton(type, territory, label, onDone) {
  const box = h('span', { class: 'run', 'data-run': type });
  const btn = h('button', { type: 'button', class: 'primary', onclick: () => start() }, label);
  box.append(btn);

  async function start() {
    btn.disabled = true;
    let run;
    try {
      run = await api.post('/runs', { type, territory, objective: 'co2e', lang: lang() });
    } catch (e) {
      btn.disabled = false;
      box.append(h('span', { class: 'error', role: 'alert' }, ' ', e.message));
      return;
    }
    const bar = h('progress', { max: 1, value: run.progress || 0, 'aria-label': t('run.progress') });
    const msg = h('span', { class: 'run-msg', role: 'status' }, t('run.running'));
    const cancel = h('button', {
      type: 'button', onclick: async () => {
        try { await api.del(`/runs/${enc(run.id)}`); } catch { /* it may have ended */ }
      },
    }, t('run.cancel'));
    clear(box).append(bar, ' ', msg, ' ', cancel);
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      try {
        run = await api.get(`/runs/${enc(run.id)}`);
      } catch (e) {
        msg.textContent = e.message;
        break;
      }
      bar.value = run.progress || 0;
      if (run.message) msg.textContent = run.message;
      if (run.state !== 'running') break;
    }
    cancel.remove();
    bar.remove();
    msg.textContent = t('run.' + (run.state || 'failed')) +
      (run.message && run.state !== 'done' && run.message !== run.state ? ' – ' + run.message : '');
    box.dataset.state = run.state || 'failed';
    if (run.state === 'done' && onDone) onDone(run);
    else { btn.disabled = false; box.append(' ', btn); }
  }
  return box;
}
