// sectors.js - the NACE Rev. 2 section (A..U) of a NAF/NACE code, from its division
// (the two first digits; the ranges are those of the NACE Rev. 2 structure), and
// one colour per section for the map. Section names are in i18n.js (sector.X).
const RANGES = [
  ['A', 1, 3], ['B', 5, 9], ['C', 10, 33], ['D', 35, 35], ['E', 36, 39], ['F', 41, 43],
  ['G', 45, 47], ['H', 49, 53], ['I', 55, 56], ['J', 58, 63], ['K', 64, 66], ['L', 68, 68],
  ['M', 69, 75], ['N', 77, 82], ['O', 84, 84], ['P', 85, 85], ['Q', 86, 88], ['R', 90, 93],
  ['S', 94, 96], ['T', 97, 98], ['U', 99, 99],
];

export const SECTION_COLORS = {
  A: '#6b8e23', B: '#8c564b', C: '#1f6f8b', D: '#e0a800', E: '#3a9d5d', F: '#a0522d',
  G: '#b8336a', H: '#4d7ea8', I: '#d2691e', J: '#6a4c93', K: '#2f4f4f', L: '#708090',
  M: '#5f9ea0', N: '#9370db', O: '#20406a', P: '#c71585', Q: '#dc143c', R: '#ff8c00',
  S: '#808000', T: '#778899', U: '#696969', '?': '#9aa5b1',
};

export function section(code) {
  const m = /^(\d\d)/.exec(code || '');
  if (!m) return '?';
  const d = Number(m[1]);
  for (const [s, lo, hi] of RANGES) if (d >= lo && d <= hi) return s;
  return '?';
}
