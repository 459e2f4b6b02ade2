// What the claimmark bookmarklet loads. The bookmarklet itself (built by app.js) is
//   import('<demo origin>/bookmarklet.js').then(m => m.toggle())
// plus the reader-view fallback (fallback.js) for pages whose Content-Security-Policy refuses
// the import. The module is cached by the page, so a second click calls toggle() again on the
// same state: the first click marks the article and opens the panel, the second removes the
// marks and our UI, leaving the page exactly as it was (marks are unwrapped and split text nodes
// restored by `clear`, styles are adopted stylesheets, our UI lives in a shadow root).
//
// toggle({ mode: 'highlight' }) asks for the non-mutating mode; toggle({ watch: true }) marks
// content the page adds later by itself.

import { Claimmark } from './ui.js';
import { readerFallback } from './fallback.js';
import { loadModule } from './load.js';

const BASE = new URL('.', import.meta.url).href;
let wasm = null; // Promise of the initialised claimmark module
let state = null; // the Claimmark while the page is marked, or { destroy } of an error box
let busy = false;

/** Marks the article of this page, or removes the marks when it is marked. */
export async function toggle(options = {}) {
  if (busy) return;
  busy = true;
  try {
    if (state) off();
    else await on(options);
  } finally {
    busy = false;
  }
}

/** Whether the page is marked now. */
export function isOn() {
  return state !== null;
}

/** The Claimmark controller while the page is marked (tests and power users). */
export function current() {
  return state instanceof Claimmark ? state : null;
}

/** Whether loading failed because the page's CSP forbids WebAssembly. */
const wasmRefused = (e, violations) =>
  violations.some((v) => v.blockedURI === 'wasm-eval' || /wasm/.test(v.effectiveDirective || '')) ||
  /wasm-(unsafe-)?eval|Content Security Policy/i.test(String(e?.message || e));

function load() {
  // The glue and the wasm load side by side, the wasm compiling as it arrives (load.js).
  wasm ??= loadModule(BASE).catch((e) => {
    wasm = null; // let the next click retry
    throw e;
  });
  return wasm;
}

async function on(options) {
  const violations = [];
  const listen = (e) => violations.push(e);
  document.addEventListener('securitypolicyviolation', listen);
  let mod;
  try {
    mod = await load();
  } catch (e) {
    await new Promise((r) => setTimeout(r, 30)); // violation events are queued as tasks
    document.removeEventListener('securitypolicyviolation', listen);
    if (wasmRefused(e, violations)) {
      readerFallback(BASE, 'wasm');
      return;
    }
    state = errorBox(`could not load claimmark from ${new URL(BASE).origin}: ${e?.message || e}. The demo server may not be running.`);
    return;
  }
  document.removeEventListener('securitypolicyviolation', listen);
  const cm = new Claimmark(mod, {
    ...options,
    onClose: () => {
      if (state === cm) state = null;
    },
  });
  const failed = (e) => {
    cm.destroy();
    state = errorBox(`could not mark this page: ${e?.message || e}`);
  };
  try {
    cm.start();
    state = cm;
  } catch (e) {
    failed(e);
    return;
  }
  // A long article is marked in steps (progress and Cancel in the panel): a failure on the way
  // shows the same error box.
  cm.ready.catch((e) => {
    if (state === cm) failed(e);
  });
}

function off() {
  const s = state;
  state = null;
  s.destroy();
}

/** A small box in a shadow root saying what went wrong; the next toggle removes it. */
function errorBox(message) {
  const host = document.createElement('div');
  host.setAttribute('data-claimmark-ui', '');
  host.setAttribute('role', 'alert');
  host.dataset.error = message;
  const shadow = host.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  Object.assign(box.style, {
    position: 'fixed', zIndex: '2147483647', right: '16px', bottom: '16px', maxWidth: '400px', padding: '12px 16px',
    background: '#7f1d1d', color: '#fff', font: '14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    borderRadius: '10px', boxShadow: '0 10px 30px rgba(0,0,0,.3)', cursor: 'pointer',
  });
  box.textContent = `claimmark: ${message.charAt(0).toUpperCase()}${message.slice(1)} (Click to close.)`;
  const destroy = () => {
    host.remove();
    if (state?.host === host) state = null;
  };
  box.addEventListener('click', destroy);
  shadow.append(box);
  document.documentElement.append(host);
  return { host, destroy };
}
