// network.js - the network dashboard: every territory's indicators for a year
// (actors by engagement stage, events and participants, candidates and
// synergies, tonnes, CO2e and euros, barriers and levers), with charts, and
// the ELIPSE self-evaluation of the chosen territory as a radar beside the
// year before, its entered indicators editable (/api/network, /api/elipse).
import { api } from './api.js';
import { h, clear, num, big } from './dom.js';
import { t, lang } from './i18n.js';
import { chart, disposeAll, autoResize } from './charts.js';
import { ENG_STAGES, who, rememberWho } from './net.js';

const STAGE_COLORS = ['#c5ced6', '#9fc2d6', '#5fa3c4', '#2f7fa6', '#1f6f8b', '#3a9d5d', '#b8336a'];

export async function networkView(main, _args, state) {
  const charts = [];
  const thisYear = new Date().getFullYear();
  const years = [thisYear, thisYear - 1, thisYear - 2, thisYear - 3];
  const saved = Number(sessionStorage.getItem('symbiose.netyear')) || thisYear;
  const yearSel = h('select', { id: 'net-year' }, years.map((y) => h('option', { value: y, selected: y === saved }, String(y))),
    h('option', { value: '', selected: !years.includes(saved) }, t('net.allyears')));
  const body = h('div', { id: 'network' });
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('net.title')),
    h('label', { for: 'net-year' }, t('net.year')), yearSel),
  h('p', { class: 'lead' }, t('net.lead')), body);
  yearSel.addEventListener('change', () => { sessionStorage.setItem('symbiose.netyear', yearSel.value || '0'); draw(); });
  const stop = autoResize(charts);

  async function draw() {
    disposeAll(charts);
    delete main.dataset.drawn;
    const year = yearSel.value ? Number(yearSel.value) : null;
    const r = await api.get('/network', { year });
    const a = r.all;
    const terrs = r.territories;
    const names = terrs.map((x) => x.name || x.territory);
    clear(body).append(
      h('section', { class: 'kpis', 'aria-label': t('dash.figures') },
        kpi(t('net.territories'), num(terrs.length), 'kpi-net-territories'),
        kpi(t('dash.actors'), num(a.actors), 'kpi-net-actors'),
        kpi(t('net.engaged'), num(a.by_stage.committed + a.by_stage.data_shared + a.by_stage.in_synergy), 'kpi-net-engaged'),
        kpi(t('net.events'), num(a.events), 'kpi-net-events'),
        kpi(t('dash.synergies'), num(a.synergies), 'kpi-net-synergies'),
        kpi(t('dash.co2e'), big(a.co2e_kg / 1000), 'kpi-net-co2e', 't CO2e'),
        kpi(t('net.leversworked'), `${num(a.levers_worked)} / ${num(a.levers_tried)}`, 'kpi-net-levers')));
    const grid = h('section', { class: 'charts two-charts', 'aria-label': t('dash.charts') });
    body.append(grid);
    const box = (title, id) => {
      const c = h('div', { class: 'chart', id, role: 'img', 'aria-label': title });
      grid.append(h('figure', {}, h('figcaption', {}, title), c));
      return c;
    };
    const drawn = [
      chart(box(t('net.bystage'), 'chart-net-stage'), {
        tooltip: { trigger: 'axis' }, legend: { bottom: 0, type: 'scroll' },
        grid: { left: 10, right: 20, top: 10, bottom: 50, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: names, inverse: true },
        series: ENG_STAGES.map((s, i) => ({
          name: t('eng.' + s), type: 'bar', stack: 'all', itemStyle: { color: STAGE_COLORS[i] },
          data: terrs.map((x) => x.by_stage[s]),
        })),
      }, charts),
      chart(box(t('net.activity'), 'chart-net-activity'), {
        tooltip: { trigger: 'axis' }, legend: { bottom: 0 },
        grid: { left: 10, right: 20, top: 10, bottom: 50, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: names, inverse: true },
        series: [
          { name: t('net.events'), type: 'bar', data: terrs.map((x) => x.events) },
          { name: t('ev.participants'), type: 'bar', data: terrs.map((x) => x.participants) },
          { name: t('net.barriers'), type: 'bar', data: terrs.map((x) => x.barriers) },
          { name: t('net.leversworked'), type: 'bar', data: terrs.map((x) => x.levers_worked) },
        ],
      }, charts),
    ];
    body.append(h('table', { id: 'net-table' },
      h('thead', {}, h('tr', {}, [t('territory'), t('dash.actors'), t('net.engaged'), t('net.events'), t('ev.participants'),
        t('dash.candidates'), t('dash.synergies'), 't', 't CO2e', '€', t('net.barriers'), t('net.leversworked')]
        .map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, [...terrs, a].map((x) => h('tr', { 'data-territory': x.territory, class: x === a ? 'total' : null },
        h('th', { scope: 'row' }, x === a ? t('net.total') : x.name || x.territory),
        ...[x.actors, x.by_stage.committed + x.by_stage.data_shared + x.by_stage.in_synergy, x.events, x.participants,
          x.candidates.proposed + x.candidates.accepted + x.candidates.rejected, x.synergies, x.tonnes,
          x.co2e_kg / 1000, x.euros, x.barriers].map((v) => h('td', { class: 'num' }, num(v))),
        h('td', { class: 'num' }, `${num(x.levers_worked)} / ${num(x.levers_tried)}`))))));
    if (state.territory) drawn.push(elipse(body, state, year || thisYear, charts));
    await Promise.all(drawn);
    main.dataset.drawn = 'network';
  }

  await draw();
  return () => { stop(); disposeAll(charts); };
}

function kpi(label, value, id, unit) {
  return h('div', { class: 'kpi', id }, h('div', { class: 'kpi-value' }, value),
    h('div', { class: 'kpi-unit' }, unit || '\u00a0'), h('div', { class: 'kpi-label' }, label));
}

// The ELIPSE radar of the territory for YEAR beside YEAR - 1, and the table of
// indicators with the entered ones editable.
async function elipse(body, state, year, charts) {
  const [cur, prev] = await Promise.all([
    api.get('/elipse', { territory: state.territory, year }),
    api.get('/elipse', { territory: state.territory, year: year - 1 }),
  ]);
  const name = (x) => (lang() === 'fr' ? x.label_fr : x.label_en) || x.code;
  const share = (x) => (x.value === null ? 0 : Math.min(1, x.scale_max > 0 ? x.value / x.scale_max : x.value > 0 ? 1 : 0));
  const terr = (state.territories.find((x) => x.code === state.territory) || {}).name || state.territory;
  const sec = h('section', { id: 'elipse', 'aria-labelledby': 'h-elipse' },
    h('h2', { id: 'h-elipse' }, t('elipse.title', { territory: terr, year })),
    h('p', { class: 'note', id: 'elipse-filled' }, t('elipse.filled', { n: cur.required_filled, of: cur.required })));
  body.append(sec);
  const el = h('div', { class: 'chart radar', id: 'chart-elipse', role: 'img', 'aria-label': t('elipse.radar') });
  sec.append(el);
  const drawn = chart(el, {
    tooltip: {}, legend: { bottom: 0 },
    radar: { indicator: cur.indicators.map((x) => ({ name: x.code, max: 1 })), radius: '68%', axisName: { color: '#34495e' } },
    series: [{
      type: 'radar',
      data: [
        { name: String(year - 1), value: prev.indicators.map(share), lineStyle: { type: 'dashed' }, itemStyle: { color: '#9aa5b1' } },
        { name: String(year), value: cur.indicators.map(share), areaStyle: { opacity: 0.25 }, itemStyle: { color: '#1f6f8b' } },
      ],
    }],
  }, charts, true);
  const msg = h('p', { class: 'form-msg', role: 'alert', id: 'elipse-msg' });
  const inputs = new Map();
  const by = h('input', { type: 'text', id: 'elipse-by', value: who(), maxlength: 200 });
  sec.append(h('form', {
    id: 'elipse-form', onsubmit: async (e) => {
      e.preventDefault();
      const values = {};
      for (const [code, inp] of inputs) if (inp.value.trim() !== inp.dataset.was) values[code] = inp.value.trim();
      if (!Object.keys(values).length) { msg.textContent = t('elipse.nochange'); msg.className = 'form-msg'; return; }
      if (!by.value.trim()) { msg.textContent = t('net.needby'); msg.className = 'form-msg error'; by.focus(); return; }
      rememberWho(by.value.trim());
      try {
        await api.put('/elipse', { territory: state.territory, year, by: by.value.trim(), values });
        msg.textContent = t('elipse.saved', { n: Object.keys(values).length });
        msg.className = 'form-msg ok';
        for (const inp of inputs.values()) inp.dataset.was = inp.value.trim();
      } catch (err) {
        msg.textContent = err.message;
        msg.className = 'form-msg error';
        for (const [f, m] of Object.entries(err.fields || {})) {
          const inp = inputs.get(f.replace(/^values\./, ''));
          if (inp) { inp.setAttribute('aria-invalid', 'true'); inp.title = m; }
        }
      }
    },
  }, h('table', { id: 'elipse-table' },
    h('thead', {}, h('tr', {}, ['', t('elipse.indicator'), t('elipse.value'), t('elipse.unit'), t('elipse.basis'), t('elipse.source')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, cur.indicators.map((x) => {
      let cell = num(x.value, 2);
      if (!x.computed) {
        const was = x.value === null ? '' : String(x.value);
        const inp = h('input', { type: 'text', class: 'short', id: 'elipse-' + x.code, value: was, 'aria-label': `${x.code} ${name(x)}` });
        inp.dataset.was = was;
        inputs.set(x.code, inp);
        cell = inp;
      }
      return h('tr', { 'data-code': x.code, 'data-basis': x.basis },
        h('td', {}, x.code, x.required ? h('span', { class: 'req', title: t('elipse.required') }, ' *') : null),
        h('td', {}, name(x)), h('td', {}, cell), h('td', {}, x.unit), h('td', {}, t('elipse.' + x.basis)),
        h('td', { class: 'note', title: x.source || null }, x.source && x.source.length > 140 ? x.source.slice(0, 140) + '…'
          : x.source || (x.published === 'not found' ? t('elipse.nodef') : '')));
    }))),
  h('div', { class: 'buttons' }, h('label', { for: 'elipse-by' }, t('net.by')), by,
    h('button', { type: 'submit', class: 'primary' }, t('elipse.save'))), msg));
  return drawn;
}
