// The reader-view fallback of the bookmarklet, for pages whose Content-Security-Policy blocks
// claimmark's script or its WebAssembly: the article's HTML goes, by postMessage, to
// claimmark's own page (reader.html) in a new tab, which shows it marked.
//
// `readerFallback` must stay self-contained (no imports, nothing from outside its body): app.js
// embeds its source in the bookmarklet, which runs it when even loading bookmarklet.js was
// refused; bookmarklet.js calls it when only the WebAssembly was.
//
// Handshake: the reader (at `base`, told the page's origin in its URL) posts
// {type:'claimmark:ready'} to its opener; the page answers only a message from that window and
// from `base`'s origin, with {type:'claimmark:article', html, url, title, reason}, sent to that
// origin only. The reader accepts only a message from its opener and from the origin it was told.

export function readerFallback(base, reason) {
  const d = document;
  const origin = new URL(base).origin;
  const html = d.documentElement.outerHTML;
  for (const old of d.querySelectorAll('[data-claimmark-fallback]')) old.remove();
  const host = d.createElement('div');
  host.setAttribute('data-claimmark-ui', '');
  host.setAttribute('data-claimmark-fallback', reason);
  const shadow = host.attachShadow({ mode: 'open' });
  const el = (tag, css, text) => {
    const e = d.createElement(tag);
    Object.assign(e.style, css);
    if (text) e.textContent = text;
    return e;
  };
  const font = '14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  const box = el('div', {
    position: 'fixed', zIndex: '2147483647', right: '16px', bottom: '16px', maxWidth: '400px', padding: '14px 16px',
    background: '#0f172a', color: '#f8fafc', font, borderRadius: '10px', boxShadow: '0 10px 30px rgba(0,0,0,.3)',
  });
  box.setAttribute('role', 'alert');
  const title = el('div', { fontWeight: '700', marginBottom: '4px' }, 'claimmark · reader view');
  const what = reason === 'wasm' ? 'run WebAssembly' : 'load its script';
  const text = el('div', { color: '#cbd5e1' },
    `This site's security policy (Content-Security-Policy) does not let claimmark ${what} on the page itself. ` +
    'Its article opens, marked, in claimmark\u2019s reader view in a new tab; nothing else leaves your browser.');
  const status = el('div', { color: '#fde68a', marginTop: '6px', fontSize: '13px' }, 'Opening the reader view\u2026');
  const row = el('div', { display: 'flex', gap: '8px', marginTop: '10px' });
  const button = (label, fn) => {
    const b = el('button', {
      font: '600 13px/1 system-ui, sans-serif', padding: '7px 12px', borderRadius: '7px', cursor: 'pointer',
      border: '1px solid rgba(255,255,255,.3)', background: 'rgba(255,255,255,.1)', color: '#fff',
    }, label);
    b.type = 'button';
    b.addEventListener('click', fn);
    return b;
  };
  let win = null;
  const onMessage = (e) => {
    if (!win || e.source !== win || e.origin !== origin || !e.data || e.data.type !== 'claimmark:ready') return;
    win.postMessage({ type: 'claimmark:article', html, url: location.href, title: d.title, reason }, origin);
    status.textContent = 'The article is in the reader view (new tab).';
    host.setAttribute('data-sent', '');
  };
  const close = () => {
    removeEventListener('message', onMessage);
    host.remove();
  };
  const open = () => {
    win = window.open(`${base}reader.html#from=${encodeURIComponent(location.origin)}`, '_blank');
    if (!win) status.textContent = 'The browser blocked the new tab: press \u201cOpen reader view\u201d.';
  };
  row.append(button('Open reader view', open), button('Close', close));
  box.append(title, text, status, row);
  shadow.append(box);
  d.documentElement.append(host);
  addEventListener('message', onMessage);
  open();
}
