// upload.js - CSV upload of actors and flows (POST /api/import/actors|flows, text/csv).
// The server imports all or nothing: on a 422 every error is listed with its line,
// its column and the line's text, and nothing is imported until the file is clean.
import { api } from './api.js';
import { h, clear } from './dom.js';
import { t } from './i18n.js';

const MAX_BYTES = 16 << 20;

function letters(col) {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// The errors of a 422 (an import of FILE's TEXT) at their line and column, with the line's text.
export function csvErrors(e, text, name) {
  const lines = text.split(/\r?\n/);
  return [
    h('p', { class: 'error', role: 'alert' }, t('upload.errors', { n: e.errors.length, name })),
    h('table', { class: 'csv-errors' },
      h('thead', {}, h('tr', {}, [t('upload.line'), t('upload.column'), t('upload.message'), t('upload.text')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, e.errors.map((x) => h('tr', { 'data-line': x.line, 'data-col': x.field || x.col, 'data-column': x.column || null },
        h('td', {}, String(x.line)),
        h('td', {}, (x.field || x.col) ? `${letters(x.field || x.col)}${x.column ? ` (${x.column})` : ''}` : (x.column || '')),
        h('td', {}, x.message),
        h('td', {}, h('code', {}, (lines[x.line - 1] || '').slice(0, 160)))))))];
}

function section(kind, state) {
  const out = h('div', { class: 'upload-result', id: `upload-${kind}-result`, 'aria-live': 'polite' });
  const input = h('input', { type: 'file', id: `upload-${kind}`, accept: '.csv,text/csv' });
  const send = async () => {
    const file = input.files[0];
    clear(out);
    if (!file) return;
    if (file.size > MAX_BYTES) { out.append(h('p', { class: 'error' }, t('upload.toobig'))); return; }
    const text = await file.text();
    out.append(h('p', {}, t('upload.sending', { name: file.name })));
    try {
      const r = await api.csv(`/import/${kind}`, { territory: state.territory }, text);
      clear(out).append(h('p', { class: 'ok', role: 'status' }, t('upload.done', { n: r.imported, name: file.name })));
      const w = r.warnings || [];
      if (w.length) out.append(h('details', {}, h('summary', {}, t('upload.warnings', { n: w.length })),
        h('ul', {}, w.map((x) => h('li', {}, typeof x === 'string' ? x : `${t('upload.line')} ${x.line}: ${x.message}`)))));
    } catch (e) {
      clear(out);
      if (e.status !== 422) { out.append(h('p', { class: 'error', role: 'alert' }, e.message)); return; }
      out.append(...csvErrors(e, text, file.name));
    }
  };
  input.addEventListener('change', send);
  return h('section', { class: 'upload', 'aria-labelledby': `h-up-${kind}` },
    h('h2', { id: `h-up-${kind}` }, t('upload.' + kind)),
    h('p', { class: 'note' }, t('upload.' + kind + '.cols')),
    h('label', { for: `upload-${kind}` }, t('upload.choose')), ' ', input, out);
}

export async function importView(main, _args, state) {
  main.append(h('h1', {}, t('upload.title')), h('p', { class: 'lead' }, t('upload.lead')),
    h('div', { class: 'stack' }, section('actors', state), section('flows', state)));
  return null;
}
