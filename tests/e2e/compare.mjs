// Paired A/B of two builds of the module in one Chromium page (not a test; prints numbers).
// On a shared 2-core machine, wall-clock medians move by 2x from one run to the next; two
// builds timed in the same page, alternately (A B, B A, …), see the same disturbances, and the
// median of the per-run ratios B/A is steady to a few per cent.
//
//   node tests/e2e/bench.mjs --runs 1 --loads 1 --keep     # makes the pages; prints their folder
//   cp -r www/pkg /tmp/pkg-a                                # build A (scripts/build-web.sh first)
//   …change, scripts/build-web.sh…
//   node tests/e2e/compare.mjs <pages folder> /tmp/pkg-a www/pkg [runs=15] [page=real-1000k.html]
//
// Each build annotates and clears the page's #root in turn, with gc() and a forced layout
// before each run; two rounds are warm-up. Prints per phase (the module's timings, the call
// from JS, the layout the marks cause, clear) both medians and the median of paired ratios.

import path from 'node:path';
import { existsSync } from 'node:fs';
import { launchChromium } from './browser.mjs';
import { startServer } from './server.mjs';

const [pages, a, b, runsArg = '15', page = 'real-1000k.html'] = process.argv.slice(2);
const fail = (m) => {
  process.stderr.write(`compare: error: ${m}\n`);
  process.exit(1);
};
if (!pages || !a || !b) fail('usage: node tests/e2e/compare.mjs <pages folder> <pkg A> <pkg B> [runs] [page]');
for (const [what, dir, file] of [['pages folder', pages, page], ['build A', a, 'claimmark.js'], ['build B', b, 'claimmark.js']]) {
  if (!existsSync(path.join(dir, file))) fail(`${what}: ${path.join(dir, file)} is missing`);
}
const runs = Number(runsArg);
if (!Number.isInteger(runs) || runs < 1) fail(`runs must be a positive whole number, got ${runsArg}`);

const { chromium } = await import('playwright-core');
const server = await startServer({
  mounts: [['/A/', a], ['/B/', b], ['/', pages]],
  files: { '/vendor/mark.min.js': path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules', 'mark.js', 'dist', 'mark.min.js') },
  headersFor: () => ({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }),
});
const browser = await launchChromium(chromium, ['--js-flags=--expose-gc']);
try {
  const tab = await browser.newPage();
  await tab.goto(`${server.origin}/${page}`);
  const out = await tab.evaluate(async (runs) => {
    const mods = {};
    for (const k of ['A', 'B']) {
      const m = await import(`/${k}/claimmark.js`);
      await m.default();
      mods[k] = m;
    }
    const el = document.getElementById('root');
    const res = { A: [], B: [] };
    for (let i = 0; i < runs + 2; i++) {
      for (const k of i % 2 ? ['A', 'B'] : ['B', 'A']) {
        window.gc();
        document.body.getBoundingClientRect();
        const t0 = performance.now();
        const r = mods[k].annotate(el);
        const t1 = performance.now();
        document.body.getBoundingClientRect();
        const t2 = performance.now();
        mods[k].clear(el);
        const t3 = performance.now();
        if (i >= 2) res[k].push({ call: t1 - t0, layout: t2 - t1, clear: t3 - t2, ...(r.timings || {}) });
      }
    }
    return res;
  }, runs);
  const med = (xs) => {
    const s = [...xs].sort((x, y) => x - y);
    return s[s.length >> 1];
  };
  console.log(`${page}, ${runs} runs each; A = ${a}, B = ${b}`);
  console.log('phase      median A   median B   B/A (median of paired ratios)');
  for (const f of ['call', 'collect', 'extract', 'wrap', 'report', 'layout', 'clear']) {
    if (out.A[0][f] === undefined || out.B[0][f] === undefined) continue;
    const ratios = out.A.map((r, i) => out.B[i][f] / r[f]);
    console.log(`${f.padEnd(8)} ${med(out.A.map((r) => r[f])).toFixed(2).padStart(10)} ${med(out.B.map((r) => r[f])).toFixed(2).padStart(10)}   ${med(ratios).toFixed(3)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
