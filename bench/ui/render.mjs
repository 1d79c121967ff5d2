// render.mjs - the dashboard's first render in headless Chromium (Debian's, driven
// by playwright-core from tests/node_modules). Measures, for each run, the time from
// navigation start (performance.timeOrigin) to the "dashboard-drawn" mark the page
// sets once its key figures and SVG charts have been painted (web/js/dashboard.js).
// Usage: node render.mjs BASE_URL RUNS   -> one line per run, then a summary.
import { chromium } from '../../tests/node_modules/playwright-core/index.mjs';

const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 10);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

async function once(page) {
  await page.waitForSelector('main[data-drawn="dashboard"]', { timeout: 60000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const mark = performance.getEntriesByName('dashboard-drawn')[0];
    const res = performance.getEntriesByType('resource');
    const sum = res.find((r) => r.name.includes('/summary'));
    return {
      drawn: mark.startTime, dcl: nav.domContentLoadedEventEnd, bytes: res.reduce((a, r) => a + (r.transferSize || 0), 0),
      summary: sum ? sum.duration : null,
    };
  });
}

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { min: s[0], median: q(0.5), p90: q(0.9), max: s[s.length - 1] };
};
const f = (x) => (x === null ? '-' : x.toFixed(0));

const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(base + '/#/');
  const c = await once(page);
  cold.push(c);
  await page.reload();
  const w = await once(page);
  warm.push(w);
  console.log(`run ${i + 1}: cold ${f(c.drawn)} ms (DOMContentLoaded ${f(c.dcl)}, summary ${f(c.summary)} ms, ${c.bytes} bytes)` +
    ` | warm cache ${f(w.drawn)} ms (summary ${f(w.summary)} ms)`);
  await ctx.close();
}
await browser.close();
for (const [name, xs] of [['cold', cold], ['warm', warm]]) {
  const s = stat(xs.map((x) => x.drawn));
  const m = stat(xs.filter((x) => x.summary !== null).map((x) => x.summary));
  console.log(`${name}: first render min ${f(s.min)} / median ${f(s.median)} / p90 ${f(s.p90)} / max ${f(s.max)} ms;` +
    ` summary request median ${f(m.median)} ms`);
}
