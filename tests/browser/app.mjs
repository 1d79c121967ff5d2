// app.mjs - the web application in a real headless Chromium (Debian's, driven by
// playwright-core): the facilitator's first session, step by step. Run by
// tests/e2e/browser.sh, which starts the server; usage:
//   node tests/browser/app.mjs BASE_URL OUT_DIR
// Prints one line per step, "PASS id" or "FAIL id: why", and writes a screenshot
// of every page into OUT_DIR. Env: EXPECT_ACTORS (actors in the demo territory),
// CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node app.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (/^fail-.*\.png$/.test(f)) rmSync(`${out}/${f}`);
const origin = new URL(base).origin;
const T = 20000;

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

// A valid SIRET: 13 digits and the Luhn check digit.
function siret(body13) {
  for (let d = 0; d <= 9; d++) {
    const s = body13 + d;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let x = Number(s[13 - i]);
      if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; }
      sum += x;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('no check digit');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
const page = await ctx.newPage();
const foreign = [];
const jsErrors = [];
ctx.on('request', (r) => { if (new URL(r.url()).origin !== origin && !r.url().startsWith('data:')) foreign.push(r.url()); });
page.on('pageerror', (e) => jsErrors.push(e.message));
// The browser logs every HTTP error status; the 422 of the deliberately bad CSV is expected.
let expect422 = false;
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  if (expect422 && /status of 422/.test(m.text())) return;
  jsErrors.push(m.text());
});

let failed = 0;
async function step(id, fn) {
  try {
    await fn();
    console.log(`PASS ${id}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${id}: ${String(e.message || e).split('\n')[0]}`);
    try { await page.screenshot({ path: `${out}/fail-${id}.png` }); } catch { /* the page may be gone */ }
  }
}
const shot = (name) => page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
// The API asked directly (outside the page, so its 404s are not the page's errors).
const api = async (path) => {
  const r = await ctx.request.get(base + '/api' + path);
  return { status: r.status(), body: await r.json().catch(() => null) };
};
const go = async (hash) => {
  await page.goto(base + '/' + hash);
  await page.waitForLoadState('load');
};

const actorId = 'zp-brasserie-web';
let acceptedKey = null;

await step('dashboard', async () => {
  await go('#/');
  await page.waitForSelector('main[data-drawn="dashboard"]', { timeout: T });
  const n = (await page.textContent('#kpi-actors .kpi-value')).replace(/\D/g, '');
  check(n === String(process.env.EXPECT_ACTORS), `dashboard shows ${n} actors, the database holds ${process.env.EXPECT_ACTORS}`);
  const cands = Number((await page.textContent('#kpi-candidates .kpi-value')).replace(/\D/g, ''));
  const drawn = await page.locator('#chart-kind svg rect').count();
  check(cands > 0 ? drawn >= 1 : /détection/.test(await page.textContent('#chart-kind')),
    `${cands} candidates and ${drawn} chart of candidates by kind`);
  check((await page.textContent('nav a[aria-current="page"]')).trim() === 'Tableau de bord', 'the dashboard is not in French');
  await shot('01-dashboard');
});

await step('i18n-tables', async () => {
  const missing = await page.evaluate(async () => (await import('/js/i18n.js')).missingKeys());
  check(missing.length === 0, `keys in one language only: ${missing.slice(0, 5).join(', ')}`);
});

await step('actor-form', async () => {
  await go('#/actors/new');
  await page.fill('#actor-id', actorId);
  await page.fill('#actor-name', 'Brasserie du Port (fictive)');
  await page.fill('#actor-siret', '12345678901234');
  await page.waitForSelector('#actor-siret-msg.error', { timeout: T });
  check(/contrôle/.test(await page.textContent('#actor-siret-msg')), 'no Luhn message under the SIRET');
  await page.fill('#actor-siret', siret('8246730000' + '123'));
  check((await page.textContent('#actor-siret-msg')) === '', 'a valid SIRET is still marked wrong');
  await page.fill('#actor-naf', 'bière');
  await page.waitForSelector('#actor-naf-list li[data-code="11.05Z"]', { timeout: T });
  await page.click('#actor-naf-list li[data-code="11.05Z"]');
  check(await page.inputValue('#actor-naf') === '11.05Z', 'choosing 11.05Z did not fill the NAF field');
  await page.fill('#actor-commune', '67482');
  await page.fill('#actor-lat', '48.571');
  await page.fill('#actor-lon', '7.791');
  await shot('03-actor-form');
  await page.click('#actor-form button[type="submit"]');
  await page.waitForFunction((id) => location.hash === '#/actors/' + id, actorId, { timeout: T });
  await page.waitForSelector('h1:has-text("Brasserie du Port")', { timeout: T });
  check(/bière/i.test(await page.textContent('main')), 'the actor page does not show the NAF label of 11.05Z');
  const r = await api('/actors/' + actorId);
  check(r.status === 200 && r.body.naf && r.body.naf.replace('.', '').startsWith('1105'), `the API does not hold the new actor (${r.status})`);
});

async function addFlow(direction, query, code, qty, unit) {
  await page.selectOption('#flow-direction', direction);
  await page.fill('#flow-code', query);
  await page.waitForSelector(`#flow-code-list li[data-code="${code}"]`, { timeout: T });
  await page.click(`#flow-code-list li[data-code="${code}"]`);
  await page.selectOption('#flow-unit', unit);
  await page.fill('#flow-quantity', qty);
  await page.click('#flow-form button[type="submit"]');
  await page.waitForSelector(`#flash:has-text("${code}")`, { timeout: T });
}

await step('two-flows', async () => {
  await page.waitForSelector('#flow-form', { timeout: T });
  await page.fill('#flow-quantity', '-5');
  await page.waitForSelector('#flow-quantity-msg.error', { timeout: T });
  await addFlow('supply', '02 07 04', '02 07 04', '1 200', 't');
  await addFlow('demand', 'chaleur', 'energy.heat.lt', '800', 'MWh');
  const rows = await page.locator('section[aria-labelledby="h-flows"] tbody tr').count();
  check(rows === 2, `the actor page lists ${rows} flows, not 2`);
  const r = await api('/flows?actor=' + actorId);
  check(r.status === 200 && r.body.total === 2, `the API lists ${r.body && r.body.total} flows for the actor`);
  await shot('04-actor');
});

await step('csv-two-errors', async () => {
  await go('#/import');
  const csv = 'id,name,siret,naf,kind,territory,address,commune,lat,lon\n' +
    'zp-web-ok,Atelier correct (fictif),,25.62A,company,zp,,67482,48.57,7.79\n' +
    'zp-web-bad1,Siret faux (fictif),12345678901234,25.62A,company,zp,,67482,48.57,7.79\n' +
    'zp-web-bad2,Naf inconnu (fictif),,99.99Z,company,zp,,67482,48.57,7.79\n';
  expect422 = true;
  await page.setInputFiles('#upload-actors', { name: 'acteurs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#upload-actors-result table.csv-errors', { timeout: T });
  const lines = await page.$$eval('#upload-actors-result tbody tr', (rs) => rs.map((r) => r.dataset.line));
  check(lines.length === 2, `${lines.length} errors shown, 2 expected`);
  check(lines.includes('3') && lines.includes('4'), `errors shown at lines ${lines.join(',')}, expected 3 and 4`);
  const cols = await page.$$eval('#upload-actors-result tbody tr td:nth-child(2)', (c) => c.map((x) => x.textContent));
  check(cols.some((c) => /siret/.test(c)) && cols.some((c) => /naf/.test(c)), `columns shown: ${cols.join(' | ')}`);
  expect422 = false;
  const r = await api('/actors/zp-web-ok');
  check(r.status === 404, 'the clean line of a file with errors was imported');
  await shot('06-import-errors');
});

await step('detection', async () => {
  await go('#/candidates');
  await page.click('[data-run="match"] button');
  await page.waitForSelector('[data-run="match"][data-state]', { timeout: 120000 });
  check(await page.getAttribute('[data-run="match"]', 'data-state') === 'done', 'the detection run did not end "done"');
  await page.waitForSelector('#cand-list li', { timeout: T });
  await page.waitForSelector('#cand-detail article.candidate', { timeout: T });
  await shot('07-candidates');
});

await step('accept-candidate', async () => {
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  acceptedKey = await page.getAttribute('#cand-list li.selected', 'data-key');
  check(acceptedKey, 'no candidate selected');
  await page.keyboard.press('a');
  await page.waitForSelector(`#cand-list li[data-key="${acceptedKey}"][data-status="accepted"]`, { timeout: T });
  check(/accepté/i.test(await page.textContent('#status')), 'no message says the candidate was accepted');
  const r = await api('/candidates/' + encodeURIComponent(acceptedKey));
  check(r.status === 200 && r.body.status === 'accepted', `the API says ${r.body && r.body.status}`);
  await page.keyboard.press('?');
  await page.waitForSelector('#keys-help[open]', { timeout: T });
  await shot('08-keys-help');
  await page.keyboard.press('Escape');
});

// The regulatory checklist of a candidate (issue 10): the page shows every item
// the API gives, in French, with the act it comes from.
await step('checklist', async () => {
  let found = null;
  for (let i = 0; i < 40 && !found; i++) {
    const key = await page.getAttribute('#cand-list li.selected', 'data-key');
    const r = await api('/candidates/' + encodeURIComponent(key));
    if (r.status === 200 && Array.isArray(r.body.checklist) && r.body.checklist.length) found = r.body;
    else await page.keyboard.press('j');
  }
  check(found, 'no candidate among the first 40 has a regulatory checklist');
  const sel = `#cand-detail article.candidate[data-key="${found.key}"] section.checklist li`;
  await page.waitForSelector(sel, { timeout: T });
  const items = await page.locator(sel).allTextContents();
  check(items.length === found.checklist.length,
    `${items.length} checklist items on the page, ${found.checklist.length} from the API`);
  found.checklist.forEach((x, i) => {
    check(items[i].includes(x.check_fr || x.check), `item ${i + 1} does not say "${x.check_fr || x.check}"`);
    check(!x.act || items[i].includes(x.act), `item ${i + 1} does not cite ${x.act}`);
  });
  await shot('07b-checklist');
});

await step('map', async () => {
  await go('#/map');
  await page.waitForSelector('#map[data-links]', { timeout: T });
  const actors = Number(await page.getAttribute('#map', 'data-actors'));
  check(actors >= Number(process.env.EXPECT_ACTORS), `${actors} actors on the map`);
  const sel = '#map path.link-accepted, #map path.link-synergy';
  await page.waitForSelector(sel, { timeout: T });
  await shot('09-map');
  await page.locator(sel).first().click({ force: true });
  await page.waitForSelector('#link-panel article.candidate', { timeout: T });
  const key = await page.getAttribute('#link-panel article.candidate', 'data-key');
  check(key === acceptedKey, `the link opened ${key}, the accepted candidate is ${acceptedKey}`);
  await shot('10-map-explanation');
});

await step('board', async () => {
  await go('#/board');
  await page.waitForSelector('#board section[data-stage="idea"] li.card', { timeout: T });
  const card = page.locator(`#board section[data-stage="idea"] li.card[data-key="${acceptedKey}"]`);
  check(await card.count() === 1, 'the accepted candidate is not on the board at stage idea');
  const id = await card.getAttribute('data-id');
  await card.locator('button.next').click();
  await page.waitForSelector(`#board section[data-stage="study"] li.card[data-id="${id}"]`, { timeout: T });
  const moved = page.locator(`#board section[data-stage="study"] li.card[data-id="${id}"]`);
  await moved.locator('summary').click();
  await moved.locator('.history li time').first().waitFor({ timeout: T });
  check(await moved.locator('.history li').count() >= 1, 'no dated move in the history');
  await shot('11-board');
});

await step('sankey', async () => {
  await go('#/sankey');
  await page.waitForSelector('#sankey[data-links]', { timeout: T });
  check(Number(await page.getAttribute('#sankey', 'data-links')) > 0, 'no flow between divisions in tonnes');
  await page.waitForSelector('#sankey[data-drawn="t"] canvas', { timeout: T });
  await shot('12-sankey');
});

await step('actors-list', async () => {
  await go('#/actors');
  await page.waitForSelector(`#actors-table a[href="#/actors/${actorId}"]`, { timeout: T });
  await shot('02-actors');
});

// ---- the regional network's pages (step 5) ----
const today = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
let movedActor = null;

await step('pipeline', async () => {
  await go('#/pipeline');
  await page.waitForSelector('main[data-loaded="pipeline"]', { timeout: T });
  await page.fill('#pipe-by', 'Camille Roux (fictive)');
  const card = page.locator('#pipeline section[data-stage="identified"] li.card').first();
  movedActor = await card.getAttribute('data-id');
  check(movedActor, 'no actor at stage identified');
  await card.locator('button.next').click();
  await page.waitForSelector(`#pipeline section[data-stage="contacted"] li.card[data-id="${movedActor}"]`, { timeout: T });
  const moved = page.locator(`#pipeline li.card[data-id="${movedActor}"]`);
  await moved.locator('summary').click();
  await page.selectOption(`#to-${movedActor}`, 'declined');
  await moved.locator('form button[type="submit"]').click();
  await page.waitForSelector('#pipe-msg.error', { timeout: T });
  await page.selectOption(`#to-${movedActor}`, 'met');
  await page.fill(`#note-${movedActor}`, 'visite du site');
  await page.fill(`#next-${movedActor}`, 'envoyer la charte');
  await page.fill(`#due-${movedActor}`, '2020-01-15');
  await moved.locator('form button[type="submit"]').click();
  await page.waitForSelector(`#pipeline section[data-stage="met"] li.card[data-id="${movedActor}"] .next.late`, { timeout: T });
  const r = await api('/pipeline/' + encodeURIComponent(movedActor));
  check(r.status === 200 && r.body.stage === 'met' && r.body.stage_by === 'Camille Roux (fictive)' && r.body.stage_at === today,
    `the API says ${r.body && r.body.stage} on ${r.body && r.body.stage_at} by ${r.body && r.body.stage_by}`);
  check(r.body.history.length === 2 && r.body.history[0].stage === 'contacted' && r.body.history[1].note === 'visite du site',
    `history: ${JSON.stringify(r.body.history)}`);
  await shot('14-pipeline');
});

await step('followup', async () => {
  await go('#/followup');
  await page.waitForSelector('main[data-loaded="followup"]', { timeout: T });
  const r = await api('/followup?territory=zp');
  check(r.status === 200, `followup ${r.status}`);
  const over = await page.locator('#fu-overdue tbody tr').count();
  const visit = await page.locator('#fu-visit-first tbody tr').count();
  check(over === r.body.overdue.length && over >= 1, `${over} overdue rows, the API has ${r.body.overdue.length}`);
  check(await page.locator(`#fu-overdue tr[data-id="${movedActor}"]`).count() === 1, 'the overdue action is not listed');
  check(visit === r.body.visit_first.length && visit > 0, `${visit} actors to visit first, the API has ${r.body.visit_first.length}`);
  // The reason in the page's language (French here), whatever the server's language.
  const why = await page.textContent('#fu-visit-first tbody tr:first-child td.fu-why');
  const first = r.body.visit_first[0];
  check(first.reason_code === 'supply' || first.reason_code === 'take', `reason_code ${first.reason_code}`);
  check(/^Pourrait (fournir|recevoir) /.test(why) && why.includes(first.resource) && !/could (supply|take)/i.test(why),
    `the first reason to visit is not in French: ${why}`);
  await shot('15-followup');
});

let eventId = null;
await step('event', async () => {
  await go('#/events/new');
  await page.selectOption('#ev-type', 'workshop');
  await page.fill('#ev-title', 'Atelier chaleur du port (fictif)');
  await page.fill('#ev-date', '2026-11-20');
  await page.fill('#ev-place', 'Capitainerie');
  await page.fill('#ev-organiser', 'Camille Roux (fictive)');
  await page.click('#event-form button[type="submit"]');
  await page.waitForFunction(() => /^#\/events\/\d+$/.test(location.hash), null, { timeout: T });
  eventId = Number((await page.evaluate(() => location.hash)).split('/').pop());
  await page.waitForSelector('main[data-loaded="event"]', { timeout: T });
  await page.click('text=Ajouter un participant');
  await page.waitForSelector(`#pa-actor option[value="${movedActor}"]`, { state: 'attached', timeout: T });
  await page.selectOption('#pa-actor', movedActor);
  await page.fill('#pa-person', 'Responsable énergie');
  await page.fill('#pa-role', 'entreprise');
  await page.click('#participant-form button[type="submit"]');
  await page.waitForSelector('#participants tbody tr', { timeout: T });
  await page.fill('#ev-outcome', 'deux pistes de chaleur fatale, une visite en janvier');
  await page.click('#outcome-form button[type="submit"]');
  await page.waitForSelector('#ev-msg.ok', { timeout: T });
  const r = await api('/events/' + eventId);
  check(r.status === 200 && r.body.participants === 1 && r.body.participant_list[0].actor_id === movedActor,
    `the API lists ${r.body && r.body.participants} participants`);
  check(r.body.notes === 'deux pistes de chaleur fatale, une visite en janvier' && r.body.territory === 'zp', `notes: ${r.body.notes}`);
  await shot('16-event');
  await go('#/events');
  await page.waitForSelector(`#events-table tr[data-id="${eventId}"]`, { timeout: T });
  await shot('17-events');
});

await step('barriers-levers', async () => {
  await go('#/levers');
  await page.waitForSelector('main[data-loaded="levers"]', { timeout: T });
  await page.click('text=Enregistrer un frein');
  await page.selectOption('#bm-barrier', 'trust-confidential-data');
  await page.fill('#bm-notes', 'les quantités restent secrètes');
  await page.click('#met-form button[type="submit"]');
  await page.waitForSelector('#barriers-met tr[data-barrier="trust-confidential-data"]', { timeout: T });
  await page.click('text=Enregistrer un levier essayé');
  await page.selectOption('#lt-barrier', 'trust-confidential-data');
  await page.selectOption('#lt-lever', 'confidentiality-charter');
  await page.selectOption('#lt-result', 'worked');
  await page.fill('#lt-date', '2026-11-21');
  await page.click('#tried-form button[type="submit"]');
  await page.waitForSelector('#levers-tried tr[data-lever="confidentiality-charter"]', { timeout: T });
  const row = '#netq-table tr[data-lever="confidentiality-charter"][data-territory="zp"]';
  await page.waitForSelector(row, { timeout: T });
  const text = await page.textContent(row);
  check(/Camille Roux/.test(text) && /camille\.roux@example\.org/.test(text), `the network query row says: ${text}`);
  const r = await api('/barriers/trust-confidential-data');
  const o = r.body.outcomes.find((x) => x.territory === 'zp' && x.lever === 'confidentiality-charter');
  check(o && o.worked === 1 && o.last_date === '2026-11-21', `the API outcome is ${JSON.stringify(o)}`);
  await shot('18-barriers-levers');
});

await step('network', async () => {
  await go('#/network');
  await page.waitForSelector('main[data-drawn="network"]', { timeout: T });
  check(await page.locator('#chart-net-stage canvas').count() === 1, 'no chart of actors by stage');
  check(await page.locator('#chart-elipse canvas').count() === 1, 'no ELIPSE radar');
  const s = await api('/territories/zp/summary');
  const n = (await page.textContent('#net-table tr[data-territory="zp"] td:nth-child(2)')).replace(/\D/g, '');
  check(n === String(s.body.actors), `the network table shows ${n} actors for zp, the summary ${s.body.actors}`);
  await page.fill('#elipse-G01', '3');
  await page.click('#elipse-form button[type="submit"]');
  await page.waitForSelector('#elipse-msg.ok', { timeout: T });
  const y = new Date().getFullYear();
  const e = await api(`/elipse?territory=zp&year=${y}`);
  const g = e.body.indicators.find((x) => x.code === 'G01');
  check(g && g.value === 3 && g.basis === 'entered', `ELIPSE G01 is ${JSON.stringify(g && g.value)}`);
  await shot('19-network');
});

await step('english', async () => {
  await go('#/');
  await page.waitForSelector('main[data-drawn="dashboard"]', { timeout: T });
  await page.click('#lang');
  await page.waitForSelector('nav a[aria-current="page"]:has-text("Dashboard")', { timeout: T });
  check(await page.getAttribute('html', 'lang') === 'en', 'html lang is not en');
  await page.reload();
  await page.waitForSelector('main[data-drawn="dashboard"]', { timeout: T });
  check((await page.textContent('nav a[aria-current="page"]')).trim() === 'Dashboard', 'English is not remembered');
  check(await page.locator('#chart-kind svg rect').count() === 3, 'no chart of the three kinds of candidates after the detection');
  check(/proposed/.test(await page.textContent('#chart-status')), 'the chart of candidates by status is not in English');
  const missing = await page.evaluate(() => window.__i18nMissing);
  check(missing.length === 0, `missing words: ${missing.slice(0, 5).join(', ')}`);
  await shot('13-dashboard-en');
});

await step('english-network', async () => {
  await go('#/pipeline');
  await page.waitForSelector('main[data-loaded="pipeline"]', { timeout: T });
  check((await page.textContent('h1')).trim() === 'Engagement pipeline', `the pipeline title is "${await page.textContent('h1')}"`);
  check(/^Contacted/.test((await page.textContent('#pipeline section[data-stage="contacted"] h2')).trim()), 'the stage names are not in English');
  await shot('20-pipeline-en');
  await go('#/levers');
  await page.waitForSelector('main[data-loaded="levers"]', { timeout: T });
  check(/Barriers met/.test(await page.textContent('main')), 'the barriers page is not in English');
  await go('#/followup');
  await page.waitForSelector('main[data-loaded="followup"]', { timeout: T });
  const why = await page.textContent('#fu-visit-first tbody tr:first-child td.fu-why');
  check(/^Could (supply|take) /.test(why), `the first reason to visit is not in English: ${why}`);
  const missing = await page.evaluate(() => window.__i18nMissing);
  check(missing.length === 0, `missing words: ${missing.slice(0, 5).join(', ')}`);
});

await step('no-js-error', async () => {
  check(jsErrors.length === 0, jsErrors.slice(0, 3).join(' | '));
});

await step('offline', async () => {
  check(foreign.length === 0, `requests left ${origin}: ${foreign.slice(0, 3).join(', ')}`);
});

await browser.close();
process.exit(failed ? 1 : 0);
