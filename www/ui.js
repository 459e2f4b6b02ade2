// claimmark in a page: marks the article's claims and shows them in a side panel.
//
//   const cm = new Claimmark(wasmModule, { mode: 'auto' | 'wrap' | 'highlight', watch: false });
//   cm.start();   // marks the article, opens the panel
//   cm.destroy(); // removes every mark, the panel, the styles: the page is as it was
//
// Two marking modes. "wrap" (default) wraps the claims in <mark> elements (annotate). "highlight"
// leaves the DOM alone and paints the claims with the CSS Custom Highlight API (locate +
// CSS.highlights): chosen automatically where a framework (React, Vue, Svelte, Angular) owns the
// DOM, since it would fight our marks, and on request. Hover, click and keyboard work in both.
//
// Our UI (panel, tooltip) lives in one shadow root on a host carrying data-claimmark-ui; its
// styles and the marks' styles are adopted stylesheets. Page text only ever enters our UI as
// text (textContent), never as HTML.

import { KINDS, ROLE_KIND, MARK_CSS, HIGHLIGHT_CSS, adoptSheet } from './marks-css.js';
import { findArticle, exclusionsFor, detectFramework, isContentAddition } from './scope.js';
import { pageMeta, reportJSON, claimsCSV, claimReviews, textFragmentLink, describeQuantity, cuesOf } from './export.js';

/** The filters of the panel: the kinds, plus anonymous sources. */
export const TAGS = [
  ...KINDS,
  { kind: 'anonymous', label: 'Anonymous source', note: 'unnamed sources: "officials", "a source"', color: '#9a3412', tint: '234 88 12' },
];
const tagsOf = (c) => (c.anonymous ? [...c.kinds, 'anonymous'] : c.kinds);
const kindInfo = (k) => TAGS.find((t) => t.kind === k) || TAGS[5];

const FRAMEWORKS = { react: 'React', vue: 'Vue', svelte: 'Svelte', angular: 'Angular' };

const HL_NAMES = [
  ...KINDS.map((k) => `cm-t-${k.kind}`),
  ...Object.keys(ROLE_KIND).map((r) => `cm-r-${r}`),
  'cm-active',
  'cm-flash',
];

/** The next animation frame (or 50 ms, in a background tab where frames don't come). */
function nextFrame(win) {
  return new Promise((resolve) => {
    const t = win.setTimeout(resolve, 50);
    win.requestAnimationFrame(() => {
      win.clearTimeout(t);
      resolve();
    });
  });
}

function h(doc, tag, props = {}, ...children) {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style') el.style.cssText = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

/** Whether a key event belongs to a text field (ours or the page's). */
/** The declared language of `el` (its own or an ancestor's `lang`, else the document's), lower
 * case; '' when none is declared. */
export function pageLanguage(el) {
  const holder = el.closest('[lang]');
  const lang = holder ? holder.getAttribute('lang') : el.ownerDocument.documentElement.getAttribute('lang');
  return (lang || '').trim().toLowerCase();
}

const FUNCTION_WORDS = new Set(('the of and to in a is that for on was with said it as at by he from be have has are ' +
  'were his her they this not but an or will which their its who been more would').split(' '));

/** The share of common English function words among the words of (the first 20,000 characters
 * of) `text`; null when there are fewer than 100 words to tell by. */
export function englishShare(text) {
  const words = text.slice(0, 20000).toLowerCase().match(/\p{L}+/gu) || [];
  if (words.length < 100) return null;
  let n = 0;
  for (const w of words) if (FUNCTION_WORDS.has(w)) n++;
  return n / words.length;
}

/** "Portuguese" for "pt-br" (Intl.DisplayNames), else the code itself. */
function languageName(code, win) {
  try {
    const names = new win.Intl.DisplayNames(['en'], { type: 'language' });
    return names.of(code.split('-')[0]) || code;
  } catch {
    return code;
  }
}

function isEditable(e) {
  const t = e.composedPath ? e.composedPath()[0] : e.target;
  if (!(t instanceof Element)) return false;
  if (t.isContentEditable || t.closest('[contenteditable]:not([contenteditable="false"])')) return true;
  const tag = t.localName;
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(t.type);
  return t.getAttribute('role') === 'textbox';
}

/** A chain-link icon (SVG built with DOM calls). */
function linkIcon(doc) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  for (const d of ['M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5', 'M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5']) {
    const path = doc.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '2.2');
    path.setAttribute('stroke-linecap', 'round');
    svg.append(path);
  }
  return svg;
}

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

export class Claimmark {
  /**
   * @param mod the initialised claimmark module (annotate, locate, clear)
   * @param opts.mode 'auto' (default), 'wrap' or 'highlight'
   * @param opts.root the element to mark (default: findArticle)
   * @param opts.watch mark content the page adds later by itself (default: false: a button)
   * @param opts.meta { url, title, date } for exports (default: the page's)
   * @param opts.onClose called after the panel's Clear button removed everything
   * @param opts.panel false: tooltips and keyboard only, no panel (the demo page has its own list)
   * @param opts.minScore leave out claims scoring below this (default: all)
 * @param opts.stepAbove mark articles longer than this (characters) in steps, with progress
 *   and Cancel (default 150,000)
 * @param opts.onProgress called with the fraction done (0–1) while marking in steps
   */
  constructor(mod, opts = {}) {
    this.mod = mod;
    this.opts = { mode: 'auto', watch: false, panel: true, ...opts };
    this.doc = opts.doc || document;
    this.win = this.doc.defaultView;
    this.runs = [];
    this.claims = new Map(); // id -> { claim, run }
    this.nextId = 0;
    this.off = new Set();
    this.minScore = 0;
    this.selected = null;
    this.pending = new Set();
    this.cleanups = [];
    this.watch = !!this.opts.watch;
    this.panelOpen = true;
  }

  // ---------------------------------------------------------------------------- marking

  /**
   * Marks the article and opens the panel. Returns { claims, marks, ms, mode, how, pending }.
   *
   * An article of more than `opts.stepAbove` characters (default 150,000) is marked in steps,
   * one per animation frame, with a progress bar and a Cancel button in the panel: `start()`
   * then returns at once with `pending: true`, and `this.ready` resolves with the stats when the
   * marking is done (with `cancelled: true` if it was cancelled: the page is then as before).
   */
  start() {
    const t0 = performance.now();
    const scope = this.opts.root ? { root: this.opts.root, exclude: exclusionsFor(this.opts.root), how: 'given' } : findArticle(this.doc);
    if (!scope) throw new Error('found no article text on this page');
    this.how = scope.how;
    this.framework = detectFramework(scope.root);
    const canHighlight = typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function';
    let mode = this.opts.mode === 'auto' ? (this.framework ? 'highlight' : 'wrap') : this.opts.mode;
    if (mode === 'highlight' && !canHighlight) mode = 'wrap';
    if (mode !== 'wrap' && mode !== 'highlight') throw new TypeError(`claimmark: unknown mode ${JSON.stringify(this.opts.mode)} (expected "auto", "wrap" or "highlight")`);
    this.mode = mode;
    this.meta = this.opts.meta || pageMeta(this.doc);
    this.cleanups.push(adoptSheet(this.doc, MARK_CSS + HIGHLIGHT_CSS));
    this.filterSheet = adoptSheet(this.doc, '');
    this.cleanups.push(this.filterSheet);
    const finish = () => {
      this.ms = performance.now() - t0;
      this.listen();
      this.observe();
      this.paint();
      this.render();
      return this.stats();
    };
    const stepAbove = this.opts.stepAbove ?? 150000;
    if ((scope.root.textContent || '').length <= stepAbove) {
      this.busy = true;
      try {
        this.addRun(scope.root, scope.exclude);
      } finally {
        this.busy = false;
      }
      this.buildUI();
      this.ready = Promise.resolve(finish());
      return this.stats();
    }
    // A long article: in steps, with progress and Cancel.
    this.ms = 0;
    this.buildUI();
    this.render();
    this.ready = this.addRunInSteps(scope.root, scope.exclude).then(
      (run) => {
        if (!this.host) return { ...this.stats(), cancelled: true }; // destroyed meanwhile
        if (run) return finish();
        this.ms = performance.now() - t0;
        this.render();
        this.els.summary.textContent = 'Marking cancelled: the page is as it was.';
        this.host.dataset.cancelled = '';
        return { ...this.stats(), cancelled: true };
      },
      (e) => {
        if (this.host) {
          this.els.summary.textContent = `Could not mark this page: ${e?.message || e}`;
          this.host.dataset.error = String(e?.message || e);
        }
        throw e;
      },
    );
    return { ...this.stats(), pending: true };
  }

  /** Marks (or locates) `root` in steps, showing progress; resolves with the run, or null
   * when cancelled (the Cancel button, or destroy()). */
  async addRunInSteps(root, exclude = []) {
    const options = this.runOptions(exclude);
    const job = this.mode === 'wrap' ? this.mod.annotateInSteps(root, options) : this.mod.locateInSteps(root, options);
    this.job = job;
    this.showProgress(0);
    // Our own marks are not page content: ignore the mutations until done.
    this.busy = true;
    try {
      // About 24 ms of work per frame keeps the page responsive (scrolling, the Cancel button)
      // and wastes little time waiting for frames.
      while (!job.step(24)) {
        this.showProgress(job.progress);
        await nextFrame(this.win);
      }
      if (job.cancelled) return null;
      return this.addReport(root, exclude, job.result());
    } finally {
      this.busy = false;
      this.job = null;
      this.hideProgress();
      job.free();
    }
  }

  /** Stops a marking in progress; the marks made so far are removed. */
  cancel() {
    this.job?.cancel();
  }

  showProgress(fraction) {
    this.opts.onProgress?.(fraction);
    if (!this.els) return;
    const pct = Math.floor(fraction * 100);
    this.host.dataset.progress = String(pct);
    if (!this.els.progress) {
      const e = (...a) => h(this.doc, ...a);
      this.els.bar = e('progress', { max: '100', value: '0', 'aria-label': 'Marking progress' });
      this.els.progressText = e('span', { class: 'progress-text' });
      this.els.progress = e('div', { class: 'progress' }, this.els.progressText, this.els.bar,
        e('button', { type: 'button', class: 'small', onclick: () => this.cancel() }, 'Cancel'));
      this.els.summary.after(this.els.progress);
      this.els.summary.textContent = 'Marking the article…';
    }
    this.els.bar.value = pct;
    this.els.progressText.textContent = `${pct}%`;
  }

  hideProgress() {
    this.els?.progress?.remove();
    if (this.els) this.els.progress = null;
    if (this.host) delete this.host.dataset.progress;
  }

  stats() {
    return { claims: this.claims.size, marks: this.markCount(), ms: this.ms, mode: this.mode, how: this.how, framework: this.framework };
  }

  markCount() {
    if (this.mode === 'wrap') return this.runs.reduce((n, r) => n + r.root.querySelectorAll('mark.cm-mark').length, 0);
    return this.runs.reduce((n, r) => n + r.ranges.length, 0);
  }

  runOptions(exclude) {
    const options = { firstId: this.nextId, exclude };
    if (this.opts.minScore) options.minScore = this.opts.minScore;
    return options;
  }

  /** Marks (or locates) the claims under `root`; ids continue from the runs before. */
  addRun(root, exclude = []) {
    const options = this.runOptions(exclude);
    const report = this.mode === 'wrap' ? this.mod.annotate(root, options) : this.mod.locate(root, options);
    return this.addReport(root, exclude, report);
  }

  /** Takes in the result of annotate/locate on `root`. */
  addReport(root, exclude, report) {
    const run = { root, exclude, report, ranges: [] };
    if (this.mode === 'highlight') {
      for (const r of report.ranges) {
        try {
          const range = this.doc.createRange();
          range.setStart(r.node, r.start);
          range.setEnd(r.node, r.end);
          run.ranges.push({ range, node: r.node, start: r.start, end: r.end, claim: r.claim, roles: r.roles });
        } catch {
          /* the node changed meanwhile */
        }
      }
      delete report.ranges;
    }
    this.runs.push(run);
    for (const c of report.claims) {
      this.claims.set(c.id, { claim: c, run });
      this.nextId = Math.max(this.nextId, c.id + 1);
    }
    if (this.mode === 'wrap') this.decorate(run);
    this.observer?.takeRecords();
    return run;
  }

  /** Wrap mode: the first mark of each claim is focusable and described for screen readers. */
  decorate(run) {
    const seen = new Set();
    for (const m of run.root.querySelectorAll('mark.cm-mark[data-cm-claim]')) {
      const id = Number(m.dataset.cmClaim);
      if (seen.has(id) || !this.claims.has(id)) continue;
      seen.add(id);
      m.tabIndex = 0;
      m.setAttribute('aria-description', this.describe(this.claims.get(id).claim));
    }
  }

  /** One line about a claim, for screen readers and the list's labels. */
  describe(c) {
    const bits = [`${c.kinds.join(', ')} claim, score ${c.score.toFixed(2)}`];
    if (c.speaker) bits.push(`${c.anonymous ? 'anonymous source' : 'speaker'} ${c.speaker}${cuesOf(c).length ? ` (${cuesOf(c).join(', ')})` : ''}`);
    for (const s of c.spans.filter((s) => s.role === 'statistic')) bits.push(`quantity ${describeQuantity(s)}`);
    return `claimmark: ${bits.join('; ')}`;
  }

  /** Marks everything again from scratch (annotating twice is annotating once). */
  remark() {
    const tops = this.runs.filter((r) => r.root.isConnected && !this.runs.some((o) => o !== r && o.root.contains(r.root)));
    this.resetRuns();
    this.busy = true;
    try {
      for (const r of tops) this.addRun(r.root, r.exclude.filter((e) => e.isConnected));
    } finally {
      this.busy = false;
    }
    this.paint();
    this.render();
    return this.stats();
  }

  resetRuns() {
    if (this.mode === 'wrap') {
      for (const r of this.runs) this.mod.clear(r.root);
    }
    this.runs = [];
    this.claims.clear();
    this.nextId = 0;
    this.selected = null;
    this.observer?.takeRecords();
  }

  /** Marks the content the page added since (infinite scroll, "read more"), leaving what is
   * marked alone. Returns the number of new claims. */
  markNew() {
    const before = this.claims.size;
    let list = [...this.pending].filter((el) => el.isConnected);
    this.pending.clear();
    list = list.filter((el) => !list.some((o) => o !== el && o.contains(el)));
    this.busy = true;
    try {
      for (const el of list) {
        if (this.mode === 'wrap' && (el.closest('mark.cm-mark') || el.querySelector('mark.cm-mark'))) continue;
        const inRun = this.runs.find((r) => r.root.contains(el));
        if (inRun && inRun.exclude.some((x) => x.contains(el))) continue;
        let root = el;
        let exclude = exclusionsFor(el);
        if (!inRun && !el.matches('article, [itemprop~="articleBody"]')) {
          const inner = el.querySelector('[itemprop~="articleBody"], article');
          if (inner) {
            root = inner;
            exclude = exclusionsFor(inner);
          }
        }
        this.addRun(root, exclude);
      }
    } finally {
      this.busy = false;
    }
    this.paint();
    this.render();
    return this.claims.size - before;
  }

  /** Highlight mode: the page re-rendered; locate everything again. */
  relocate() {
    const roots = this.runs.map((r) => r);
    this.resetRuns();
    this.busy = true;
    try {
      for (const r of roots) {
        let root = r.root;
        let exclude = r.exclude;
        if (!root.isConnected) {
          const scope = findArticle(this.doc);
          if (!scope || this.runs.some((o) => o.root === scope.root)) continue;
          ({ root, exclude } = scope);
        }
        this.addRun(root, exclude.filter((e) => e.isConnected));
      }
    } finally {
      this.busy = false;
    }
    this.relocations = (this.relocations || 0) + 1;
    this.paint();
    this.render();
  }

  /** Removes every mark or highlight, the panel, the styles and the listeners. */
  destroy() {
    this.job?.cancel();
    this.observer?.disconnect();
    clearTimeout(this.tipTimer);
    clearTimeout(this.watchTimer);
    clearTimeout(this.relocateTimer);
    if (this.mode === 'wrap') {
      const tops = this.runs.filter((r) => !this.runs.some((o) => o !== r && o.root.contains(r.root)));
      for (const r of tops) this.mod.clear(r.root);
    } else if (typeof CSS !== 'undefined' && CSS.highlights) {
      for (const n of HL_NAMES) CSS.highlights.delete(n);
    }
    this.runs = [];
    this.claims.clear();
    for (const f of this.cleanups.splice(0).reverse()) f();
    this.host?.remove();
    this.host = null;
  }

  // ---------------------------------------------------------------------------- filters

  visible(c) {
    return c.score >= this.minScore && tagsOf(c).some((k) => !this.off.has(k));
  }

  sorted() {
    return [...this.claims.values()].map((x) => x.claim).sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** Applies the filters to the marks: a stylesheet in wrap mode, the highlights otherwise. */
  paint() {
    const hidden = [...this.claims.values()].filter((x) => !this.visible(x.claim)).map((x) => x.claim.id);
    if (this.mode === 'wrap') {
      const kinds = KINDS.filter((k) => this.off.has(k.kind)).map((k) => `--cm-on-${k.kind}: 0;`).join(' ');
      let css = kinds ? `:root { ${kinds} }\n` : '';
      if (hidden.length) {
        css += `${hidden.map((id) => `mark.cm-mark[data-cm-claim="${id}"]`).join(',\n')} { --cm-vis: 0 !important; --cm-role-a: 0 !important; box-shadow: none !important; text-decoration-color: transparent !important; }\n`;
      }
      this.filterSheet.sheet.replaceSync(css);
      return;
    }
    const groups = new Map(HL_NAMES.filter((n) => n !== 'cm-active' && n !== 'cm-flash').map((n) => [n, new Highlight()]));
    const hide = new Set(hidden);
    for (const run of this.runs) {
      for (const r of run.ranges) {
        if (hide.has(r.claim)) continue;
        const c = this.claims.get(r.claim)?.claim;
        if (!c) continue;
        groups.get(`cm-t-${c.kinds[0]}`)?.add(r.range);
        for (const role of r.roles.split(' ')) {
          if (role && !this.off.has(ROLE_KIND[role])) groups.get(`cm-r-${role}`)?.add(r.range);
        }
      }
    }
    for (const [name, hl] of groups) {
      hl.priority = name.startsWith('cm-t-') ? 0 : name === 'cm-r-quote' ? 1 : 2;
      CSS.highlights.set(name, hl);
    }
  }

  // ---------------------------------------------------------------------------- finding marks

  marksOf(id) {
    return [...this.doc.querySelectorAll(`mark.cm-mark[data-cm-claim="${Number(id)}"]`)];
  }

  rangesOf(id) {
    const out = [];
    for (const run of this.runs) for (const r of run.ranges) if (r.claim === id) out.push(r.range);
    return out;
  }

  /** Highlight mode: the claim (and range) under the point, by caret position, confirmed by
   * the range's client rects. */
  hitTest(x, y) {
    let node = null;
    let offset = 0;
    if (this.doc.caretPositionFromPoint) {
      const p = this.doc.caretPositionFromPoint(x, y);
      if (p) ({ offsetNode: node, offset } = p);
    } else if (this.doc.caretRangeFromPoint) {
      const r = this.doc.caretRangeFromPoint(x, y);
      if (r) [node, offset] = [r.startContainer, r.startOffset];
    }
    if (!node || node.nodeType !== 3) return null;
    for (const run of this.runs) {
      for (const r of run.ranges) {
        if (r.node !== node || offset < r.start || offset > r.end) continue;
        for (const rect of r.range.getClientRects()) {
          if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return r;
        }
      }
    }
    return null;
  }

  /** The client rect to anchor a tooltip for claim `id` (its first mark or range). */
  anchorOf(id, el) {
    if (el) return el.getBoundingClientRect();
    const r = this.mode === 'wrap' ? this.marksOf(id)[0] : this.rangesOf(id)[0];
    return r ? r.getClientRects()[0] || r.getBoundingClientRect() : null;
  }

  setActive(id) {
    if (this.active === id) return;
    this.active = id;
    if (this.mode === 'wrap') {
      for (const m of this.doc.querySelectorAll('mark.cm-active')) m.classList.remove('cm-active');
      if (id != null) for (const m of this.marksOf(id)) m.classList.add('cm-active');
    } else if (id == null) {
      CSS.highlights.delete('cm-active');
    } else {
      CSS.highlights.set('cm-active', new Highlight(...this.rangesOf(id)));
    }
  }

  /** Scrolls to claim `id`, flashes it, selects it in the list. */
  goTo(id, { focus = false } = {}) {
    const entry = this.claims.get(id);
    if (!entry) return;
    this.select(id, true);
    const behavior = reducedMotion() ? 'auto' : 'smooth';
    if (this.mode === 'wrap') {
      const marks = this.marksOf(id);
      if (!marks.length) return;
      marks[0].scrollIntoView({ behavior, block: 'center' });
      for (const m of this.doc.querySelectorAll('mark.cm-flash')) m.classList.remove('cm-flash');
      for (const m of marks) {
        m.classList.remove('cm-flash');
        void m.offsetWidth; // restart the animation
        m.classList.add('cm-flash');
      }
      clearTimeout(this.flashTimer);
      this.flashTimer = setTimeout(() => marks.forEach((m) => m.classList.remove('cm-flash')), 1500);
      if (focus) marks[0].focus({ preventScroll: true });
    } else {
      const ranges = this.rangesOf(id);
      if (!ranges.length) return;
      const el = ranges[0].startContainer.parentElement;
      el?.scrollIntoView({ behavior, block: 'center' });
      CSS.highlights.set('cm-flash', new Highlight(...ranges));
      clearTimeout(this.flashTimer);
      this.flashTimer = setTimeout(() => CSS.highlights.delete('cm-flash'), 1400);
    }
    this.flashed = id;
    if (focus) setTimeout(() => this.showTip(id, null, true), behavior === 'smooth' ? 450 : 0);
  }

  /** The visible claims in panel order; the next/previous one after the selection. */
  step(dir) {
    const list = this.sorted().filter((c) => this.visible(c));
    if (!list.length) return;
    const i = list.findIndex((c) => c.id === this.selected);
    const next = i < 0 ? (dir > 0 ? 0 : list.length - 1) : (i + dir + list.length) % list.length;
    this.goTo(list[next].id, { focus: true });
  }

  // ---------------------------------------------------------------------------- page events

  on(target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    this.cleanups.push(() => target.removeEventListener(type, fn, opts));
  }

  listen() {
    const d = this.doc;
    const markOf = (t) => (t instanceof Element ? t.closest('mark.cm-mark[data-cm-claim]') : null);
    if (this.mode === 'wrap') {
      this.on(d, 'mouseover', (e) => {
        const m = markOf(e.target);
        if (!m) return;
        const id = Number(m.dataset.cmClaim);
        if (!this.claims.has(id)) return;
        this.setActive(id);
        this.showTip(id, m);
      });
      this.on(d, 'mouseout', (e) => {
        if (markOf(e.target) && !markOf(e.relatedTarget)) {
          this.setActive(null);
          this.hideTipSoon();
        }
      });
      this.on(d, 'focusin', (e) => {
        const m = markOf(e.target);
        if (m && this.claims.has(Number(m.dataset.cmClaim))) this.showTip(Number(m.dataset.cmClaim), m, true);
      });
      this.on(d, 'focusout', (e) => {
        if (markOf(e.target)) this.hideTipSoon();
      });
      this.on(d, 'click', (e) => {
        const m = markOf(e.target);
        if (m && this.claims.has(Number(m.dataset.cmClaim))) {
          this.select(Number(m.dataset.cmClaim), true);
          this.showTip(Number(m.dataset.cmClaim), m, true);
        }
      });
    } else {
      let frame = 0;
      this.on(d, 'mousemove', (e) => {
        if (frame) return;
        const { clientX: x, clientY: y } = e;
        frame = requestAnimationFrame(() => {
          frame = 0;
          const hit = this.hitTest(x, y);
          this.hovered = hit ? hit.claim : null;
          if (hit) {
            this.setActive(hit.claim);
            const rect = [...hit.range.getClientRects()].find((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1);
            this.showTip(hit.claim, null, false, rect);
          } else if (this.active != null) {
            this.setActive(null);
            this.hideTipSoon();
          }
        });
      }, { passive: true });
      this.on(d, 'click', (e) => {
        const hit = this.hitTest(e.clientX, e.clientY);
        if (hit) {
          this.select(hit.claim, true);
          this.showTip(hit.claim, null, true);
        }
      });
    }
    this.on(d, 'keydown', (e) => this.onKey(e));
    this.on(this.win, 'scroll', () => this.tipFor != null && !this.tipPinned && this.hideTip(), { passive: true });
  }

  onKey(e) {
    if (e.key === 'Escape') {
      if (this.tipFor != null) {
        this.hideTip();
        e.stopPropagation();
      }
      return;
    }
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isEditable(e)) return;
    const k = e.key;
    if (k === 'j' || k === 'k') this.step(k === 'j' ? 1 : -1);
    else if (k === 'p' && this.opts.panel) this.togglePanel();
    else if (k === 'X' && this.opts.panel) this.onClose();
    else return;
    e.preventDefault();
  }

  observe() {
    const MO = this.win.MutationObserver;
    if (!MO || !this.doc.body) return;
    this.observer = new MO((records) => this.onMutations(records));
    this.observer.observe(this.doc.body, { childList: true, subtree: true, characterData: this.mode === 'highlight' });
  }

  onMutations(records) {
    if (this.busy) return;
    let relocate = false;
    const roots = this.runs.map((r) => r.root);
    for (const rec of records) {
      if (this.mode === 'highlight') {
        const t = rec.target;
        if (roots.some((r) => !r.isConnected || r.contains(t) || t.contains(r))) relocate = true;
      }
      for (const n of rec.addedNodes) {
        const el = n.nodeType === 1 ? n : null;
        if (!el || el.localName === 'mark') continue;
        if (this.mode === 'highlight' && roots.some((r) => r.contains(el))) continue; // relocated anyway
        if (isContentAddition(el, roots)) this.pending.add(el);
      }
    }
    if (relocate) {
      clearTimeout(this.relocateTimer);
      this.relocateTimer = setTimeout(() => this.relocate(), 120);
    }
    if (this.pending.size) {
      if (this.watch) {
        clearTimeout(this.watchTimer);
        this.watchTimer = setTimeout(() => this.markNew(), 250);
      }
      this.renderNotice();
    }
  }

  // ---------------------------------------------------------------------------- UI

  buildUI() {
    const d = this.doc;
    const e = (...a) => h(d, ...a);
    this.host = e('div', { 'data-claimmark-ui': '', dataset: { mode: this.mode } });
    const shadow = this.host.attachShadow({ mode: 'open' });
    this.shadow = shadow;
    adoptSheet(shadow, PANEL_CSS);

    this.els = {};
    const els = this.els;
    els.count = e('span', { class: 'count' });
    els.summary = e('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
    els.notice = e('div', { class: 'notice', hidden: true });
    els.lang = e('p', { class: 'lang-note', hidden: true });
    els.chips = e('div', { class: 'chips', role: 'group', 'aria-label': 'Show claims of these kinds' });
    els.slider = e('input', { type: 'range', min: '0', max: '1', step: '0.05', value: '0', 'aria-label': 'Minimum score', class: 'slider' });
    els.sliderValue = e('output', { class: 'slider-value' }, '0.00');
    els.slider.addEventListener('input', () => {
      this.minScore = Number(els.slider.value);
      els.sliderValue.textContent = this.minScore.toFixed(2);
      this.paint();
      this.renderList();
    });
    els.list = e('ol', { class: 'list', 'aria-label': 'Claims, by check-worthiness' });
    els.watch = e('input', { type: 'checkbox', checked: this.watch || null });
    els.watch.addEventListener('change', () => {
      this.watch = els.watch.checked;
      if (this.watch && this.pending.size) this.markNew();
    });
    const button = (label, onclick, cls = '', title = '') => e('button', { type: 'button', class: cls, onclick, title: title || null }, label);
    els.panel = e(
      'section',
      { class: 'panel', role: 'complementary', 'aria-label': 'claimmark: claims in this article' },
      e(
        'header',
        { class: 'head' },
        e('span', { class: 'logo', 'aria-hidden': 'true' }),
        e('h2', {}, 'claimmark ', els.count),
        button('–', () => this.togglePanel(false), 'icon', 'Hide the panel (p)'),
        button('×', () => this.onClose(), 'icon', 'Remove the marks and close (Shift+X)'),
      ),
      els.summary,
      els.lang,
      els.notice,
      e('div', { class: 'filters' }, els.chips, e('label', { class: 'threshold' }, e('span', {}, 'Min. score'), els.slider, els.sliderValue)),
      els.list,
      e(
        'footer',
        { class: 'foot' },
        e('div', { class: 'row' },
          e('span', { class: 'label' }, 'Export'),
          button('JSON', () => this.download('json'), 'small', 'The report with the page URL, title and date'),
          button('CSV', () => this.download('csv'), 'small', 'One row per claim'),
          button('ClaimReview', () => this.download('claimreview'), 'small', 'schema.org ClaimReview JSON-LD skeletons'),
        ),
        e('div', { class: 'row' },
          e('label', { class: 'watch' }, els.watch, ' Watch for new content'),
          e('span', { class: 'mode', title: this.modeNote() }, this.mode === 'wrap' ? 'marks' : 'highlights'),
        ),
        e('p', { class: 'keys' }, e('kbd', {}, 'j'), ' / ', e('kbd', {}, 'k'), ' next / previous · ', e('kbd', {}, 'p'), ' panel · ', e('kbd', {}, 'Shift X'), ' clear · ', e('kbd', {}, 'Esc'), ' close tip'),
      ),
    );
    els.pill = e('button', { type: 'button', class: 'pill', hidden: true, onclick: () => this.togglePanel(true), title: 'Show the claimmark panel (p)' }, e('span', { class: 'logo', 'aria-hidden': 'true' }), e('span', { class: 'pill-text' }));
    els.tip = e('div', { class: 'tip', role: 'tooltip', id: 'cm-tip', hidden: true });
    els.tip.addEventListener('mouseenter', () => clearTimeout(this.tipTimer));
    els.tip.addEventListener('mouseleave', () => this.hideTipSoon());
    els.toast = e('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
    if (this.opts.panel) shadow.append(els.panel, els.pill);
    shadow.append(els.tip, els.toast);
    d.documentElement.append(this.host);
  }

  modeNote() {
    if (this.mode === 'wrap') return 'Claims are wrapped in <mark> elements; Clear restores the page exactly.';
    return this.framework
      ? `This page's DOM is managed by ${FRAMEWORKS[this.framework] || this.framework}: claims are highlighted without changing the page (CSS Custom Highlight API).`
      : 'Claims are highlighted without changing the page (CSS Custom Highlight API).';
  }

  render() {
    const n = this.claims.size;
    this.host.dataset.claims = String(n);
    this.host.dataset.marks = String(this.markCount());
    this.host.dataset.ms = this.ms.toFixed(1);
    this.els.count.textContent = String(n);
    this.els.pill.querySelector('.pill-text').textContent = `${n} claim${n === 1 ? '' : 's'}`;
    const where = this.mode === 'wrap' ? 'marked' : 'highlighted';
    this.els.summary.textContent = n
      ? `${n} claim${n === 1 ? '' : 's'} ${where} in ${Math.round(this.ms)} ms${this.framework ? ` · ${FRAMEWORKS[this.framework] || this.framework} page: highlighted without changing it` : ''}`
      : 'No check-worthy claims found in the article.';
    this.renderChips();
    this.renderList();
    this.renderNotice();
    this.renderLang();
  }

  // claimmark reads English: on a page that declares another language (the `lang` of the
  // article or of an ancestor), say so, in words, rather than let odd marks speak for us.
  // A page that declares no language, or English, is checked by its words: news in English
  // has 20–45% common English function words, other languages under 6% (aeb articles).
  renderLang() {
    const run = this.runs[0];
    const code = run ? pageLanguage(run.root) : '';
    this.host.dataset.lang = code;
    const box = this.els.lang;
    const declared = code !== '' && !/^en(-|$)/.test(code);
    const share = declared || !run ? null : englishShare(run.report?.text || '');
    const looksOther = share !== null && share < 0.12;
    this.host.dataset.englishShare = share === null ? '' : share.toFixed(3);
    box.hidden = !declared && !looksOther;
    box.textContent = declared
      ? `This page is in ${languageName(code, this.win)} (lang="${code}"). claimmark reads English: its marks here are unreliable.`
      : looksOther
        ? 'This text does not look like English. claimmark reads English: its marks here are unreliable.'
        : '';
  }

  renderChips() {
    const d = this.doc;
    const all = [...this.claims.values()].map((x) => x.claim);
    this.els.chips.replaceChildren(
      ...TAGS.map((t) => {
        const count = all.filter((c) => tagsOf(c).includes(t.kind)).length;
        const on = !this.off.has(t.kind);
        return h(
          d,
          'button',
          {
            type: 'button',
            class: 'chip',
            'aria-pressed': String(on),
            dataset: count ? { kind: t.kind } : { kind: t.kind, zero: '' },
            style: `--c:${t.color};--t:${t.tint}`,
            title: `${t.note}. Click to show or hide; Shift+click to show only these.`,
            onclick: (ev) => {
              if (ev.shiftKey) {
                this.off = new Set(TAGS.map((x) => x.kind).filter((k) => k !== t.kind));
              } else if (this.off.has(t.kind)) this.off.delete(t.kind);
              else this.off.add(t.kind);
              this.paint();
              this.renderChips();
              this.renderList();
            },
          },
          h(d, 'span', { class: 'dot', 'aria-hidden': 'true' }),
          t.label,
          h(d, 'span', { class: 'n' }, String(count)),
        );
      }),
    );
  }

  renderList() {
    const d = this.doc;
    const e = (...a) => h(d, ...a);
    const items = [];
    let shown = 0;
    for (const c of this.sorted()) {
      const vis = this.visible(c);
      if (vis) shown++;
      const stats = c.spans.filter((s) => s.role === 'statistic');
      const cues = cuesOf(c);
      const item = e(
        'li',
        { hidden: !vis || null, class: c.id === this.selected ? 'selected' : null, dataset: { claim: c.id, score: c.score.toFixed(3), kinds: tagsOf(c).join(' ') } },
        e(
          'button',
          { type: 'button', class: 'claim', onclick: () => this.goTo(c.id), 'aria-label': `${this.describe(c)}: ${c.text}` },
          e('span', { class: 'claim-head' },
            e('span', { class: 'score', style: `--s:${c.score.toFixed(3)}` }, c.score.toFixed(2)),
            c.kinds.map((k) => e('span', { class: 'kind', style: `--c:${kindInfo(k).color};--t:${kindInfo(k).tint}` }, k)),
            c.anonymous ? e('span', { class: 'kind', style: `--c:${kindInfo('anonymous').color};--t:${kindInfo('anonymous').tint}` }, 'anonymous') : null,
          ),
          c.speaker ? e('span', { class: 'speaker' }, c.speaker, cues.length ? e('span', { class: 'cue' }, ` · ${cues.join(', ')}`) : null) : null,
          e('span', { class: 'text' }, c.text.replace(/\s+/g, ' ').trim()),
          stats.length ? e('span', { class: 'values' }, stats.map((s) => e('span', { class: 'value' }, describeQuantity(s)))) : null,
        ),
        e('button', { type: 'button', class: 'link', title: 'Copy a link to this claim (text fragment)', 'aria-label': 'Copy a link to this claim', onclick: () => this.copyLink(c.id) }, linkIcon(d)),
      );
      items.push(item);
    }
    this.els.list.replaceChildren(...items);
    if (!items.length) this.els.list.append(e('li', { class: 'empty' }, 'No claims.'));
    else if (!shown) this.els.list.append(e('li', { class: 'empty' }, 'No claim matches the filters.'));
  }

  renderNotice() {
    const n = [...this.pending].filter((el) => el.isConnected).length;
    const box = this.els.notice;
    if (!n || this.watch) {
      box.hidden = true;
      box.replaceChildren();
      this.host.dataset.pending = '0';
      return;
    }
    this.host.dataset.pending = String(n);
    box.hidden = false;
    box.replaceChildren(
      h(this.doc, 'span', {}, `The page added ${n} block${n === 1 ? '' : 's'} of text.`),
      h(this.doc, 'button', { type: 'button', class: 'small primary', onclick: () => this.markNew() }, 'Mark new content'),
    );
  }

  select(id, scrollList) {
    this.selected = id;
    for (const li of this.els.list.children) {
      const on = li.dataset.claim === String(id);
      li.classList.toggle('selected', on);
      if (on && scrollList) li.scrollIntoView({ block: 'nearest' });
    }
  }

  togglePanel(open = !this.panelOpen) {
    this.panelOpen = open;
    this.els.panel.hidden = !open;
    this.els.pill.hidden = open;
    this.host.dataset.panel = open ? 'open' : 'closed';
  }

  onClose() {
    this.destroy();
    this.opts.onClose?.();
  }

  // ---------------------------------------------------------------------------- tooltip

  showTip(id, el, pin = false, rect = null) {
    const entry = this.claims.get(id);
    if (!entry) return;
    clearTimeout(this.tipTimer);
    const c = entry.claim;
    const d = this.doc;
    const e = (...a) => h(d, ...a);
    const tip = this.els.tip;
    if (this.tipFor !== id) {
      const stats = c.spans.filter((s) => s.role === 'statistic');
      const cues = cuesOf(c);
      const row = (label, ...value) => e('div', { class: 'row' }, e('span', { class: 'k' }, label), e('span', { class: 'v' }, ...value));
      tip.replaceChildren(
        e('div', { class: 'tip-head' },
          e('span', { class: 'tip-kinds' }, c.kinds.map((k) => e('span', { class: 'kind', style: `--c:${kindInfo(k).color};--t:${kindInfo(k).tint}` }, k))),
          e('span', { class: 'tip-score', title: 'check-worthiness' }, e('span', { class: 'bar', style: `--s:${c.score.toFixed(3)}` }), `score ${c.score.toFixed(2)}`)),
        c.speaker ? row(c.anonymous ? 'Anonymous source' : 'Speaker', c.speaker) : null,
        cues.length ? row('Cue', cues.map((q) => `“${q}”`).join(', ')) : null,
        ...stats.map((s) => row('Quantity', e('strong', {}, describeQuantity(s)),
          e('span', { class: 'q' }, [
            `value ${s.value}${typeof s.value_max === 'number' ? `–${s.value_max}` : ''}`,
            s.unit ? `unit ${s.unit}` : '',
            s.approx ? `approx “${s.approx}”` : '',
            s.rate ? `rate ${s.rate}` : '',
          ].filter(Boolean).join(' · ')))),
        e('div', { class: 'tip-foot' }, 'Esc to close'),
      );
      this.tipFor = id;
    }
    tip.hidden = false;
    this.tipPinned = pin;
    this.host.dataset.tip = String(id);
    const a = rect || this.anchorOf(id, el);
    if (!a) return;
    const vw = this.win.innerWidth;
    const vh = this.win.innerHeight;
    const tw = tip.offsetWidth;
    const th = tip.offsetHeight;
    let left = Math.min(Math.max(8, a.left), vw - tw - 8);
    let top = a.bottom + 8;
    if (top + th > vh - 8) top = Math.max(8, a.top - th - 8);
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  }

  hideTipSoon() {
    clearTimeout(this.tipTimer);
    this.tipTimer = setTimeout(() => this.hideTip(), 250);
  }

  hideTip() {
    if (!this.els) return;
    this.els.tip.hidden = true;
    this.tipFor = null;
    this.tipPinned = false;
    if (this.host) delete this.host.dataset.tip;
  }

  toast(text) {
    const t = this.els.toast;
    t.textContent = text;
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (t.hidden = true), 2600);
  }

  // ---------------------------------------------------------------------------- export

  /** A text-fragment link to claim `id` on this page. */
  linkTo(id) {
    const entry = this.claims.get(id);
    if (!entry) return '';
    this.pageText ??= this.doc.body?.innerText || '';
    return textFragmentLink(this.meta.url || this.doc.location.href, entry.claim, entry.run.report.text || '', this.pageText);
  }

  async copyLink(id) {
    const link = this.linkTo(id);
    this.lastLink = link;
    this.host.dataset.lastLink = link;
    try {
      await navigator.clipboard.writeText(link);
      this.toast('Link to the claim copied.');
    } catch {
      this.toast(`Copy this link: ${link}`);
    }
    return link;
  }

  rows() {
    return this.sorted().filter((c) => this.visible(c)).map((claim) => ({ claim, link: this.linkTo(claim.id) }));
  }

  /** The export `kind` ('json', 'csv', 'claimreview') as { name, type, text }. */
  exported(kind) {
    const slug = (this.meta.title || 'article').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'article';
    if (kind === 'json') {
      const reports = this.runs.map((r) => r.report);
      return { name: `claimmark-${slug}.json`, type: 'application/json', text: reportJSON(reports, this.meta) };
    }
    if (kind === 'csv') return { name: `claimmark-${slug}.csv`, type: 'text/csv', text: claimsCSV(this.rows(), this.meta) };
    return { name: `claimreview-${slug}.jsonld`, type: 'application/ld+json', text: claimReviews(this.rows(), this.meta) };
  }

  download(kind) {
    const { name, type, text } = this.exported(kind);
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h(this.doc, 'a', { href: url, download: name, hidden: true });
    this.shadow.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
    this.toast(`Saved ${name}`);
  }
}

const PANEL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.panel, .pill, .tip, .toast {
  font: 13.5px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #0f172a; -webkit-font-smoothing: antialiased; letter-spacing: normal; text-align: left;
}
.panel {
  position: fixed; z-index: 2147483646; top: 12px; right: 12px; bottom: 12px; width: 360px;
  display: flex; flex-direction: column; background: #fff; border-radius: 12px;
  box-shadow: 0 12px 40px rgb(15 23 42 / 0.22), 0 0 0 1px rgb(15 23 42 / 0.08); overflow: hidden;
}
.head { display: flex; align-items: center; gap: 8px; padding: 10px 10px 8px 14px; background: #0f172a; color: #f8fafc; }
.head h2 { flex: 1; margin: 0; font: 700 15px/1.2 inherit; font-family: inherit; letter-spacing: -0.01em; display: flex; align-items: center; gap: 8px; }
.logo { flex: none; display: inline-block; width: 16px; height: 16px; border-radius: 4px; background: linear-gradient(#3b82f6 0 58%, #fbbf24 58% 80%, #3b82f6 80%); }
.count { font: 700 11.5px/1 inherit; font-family: inherit; background: #1e3a8a; color: #dbeafe; border-radius: 999px; padding: 3px 8px; }
button { font: inherit; color: inherit; cursor: pointer; }
button:focus-visible, input:focus-visible, .claim:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.icon { width: 28px; height: 28px; border: 0; border-radius: 6px; background: transparent; color: #cbd5e1; font-size: 18px; line-height: 1; }
.icon:hover { background: rgb(255 255 255 / 0.12); color: #fff; }
.progress { display: flex; align-items: center; gap: 8px; padding: 6px 14px; border-bottom: 1px solid #e2e8f0; font-size: 12.5px; font-variant-numeric: tabular-nums; }
.progress progress { flex: 1; height: 8px; accent-color: #2563eb; }
.summary { margin: 0; padding: 8px 14px; color: #475569; font-size: 12.5px; border-bottom: 1px solid #e2e8f0; background: #f8fafc; }
.lang-note { margin: 0; padding: 8px 14px; background: #fffbeb; border-bottom: 1px solid #fde68a; color: #78350f; font-size: 12.5px; }
.notice { display: flex; align-items: center; gap: 8px; justify-content: space-between; padding: 8px 14px; background: #fffbeb; border-bottom: 1px solid #fde68a; color: #78350f; font-size: 12.5px; }
.filters { padding: 10px 12px 8px; border-bottom: 1px solid #e2e8f0; display: grid; gap: 8px; }
.chips { display: flex; flex-wrap: wrap; gap: 5px; }
.chip {
  display: inline-flex; align-items: center; gap: 5px; padding: 3px 8px 3px 7px; border-radius: 999px;
  border: 1px solid color-mix(in srgb, var(--c) 40%, transparent); background: rgb(var(--t) / 0.13);
  color: color-mix(in srgb, var(--c) 80%, #000); font-size: 12px; font-weight: 600;
}
.chip .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--c); }
.chip .n { font-weight: 500; color: #475569; font-variant-numeric: tabular-nums; }
.chip[data-zero] { opacity: 0.5; }
.chip[aria-pressed="false"] { background: #fff; border-color: #e2e8f0; color: #94a3b8; text-decoration: line-through; }
.chip[aria-pressed="false"] .dot { background: #cbd5e1; }
.threshold { display: flex; align-items: center; gap: 8px; color: #475569; font-size: 12.5px; }
.slider { flex: 1; accent-color: #1d4ed8; margin: 0; }
.slider-value { font: 600 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #0f172a; min-width: 3em; text-align: right; }
.list { list-style: none; margin: 0; padding: 8px 10px; overflow-y: auto; flex: 1; display: grid; align-content: start; gap: 6px; }
.list > li { position: relative; }
.list .empty { color: #64748b; text-align: center; padding: 18px 0; }
.claim {
  display: grid; gap: 4px; width: 100%; padding: 8px 34px 9px 10px; border: 1px solid #e2e8f0; border-radius: 8px;
  background: #fff; text-align: left; font-size: 13px; line-height: 1.45;
}
.claim:hover { background: #f8fafc; border-color: #cbd5e1; }
li.selected .claim { border-color: #2563eb; box-shadow: 0 0 0 1px #2563eb; background: #f5f8ff; }
.claim-head { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
.score { font: 700 11px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #fff; padding: 0 6px; border-radius: 5px;
  background: color-mix(in srgb, #1d4ed8 calc(var(--s) * 100%), #94a3b8); }
.kind { font-size: 10.5px; font-weight: 700; letter-spacing: 0.03em; text-transform: uppercase; padding: 0 6px; border-radius: 999px;
  color: color-mix(in srgb, var(--c) 85%, #000); background: rgb(var(--t) / 0.16); border: 1px solid color-mix(in srgb, var(--c) 35%, transparent); }
.speaker { color: #334155; font-size: 12.5px; font-weight: 600; }
.cue { color: #64748b; font-weight: 400; }
.text { color: #0f172a; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
.values { display: flex; flex-wrap: wrap; gap: 4px; }
.value { font: 600 11.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #92400e; background: #fffbeb; border: 1px solid #fde68a; border-radius: 5px; padding: 0 5px; }
.link { position: absolute; top: 6px; right: 6px; width: 24px; height: 24px; border: 0; border-radius: 6px; background: transparent; color: #1d4ed8; opacity: 0.6; display: grid; place-items: center; padding: 0; }
.link:hover, .link:focus-visible { opacity: 1; background: #eef2ff; }
.foot { border-top: 1px solid #e2e8f0; padding: 8px 12px 10px; display: grid; gap: 6px; background: #f8fafc; }
.foot .row { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.foot .label { color: #475569; font-size: 12px; font-weight: 600; margin-right: 2px; }
.small { font-size: 12px; font-weight: 600; padding: 4px 9px; border-radius: 6px; border: 1px solid #cbd5e1; background: #fff; color: #0f172a; }
.small:hover { background: #f1f5f9; }
.small.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
.watch { display: inline-flex; align-items: center; gap: 5px; color: #334155; font-size: 12.5px; flex: 1; }
.watch input { margin: 0; accent-color: #1d4ed8; }
.mode { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: #475569; background: #e2e8f0; border-radius: 999px; padding: 1px 8px; }
.keys { margin: 0; color: #64748b; font-size: 11.5px; }
kbd { font: 600 10.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; border: 1px solid #cbd5e1; border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; background: #fff; color: #334155; }
.pill {
  position: fixed; z-index: 2147483646; right: 16px; bottom: 16px; display: inline-flex; align-items: center; gap: 8px;
  padding: 8px 14px; border: 0; border-radius: 999px; background: #0f172a; color: #fff; font-weight: 700;
  box-shadow: 0 8px 24px rgb(15 23 42 / 0.3);
}
.tip {
  position: fixed; z-index: 2147483647; max-width: 360px; min-width: 280px; padding: 9px 11px 8px; border-radius: 9px;
  background: #0f172a; color: #e2e8f0; box-shadow: 0 10px 30px rgb(0 0 0 / 0.3); font-size: 12.5px; display: grid; gap: 4px;
}
.tip .kind { color: #fff; background: rgb(var(--t) / 0.35); border-color: rgb(var(--t) / 0.7); }
.tip-head { display: grid; grid-template-columns: 1fr auto; align-items: start; gap: 8px; margin-bottom: 2px; }
.tip-kinds { display: flex; flex-wrap: wrap; gap: 4px; }
.tip-score { display: inline-flex; align-items: center; gap: 6px; color: #cbd5e1; font-variant-numeric: tabular-nums; white-space: nowrap; line-height: 18px; }
.bar { width: 44px; height: 5px; border-radius: 3px; background: linear-gradient(90deg, #60a5fa calc(var(--s) * 100%), #334155 0); }
.tip .row { display: grid; grid-template-columns: auto 1fr; gap: 8px; }
.tip .k { color: #94a3b8; }
.tip .v { color: #f8fafc; display: grid; }
.tip .q { color: #94a3b8; font-size: 11.5px; }
.tip-foot { color: #64748b; font-size: 11px; margin-top: 2px; }
.toast {
  position: fixed; z-index: 2147483647; right: 388px; bottom: 20px; max-width: 420px; padding: 8px 12px; border-radius: 8px;
  background: #0f172a; color: #f8fafc; box-shadow: 0 8px 24px rgb(0 0 0 / 0.25); font-size: 12.5px; word-break: break-all;
}
@media (max-width: 760px) { .panel { top: auto; left: 8px; right: 8px; width: auto; height: 55vh; bottom: 8px; } .toast { right: 16px; bottom: 60vh; } }
@media (prefers-color-scheme: dark) {
  .panel { background: #0b1220; color: #e2e8f0; box-shadow: 0 12px 40px rgb(0 0 0 / 0.5), 0 0 0 1px rgb(255 255 255 / 0.08); }
  .summary, .foot { background: #0f172a; border-color: #1e293b; color: #94a3b8; }
  .filters { border-color: #1e293b; }
  .claim { background: #111827; border-color: #1f2937; color: #e2e8f0; }
  .claim:hover { background: #0f172a; }
  .text { color: #e2e8f0; } .speaker { color: #cbd5e1; }
  li.selected .claim { background: #0c1a3a; }
  .small { background: #111827; color: #e2e8f0; border-color: #334155; }
  .chip[data-zero] { opacity: 0.5; }
.chip[aria-pressed="false"] { background: transparent; border-color: #334155; }
  .mode { background: #1e293b; color: #cbd5e1; } kbd { background: #111827; color: #cbd5e1; border-color: #334155; }
  .slider-value { color: #e2e8f0; }
}
`;
