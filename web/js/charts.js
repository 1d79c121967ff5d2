// charts.js - echarts (global from /vendor/echarts.min.js) with the application's
// palette; every chart is disposed when its view goes away.
export const palette = ['#1f6f8b', '#e07a1f', '#3a9d5d', '#b8336a', '#6a4c93', '#c9a227', '#4d7ea8', '#8c564b'];

// Draws OPTION into EL; resolves once echarts has finished drawing.
export function chart(el, option, charts) {
  const c = echarts.init(el, null, { renderer: 'canvas' });
  charts.push(c);
  const drawn = new Promise((resolve) => c.on('finished', resolve));
  c.setOption({ animation: false, color: palette, textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 14 }, ...option });
  return drawn;
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
