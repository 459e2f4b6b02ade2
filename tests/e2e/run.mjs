// End-to-end tests of the demo page (www/) and the bookmarklet, in headless Chromium driven by
// playwright-core. Run by scripts/test.sh after scripts/build-web.sh:
//
//   node tests/e2e/run.mjs
//
// Starts scripts/serve.py twice on free ports: www/ (the demo origin) and tests/e2e/pages/ (a
// "foreign" news site). Prints one line per check, then `e2e: N passed, M failed`; exits
// non-zero on any failure. Screenshots go to tests/e2e/out/ (git-ignored).
// Environment: CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (default 120000).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, 'out');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 120000);

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

async function main() {
  if (!existsSync(path.join(ROOT, 'www', 'pkg', 'claimmark_bg.wasm'))) {
    check('www/pkg is built', false, 'run scripts/build-web.sh first');
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const servers = [];
  let browser;
  try {
    const demo = await serve(path.join(ROOT, 'www'));
    servers.push(demo.proc);
    const site = await serve(path.join(HERE, 'pages'));
    servers.push(site.proc);
    check('servers started', demo.origin !== site.origin, `demo ${demo.origin}, foreign site ${site.origin}`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Playwright gives every launch a fresh temporary profile (--user-data-dir).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
    const errors = [];

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
        titled: marks.filter((m) => m.title.includes('score')).length,
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
    check('every mark has a tooltip with its score', demoState.titled === demoState.marks);
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
    await page.screenshot({ path: path.join(OUT, 'demo-claim-selected.png') });
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
    await page.screenshot({ path: path.join(OUT, 'demo.png'), fullPage: true });

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

    const site1 = await context.newPage();
    watchErrors(site1, errors, 'foreign page');
    await site1.goto(`${site.origin}/article.html`);
    const original = await site1.evaluate(() => document.documentElement.outerHTML);
    const ledeNodes = await site1.evaluate(() => document.getElementById('lede').childNodes.length);

    const bmRequests = [];
    site1.on('request', (r) => bmRequests.push(r.url()));
    await site1.evaluate(code);
    await site1.waitForSelector('[data-claimmark-ui][data-claims]', { state: 'attached', timeout: 15000 });
    const marked = await site1.evaluate(() => {
      const marks = [...document.querySelectorAll('mark.cm-mark')];
      const host = document.querySelector('[data-claimmark-ui][data-claims]');
      const m = marks[0];
      const cs = m && getComputedStyle(m);
      return {
        marks: marks.length,
        outside: marks.filter((m) => !m.closest('article')).length,
        inPre: marks.filter((m) => m.closest('pre')).length,
        claims: Number(host.dataset.claims),
        box: host.shadowRoot?.querySelector('.box')?.textContent ?? '',
        shadow: !!host.shadowRoot,
        sheets: document.adoptedStyleSheets.length,
        background: cs?.backgroundColor,
        padding: cs?.paddingTop,
        linkMarks: document.querySelectorAll('article a mark.cm-mark').length,
      };
    });
    check('bookmarklet marks the article', marked.marks > 0 && marked.claims > 0, `${marked.claims} claims, ${marked.marks} marks`);
    check('bookmarklet marks nothing outside the article (nav, aside, footer)', marked.outside === 0, `${marked.outside} outside`);
    check('bookmarklet leaves code alone', marked.inPre === 0);
    check('bookmarklet status box in a shadow root with the count', marked.shadow && marked.box.includes(`${marked.claims} claim`), marked.box);
    check('mark styles adopted and win over the page\'s own mark style',
      marked.sheets === 1 && marked.background !== 'rgb(255, 255, 0)' && marked.padding === '0px',
      `${marked.background}, padding ${marked.padding}`);
    check('bookmarklet loads its code from the demo origin only',
      bmRequests.length > 0 && bmRequests.every((u) => u.startsWith(demo.origin)), [...new Set(bmRequests.map((u) => new URL(u).pathname))].join(' '));
    await site1.screenshot({ path: path.join(OUT, 'bookmarklet.png') });

    await site1.evaluate(code); // second click: clear
    await site1.waitForFunction(() => !document.querySelector('[data-claimmark-ui]'), null, { timeout: 5000 });
    const restored = await site1.evaluate(() => ({
      html: document.documentElement.outerHTML,
      lede: document.getElementById('lede').childNodes.length,
      sheets: document.adoptedStyleSheets.length,
    }));
    check('second click restores document.documentElement.outerHTML exactly', restored.html === original,
      restored.html === original ? '' : firstDiff(original, restored.html));
    check("second click keeps the page's own split text nodes", restored.lede === ledeNodes && restored.sheets === 0,
      `${restored.lede} nodes in #lede, ${restored.sheets} adopted sheets`);

    // Third click marks again (module cached); the box's Clear button clears.
    await site1.evaluate(code);
    await site1.waitForSelector('[data-claimmark-ui][data-claims]', { state: 'attached', timeout: 15000 });
    const again = await site1.$$eval('mark.cm-mark', (ms) => ms.length);
    check('third click marks again', again === marked.marks, `${again} marks`);
    await site1.click('[data-claimmark-ui] >> button');
    await site1.waitForFunction(() => !document.querySelector('[data-claimmark-ui]'), null, { timeout: 5000 });
    check('status box Clear button restores the page', (await site1.evaluate(() => document.documentElement.outerHTML)) === original);

    // A page whose Content-Security-Policy forbids our script: a clear error, no marks.
    const site2 = await context.newPage();
    const cspErrors = [];
    watchErrors(site2, cspErrors, 'csp page');
    await site2.goto(`${site.origin}/csp.html`);
    await site2.evaluate(code);
    const alert = await site2.waitForSelector('[data-claimmark-ui][role="alert"]', { state: 'attached', timeout: 10000 });
    const alertText = await alert.textContent();
    const cspMarks = await site2.$$eval('mark', (ms) => ms.length);
    check('CSP page: clear error in a box, no marks', /Content-Security-Policy/.test(alertText) && cspMarks === 0, alertText.slice(0, 90) + '…');
    await site2.screenshot({ path: path.join(OUT, 'bookmarklet-csp.png') });
    check('CSP page: the only console errors are the CSP refusal', cspErrors.every((e) => /Content Security Policy|Failed to fetch|import/i.test(e)),
      cspErrors.join(' | ').slice(0, 200));

    check('no page errors or console errors', errors.length === 0, errors.join(' | '));
  } finally {
    if (browser) await browser.close().catch(() => {});
    for (const p of servers) p.kill();
  }
}

function firstDiff(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `first difference at ${i}: ${JSON.stringify(a.slice(i, i + 60))} vs ${JSON.stringify(b.slice(i, i + 60))}`;
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
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
