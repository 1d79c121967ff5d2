// dom.js - a small helper to build DOM nodes without a framework, and number formats.
import { lang } from './i18n.js';

// h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child...) -> Element.
// Attributes starting with "on" are event listeners; null/false children are skipped.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

// Appends CHILDREN to EL, skipping null/false (the DOM's own append writes "null").
export function put(el, ...children) {
  append(el, children);
  return el;
}

// "mise en œuvre" -> "Mise en œuvre" (a heading).
export function cap(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

// A message in the page's status line (read by screen readers), kept until the next view.
export function say(msg, kind) {
  const s = document.getElementById('status');
  if (!s) return;
  s.textContent = msg || '';
  s.className = kind || '';
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// Numbers in the reader's language: 12 345,6 in French, 12,345.6 in English.
export function num(x, digits = 0) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return new Intl.NumberFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: digits, minimumFractionDigits: 0,
  }).format(x);
}

// Large figures for a key-figure tile: 2,3 M (fr) or 2.3M (en) from a million on.
export function big(x) {
  if (x === null || x === undefined || Number.isNaN(x) || Math.abs(x) < 1e6) return num(x);
  return new Intl.NumberFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', {
    notation: 'compact', compactDisplay: 'short', maximumFractionDigits: 1,
  }).format(x);
}

// A date-time from the API (ISO 8601 UTC) as the reader reads it.
export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium', timeStyle: 'short',
  }).format(d);
}

// A definition list from [label, value] pairs.
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter((p) => p).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

// A table from column headers and rows of cells.
export function table(headers, rows, caption) {
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}
