//! The DOM work of the web edge, in JS (wasm32 only; used by `web`): walking the text nodes,
//! wrapping and unwrapping marks.
//!
//! A long page has tens of thousands of text nodes and marks, and each DOM call from wasm
//! crosses the boundary (and decodes its strings) on its own; here one call walks the whole
//! root or wraps a whole batch. Rust decides what to read and what to wrap (`web::collect`,
//! `web::Plan`); these functions only do it.
//!
//! A module of its own, public but hidden, because tests/web.rs compiles src/web.rs a second
//! time: the JS imports must exist once, in the library.

use wasm_bindgen::prelude::*;
use web_sys::Document;

#[wasm_bindgen(inline_js = r#"
export function cmEntry() {
  return { marks: [], inner: [], splits: [] };
}

// Records of `roles, claim, kinds, speaker, value, unit` (src/web.rs encode_attrs) become
// [class, claim, role, kinds, speaker, value, unit]: the class and the role (the innermost,
// or "claim") come from the roles.
export function cmParseAttrs(s) {
  if (!s) return [];
  return s.split('\x1e').map((r) => {
    const [roles, claim, kinds, speaker, value, unit] = r.split('\x1f');
    const list = roles ? roles.split(' ') : [];
    const cls = list.length ? `cm-mark cm-claim cm-${list.join(' cm-')}` : 'cm-mark cm-claim';
    return [cls, claim, list.length ? list[list.length - 1] : 'claim', kinds, speaker, value, unit];
  });
}

const NAMES = ['data-cm-claim', 'data-cm-role', 'data-cm-kinds', 'data-cm-speaker', 'data-cm-value', 'data-cm-unit'];

function cmMark(doc, a) {
  const mark = doc.createElement('mark');
  mark.className = a[0];
  for (let k = 0; k < 6; k++) if (a[k + 1]) mark.setAttribute(NAMES[k], a[k + 1]);
  return mark;
}

// jobs: [node, start, end, attrs] per part, in wrapping order (from the end of the document);
// a node's parts are consecutive and all in one call (src/web.rs cuts batches between nodes).
//
// A node's marks are built apart from the page (its text cut with createTextNode, not
// splitText on the live node) and go in with one insertion after the node: the node keeps the
// text before its first mark, or moves into that mark when it starts the node. The DOM is the
// one splitText would make, at a fraction of the cost. Every mark and cut is recorded in
// `entry` before the page is touched, so that cmUndo can undo a part done before an exception.
export function cmWrap(doc, nodes, jobs, attrs, entry) {
  const n = jobs.length - (jobs.length % 4);
  for (let i = 0; i < n; ) {
    const index = jobs[i];
    let j = i + 4;
    while (j < n && jobs[j] === index) j += 4;
    wrapNode(doc, nodes[index], jobs, i, j, attrs, entry);
    i = j;
  }
}

function wrapNode(doc, text, jobs, from, to, attrs, entry) {
  const parent = text && text.parentNode;
  if (!parent) return;
  const data = text.data, len = data.length;
  // The node's parts in document order; one that is empty, out of the node, or overlaps the
  // one before is left out.
  const parts = [];
  for (let k = to - 4, pos = 0; k >= from; k -= 4) {
    const start = jobs[k + 1], end = jobs[k + 2], a = attrs[jobs[k + 3]];
    if (!a || start >= end || end > len || start < pos) continue;
    parts.push([start, end, a]);
    pos = end;
  }
  if (parts.length === 0) return;
  const frag = doc.createDocumentFragment();
  const created = []; // the text nodes cut from the node, outside marks
  let holder = null; // the mark the node moves into
  let pos = parts[0][0];
  for (const [start, end, a] of parts) {
    if (start > pos) {
      const gap = doc.createTextNode(data.slice(pos, start));
      created.push(gap);
      frag.appendChild(gap);
    }
    const mark = cmMark(doc, a);
    let inner = null;
    if (start === 0) holder = mark;
    else {
      inner = doc.createTextNode(data.slice(start, end));
      mark.appendChild(inner);
    }
    entry.marks.push(mark);
    entry.inner.push(inner);
    frag.appendChild(mark);
    pos = end;
  }
  if (pos < len) {
    const tail = doc.createTextNode(data.slice(pos));
    created.push(tail);
    frag.appendChild(tail);
  }
  const keep = holder ? parts[0][1] : parts[0][0]; // what the node itself keeps
  if (keep < len) entry.splits.push({ node: text, data, created });
  parent.insertBefore(frag, text.nextSibling);
  if (keep < len) text.data = data.slice(0, keep);
  if (holder) holder.appendChild(text);
}

// Best effort: a page that moved our marks meanwhile gets what is left. A mark holding only
// the text we cut for it goes at once; anything else in it (the page's own text node, which
// moved into it, or what the page added) is put back in its place first.
export function cmUndo(entry) {
  const { marks, inner } = entry;
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i];
    const parent = mark.parentNode;
    if (!parent) continue;
    try {
      const own = inner[i];
      for (let c = mark.firstChild; c; ) {
        const next = c.nextSibling;
        if (c !== own) parent.insertBefore(c, mark);
        c = next;
      }
      parent.removeChild(mark);
    } catch {}
  }
  for (const s of entry.splits) {
    for (const c of s.created) {
      try {
        c.parentNode?.removeChild(c);
      } catch {}
    }
    s.node.data = s.data;
  }
  marks.length = 0;
  inner.length = 0;
  entry.splits.length = 0;
}

export function cmMarkCount(entry) {
  return entry.marks.length;
}

// ---------------------------------------------------------------- collecting the text

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button', 'code',
  'pre', 'kbd', 'samp', 'svg', 'math', 'iframe', 'object', 'canvas', 'head', 'title']);
const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote',
  'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'figure', 'figcaption', 'table', 'caption', 'thead',
  'tbody', 'tfoot', 'tr', 'td', 'th', 'address', 'details', 'summary', 'dialog', 'fieldset', 'legend', 'form', 'hr',
  'hgroup', 'menu', 'center', 'body', 'html', 'pre', 'video', 'audio']);

function skipped(el, tag, exclude, uiAttr) {
  if (SKIPPED.has(tag) || (exclude && exclude.has(el))) return true;
  if (!el.hasAttributes()) return false; // most elements: one call instead of four
  if (el.hasAttribute('hidden') || el.hasAttribute(uiAttr)) return true;
  const hidden = el.getAttribute('aria-hidden');
  if (hidden !== null && hidden.trim().toLowerCase() === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.trim().toLowerCase() !== 'false';
}

const HIGH = (c) => c >= 0xd800 && c <= 0xdbff;
const LOW = (c) => c >= 0xdc00 && c <= 0xdfff;

// Walks `root` in document order (a TreeWalker over elements and text; skipped subtrees are
// stepped over, not entered) and joins the text as `TextMap` would (src/offsets.rs): a block
// boundary is a paragraph break ("\n\n", or "\n" after a line break; none at the start or
// after one), a <br> a line break ("\n", none at the start or after one). Returns
// { nodes, bytes, ops }: the text nodes; the joined text as UTF-8 (tabs and line breaks of
// nodes as spaces; a surrogate half at a node's edge as U+FFFD, as the node alone would read);
// and per part, in order, a text node's length in UTF-16 units times two plus 1 if it is
// formatting white space (blank, with a line break), or -n for a break of n line feeds.
export function cmCollect(root, exclude, uiAttr) {
  const walker = root.ownerDocument.createTreeWalker(root, 0x1 | 0x4);
  const nodes = [], parts = [], ops = [], open = [];
  let tail = ''; // the last two characters of the text so far
  const add = (t) => {
    parts.push(t);
    // (Not `(tail + t).slice(-2)`: slicing that concatenation copies all of `t`.)
    tail = t.length >= 2 ? t.slice(-2) : (tail + t).slice(-2);
  };
  const paragraph = () => {
    if (tail === '' || tail === '\n\n') return;
    const t = tail.endsWith('\n') ? '\n' : '\n\n';
    add(t);
    ops.push(-t.length);
  };
  const line = () => {
    if (tail === '' || tail.endsWith('\n')) return;
    add('\n');
    ops.push(-1);
  };
  const done = () => ({ nodes, bytes: new TextEncoder().encode(parts.join('')), ops: Int32Array.from(ops) });
  let node = root;
  for (;;) {
    let descend = false;
    if (node.nodeType === 3) {
      let d = node.data;
      const blank = d.includes('\n') && /^[ \n\r\t\f]*$/.test(d);
      if (/[\n\r\t\f]/.test(d)) d = d.replace(/[\n\r\t\f]/g, ' ');
      const n = d.length;
      if (n && HIGH(d.charCodeAt(n - 1))) d = d.slice(0, n - 1) + '\ufffd';
      if (n && LOW(d.charCodeAt(0))) d = '\ufffd' + d.slice(1);
      nodes.push(node);
      add(d);
      ops.push(n * 2 + (blank ? 1 : 0));
    } else if (node.nodeType === 1) {
      const tag = node.localName;
      const block = BLOCKS.has(tag);
      if (block) paragraph();
      else if (tag === 'br') line();
      descend = open.length === 0 || !skipped(node, tag, exclude, uiAttr);
      open.push(block);
    }
    if (descend) {
      const child = walker.firstChild();
      if (child) {
        node = child;
        continue;
      }
    }
    // Leave `node`, and its ancestors while they have no next sibling.
    for (;;) {
      if (node.nodeType === 1) {
        if (open.pop()) paragraph();
        if (open.length === 0) return done();
      }
      const next = walker.nextSibling();
      if (next) {
        node = next;
        break;
      }
      const parent = walker.parentNode();
      if (!parent) return done();
      node = parent;
    }
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = cmEntry)]
    pub fn new_entry() -> JsValue;
    #[wasm_bindgen(js_name = cmParseAttrs)]
    pub fn parse_attrs(s: &str) -> js_sys::Array;
    #[wasm_bindgen(catch, js_name = cmWrap)]
    pub fn wrap(doc: &Document, nodes: &js_sys::Array, jobs: &[u32], attrs: &js_sys::Array, entry: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = cmUndo)]
    pub fn undo(entry: &JsValue);
    #[wasm_bindgen(js_name = cmMarkCount)]
    pub fn mark_count(entry: &JsValue) -> u32;
    #[wasm_bindgen(catch, js_name = cmCollect)]
    pub fn collect(root: &web_sys::Element, exclude: Option<&js_sys::Set>, ui_attr: &str) -> Result<JsValue, JsValue>;
}
