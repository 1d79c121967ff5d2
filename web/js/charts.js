// charts.js - echarts (global from /vendor/echarts.min.js, loaded on first use) with
// the application's palette; every chart is disposed when its view goes away.
import { echartsReady } from './vendor.js';
export const palette = ['#1f6f8b', '#e07a1f', '#3a9d5d', '#b8336a', '#6a4c93', '#c9a227', '#4d7ea8', '#8c564b'];

// Draws OPTION into EL (FULL: a chart type beyond bar, line and pie); resolves once
// echarts has finished drawing.
export async function chart(el, option, charts, full) {
  await echartsReady(full);
  const c = echarts.init(el, null, { renderer: 'canvas' });
  charts.push(c);
  const drawn = new Promise((resolve) => c.on('finished', resolve));
  c.setOption({ animation: false, color: palette, textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 14 }, ...option });
  await drawn;
}

export function disposeAll(charts) {
  for (const c of charts) c.dispose();
  charts.length = 0;
}

// Keeps the charts sized to their boxes; returns the function that stops it.
export function autoResize(charts) {
  const f = () => charts.forEach((c) => c.resize());
  window.addEventListener('resize', f);
  return () => window.removeEventListener('resize', f);
}
