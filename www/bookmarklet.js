// What the claimmark bookmarklet loads. The bookmarklet itself (built by app.js) is just
//   void import('<demo origin>/bookmarklet.js').then(m => m.toggle())
// The module is cached by the page, so a second click calls toggle() again on the same state:
// the first click marks the article, the second removes the marks and our UI, leaving the page
// exactly as it was (marks are unwrapped and split text nodes restored by `clear`, the styles
// are an adopted stylesheet, the status box lives in a shadow root and is removed).

import { adoptMarkStyles } from './marks-css.js';

const BASE = import.meta.url;
let wasm = null; // Promise of the initialised claimmark module
let state = null; // { root, unstyle, host } while the page is marked
let busy = false;

/** Marks the article of this page, or removes the marks when it is marked. */
export async function toggle() {
  if (busy) return;
  busy = true;
  try {
    if (state) off();
    else await on();
  } finally {
    busy = false;
  }
}

/** Whether the page is marked now. */
export function isOn() {
  return state !== null;
}

function load() {
  wasm ??= (async () => {
    const mod = await import(new URL('./pkg/claimmark.js', BASE).href);
    await mod.default({ module_or_path: new URL('./pkg/claimmark_bg.wasm', BASE) });
    return mod;
  })().catch((e) => {
    wasm = null; // let the next click retry
    throw e;
  });
  return wasm;
}

async function on() {
  const box = statusBox();
  box.show('Finding claims…');
  let mod;
  try {
    mod = await load();
  } catch (e) {
    box.error(`could not load claimmark from ${new URL('.', BASE).origin}: ${e?.message || e}. ` +
      'This page may forbid it (Content-Security-Policy), or the demo server is not running.');
    state = { root: null, unstyle: () => {}, host: box.host };
    return;
  }
  const root = findArticleRoot();
  if (!root) {
    box.error('found no article text on this page.');
    state = { root: null, unstyle: () => {}, host: box.host };
    return;
  }
  const unstyle = adoptMarkStyles(document);
  let report;
  const t0 = performance.now();
  try {
    report = mod.annotate(root);
  } catch (e) {
    unstyle();
    box.error(`could not mark this page: ${e?.message || e}`);
    state = { root: null, unstyle: () => {}, host: box.host };
    return;
  }
  const ms = performance.now() - t0;
  state = { root, unstyle, host: box.host, mod };
  const n = report.claims.length;
  box.show(n ? `${n} claim${n === 1 ? '' : 's'} marked` : 'No claims found', `${Math.round(ms)} ms · hover a mark for details`);
  box.host.dataset.claims = String(n);
}

function off() {
  const s = state;
  state = null;
  if (s.root && s.mod) s.mod.clear(s.root);
  s.unstyle();
  s.host.remove();
}

// ------------------------------------------------------------------------------ article root

/** The element holding the article: `article`, `[itemprop=articleBody]` or `main` (the one
 * with the most paragraph text when there are several), else the element whose paragraphs
 * hold the most text. */
export function findArticleRoot(doc = document) {
  const textOf = (el) => {
    let n = 0;
    for (const p of el.querySelectorAll('p')) n += p.textContent.trim().length;
    return n || el.textContent.trim().length / 4;
  };
  const ours = (el) => el.closest('[data-claimmark-ui]');
  for (const sel of ['article', '[itemprop="articleBody"]', 'main']) {
    const found = [...doc.querySelectorAll(sel)].filter((el) => !ours(el));
    if (found.length) return found.reduce((a, b) => (textOf(b) > textOf(a) ? b : a));
  }
  const byParent = new Map();
  for (const p of doc.querySelectorAll('p')) {
    if (ours(p) || !p.parentElement) continue;
    byParent.set(p.parentElement, (byParent.get(p.parentElement) || 0) + p.textContent.trim().length);
  }
  let best = null;
  let most = 0;
  for (const [el, n] of byParent) {
    if (n > most) [best, most] = [el, n];
  }
  return best || doc.body;
}

// ------------------------------------------------------------------------------ status box

const BOX_CSS = `
:host { all: initial; }
.box {
  position: fixed; z-index: 2147483647; right: 16px; bottom: 16px;
  display: flex; align-items: center; gap: 12px;
  max-width: 420px; padding: 10px 12px 10px 14px;
  background: #0f172a; color: #f8fafc; border-radius: 10px;
  box-shadow: 0 8px 30px rgb(0 0 0 / 0.28), 0 0 0 1px rgb(255 255 255 / 0.06);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.box.error { background: #7f1d1d; }
.logo { flex: none; width: 16px; height: 16px; border-radius: 4px; background: linear-gradient(#3b82f6 0 58%, #fbbf24 58% 80%, #3b82f6 80%); }
.text { display: grid; }
.title { font-weight: 700; }
.detail { color: #cbd5e1; font-size: 12.5px; }
.error .detail { color: #fecaca; }
button {
  flex: none; font: 600 13px/1 system-ui, sans-serif; padding: 7px 12px; border-radius: 7px;
  border: 1px solid rgb(255 255 255 / 0.25); background: rgb(255 255 255 / 0.1); color: #fff; cursor: pointer;
}
button:hover { background: rgb(255 255 255 / 0.2); }
button:focus-visible { outline: 2px solid #93c5fd; outline-offset: 2px; }
`;

function statusBox() {
  const host = document.createElement('div');
  host.setAttribute('data-claimmark-ui', '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = BOX_CSS;
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'status');
  const logo = document.createElement('span');
  logo.className = 'logo';
  const text = document.createElement('div');
  text.className = 'text';
  const title = document.createElement('span');
  title.className = 'title';
  const detail = document.createElement('span');
  detail.className = 'detail';
  text.append(title, detail);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Clear';
  button.addEventListener('click', () => toggle());
  box.append(logo, text, button);
  shadow.append(style, box);
  document.body.append(host);
  return {
    host,
    show(t, d = '') {
      box.classList.remove('error');
      title.textContent = `claimmark · ${t}`;
      detail.textContent = d;
    },
    error(message) {
      box.classList.add('error');
      box.setAttribute('role', 'alert');
      title.textContent = 'claimmark';
      detail.textContent = message.charAt(0).toUpperCase() + message.slice(1);
      button.textContent = 'Close';
      host.dataset.error = message;
    },
  };
}
