// events.js - workshops, seminars, site visits and meetings of a territory:
// the list, the form of a new event, and one event with its participants, the
// notes on its outcome, the workshop cards that became flows and the
// candidates that came out of them (/api/events, docs/api.md "Network").
import { api, enc } from './api.js';
import { h, clear, facts, num } from './dom.js';
import { t } from './i18n.js';
import { field, checkedForm } from './forms.js';
import { csvErrors } from './upload.js';
import { EVENT_TYPES, today, day, required, dateCheck, options } from './net.js';

export async function eventsView(main, _args, state) {
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('ev.title')),
    h('a', { class: 'button primary', href: '#/events/new', id: 'ev-new' }, t('ev.new'))),
  h('p', { class: 'lead' }, t('ev.lead')));
  const r = await api.get('/events', { territory: state.territory });
  main.append(r.items.length ? h('table', { id: 'events-table' },
    h('thead', {}, h('tr', {}, [t('net.date'), t('ev.titlef'), t('ev.type'), t('ev.place'), t('ev.participants')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, r.items.map((e) => h('tr', { 'data-id': e.id },
      h('td', {}, day(e.date)), h('td', {}, h('a', { href: '#/events/' + e.id }, e.title)),
      h('td', {}, t('evtype.' + e.type)), h('td', {}, e.place), h('td', { class: 'num' }, num(e.participants))))))
    : h('p', { class: 'empty' }, t('ev.none')));
  main.dataset.loaded = 'events';
  return null;
}

export async function eventForm(main, _args, state) {
  main.append(h('p', { class: 'crumbs' }, h('a', { href: '#/events' }, t('ev.title'))), h('h1', {}, t('ev.new')));
  const out = h('p', { class: 'form-msg', role: 'alert' });
  const F = {
    type: field('ev-type', t('ev.type'), h('select', {}, options(EVENT_TYPES, 'evtype.', 'workshop')), { required: true }),
    title: field('ev-title', t('ev.titlef'), h('input', { type: 'text', maxlength: 250 }), { required: true, check: required }),
    date: field('ev-date', t('net.date'), h('input', { type: 'date', value: today() }), { required: true, check: dateCheck }),
    place: field('ev-place', t('ev.place'), h('input', { type: 'text', maxlength: 250 })),
    organiser: field('ev-organiser', t('ev.organiser'), h('input', { type: 'text', maxlength: 250 })),
    notes: field('ev-notes', t('ev.outcome'), h('input', { type: 'text', maxlength: 1000 }), { wide: true, hint: t('ev.outcome.hint') }),
  };
  main.append(checkedForm('event-form', F, out, [h('button', { type: 'submit', class: 'primary' }, t('ev.create'))], async (v) => {
    const e = await api.post('/events', { ...v, territory: state.territory });
    location.hash = '#/events/' + e.id;
  }));
  return null;
}

export async function eventView(main, args, state) {
  const id = args[0];
  const e = await api.get('/events/' + enc(id));
  const flash = h('p', { class: 'note', role: 'status', id: 'ev-msg' });
  const notes = h('textarea', { id: 'ev-outcome', rows: 3, maxlength: 1000 }, e.notes || '');
  main.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/events' }, t('ev.title'))),
    h('h1', { 'data-id': e.id }, e.title),
    facts([[t('ev.type'), t('evtype.' + e.type)], [t('net.date'), day(e.date)], [t('ev.place'), e.place || '–'],
      [t('ev.organiser'), e.organiser || '–'], [t('territory'), e.territory || t('ev.network')]]),
    flash,
    h('section', { 'aria-labelledby': 'h-outcome' }, h('h2', { id: 'h-outcome' }, t('ev.outcome')),
      h('form', {
        class: 'stack', id: 'outcome-form', onsubmit: async (ev) => {
          ev.preventDefault();
          try {
            await api.patch('/events/' + e.id, { notes: notes.value.trim() });
            flash.className = 'note ok';
            flash.textContent = t('ev.saved');
          } catch (err) {
            flash.className = 'note error';
            flash.textContent = err.message;
          }
        },
      }, h('label', { for: 'ev-outcome', class: 'sr' }, t('ev.outcome')), notes,
      h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('ev.saveoutcome'))))));
  main.append(participants(e, state), cards(e), outcomes(e));
  main.dataset.loaded = 'event';
  return null;
}

function participants(e, state) {
  const out = h('p', { class: 'form-msg', role: 'alert' });
  const actor = h('select', {}, h('option', { value: '' }, t('ev.noactor')));
  api.get('/pipeline', { territory: e.territory || state.territory }).then((r) => {
    for (const a of r.items) actor.append(h('option', { value: a.actor_id }, a.name || a.actor_id));
  }).catch(() => { /* a person can still be added */ });
  const F = {
    actor_id: field('pa-actor', t('ev.actor'), actor),
    person: field('pa-person', t('ev.person'), h('input', { type: 'text', maxlength: 250 })),
    role: field('pa-role', t('ev.role'), h('input', { type: 'text', maxlength: 250 })),
  };
  return h('section', { 'aria-labelledby': 'h-parts' },
    h('h2', { id: 'h-parts' }, t('ev.participants'), ' ', h('span', { class: 'badge' }, String(e.participant_list.length))),
    e.participant_list.length ? h('table', { id: 'participants' },
      h('thead', {}, h('tr', {}, [t('ev.actor'), t('ev.person'), t('ev.role')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, e.participant_list.map((p) => h('tr', {},
        h('td', {}, p.actor_id ? h('a', { href: '#/actors/' + enc(p.actor_id) }, p.name || p.actor_id) : '–'),
        h('td', {}, p.person || '–'), h('td', {}, p.role || '–')))))
      : h('p', { class: 'empty' }, t('ev.noparticipant')),
    h('details', {}, h('summary', {}, t('ev.addparticipant')),
      checkedForm('participant-form', F, out, [h('button', { type: 'submit' }, t('ev.add'))], async (v) => {
        if (!v.actor_id && !v.person) throw Object.assign(new Error(t('ev.whom')), { fields: {} });
        await api.post(`/events/${e.id}/participants`, v);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      })));
}

function cards(e) {
  const out = h('div', { id: 'cards-result', 'aria-live': 'polite' });
  const input = h('input', { type: 'file', id: 'cards-file', accept: '.csv,text/csv' });
  input.addEventListener('change', async () => {
    const file = input.files[0];
    clear(out);
    if (!file) return;
    const text = await file.text();
    try {
      const r = await api.csv(`/events/${e.id}/cards`, {}, text);
      out.append(h('p', { class: 'ok' }, t('ev.cardsdone', { n: r.flows.length })));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      out.append(...(err.status === 422 ? csvErrors(err, text, file.name) : [h('p', { class: 'error' }, err.message)]));
    }
  });
  return h('section', { 'aria-labelledby': 'h-cards' },
    h('h2', { id: 'h-cards' }, t('ev.flows'), ' ', h('span', { class: 'badge' }, String(e.flows.length))),
    e.flows.length ? h('table', { id: 'event-flows' },
      h('thead', {}, h('tr', {}, [t('ev.actor'), t('ev.card'), t('ev.code'), t('ev.qty')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, e.flows.map((f) => h('tr', {},
        h('td', {}, h('a', { href: '#/actors/' + enc(f.actor_id) }, f.actor_id)), h('td', {}, t('ev.card.' + f.card)),
        h('td', {}, f.code, f.description ? ` – ${f.description}` : ''), h('td', { class: 'num' }, `${num(f.quantity)} ${f.unit || ''}`)))))
      : h('p', { class: 'empty' }, t('ev.noflow')),
    h('p', { class: 'note' }, t('ev.cards.cols')),
    h('label', { for: 'cards-file' }, t('ev.cards')), ' ', input, out);
}

function outcomes(e) {
  return h('section', { 'aria-labelledby': 'h-outcomes' },
    h('h2', { id: 'h-outcomes' }, t('ev.candidates'), ' ', h('span', { class: 'badge' }, String(e.candidates.length))),
    h('p', { class: 'note' }, t('ev.synergies', { n: e.synergies })),
    e.candidates.length ? h('table', { id: 'event-candidates' },
      h('thead', {}, h('tr', {}, [t('ev.cand'), t('ev.resource'), t('filter.status')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, e.candidates.map((c) => h('tr', { 'data-key': c.key },
        h('td', {}, h('a', { href: '#/candidates/' + enc(c.key) }, `${c.supplier} → ${c.receiver || t('kind.' + c.kind)}`)),
        h('td', {}, c.resource || c.resource_code), h('td', {}, h('span', { class: 'badge status-' + c.status }, t('status.' + c.status)))))))
      : h('p', { class: 'empty' }, t('ev.nocandidate')));
}
