// map.js - the territory's map: actors clustered and coloured by NACE section,
// candidate and synergy links coloured by kind, drawn by status, as wide as their
// quantity; filters by family, kind, status and score; a click on a link opens its
// explanation. With no tile URL (/api/config) nothing leaves the machine: the
// background is plain and the territory's communes are drawn as points.
import { all, allFeatures, api, enc } from './api.js';
import { h, clear, num } from './dom.js';
import { t } from './i18n.js';
import { section, SECTION_COLORS } from './sectors.js';
import { KIND_COLORS } from './dashboard.js';
import { candidateDetail } from './candidates.js';
import { leafletReady } from './vendor.js';

const DASH = { proposed: '8 6', accepted: null, rejected: '2 6', synergy: null };

function width(q) {
  const x = Math.log10((Number(q) || 0) + 1);
  return Math.max(1.5, Math.min(9, 1 + x * 1.2));
}

function linkStatus(p) {
  return p.synergy_id || p.synergy ? 'synergy' : (p.status || 'proposed');
}

export async function mapView(main, _args, state) {
  if (!state.territory) {
    main.append(h('h1', {}, t('map.title')), h('p', {}, t('dash.noterritory')));
    return null;
  }
  const T = state.territory;
  const tiles = state.config && state.config.tile_url;
  const [, actors, links, communes] = await Promise.all([
    leafletReady(),
    api.get('/geo/actors', { territory: T }),
    allFeatures('/geo/links', { territory: T }),
    tiles ? Promise.resolve(null) : api.get('/geo/communes', { territory: T }).catch(() => null),
  ]);
  const feats = (links && links.features) || [];
  // Resource families: the taxonomy's roots and the List of Waste's chapters (the
  // API filters candidates by code prefix; the links carry only their key).
  const families = ['energy', 'water', 'material', 'service', 'equipment', 'skills', 'land']
    .concat(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));
  let familyKeys = null;
  const kinds = [...new Set(feats.map((f) => f.properties.kind).filter(Boolean))].sort();
  const statuses = ['proposed', 'accepted', 'synergy', 'rejected'];
  // Many links make a hairball: by default only the better half of the proposed ones.
  const filter = { family: '', kinds: new Set(kinds), statuses: new Set(['proposed', 'accepted', 'synergy']), score: feats.length > 100 ? 0.5 : 0 };
  const rank = { rejected: 0, proposed: 1, accepted: 2, synergy: 3 };
  feats.sort((a, b) => rank[linkStatus(a.properties || {})] - rank[linkStatus(b.properties || {})]);

  const side = h('aside', { class: 'map-side', 'aria-label': t('map.filters') });
  const mapEl = h('div', { id: 'map', class: tiles ? 'map' : 'map offline', role: 'region', 'aria-label': t('map.title') });
  const panel = h('div', { id: 'link-panel', class: 'panel', 'aria-live': 'polite' });
  main.append(h('h1', { class: 'sr' }, t('map.title')), h('div', { class: 'map-layout' }, side, mapEl));

  const count = h('p', { class: 'note', id: 'link-count' });
  const swatch = (color, dash) => {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '28'); svg.setAttribute('height', '10'); svg.setAttribute('aria-hidden', 'true');
    const l = document.createElementNS(ns, 'line');
    Object.entries({ x1: 1, y1: 5, x2: 27, y2: 5, stroke: color, 'stroke-width': 3 }).forEach(([k, v]) => l.setAttribute(k, v));
    if (dash) l.setAttribute('stroke-dasharray', dash);
    svg.append(l);
    return svg;
  };
  const box = (set, value, label, sw) => h('label', { class: 'check' },
    h('input', {
      type: 'checkbox', checked: set.has(value), value, name: value,
      onchange: (e) => { if (e.target.checked) set.add(value); else set.delete(value); draw(); },
    }), sw, ' ', label);
  const scoreOut = h('output', { for: 'min-score' }, filter.score.toFixed(2));
  side.append(
    h('h2', {}, t('map.filters')),
    h('fieldset', {}, h('legend', {}, t('filter.kind')),
      kinds.map((k) => box(filter.kinds, k, t('kind.' + k), swatch(KIND_COLORS[k] || '#555', null)))),
    h('fieldset', {}, h('legend', {}, t('filter.status')),
      statuses.map((s) => box(filter.statuses, s, t('status.' + s), swatch('#444', DASH[s])))),
    h('label', { for: 'family' }, t('filter.family')),
    h('select', {
      id: 'family', onchange: async (e) => {
        filter.family = e.target.value;
        familyKeys = null;
        if (filter.family) {
          const cs = await all('/candidates', { territory: T, family: filter.family }, 20000);
          familyKeys = new Set(cs.map((c) => c.key));
        }
        draw();
      },
    }, h('option', { value: '' }, t('filter.all')), families.map((f) => h('option', { value: f },
      /^\d/.test(f) ? t('family.low', { n: f }) : t('family.' + f)))),
    h('label', { for: 'min-score' }, t('filter.minscore'), ' ', scoreOut),
    h('input', {
      id: 'min-score', type: 'range', min: 0, max: 1, step: 0.05, value: filter.score,
      oninput: (e) => { filter.score = Number(e.target.value); scoreOut.textContent = filter.score.toFixed(2); draw(); },
    }),
    count,
    panel);

  const map = L.map(mapEl, { preferCanvas: true, zoomSnap: 0.5, maxZoom: 18, minZoom: 5, attributionControl: !!tiles });
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 19, attribution: state.config.tile_attribution || '' }).addTo(map);
  } else {
    const layer = L.layerGroup().addTo(map);
    const cs = (communes && communes.features) || [];
    for (const f of cs) {
      const [lon, lat] = f.geometry.coordinates;
      const m = L.circleMarker([lat, lon], { radius: 4, color: '#8795a1', weight: 1, fillColor: '#cfd6dd', fillOpacity: 1, interactive: false });
      const name = f.properties.name || f.properties.code;
      if (name) m.bindTooltip(name, { permanent: cs.length <= 80, direction: 'right', className: 'commune-label', offset: [4, 0] });
      layer.addLayer(m);
    }
  }

  // Clustered when many (a few hundred actors); a small territory shows every actor.
  const many = ((actors && actors.features) || []).length > 200;
  const cluster = many ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, chunkedLoading: true, disableClusteringAtZoom: 16 })
    : L.featureGroup();
  const pts = [];
  const present = new Set();
  for (const f of (actors && actors.features) || []) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties || {};
    const sec = section(p.naf);
    present.add(sec);
    const icon = L.divIcon({ className: 'actor-dot', html: `<span style="background:${SECTION_COLORS[sec]}"></span>`, iconSize: [14, 14] });
    const m = L.marker([lat, lon], { icon, title: p.name, alt: p.name, keyboard: true });
    m.bindPopup(() => h('div', {}, h('strong', {}, p.name), h('br'), p.naf ? `${p.naf} ${p.naf_label || ''}` : '',
      h('br'), h('a', { href: '#/actors/' + enc(p.id) }, t('map.openactor'))));
    cluster.addLayer(m);
    pts.push([lat, lon]);
  }
  map.addLayer(cluster);

  // SVG for a readable number of links (each one a DOM path a test or a screen
  // reader can reach), canvas beyond.
  const renderer = feats.length <= 3000 ? L.svg() : L.canvas();
  const linkLayer = L.layerGroup().addTo(map);
  async function open(p) {
    clear(panel);
    if (p.key) {
      panel.append(h('p', {}, t('loading')));
      try {
        const c = await api.get(`/candidates/${enc(p.key)}`);
        clear(panel).append(candidateDetail(c, { compact: true }),
          h('p', {}, h('a', { href: '#/candidates/' + enc(p.key) }, t('map.review'))));
        side.scrollTop = panel.offsetTop - side.offsetTop; /* the side bar only, not the page */
      } catch (e) {
        clear(panel).append(h('p', { class: 'error' }, e.message));
      }
    } else {
      panel.append(h('h3', {}, t('status.synergy')), h('p', {}, p.label || ''),
        h('p', {}, h('a', { href: '#/board' }, t('map.openboard'))));
    }
  }
  function draw() {
    linkLayer.clearLayers();
    let n = 0;
    const shown = {};
    for (const f of feats) {
      const p = f.properties || {};
      const st = linkStatus(p);
      if (!filter.statuses.has(st)) continue;
      if (p.kind && !filter.kinds.has(p.kind)) continue;
      if (familyKeys && !familyKeys.has(p.key)) continue;
      if (st === 'proposed' && (Number(p.score) || 0) < filter.score) continue;
      const coords = f.geometry.type === 'LineString' ? f.geometry.coordinates.map(([x, y]) => [y, x]) : null;
      if (!coords) continue;
      const line = L.polyline(coords, {
        color: st === 'rejected' ? '#9aa5b1' : (KIND_COLORS[p.kind] || '#555'),
        weight: width(p.quantity) + (st === 'synergy' ? 2 : 0),
        opacity: st === 'proposed' ? 0.55 : 0.95,
        dashArray: DASH[st], lineCap: 'round', renderer,
        className: `link link-${st} kind-${p.kind || 'none'}`,
      });
      line.bindTooltip(`${t('kind.' + (p.kind || 'substitution'))} · ${t('status.' + st)} · ${num(p.quantity)} ${p.unit || ''}` +
        (p.score !== undefined ? ` · ${t('score')} ${Number(p.score).toFixed(2)}` : ''), { sticky: true });
      line.on('click', () => open(p));
      linkLayer.addLayer(line);
      n++;
      shown[st] = (shown[st] || 0) + 1;
    }
    for (const s of statuses) mapEl.dataset[s] = String(shown[s] || 0);
    count.textContent = t('map.count', { n, total: feats.length });
    mapEl.dataset.links = String(n);
  }
  draw();

  const legend = L.control({ position: 'bottomright' });
  legend.onAdd = () => h('div', { class: 'legend' }, h('strong', {}, t('map.sectors')),
    [...present].sort().map((s) => h('div', {}, h('span', { class: 'dot', style: `background:${SECTION_COLORS[s]}` }), ' ',
      s === '?' ? t('sector.unknown') : `${s} · ${t('sector.' + s)}`)));
  legend.addTo(map);
  if (!tiles) {
    const note = L.control({ position: 'topright' });
    note.onAdd = () => h('div', { class: 'legend offline-note' }, t('map.offline'));
    note.addTo(map);
  }
  if (pts.length) map.fitBounds(pts, { padding: [30, 30], maxZoom: 15 });
  else map.setView([48.58, 7.75], 11);
  mapEl.dataset.actors = String(pts.length);
  return () => map.remove();
}
