// followup.js - whom to call or visit next in a territory (GET /api/followup):
// actors with no contact for N days, next actions past their due date, and the
// prospective candidates ranked by potential (CO2e, then euros) with the reason
// in words.
import { api, enc } from './api.js';
import { h, clear, num } from './dom.js';
import { t } from './i18n.js';
import { day } from './net.js';

export async function followupView(main, _args, state) {
  main.append(h('h1', {}, t('fu.title')));
  if (!state.territory) {
    main.append(h('p', {}, t('dash.noterritory')));
    return null;
  }
  const days = h('input', { type: 'number', id: 'fu-days', min: 0, max: 3650, value: 90, class: 'short' });
  const limit = h('input', { type: 'number', id: 'fu-limit', min: 1, max: 100, value: 10, class: 'short' });
  const out = h('div', { id: 'followup' });
  main.append(h('p', { class: 'lead' }, t('fu.lead')),
    h('form', {
      class: 'filters', onsubmit: (e) => { e.preventDefault(); load(); },
    }, h('label', { for: 'fu-days' }, t('fu.days')), days, h('label', { for: 'fu-limit' }, t('fu.limit')), limit,
    h('button', { type: 'submit' }, t('fu.refresh'))),
    out);
  const actor = (x) => h('a', { href: '#/actors/' + enc(x.actor_id) }, x.name || x.actor_id);
  // The reason in the page's language, from its parts (reason_code, resource, partner...);
  // the API's own reason is in the server's language.
  const why = (x) => (x.reason_code === 'supply' || x.reason_code === 'take'
    ? t('fu.reason.' + x.reason_code + (x.partner ? '' : '.any'), {
      qty: num(x.quantity), unit: x.unit || '', what: x.resource || '', other: x.partner || '',
      km: num(x.distance_km), tonnes: num(x.tonnes),
    })
    : x.reason);
  const section = (id, title, lead, headers, rows, empty) => h('section', { id, 'aria-labelledby': id + '-h' },
    h('h2', { id: id + '-h' }, title, ' ', h('span', { class: 'badge' }, String(rows.length))),
    h('p', { class: 'note' }, lead),
    rows.length ? h('table', {},
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows)) : h('p', { class: 'empty' }, empty));

  async function load() {
    const r = await api.get('/followup', { territory: state.territory, days: days.value, limit: limit.value });
    clear(out).append(
      section('fu-no-contact', t('fu.nocontact'), t('fu.nocontact.lead', { n: r.days }),
        [t('fu.actor'), t('fu.stage'), t('fu.last'), t('fu.daysago')],
        r.no_contact.map((x) => h('tr', { 'data-id': x.actor_id }, h('td', {}, actor(x)), h('td', {}, t('eng.' + x.stage)),
          h('td', {}, day(x.last_contact)), h('td', { class: 'num' }, num(x.days)))),
        t('fu.nocontact.none')),
      section('fu-overdue', t('fu.overdue'), t('fu.overdue.lead'),
        [t('fu.actor'), t('fu.action'), t('fu.due'), t('fu.late')],
        r.overdue.map((x) => h('tr', { 'data-id': x.actor_id }, h('td', {}, actor(x)), h('td', {}, x.next_action || ''),
          h('td', {}, day(x.due)), h('td', { class: 'num' }, num(x.days)))),
        t('fu.overdue.none')),
      section('fu-visit-first', t('fu.visit'), t('fu.visit.lead'),
        ['#', t('fu.actor'), t('fu.why'), t('fu.co2e'), t('fu.euros'), ''],
        r.visit_first.map((x, i) => h('tr', { 'data-id': x.actor_id },
          h('td', {}, String(i + 1)), h('td', {}, actor(x), h('br'), h('span', { class: 'note' }, t('eng.' + x.stage))),
          h('td', { class: 'fu-why' }, why(x), x.estimated ? h('span', { class: 'badge' }, t('fu.estimated')) : null),
          h('td', { class: 'num' }, num(x.co2e_kg === null ? null : x.co2e_kg / 1000, 1)),
          h('td', { class: 'num' }, num(x.euros)),
          h('td', {}, x.candidate_key ? h('a', { href: '#/candidates/' + enc(x.candidate_key) }, t('fu.candidate')) : null))),
        r.no_candidates ? t('fu.visit.nocand') : t('fu.visit.none')));
    main.dataset.loaded = 'followup';
  }

  await load();
  return null;
}
