// app.js - the symbiose web application: header, navigation, territory choice,
// language switch and the hash router that draws one view at a time in <main>.
import { api } from './api.js';
import { h, clear, say } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import { dashboard } from './dashboard.js';

export const state = { config: null, territories: [], territory: null };

// The dashboard is in the first load; every other page's module loads on its first
// visit (dynamic import), so the dashboard's first render waits for none of them.
const routes = [
  [/^\/?$/, () => dashboard],
  [/^\/map$/, () => import('./map.js').then((m) => m.mapView)],
  [/^\/actors$/, () => import('./actors.js').then((m) => m.actorsView)],
  [/^\/actors\/new$/, () => import('./actors.js').then((m) => m.actorForm)],
  [/^\/actors\/(.+)$/, () => import('./actors.js').then((m) => m.actorView)],
  [/^\/candidates(?:\/(.+))?$/, () => import('./candidates.js').then((m) => m.candidatesView)],
  [/^\/board$/, () => import('./board.js').then((m) => m.boardView)],
  [/^\/sankey$/, () => import('./sankey.js').then((m) => m.sankeyView)],
  [/^\/import$/, () => import('./upload.js').then((m) => m.importView)],
  [/^\/pipeline$/, () => import('./pipeline.js').then((m) => m.pipelineView)],
  [/^\/followup$/, () => import('./followup.js').then((m) => m.followupView)],
  [/^\/events$/, () => import('./events.js').then((m) => m.eventsView)],
  [/^\/events\/new$/, () => import('./events.js').then((m) => m.eventForm)],
  [/^\/events\/(\d+)$/, () => import('./events.js').then((m) => m.eventView)],
  [/^\/levers(?:\/(.+))?$/, () => import('./levers.js').then((m) => m.leversView)],
  [/^\/network$/, () => import('./network.js').then((m) => m.networkView)],
];

const nav = [
  ['#/', 'nav.dashboard'], ['#/map', 'nav.map'], ['#/actors', 'nav.actors'],
  ['#/candidates', 'nav.candidates'], ['#/board', 'nav.board'], ['#/sankey', 'nav.sankey'],
  ['#/import', 'nav.import'], ['#/pipeline', 'nav.pipeline'], ['#/followup', 'nav.followup'],
  ['#/events', 'nav.events'], ['#/levers', 'nav.levers'], ['#/network', 'nav.network'],
];

let cleanup = null;

function header() {
  const hdr = clear(document.getElementById('top'));
  const terr = h('select', {
    id: 'territory', onchange: (e) => {
      state.territory = e.target.value;
      localStorage.setItem('symbiose.territory', state.territory);
      render();
    },
  }, state.territories.map((x) => h('option', { value: x.code, selected: x.code === state.territory }, x.name)));
  const here = location.hash.replace(/^#/, '').split('/').slice(0, 2).join('/') || '/';
  hdr.append(
    h('a', { class: 'brand', href: '#/' }, 'symbiose'),
    h('nav', { 'aria-label': t('nav.label') }, h('ul', {}, nav.map(([href, key]) => {
      const cur = href.slice(1) === here || (href === '#/' && here === '/');
      return h('li', {}, h('a', { href, 'aria-current': cur ? 'page' : null }, t(key)));
    }))),
    h('div', { class: 'tools' },
      h('label', { for: 'territory', class: 'sr' }, t('territory')),
      terr,
      h('button', {
        type: 'button', id: 'lang', class: 'lang', lang: lang() === 'fr' ? 'en' : 'fr',
        'aria-label': t('lang.switch'),
        onclick: () => { setLang(lang() === 'fr' ? 'en' : 'fr'); render(); },
      }, lang() === 'fr' ? 'English' : 'Français')));
}

export async function render() {
  document.documentElement.lang = lang();
  document.title = 'symbiose – ' + t('app.tagline');
  header();
  if (cleanup) { try { cleanup(); } catch { /* the old view is gone */ } cleanup = null; }
  const path = location.hash.replace(/^#/, '') || '/';
  const main = clear(document.getElementById('view'));
  say('');
  for (const [re, view] of routes) {
    const m = path.match(re);
    if (!m) continue;
    try {
      cleanup = (await (await view())(main, m.slice(1).map((x) => x && decodeURIComponent(x)), state)) || null;
    } catch (e) {
      console.error(e);
      main.append(h('p', { class: 'error', role: 'alert' }, t('error.load'), ' ', e.message || String(e)));
    }
    return;
  }
  main.append(h('h1', {}, t('notfound')));
}

async function start() {
  const [config, terr] = await Promise.all([
    api.get('/config').catch(() => ({ tile_url: null, default_lang: 'fr' })),
    api.get('/territories', { per_page: 500 }).catch(() => ({ items: [] })),
  ]);
  state.config = config;
  state.territories = terr.items || terr;
  if (!localStorage.getItem('symbiose.lang') && state.config.default_lang) setLang(state.config.default_lang);
  const saved = localStorage.getItem('symbiose.territory');
  state.territory = state.territories.some((x) => x.code === saved) ? saved
    : (state.territories[0] && state.territories[0].code) || null;
  window.addEventListener('hashchange', render);
  await render();
}

start();
