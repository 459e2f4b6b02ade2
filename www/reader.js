// claimmark's reader view: opened by the bookmarklet on a page whose Content-Security-Policy
// blocks claimmark (fallback.js). Receives the page's HTML by postMessage from its opener, after
// a handshake, and shows its article marked, with the side panel.
//
// Checks: the page's origin comes in our URL (`#from=`); only a message from our opener and
// from that origin is read. The HTML is parsed by DOMParser into an inert document (no script
// runs, nothing loads), the article is found there (scope.js) and copied with DOM calls and an
// allow-list (sanitize.js): page text never goes through innerHTML.

import init, * as claimmark from './pkg/claimmark.js';
import { Claimmark } from './ui.js';
import { findArticle } from './scope.js';
import { copyContent } from './sanitize.js';
import { pageMeta } from './export.js';

const $ = (id) => document.getElementById(id);
const from = new URLSearchParams(location.hash.slice(1)).get('from') || '';
let received = false;

function notice(text, kind = 'info') {
  $('notice').textContent = text;
  $('notice').dataset.kind = kind;
}

async function show(data) {
  await ready;
  const doc = new DOMParser().parseFromString(data.html, 'text/html');
  const scope = findArticle(doc);
  if (!scope) {
    notice('The page sent no article text.', 'error');
    return;
  }
  const article = $('article');
  article.replaceChildren();
  copyContent(scope.root, article, new Set(scope.exclude));
  let url = '';
  try {
    const u = new URL(data.url);
    if (u.protocol === 'https:' || u.protocol === 'http:') url = u.href.split('#')[0];
  } catch {
    /* no link */
  }
  const meta = pageMeta(doc);
  const title = String(data.title || meta.title || 'Untitled page');
  document.title = `${title} — claimmark reader view`;
  $('reader-title').textContent = title;
  if (url) {
    $('source-link').href = url;
    $('source-link').textContent = url;
  }
  $('reader').hidden = false;
  const host = url ? new URL(url).host : 'The page';
  const what = data.reason === 'wasm' ? 'run WebAssembly' : 'load its script';
  notice(`${host}'s security policy (Content-Security-Policy) does not let claimmark ${what} on the page itself, so here is its article, marked. Links to claims point to the original page.`);
  const cm = new Claimmark(claimmark, { root: article, mode: 'wrap', meta: { url, title, date: meta.date } });
  if (cm.start().pending) await cm.ready;
  document.documentElement.dataset.claims = String(cm.claims.size);
}

addEventListener('message', (e) => {
  if (received || !from || e.origin !== from || e.source !== window.opener) return;
  const d = e.data;
  if (!d || d.type !== 'claimmark:article' || typeof d.html !== 'string') return;
  received = true;
  show(d).catch((err) => notice(`Could not show the article: ${err.message}`, 'error'));
});

const ready = init().catch((e) => {
  notice(`Could not load the WebAssembly module: ${e.message}`, 'error');
  throw e;
});

if (!window.opener || !from) {
  notice('Nothing to show: open this page from the claimmark bookmarklet, on an article whose site blocks claimmark.', 'error');
} else {
  // Say we are ready until the article arrives (the opener may still be setting up).
  let tries = 0;
  const hello = () => {
    if (received) return;
    if (tries++ > 40) {
      notice('No article arrived from the page. Paste it on the claimmark demo page instead.', 'error');
      return;
    }
    try {
      window.opener.postMessage({ type: 'claimmark:ready' }, from);
    } catch {
      /* opener gone */
    }
    setTimeout(hello, 250);
  };
  hello();
}
