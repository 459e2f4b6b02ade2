// End-to-end tests of claimmark in headless Chromium driven by playwright-core. Run by
// scripts/test.sh after scripts/build-web.sh:
//
//   node tests/e2e/run.mjs
//
// Serves www/ (the claimmark origin) with scripts/serve.py, and the "foreign sites" with
// server.mjs: the fixtures in pages/ (an article page, a page that adds text later, a React
// page, pages with a strict Content-Security-Policy header) and a temp copy of saved real
// article pages from <repo>/../shared/data/pages (readability/ news pages and aeb/ pages with
// ground-truth article bodies; skipped, with a note, where ../shared is absent).
//
// The real pages are served with `Content-Security-Policy: script-src <claimmark origin>
// 'wasm-unsafe-eval'; default-src 'self' …`: their own scripts do not run (as when the aeb
// pages were saved, with JavaScript off; offline they could only fail) and nothing is fetched
// from outside; claimmark's bookmarklet runs as it would for a user. Requests to anywhere but
// 127.0.0.1 are aborted as well.
//
// Prints one line per check and a table for the real pages, then `e2e: N passed, M failed`;
// exits non-zero on any failure. Screenshots go to tests/e2e/out/ (git-ignored).
// Environment: CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (default 240000),
// E2E_REAL (number of aeb pages, default 24; "all" for every one), E2E_SHARED (../shared).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { launchChromium, blockOutside } from './browser.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, 'out');
const SHARED = process.env.E2E_SHARED || path.resolve(ROOT, '..', 'shared');
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 240000);
const T0 = Date.now();

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
  return ok;
}

/** Starts scripts/serve.py on a free port; resolves with its origin. */
function serve(dir) {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', [path.join(ROOT, 'scripts', 'serve.py'), '--port', '0', dir], {
      env: { ...process.env, CLAIMMARK_SERVE_QUIET: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${out}`)), 10000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving \S+ at (http:\/\/[^\s/]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ origin: m[1], proc });
      }
    });
    proc.stderr.on('data', (d) => (out += d));
    proc.on('exit', (code) => reject(new Error(`serve.py exited (${code}): ${out}`)));
  });
}

/** Collects page errors and console errors of a page. */
function watchErrors(page, errors, label) {
  page.on('pageerror', (e) => errors.push(`${label}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${label}: console error: ${m.text()}`);
  });
}

const isSortedDesc = (xs) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);
const HOST = '[data-claimmark-ui][data-claims]';

function firstDiff(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `first difference at ${i}: ${JSON.stringify(a.slice(i, i + 60))} vs ${JSON.stringify(b.slice(i, i + 60))}`;
}

async function main() {
  if (!existsSync(path.join(ROOT, 'www', 'pkg', 'claimmark_bg.wasm'))) {
    check('www/pkg is built', false, 'run scripts/build-web.sh first');
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const servers = [];
  let browser;
  let tmp = null;
  try {
    const demo = await serve(path.join(ROOT, 'www'));
    servers.push(() => demo.proc.kill());
    const real = prepareRealPages();
    tmp = real.tmp;
    const NM = path.join(HERE, 'node_modules');
    const realCsp = `default-src 'self' data: blob:; script-src ${demo.origin} 'wasm-unsafe-eval'; connect-src ${demo.origin}; ` +
      "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-src 'none'; object-src 'none'";
    const site = await startServer({
      mounts: [['/real/', real.dir || HERE], ['/', path.join(HERE, 'pages')]],
      files: {
        '/vendor/react.production.min.js': path.join(NM, 'react', 'umd', 'react.production.min.js'),
        '/vendor/react-dom.production.min.js': path.join(NM, 'react-dom', 'umd', 'react-dom.production.min.js'),
      },
      headersFor: (p) => {
        if (p === '/csp-strict.html') return { 'Content-Security-Policy': "script-src 'self'" };
        if (p === '/csp-wasm.html') return { 'Content-Security-Policy': `script-src 'self' ${demo.origin}` };
        if (p.startsWith('/real/')) return { 'Content-Security-Policy': realCsp };
        return {};
      },
    });
    servers.push(() => site.close());
    check('servers started', demo.origin !== site.origin, `claimmark ${demo.origin}, foreign site ${site.origin}`);

    browser = await launchChromium(chromium);
    // Reduced motion: jumps to a claim scroll at once, so screenshots are not taken mid-scroll.
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true, reducedMotion: 'reduce' });
    // Nothing leaves the machine: any request to elsewhere than 127.0.0.1 is aborted (and noted).
    const outside = [];
    await blockOutside(context, (url) => outside.push(url));
    const errors = [];
    const BM = `${demo.origin}/bookmarklet.js`;
    /** Runs `body` in the page with `cm` (the controller) and `m` (bookmarklet.js). */
    const ctl = (page, body) => page.evaluate(`import(${JSON.stringify(BM)}).then(async (m) => { const cm = m.current(); ${body} })`);

    // ------------------------------------------------------------------ the demo page
    const page = await context.newPage();
    watchErrors(page, errors, 'demo');
    await page.goto(`${demo.origin}/index.html`);
    await page.waitForSelector('html[data-claimmark-ready]', { state: 'attached', timeout: 15000 }).catch(async (e) => {
      throw new Error(`demo page not ready: ${await page.textContent('#status')} ${errors.join(' | ')}`);
    });
    check('demo page loads the wasm module', true, await page.textContent('#status'));

    await page.click('#load-example');
    await page.waitForSelector('#status[data-annotate-ms]', { timeout: 15000 });
    const ms = Number(await page.getAttribute('#status', 'data-annotate-ms'));
    const demoState = await page.evaluate(() => {
      const marks = [...document.querySelectorAll('#article mark.cm-mark')];
      const items = [...document.querySelectorAll('#claim-list > li')];
      return {
        marks: marks.length,
        markIds: [...new Set(marks.map((m) => m.dataset.cmClaim))],
        focusable: marks.filter((m) => m.tabIndex === 0 && (m.getAttribute('aria-description') || '').includes('score')).length,
        claimIds: new Set(marks.map((m) => m.dataset.cmClaim)).size,
        items: items.length,
        itemIds: items.map((li) => li.dataset.claim),
        scores: items.map((li) => Number(li.dataset.score)),
        speakers: items.filter((li) => li.querySelector('.speaker')).length,
        values: document.querySelectorAll('#claim-list .value').length,
        paragraphs: document.querySelectorAll('#article > p').length,
        status: document.getElementById('status').textContent,
      };
    });
    console.log(`annotate example: ${ms.toFixed(2)} ms (${demoState.items} claims, ${demoState.marks} marks)`);
    check('example article rendered as paragraphs', demoState.paragraphs >= 8, `${demoState.paragraphs} paragraphs`);
    check('example has marks', demoState.marks > 0, `${demoState.marks} marks`);
    check('one focusable, described mark per claim', demoState.focusable === demoState.claimIds, `${demoState.focusable} of ${demoState.claimIds}`);
    // Hover tooltip on a statistic mark.
    await page.hover('#article mark.cm-statistic');
    const demoTip = await page.waitForFunction(() => {
      const host = [...document.querySelectorAll('[data-claimmark-ui]')].find((h) => h.shadowRoot?.querySelector('.tip'));
      const tip = host?.shadowRoot.querySelector('.tip');
      return tip && !tip.hidden ? tip.textContent : null;
    }, null, { timeout: 3000 }).then((h) => h.jsonValue()).catch(() => '');
    check('hovering a statistic shows a tooltip with the score and quantity', /score \d\.\d\d/.test(demoTip) && /Quantity/.test(demoTip), demoTip.slice(0, 100));
    await page.keyboard.press('Escape');
    await page.mouse.move(0, 0);
    check('claim list has entries', demoState.items > 0, `${demoState.items} claims`);
    check('claim list is sorted by score', isSortedDesc(demoState.scores), demoState.scores.map((s) => s.toFixed(2)).join(' '));
    check(
      'every listed claim has marks and every mark a listed claim',
      demoState.markIds.length === demoState.items && demoState.markIds.every((id) => demoState.itemIds.includes(id)),
    );
    check('claims show speakers', demoState.speakers > 0, `${demoState.speakers} with a speaker`);
    console.log(`info statistic values shown in the list: ${demoState.values}`);
    check('annotate time recorded', Number.isFinite(ms) && ms >= 0 && ms < 2000, `${ms.toFixed(2)} ms`);

    // Clicking a claim scrolls to its first mark and flashes it.
    const firstId = demoState.itemIds[0];
    await page.click('#claim-list > li:first-child button');
    const flashed = await page.evaluate(
      (id) => [...document.querySelectorAll(`mark.cm-flash`)].every((m) => m.dataset.cmClaim === id) &&
        document.querySelectorAll('mark.cm-flash').length > 0,
      firstId,
    );
    check('clicking a claim flashes its marks', flashed);
    await page.waitForTimeout(700);
    const inView = await page.evaluate((id) => {
      const r = document.querySelector(`mark[data-cm-claim="${id}"]`).getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }, firstId);
    check('clicking a claim scrolls its first mark into view', inView);
    await page.screenshot({ path: path.join(OUT, 'demo-claim-selected.png'), caret: 'initial' });
    await page.waitForFunction(() => !document.querySelector('mark.cm-flash'), null, { timeout: 5000 });
    await page.mouse.move(0, 0);

    // Legend toggles: a class on the container hides a kind's decorations and the claims of
    // that kind only.
    const kinds = await page.$$eval('#legend-items input', (xs) => xs.map((x) => x.value));
    const legendCheck = async () => {
      await page.waitForTimeout(400); // let the 0.15 s colour transitions finish
      return page.evaluate(() => {
        const alpha = (c) => (c.startsWith('rgba') ? Number(c.split(',')[3].replace(')', '')) : 1);
        const marks = [...document.querySelectorAll('#article mark.cm-mark')];
        return {
          off: [...document.getElementById('view').classList].filter((c) => c.startsWith('cm-off-')),
          visibleMarks: marks.filter((m) => alpha(getComputedStyle(m).backgroundColor) > 0).length,
          shownItems: [...document.querySelectorAll('#claim-list > li')].filter((li) => !li.hidden).length,
        };
      });
    };
    const allOn = await legendCheck();
    check('legend has a toggle per kind', kinds.length === 6, kinds.join(', '));
    check('all marks tinted with every kind on', allOn.visibleMarks === demoState.marks, `${allOn.visibleMarks}/${demoState.marks}`);
    for (const k of kinds) await page.uncheck(`#legend-items input[value="${k}"]`);
    const allOff = await legendCheck();
    check('every kind off: container classes set', allOff.off.length === 6, allOff.off.join(' '));
    check('every kind off: no mark tinted, no claim listed', allOff.visibleMarks === 0 && allOff.shownItems === 0,
      `${allOff.visibleMarks} marks, ${allOff.shownItems} claims`);
    await page.check(`#legend-items input[value="${kinds[0]}"]`);
    const oneOn = await legendCheck();
    const withKind = await page.$$eval(`#claim-list > li`, (lis, k) => lis.filter((li) => li.dataset.kinds.split(' ').includes(k)).length, kinds[0]);
    check(`only "${kinds[0]}" on: its claims listed`, oneOn.shownItems === withKind, `${oneOn.shownItems} listed, ${withKind} have it`);
    for (const k of kinds) await page.check(`#legend-items input[value="${k}"]`);
    check('kinds back on', (await legendCheck()).visibleMarks === demoState.marks);

    // No network request while marking: re-mark with a threshold (annotate runs again).
    const requests = [];
    const onRequest = (r) => requests.push(r.url());
    page.on('request', onRequest);
    const setMinScore = async (v) => {
      const runs = await page.getAttribute('#status', 'data-runs');
      await page.evaluate((v) => {
        const s = document.getElementById('min-score');
        s.value = v;
        s.dispatchEvent(new Event('input'));
        s.dispatchEvent(new Event('change'));
      }, v);
      await page.waitForFunction((r) => document.getElementById('status').dataset.runs !== r, runs, { timeout: 5000 });
      return Number(await page.getAttribute('#status', 'data-annotate-ms'));
    };
    const warmMs = await setMinScore('0.5');
    await page.waitForTimeout(300);
    page.off('request', onRequest);
    console.log(`annotate example again (warm, minScore 0.5): ${warmMs.toFixed(2)} ms`);
    check('no network request during annotate', requests.length === 0, requests.join(', ') || 'none');
    const high = await page.$$eval('#claim-list > li', (lis) => lis.map((li) => Number(li.dataset.score)));
    check('minScore 0.5 keeps only claims scoring ≥ 0.5', high.every((s) => s >= 0.5) && high.length <= demoState.items,
      `${high.length} of ${demoState.items}`);
    const backMs = await setMinScore('0');
    const back = await page.$$eval('#claim-list > li', (lis) => lis.length);
    check('minScore back to 0 restores every claim', back === demoState.items, `${back} claims, ${backMs.toFixed(2)} ms`);

    // Full-page screenshot of the example.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, 'demo.png'), fullPage: true, caret: 'initial' });

    // Pasted HTML is copied with DOM APIs from an inert document: nothing runs, nothing loads.
    const pasted = '<html><body><nav>Menu</nav><article><h2>Pasted</h2><p>Around 8,000 North Korean soldiers ' +
      'were deployed, <em>U.S. Secretary of State</em> Antony Blinken said.</p><img src="/nope.png" onerror="window.__pwned=1">' +
      '<script>window.__pwned=2<\/script><p onclick="x()">Kim noted that North Korea has supplied nearly 10 million artillery rounds.</p></article></body></html>';
    const pasteRequests = [];
    const onPasteRequest = (r) => pasteRequests.push(r.url());
    page.on('request', onPasteRequest);
    await page.fill('#source', pasted);
    await page.click('#mark');
    await page.waitForTimeout(300);
    page.off('request', onPasteRequest);
    const pastedState = await page.evaluate(() => ({
      pwned: window.__pwned,
      imgs: document.querySelectorAll('#article img, #article script, #article nav').length,
      attrs: [...document.querySelectorAll('#article *')].filter((e) => e.hasAttribute('onclick') || e.hasAttribute('onerror')).length,
      h2: document.querySelector('#article h2')?.textContent,
      em: document.querySelectorAll('#article em').length,
      marks: document.querySelectorAll('#article mark.cm-mark').length,
    }));
    check('pasted HTML: no script ran, no image, no handler attributes',
      pastedState.pwned === undefined && pastedState.imgs === 0 && pastedState.attrs === 0 && pasteRequests.length === 0,
      JSON.stringify({ ...pastedState, requests: pasteRequests.length }));
    check('pasted HTML: structure kept and marked', pastedState.h2 === 'Pasted' && pastedState.em === 1 && pastedState.marks > 0,
      `${pastedState.marks} marks`);

    // ------------------------------------------------------------------ the bookmarklet
    const href = await page.getAttribute('#bookmarklet', 'href');
    check('bookmarklet link is a javascript: URL embedding the demo origin',
      href.startsWith('javascript:') && decodeURIComponent(href).includes(JSON.stringify(`${demo.origin}/`)));
    const code = decodeURIComponent(href.slice('javascript:'.length));
    const T = { code, ctl, demo, site, errors, context, outside };
    await moduleTests(page);
    await loaderTests(T);
    await bookmarkletTests(T);
    await panelTests(T);
    await dynamicTests(T);
    await languageTests(T);
    await longPageTests(T);
    await reactTests(T);
    await cspTests(T);
    await realPageTests(T, real);
    check('no page errors or console errors', errors.length === 0, errors.join(' | ').slice(0, 600));
    check('no request left the machine', outside.length === 0, outside.slice(0, 5).join(' '));
  } finally {
    if (browser) await browser.close().catch(() => {});
    for (const stop of servers) await stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------ the bookmarklet

async function bookmarkletTests({ code, ctl, demo, site, errors, context }) {
  const page = await context.newPage();
  watchErrors(page, errors, 'foreign page');
  await page.goto(`${site.origin}/article.html`);
  const original = await page.evaluate(() => document.documentElement.outerHTML);
  const ledeNodes = await page.evaluate(() => document.getElementById('lede').childNodes.length);

  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.evaluate(code);
  await page.waitForSelector(HOST, { state: 'attached', timeout: 15000 });
  const marked = await page.evaluate(() => {
    const marks = [...document.querySelectorAll('mark.cm-mark')];
    const host = document.querySelector('[data-claimmark-ui][data-claims]');
    const m = marks[0];
    const cs = m && getComputedStyle(m);
    return {
      marks: marks.length,
      outside: marks.filter((m) => !m.closest('article')).length,
      boilerplate: marks.filter((m) => m.closest('pre, h1, figure, .share-bar, .related-links, #comments, .cookie-banner')).length,
      claims: Number(host.dataset.claims),
      mode: host.dataset.mode,
      count: host.shadowRoot?.querySelector('.count')?.textContent,
      items: host.shadowRoot?.querySelectorAll('.list > li[data-claim]').length,
      sheets: document.adoptedStyleSheets.length,
      background: cs?.backgroundColor,
      padding: cs?.paddingTop,
    };
  });
  check('bookmarklet marks the article', marked.marks > 0 && marked.claims > 0, `${marked.claims} claims, ${marked.marks} marks, mode ${marked.mode}`);
  check('nothing marked outside the article (nav, aside, footer, cookie banner)', marked.outside === 0, `${marked.outside} outside`);
  check('nothing marked in the article\'s boilerplate (headline, share bar, figure, related links, comments, code)', marked.boilerplate === 0, `${marked.boilerplate}`);
  check('side panel in a shadow root lists every claim with the count', marked.count === String(marked.claims) && marked.items === marked.claims, `${marked.items} items`);
  check('mark styles adopted and win over the page\'s own mark style',
    marked.sheets === 2 && marked.background !== 'rgb(255, 255, 0)' && marked.padding === '0px', `${marked.background}, padding ${marked.padding}`);
  check('bookmarklet loads its code from the claimmark origin only',
    requests.length > 0 && requests.every((u) => u.startsWith(demo.origin)), [...new Set(requests.map((u) => new URL(u).pathname))].join(' '));
  await page.screenshot({ path: path.join(OUT, 'bookmarklet.png'), caret: 'initial' });

  // Annotating again gives the same DOM, and makes no request.
  const html1 = await page.evaluate(() => document.documentElement.outerHTML);
  requests.length = 0;
  await ctl(page, 'cm.remark();');
  const html2 = await page.evaluate(() => document.documentElement.outerHTML);
  check('annotate twice = annotate once (same outerHTML)', html1 === html2, html1 === html2 ? '' : firstDiff(html1, html2));
  check('no network request while marking', requests.length === 0, requests.join(' ') || 'none');

  await page.evaluate(code); // second click: clear
  await page.waitForFunction(() => !document.querySelector('[data-claimmark-ui]'), null, { timeout: 5000 });
  const restored = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    lede: document.getElementById('lede').childNodes.length,
    sheets: document.adoptedStyleSheets.length,
  }));
  check('second click restores document.documentElement.outerHTML exactly', restored.html === original,
    restored.html === original ? '' : firstDiff(original, restored.html));
  check("second click keeps the page's own split text nodes and removes our styles", restored.lede === ledeNodes && restored.sheets === 0,
    `${restored.lede} nodes in #lede, ${restored.sheets} adopted sheets`);

  // The non-mutating mode on request: highlights, no <mark>, the DOM untouched.
  await ctl(page, "await m.toggle({ mode: 'highlight' });");
  await page.waitForSelector(HOST, { state: 'attached', timeout: 10000 });
  const hl = await page.evaluate(() => ({
    marks: document.querySelectorAll('mark').length,
    mode: document.querySelector('[data-claimmark-ui][data-claims]').dataset.mode,
    ranges: [...CSS.highlights.keys()].filter((k) => k.startsWith('cm-t-')).reduce((n, k) => n + CSS.highlights.get(k).size, 0),
    body: document.body.outerHTML,
  }));
  check('options.mode = "highlight": no <mark>, CSS highlights instead', hl.mode === 'highlight' && hl.marks === 0 && hl.ranges > 0, `${hl.ranges} ranges`);
  await page.screenshot({ path: path.join(OUT, 'bookmarklet-highlight.png'), caret: 'initial' });
  await page.evaluate(code);
  await page.waitForFunction(() => !document.querySelector('[data-claimmark-ui]'), null, { timeout: 5000 });
  const afterHl = await page.evaluate(() => ({ html: document.documentElement.outerHTML, hl: [...CSS.highlights.keys()].length }));
  check('highlight mode: clear leaves the page exactly as it was, no highlight left', afterHl.html === original && afterHl.hl === 0);
  await page.close();
}

// ------------------------------------------------------------------------------ long pages

/** A long article is marked in steps: progress in the panel, Cancel restores the page, and
 * the finished marks are those of a one-go annotate. */
async function longPageTests({ ctl, site, demo, errors, context }) {
  const page = await context.newPage();
  watchErrors(page, errors, 'long page');
  await page.goto(`${site.origin}/article.html`);
  // About 400 KB of article text: the article's paragraphs cloned (DOM calls only).
  const chars = await page.evaluate(() => {
    const body = document.querySelector('article');
    const paras = [...body.querySelectorAll('p')];
    while (body.textContent.length < 400000) for (const p of paras) body.append(p.cloneNode(true));
    return body.textContent.length;
  });
  const original = await page.evaluate(() => document.documentElement.outerHTML);

  // Cancel at the first step.
  const cancelled = await ctl(page, `
    await m.toggle();
    const c = m.current();
    const host = document.querySelector('[data-claimmark-ui]');
    const sr = host.shadowRoot;
    const seen = { pending: 'progress' in host.dataset, bar: !!sr.querySelector('.progress progress'), button: sr.querySelector('.progress button')?.textContent };
    sr.querySelector('.progress button').click();
    const stats = await c.ready;
    return { ...seen, stats, marks: document.querySelectorAll('mark.cm-mark').length, summary: sr.querySelector('.summary').textContent,
      flagged: 'cancelled' in host.dataset, progressGone: !sr.querySelector('.progress') };`);
  check(`long page (${Math.round(chars / 1000)} KB): marking shows a progress bar with Cancel`,
    cancelled.pending && cancelled.bar && cancelled.button === 'Cancel', JSON.stringify({ ...cancelled, stats: undefined }));
  check('long page: Cancel removes every mark and says so', cancelled.stats.cancelled === true && cancelled.marks === 0 && cancelled.flagged &&
    cancelled.progressGone && /cancelled/i.test(cancelled.summary), cancelled.summary);
  await ctl(page, 'await m.toggle();'); // close the panel
  const afterCancel = await page.evaluate(() => document.documentElement.outerHTML);
  check('long page: after Cancel and close the page is exactly as before', afterCancel === original, afterCancel === original ? '' : firstDiff(original, afterCancel));

  // Marked to the end in steps: progress grows to the end; same marks as one go.
  const stepped = await ctl(page, `
    const seen = [];
    await m.toggle({ onProgress: (f) => seen.push(f) });
    const stats = await m.current().ready;
    const marks = [...document.querySelectorAll('mark.cm-mark')].map((x) => x.dataset.cmClaim + ':' + x.textContent).join('|');
    const host = document.querySelector('[data-claimmark-ui][data-claims]');
    return { steps: seen.length, rising: seen.every((f, i) => i === 0 || f >= seen[i - 1]), stats, marks,
      progressGone: !host.shadowRoot.querySelector('.progress'), claims: Number(host.dataset.claims) };`);
  await ctl(page, 'await m.toggle();');
  const oneGo = await ctl(page, `
    await m.toggle({ stepAbove: Infinity });
    const stats = m.current().stats();
    const marks = [...document.querySelectorAll('mark.cm-mark')].map((x) => x.dataset.cmClaim + ':' + x.textContent).join('|');
    await m.toggle();
    return { stats, marks };`);
  console.log(`long page: ${stepped.steps} progress updates, ${stepped.claims} claims, ${stepped.stats.ms.toFixed(0)} ms in steps; ${oneGo.stats.ms.toFixed(0)} ms in one go`);
  check('long page: marked in several steps with rising progress, then the panel lists the claims',
    stepped.steps > 2 && stepped.rising && stepped.progressGone && !stepped.stats.cancelled && stepped.claims > 100, `${stepped.steps} steps, ${stepped.claims} claims`);
  check('long page: marks in steps = marks in one go', stepped.marks === oneGo.marks && oneGo.marks.length > 0,
    stepped.marks === oneGo.marks ? `${stepped.marks.split('|').length} marks` : firstDiff(oneGo.marks, stepped.marks));
  const restored = await page.evaluate(() => document.documentElement.outerHTML);
  check('long page: clear restores the page exactly', restored === original, restored === original ? '' : firstDiff(original, restored));
  await page.close();

  // The demo page: a long pasted text shows its progress and Cancel in the status line.
  const demoPage = await context.newPage();
  watchErrors(demoPage, errors, 'demo, long text');
  await demoPage.goto(`${demo.origin}/index.html`);
  await demoPage.waitForSelector('html[data-claimmark-ready]', { state: 'attached', timeout: 15000 });
  const paste = async () => {
    await demoPage.evaluate(async () => {
      const example = await (await fetch('./example-article.txt')).text();
      const src = document.getElementById('source');
      src.value = Array.from({ length: 80 }, () => example).join('\n\n');
      src.dispatchEvent(new Event('input'));
    });
    await demoPage.click('#mark');
  };
  // Cancel as soon as the progress line appears (the marking takes a few frames).
  await demoPage.evaluate(() => {
    const status = document.getElementById('status');
    const mo = new MutationObserver(() => {
      const button = status.querySelector('button');
      if (button && status.dataset.progress !== undefined) {
        window.__shownProgress = status.textContent;
        mo.disconnect();
        button.click();
      }
    });
    mo.observe(status, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await paste();
  const cancelledStatus = await demoPage.waitForFunction(() => /cancelled/i.test(document.getElementById('status').textContent) && document.getElementById('status').textContent, null, { timeout: 10000 })
    .then((h) => h.jsonValue()).catch(() => '');
  const shown = await demoPage.evaluate(() => window.__shownProgress || '');
  const marksAfterCancel = await demoPage.evaluate(() => document.querySelectorAll('#article mark.cm-mark').length);
  check('demo page: a long pasted text shows progress with Cancel, and Cancel unmarks it',
    /Marking the article… \d+%/.test(shown) && !!cancelledStatus && marksAfterCancel === 0, `${shown} → ${cancelledStatus} (${marksAfterCancel} marks)`);
  await paste();
  await demoPage.waitForFunction(() => document.getElementById('status').dataset.kind === 'ok', null, { timeout: 60000 });
  const finished = await demoPage.evaluate(() => ({
    status: document.getElementById('status').textContent,
    marks: document.querySelectorAll('#article mark.cm-mark').length,
    items: document.querySelectorAll('#claim-list > li').length,
  }));
  check('demo page: a long pasted text is marked to the end in steps', finished.marks > 1000 && finished.items >= 800, `${finished.items} claims, ${finished.marks} marks: ${finished.status}`);
  await demoPage.close();
}

// ------------------------------------------------------------------------------ JS modules

/** The pure parts of www/ (exports, framework detection), in the demo page. */
async function moduleTests(page) {
  const r = await page.evaluate(async () => {
    const ex = await import('./export.js');
    const sc = await import('./scope.js');
    const claim = { id: 3, score: 0.5, kinds: ['quote'], speaker: '=HYPERLINK("x")', text: 'He said, "no",\nthen left.', spans: [], attributions: [] };
    const csv = ex.claimsCSV([{ claim, link: 'https://e.example/a#:~:text=x' }], { url: 'https://e.example/a', title: 'T, "q"', date: '' });
    const doc = document.implementation.createHTMLDocument('');
    const mk = (html) => {
      const d = doc.createElement('div');
      d.append(doc.createRange().createContextualFragment(html));
      doc.body.replaceChildren(d);
      return d;
    };
    const vue = mk('<p>x</p>');
    vue.firstChild.__vue__ = {};
    const fw = {
      plain: sc.detectFramework(mk('<p>plain</p>')),
      vue: sc.detectFramework(vue),
      vueAttr: sc.detectFramework(mk('<p data-v-7ba5bd90>x</p>')),
      svelte: sc.detectFramework(mk('<p class="title svelte-1xyz2ab">x</p>')),
      react: sc.detectFramework(mk('<div data-reactroot><p>x</p></div>')),
    };
    return {
      term: ex.encodeTerm('a-b, c&d é'),
      csvLines: csv.split('\r\n'),
      fw,
      parsed: ex.parseTextFragment(ex.textFragmentLink('https://e.example/a#top', { text: 'The cat sat.', start: 11, end: 23 }, 'Intro one. The cat sat. Outro two.', 'Intro one. The cat sat. Again: the cat sat.')),
    };
  });
  check("text-fragment terms encode the directive's own syntax (- , &)", r.term === 'a%2Db%2C%20c%26d%20%C3%A9', r.term);
  check('CSV: quotes, commas and line breaks quoted; formulas neutralised',
    r.csvLines[1].includes(`"'=HYPERLINK(""x"")"`) && r.csvLines[1].includes(`"He said, ""no"", then left."`) && r.csvLines[1].includes(`"T, ""q"""`), r.csvLines[1]);
  check('text fragment of a repeated claim: prefix and suffix from its own context',
    r.parsed.prefix === 'Intro one.' && r.parsed.start === 'The cat sat.' && r.parsed.suffix === 'Outro two.', JSON.stringify(r.parsed));
  check('framework detection: React, Vue (property, scoped attribute), Svelte; none on a plain page',
    r.fw.plain === null && r.fw.vue === 'vue' && r.fw.vueAttr === 'vue' && r.fw.svelte === 'svelte' && r.fw.react === 'react', JSON.stringify(r.fw));
}

// ------------------------------------------------------------------------------ www/load.js

/** The loader the bookmarklet uses: the module loads, and a missing wasm or glue is a clear
 * rejection (in a page of its own: the 404s it provokes are console errors by design). */
async function loaderTests({ demo, context }) {
  const page = await context.newPage();
  await page.goto(`${demo.origin}/index.html`);
  const r = await page.evaluate(async () => {
    const { loadModule, compileWasm } = await import('./load.js');
    const base = new URL('./', location.href);
    const settle = (p) => p.then((v) => ({ ok: true, v }), (e) => ({ ok: false, message: String(e?.message || e) }));
    const mod = await settle(loadModule(base));
    const claims = mod.ok ? mod.v.extract('Sales rose 4% in May, the company said.').claims.length : -1;
    const compiled = await settle(compileWasm(new URL('./pkg/claimmark_bg.wasm', base)));
    const missingWasm = await settle(compileWasm(new URL('./pkg/no-such.wasm', base)));
    const missingGlue = await settle(loadModule(new URL('./no-such-folder/', base)));
    return { mod: mod.ok, claims, compiled: compiled.ok && compiled.v instanceof WebAssembly.Module, missingWasm, missingGlue };
  });
  await page.close();
  check('www/load.js: loadModule gives the initialised module (glue and wasm loaded side by side)', r.mod && r.claims === 1, JSON.stringify(r));
  check('www/load.js: compileWasm compiles the served wasm', r.compiled, JSON.stringify(r));
  check('www/load.js: a missing wasm is a rejection that names the URL and the HTTP status',
    !r.missingWasm.ok && /no-such\.wasm: HTTP 404/.test(r.missingWasm.message), JSON.stringify(r.missingWasm));
  check('www/load.js: a missing glue is a rejection, not a hang', !r.missingGlue.ok && r.missingGlue.message.length > 0, JSON.stringify(r.missingGlue));
}

// ------------------------------------------------------------------------------ the side panel

async function panelTests({ code, ctl, site, errors, context }) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  const page = await context.newPage();
  watchErrors(page, errors, 'panel page');
  await page.goto(`${site.origin}/article.html`);
  const original = await page.evaluate(() => document.documentElement.outerHTML);
  await page.evaluate(code);
  await page.waitForSelector(HOST, { state: 'attached', timeout: 15000 });
  const P = `${HOST} >> `; // playwright's CSS engine pierces the open shadow root
  const state = () => page.evaluate(() => {
    const host = document.querySelector('[data-claimmark-ui][data-claims]');
    const root = host.shadowRoot;
    const alpha = (c) => (c.startsWith('rgba') ? Number(c.split(',')[3].replace(')', '')) : c === 'transparent' ? 0 : 1);
    const items = [...root.querySelectorAll('.list > li[data-claim]')];
    const visible = items.filter((li) => !li.hidden);
    const tinted = new Set([...document.querySelectorAll('mark.cm-mark')].filter((m) => alpha(getComputedStyle(m).backgroundColor) > 0).map((m) => m.dataset.cmClaim));
    const tip = root.querySelector('.tip');
    return {
      ids: items.map((li) => li.dataset.claim),
      scores: items.map((li) => Number(li.dataset.score)),
      shown: visible.map((li) => li.dataset.claim),
      shownKinds: visible.map((li) => li.dataset.kinds),
      shownScores: visible.map((li) => Number(li.dataset.score)),
      tinted: [...tinted],
      selected: root.querySelector('.list > li.selected')?.dataset.claim ?? null,
      chips: [...root.querySelectorAll('.chip')].map((c) => [c.dataset.kind, c.querySelector('.n').textContent, c.getAttribute('aria-pressed')]),
      tip: tip.hidden ? '' : tip.textContent,
      tipRole: tip.getAttribute('role'),
      active: document.activeElement?.closest?.('mark.cm-mark')?.dataset.cmClaim ?? null,
      panel: host.dataset.panel || 'open',
    };
  });
  const s0 = await state();
  await page.waitForTimeout(300); // colour transitions
  check('panel: claims sorted by score', s0.ids.length > 0 && isSortedDesc(s0.scores), s0.scores.map((s) => s.toFixed(2)).join(' '));
  check('panel: a filter per kind and for anonymous sources, with counts',
    s0.chips.length === 7 && s0.chips.some(([k, n]) => k === 'anonymous' && Number(n) > 0), s0.chips.map(([k, n]) => `${k} ${n}`).join(', '));

  // Only anonymous sources (Shift+click), then everything again.
  await page.click(`${P}.chip[data-kind="anonymous"]`, { modifiers: ['Shift'] });
  await page.waitForTimeout(300);
  const anon = await state();
  check('filter: only claims from anonymous sources listed and tinted',
    anon.shown.length > 0 && anon.shownKinds.every((k) => k.split(' ').includes('anonymous')) && anon.tinted.every((id) => anon.shown.includes(id)),
    `${anon.shown.length} listed, ${anon.tinted.length} tinted`);
  for (const [kind, , pressed] of anon.chips) if (kind !== 'anonymous' && pressed === 'true') continue;
  for (const kind of ['statistic', 'attribution', 'quote', 'prediction', 'comparison', 'factual']) await page.click(`${P}.chip[data-kind="${kind}"]`);
  await page.waitForTimeout(300);
  check('filter: every kind back on', (await state()).shown.length === s0.ids.length);

  // Score threshold.
  const setSlider = (v) => page.evaluate((v) => {
    const s = document.querySelector('[data-claimmark-ui][data-claims]').shadowRoot.querySelector('.slider');
    s.value = v;
    s.dispatchEvent(new Event('input'));
  }, v);
  await setSlider('0.95');
  await page.waitForTimeout(300);
  const high = await state();
  check('score slider hides claims below it, in the list and in the page',
    high.shownScores.every((s) => s >= 0.95) && high.shown.length < s0.ids.length && high.tinted.every((id) => high.shown.includes(id)),
    `${high.shown.length} of ${s0.ids.length} listed, ${high.tinted.length} tinted`);
  await setSlider('0');

  // Keyboard: j / k move through the claims (focus + tooltip); never in a text field.
  await page.click('article h1'); // focus the page, not a field
  await page.keyboard.press('j');
  await page.waitForTimeout(600);
  const j1 = await state();
  await page.keyboard.press('j');
  await page.waitForTimeout(600);
  const j2 = await state();
  await page.keyboard.press('k');
  await page.waitForTimeout(600);
  const k1 = await state();
  check('keyboard: j selects the first claim, focuses its mark and shows its tooltip',
    j1.selected === s0.ids[0] && j1.active === s0.ids[0] && /score/.test(j1.tip) && j1.tipRole === 'tooltip', `${j1.selected} ${j1.active}`);
  check('keyboard: j again goes to the next claim, k back', j2.selected === s0.ids[1] && k1.selected === s0.ids[0]);
  await page.keyboard.press('Escape');
  check('Escape dismisses the tooltip', (await state()).tip === '');
  await page.click('#search');
  await page.keyboard.type('jkp');
  const typed = await page.inputValue('#search');
  const afterTyping = await state();
  check('keyboard: keys typed in an input are left alone', typed === 'jkp' && afterTyping.selected === s0.ids[0] && afterTyping.panel === 'open', typed);
  await page.click('#note');
  await page.keyboard.type('j');
  const inNote = await state();
  check('keyboard: keys typed in a contenteditable are left alone', inNote.selected === s0.ids[0] && (await page.textContent('#note')).includes('j'));
  await page.click('article h1');
  await page.keyboard.press('p');
  const closed = await state();
  const pill = await page.isVisible(`${P}.pill`);
  await page.keyboard.press('p');
  check('keyboard: p hides the panel (a pill stays) and shows it again', closed.panel === 'closed' && pill && (await state()).panel === 'open');

  // Hover tooltip: kind, speaker and cue, quantity, score.
  await page.hover('mark.cm-statistic >> nth=0');
  await page.waitForTimeout(200);
  const hover = await state();
  check('hover tooltip: kinds, speaker, cue, quantity (value, unit, approx), score',
    /statistic/i.test(hover.tip) && /Speaker/.test(hover.tip) && /Cue/.test(hover.tip) && /value 8000/.test(hover.tip) && /unit soldiers/.test(hover.tip) && /approx/.test(hover.tip) && /score 0\.\d\d/.test(hover.tip),
    hover.tip.slice(0, 160));
  await page.screenshot({ path: path.join(OUT, 'panel-tooltip.png'), caret: 'initial' });
  await page.mouse.move(940, 880);

  // Click a claim: scrolls to it and flashes it.
  const last = s0.ids[s0.ids.length - 1];
  await page.click(`${P}.list > li[data-claim="${last}"] .claim`);
  const flashed = await page.evaluate((id) => [...document.querySelectorAll('mark.cm-flash')].map((m) => m.dataset.cmClaim), last);
  await page.waitForTimeout(700);
  const inView = await page.evaluate((id) => {
    const r = document.querySelector(`mark[data-cm-claim="${id}"]`).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }, last);
  check('clicking a claim scrolls to it and flashes its marks', flashed.length > 0 && flashed.every((id) => id === last) && inView, `claim ${last}: ${flashed.length} flashing, in view ${inView}`);
  await page.screenshot({ path: path.join(OUT, 'panel-selected.png'), caret: 'initial' });

  // Exports.
  const download = async (label) => {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), page.click(`${P}.foot button:text-is("${label}")`)]);
    return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
  };
  const json = await download('JSON');
  const j = JSON.parse(json.text);
  check('export JSON: the report plus the page URL, title and date',
    j.url === `${site.origin}/article.html` && /Blinken says/.test(j.title) && j.date === '2024-11-01T09:30:00Z' && j.reports.length === 1 &&
      j.reports[0].claims.length === s0.ids.length && typeof j.reports[0].text === 'string' && json.name.endsWith('.json'),
    `${json.name}: ${j.reports?.[0]?.claims?.length} claims, date ${j.date}`);
  const csv = await download('CSV');
  const rows = csv.text.trim().split('\r\n');
  check('export CSV: a header and one row per claim', rows.length === s0.ids.length + 1 && rows[0].startsWith('id,score,kinds,speaker'), `${rows.length} lines; ${rows[1]?.slice(0, 80)}`);
  const cr = await download('ClaimReview');
  const reviews = JSON.parse(cr.text);
  const bySpeaker = reviews.filter((r) => r.itemReviewed.author);
  check('export ClaimReview: one skeleton per claim, author = speaker, no rating',
    reviews.length === s0.ids.length && reviews.every((r) => r['@type'] === 'ClaimReview' && r.claimReviewed && 'url' in r && r.datePublished && !r.reviewRating) &&
      bySpeaker.length > 0 && bySpeaker.every((r) => r.itemReviewed.author.name) && reviews[0].itemReviewed.appearance.url.includes('#:~:text='),
    `${reviews.length} reviews, ${bySpeaker.length} with an author`);

  // Copy link: a text fragment; with prefix/suffix where the claim's text repeats.
  const claims = await ctl(page, 'return [...cm.claims.values()].map((x) => ({ id: x.claim.id, text: x.claim.text }));');
  const twice = claims.filter((c) => c.text.startsWith('Officials said 5,000'));
  const once = claims.find((c) => c.text.startsWith('South Korean'));
  const linkOf = async (id) => {
    await page.click(`${P}.list > li[data-claim="${id}"] .link`);
    await page.waitForTimeout(100);
    return page.evaluate(() => document.querySelector('[data-claimmark-ui][data-claims]').dataset.lastLink);
  };
  const parse = (href) => {
    const m = /#:~:text=(.*)$/.exec(href);
    const terms = m[1].split(',');
    const out = { prefix: '', suffix: '', terms: [] };
    if (terms[0].endsWith('-')) out.prefix = decodeURIComponent(terms.shift().slice(0, -1));
    if (terms.at(-1).startsWith('-')) out.suffix = decodeURIComponent(terms.pop().slice(1));
    out.terms = terms.map(decodeURIComponent);
    return out;
  };
  const onceLink = await linkOf(once.id);
  const clip = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
  const po = parse(onceLink);
  check('copy link: a #:~:text= fragment of the claim, copied to the clipboard',
    onceLink.startsWith(`${site.origin}/article.html#:~:text=`) && clip === onceLink && !po.prefix && once.text.replace(/\s+/g, ' ').startsWith(po.terms[0]) && !/[ ,&]/.test(onceLink.split('#')[1].replace(/^:~:text=/, '').replace(/,/g, '')),
    onceLink.slice(site.origin.length, site.origin.length + 90));
  const second = twice.sort((a, b) => a.id - b.id);
  const links = [];
  for (const c of second) links.push(parse(await linkOf(c.id)));
  check('copy link: a repeated claim gets a prefix and suffix from its own context',
    twice.length === 2 && links.every((l) => l.prefix || l.suffix) && JSON.stringify(links[0]) !== JSON.stringify(links[1]),
    links.map((l) => `${l.prefix}|${l.terms.join('…')}|${l.suffix}`).join(' ; '));
  // The browser finds it: the second occurrence is scrolled into view.
  const hrefSecond = await linkOf(second[1].id);
  const probe = await context.newPage();
  await probe.setViewportSize({ width: 900, height: 300 });
  await probe.goto(hrefSecond);
  await probe.waitForTimeout(800);
  const landed = await probe.evaluate(() => {
    const ps = [...document.querySelectorAll('article p')].filter((p) => p.textContent.includes('5,000 more troops'));
    const r = ps[1].getBoundingClientRect();
    return { y: scrollY, inView: r.top >= 0 && r.bottom <= innerHeight };
  });
  check('the text-fragment link scrolls to the second occurrence', landed.y > 0 && landed.inView, JSON.stringify(landed));
  await probe.close();

  // Shift+X clears everything (the note typed into above is put back first).
  await page.evaluate(() => (document.getElementById('note').textContent = 'Notes: '));
  await page.click('article h1');
  await page.keyboard.press('Shift+X');
  await page.waitForFunction(() => !document.querySelector('[data-claimmark-ui]'), null, { timeout: 5000 });
  check('keyboard: Shift+X clears and restores the page exactly', (await page.evaluate(() => document.documentElement.outerHTML)) === original);
  await page.close();
}

// ------------------------------------------------------------------------------ dynamic pages

// claimmark reads English: a page that declares another language gets a note in the panel.
async function languageTests({ code, site, errors, context }) {
  const note = async (file) => {
    const page = await context.newPage();
    watchErrors(page, errors, `language page ${file}`);
    await page.goto(`${site.origin}/${file}`);
    await page.evaluate(code);
    await page.waitForSelector(HOST, { state: 'attached', timeout: 15000 });
    const r = await page.evaluate(() => {
      const host = document.querySelector('[data-claimmark-ui][data-claims]');
      const box = host.shadowRoot.querySelector('.lang-note');
      return { lang: host.dataset.lang, share: host.dataset.englishShare, shown: !box.hidden && box.getBoundingClientRect().height > 0, text: box.textContent, claims: Number(host.dataset.claims) };
    });
    if (file === 'portuguese.html') await page.screenshot({ path: path.join(OUT, 'language-note.png'), caret: 'initial' });
    await page.close();
    return r;
  };
  const pt = await note('portuguese.html');
  check('a Portuguese page (lang="pt-BR"): the panel says claimmark reads English',
    pt.lang === 'pt-br' && pt.shown && /Portuguese/.test(pt.text) && /reads English/.test(pt.text), JSON.stringify(pt));
  const en = await note('article.html');
  check('an English page (lang="en"): no language note', en.lang === 'en' && !en.shown && en.text === '' && Number(en.share) >= 0.12, JSON.stringify(en));
  const de = await note('undeclared.html');
  check('a German page that declares no language: the panel says the text does not look like English',
    de.lang === '' && de.shown && /does not look like English/.test(de.text) && Number(de.share) < 0.12, JSON.stringify(de));
}

async function dynamicTests({ code, ctl, site, errors, context }) {
  // What the page looks like with the same additions and no claimmark.
  const ref = await context.newPage();
  await ref.goto(`${site.origin}/dynamic.html`);
  await ref.evaluate(() => {
    readMore();
    nextArticle();
  });
  const expected = await ref.evaluate(() => document.documentElement.outerHTML);
  await ref.close();

  const page = await context.newPage();
  watchErrors(page, errors, 'dynamic page');
  await page.goto(`${site.origin}/dynamic.html`);
  await page.evaluate(code);
  await page.waitForSelector(HOST, { state: 'attached', timeout: 15000 });
  const n0 = Number(await page.getAttribute(HOST, 'data-claims'));
  await page.evaluate(() => {
    window.__old = [...document.querySelectorAll('mark.cm-mark')];
    readMore();
  });
  await page.waitForSelector(`${HOST}[data-pending]:not([data-pending="0"])`, { state: 'attached', timeout: 5000 });
  const notice = await page.textContent(`${HOST} >> .notice`);
  await page.click(`${HOST} >> .notice button`);
  const afterMore = await page.evaluate(() => ({
    claims: Number(document.querySelector('[data-claimmark-ui][data-claims]').dataset.claims),
    oldKept: window.__old.every((m) => m.isConnected),
    newMarks: [...document.querySelectorAll('#first .body p')].slice(2).filter((p) => p.querySelector('mark.cm-mark')).length,
    nested: document.querySelectorAll('mark mark').length,
    newRoles: [...document.querySelectorAll('#first .body p')].slice(2).filter((p) => p.querySelector('mark.cm-statistic')).length,
    ids: [...document.querySelectorAll('mark.cm-mark')].map((m) => m.dataset.cmClaim),
  }));
  check('"read more": the panel offers to mark the new text', /added 1 block|added 2 blocks/.test(notice), notice);
  check('"Mark new content" marks only the new paragraphs, the old marks stay as they were',
    afterMore.claims > n0 && afterMore.oldKept && afterMore.newMarks === 2 && afterMore.newRoles === 2 && afterMore.nested === 0,
    `${n0} → ${afterMore.claims} claims`);
  // Watch: an article appended by "infinite scroll" is marked by itself.
  await page.click(`${HOST} >> .watch input`);
  await page.evaluate(() => nextArticle());
  await page.waitForFunction((n) => Number(document.querySelector('[data-claimmark-ui][data-claims]').dataset.claims) > n, afterMore.claims, { timeout: 5000 }).catch(() => {});
  const watched = await page.evaluate(() => ({
    claims: Number(document.querySelector('[data-claimmark-ui][data-claims]').dataset.claims),
    marked: !!document.querySelector('#feed > article:last-child mark.cm-mark'),
  }));
  check('watch: a new article appended later is marked automatically', watched.marked && watched.claims > afterMore.claims, `${watched.claims} claims`);
  await page.screenshot({ path: path.join(OUT, 'dynamic.png'), caret: 'initial' });
  await ctl(page, 'cm.remark();');
  const r1 = await page.evaluate(() => document.documentElement.outerHTML);
  await ctl(page, 'cm.remark();');
  const r2 = await page.evaluate(() => document.documentElement.outerHTML);
  check('dynamic page: marking again = marking once', r1 === r2);
  await page.evaluate(code);
  await page.waitForFunction(() => !document.querySelector('[data-claimmark-ui]'), null, { timeout: 5000 });
  const cleared = await page.evaluate(() => document.documentElement.outerHTML);
  check('dynamic page: clear leaves the page as if never marked', cleared === expected, cleared === expected ? '' : firstDiff(expected, cleared));
  await page.close();
}

// ------------------------------------------------------------------------------ React

async function reactTests({ code, ctl, site, errors, context }) {
  const page = await context.newPage();
  const reactErrors = [];
  watchErrors(page, reactErrors, 'react page');
  await page.goto(`${site.origin}/react.html`);
  await page.waitForSelector('#root article p');
  await page.evaluate(code);
  await page.waitForSelector(HOST, { state: 'attached', timeout: 15000 });
  const info = () => page.evaluate(() => {
    const host = document.querySelector('[data-claimmark-ui][data-claims]');
    const names = [...CSS.highlights.keys()].filter((k) => k.startsWith('cm-'));
    const ranges = names.flatMap((k) => [...CSS.highlights.get(k)]);
    return {
      mode: host.dataset.mode,
      claims: Number(host.dataset.claims),
      marks: document.querySelectorAll('mark').length,
      ranges: ranges.length,
      stale: ranges.filter((r) => !r.startContainer.isConnected).length,
      texts: [...new Set(ranges.map((r) => r.toString()))].join(' | '),
      summary: host.shadowRoot.querySelector('.summary').textContent,
    };
  });
  const r0 = await info();
  check('React page detected: highlight mode, no <mark> in React\'s DOM', r0.mode === 'highlight' && r0.marks === 0 && r0.ranges > 0 && /React/.test(r0.summary),
    `${r0.claims} claims, ${r0.ranges} ranges; ${r0.summary}`);

  // Hover and click work by hit-testing.
  const rect = await ctl(page, `const r = cm.runs[0].ranges.find((x) => x.roles.includes('statistic')).range.getClientRects()[0]; return { x: r.left + r.width / 2, y: r.top + r.height / 2 };`);
  await page.mouse.move(rect.x, rect.y);
  await page.waitForTimeout(300);
  const tip = await page.evaluate(() => {
    const t = document.querySelector('[data-claimmark-ui][data-claims]').shadowRoot.querySelector('.tip');
    return t.hidden ? '' : t.textContent;
  });
  const active = await page.evaluate(() => CSS.highlights.get('cm-active')?.size || 0);
  check('highlight mode: hovering a claim shows its tooltip and lights it up', /Quantity/.test(tip) && active > 0, tip.slice(0, 80));
  await page.mouse.click(rect.x, rect.y);
  const selected = await page.evaluate(() => !!document.querySelector('[data-claimmark-ui][data-claims]').shadowRoot.querySelector('.list > li.selected'));
  check('highlight mode: clicking a claim selects it in the panel', selected);
  await page.screenshot({ path: path.join(OUT, 'react.png'), caret: 'initial' });

  // React re-renders (state update): the highlights follow.
  await page.mouse.move(5, 5);
  const relocations = await ctl(page, 'return cm.relocations || 0;');
  await page.click('#update');
  await page.waitForTimeout(400);
  const r1 = await info();
  const moved = await ctl(page, 'return cm.relocations || 0;');
  check('React re-render: no error, the highlights follow the new text',
    reactErrors.length === 0 && moved > relocations && r1.stale === 0 && /9,000 North Korean soldiers/.test(r1.texts) && /more than 300 soldiers/.test(r1.texts) && r1.marks === 0,
    `${r1.claims} claims, ${r1.ranges} ranges, ${r1.stale} stale; ${reactErrors.join(' | ')}`);
  await page.click('#update'); // React still works
  await page.waitForTimeout(400);
  const r2 = await info();
  check('React keeps working after marking', /10,000 North Korean soldiers/.test(r2.texts) && (await page.textContent('#root')).includes('Update 2'));
  await page.screenshot({ path: path.join(OUT, 'react-rerendered.png'), caret: 'initial' });
  const body = await page.evaluate(() => document.body.outerHTML);
  await page.evaluate(code);
  await page.waitForFunction(() => !document.querySelector('[data-claimmark-ui]'), null, { timeout: 5000 });
  const after = await page.evaluate(() => ({ body: document.body.outerHTML, hl: [...CSS.highlights.keys()].length }));
  check('React page: clear removes the highlights, the DOM was never touched', after.body === body && after.hl === 0);
  for (const e of reactErrors) errors.push(e);
  await page.close();
}

// ------------------------------------------------------------------------------ CSP fallback

async function cspTests({ code, site, demo, errors, context }) {
  for (const [file, reason] of [['csp-strict.html', 'script'], ['csp-wasm.html', 'wasm']]) {
    const page = await context.newPage();
    const cspErrors = [];
    watchErrors(page, cspErrors, file);
    await page.goto(`${site.origin}/${file}`);
    const [reader] = await Promise.all([context.waitForEvent('page', { timeout: 15000 }), page.evaluate(code)]);
    const readerErrors = [];
    watchErrors(reader, readerErrors, `reader (${file})`);
    const box = await page.waitForSelector(`[data-claimmark-fallback="${reason}"]`, { state: 'attached', timeout: 10000 });
    const boxText = await box.evaluate((h) => h.shadowRoot.textContent);
    check(`CSP (${reason} blocked): the page says so and opens the reader view`,
      /Content-Security-Policy/.test(boxText) && reader.url().startsWith(`${demo.origin}/reader.html#from=`) && (await page.$$('mark')).length === 0,
      boxText.slice(0, 100));
    await reader.waitForSelector('html[data-claims]', { state: 'attached', timeout: 15000 });
    const r = await reader.evaluate(() => ({
      claims: Number(document.documentElement.dataset.claims),
      marks: document.querySelectorAll('#article mark.cm-mark').length,
      navMarked: [...document.querySelectorAll('#article mark')].some((m) => m.textContent.includes('Markets')),
      notice: document.getElementById('notice').textContent,
      title: document.getElementById('reader-title').textContent,
      scripts: document.querySelectorAll('#article script').length,
      panel: !!document.querySelector('[data-claimmark-ui][data-claims]')?.shadowRoot,
    }));
    await page.waitForSelector(`[data-claimmark-fallback="${reason}"][data-sent]`, { state: 'attached', timeout: 5000 }).catch(() => {});
    check(`CSP (${reason}): the reader view received the article and shows it marked, with the panel`,
      r.claims > 0 && r.marks > 0 && !r.navMarked && r.scripts === 0 && r.panel && /security policy/.test(r.notice) && /Content-Security-Policy/.test(r.title),
      `${r.claims} claims, ${r.marks} marks`);
    await page.screenshot({ path: path.join(OUT, `csp-${reason}-page.png`), caret: 'initial' });
    await reader.screenshot({ path: path.join(OUT, `csp-${reason}-reader.png`), caret: 'initial' });
    check(`CSP (${reason}): the only console errors are the CSP refusals`,
      cspErrors.every((e) => /Content Security Policy|Failed to fetch|import|WebAssembly|wasm/i.test(e)) && readerErrors.length === 0,
      [...cspErrors, ...readerErrors].join(' | ').slice(0, 200));
    await reader.close();
    await page.close();
  }
}

// ------------------------------------------------------------------------------ real pages

/** The readability/ news pages named in ../shared/data/pages/README.md. */
const READABILITY = [
  'aclu', 'ars-1', 'bbc-1', 'breitbart', 'bug-1255978', 'buzzfeed-1', 'citylab-1', 'cnet', 'cnn', 'engadget', 'guardian-1',
  'herald-sun-1', 'medicalnewstoday', 'msn', 'nytimes-1', 'nytimes-2', 'nytimes-3', 'nytimes-4', 'quanta-1', 'salon-1',
  'schema-org-context-object', 'seattletimes-1', 'telegraph', 'theverge', 'tmz-1', 'wapo-1', 'wapo-2', 'webmd-1', 'webmd-2',
  'yahoo-2', 'yahoo-3',
];

/** Copies the real pages into a temp folder (../shared is never written): readability's
 * source.html as <name>.html, aeb's html.gz unzipped. Returns { tmp, dir, pages } or skips. */
function prepareRealPages() {
  const base = path.join(SHARED, 'data', 'pages');
  if (!existsSync(base)) {
    console.log(`skip real pages: ${base} is absent (the committed fixtures cover the rest)`);
    return { tmp: null, dir: null, pages: [] };
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'claimmark-e2e-'));
  const dir = path.join(tmp, 'real');
  mkdirSync(dir);
  const pages = [];
  for (const name of READABILITY) {
    const src = path.join(base, 'readability', name, 'source.html');
    if (!existsSync(src)) continue;
    copyFileSync(src, path.join(dir, `${name}.html`));
    const expected = path.join(base, 'readability', name, 'expected.html');
    pages.push({ name, file: `${name}.html`, truth: existsSync(expected) ? readFileSync(expected, 'utf8') : null, truthIsHtml: true });
  }
  const gtFile = path.join(base, 'aeb', 'ground-truth.json');
  if (existsSync(gtFile)) {
    const gt = JSON.parse(readFileSync(gtFile, 'utf8'));
    const ids = Object.keys(gt).sort();
    const want = process.env.E2E_REAL === 'all' ? ids.length : Number(process.env.E2E_REAL || 24);
    for (const id of ids.slice(0, want)) {
      const gz = path.join(base, 'aeb', 'html', `${id}.html.gz`);
      if (!existsSync(gz)) continue;
      writeFileSync(path.join(dir, `aeb-${id.slice(0, 10)}.html`), gunzipSync(readFileSync(gz)));
      let host = '';
      try {
        host = new URL(gt[id].url).host.replace(/^www\./, '');
      } catch {
        /* no url */
      }
      pages.push({ name: `aeb ${host || id.slice(0, 10)}`, file: `aeb-${id.slice(0, 10)}.html`, truth: gt[id].articleBody, truthIsHtml: false });
    }
  }
  console.log(`real pages: ${pages.length} (readability ${pages.filter((p) => p.truthIsHtml).length}, aeb ${pages.filter((p) => !p.truthIsHtml).length}) copied to ${dir}`);
  return { tmp, dir, pages };
}

async function realPageTests({ code, ctl, site, demo, context }, real) {
  if (!real.pages.length) return;
  const table = [];
  let precisionSum = 0;
  let withTruth = 0;
  const problems = { errors: [], restore: [], twice: [], network: [], none: [] };
  for (const p of real.pages) {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const row = { page: p.name, claims: 0, marks: 0, ms: NaN, precision: NaN, restore: false };
    try {
      await page.goto(`${site.origin}/real/${p.file}`, { waitUntil: 'load', timeout: 20000 }).catch(() => page.waitForLoadState('domcontentloaded'));
      const original = await page.evaluate(() => document.documentElement.outerHTML);
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.evaluate(code);
      await page.waitForSelector('[data-claimmark-ui][data-claims], [data-claimmark-ui][data-error]', { state: 'attached', timeout: 15000 });
      const host = await page.evaluate(() => ({ ...document.querySelector('[data-claimmark-ui]').dataset }));
      if (host.error) {
        problems.none.push(`${p.name}: ${host.error}`);
      } else {
        row.claims = Number(host.claims);
        row.marks = Number(host.marks);
        row.ms = Number(host.ms);
        const texts = await ctl(page, 'return [...cm.claims.values()].map((x) => x.claim.text);');
        if (p.truth) {
          const truthText = p.truthIsHtml
            ? await page.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').body.textContent, p.truth)
            : p.truth;
          const squash = (s) => s.replace(/[\s\u00a0\u200b]+/g, '');
          const body = squash(truthText);
          const inBody = texts.filter((t) => body.includes(squash(t))).length;
          row.precision = texts.length ? inBody / texts.length : 1;
          row.outside = texts.filter((t) => !body.includes(squash(t))).slice(0, 2);
          precisionSum += row.precision;
          withTruth++;
        }
        // Marking again gives the same DOM and makes no request.
        const html1 = await page.evaluate(() => document.documentElement.outerHTML);
        requests.length = 0;
        await ctl(page, 'cm.remark();');
        const html2 = await page.evaluate(() => document.documentElement.outerHTML);
        if (html1 !== html2) problems.twice.push(`${p.name}: ${firstDiff(html1, html2)}`);
        if (requests.length) problems.network.push(`${p.name}: ${requests.slice(0, 3).join(' ')}`);
        // Screenshot at the best claim.
        await ctl(page, 'const best = cm.sorted()[0]; if (best) cm.goTo(best.id);');
        await page.waitForTimeout(350);
      }
      await page.screenshot({ path: path.join(OUT, `real-${p.file.replace(/\.html$/, '')}.png`), caret: 'initial' });
      await page.evaluate(code); // clear
      await page.waitForFunction(() => !document.querySelector('[data-claimmark-ui]'), null, { timeout: 5000 });
      const restored = await page.evaluate(() => document.documentElement.outerHTML);
      row.restore = restored === original;
      if (!row.restore) problems.restore.push(`${p.name}: ${firstDiff(original, restored)}`);
      if (pageErrors.length) problems.errors.push(`${p.name}: ${pageErrors.join(' | ')}`);
    } catch (e) {
      problems.errors.push(`${p.name}: ${e.message.split('\n')[0]}`);
    }
    table.push(row);
    await page.close();
  }
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  console.log(`\n${pad('page', 30)} ${lpad('claims', 6)} ${lpad('marks', 6)} ${lpad('ms', 7)} ${lpad('in-body', 8)}  restore`);
  for (const r of table) {
    console.log(`${pad(r.page.slice(0, 30), 30)} ${lpad(r.claims, 6)} ${lpad(r.marks, 6)} ${lpad(Number.isFinite(r.ms) ? r.ms.toFixed(1) : '-', 7)} ${lpad(Number.isFinite(r.precision) ? r.precision.toFixed(2) : '-', 8)}  ${r.restore ? 'ok' : 'FAIL'}`);
  }
  const precision = withTruth ? precisionSum / withTruth : NaN;
  const aeb = table.filter((r, i) => !real.pages[i].truthIsHtml && Number.isFinite(r.precision));
  const aebPrecision = aeb.length ? aeb.reduce((s, r) => s + r.precision, 0) / aeb.length : NaN;
  const totalMs = table.filter((r) => Number.isFinite(r.ms)).map((r) => r.ms);
  console.log(`mean in-body precision: ${precision.toFixed(3)} over ${withTruth} pages (aeb ground truth: ${aebPrecision.toFixed(3)} over ${aeb.length}); ` +
    `mark time median ${median(totalMs).toFixed(1)} ms, max ${Math.max(...totalMs).toFixed(1)} ms\n`);
  for (const r of table) if (r.outside?.length && r.precision < 0.8) console.log(`  ${r.page}: not in the body: ${r.outside.map((t) => JSON.stringify(t.slice(0, 70))).join(', ')}`);
  check(`real pages: ${table.length} pages marked without an exception`, problems.errors.length === 0, problems.errors.slice(0, 4).join(' ; '));
  check('real pages: every page has claims', problems.none.length === 0 && table.every((r) => r.claims > 0), problems.none.join(' ; '));
  check('real pages: clear restores outerHTML byte for byte', problems.restore.length === 0, problems.restore.slice(0, 3).join(' ; '));
  check('real pages: annotate twice = once', problems.twice.length === 0, problems.twice.slice(0, 3).join(' ; '));
  check('real pages: no network request while marking', problems.network.length === 0, problems.network.slice(0, 3).join(' ; '));
  check('real pages: marks fall inside the article body (mean precision ≥ 0.85 against the ground truth)', precision >= 0.85, precision.toFixed(3));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

const timer = setTimeout(() => {
  check('finished in time', false, `${TIMEOUT_MS} ms`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(1);
}, TIMEOUT_MS);

try {
  await main();
} catch (e) {
  check('e2e run', false, e.stack || String(e));
}
clearTimeout(timer);
console.log(`e2e time: ${((Date.now() - T0) / 1000).toFixed(1)} s`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
