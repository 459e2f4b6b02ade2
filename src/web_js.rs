//! The DOM work of wrapping and unwrapping marks, in JS (wasm32 only; used by `web`).
//!
//! Thousands of marks cost thousands of DOM calls, and each call from wasm crosses the
//! boundary (and decodes its strings) on its own; here one call wraps a whole batch. Rust
//! decides what to wrap (`web::Plan`); these functions only do it.
//!
//! A module of its own, public but hidden, because tests/web.rs compiles src/web.rs a second
//! time: the JS imports must exist once, in the library.

use wasm_bindgen::prelude::*;
use web_sys::Document;

#[wasm_bindgen(inline_js = r#"
export function cmEntry() {
  return { marks: [], splits: [], last: -1 };
}

export function cmParseAttrs(s) {
  return s ? s.split('\x1e').map((r) => r.split('\x1f')) : [];
}

const NAMES = ['data-cm-claim', 'data-cm-role', 'data-cm-kinds', 'data-cm-speaker', 'data-cm-value', 'data-cm-unit'];

// jobs: [node, start, end, attrs] per part, in wrapping order (from the end of the document).
// Every split and mark is recorded in `entry` as it is made, so that cmUndo can undo a part
// done before an exception.
export function cmWrap(doc, nodes, jobs, attrs, entry) {
  for (let i = 0; i + 3 < jobs.length; i += 4) {
    const index = jobs[i], start = jobs[i + 1], end = jobs[i + 2];
    const text = nodes[index], a = attrs[jobs[i + 3]];
    if (!text || !a) continue;
    const parent = text.parentNode;
    if (!parent) continue;
    const len = text.length;
    if (start >= end || end > len) continue;
    let split = null;
    if (end < len || start > 0) {
      if (entry.last !== index) {
        entry.splits.push({ node: text, data: text.data, created: [] });
        entry.last = index;
      }
      split = entry.splits[entry.splits.length - 1];
    }
    if (end < len) split.created.push(text.splitText(end));
    let target = text;
    if (start > 0) {
      target = text.splitText(start);
      split.created.push(target);
    }
    const mark = doc.createElement('mark');
    mark.className = a[0];
    for (let k = 0; k < 6; k++) if (a[k + 1]) mark.setAttribute(NAMES[k], a[k + 1]);
    parent.insertBefore(mark, target);
    entry.marks.push(mark);
    mark.appendChild(target);
  }
}

// Best effort: a page that moved our marks meanwhile gets what is left.
export function cmUndo(entry) {
  for (const mark of entry.marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    try {
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
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
  entry.marks.length = 0;
  entry.splits.length = 0;
  entry.last = -1;
}

export function cmMarkCount(entry) {
  return entry.marks.length;
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
}
