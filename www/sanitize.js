// Copies parsed HTML into our page with DOM calls: an allow-list of elements, no attributes but
// safe link targets. Used for pasted HTML (app.js) and the reader view (reader.js). The source
// is an inert document from DOMParser: no script runs, nothing is fetched.

export const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas',
  'video', 'audio', 'img', 'picture', 'source', 'form', 'input', 'button', 'select', 'textarea',
  'nav', 'head', 'link', 'meta', 'title', 'dialog',
]);
export const KEEP = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption',
  'section', 'div', 'hr', 'br', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'small', 'sub', 'sup',
  'span', 'abbr', 'cite', 'q', 'time', 'code', 'kbd', 'pre', 'mark', 'address',
]);
const RENAME = { article: 'div', main: 'div', header: 'div', footer: 'div', aside: 'div' };

/** Copies the text and structure of `from` into `to` (in `to`'s document), keeping the
 * allow-listed elements, dropping every attribute except safe link targets, and leaving out
 * the elements in `skip`. */
export function copyContent(from, to, skip = null) {
  const doc = to.ownerDocument || to;
  for (const node of from.childNodes) {
    if (node.nodeType === 3) {
      to.append(doc.createTextNode(node.data));
    } else if (node.nodeType === 1) {
      const tag = node.localName;
      if (skip?.has(node)) continue;
      if (DROP.has(tag) || node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') continue;
      const name = KEEP.has(tag) ? tag : RENAME[tag];
      if (!name) {
        copyContent(node, to, skip); // unknown element: keep its content
        continue;
      }
      const el = doc.createElement(name);
      if (name === 'a') {
        const href = node.getAttribute('href');
        try {
          const url = new URL(href ?? '', 'https://invalid.example/');
          if ((url.protocol === 'https:' || url.protocol === 'http:') && url.host !== 'invalid.example') {
            el.href = url.href;
            el.rel = 'noopener noreferrer nofollow';
            el.target = '_blank';
          }
        } catch {
          /* not a URL: keep the text only */
        }
      }
      copyContent(node, el, skip);
      to.append(el);
    }
  }
}

export function looksLikeHtml(text) {
  return /<(p|div|article|main|body|html|h[1-6]|section|span|a|em|strong|br|li|blockquote)[\s>/]/i.test(text);
}
