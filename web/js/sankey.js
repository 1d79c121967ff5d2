// sankey.js - flows between activity sectors (NACE divisions), in tonnes or in MWh
// (/api/sankey). Suppliers are drawn on the left and receivers on the right, so a
// division that exchanges with itself stays a readable (acyclic) diagram.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { chart, disposeAll, autoResize } from './charts.js';

export async function sankeyView(main, _args, state) {
  if (!state.territory) {
    main.append(h('h1', {}, t('sankey.title')), h('p', {}, t('dash.noterritory')));
    return null;
  }
  const charts = [];
  let unit = sessionStorage.getItem('symbiose.sankey.unit') || 't';
  const box = h('div', { class: 'chart sankey', id: 'sankey', role: 'img', 'aria-label': t('sankey.title') });
  const note = h('p', { class: 'note', 'aria-live': 'polite' });
  const radios = h('fieldset', { class: 'inline' }, h('legend', {}, t('sankey.unit')),
    [['t', t('sankey.tonnes')], ['MWh', 'MWh']].map(([u, label]) => h('label', {},
      h('input', { type: 'radio', name: 'unit', value: u, checked: u === unit, onchange: () => { unit = u; sessionStorage.setItem('symbiose.sankey.unit', u); draw(); } }),
      ' ', label)));
  main.append(h('h1', {}, t('sankey.title')), h('p', { class: 'lead' }, t('sankey.lead')), radios, note, box);
  const stop = autoResize(charts);

  async function draw() {
    disposeAll(charts);
    const d = await api.get('/sankey', { territory: state.territory, unit });
    const label = new Map((d.nodes || []).map((n) => [String(n.id), n.label ? `${n.id} ${n.label}` : String(n.id)]));
    const used = new Set();
    const links = (d.links || []).filter((l) => l.value > 0).map((l) => {
      const s = 'S' + l.source;
      const r = 'R' + l.target;
      used.add(s); used.add(r);
      return { source: s, target: r, value: l.value };
    });
    box.dataset.links = String(links.length);
    if (!links.length) {
      note.textContent = t('sankey.empty');
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const total = links.reduce((a, l) => a + l.value, 0);
    note.textContent = t('sankey.total', { v: new Intl.NumberFormat(document.documentElement.lang).format(Math.round(total)), unit: unit === 't' ? 't' : 'MWh' });
    const nodes = [...used].map((id) => ({
      name: id, itemStyle: { color: id[0] === 'S' ? '#e07a1f' : '#1f6f8b' },
      label: { position: id[0] === 'S' ? 'right' : 'left' },
    }));
    const name = (id) => label.get(id.slice(1)) || id.slice(1);
    chart(box, {
      tooltip: {
        trigger: 'item',
        formatter: (p) => p.dataType === 'edge'
          ? `${name(p.data.source)} → ${name(p.data.target)}<br>${Math.round(p.data.value).toLocaleString()} ${unit}`
          : name(p.name),
      },
      series: [{
        type: 'sankey', data: nodes, links, nodeAlign: 'justify', left: 10, right: 10, top: 10, bottom: 10,
        emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.45 },
        label: { formatter: (p) => { const s = name(p.name); return s.length > 48 ? s.slice(0, 46) + '…' : s; }, fontSize: 14 },
      }],
    }, charts, true);
  }
  await draw();
  return () => { stop(); disposeAll(charts); };
}
