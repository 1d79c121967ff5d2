// forms.js - form fields that check as you type (SIRET, quantities, units) and
// autocompletion on the nomenclatures (/api/nomenclature: LoW, NAF, taxonomy).
import { api } from './api.js';
import { h, clear } from './dom.js';
import { t, lang } from './i18n.js';

export const UNITS = ['t', 'kg', 'g', 'MWh', 'kWh', 'GWh', 'GJ', 'th', 'm3', 'L', 'hL', 'count'];
const ENERGY = new Set(['MWh', 'kWh', 'GWh', 'GJ', 'th']);

// A SIRET is 14 digits with a valid Luhn check digit; La Poste's establishments
// (SIREN 356000000) use their own rule: the digits add up to a multiple of 5.
export function siretError(v) {
  const s = v.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return '';
  if (!/^\d+$/.test(s)) return t('check.siret.digits');
  if (s.length !== 14) return t('check.siret.length', { n: s.length });
  if (s.startsWith('356000000')) {
    const sum = [...s].reduce((a, c) => a + Number(c), 0);
    return sum % 5 === 0 ? '' : t('check.siret.luhn');
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(s[13 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0 ? '' : t('check.siret.luhn');
}

// A quantity: a number >= 0, with a '.' or ',' decimal mark and spaces as separators.
export function parseQuantity(v) {
  const s = String(v).replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '' || !/^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}

export function quantityError(v) {
  if (String(v).trim() === '') return t('check.required');
  if (/^\s*-/.test(v)) return t('check.qty.negative');
  return Number.isNaN(parseQuantity(v)) ? t('check.qty.number') : '';
}

// A unit that does not suit the code is a warning, not an error.
export function unitWarning(code, unit) {
  if (!code || !unit) return '';
  const energy = code.startsWith('energy.');
  if (energy && !ENERGY.has(unit)) return t('check.unit.energy');
  if (!energy && /^\d\d \d\d \d\d\*?$/.test(code) && ENERGY.has(unit)) return t('check.unit.waste');
  return '';
}

// A labelled field whose message (error or warning) sits under it and is read
// by screen readers. CHECK(value) returns '' or the message; WARN likewise;
// SUGGEST lists the nomenclature kinds to autocomplete from.
export function field(id, label, input, opts = {}) {
  const msg = h('span', { class: 'field-msg', id: id + '-msg', 'aria-live': 'polite' });
  input.id = id;
  if (!input.name) input.name = id.replace(/^[a-z]+-/, '');
  input.setAttribute('aria-describedby', id + '-msg');
  if (opts.required) input.required = true;
  const wrap = h('div', { class: 'field' + (opts.wide ? ' wide' : '') },
    h('label', { for: id }, label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    opts.suggest ? autocomplete(input, opts.suggest) : input,
    opts.hint ? h('span', { class: 'hint' }, opts.hint) : null, msg);
  const run = () => {
    const e = opts.check ? opts.check(input.value) : '';
    const w = !e && opts.warn ? opts.warn(input.value) : '';
    msg.textContent = e || w;
    msg.className = 'field-msg' + (e ? ' error' : w ? ' warn' : '');
    input.setAttribute('aria-invalid', e ? 'true' : 'false');
    return !e;
  };
  input.addEventListener('input', () => { input.dataset.touched = '1'; run(); });
  input.addEventListener('change', run);
  input.addEventListener('blur', () => { if (input.dataset.touched) run(); });
  wrap.check = run;
  wrap.setError = (m) => {
    msg.textContent = m;
    msg.className = 'field-msg error';
    input.setAttribute('aria-invalid', 'true');
  };
  return wrap;
}

function itemLabel(x) {
  return x.label || (lang() === 'fr' ? x.label_fr || x.description_fr : x.label_en || x.description) ||
    x.label_fr || x.label_en || x.description || '';
}

// Autocompletion of INPUT over the nomenclature KINDS ('low', 'naf', 'taxonomy'...):
// a listbox under the field, arrows to move, Enter to choose; the chosen code's
// label is shown beside the field.
export function autocomplete(input, kinds, onPick) {
  const box = h('ul', { class: 'suggest', role: 'listbox', id: input.id + '-list', hidden: true });
  const label = h('span', { class: 'code-label' });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', box.id);
  input.autocomplete = 'off';
  let items = [];
  let active = -1;
  let timer = null;
  let seq = 0;
  const close = () => { box.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };
  const pick = (x) => {
    input.value = x.code;
    label.textContent = itemLabel(x);
    close();
    input.dispatchEvent(new Event('input'));
    if (onPick) onPick(x);
  };
  const mark = () => {
    [...box.children].forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    if (active >= 0) input.setAttribute('aria-activedescendant', box.children[active].id);
    else input.removeAttribute('aria-activedescendant');
  };
  async function search() {
    const q = input.value.trim();
    if (q.length < 2) { close(); return; }
    const my = ++seq;
    let res = [];
    try {
      const parts = await Promise.all(kinds.map((kind) => api.get('/nomenclature', { q, kind, limit: 10 })));
      res = parts.flatMap((r, i) => (r.items || r).map((x) => ({ ...x, kind: x.kind || kinds[i] })));
    } catch {
      res = [];
    }
    if (my !== seq) return;
    items = res.slice(0, 15);
    clear(box);
    items.forEach((x, i) => box.append(h('li', {
      role: 'option', id: `${input.id}-opt-${i}`, 'data-code': x.code,
      onmousedown: (e) => { e.preventDefault(); pick(x); },
    }, h('strong', {}, x.code), ' ', itemLabel(x), kinds.length > 1 ? h('span', { class: 'note' }, ` (${t('nomen.' + x.kind)})`) : null)));
    box.hidden = items.length === 0;
    input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    active = -1;
  }
  input.addEventListener('input', (e) => {
    if (!e.isTrusted) return;
    label.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (box.hidden) return;
    if (e.key === 'ArrowDown') { active = Math.min(items.length - 1, active + 1); mark(); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { active = Math.max(0, active - 1); mark(); e.preventDefault(); }
    else if (e.key === 'Enter' && active >= 0) { pick(items[active]); e.preventDefault(); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  return h('div', { class: 'combo' }, input, box, label);
}

// Shows an API error on a form: per-field messages (400) beside their fields,
// the message itself in OUT.
export function showErrors(err, fields, out) {
  out.textContent = err.message;
  out.className = 'form-msg error';
  for (const [name, m] of Object.entries(err.fields || {})) {
    const f = fields[name];
    if (f) f.setError(m);
  }
}

// A form over the fields F (built by field()): on submit every field is checked,
// then ONVALID(values) runs with the trimmed values by field name; an API error
// it throws is shown in OUT and beside the fields it names.
export function checkedForm(id, F, out, buttons, onValid) {
  return h('form', {
    class: 'grid-form', id, novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (!Object.values(F).map((f) => f.check()).every(Boolean)) {
        out.textContent = t('form.fix');
        out.className = 'form-msg error';
        return;
      }
      const v = {};
      for (const [k, f] of Object.entries(F)) v[k] = f.querySelector('input, select').value.trim();
      try {
        await onValid(v);
      } catch (err) {
        showErrors(err, F, out);
      }
    },
  }, Object.values(F), h('div', { class: 'buttons wide' }, buttons), out);
}
