// actors.js - the actors of a territory: the list with a search, the actor page
// (identity, flows, contacts, candidates, synergies) with its flow and contact
// forms, and the new-actor form. Every form checks as you type and shows the
// server's per-field messages.
import { api, enc } from './api.js';
import { h, clear, put, num, facts, table } from './dom.js';
import { t } from './i18n.js';
import { field, checkedForm, siretError, quantityError, parseQuantity, unitWarning, UNITS } from './forms.js';

const PER_PAGE = 50;

export async function actorsView(main, _args, state) {
  let page = 1;
  let q = sessionStorage.getItem('symbiose.actors.q') || '';
  const body = h('div', { id: 'actors-table' });
  const search = h('input', { type: 'search', id: 'actor-q', value: q, placeholder: t('actors.searchhint') });
  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { q = search.value.trim(); sessionStorage.setItem('symbiose.actors.q', q); page = 1; load(); }, 200);
  });
  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('actors.title')),
      h('a', { class: 'button primary', href: '#/actors/new', id: 'new-actor' }, t('actors.new'))),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'actor-q' }, t('actors.search')), search),
    body);
  async function load() {
    const r = await api.get('/actors', { territory: state.territory, q, page, per_page: PER_PAGE, sort: 'name' });
    clear(body).append(
      table([t('actor.name'), t('actor.id'), t('actor.naf'), t('actor.commune'), t('actor.kind')],
        r.items.map((a) => [h('a', { href: '#/actors/' + enc(a.id) }, a.name), a.id,
          a.naf ? `${a.naf}${a.naf_label ? ' ' + a.naf_label : ''}` : '', a.commune || '', t('actorkind.' + (a.kind || 'company'))]),
        t('actors.count', { n: r.total })),
      h('div', { class: 'pager' },
        h('button', { type: 'button', disabled: page <= 1, onclick: () => { page--; load(); } }, '← ', t('prev')),
        ` ${t('page')} ${page} / ${Math.max(1, Math.ceil(r.total / PER_PAGE))} `,
        h('button', { type: 'button', disabled: page * PER_PAGE >= r.total, onclick: () => { page++; load(); } }, t('next'), ' →')));
  }
  await load();
  return null;
}

function select(values, prefix, value) {
  return h('select', {}, values.map((v) => h('option', { value: v, selected: v === value }, prefix ? t(prefix + v) : v)));
}

// An empty coordinate, or decimal degrees within [-max, max].
function coord(v, max) {
  const s = v.trim();
  return s === '' || (/^-?\d+([.,]\d+)?$/.test(s) && Math.abs(Number(s.replace(',', '.'))) <= max);
}

export async function actorForm(main, _args, state) {
  const out = h('p', { class: 'form-msg', role: 'status' });
  const naf = h('input', { type: 'text', placeholder: '20.14Z' });
  const F = {
    id: field('actor-id', t('actor.id'), h('input', { type: 'text', maxlength: 63 }), { required: true, hint: t('actor.idhint'), check: (v) => (v.trim() ? '' : t('check.required')) }),
    name: field('actor-name', t('actor.name'), h('input', { type: 'text', maxlength: 200 }), { required: true, wide: true, check: (v) => (v.trim() ? '' : t('check.required')) }),
    siret: field('actor-siret', t('actor.siret'), h('input', { type: 'text', inputmode: 'numeric', maxlength: 20 }), { hint: t('actor.siret.hint'), check: siretError }),
    naf: field('actor-naf', t('actor.naf'), naf, { hint: t('actor.naf.hint'), suggest: ['naf'] }),
    kind: field('actor-kind', t('actor.kind'), select(['company', 'public', 'association'], 'actorkind.', 'company')),
    address: field('actor-address', t('actor.address'), h('input', { type: 'text', maxlength: 300 }), { wide: true }),
    commune: field('actor-commune', t('actor.commune'), h('input', { type: 'text', maxlength: 5, placeholder: '67482' }), {
      hint: t('actor.commune.hint'), check: (v) => (v === '' || /^(\d{5}|2[AB]\d{3})$/.test(v) ? '' : t('check.commune')),
    }),
    lat: field('actor-lat', t('actor.lat'), h('input', { type: 'text', inputmode: 'decimal' }), {
      check: (v) => (coord(v, 90) ? '' : t('check.lat')),
    }),
    lon: field('actor-lon', t('actor.lon'), h('input', { type: 'text', inputmode: 'decimal' }), {
      check: (v) => (coord(v, 180) ? '' : t('check.lon')),
    }),
  };
  const form = checkedForm('actor-form', F, out, [
    h('button', { type: 'submit', class: 'primary' }, t('actors.create')),
    h('a', { href: '#/actors', class: 'button' }, t('cancel'))], async (v) => {
    const body = {
      ...v, siret: v.siret.replace(/\s/g, ''), territory: state.territory,
      lat: v.lat === '' ? null : Number(v.lat.replace(',', '.')),
      lon: v.lon === '' ? null : Number(v.lon.replace(',', '.')),
    };
    const a = await api.post('/actors', body);
    location.hash = '#/actors/' + enc((a && a.id) || body.id);
  });
  main.append(h('h1', {}, t('actors.new')), h('p', { class: 'lead' }, t('actors.newlead')), form);
  F.id.querySelector('input').focus();
  return null;
}

function flowForm(actor, reload) {
  const out = h('p', { class: 'form-msg', role: 'status' });
  const code = h('input', { type: 'text', placeholder: '03 03 07 / energy.heat.lt' });
  const unit = select(UNITS, null, 't');
  const F = {
    direction: field('flow-direction', t('flow.direction'), select(['supply', 'demand'], 'dir.', 'supply')),
    code: field('flow-code', t('flow.code'), code, { required: true, hint: t('flow.code.hint'), suggest: ['low', 'taxonomy'], check: (v) => (v.trim() ? '' : t('check.required')), warn: (v) => unitWarning(v.trim(), unit.value) }),
    description: field('flow-description', t('flow.description'), h('input', { type: 'text', maxlength: 300 }), { wide: true }),
    quantity: field('flow-quantity', t('flow.quantity'), h('input', { type: 'text', inputmode: 'decimal' }), { required: true, check: quantityError }),
    unit: field('flow-unit', t('flow.unit'), unit, { warn: (u) => unitWarning(code.value.trim(), u) }),
    period: field('flow-period', t('flow.period'), select(['year', 'month', 'week', 'day', 'once'], 'period.', 'year')),
    state: field('flow-state', t('flow.state'), select(['solid', 'liquid', 'gas', 'sludge', 'none'], 'state.', 'solid')),
    confidentiality: field('flow-confidentiality', t('flow.confidentiality'), select(['public', 'network', 'territory', 'private'], 'conf.', 'territory')),
  };
  unit.addEventListener('change', () => { F.unit.check(); F.code.check(); });
  return checkedForm('flow-form', F, out, [h('button', { type: 'submit', class: 'primary' }, t('flow.add'))], async (v) => {
    await api.post('/flows', { ...v, actor_id: actor.id, quantity: parseQuantity(v.quantity) });
    sessionStorage.setItem('symbiose.flash', t('flow.added', { code: v.code }));
    await reload();
  });
}

function contactForm(actor, reload) {
  const out = h('p', { class: 'form-msg', role: 'status' });
  const F = {
    name: field('contact-name', t('contact.name'), h('input', { type: 'text', maxlength: 200 }), { required: true, check: (v) => (v.trim() ? '' : t('check.required')) }),
    role: field('contact-role', t('contact.role'), h('input', { type: 'text', maxlength: 200 })),
    email: field('contact-email', t('contact.email'), h('input', { type: 'email', maxlength: 200 }), { check: (v) => (v === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? '' : t('check.email')) }),
    phone: field('contact-phone', t('contact.phone'), h('input', { type: 'tel', maxlength: 40 })),
  };
  return checkedForm('contact-form', F, out, [h('button', { type: 'submit' }, t('contact.add'))], async (v) => {
    await api.post(`/actors/${enc(actor.id)}/contacts`, v);
    await reload();
  });
}

function flowRows(flows, reload) {
  return flows.map((f) => [
    t('dir.' + f.direction), h('span', {}, h('strong', {}, f.code), ' ', f.code_label || f.label || ''),
    f.description || '', `${num(f.quantity, 2)} ${f.unit || ''}/${t('period.' + (f.period || 'year'))}`,
    f.qty_year !== undefined && f.qty_year !== null ? `${num(f.qty_year, 1)} ${f.canon_unit || f.canonical_unit || ''}` : '',
    h('button', {
      type: 'button', class: 'link', 'aria-label': `${t('delete')} ${f.code}`,
      onclick: async () => { if (confirm(t('flow.confirmdelete'))) { await api.del(`/flows/${enc(f.id)}`); await reload(); } },
    }, t('delete')),
  ]);
}

export async function actorView(main, args) {
  const id = args[0];
  async function reload() {
    const a = await api.get(`/actors/${enc(id)}`);
    const flash = sessionStorage.getItem('symbiose.flash');
    sessionStorage.removeItem('symbiose.flash');
    const flows = a.flows || [];
    const cands = a.candidates || [];
    const syns = a.synergies || [];
    const contacts = a.contacts || [];
    put(clear(main),
      h('p', { class: 'crumbs' }, h('a', { href: '#/actors' }, t('actors.title')), ' › ', a.id),
      h('h1', {}, a.name),
      flash ? h('p', { class: 'form-msg ok', role: 'status', id: 'flash' }, flash) : null,
      h('div', { class: 'two' },
        h('section', { 'aria-labelledby': 'h-identity' }, h('h2', { id: 'h-identity' }, t('actor.identity')), facts([
          [t('actor.siret'), a.siret || '–'],
          [t('actor.naf'), a.naf ? `${a.naf} – ${a.naf_label || ''}` : '–'],
          [t('actor.kind'), t('actorkind.' + (a.kind || 'company'))],
          [t('actor.address'), [a.address, a.commune].filter(Boolean).join(', ') || '–'],
          [t('actor.position'), a.lat !== null && a.lat !== undefined ? `${num(a.lat, 4)}, ${num(a.lon, 4)}` : '–'],
          a.workforce ? [t('actor.workforce'), String(a.workforce)] : null,
          [t('territory'), a.territory || '–'],
        ])),
        h('section', { 'aria-labelledby': 'h-contacts' }, h('h2', { id: 'h-contacts' }, t('actor.contacts')),
          contacts.length ? h('ul', { class: 'contacts' }, contacts.map((c) => h('li', {},
            h('strong', {}, c.name), c.role ? ` – ${c.role}` : '', h('br'),
            c.email ? h('a', { href: 'mailto:' + c.email }, c.email) : '', c.phone ? ` · ${c.phone}` : ''))) : h('p', { class: 'note' }, t('actor.nocontact')),
          h('details', {}, h('summary', {}, t('contact.add')), contactForm(a, reload)))),
      h('section', { 'aria-labelledby': 'h-flows' }, h('h2', { id: 'h-flows' }, t('actor.flows'), ` (${flows.length})`),
        flows.length ? table([t('flow.direction'), t('flow.code'), t('flow.description'), t('flow.quantity'), t('flow.peryear'), ''], flowRows(flows, reload))
          : h('p', { class: 'note' }, t('actor.noflow')),
        h('details', { open: flows.length === 0 || !!flash, id: 'add-flow' }, h('summary', {}, t('flow.add')), flowForm(a, reload))),
      h('section', { 'aria-labelledby': 'h-cands' }, h('h2', { id: 'h-cands' }, t('actor.candidates'), ` (${cands.length})`),
        cands.length ? table([t('score'), t('filter.kind'), t('cand.partner'), t('cand.resource'), t('filter.status')],
          cands.map((c) => [Number(c.score || 0).toFixed(2), t('kind.' + c.kind),
            h('a', { href: '#/candidates/' + enc(c.key) }, c.supplier_id === a.id ? (c.receiver_name || c.receiver_id || '…') : (c.supplier_name || c.supplier_id)),
            c.resource_label || c.resource_code || '', t('status.' + (c.status || 'proposed'))])) : h('p', { class: 'note' }, t('actor.nocandidate'))),
      h('section', { 'aria-labelledby': 'h-syns' }, h('h2', { id: 'h-syns' }, t('actor.synergies'), ` (${syns.length})`),
        syns.length ? table([t('board.stage'), t('cand.partner'), t('cand.resource')],
          syns.map((s) => [t('stage.' + s.stage), h('a', { href: '#/board' }, s.supplier_id === a.id ? (s.receiver_name || s.receiver_id || '') : (s.supplier_name || s.supplier_id || '')),
            s.resource_label || s.resource_code || ''])) : h('p', { class: 'note' }, t('actor.nosynergy'))));
  }
  await reload();
  return null;
}
