// levers.js - barriers and levers: the barriers the territory faces and the
// levers it tried (with the date and the result), and the question to the
// network: for a barrier, which levers worked where, ranked by results, with
// the facilitator to call (/api/barriers, /api/levers, docs/api.md "Network").
import { api, enc } from './api.js';
import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { field, checkedForm } from './forms.js';
import { RESULTS, today, day, label, dateCheck, byInput, rememberWho, options } from './net.js';

export async function leversView(main, args, state) {
  main.append(h('h1', {}, t('bl.title')), h('p', { class: 'lead' }, t('bl.lead')));
  if (!state.territory) {
    main.append(h('p', {}, t('dash.noterritory')));
    return null;
  }
  const [barriers, levers] = await Promise.all([api.get('/barriers'), api.get('/levers')]);
  const bmap = new Map(barriers.items.map((b) => [b.code, b]));
  const lmap = new Map(levers.items.map((l) => [l.code, l]));
  const byCat = new Map();
  for (const b of barriers.items) {
    if (!byCat.has(b.category)) byCat.set(b.category, []);
    byCat.get(b.category).push(b);
  }
  // A <select> of the library's barriers, grouped by category.
  const barrierSelect = (empty) => h('select', {}, empty ? h('option', { value: '' }, empty) : null,
    [...byCat].map(([cat, list]) => h('optgroup', { label: t('bcat.' + cat) },
      list.map((b) => h('option', { value: b.code }, label(b))))));

  const mine = h('div', { id: 'bl-territory' });
  const query = h('section', { id: 'bl-network', 'aria-labelledby': 'h-netq' });
  main.append(mine, query);

  async function territoryPart() {
    const [met, tried] = await Promise.all([
      api.get('/barriers/met', { territory: state.territory }),
      api.get('/levers/tried', { territory: state.territory }),
    ]);
    clear(mine).append(h('div', { class: 'two' },
      h('section', { 'aria-labelledby': 'h-met' }, h('h2', { id: 'h-met' }, t('bl.met')),
        met.items.length ? h('table', { id: 'barriers-met' },
          h('thead', {}, h('tr', {}, [t('net.date'), t('bl.barrier'), t('bl.notes'), t('bl.by')].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, met.items.map((r) => h('tr', { 'data-barrier': r.barrier },
            h('td', {}, day(r.date)), h('td', {}, label(bmap.get(r.barrier)) || r.barrier_label),
            h('td', {}, r.notes || ''), h('td', {}, r.by || '')))))
          : h('p', { class: 'empty' }, t('bl.nomet')),
        metForm()),
      h('section', { 'aria-labelledby': 'h-tried' }, h('h2', { id: 'h-tried' }, t('bl.tried')),
        tried.items.length ? h('table', { id: 'levers-tried' },
          h('thead', {}, h('tr', {}, [t('net.date'), t('bl.lever'), t('bl.barrier'), t('bl.result'), t('bl.notes')].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, tried.items.map((r) => h('tr', { 'data-lever': r.lever, 'data-barrier': r.barrier || null },
            h('td', {}, day(r.date)), h('td', {}, label(lmap.get(r.lever)) || r.lever_label),
            h('td', {}, r.barrier ? label(bmap.get(r.barrier)) : '–'),
            h('td', {}, h('span', { class: 'badge result-' + r.result }, t('result.' + r.result))), h('td', {}, r.notes || '')))))
          : h('p', { class: 'empty' }, t('bl.notried')),
        triedForm())));
  }

  function metForm() {
    const out = h('p', { class: 'form-msg', role: 'alert' });
    const F = {
      barrier: field('bm-barrier', t('bl.barrier'), barrierSelect(), { required: true }),
      date: field('bm-date', t('net.date'), h('input', { type: 'date', value: today() }), { check: dateCheck }),
      notes: field('bm-notes', t('bl.notes'), h('input', { type: 'text', maxlength: 1000 }), { wide: true }),
      by: field('bm-by', t('net.by'), byInput(), { required: true, check: (v) => (v.trim() ? '' : t('net.needby')) }),
    };
    return h('details', {}, h('summary', {}, t('bl.addmet')),
      checkedForm('met-form', F, out, [h('button', { type: 'submit' }, t('bl.record'))], async (v) => {
        rememberWho(v.by);
        await api.post('/barriers/met', { ...v, territory: state.territory });
        await territoryPart();
        say(t('bl.metdone'));
      }));
  }

  function triedForm() {
    const out = h('p', { class: 'form-msg', role: 'alert' });
    const lever = h('select', {}, levers.items.map((l) => h('option', { value: l.code }, label(l))));
    const bar = barrierSelect(t('bl.nobarrier'));
    // Choosing a barrier narrows the levers to those that address it.
    bar.addEventListener('change', () => {
      const keep = lever.value;
      clear(lever).append(...levers.items.filter((l) => !bar.value || (l.addresses || '').split(' ').includes(bar.value))
        .map((l) => h('option', { value: l.code, selected: l.code === keep }, label(l))));
    });
    const F = {
      barrier: field('lt-barrier', t('bl.barrier'), bar),
      lever: field('lt-lever', t('bl.lever'), lever, { required: true }),
      result: field('lt-result', t('bl.result'), h('select', {}, options(RESULTS, 'result.', 'worked')), { required: true }),
      date: field('lt-date', t('net.date'), h('input', { type: 'date', value: today() }), { check: dateCheck }),
      notes: field('lt-notes', t('bl.notes'), h('input', { type: 'text', maxlength: 1000 }), { wide: true }),
      by: field('lt-by', t('net.by'), byInput(), { required: true, check: (v) => (v.trim() ? '' : t('net.needby')) }),
    };
    return h('details', {}, h('summary', {}, t('bl.addtried')),
      checkedForm('tried-form', F, out, [h('button', { type: 'submit' }, t('bl.record'))], async (v) => {
        rememberWho(v.by);
        await api.post('/levers/tried', { ...v, territory: state.territory });
        await territoryPart();
        say(t('bl.trieddone'));
        if (v.barrier) await ask(v.barrier);
      }));
  }

  const flash = h('p', { class: 'note ok', role: 'status', id: 'bl-msg' });
  main.insertBefore(flash, mine);
  const say = (m) => { flash.textContent = m; };

  const pick = barrierSelect();
  pick.id = 'netq-barrier';
  const answer = h('div', { id: 'netq-answer', 'aria-live': 'polite' });
  query.append(h('h2', { id: 'h-netq' }, t('bl.netq')), h('p', { class: 'note' }, t('bl.netq.lead')),
    h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); ask(pick.value); } },
      h('label', { for: 'netq-barrier' }, t('bl.barrier')), pick, h('button', { type: 'submit', class: 'primary' }, t('bl.ask'))),
    answer);

  async function ask(code) {
    pick.value = code;
    const r = await api.get('/barriers/' + enc(code));
    const contact = (f) => (f && f.name ? [f.name, f.email ? [' · ', h('a', { href: 'mailto:' + f.email }, f.email)] : null,
      f.phone ? ` · ${f.phone}` : null] : '–');
    clear(answer).append(
      h('p', {}, h('strong', {}, label(r)), ' – ', r.description),
      r.outcomes.length ? h('table', { id: 'netq-table', 'data-barrier': r.code },
        h('thead', {}, h('tr', {}, ['#', t('bl.lever'), t('territory'), t('result.worked'), t('result.partly'), t('result.did_not'),
          t('bl.last'), t('bl.facilitator')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, r.outcomes.map((o, i) => h('tr', { 'data-lever': o.lever, 'data-territory': o.territory },
          h('td', {}, String(i + 1)), h('td', {}, label(lmap.get(o.lever)) || o.lever_label),
          h('td', {}, o.territory_name || o.territory), h('td', { class: 'num' }, String(o.worked)),
          h('td', { class: 'num' }, String(o.partly)), h('td', { class: 'num' }, String(o.did_not)),
          h('td', {}, day(o.last_date)), h('td', {}, contact(o.facilitator))))))
        : h('p', { class: 'empty' }, t('bl.noone')),
      r.untried.length ? h('details', {}, h('summary', {}, t('bl.untried', { n: r.untried.length })),
        h('ul', {}, r.untried.map((l) => h('li', {}, h('strong', {}, label(l)), ' – ', l.description)))) : null);
    answer.dataset.barrier = r.code;
  }

  await territoryPart();
  if (args[0]) await ask(args[0]);
  main.dataset.loaded = 'levers';
  return null;
}
