// dashboard.js - the territory at a glance: key figures and three charts
// (candidates by kind and by status, synergies by stage) drawn as inline SVG
// (svgchart.js: the first render waits for no chart library). Marks the moment
// the page is painted (performance mark "dashboard-drawn") for bench/ui.
import { api, enc } from './api.js';
import { h, num, big } from './dom.js';
import { t } from './i18n.js';
import { hbars, donut, vbars } from './svgchart.js';
import { STAGES } from './board.js';
import { runButton } from './runs.js';

const KINDS = ['substitution', 'mutualisation', 'prospective'];
const STATUSES = ['proposed', 'accepted', 'rejected'];

function card(label, value, unit, id) {
  return h('div', { class: 'kpi', id },
    h('div', { class: 'kpi-value' }, value),
    h('div', { class: 'kpi-unit' }, unit || '\u00a0'),
    h('div', { class: 'kpi-label' }, label));
}

function sum(o) {
  return Object.values(o || {}).reduce((a, b) => a + (Number(b) || 0), 0);
}

function ordered(known, o) {
  const keys = known.filter((k) => k in (o || {}));
  for (const k of Object.keys(o || {})) if (!keys.includes(k)) keys.push(k);
  return keys;
}

export async function dashboard(main, _args, state) {
  if (!state.territory) {
    main.append(h('h1', {}, t('dash.title')), h('p', {}, t('dash.noterritory')));
    return null;
  }
  const terr = state.territories.find((x) => x.code === state.territory) || {};
  const s = await api.get(`/territories/${enc(state.territory)}/summary`);
  performance.mark('dashboard-data');
  const cand = s.candidates || {};
  const syn = (s.synergies && s.synergies.by_stage) || {};
  const imp = s.impact || {};
  main.append(
    h('h1', {}, terr.name || state.territory),
    h('p', { class: 'lead' }, [terr.structure, terr.programme && `${t('programme')} ${terr.programme}`, terr.region]
      .filter(Boolean).join(' · ')),
    h('section', { class: 'kpis', 'aria-label': t('dash.figures') },
      card(t('dash.actors'), num(s.actors), null, 'kpi-actors'),
      card(t('dash.flows'), num(s.flows), null, 'kpi-flows'),
      card(t('dash.candidates'), num(sum(cand.by_status)), null, 'kpi-candidates'),
      card(t('dash.synergies'), num(sum(syn)), null, 'kpi-synergies'),
      card(t('dash.tonnes'), big(imp.tonnes), 't/' + t('unit.year'), 'kpi-tonnes'),
      card(t('dash.co2e'), big(imp.co2e_kg === null || imp.co2e_kg === undefined ? null : imp.co2e_kg / 1000), 't CO2e/' + t('unit.year'), 'kpi-co2e'),
      card(t('dash.euros'), big(imp.euros), '€/' + t('unit.year'), 'kpi-euros')),
    imp.plan_id ? h('p', { class: 'note' }, t('dash.fromplan', { id: imp.plan_id }))
      : h('p', { class: 'note' }, t('dash.noplan'), ' ',
        runButton('plan', state.territory, t('dash.runplan'), () => location.reload())));
  const grid = h('section', { class: 'charts', 'aria-label': t('dash.charts') });
  main.append(grid);
  // An empty chart is a sentence saying what to do, not bare axes.
  const draw = (title, id, total, empty, make) => grid.append(h('figure', {}, h('figcaption', {}, title),
    total > 0 ? h('div', { class: 'chart svg', id }, make(title)) : h('p', { class: 'chart empty', id }, empty)));
  const kinds = ordered(KINDS, cand.by_kind);
  const statuses = ordered(STATUSES, cand.by_status);
  const stages = ordered(STAGES, syn);
  draw(t('dash.bykind'), 'chart-kind', sum(cand.by_kind), t('dash.nocandidate'), (title) =>
    hbars(kinds.map((k) => ({ label: t('kind.' + k), value: cand.by_kind[k], color: KIND_COLORS[k] || '#4d7ea8' })), title));
  draw(t('dash.bystatus'), 'chart-status', sum(cand.by_status), t('dash.nocandidate'), (title) =>
    donut(statuses.map((k) => ({ label: t('status.' + k), value: cand.by_status[k], color: STATUS_COLORS[k] || '#c9a227' })), title));
  draw(t('dash.bystage'), 'chart-stage', sum(syn), t('dash.nosynergy'), (title) =>
    vbars(stages.map((k) => ({ label: t('stage.' + k), value: syn[k] || 0 })), title, '#3a9d5d'));
  // Drawn: the frame that holds the figures and the charts has been painted.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('dashboard-drawn');
    main.dataset.drawn = 'dashboard';
  }));
  return null;
}

export const KIND_COLORS = { substitution: '#1f6f8b', mutualisation: '#6a4c93', prospective: '#e07a1f' };
export const STATUS_COLORS = { proposed: '#9aa5b1', accepted: '#3a9d5d', rejected: '#b8336a' };
