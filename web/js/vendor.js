// vendor.js - loads the third-party libraries (classic scripts with globals L and
// echarts) only when a page needs them: the dashboard never waits for Leaflet, and
// the application's own modules do not wait for echarts to be parsed.
const loading = new Map();

function script(src) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.async = false;
      s.onload = resolve;
      s.onerror = () => reject(new Error('cannot load ' + src));
      document.head.append(s);
    }));
  }
  return loading.get(src);
}

// echarts' "common" build (bar, line, pie, legend, tooltip: two thirds of the size)
// serves the dashboard; FULL asks for the whole library (the Sankey diagram), which
// then replaces it.
export function echartsReady(full) {
  const src = full || loading.has(FULL) ? FULL : COMMON;
  return script(src).then(() => {
    if (!performance.getEntriesByName('echarts-ready').length) performance.mark('echarts-ready');
  });
}

const FULL = '/vendor/echarts.min.js';
const COMMON = '/vendor/echarts.common.min.js';

function css(href) {
  if (!document.querySelector(`link[href="${href}"]`)) document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
}

// Leaflet and its clustering, with their style sheets (only the map needs them).
export async function leafletReady() {
  ['/vendor/leaflet.css', '/vendor/MarkerCluster.css', '/vendor/MarkerCluster.Default.css'].forEach(css);
  await script('/vendor/leaflet.js');
  await script('/vendor/leaflet.markercluster.js');
}
