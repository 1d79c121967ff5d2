// pipeline.js - the engagement board of a territory: one column per stage
// (identified -> contacted -> met -> committed -> data shared -> in a synergy,
// or declined with a reason). A card moves to the next stage in one click, or
// to any stage with its form (date, reason, note, next action); every move is
// dated and says who made it (GET /api/pipeline, PATCH /api/pipeline/{actor}).
import { api, enc } from './api.js';
import { h, clear, cap } from './dom.js';
import { t } from './i18n.js';
import { ENG_STAGES, today, day, who, rememberWho, byInput, options } from './net.js';

const FLOW = ENG_STAGES.slice(0, 6);
const PER_COLUMN = 120;

export async function pipelineView(main, _args, state) {
  main.append(h('h1', {}, t('pipe.title')));
  if (!state.territory) {
    main.append(h('p', {}, t('dash.noterritory')));
    return null;
  }
  const msg = h('p', { class: 'note', role: 'status', id: 'pipe-msg' });
  const filter = h('input', { type: 'search', id: 'pipe-filter', placeholder: t('pipe.filterhint') });
  const by = byInput();
  by.id = 'pipe-by';
  by.addEventListener('change', () => rememberWho(by.value.trim()));
  const cols = h('div', { class: 'board eng', id: 'pipeline' });
  main.append(h('p', { class: 'lead' }, t('pipe.lead')),
    h('div', { class: 'filters' },
      h('label', { for: 'pipe-filter' }, t('pipe.filter')), filter,
      h('label', { for: 'pipe-by' }, t('net.by')), by),
    msg, cols);
  let rows = [];
  const now = today();

  function draw() {
    const q = filter.value.trim().toLowerCase();
    clear(cols);
    for (const st of ENG_STAGES) {
      const mine = rows.filter((r) => r.stage === st && (!q || (r.name || '').toLowerCase().includes(q)));
      cols.append(h('section', { class: 'col eng-' + st, 'data-stage': st, 'aria-labelledby': 'pcol-' + st },
        h('h2', { id: 'pcol-' + st }, cap(t('eng.' + st)), ' ', h('span', { class: 'count' }, String(mine.length))),
        h('ul', {}, mine.slice(0, PER_COLUMN).map(card)),
        mine.length > PER_COLUMN ? h('p', { class: 'note' }, t('pipe.more', { n: mine.length - PER_COLUMN })) : null));
    }
  }

  async function load() {
    const r = await api.get('/pipeline', { territory: state.territory });
    rows = r.items;
    draw();
    main.dataset.loaded = 'pipeline';
  }

  function card(r) {
    const i = FLOW.indexOf(r.stage);
    const id = r.actor_id;
    const f = {
      stage: h('select', { id: `to-${id}` }, h('option', { value: '' }, t('pipe.keep')),
        options(ENG_STAGES.filter((x) => x !== r.stage), 'eng.', FLOW[i + 1])),
      date: h('input', { type: 'date', id: `date-${id}`, value: now, max: now }),
      reason: h('input', { type: 'text', id: `reason-${id}`, maxlength: 500, placeholder: t('pipe.reasonhint') }),
      note: h('input', { type: 'text', id: `note-${id}`, maxlength: 500 }),
      next: h('input', { type: 'text', id: `next-${id}`, maxlength: 500, value: r.next_action || '' }),
      due: h('input', { type: 'date', id: `due-${id}`, value: r.next_due || '' }),
    };
    const lab = (el, key) => h('label', { for: el.id }, t(key));
    const late = r.next_due && r.next_due < now;
    return h('li', { class: 'card', 'data-id': id, 'data-stage': r.stage },
      h('h3', {}, h('a', { href: '#/actors/' + enc(id) }, r.name || id)),
      r.stage_at ? h('p', { class: 'since' }, t('pipe.since', { date: day(r.stage_at), by: r.stage_by || '?' })) : null,
      r.reason ? h('p', { class: 'reason' }, r.reason) : null,
      r.next_action ? h('p', { class: late ? 'next late' : 'next' }, t('pipe.next'), ' ', r.next_action, ' – ',
        h('time', { datetime: r.next_due }, day(r.next_due)), late ? ' ' + t('pipe.late') : '') : null,
      h('div', { class: 'buttons' },
        i >= 0 && i < FLOW.length - 1 ? h('button', {
          type: 'button', class: 'primary next',
          onclick: () => move(r, { stage: FLOW[i + 1], date: now }),
        }, t('eng.' + FLOW[i + 1]), ' →') : null),
      h('details', {}, h('summary', {}, t('pipe.moveform')),
        h('form', {
          class: 'move', onsubmit: (e) => {
            e.preventDefault();
            const body = f.stage.value
              ? { stage: f.stage.value, date: f.date.value, reason: f.reason.value.trim(), note: f.note.value.trim() } : {};
            if (f.next.value.trim() !== (r.next_action || '') || f.due.value !== (r.next_due || '')) {
              body.next_action = f.next.value.trim();
              body.due = f.due.value;
            }
            move(r, body);
          },
        }, lab(f.stage, 'pipe.moveto'), f.stage, lab(f.date, 'net.date'), f.date, lab(f.reason, 'pipe.reason'), f.reason,
        lab(f.note, 'pipe.note'), f.note, lab(f.next, 'pipe.nextaction'), f.next, lab(f.due, 'pipe.due'), f.due,
        h('button', { type: 'submit' }, t('pipe.move')))));
  }

  async function move(r, body) {
    const name = by.value.trim() || who();
    if (!name) {
      msg.textContent = t('net.needby');
      msg.className = 'note error';
      by.focus();
      return;
    }
    rememberWho(name);
    if (body.stage === 'declined' && !body.reason) {
      msg.textContent = t('pipe.needreason');
      msg.className = 'note error';
      return;
    }
    try {
      await api.patch('/pipeline/' + enc(r.actor_id), { ...body, by: name });
    } catch (e) {
      msg.textContent = e.message;
      msg.className = 'note error';
      return;
    }
    msg.className = 'note ok';
    msg.textContent = body.stage
      ? t('pipe.moved', { what: r.name || r.actor_id, stage: t('eng.' + body.stage), date: day(body.date || today()) })
      : t('pipe.nextset', { what: r.name || r.actor_id });
    await load();
  }

  filter.addEventListener('input', draw);
  await load();
  return null;
}
