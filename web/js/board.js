// board.js - the synergy board: idea -> study -> implementation -> running, and
// abandoned with a reason. Each card moves one stage at a time (or to any stage
// with its form); every move is dated by the server and listed in the card's history.
import { all, api, enc } from './api.js';
import { h, clear, cap, num, when } from './dom.js';
import { t } from './i18n.js';

export const STAGES = ['idea', 'study', 'implementation', 'running', 'abandoned'];
const FLOW = ['idea', 'study', 'implementation', 'running'];

const names = new Map();

function title(s) {
  const a = s.supplier_name || names.get(s.supplier_id) || s.supplier_id || '';
  const b = s.receiver_name || names.get(s.receiver_id) || s.receiver_id || '';
  return s.label || (a || b ? `${a} → ${b}` : `#${s.id}`);
}

export async function boardView(main, _args, state) {
  if (!state.territory) {
    main.append(h('h1', {}, t('board.title')), h('p', {}, t('dash.noterritory')));
    return null;
  }
  const msg = h('p', { class: 'note', role: 'status', id: 'board-msg' });
  const cols = h('div', { class: 'board', id: 'board' });
  main.append(h('h1', {}, t('board.title')), h('p', { class: 'lead' }, t('board.lead')), msg, cols);

  async function load() {
    const items = await all('/synergies', { territory: state.territory });
    // Actors' names for the cards (the synergy rows carry their ids).
    const missing = items.some((s) => !s.supplier_name && !names.has(s.supplier_id));
    if (missing) (await all('/actors', { territory: state.territory }, 20000)).forEach((a) => names.set(a.id, a.name));
    clear(cols);
    for (const st of STAGES) {
      const mine = items.filter((s) => s.stage === st);
      cols.append(h('section', { class: 'col stage-' + st, 'data-stage': st, 'aria-labelledby': 'col-' + st },
        h('h2', { id: 'col-' + st }, cap(t('stage.' + st)), ' ', h('span', { class: 'count' }, String(mine.length))),
        h('ul', {}, mine.map(card))));
    }
  }

  function card(s) {
    const i = FLOW.indexOf(s.stage);
    const reason = h('input', { type: 'text', maxlength: 500, id: `reason-${s.id}`, placeholder: t('board.reasonhint') });
    const to = h('select', { id: `to-${s.id}` }, STAGES.filter((x) => x !== s.stage).map((x) => h('option', { value: x }, t('stage.' + x))));
    const hist = h('ol', { class: 'history' });
    const details = h('details', {
      ontoggle: async () => {
        if (!details.open || hist.dataset.loaded) return;
        try {
          const full = await api.get(`/synergies/${enc(s.id)}`);
          hist.dataset.loaded = '1';
          for (const m of full.history || []) {
            hist.append(h('li', {}, h('time', { datetime: m.at || m.date }, when(m.at || m.date)), ' ',
              m.from ? `${t('stage.' + m.from)} → ` : '', t('stage.' + (m.to || m.stage)), m.reason ? ` – ${m.reason}` : ''));
          }
        } catch (e) {
          hist.append(h('li', { class: 'error' }, e.message));
        }
      },
    }, h('summary', {}, t('board.history')), hist,
    h('form', { class: 'move', onsubmit: (e) => { e.preventDefault(); move(s, to.value, reason.value); } },
      h('label', { for: `to-${s.id}` }, t('board.moveto')), to,
      h('label', { for: `reason-${s.id}` }, t('cand.reason')), reason,
      h('button', { type: 'submit' }, t('board.move'))));
    return h('li', { class: 'card', 'data-id': s.id, 'data-key': s.candidate_key || s.key || null },
      h('h3', {}, title(s)),
      h('p', { class: 'what' }, [s.kind ? t('kind.' + s.kind) : null, s.resource_label || s.resource_code,
        s.quantity !== undefined && s.quantity !== null ? `${num(s.quantity)} ${s.unit || ''}` : null].filter(Boolean).join(' · ')),
      h('p', { class: 'since' }, t('board.since'), ' ', h('time', { datetime: s.updated || s.created }, when(s.updated || s.created))),
      s.stage === 'abandoned' && s.reason ? h('p', { class: 'reason' }, s.reason) : null,
      h('div', { class: 'buttons' },
        i > 0 ? h('button', { type: 'button', 'aria-label': `${t('board.back')} ${t('stage.' + FLOW[i - 1])}`, onclick: () => move(s, FLOW[i - 1], '') }, '← ', t('stage.' + FLOW[i - 1])) : null,
        i >= 0 && i < FLOW.length - 1 ? h('button', { type: 'button', class: 'primary next', onclick: () => move(s, FLOW[i + 1], '') }, t('stage.' + FLOW[i + 1]), ' →') : null),
      details);
  }

  async function move(s, stage, reason) {
    if (stage === 'abandoned' && !reason.trim()) {
      msg.textContent = t('board.needreason');
      msg.className = 'note error';
      const d = cols.querySelector(`li[data-id="${CSS.escape(String(s.id))}"] details`);
      if (d) { d.open = true; d.querySelector('input').focus(); }
      return;
    }
    try {
      await api.patch(`/synergies/${enc(s.id)}`, { stage, reason: reason.trim() });
    } catch (e) {
      msg.textContent = e.message;
      msg.className = 'note error';
      return;
    }
    msg.className = 'note ok';
    msg.textContent = t('board.moved', { what: title(s), stage: t('stage.' + stage) });
    await load();
  }

  await load();
  return null;
}
