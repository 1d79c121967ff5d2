// net.js - what the pages of the regional network share (pipeline, follow-up,
// events, barriers and levers, network): the engagement stages, calendar days,
// the name of whoever records a change (remembered in localStorage
// "symbiose.by", sent as "by"), and labels in the reader's language.
import { h } from './dom.js';
import { t, lang } from './i18n.js';

export const ENG_STAGES = ['identified', 'contacted', 'met', 'committed', 'data_shared', 'in_synergy', 'declined'];
export const EVENT_TYPES = ['workshop', 'seminar', 'site_visit', 'meeting'];
export const RESULTS = ['worked', 'partly', 'did_not'];

// Today as YYYY-MM-DD (the reader's calendar day).
export function today() {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

// A calendar day "YYYY-MM-DD" as the reader reads it.
export function day(s) {
  if (!s) return '–';
  const d = new Date(s + 'T00:00:00Z');
  if (Number.isNaN(d.getTime())) return s;
  return new Intl.DateTimeFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function who() {
  return localStorage.getItem('symbiose.by') || '';
}

export function rememberWho(v) {
  if (v) localStorage.setItem('symbiose.by', v);
}

// The "by" input of a form, filled with the remembered name.
export function byInput() {
  return h('input', { type: 'text', maxlength: 200, value: who(), autocomplete: 'name' });
}

// A library record's label (barrier, lever) in the reader's language.
export function label(x, key = 'label') {
  if (!x) return '';
  return (lang() === 'fr' ? x[key + '_fr'] : x[key + '_en']) || x[key + '_fr'] || x[key + '_en'] || x.code || '';
}

// A check for a required field.
export const required = (v) => (String(v).trim() === '' ? t('check.required') : '');
export const dateCheck = (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? '' : t('net.check.date'));

// Options of a <select> from VALUES with labels from the i18n PREFIX.
export function options(values, prefix, selected) {
  return values.map((v) => h('option', { value: v, selected: v === selected }, t(prefix + v)));
}
