// svgchart.js - the dashboard's three small charts (horizontal bars, a donut,
// vertical bars) drawn as inline SVG: no library to fetch, parse or start, so the
// key figures and their charts are on screen as soon as the summary arrives.
// echarts stays for the charts that need it (Sankey, the network page).
import { num } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const title = (text) => s('title', {}, text);

function svg(w, h, label) {
  return s('svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', height: '100%', role: 'img', 'aria-label': label, class: 'svgchart' });
}

// ITEMS: [{label, value, color}]. Bars from the left, labels on the left, values at the end.
export function hbars(items, label) {
  const W = 420; const H = 260; const left = 130; const right = 50; const bh = Math.min(44, (H - 20) / Math.max(1, items.length) - 12);
  const max = Math.max(1, ...items.map((x) => x.value || 0));
  const g = svg(W, H, label);
  items.forEach((x, i) => {
    const y = 10 + i * (bh + 12);
    const w = ((x.value || 0) / max) * (W - left - right);
    g.append(s('text', { x: left - 8, y: y + bh / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'lab' }, x.label),
      s('rect', { x: left, y, width: Math.max(1, w), height: bh, fill: x.color, rx: 3 }, title(`${x.label}: ${num(x.value)}`)),
      s('text', { x: left + w + 6, y: y + bh / 2, 'dominant-baseline': 'middle', class: 'val' }, num(x.value)));
  });
  return g;
}

// A donut with a legend under it.
export function donut(items, label) {
  const W = 420; const H = 260; const cx = W / 2; const cy = 110; const R = 90; const r = 54;
  const total = items.reduce((a, x) => a + (x.value || 0), 0) || 1;
  const g = svg(W, H, label);
  let a0 = -Math.PI / 2;
  for (const x of items) {
    if (!x.value) continue;
    const a1 = a0 + (x.value / total) * 2 * Math.PI - (x.value === total ? 1e-4 : 0);
    const big = a1 - a0 > Math.PI ? 1 : 0;
    const p = (rad, a) => `${cx + rad * Math.cos(a)} ${cy + rad * Math.sin(a)}`;
    g.append(s('path', {
      d: `M ${p(R, a0)} A ${R} ${R} 0 ${big} 1 ${p(R, a1)} L ${p(r, a1)} A ${r} ${r} 0 ${big} 0 ${p(r, a0)} Z`, fill: x.color,
    }, title(`${x.label}: ${num(x.value)}`)));
    a0 = a1;
  }
  g.append(s('text', { x: cx, y: cy, 'text-anchor': 'middle', 'dominant-baseline': 'middle', class: 'total' }, num(total)));
  const step = W / Math.max(1, items.length);
  items.forEach((x, i) => {
    const lx = i * step + 12;
    g.append(s('rect', { x: lx, y: H - 26, width: 12, height: 12, fill: x.color, rx: 2 }),
      s('text', { x: lx + 18, y: H - 20, 'dominant-baseline': 'middle', class: 'lab' }, `${x.label} ${num(x.value)}`));
  });
  return g;
}

// Vertical bars with their labels under them.
export function vbars(items, label, color) {
  const W = 420; const H = 260; const top = 22; const bottom = 48; const n = Math.max(1, items.length);
  const max = Math.max(1, ...items.map((x) => x.value || 0));
  const slot = (W - 20) / n; const bw = Math.min(56, slot * 0.6);
  const g = svg(W, H, label);
  g.append(s('line', { x1: 10, x2: W - 10, y1: H - bottom, y2: H - bottom, class: 'axis' }));
  items.forEach((x, i) => {
    const hgt = ((x.value || 0) / max) * (H - top - bottom);
    const cx = 10 + slot * i + slot / 2;
    g.append(s('rect', { x: cx - bw / 2, y: H - bottom - hgt, width: bw, height: Math.max(hgt, 0.5), fill: color, rx: 3 }, title(`${x.label}: ${num(x.value)}`)),
      s('text', { x: cx, y: H - bottom - hgt - 6, 'text-anchor': 'middle', class: 'val' }, num(x.value)),
      s('text', { x: cx, y: H - bottom + 16, 'text-anchor': 'middle', class: 'lab' }, x.label));
  });
  return g;
}
