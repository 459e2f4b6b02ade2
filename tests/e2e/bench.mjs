// Benchmark of claimmark in headless Chromium (issue #6). Not part of the tests: it prints
// numbers and asserts nothing about time. Run it with scripts/bench-web.sh (which builds
// www/pkg first when it is missing or older than src/), or directly:
//
//   node tests/e2e/bench.mjs            # markdown tables on stdout, progress on stderr
//   node tests/e2e/bench.mjs --json     # one JSON document on stdout instead
//   node tests/e2e/bench.mjs --runs 15  # timed runs per page (default 9; the seed gets 3×, 2 and 4 MB at most 7)
//   node tests/e2e/bench.mjs --keep     # keep the generated pages (temp dir printed; don't commit them)
//
// What it measures, on pages served from 127.0.0.1 (cross-origin isolated, so performance.now()
// has 5 µs resolution instead of 100 µs), with window.gc() (--expose-gc) before every timed run:
// 1. `annotate` on the seed article (tests/fixtures/example-article.txt as one <p> per line) and
//    on a ~1 MB page of real articles, split into collect / extract / wrap when the module
//    reports `timings` (else only the time of the call as seen from JS), the first (cold) call,
//    the style + layout the marks cause (forced right after), and `clear`;
// 2. on the same pages, interleaved with 1: mark.js `markRegExp(/\d[\d,.]*/g)` (numbers only),
//    timed to its `done` callback, `unmark` in between; the ratio mark.js / claimmark;
// 3. start-up: a fresh browser context per load, then the module loaded as the bookmarklet
//    loads it (www/load.js: the glue imported while the wasm is fetched and compiled), and
//    also one step after the other (import of the glue, `init`), + the first `extract` of a
//    short sentence;
// 4. scaling: annotate on 10 KB … 4 MB of real-article text (same generator), ms per 100 KB
//    and the log–log slope (1 = linear);
// 5. peak wasm memory on the 1 MB page in a fresh context: `memory.buffer.byteLength` after
//    annotate (wasm memory only grows: it is the high-water mark), over the text's UTF-8 size.
//
// The real-article pages are built at bench time into a temp dir (never committed; the text
// belongs to its publishers) from ../shared/data/pages: the article HTML of the readability/
// news pages (expected.html) and, for the English aeb/ pages, the smallest element of the saved
// page that holds the human-checked article body; kept: paragraphs, headings, lists, quotes,
// links, emphasis; dropped: scripts, media, figures, asides, forms, nav. Articles are
// concatenated (and repeated once the ~0.55 MB of distinct text runs out) into one <article>
// until it holds the target size of text (UTF-8 bytes; 1 KB = 1,000 bytes).
//
// Environment: CHROMIUM (default /usr/bin/chromium), BENCH_SHARED or E2E_SHARED (the folder
// holding data/pages; default <repo>/../shared), BENCH_TIMEOUT_MS (default 1200000).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { CHROMIUM, blockOutside, launchChromium } from './browser.mjs';
import { startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PKG = path.join(ROOT, 'www', 'pkg');
const SHARED = process.env.BENCH_SHARED || process.env.E2E_SHARED || path.resolve(ROOT, '..', 'shared');
const PAGES = path.join(SHARED, 'data', 'pages');
const MARKJS = path.join(HERE, 'node_modules', 'mark.js', 'dist', 'mark.min.js');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS || 1_200_000);

const KB = 1000;
const MB = 1000 * KB;
const SIZES = [10 * KB, 30 * KB, 100 * KB, 300 * KB, 1 * MB, 2 * MB, 4 * MB];
const NUMBER_RE = '\\d[\\d,.]*'; // mark.js: numbers only, flags "g"
const START_SENTENCE = 'Around 8,000 North Korean soldiers have been deployed to Russia, U.S. Secretary of State Antony Blinken said on Wednesday.';
const TARGETS = { seedMs: 2, bigMs: 60, markjsRatio: 3, startupMs: 30, memoryRatio: 8 };

/** The readability/ news pages named in ../shared/data/pages/README.md (as in run.mjs). */
const READABILITY = [
  'aclu', 'ars-1', 'bbc-1', 'breitbart', 'bug-1255978', 'buzzfeed-1', 'citylab-1', 'cnet', 'cnn', 'engadget', 'guardian-1',
  'herald-sun-1', 'medicalnewstoday', 'msn', 'nytimes-1', 'nytimes-2', 'nytimes-3', 'nytimes-4', 'quanta-1', 'salon-1',
  'schema-org-context-object', 'seattletimes-1', 'telegraph', 'theverge', 'tmz-1', 'wapo-1', 'wapo-2', 'webmd-1', 'webmd-2',
  'yahoo-2', 'yahoo-3',
];

/** A failure to report in one line, without a stack trace. */
class BenchError extends Error {}
const fail = (message) => {
  throw new BenchError(message);
};
const log = (...xs) => process.stderr.write(`bench: ${xs.join(' ')}\n`);

// ------------------------------------------------------------------------------ arguments

function parseArgs(argv) {
  const opts = { json: false, runs: 9, loads: 7, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (name) => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) fail(`${name} wants a positive whole number, got ${JSON.stringify(argv[i])}`);
      return v;
    };
    if (a === '--json') opts.json = true;
    else if (a === '--runs') opts.runs = num('--runs');
    else if (a === '--loads') opts.loads = num('--loads');
    else if (a === '--keep') opts.keep = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node tests/e2e/bench.mjs [--json] [--runs N (default 9)] [--loads N (default 7)] [--keep (the temp dir of pages)]\n' +
        '(scripts/bench-web.sh builds www/pkg first when needed)\n');
      process.exit(0);
    } else fail(`unknown argument ${JSON.stringify(a)} (try --help)`);
  }
  return opts;
}

// ------------------------------------------------------------------------------ checks

async function preflight() {
  if (!existsSync(PAGES)) {
    fail(`${PAGES} is absent: the real-article pages are built from ../shared/data/pages ` +
      '(set BENCH_SHARED to the folder that holds data/pages)');
  }
  for (const f of ['claimmark.js', 'claimmark_bg.wasm']) {
    if (!existsSync(path.join(PKG, f))) fail(`www/pkg/${f} is missing: build the module with scripts/build-web.sh (or run scripts/bench-web.sh)`);
  }
  if (!existsSync(CHROMIUM)) fail(`chromium not found at ${CHROMIUM}: install it (scripts/setup.sh) or set CHROMIUM=/path/to/chromium`);
  if (!existsSync(MARKJS)) fail('mark.js is not installed: run `npm ci` in tests/e2e (scripts/setup.sh does it)');
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    return fail('playwright-core is not installed: run `npm ci` in tests/e2e (scripts/setup.sh does it)');
  }
}

/** The newest file of src/, Cargo.toml and Cargo.lock when it is newer than the built wasm. */
function staleBy() {
  const wasmTime = statSync(path.join(PKG, 'claimmark_bg.wasm')).mtimeMs;
  let newest = null;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(path.join(p, e));
    else if (st.mtimeMs > wasmTime && (!newest || st.mtimeMs > newest.t)) newest = { p: path.relative(ROOT, p), t: st.mtimeMs };
  };
  for (const p of ['src', 'Cargo.toml', 'Cargo.lock']) visit(path.join(ROOT, p));
  return newest?.p ?? null;
}

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine() {
  let cpu = null;
  try {
    cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? null;
  } catch {
    /* not Linux */
  }
  const nproc = Number(sh('nproc', [])) || os.availableParallelism?.() || os.cpus().length;
  return { cpu: cpu || os.cpus()[0]?.model || 'unknown', cores: nproc, memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1), os: `${os.type()} ${os.release()}`, node: process.version };
}

function moduleInfo() {
  const wasm = readFileSync(path.join(PKG, 'claimmark_bg.wasm'));
  const head = sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock']);
  return {
    wasmBytes: wasm.length,
    wasmSha256: createHash('sha256').update(wasm).digest('hex').slice(0, 12),
    built: new Date(statSync(path.join(PKG, 'claimmark_bg.wasm')).mtimeMs).toISOString(),
    commit: head ? `${head}${dirty ? ' + uncommitted changes in src/' : ''}` : null,
    staleBy: staleBy(),
  };
}

// ------------------------------------------------------------------------------ statistics

function stats(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
}

const fmtMs = (x) => (x == null || !Number.isFinite(x) ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const fmtStat = (s) => (s ? `${fmtMs(s.median)} [${fmtMs(s.min)}–${fmtMs(s.max)}]` : '–');
const fmtKB = (bytes) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / KB).toFixed(1)} KB`);
const fmtInt = (n) => (n == null ? '–' : n.toLocaleString('en-US'));
const met = (ok) => (ok == null ? '–' : ok ? 'yes' : '**no**');

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

// ------------------------------------------------------------------------------ in the page

/** Serialised into harness.js, loaded by every bench page (with mark.min.js). */
function harness() {
  const now = () => performance.now();
  const root = () => document.getElementById('root');
  // Before a timed run: collect garbage and flush pending style/layout, so neither lands in it.
  const settle = () => {
    if (window.gc) window.gc();
    return document.body.getBoundingClientRect().height;
  };
  let cm = null;
  let wasm = null;
  window.bench = {
    async load() {
      const t0 = now();
      cm = await import('/pkg/claimmark.js');
      wasm = await cm.default();
      return { ms: now() - t0, memory: wasm.memory.buffer.byteLength };
    },
    info() {
      const text = root().textContent;
      return { chars: text.length, bytes: new TextEncoder().encode(text).length, elements: root().querySelectorAll('*').length, isolated: crossOriginIsolated, gc: typeof window.gc === 'function' };
    },
    memory: () => wasm.memory.buffer.byteLength,
    claimmark(check) {
      const el = root();
      const before = check ? el.innerHTML : null;
      settle();
      const t0 = now();
      const report = cm.annotate(el);
      const t1 = now();
      document.body.getBoundingClientRect(); // style + layout of the marks
      const t2 = now();
      const out = { call: t1 - t0, layout: t2 - t1, timings: report.timings ? { ...report.timings } : null };
      if (check) {
        out.claims = report.claims.length;
        out.marks = el.querySelectorAll('mark.cm-mark').length;
        out.textBytes = new TextEncoder().encode(report.text ?? el.textContent).length;
      }
      const c0 = now();
      cm.clear(el);
      out.clear = now() - c0;
      if (check) out.restored = el.innerHTML === before;
      return out;
    },
    markjs(check) {
      const el = root();
      const before = check ? el.innerHTML : null;
      settle();
      const instance = new window.Mark(el);
      return new Promise((resolve, reject) => {
        const t0 = now();
        instance.markRegExp(new RegExp('\\d[\\d,.]*', 'g'), {
          done: (count) => {
            const t1 = now();
            document.body.getBoundingClientRect();
            const t2 = now();
            const out = { call: t1 - t0, layout: t2 - t1, marks: count };
            const u0 = now();
            instance.unmark({
              done: () => {
                out.clear = now() - u0;
                if (check) out.restored = el.innerHTML === before;
                resolve(out);
              },
            });
          },
        });
        setTimeout(() => reject(new Error('mark.js never called done')), 120000);
      });
    },
  };
}

/** Runs in the builder page: the article HTML of one saved page as blocks of clean HTML.
 * `truth` (aeb) is the plain-text article body: the smallest element holding all of it is the
 * article; without it (readability's expected.html) the whole body is. */
function cleanSource({ html, truth }) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const squash = (s) => s.replace(/\s+/g, '');
  doc.querySelectorAll('script, style, noscript, template').forEach((e) => e.remove());
  let root = doc.body;
  if (truth) {
    const t = squash(truth);
    const head = t.slice(0, 80);
    const tail = t.slice(-80);
    let best = null;
    let bestLen = Infinity;
    for (const el of doc.body.querySelectorAll('*')) {
      const raw = el.textContent;
      if (raw.length < t.length) continue;
      const s = squash(raw);
      if (s.length < t.length || s.length >= bestLen) continue;
      const i = s.indexOf(head);
      if (i < 0 || s.indexOf(tail, i) < 0) continue;
      best = el;
      bestLen = s.length;
    }
    if (!best) return { skip: 'article body not found in the page' };
    if (bestLen > 1.6 * t.length) return { skip: `smallest element holding the body has ${(bestLen / t.length).toFixed(1)}× its text` };
    root = best;
  }
  const DROP = 'iframe, frame, object, embed, img, picture, source, video, audio, track, canvas, svg, math, map, figure, figcaption, ' +
    'aside, nav, footer, form, input, button, select, textarea, label, link, meta, base, dialog, [hidden], [aria-hidden="true"], [style*="display:none"], [style*="display: none"]';
  root.querySelectorAll(DROP).forEach((e) => e.remove());
  const KEEP = new Set(['P', 'A', 'EM', 'STRONG', 'B', 'I', 'U', 'S', 'SPAN', 'BR', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI',
    'DL', 'DT', 'DD', 'BLOCKQUOTE', 'Q', 'CITE', 'ABBR', 'TIME', 'SUP', 'SUB', 'SMALL', 'CODE', 'PRE', 'DIV', 'SECTION', 'HEADER',
    'TABLE', 'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'CAPTION', 'DEL', 'INS', 'DFN']);
  for (const el of [...root.querySelectorAll('*')].reverse()) {
    if (!KEEP.has(el.tagName)) {
      el.replaceWith(...el.childNodes);
      continue;
    }
    for (const a of [...el.attributes]) {
      if (!((a.name === 'href' && el.tagName === 'A') || (a.name === 'datetime' && el.tagName === 'TIME'))) el.removeAttribute(a.name);
    }
    if (el.tagName === 'A' && !/^https?:\/\//i.test(el.getAttribute('href') || '')) el.setAttribute('href', '#');
  }
  // Down through single wrappers, so that the article can be cut between paragraphs.
  const hasText = (n) => [...n.childNodes].some((c) => c.nodeType === 3 && c.data.trim());
  while (root.children.length === 1 && !hasText(root) && !/^(P|UL|OL|TABLE|BLOCKQUOTE)$/.test(root.firstElementChild.tagName)) root = root.firstElementChild;
  const enc = new TextEncoder();
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const blocks = [];
  for (const n of root.childNodes) {
    if (n.nodeType === 1 && (n.textContent.trim() || n.tagName === 'HR')) blocks.push({ html: n.outerHTML, bytes: enc.encode(n.textContent).length });
    else if (n.nodeType === 3 && n.data.trim()) blocks.push({ html: `<p>${esc(n.data.trim())}</p>`, bytes: enc.encode(n.data.trim()).length });
  }
  return { blocks, bytes: blocks.reduce((s, b) => s + b.bytes, 0) };
}

// ------------------------------------------------------------------------------ pages

const escHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function pageHtml(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escHtml(title)}</title>
<style>body { margin: 2em auto; max-width: 42em; font: 17px/1.55 Georgia, serif; } mark { background: #fe8; }</style>
<script src="/vendor/mark.min.js"></script><script src="/harness.js"></script></head>
<body><article id="root">
${body}
</article></body></html>
`;
}

function seedPage() {
  const text = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'example-article.txt'), 'utf8');
  const paragraphs = text.replace(/\r\n?/g, '\n').trim().split('\n').filter((p) => p.trim());
  return pageHtml('seed article', paragraphs.map((p) => `<p>${escHtml(p.trim())}</p>`).join('\n'));
}

/** Is this plain text English? (the share of a few very common English words) */
function isEnglish(text) {
  const words = text.toLowerCase().match(/[a-z']+/g) || [];
  const common = new Set(['the', 'of', 'and', 'to', 'that', 'is', 'was', 'for', 'with', 'on', 'said', 'it']);
  return words.length > 50 && words.filter((w) => common.has(w)).length / words.length >= 0.1;
}

/** The cleaned articles of ../shared/data/pages, cleaned in the browser's HTML parser. */
async function realSources(context, origin) {
  const page = await context.newPage();
  await page.goto(`${origin}/blank.html`);
  const sources = [];
  const skipped = [];
  const add = async (name, html, truth) => {
    const r = await page.evaluate(cleanSource, { html, truth });
    if (r.skip) skipped.push(`${name}: ${r.skip}`);
    else if (r.bytes < 500) skipped.push(`${name}: only ${r.bytes} bytes of text`);
    else sources.push({ name, ...r });
  };
  for (const name of READABILITY) {
    const f = path.join(PAGES, 'readability', name, 'expected.html');
    if (existsSync(f)) await add(`readability/${name}`, readFileSync(f, 'utf8'), null);
  }
  const gtFile = path.join(PAGES, 'aeb', 'ground-truth.json');
  if (existsSync(gtFile)) {
    const gt = JSON.parse(readFileSync(gtFile, 'utf8'));
    for (const id of Object.keys(gt).sort()) {
      const gz = path.join(PAGES, 'aeb', 'html', `${id}.html.gz`);
      if (!existsSync(gz) || !isEnglish(gt[id].articleBody || '')) continue;
      await add(`aeb/${id.slice(0, 10)}`, gunzipSync(readFileSync(gz)).toString('utf8'), gt[id].articleBody);
    }
  }
  await page.close();
  if (!sources.length) fail(`no usable article found in ${PAGES} (readability/*/expected.html, aeb/)`);
  return { sources, skipped };
}

/** One <article> of at least `target` bytes of text: the sources' blocks in order, repeated. */
function realPage(sources, target) {
  const parts = [];
  let bytes = 0;
  let used = 0;
  for (let round = 0; bytes < target; round++) {
    for (const s of sources) {
      if (bytes >= target) break;
      const blocks = [];
      for (const b of s.blocks) {
        if (bytes >= target) break;
        blocks.push(b.html);
        bytes += b.bytes;
      }
      parts.push(`<section>\n${blocks.join('\n')}\n</section>`);
      used++;
    }
  }
  return { html: pageHtml(`${fmtKB(target)} of real articles`, parts.join('\n')), articles: used };
}

// ------------------------------------------------------------------------------ measuring

async function openBenchPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  let loaded;
  try {
    loaded = await page.evaluate(() => window.bench.load());
  } catch (e) {
    fail(`the module did not load in Chromium (${url}): ${e.message.split('\n')[0]} ${errors.join(' | ')}`);
  }
  const info = await page.evaluate(() => window.bench.info());
  return { page, errors, loaded, info };
}

/** Interleaved claimmark and mark.js runs on one page: `warm` untimed, then `runs` timed. */
async function measurePage(context, url, { warm, runs, markjs = true }) {
  const { page, errors, info } = await openBenchPage(context, url);
  const cm = [];
  const mj = [];
  let first = null;
  let check = null;
  let checkMj = null;
  for (let i = 0; i < warm + runs; i++) {
    const doCm = async () => {
      const r = await page.evaluate((c) => window.bench.claimmark(c), i === 0);
      if (i === 0) {
        first = r;
        check = r;
      }
      if (i >= warm) cm.push(r);
    };
    const doMj = async () => {
      if (!markjs) return;
      const r = await page.evaluate((c) => window.bench.markjs(c), i === 0);
      if (i === 0) checkMj = r;
      if (i >= warm) mj.push(r);
    };
    // Alternate the order, so that neither always runs right after the other's DOM churn.
    if (i % 2 === 0) {
      await doCm();
      await doMj();
    } else {
      await doMj();
      await doCm();
    }
  }
  await page.close();
  if (errors.length) fail(`page errors on ${url}: ${errors.join(' | ')}`);
  const t = (k) => (cm.every((r) => r.timings) ? stats(cm.map((r) => r.timings[k])) : null);
  return {
    text: { bytes: check.textBytes, chars: info.chars, elements: info.elements },
    isolated: info.isolated,
    gc: info.gc,
    claims: check.claims,
    marks: check.marks,
    restored: check.restored,
    runs: cm.length,
    claimmark: {
      call: stats(cm.map((r) => r.call)),
      first: first.call,
      firstTimings: first.timings,
      collect: t('collect'),
      extract: t('extract'),
      wrap: t('wrap'),
      report: t('report'),
      total: t('total'),
      // The rest of the call: options, clearing a marked root, freeing the work.
      rest: cm.every((r) => r.timings) ? stats(cm.map((r) => r.call - r.timings.total)) : null,
      layout: stats(cm.map((r) => r.layout)),
      clear: stats(cm.map((r) => r.clear)),
    },
    markjs: markjs
      ? { marks: checkMj.marks, restored: checkMj.restored, call: stats(mj.map((r) => r.call)), layout: stats(mj.map((r) => r.layout)), unmark: stats(mj.map((r) => r.clear)) }
      : null,
    ratio: markjs ? stats(mj.map((r) => r.call)).median / stats(cm.map((r) => r.call)).median : null,
    timingsFromModule: cm.every((r) => r.timings),
  };
}

/** Start-up in fresh contexts, two ways per load (alternating, a new context each):
 * - "loader": as the bookmarklet starts the module: www/load.js is already in the page (the
 *   bookmarklet's own code imports it), then `loadModule` (the glue imported while the wasm is
 *   fetched and compiled) and the first extract. This is what the target is measured on.
 * - "sequential": from the same start, `import()` of the glue, then `init()` (fetch + compile +
 *   instantiate), then the first extract: every step one after the other. */
async function measureStartup(browser, origin, loads) {
  const loader = [];
  const sequential = [];
  const once = async (fn, arg) => {
    const context = await browser.newContext();
    await blockOutside(context);
    const page = await context.newPage();
    await page.goto(`${origin}/blank.html`);
    const r = await page.evaluate(fn, arg).catch((e) => fail(`start-up: the module did not load: ${e.message.split('\n')[0]}`));
    await context.close();
    return r;
  };
  for (let i = 0; i < loads; i++) {
    loader.push(await once(async (sentence) => {
      const { loadModule } = await import('/load.js');
      const t0 = performance.now();
      const m = await loadModule(`${location.origin}/`);
      const t1 = performance.now();
      const report = m.extract(sentence);
      const t2 = performance.now();
      const w = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      return { load: t1 - t0, extract: t2 - t1, total: t2 - t0, fetch: w ? w.responseEnd - w.startTime : null, claims: report.claims.length };
    }, START_SENTENCE));
    sequential.push(await once(async (sentence) => {
      // The same start as "loader": a module already in the page (a fresh page's first
      // dynamic import costs ~10 ms more, whatever the module; the bookmarklet pays it for
      // its own code).
      await import('/load.js');
      const t0 = performance.now();
      const m = await import('/pkg/claimmark.js');
      const t1 = performance.now();
      await m.default();
      const t2 = performance.now();
      const report = m.extract(sentence);
      const t3 = performance.now();
      const w = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      return { glue: t1 - t0, init: t2 - t1, extract: t3 - t2, total: t3 - t0, fetch: w ? w.responseEnd - w.startTime : null, claims: report.claims.length };
    }, START_SENTENCE));
  }
  const st = (rows, k) => stats(rows.map((r) => r[k]));
  return {
    loads,
    loader: { load: st(loader, 'load'), fetch: st(loader, 'fetch'), extract: st(loader, 'extract'), total: st(loader, 'total') },
    sequential: { glue: st(sequential, 'glue'), init: st(sequential, 'init'), fetch: st(sequential, 'fetch'), extract: st(sequential, 'extract'), total: st(sequential, 'total') },
    total: st(loader, 'total'),
    claims: loader[0].claims,
  };
}

/** Peak wasm memory on a page, in a fresh context: after load, after one annotate (timed: the
 * cold first call), and after four more annotate + clear cycles (a leak would show). */
async function measureMemory(browser, url) {
  const context = await browser.newContext();
  await blockOutside(context);
  const { page, loaded } = await openBenchPage(context, url);
  const first = await page.evaluate(() => {
    const r = window.bench.claimmark(true);
    return { ...r, memory: window.bench.memory() };
  });
  for (let i = 0; i < 4; i++) await page.evaluate(() => window.bench.claimmark(false));
  const after5 = await page.evaluate(() => window.bench.memory());
  await context.close();
  return {
    textBytes: first.textBytes,
    afterLoad: loaded.memory,
    afterAnnotate: first.memory,
    after5,
    ratio: first.memory / first.textBytes,
    coldCall: first.call,
    coldTimings: first.timings,
  };
}

// ------------------------------------------------------------------------------ main

async function main(opts) {
  const chromium = await preflight();
  const mach = machine();
  const mod = moduleInfo();
  const loadStart = os.loadavg();
  const T0 = Date.now();
  let tmp = null;
  let server = null;
  let browser = null;
  try {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'claimmark-bench-'));
    // A copy of the module: a rebuild of www/pkg during the run does not mix two builds.
    // The module (its glue holds the inline JS of src/web_js.rs: scripts/inline-snippets.mjs).
    cpSync(PKG, path.join(tmp, 'pkg'), { recursive: true, filter: (f) => !/\.d\.ts$/.test(f) });
    cpSync(path.join(ROOT, 'www', 'load.js'), path.join(tmp, 'load.js'));
    writeFileSync(path.join(tmp, 'harness.js'), `(${harness.toString()})();\n`);
    writeFileSync(path.join(tmp, 'blank.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p>bench</p></body></html>\n');
    writeFileSync(path.join(tmp, 'seed.html'), seedPage());
    server = await startServer({
      mounts: [['/', tmp]],
      files: { '/vendor/mark.min.js': MARKJS },
      // Cross-origin isolated: performance.now() gets 5 µs resolution (100 µs otherwise).
      headersFor: () => ({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }),
    });
    try {
      browser = await launchChromium(chromium, ['--js-flags=--expose-gc']);
    } catch (e) {
      fail(`chromium did not start (${CHROMIUM}): ${e.message.split('\n')[0]}`);
    }
    const chromiumVersion = browser.version();
    log(`machine: ${mach.cpu}, ${mach.cores} cores, Chromium ${chromiumVersion}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await blockOutside(context, (u) => log(`blocked a request to ${u}`));

    log('building the real-article pages …');
    const { sources, skipped } = await realSources(context, server.origin);
    const distinct = sources.reduce((s, x) => s + x.bytes, 0);
    const pages = {};
    for (const size of SIZES) {
      const { html, articles } = realPage(sources, size);
      const file = `real-${size / KB}k.html`;
      writeFileSync(path.join(tmp, file), html);
      pages[size] = { file, articles, htmlBytes: Buffer.byteLength(html) };
    }
    log(`${sources.length} articles (${fmtKB(distinct)} of distinct text; ${skipped.length} pages skipped) → ${tmp}`);

    const R = opts.runs;
    log(`seed article: ${3 * R} runs …`);
    const seed = await measurePage(context, `${server.origin}/seed.html`, { warm: 3, runs: 3 * R });
    log(`1 MB page: ${R} runs …`);
    const big = await measurePage(context, `${server.origin}/${pages[MB].file}`, { warm: 1, runs: R });
    log(`start-up: ${opts.loads} fresh loads …`);
    const startup = await measureStartup(browser, server.origin, opts.loads);
    const scaling = [];
    for (const size of SIZES) {
      const runs = size >= 2 * MB ? Math.min(R, 7) : R;
      log(`scaling ${fmtKB(size)}: ${runs} runs …`);
      const r = await measurePage(context, `${server.origin}/${pages[size].file}`, { warm: 1, runs });
      scaling.push({ target: size, articles: pages[size].articles, htmlBytes: pages[size].htmlBytes, ...r });
    }
    log('memory: fresh page, 1 MB …');
    const memory = await measureMemory(browser, `${server.origin}/${pages[MB].file}`);
    const loadEnd = os.loadavg();

    const targets = [
      { what: `seed article: annotate ≤ ${TARGETS.seedMs} ms`, measured: `${fmtMs(seed.claimmark.call.median)} ms`, ok: seed.claimmark.call.median <= TARGETS.seedMs },
      { what: `1 MB page: annotate ≤ ${TARGETS.bigMs} ms`, measured: `${fmtMs(big.claimmark.call.median)} ms`, ok: big.claimmark.call.median <= TARGETS.bigMs },
      { what: `1 MB page: ≥ ${TARGETS.markjsRatio}× faster than mark.js (numbers only)`, measured: `${big.ratio.toFixed(2)}×`, ok: big.ratio >= TARGETS.markjsRatio },
      { what: `start-up (www/load.js: glue + fetch + compile + first extract) ≤ ${TARGETS.startupMs} ms`, measured: `${fmtMs(startup.total.median)} ms`, ok: startup.total.median <= TARGETS.startupMs },
      { what: `peak wasm memory on the 1 MB page ≤ ${TARGETS.memoryRatio}× its text`, measured: `${memory.ratio.toFixed(2)}×`, ok: memory.ratio <= TARGETS.memoryRatio },
    ];
    return {
      date: new Date().toISOString(),
      machine: { ...mach, chromium: chromiumVersion, loadAverage: { start: loadStart, end: loadEnd } },
      module: mod,
      timerResolutionUs: seed.isolated ? 5 : 100,
      gcBeforeRuns: seed.gc,
      numberRegExp: `/${NUMBER_RE}/g`,
      realPages: { articles: sources.length, distinctTextBytes: distinct, skipped },
      seed,
      big: { file: pages[MB].file, articles: pages[MB].articles, htmlBytes: pages[MB].htmlBytes, ...big },
      startup,
      scaling,
      slope: slope(scaling.filter((r) => r.target >= 100 * KB), 'median'),
      slopeMin: slope(scaling.filter((r) => r.target >= 100 * KB), 'min'),
      memory,
      targets,
      seconds: Math.round((Date.now() - T0) / 1000),
    };
  } finally {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    if (tmp && opts.keep) log(`pages kept in ${tmp}`);
    else if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/** Least-squares slope of log(time) over log(size): 1 is linear, 2 quadratic. */
function slope(rows, key) {
  const pts = rows.map((r) => [Math.log(r.text.bytes), Math.log(r.claimmark.call[key])]);
  const n = pts.length;
  if (n < 2) return null;
  const mx = pts.reduce((s, p) => s + p[0], 0) / n;
  const my = pts.reduce((s, p) => s + p[1], 0) / n;
  const num = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return num / den;
}

// ------------------------------------------------------------------------------ output

function markdown(r) {
  const out = [];
  const m = r.machine;
  const la = (xs) => xs.map((x) => x.toFixed(2)).join(' ');
  out.push('# claimmark in headless Chromium (tests/e2e/bench.mjs)', '');
  out.push(`- machine: ${m.cpu}, ${m.cores} cores (nproc), ${m.memoryGB} GB; Chromium ${m.chromium} (headless); node ${m.node}; ${m.os}`);
  out.push(`- load average: ${la(m.loadAverage.start)} at the start, ${la(m.loadAverage.end)} at the end`);
  out.push(`- module: www/pkg built ${r.module.built}, wasm ${fmtInt(r.module.wasmBytes)} bytes (sha256 ${r.module.wasmSha256}), commit ${r.module.commit ?? '?'}` +
    (r.module.staleBy ? ` — **stale: ${r.module.staleBy} is newer** (scripts/bench-web.sh rebuilds)` : ''));
  out.push(`- split collect / extract / wrap: ${r.seed.timingsFromModule ? 'from the module (`report.timings`)' : '**not reported by this build of the module** (only the time of the call from JS)'}`);
  out.push(`- **times are noisy**: ${m.cores} cores shared with other jobs (builds running in parallel); ` +
    `medians, [min–max] in brackets, ms; performance.now() resolution ${r.timerResolutionUs} µs; ${r.gcBeforeRuns ? 'gc before every timed run' : '**no gc() available**'}; 1 KB = 1,000 bytes of text (UTF-8)`);
  out.push(`- real-article pages: ${r.realPages.articles} articles from ../shared/data/pages (${fmtKB(r.realPages.distinctTextBytes)} of distinct text, ` +
    `repeated beyond that), built into a temp dir; ${r.realPages.skipped.length} pages skipped`, '');

  out.push('## 1–2. annotate, and mark.js on the same page', '');
  out.push('"annotate call" is `annotate` timed from JS (what the targets use); collect / extract / wrap / total are the module\'s ' +
    '`report.timings`; "rest" = call − total (options, the report converted to JS). "first call" is the first on the freshly loaded page ' +
    '(cold: wasm functions not yet optimised). "layout" is the style + layout the marks cause, forced right after (not part of the call). ' +
    `mark.js runs \`markRegExp(${r.numberRegExp})\` (numbers only), timed to its \`done\` callback, interleaved with claimmark's runs.`, '');
  const P = [r.seed, r.big];
  const row = (label, f) => [label, ...P.map(f)];
  const tgt = (ok, text) => `${text}: ${met(ok)}`;
  out.push(table(['ms: median [min–max]', 'seed article', `1 MB of real articles (${r.big.articles} articles)`], [
    row('text', (p) => `${fmtKB(p.text.bytes)} (${fmtInt(p.text.elements)} elements)`),
    row('claims / marks', (p) => `${fmtInt(p.claims)} / ${fmtInt(p.marks)}`),
    row('timed runs', (p) => p.runs),
    row('collect', (p) => fmtStat(p.claimmark.collect)),
    row('extract', (p) => fmtStat(p.claimmark.extract)),
    row('wrap', (p) => fmtStat(p.claimmark.wrap)),
    row('report (to JS)', (p) => fmtStat(p.claimmark.report)),
    row('total (module)', (p) => fmtStat(p.claimmark.total)),
    row('rest (call − total)', (p) => fmtStat(p.claimmark.rest)),
    row('**annotate call**', (p) => `**${fmtStat(p.claimmark.call)}**`),
    ['target', tgt(r.seed.claimmark.call.median <= TARGETS.seedMs, `≤ ${TARGETS.seedMs} ms`), tgt(r.big.claimmark.call.median <= TARGETS.bigMs, `≤ ${TARGETS.bigMs} ms`)],
    row('first call (cold)', (p) => fmtMs(p.claimmark.first)),
    row('layout after annotate', (p) => fmtStat(p.claimmark.layout)),
    row('clear', (p) => fmtStat(p.claimmark.clear)),
    row('clear restores innerHTML', (p) => (p.restored ? 'yes' : '**no**')),
    row('mark.js marks (numbers)', (p) => fmtInt(p.markjs.marks)),
    row('**mark.js markRegExp**', (p) => `**${fmtStat(p.markjs.call)}**`),
    row('mark.js layout after', (p) => fmtStat(p.markjs.layout)),
    row('mark.js unmark', (p) => fmtStat(p.markjs.unmark)),
    row('**mark.js / claimmark** (medians)', (p) => `**${p.ratio.toFixed(2)}×**`),
    ['target', '–', tgt(r.big.ratio >= TARGETS.markjsRatio, `≥ ${TARGETS.markjsRatio}×`)],
  ]));
  out.push('');

  const s = r.startup;
  out.push(`## 3. start-up (fresh browser context per load, nothing cached; ${s.loads} loads each way)`, '');
  out.push('"loader" is how the bookmarklet starts the module (www/load.js, already in the page: the glue imported while the wasm is fetched and compiled); "sequential" imports the glue, then runs `init()`, one step after the other. Both start with a module already in the page (a fresh page\'s first dynamic import costs about 10 ms more, whatever the module; the bookmarklet pays it for its own code). "first extract" includes V8 compiling, on first call, the wasm functions it runs.', '');
  out.push(table(['way', 'import JS glue', 'load: glue + fetch + compile + instantiate', '(wasm fetch, resource timing)', 'first extract', 'total', 'target', 'met'], [
    ['loader', '(overlapped)', fmtStat(s.loader.load), fmtStat(s.loader.fetch), fmtStat(s.loader.extract), `**${fmtStat(s.loader.total)}**`, `≤ ${TARGETS.startupMs}`, met(s.loader.total.median <= TARGETS.startupMs)],
    ['sequential', fmtStat(s.sequential.glue), `${fmtStat(s.sequential.init)} (init only)`, fmtStat(s.sequential.fetch), fmtStat(s.sequential.extract), fmtStat(s.sequential.total), '–', '–'],
  ]));
  out.push('');

  out.push('## 4. scaling (same generator; annotate call and mark.js medians)', '');
  out.push(table(['text', 'articles', 'claims', 'marks', 'runs', 'collect', 'extract', 'wrap', 'call', 'ms per 100 KB', 'first', 'clear', 'mark.js', 'mark.js / claimmark'],
    r.scaling.map((p) => [fmtKB(p.text.bytes), p.articles, fmtInt(p.claims), fmtInt(p.marks), p.runs,
      fmtMs(p.claimmark.collect?.median), fmtMs(p.claimmark.extract?.median), fmtMs(p.claimmark.wrap?.median),
      `**${fmtStat(p.claimmark.call)}**`, fmtMs((p.claimmark.call.median / p.text.bytes) * 100 * KB), fmtMs(p.claimmark.first), fmtMs(p.claimmark.clear.median),
      fmtMs(p.markjs.call.median), `${p.ratio.toFixed(2)}×`])));
  out.push('', `log–log slope of annotate time over text size, 100 KB – 4 MB: **${r.slope?.toFixed(2) ?? '–'}** from the medians, ` +
    `${r.slopeMin?.toFixed(2) ?? '–'} from the minimums (1 = linear, 2 = quadratic; the minimums are the runs least disturbed by other jobs)`, '');

  const mem = r.memory;
  out.push('## 5. peak wasm memory (1 MB page, fresh browser context)', '');
  out.push(table(['text (UTF-8)', 'after init', 'after annotate (peak)', 'after 4 more annotate + clear', 'peak / text', 'target', 'met', 'cold annotate'],
    [[fmtInt(mem.textBytes), fmtInt(mem.afterLoad), `**${fmtInt(mem.afterAnnotate)}**`, fmtInt(mem.after5), `**${mem.ratio.toFixed(2)}×**`, `≤ ${TARGETS.memoryRatio}×`, met(mem.ratio <= TARGETS.memoryRatio), `${fmtMs(mem.coldCall)} ms`]]));
  out.push('', 'wasm memory only grows, so its size after annotate is the high-water mark (bytes).', '');

  out.push('## targets (issue #6)', '');
  out.push(table(['target', 'measured (median)', 'met'], r.targets.map((t) => [t.what, t.measured, met(t.ok)])));
  out.push('', `(${r.seconds} s)`);
  return out.join('\n');
}

// ------------------------------------------------------------------------------ run

const timer = setTimeout(() => {
  process.stderr.write(`bench: error: did not finish within ${TIMEOUT_MS / 1000} s (BENCH_TIMEOUT_MS)\n`);
  process.exit(1);
}, TIMEOUT_MS);
timer.unref();

try {
  const opts = parseArgs(process.argv.slice(2));
  const result = await main(opts);
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${markdown(result)}\n`);
  process.exit(0);
} catch (e) {
  if (e instanceof BenchError) process.stderr.write(`bench: error: ${e.message}\n`);
  else process.stderr.write(`bench: error: ${e.message.split('\n')[0]}\n${process.env.BENCH_DEBUG ? e.stack : '(BENCH_DEBUG=1 for the stack)'}\n`);
  process.exit(1);
}
