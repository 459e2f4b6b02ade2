// The claimmark demo page: paste text or HTML, mark its claims in place, browse them by score.
// No bundler: ES modules, and the wasm package built by scripts/build-web.sh into ./pkg.
// Page text is only ever put into the DOM as text nodes (never innerHTML).

import init, * as claimmark from './pkg/claimmark.js';
import { KINDS, adoptMarkStyles } from './marks-css.js';
import { Claimmark } from './ui.js';
import { copyContent, looksLikeHtml } from './sanitize.js';
import { describeQuantity } from './export.js';
import { readerFallback } from './fallback.js';

const $ = (id) => document.getElementById(id);
const els = {
  source: $('source'),
  mark: $('mark'),
  example: $('load-example'),
  clear: $('clear'),
  minScore: $('min-score'),
  minScoreValue: $('min-score-value'),
  status: $('status'),
  view: $('view'),
  legend: $('legend-items'),
  article: $('article'),
  list: $('claim-list'),
  count: $('claim-count'),
  bookmarklet: $('bookmarklet'),
  bookmarkletOrigin: $('bookmarklet-origin'),
};

let ready = false;
let lastReport = null;
let cm = null; // the Claimmark marking the article (tooltips, keyboard)
let runs = 0; // markings started (a long one shows its progress in the status line)

// ------------------------------------------------------------------------------ small helpers

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

function setStatus(text, kind = 'info') {
  delete els.status.dataset.progress;
  els.status.textContent = text;
  els.status.dataset.kind = kind;
}

// ------------------------------------------------------------------------------ input → DOM

/** The nodes to show for the pasted source. */
function buildContent(source) {
  const frag = document.createDocumentFragment();
  if (looksLikeHtml(source)) {
    // DOMParser gives an inert document: no scripts run, nothing is fetched.
    const parsed = new DOMParser().parseFromString(source, 'text/html');
    const root = parsed.querySelector('article, [itemprop="articleBody"], main') || parsed.body;
    copyContent(root, frag);
    return frag;
  }
  const text = source.replace(/\r\n?/g, '\n').trim();
  // Blank lines separate paragraphs when there are any; otherwise every line is one.
  const paragraphs = /\n\s*\n/.test(text)
    ? text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' '))
    : text.split('\n');
  for (const p of paragraphs) {
    if (p.trim()) frag.append(h('p', {}, p.trim()));
  }
  return frag;
}

// ------------------------------------------------------------------------------ marking

function options() {
  return { minScore: Number(els.minScore.value) };
}

/** Runs annotate on the article (which clears any previous marks first). A long article is
 * marked in steps, with its progress and a Cancel button in the status line. */
async function markArticle() {
  if (!ready) return;
  const t0 = performance.now();
  let stats;
  try {
    cm?.destroy();
    runs += 1;
    const run = new Claimmark(claimmark, {
      root: els.article,
      mode: 'wrap',
      panel: false,
      ...options(),
      onProgress: (fraction) => showProgress(run, fraction),
    });
    run.id = runs;
    cm = run;
    stats = cm.start();
    if (stats.pending) stats = await cm.ready;
    if (cm !== run) return; // marked again meanwhile
  } catch (e) {
    setStatus(`Could not mark the article: ${e.message}`, 'error');
    return;
  }
  if (stats.cancelled) {
    lastReport = null;
    setStatus('Marking cancelled: the article is unmarked.', 'info');
    renderClaims({ sentences: [], claims: [] });
    renderLegendCounts({ claims: [] });
    return;
  }
  const report = { sentences: [], claims: [], ...cm.runs[0]?.report };
  const ms = performance.now() - t0;
  lastReport = report;
  els.status.dataset.annotateMs = ms.toFixed(2);
  els.status.dataset.runs = String(Number(els.status.dataset.runs || 0) + 1);
  const n = report.claims.length;
  const marks = els.article.querySelectorAll('mark.cm-mark').length;
  setStatus(
    n === 0
      ? `No claims found in ${report.sentences.length} sentences (${ms.toFixed(1)} ms).`
      : `${n} claim${n === 1 ? '' : 's'} in ${report.sentences.length} sentences, ${marks} marks — found and marked in ${ms.toFixed(1)} ms.`,
    'ok',
  );
  renderClaims(report);
  renderLegendCounts(report);
}

/** The status line while a long article is being marked: percent done and Cancel. */
function showProgress(run, fraction) {
  const pct = Math.floor(fraction * 100);
  els.status.dataset.kind = 'info';
  els.status.dataset.progress = String(pct);
  let text = els.status.querySelector('.progress-text');
  if (!text || els.status.dataset.run !== String(run.id)) {
    // Built once per run: the Cancel button stays the same element while the percentage moves.
    text = h('span', { class: 'progress-text' });
    els.status.dataset.run = String(run.id);
    els.status.replaceChildren(text, h('button', { type: 'button', class: 'small', onclick: () => run.cancel() }, 'Cancel'));
  }
  text.textContent = `Marking the article… ${pct}% `;
}

function showSource(source) {
  cm?.destroy();
  cm = null;
  els.article.replaceChildren(buildContent(source));
  if (!els.article.firstChild) {
    els.article.append(h('p', { class: 'placeholder', 'data-claimmark-ui': true }, 'Nothing to mark: the input has no text.'));
  }
  markArticle();
}

// ------------------------------------------------------------------------------ claim list

function renderClaims(report) {
  const claims = [...report.claims].sort((a, b) => b.score - a.score || a.id - b.id);
  els.count.textContent = claims.length ? String(claims.length) : '';
  els.list.replaceChildren(
    ...claims.map((c) => {
      const stats = c.spans.filter((s) => s.role === 'statistic');
      const item = h(
        'li',
        { dataset: { claim: c.id, score: c.score.toFixed(3), kinds: c.kinds.join(' ') } },
        h(
          'button',
          { type: 'button', class: 'claim', onclick: () => goToClaim(c.id), 'aria-label': `Claim ${c.id + 1}, score ${c.score.toFixed(2)}: ${c.text}` },
          h(
            'span',
            { class: 'claim-head' },
            h('span', { class: 'score', title: 'check-worthiness score', style: `--score:${c.score.toFixed(3)}` }, c.score.toFixed(2)),
            h('span', { class: 'kinds' }, c.kinds.map((k) => h('span', { class: `chip chip-${k}` }, k))),
          ),
          c.speaker
            ? h('span', { class: 'speaker' }, h('span', { class: 'label' }, c.anonymous ? 'Anonymous source: ' : 'Speaker: '), c.speaker)
            : null,
          h('span', { class: 'claim-text' }, c.text),
          stats.length
            ? h('span', { class: 'values' }, stats.map((s) => h('span', { class: 'value', title: s.text }, describeQuantity(s))))
            : null,
        ),
      );
      return item;
    }),
  );
  applyListFilter();
}

function goToClaim(id) {
  const marks = els.article.querySelectorAll(`mark.cm-mark[data-cm-claim="${id}"]`);
  if (!marks.length) return;
  marks[0].scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth', block: 'center' });
  for (const m of marks) {
    m.classList.remove('cm-flash');
    void m.offsetWidth; // restart the animation
    m.classList.add('cm-flash');
  }
  setTimeout(() => marks.forEach((m) => m.classList.remove('cm-flash')), 1500);
  selectListItem(id, false);
}

function selectListItem(id, scroll) {
  for (const li of els.list.children) {
    const on = li.dataset.claim === String(id);
    li.classList.toggle('selected', on);
    if (on && scroll) li.scrollIntoView({ block: 'nearest' });
  }
}

// Hovering a mark lights up its whole claim; clicking it selects the claim in the list.
function marksOf(target) {
  const mark = target instanceof Element ? target.closest('mark.cm-mark') : null;
  return mark ? els.article.querySelectorAll(`mark.cm-mark[data-cm-claim="${mark.dataset.cmClaim}"]`) : [];
}
els.article.addEventListener('mouseover', (e) => marksOf(e.target).forEach((m) => m.classList.add('cm-active')));
els.article.addEventListener('mouseout', (e) => marksOf(e.target).forEach((m) => m.classList.remove('cm-active')));
els.article.addEventListener('click', (e) => {
  const mark = e.target instanceof Element ? e.target.closest('mark.cm-mark') : null;
  if (mark) selectListItem(mark.dataset.cmClaim, true);
});

// ------------------------------------------------------------------------------ legend

function buildLegend() {
  els.legend.replaceChildren(
    ...KINDS.map((k) =>
      h(
        'label',
        { class: 'legend-item', style: `--kind-color:${k.color};--kind-tint:${k.tint}`, title: k.note },
        h('input', {
          type: 'checkbox',
          checked: true,
          value: k.kind,
          onchange: (e) => {
            els.view.classList.toggle(`cm-off-${k.kind}`, !e.target.checked);
            applyListFilter();
          },
        }),
        h('span', { class: 'legend-label' }, k.label),
        h('span', { class: 'legend-count', dataset: { kind: k.kind } }),
      ),
    ),
  );
}

function renderLegendCounts(report) {
  for (const el of els.legend.querySelectorAll('.legend-count')) {
    const n = report.claims.filter((c) => c.kinds.includes(el.dataset.kind)).length;
    el.textContent = n ? String(n) : '';
  }
}

/** A claim stays listed while any of its kinds is shown (as its marks do). */
function applyListFilter() {
  const off = new Set(KINDS.map((k) => k.kind).filter((k) => els.view.classList.contains(`cm-off-${k}`)));
  for (const li of els.list.children) {
    li.hidden = li.dataset.kinds.split(' ').every((k) => off.has(k));
  }
}

// ------------------------------------------------------------------------------ bookmarklet

/** The bookmarklet's code: loads bookmarklet.js from this server (`base`, the folder of this
 * page, e.g. `http://127.0.0.1:8000/`) and toggles the marks. If the page's Content-Security-
 * Policy refuses the import, it opens the reader view (fallback.js, embedded here: nothing of
 * ours could load); if the server is down, it says so in a small box. */
export function bookmarkletCode(base) {
  const o = JSON.stringify(base);
  return (
    `void(()=>{const B=${o},H=new URL(B).host;let v=0;` +
    `const L=e=>{if(/^(script|default)-src/.test(e.effectiveDirective||e.violatedDirective||'')&&String(e.blockedURI).includes(H))v=1};` +
    `document.addEventListener('securitypolicyviolation',L);` +
    `import(B+'bookmarklet.js').then(m=>m.toggle()).catch(e=>new Promise(r=>setTimeout(r,50)).then(()=>{` +
    `if(v)return(${readerFallback})(B,'script');` +
    `const d=document.createElement('div');d.setAttribute('data-claimmark-ui','');d.setAttribute('role','alert');` +
    `Object.assign(d.style,{position:'fixed',zIndex:'2147483647',right:'16px',bottom:'16px',maxWidth:'380px',padding:'12px 16px',` +
    `background:'#7f1d1d',color:'#fff',font:'14px/1.45 system-ui,sans-serif',borderRadius:'8px',boxShadow:'0 6px 24px rgba(0,0,0,.3)',cursor:'pointer'});` +
    `d.textContent='claimmark could not load from '+B+': '+(e&&e.message||e)+'. Is the claimmark server running? (Click to close.)';` +
    `d.onclick=()=>d.remove();document.documentElement.append(d)})).finally(()=>document.removeEventListener('securitypolicyviolation',L))})()`
  );
}

function setUpBookmarklet() {
  // Embedded when the page renders: the server this page came from.
  const base = new URL('./', location.origin + location.pathname).href;
  els.bookmarklet.href = `javascript:${encodeURIComponent(bookmarkletCode(base))}`;
  els.bookmarkletOrigin.textContent = base;
  els.bookmarklet.addEventListener('click', (e) => {
    e.preventDefault();
    setStatus('Drag the bookmarklet to your bookmarks bar, then use it on a news article.', 'info');
  });
}

// ------------------------------------------------------------------------------ wiring

async function loadExample() {
  els.example.disabled = true;
  try {
    const res = await fetch('./example-article.txt');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    els.source.value = await res.text();
    showSource(els.source.value);
  } catch (e) {
    setStatus(`Could not load the example: ${e.message}`, 'error');
  } finally {
    els.example.disabled = false;
  }
}

function updateThresholdLabel() {
  els.minScoreValue.textContent = Number(els.minScore.value).toFixed(2);
}

async function main() {
  adoptMarkStyles(document);
  buildLegend();
  setUpBookmarklet();
  updateThresholdLabel();
  els.mark.addEventListener('click', () => showSource(els.source.value));
  els.example.addEventListener('click', loadExample);
  els.clear.addEventListener('click', () => {
    if (!ready) return;
    cm?.destroy();
    cm = null;
    lastReport = null;
    els.list.replaceChildren();
    els.count.textContent = '';
    renderLegendCounts({ claims: [] });
    setStatus('Marks cleared.', 'info');
  });
  els.minScore.addEventListener('input', updateThresholdLabel);
  els.minScore.addEventListener('change', () => {
    if (lastReport) markArticle();
  });
  els.source.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) showSource(els.source.value);
  });

  try {
    await init();
  } catch (e) {
    setStatus(`Could not load the WebAssembly module (./pkg): ${e.message}. Build it with scripts/build-web.sh.`, 'error');
    for (const b of [els.mark, els.clear]) b.disabled = true;
    return;
  }
  ready = true;
  document.documentElement.dataset.claimmarkReady = '';
  setStatus('Ready. Load the example or paste an article.', 'info');
}

main();
