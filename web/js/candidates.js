// candidates.js - candidate review: a filtered list and the selected candidate's
// explanation (rule and source, distance, quantities, what remains to confirm,
// regulatory checklist), accepted or rejected with a reason. Keys: j/k move,
// a accepts, r rejects (after a reason), ? shows the help.
import { api, enc } from './api.js';
import { h, clear, say, num, facts } from './dom.js';
import { t, lang } from './i18n.js';
import { runButton } from './runs.js';

const PER_PAGE = 100;

function list(x) {
  if (!x) return [];
  if (Array.isArray(x)) return x;
  return String(x).split(/;\s*|\n/).filter(Boolean);
}

function qty(q, unit) {
  return q === null || q === undefined ? t('unknown') : `${num(q, 1)} ${unit || ''}`;
}

// The explanation of candidate C in words (shared with the map's side panel).
export function candidateDetail(c, opts = {}) {
  // The engine's explanation ends with "To confirm: a; b; c." when something remains.
  let text = c.explanation || c.text || '';
  let confirm = list(c.to_confirm || c.confirm || c.remaining);
  const m = /\s*(?:To confirm|À confirmer)\s*:\s*(.*)$/s.exec(text);
  if (m) {
    text = text.slice(0, m.index);
    if (!confirm.length) confirm = m[1].replace(/\.\s*$/, '').split(/;\s*/).filter(Boolean);
  }
  const checklist = list(c.checklist);
  const sup = c.supplier || {};
  const rec = c.receiver || {};
  const supName = c.supplier_name || sup.name || c.supplier_id;
  const recName = c.receiver_name || rec.name || c.receiver_id;
  const H = opts.compact ? 'h3' : 'h2';
  return h('article', { class: 'candidate', 'data-key': c.key },
    h(H, {}, `${supName || '…'} → ${recName || '…'}`),
    h('p', { class: 'badges' },
      h('span', { class: 'badge kind-' + c.kind }, t('kind.' + c.kind)), ' ',
      h('span', { class: 'badge status-' + (c.status || 'proposed') }, t('status.' + (c.status || 'proposed'))), ' ',
      c.score !== undefined ? h('span', { class: 'badge' }, `${t('score')} ${Number(c.score).toFixed(2)}`) : null),
    h('p', { class: 'explanation' }, text),
    facts([
      [t('cand.resource'), `${c.resource_code || ''} ${c.resource_label || ''}`],
      [t('cand.rule'), c.rule_label ? `${c.rule || ''} – ${c.rule_label}` : (c.rule || t('unknown'))],
      (c.source || c.rule_source || c.reference) ? [t('cand.source'), c.source || c.rule_source || c.reference] : null,
      [t('cand.distance'), c.distance_km !== undefined && c.distance_km !== null
        ? `${num(c.distance_km, 1)} km` + (c.max_km ? ` (${t('cand.max')} ${num(c.max_km)} km)` : '') : t('unknown')],
      [t('cand.supply'), qty(c.supply_quantity ?? c.quantity, c.supply_unit || c.unit)],
      c.demand_quantity !== undefined ? [t('cand.demand'), qty(c.demand_quantity, c.demand_unit || c.unit)] : null,
      c.basis ? [t('cand.basis'), t('basis.' + c.basis, null, c.basis)] : null,
      c.reason ? [t('cand.reason'), c.reason] : null,
    ]),
    confirm.length ? h('section', { class: 'confirm' }, h('h3', {}, t('cand.toconfirm')),
      h('ul', {}, confirm.map((x) => h('li', {}, x)))) : null,
    checklist.length ? h('section', { class: 'checklist' }, h('h3', {}, t('cand.checklist')),
      h('ul', {}, checklist.map((x) => h('li', {}, typeof x === 'string' ? x : checkItem(x))))) : null);
}

// One item of the regulatory checklist (GET /api/candidates/{key}): who must
// verify or file it, what, and the act it comes from.
function checkItem(x) {
  const what = (lang() === 'fr' && x.check_fr) || x.check || x.label || '';
  const act = x.act || x.reference || '';
  return [x.party ? h('strong', {}, `${t('party.' + x.party, null, x.party)} : `) : null, what,
    act ? h('span', { class: 'note act' }, ` (${act})`) : null];
}

export async function candidatesView(main, args, state) {
  if (!state.territory) {
    main.append(h('h1', {}, t('cand.title')), h('p', {}, t('dash.noterritory')));
    return null;
  }
  const f = { kind: '', status: 'proposed', min_score: '' };
  let items = [];
  let total = 0;
  let page = 0;
  let sel = -1;
  const listEl = h('ol', { class: 'cand-list', id: 'cand-list', 'aria-label': t('cand.list') });
  const detail = h('div', { class: 'cand-detail', id: 'cand-detail', tabindex: '-1' });
  const more = h('button', { type: 'button', onclick: () => load(false) }, t('more'));
  const countEl = h('p', { class: 'note', 'aria-live': 'polite' });
  const help = h('dialog', { id: 'keys-help' },
    h('h2', {}, t('keys.title')),
    h('dl', { class: 'facts' }, [['j', t('keys.next')], ['k', t('keys.prev')], ['a', t('keys.accept')],
      ['r', t('keys.reject')], ['?', t('keys.help')], ['Esc', t('keys.close')]].map(([k, v]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, v)])),
    h('form', { method: 'dialog' }, h('button', {}, t('close'))));

  const sel_ = (name, values, prefix) => h('select', {
    id: 'f-' + name, onchange: (e) => { f[name] = e.target.value; load(true); },
  }, values.map((v) => h('option', { value: v, selected: f[name] === v }, v ? t(prefix + v) : t('filter.all'))));
  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('cand.title')),
      runButton('match', state.territory, t('cand.run'), () => load(true)),
      h('button', { type: 'button', class: 'link', onclick: () => help.showModal() }, t('keys.show'))),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'f-kind' }, t('filter.kind')), sel_('kind', ['', 'substitution', 'mutualisation', 'prospective'], 'kind.'),
      h('label', { for: 'f-status' }, t('filter.status')), sel_('status', ['', 'proposed', 'accepted', 'rejected'], 'status.'),
      h('label', { for: 'f-score' }, t('filter.minscore')),
      h('input', { id: 'f-score', type: 'number', min: 0, max: 1, step: 0.05, placeholder: '0', onchange: (e) => { f.min_score = e.target.value; load(true); } })),
    countEl,
    h('div', { class: 'review' }, h('div', { class: 'cand-col' }, listEl, more), detail),
    help);

  async function load(reset) {
    if (reset) { items = []; page = 0; sel = -1; clear(listEl); }
    page++;
    const r = await api.get('/candidates', { territory: state.territory, ...f, page, per_page: PER_PAGE, sort: '-score' });
    total = r.total;
    const start = items.length;
    items.push(...r.items);
    r.items.forEach((c, i) => listEl.append(row(c, start + i)));
    countEl.textContent = t('cand.count', { n: items.length, total });
    more.hidden = items.length >= total;
    if (sel < 0 && items.length && !args[0]) select(0, false);
    if (!items.length) clear(detail).append(h('p', {}, t('cand.none')));
  }

  function row(c, i) {
    return h('li', { 'data-key': c.key, 'data-status': c.status || 'proposed' },
      h('button', { type: 'button', onclick: () => select(i, true) },
        h('span', { class: 'score' }, Number(c.score || 0).toFixed(2)), ' ',
        h('span', { class: 'who' }, `${c.supplier_name || c.supplier_id} → ${c.receiver_name || c.receiver_id || '…'}`),
        h('span', { class: 'what' }, `${t('kind.' + c.kind)} · ${c.resource_label || c.resource_code || ''}`),
        h('span', { class: 'badge status-' + (c.status || 'proposed') }, t('status.' + (c.status || 'proposed')))));
  }

  async function select(i, focus) {
    if (i < 0 || i >= items.length) return;
    sel = i;
    listEl.querySelectorAll('li').forEach((li, j) => li.classList.toggle('selected', j === i));
    const li = listEl.children[i];
    if (li) { li.scrollIntoView({ block: 'nearest' }); li.setAttribute('aria-current', 'true'); }
    await show(items[i].key, focus);
  }

  let reasonEl = null;
  let shownKey = null; // the candidate the detail pane (its buttons and reason) belongs to
  async function show(key, focus) {
    let c;
    try {
      c = await api.get(`/candidates/${enc(key)}`);
    } catch (e) {
      clear(detail).append(h('p', { class: 'error', role: 'alert' }, e.message));
      return;
    }
    if (items[sel] && items[sel].key !== key) return; // a later j/k selected another one
    shownKey = key;
    reasonEl = h('input', { id: 'reason', type: 'text', maxlength: 500, autocomplete: 'off', placeholder: t('cand.reasonhint') });
    const out = h('p', { class: 'decision-msg', role: 'status' });
    clear(detail).append(candidateDetail(c),
      h('form', { class: 'decision', onsubmit: (e) => { e.preventDefault(); decide(c, 'rejected', out); } },
        h('label', { for: 'reason' }, t('cand.reason')), reasonEl,
        h('div', { class: 'buttons' },
          h('button', { type: 'button', class: 'primary', id: 'accept', onclick: () => decide(c, 'accepted', out) }, t('cand.accept'), ' ', h('kbd', {}, 'a')),
          h('button', { type: 'button', class: 'danger', id: 'reject', onclick: () => decide(c, 'rejected', out) }, t('cand.reject'), ' ', h('kbd', {}, 'r')),
          c.status && c.status !== 'proposed'
            ? h('button', { type: 'button', onclick: () => decide(c, 'proposed', out) }, t('cand.reopen')) : null)),
      out);
    if (focus) detail.focus({ preventScroll: true });
  }

  async function decide(c, status, out, reason = reasonEl ? reasonEl.value.trim() : '') {
    if (status === 'rejected' && !reason) {
      out.textContent = t('cand.needreason');
      out.className = 'decision-msg error';
      reasonEl.focus();
      return;
    }
    try {
      await api.post(`/candidates/${enc(c.key)}/decision`, { status, reason });
    } catch (e) {
      out.textContent = e.message;
      out.className = 'decision-msg error';
      return;
    }
    out.className = 'decision-msg ok';
    out.textContent = t('cand.done.' + status);
    say(`${c.supplier_name || c.supplier_id} → ${c.receiver_name || c.receiver_id || '…'} : ${t('cand.done.' + status)}`, 'ok');
    const i = items.findIndex((x) => x.key === c.key);
    if (i >= 0) {
      items[i].status = status;
      const li = listEl.children[i];
      li.dataset.status = status;
      const b = li.querySelector('.badge');
      b.className = 'badge status-' + status;
      b.textContent = t('status.' + status);
      if (status !== 'proposed' && i + 1 < items.length) setTimeout(() => select(i + 1, false), 400);
    }
  }

  function onKey(e) {
    if (e.target.closest && e.target.closest('input, textarea, select')) {
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const c = items[sel];
    // a and r act on the selected candidate: while its detail is still on its
    // way, the pane (and its buttons) shows the one selected before
    const ready = c && shownKey === c.key;
    if (e.key === 'j') select(sel + 1, false);
    else if (e.key === 'k') select(sel - 1, false);
    else if (e.key === 'a' && c) {
      if (ready) document.getElementById('accept')?.click();
      else decide(c, 'accepted', h('p'), '');
    } else if (e.key === 'r' && c) {
      if (!ready) return;
      if (reasonEl && reasonEl.value.trim()) document.getElementById('reject')?.click();
      else { reasonEl?.focus(); e.preventDefault(); }
    } else if (e.key === '?') help.open ? help.close() : help.showModal();
    else return;
    e.preventDefault();
  }
  document.addEventListener('keydown', onKey);
  await load(true);
  if (args[0]) await show(args[0], true);
  return () => document.removeEventListener('keydown', onKey);
}
