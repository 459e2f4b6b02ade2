//! The web edge (wasm32 only): the JavaScript API and the DOM.
//!
//! ```ts
//! extract(text: string, options?: ExtractOptions): Report   // offsets in UTF-16 code units
//! annotate(root: Element, options?: ExtractOptions): Report // marks the claims under root
//! locate(root: Element, options?: ExtractOptions): Located   // the same, without touching the DOM
//! annotateInSteps(root, options?): Annotation                // annotate, a step per frame
//! locateInSteps(root, options?): Annotation                  // locate, a step per frame
//! clear(root: Element): void                                // restores root exactly
//! isAnnotated(root: Element): boolean
//! ```
//!
//! `annotate` and `locate` also put the joined text of `root` on the report (`text`, what the
//! offsets index) and where the time went (`timings`); `locate` adds `ranges`:
//! `{ node: Text, start, end, claim, roles }` per piece of a mark, for the CSS Custom Highlight
//! API (`www/ui.js` turns them into `Range`s).
//!
//! `annotate` is an [`Annotation`] run to the end: it walks the text nodes under `root`
//! (skipping code, forms, hidden and editable parts and our own UI; the walk is one call into
//! JS, [`crate::web_js`]), joins them in an [`offsets::TextMap`], runs the core on the joined
//! text (sentence by sentence: [`crate::extract::Extraction`]), cuts the claims into mark
//! pieces, locates every piece in its text nodes, and only then wraps the pieces in `<mark>`
//! elements — from the end of the document backwards, in batches done by JS that build each
//! text node's marks apart from the page and insert them after it in one go (the node keeps
//! the text before its first mark). What it cut and wrapped is recorded in a
//! registry keyed by the root element, so that `clear` restores the DOM exactly
//! (`root.outerHTML` is byte-identical), even where the page had adjacent text nodes of its
//! own. `annotateInSteps` does the same work within a time budget per step, with progress and
//! cancel.

//! Errors cross the boundary in one place: [`Error`] becomes a JS `Error`/`TypeError`. Nothing
//! here panics on bad input.
//!
//! The `#[wasm_bindgen]` exports are thin wrappers (module `exports`) around plain Rust
//! functions, which `tests/web.rs` calls directly.
//!
//! [`offsets::TextMap`]: crate::offsets::TextMap

// Without the exports (in test builds), the API below has no caller in this crate.
#![cfg_attr(test, allow(dead_code))]

use std::cell::RefCell;

use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Text};

use crate::extract::{extract_with, Extraction, Options};
use crate::marks::{for_each_mark_piece, MarkPiece};
use crate::offsets::{TextMap, Utf16Index};
use crate::report::{ClaimKind, Report, Role, Span};
use crate::sort::{key, sort_by_key};
use crate::web_js as js;

/// Marks our own UI: elements carrying this attribute (and everything inside) are never marked.
pub const UI_ATTR: &str = "data-claimmark-ui";

// ------------------------------------------------------------------------------------ errors

/// An error of the JS API. Converted to a JS value in exactly one place (`From<Error> for
/// JsValue`): a `TypeError` for a bad argument, an `Error` otherwise. Messages start with
/// `claimmark.<function>: `.
#[derive(Debug)]
pub enum Error {
    /// A bad argument: the function and what is wrong with it.
    Argument { func: &'static str, message: String },
    /// A DOM call threw (the page's DOM changed under us, or a detached/foreign root).
    Dom { func: &'static str, call: &'static str, cause: JsValue },
    /// The report could not be converted to a JS value.
    Convert { func: &'static str, message: String },
}

impl Error {
    fn arg(func: &'static str, message: impl Into<String>) -> Error {
        Error::Argument { func, message: message.into() }
    }

    /// A closure for `map_err` on a web-sys call.
    fn dom(func: &'static str, call: &'static str) -> impl FnOnce(JsValue) -> Error {
        move |cause| Error::Dom { func, call, cause }
    }

    /// The message of the JS error.
    pub fn message(&self) -> String {
        let mut m = String::from("claimmark.");
        match self {
            Error::Argument { func, message } | Error::Convert { func, message } => {
                m.push_str(func);
                m.push_str(": ");
                m.push_str(message);
            }
            Error::Dom { func, call, cause } => {
                m.push_str(func);
                m.push_str(": ");
                m.push_str(call);
                m.push_str(" failed");
                let detail = cause
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .or_else(|| cause.as_string());
                if let Some(d) = detail {
                    m.push_str(": ");
                    m.push_str(&d);
                }
            }
        }
        m
    }
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        let message = e.message();
        match e {
            Error::Argument { .. } => js_sys::TypeError::new(&message).into(),
            _ => js_sys::Error::new(&message).into(),
        }
    }
}

/// `"a string"`, `"null"`, `"a number"`…: what a bad argument was, for error messages.
fn describe(v: &JsValue) -> String {
    if v.is_null() {
        return "null".into();
    }
    if v.is_undefined() {
        return "undefined".into();
    }
    if let Some(name) = v
        .dyn_ref::<js_sys::Object>()
        .map(|o| String::from(o.constructor().name()))
        .filter(|n| !n.is_empty() && n != "Object")
    {
        return name;
    }
    let t = v.js_typeof().as_string().unwrap_or_default();
    let article = if t.starts_with(['a', 'e', 'i', 'o', 'u']) { "an " } else { "a " };
    let mut s = String::from(article);
    s.push_str(&t);
    s
}

// ------------------------------------------------------------------------------------ options

/// Options of `extract`, `annotate` and `locate`: the TypeScript type (the fields are read one
/// by one in [`parse_options`]).
#[allow(dead_code)]
#[derive(Debug, Default, Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExtractOptions {
    /// Leave out claims scoring below this (0–1). Default: the core's default (every claim).
    #[serde(default)]
    #[tsify(optional)]
    pub min_score: Option<f32>,
    /// Keep only the claims that have at least one of these kinds (default: all kinds).
    #[serde(default)]
    #[tsify(optional)]
    pub kinds: Option<Vec<ClaimKind>>,
    /// The id of the first claim (default 0): claims are numbered `firstId, firstId + 1, …`, so
    /// that several roots of one page can have distinct ids.
    #[serde(default)]
    #[tsify(optional)]
    pub first_id: Option<u32>,
}

// `exclude` is read from the JS object directly (serde can't hold an `Element`); its type is
// merged into the interface tsify generates.
#[wasm_bindgen(typescript_custom_section)]
const EXCLUDE_TS: &str = r#"
/** Where the time of an annotation went, in milliseconds. */
export interface Timings {
    /** Walking the DOM and joining the text nodes. */
    collect: number;
    /** The core: sentences, claims, scores. */
    extract: number;
    /** Locating the marks in text nodes and wrapping them. */
    wrap: number;
    /** Making the report a JS object. */
    report: number;
    total: number;
}

/** What `locate` returns. */
export type Located = Report & {
    text: string;
    timings: Timings;
    ranges: { node: Text; start: number; end: number; claim: number; roles: string }[];
};

export interface ExtractOptions {
    /**
     * `annotate`/`locate` only: elements whose text is left out like `nav`'s (boilerplate
     * inside the article: share bars, related links, comments).
     */
    exclude?: Element[];
}
"#;

/// Parsed options.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub options: Options,
    pub kinds: Option<Vec<ClaimKind>>,
    pub first_id: usize,
    /// Elements skipped with their subtree.
    pub exclude: Option<js_sys::Set>,
}

const OPTION_NAMES: [&str; 4] = ["minScore", "kinds", "firstId", "exclude"];

/// Parses the `options` argument (`undefined`/`null` = defaults).
pub fn parse_options(func: &'static str, v: Option<&JsValue>) -> Result<Config, Error> {
    let Some(v) = v.filter(|v| !v.is_null_or_undefined()) else {
        return Ok(Config::default());
    };
    if !v.is_object() || js_sys::Array::is_array(v) {
        let mut m = String::from("options must be an object like { minScore: 0.5, kinds: [\"statistic\"] }, not ");
        m.push_str(&describe(v));
        return Err(Error::arg(func, m));
    }
    // serde-wasm-bindgen reads only the known fields: catch typos here.
    for key in js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) {
            let mut m = String::from("unknown option `");
            m.push_str(&key);
            m.push_str("` (expected one of `minScore`, `kinds`, `firstId`, `exclude`)");
            return Err(Error::arg(func, m));
        }
    }
    // Read field by field rather than with serde: its error messages would pull Rust's float
    // formatting (~15 KB) into the module, and these messages say more.
    let get = |k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let number = |k: &'static str| -> Result<Option<f64>, Error> {
        let x = get(k);
        if x.is_null_or_undefined() {
            return Ok(None);
        }
        match x.as_f64() {
            Some(n) if n.is_finite() => Ok(Some(n)),
            _ => {
                let mut m = String::from("options.");
                m.push_str(k);
                m.push_str(" must be a finite number, not ");
                m.push_str(&describe(&x));
                Err(Error::arg(func, m))
            }
        }
    };
    let mut options = Options::default();
    if let Some(s) = number("minScore")? {
        options.min_score = s as f32;
    }
    let first_id = match number("firstId")? {
        None => 0,
        Some(n) if n >= 0.0 && n <= u32::MAX as f64 && n.fract() == 0.0 => n as usize,
        Some(_) => return Err(Error::arg(func, "options.firstId must be a whole number from 0 to 4294967295")),
    };
    let kinds_value = get("kinds");
    let kinds = if kinds_value.is_null_or_undefined() {
        None
    } else if js_sys::Array::is_array(&kinds_value) {
        let list: js_sys::Array = kinds_value.unchecked_into();
        let mut kinds = Vec::new();
        for k in list.iter() {
            let name = k.as_string().unwrap_or_default();
            match KIND_NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, kind)) => kinds.push(*kind),
                None => {
                    let mut m = String::from("options.kinds: unknown kind ");
                    m.push_str(&if k.is_string() { format!("`{name}`") } else { describe(&k) });
                    m.push_str(" (expected `statistic`, `attribution`, `quote`, `prediction`, `comparison` or `factual`)");
                    return Err(Error::arg(func, m));
                }
            }
        }
        Some(kinds)
    } else {
        let mut m = String::from("options.kinds must be an array of kind names like [\"statistic\"], not ");
        m.push_str(&describe(&kinds_value));
        return Err(Error::arg(func, m));
    };
    let exclude = js_sys::Reflect::get(v, &JsValue::from_str("exclude")).unwrap_or(JsValue::UNDEFINED);
    let exclude = if exclude.is_null_or_undefined() {
        None
    } else if js_sys::Array::is_array(&exclude) {
        let list: js_sys::Array = exclude.unchecked_into();
        if let Some(bad) = list.iter().find(|e| !e.is_instance_of::<Element>()) {
            let mut m = String::from("options.exclude must be an array of Elements, not of ");
            m.push_str(&describe(&bad));
            return Err(Error::arg(func, m));
        }
        Some(js_sys::Set::new(&list))
    } else {
        let mut m = String::from("options.exclude must be an array of Elements, not ");
        m.push_str(&describe(&exclude));
        return Err(Error::arg(func, m));
    };
    Ok(Config { options, kinds, first_id, exclude })
}

/// Runs the core on `text` and applies the kinds filter (claim ids stay `0..claims.len()`, as
/// the core's mark pieces expect; `first_id` is added on the way out, [`offset_ids`]).
fn run(text: &str, cfg: &Config) -> Report {
    let mut report = extract_with(text, &cfg.options);
    if let Some(kinds) = &cfg.kinds {
        report.claims.retain(|c| c.kinds.iter().any(|k| kinds.contains(k)));
        for (i, c) in report.claims.iter_mut().enumerate() {
            c.id = i;
        }
    }
    report
}

/// Numbers the claims of an outgoing report from `first` (`options.firstId`).
fn offset_ids(report: &mut Report, first: usize) {
    if first != 0 {
        for c in &mut report.claims {
            c.id += first;
        }
    }
}

/// Rewrites the report's UTF-8 byte offsets into `text` as UTF-16 code units.
fn to_utf16(report: &mut Report, text: &str) {
    let index = Utf16Index::new(text);
    report.map_offsets(|b| index.utf16(b));
}

/// `extract` for Rust callers: the report of `text` with offsets in UTF-16 code units.
pub fn extract_text(text: &str, cfg: &Config) -> Report {
    let mut report = run(text, cfg);
    to_utf16(&mut report, text);
    offset_ids(&mut report, cfg.first_id);
    report
}

/// The report as a plain JS object (maps as objects: `Span` flattens its quantity).
pub fn report_to_js(func: &'static str, report: &Report) -> Result<JsValue, Error> {
    use serde::Serialize;
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    report.serialize(&ser).map_err(|e| Error::Convert { func, message: e.to_string() })
}

/// The `root` argument as an `Element`.
pub fn as_element(func: &'static str, v: &JsValue) -> Result<Element, Error> {
    match v.dyn_ref::<Element>() {
        Some(el) => Ok(el.clone()),
        None => {
            let mut m = String::from("root must be an Element, not ");
            m.push_str(&describe(v));
            Err(Error::arg(func, m))
        }
    }
}

// ------------------------------------------------------------------------------------ DOM walk

// What is read: the element lists (skipped subtrees; blocks, whose boundaries are paragraph
// breaks) and the walk itself are in src/web_js.rs (`cmCollect`).

/// The text nodes under a root, joined.
pub struct Collected {
    pub map: TextMap,
    /// The text nodes (`Text`): element `i` is node `i` of `map`.
    pub nodes: js_sys::Array,
    /// Node `i` is formatting whitespace (blank, with a line break): never wrapped.
    pub blank: Vec<bool>,
}

/// Walks `root` in document order, entering and leaving each element, skipping code, forms,
/// hidden and editable parts, our UI and the elements of `exclude` with their subtrees; joins
/// the text, with paragraph breaks at block boundaries and line breaks at `<br>`. The walk is
/// in JS ([`js::collect`]: one call, not several per node); this reads its result.
pub fn collect(func: &'static str, _doc: &Document, root: &Element, exclude: Option<&js_sys::Set>) -> Result<Collected, Error> {
    let walked = js::collect(root, exclude, UI_ATTR).map_err(Error::dom(func, "walking the text nodes"))?;
    let field = |k: &str| js_sys::Reflect::get(&walked, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let nodes: js_sys::Array = field("nodes").dyn_into().map_err(|cause| Error::Dom { func, call: "collect", cause })?;
    // The joined text, copied once into a buffer of its exact size (a JS string passed to
    // wasm is first given room for three bytes per unit).
    let bytes = field("bytes").dyn_into::<js_sys::Uint8Array>().map_err(|cause| Error::Dom { func, call: "collect", cause })?;
    let mut buf = vec![0u8; bytes.length() as usize];
    bytes.copy_to(&mut buf);
    let text = String::from_utf8(buf).map_err(|_| Error::Convert { func, message: "the joined text is not UTF-8".into() })?;
    let ops = field("ops").dyn_into::<js_sys::Int32Array>().map(|a| a.to_vec()).unwrap_or_default();
    // Each part's length in bytes: a node's from its length in UTF-16 units.
    let mut blank = Vec::with_capacity(nodes.length() as usize);
    let mut parts = Vec::with_capacity(ops.len());
    let b = text.as_bytes();
    let mut pos = 0;
    for op in ops {
        if op < 0 {
            let len = (-op) as usize;
            parts.push((len, false));
            pos += len;
            continue;
        }
        let (units, is_blank) = ((op >> 1) as usize, op & 1 == 1);
        let start = pos;
        let mut u = 0;
        while u < units && pos < b.len() {
            let (len8, len16) = match b[pos] {
                0..=0x7f => (1, 1),
                0xc0..=0xdf => (2, 1),
                0xe0..=0xef => (3, 1),
                _ => (4, 2),
            };
            pos = (pos + len8).min(b.len());
            u += len16;
        }
        parts.push((pos - start, true));
        blank.push(is_blank);
    }
    let map = TextMap::from_parts(text, parts);
    Ok(Collected { map, nodes, blank })
}

// ------------------------------------------------------------------------------------ marks

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Statistic => "statistic",
        Role::Source => "source",
        Role::Cue => "cue",
        Role::Content => "content",
        Role::Quote => "quote",
        Role::Hedge => "hedge",
        Role::Comparison => "comparison",
        Role::Time => "time",
    }
}

/// The kinds by their names in JS (as serde names them).
const KIND_NAMES: [(&str, ClaimKind); 6] = [
    ("statistic", ClaimKind::Statistic),
    ("attribution", ClaimKind::Attribution),
    ("quote", ClaimKind::Quote),
    ("prediction", ClaimKind::Prediction),
    ("comparison", ClaimKind::Comparison),
    ("factual", ClaimKind::Factual),
];

fn kind_name(k: ClaimKind) -> &'static str {
    KIND_NAMES.iter().find(|(_, kind)| *kind == k).map_or("factual", |(n, _)| n)
}

/// Appends `v` with at most `decimals` decimals (trailing zeros dropped). No float formatting
/// machinery.
fn push_number(out: &mut String, v: f64, decimals: u32) {
    if !v.is_finite() {
        out.push('?');
        return;
    }
    let scale = 10u64.pow(decimals) as f64;
    let scaled = (v.abs() * scale).round();
    if scaled >= 9.0e15 && decimals > 0 {
        // Beyond exact integers: print the integer part only.
        push_number(out, v, 0);
        return;
    }
    let scaled = scaled as u64; // saturates past u64::MAX
    let (int, mut frac) = (scaled / scale as u64, scaled % scale as u64);
    if v < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&int.to_string());
    if frac != 0 {
        let mut width = decimals;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        out.push('.');
        let f = frac.to_string();
        for _ in f.len() as u32..width {
            out.push('0');
        }
        out.push_str(&f);
    }
}

/// The attributes of the marks of one piece (shared by all its text-node parts). The tooltip,
/// panel and exports are built in JS from the report (`www/ui.js`).
#[derive(Debug, Clone)]
struct MarkAttrs {
    /// `"statistic quote"`: the roles of the piece, outermost first.
    roles: String,
    claim: String,
    kinds: String,
    speaker: Option<String>,
    value: Option<String>,
    unit: Option<String>,
}

/// `first_id` is added to the claim id the mark carries (`options.firstId`).
fn mark_attrs(report: &Report, all: &[(usize, &Span)], p: &MarkPiece, first_id: usize) -> Option<MarkAttrs> {
    // Claim ids are their indices (`run` renumbers after filtering): no search per piece.
    let claim = report.claims.get(p.claim).filter(|c| c.id == p.claim)?;
    let mut roles = String::new();
    for r in &p.roles {
        if !roles.is_empty() {
            roles.push(' ');
        }
        roles.push_str(role_name(*r));
    }
    let mut kinds = String::new();
    for k in &claim.kinds {
        if !kinds.is_empty() {
            kinds.push(' ');
        }
        kinds.push_str(kind_name(*k));
    }
    let speaker = p
        .span
        .and_then(|i| all.get(i))
        .and_then(|(_, s)| s.speaker.clone())
        .or_else(|| claim.speaker.clone());
    let quantity = claim
        .spans
        .iter()
        .filter(|s| s.role == Role::Statistic && s.start <= p.start && p.end <= s.end)
        .find_map(|s| s.quantity.as_ref());
    let (mut value, mut unit) = (None, None);
    if let Some(q) = quantity {
        let mut v = String::new();
        push_number(&mut v, q.value, 6);
        value = Some(v);
        unit = q.unit.clone();
    }
    Some(MarkAttrs {
        roles,
        claim: (p.claim + first_id).to_string(),
        kinds,
        speaker,
        value,
        unit,
    })
}

/// Appends the attributes of one piece to `out`, the string [`js::parse_attrs`] reads: records
/// separated by U+001E, fields (roles, claim, kinds, speaker, value, unit; empty when absent)
/// by U+001F; the class and `data-cm-role` are made from the roles in JS. One string crosses
/// into JS instead of seven per mark, and a long page keeps one short record per piece.
fn encode_attrs(out: &mut String, a: &MarkAttrs) {
    if !out.is_empty() {
        out.push('\u{1e}');
    }
    out.push_str(&a.roles);
    for field in [Some(a.claim.as_str()), Some(a.kinds.as_str()), a.speaker.as_deref(), a.value.as_deref(), a.unit.as_deref()] {
        out.push('\u{1f}');
        // Page text (a speaker's name) never carries our separators.
        let field = field.unwrap_or("");
        if field.bytes().any(|b| b == 0x1e || b == 0x1f) {
            out.extend(field.chars().map(|c| if c == '\u{1e}' || c == '\u{1f}' { ' ' } else { c }));
        } else {
            out.push_str(field);
        }
    }
}

// ------------------------------------------------------------------------------------ registry

/// What one `annotate` did to one root, to undo it exactly: the marks it made and the text
/// nodes it split, with their data as it was (a JS object of `js::new_entry`; JS strings, so
/// that even a lone surrogate — half of a pair split across text nodes — comes back exactly).
struct Entry {
    root: Element,
    done: JsValue,
}

impl Entry {
    fn new(root: &Element) -> Entry {
        Entry { root: root.clone(), done: js::new_entry() }
    }
}

thread_local! {
    static ROOTS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// Undoes one annotate, best effort (a page that moved our marks meanwhile gets what is left).
fn undo(e: &Entry) {
    js::undo(&e.done);
}

/// Replaces `mark` by its children.
fn unwrap_mark(mark: &Element) {
    let Some(parent) = mark.parent_node() else { return };
    while let Some(child) = mark.first_child() {
        if parent.insert_before(&child, Some(mark)).is_err() {
            break;
        }
    }
    let _ = parent.remove_child(mark);
}

/// `clear` for Rust callers. Returns whether anything was removed.
pub fn clear_root(func: &'static str, root: &Element) -> Result<bool, Error> {
    // Every registered root inside `root` or containing it (marks can't nest).
    let hit: Vec<Entry> = ROOTS.with(|r| {
        let mut roots = r.borrow_mut();
        let (hit, keep): (Vec<Entry>, Vec<Entry>) =
            roots.drain(..).partition(|e| root.contains(Some(&e.root)) || e.root.contains(Some(root)));
        *roots = keep;
        hit
    });
    let mut cleared = !hit.is_empty();
    for e in &hit {
        undo(e);
    }
    // Marks we have no record of (another instance of the module made them): unwrap them and
    // merge the text around them. Exact unless the page had adjacent text nodes of its own.
    let stray = root
        .query_selector_all("mark.cm-mark[data-cm-claim]")
        .map_err(Error::dom(func, "querySelectorAll"))?;
    for i in 0..stray.length() {
        let Some(mark) = stray.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let parent = mark.parent_node();
        unwrap_mark(&mark);
        if let Some(p) = parent {
            p.normalize();
        }
        cleared = true;
    }
    Ok(cleared)
}

/// Whether `root` (or an ancestor of it) has marks from `annotate`.
pub fn is_annotated(root: &Element) -> bool {
    ROOTS.with(|r| r.borrow().iter().any(|e| e.root.contains(Some(root)) || root.contains(Some(&e.root))))
}

// ------------------------------------------------------------------------------------ annotate

/// One part of a piece in one text node, in that node's UTF-16 units.
#[derive(Debug, Clone, Copy)]
struct Job {
    node: usize,
    start: u32,
    end: u32,
    attrs: usize,
}

/// A [`MarkPiece`] in 20 bytes: byte offsets, claim index, innermost span (`u32::MAX`: none),
/// and up to eight roles, outermost first, four bits each (role + 1; 0 ends the list).
#[derive(Debug, Clone, Copy)]
struct PieceRef {
    start: u32,
    end: u32,
    claim: u32,
    span: u32,
    roles: u32,
}

const ROLES: [Role; 8] =
    [Role::Statistic, Role::Source, Role::Cue, Role::Content, Role::Quote, Role::Hedge, Role::Comparison, Role::Time];

impl PieceRef {
    fn new(p: &MarkPiece) -> PieceRef {
        let mut roles = 0u32;
        for (k, r) in p.roles.iter().take(8).enumerate() {
            let code = ROLES.iter().position(|x| x == r).map_or(0, |i| i as u32 + 1);
            roles |= code << (4 * k);
        }
        let u = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        PieceRef { start: u(p.start), end: u(p.end), claim: u(p.claim), span: p.span.map_or(u32::MAX, u), roles }
    }

    fn piece(&self) -> MarkPiece {
        let roles = (0..8)
            .map(|k| (self.roles >> (4 * k)) & 0xf)
            .take_while(|&code| code != 0)
            .filter_map(|code| ROLES.get(code as usize - 1).copied())
            .collect();
        MarkPiece {
            start: self.start as usize,
            end: self.end as usize,
            claim: self.claim as usize,
            roles,
            span: (self.span != u32::MAX).then_some(self.span as usize),
        }
    }
}

/// What `annotate` and `locate` compute before touching the DOM: the report (UTF-8 offsets
/// into `text`), the text nodes, and every part of every mark, in document order.
pub struct Plan {
    pub report: Report,
    pub text: String,
    first_id: usize,
    /// The text nodes (`Text`), by index.
    nodes: js_sys::Array,
    jobs: Vec<Job>,
    /// The mark pieces, compactly; a job's `attrs` is an index. Their attributes are made a
    /// batch at a time while wrapping (a long page's are megabytes of strings).
    marks: Vec<PieceRef>,
    /// `locate` only: per piece, its claim id (with `firstId`) and roles, for [`Plan::ranges`].
    pieces: Vec<(String, String)>,
    /// Whether `report` was converted in place to UTF-16 offsets and offset ids
    /// ([`Plan::make_utf16`]).
    utf16: bool,
}

impl Plan {
    /// The report with offsets in UTF-16 code units into `text`.
    pub fn utf16_report(&self) -> Report {
        let mut report = self.report.clone();
        if !self.utf16 {
            to_utf16(&mut report, &self.text);
            offset_ids(&mut report, self.first_id);
        }
        report
    }

    /// Converts `report` to UTF-16 offsets and offset ids in place (no copy of a large report).
    fn make_utf16(&mut self) {
        if !self.utf16 {
            to_utf16(&mut self.report, &self.text);
            offset_ids(&mut self.report, self.first_id);
            self.utf16 = true;
        }
    }
}

/// Milliseconds since the page started (`performance.now()`), 0 where there is none.
fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Where the time of one annotation went, in milliseconds (`report.timings`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Walking the DOM and joining the text nodes.
    pub collect: f64,
    /// The core: sentences, claims, scores.
    pub extract: f64,
    /// Cutting claims into mark pieces, locating them in text nodes, wrapping them.
    pub wrap: f64,
}

/// What an [`Annotation`] is doing.
enum Phase {
    Extracting(Extraction),
    /// The report is made; the marks are planned next (a step of its own: on a long page,
    /// each is tens of milliseconds).
    Planning(Report),
    Wrapping { next: usize },
    Done,
    Cancelled,
}

/// An `annotate` (or `locate`) done in steps, so that a long page can show progress and be
/// cancelled between steps: [`Annotation::new`] collects the text (one DOM walk), each
/// [`Annotation::step`] runs the core on the next sentences and then wraps the next marks,
/// until its time budget is spent. Done in one step, it is exactly `annotate`.
///
/// While wrapping, the marks made so far are kept in the annotation (not yet in the
/// registry): [`Annotation::cancel`] removes them and restores the text nodes; a finished
/// annotation registers them, so that `clear` restores the root.
pub struct Annotation {
    func: &'static str,
    root: Element,
    doc: Document,
    cfg: Config,
    /// Whether the marks are wrapped (`annotate`) or only located (`locate`).
    wrap: bool,
    map: TextMap,
    nodes: js_sys::Array,
    blank: Vec<bool>,
    phase: Phase,
    plan: Option<Plan>,
    entry: Entry,
    timings: Timings,
}

/// Bytes of text the core does between two looks at the clock (about 1 ms of work).
const EXTRACT_CHUNK: usize = 16 * 1024;
/// Marks wrapped between two looks at the clock.
const WRAP_CHUNK: usize = 2048;

impl Annotation {
    /// Collects the text under `root` (after clearing its marks, when `wrap`).
    pub fn new(func: &'static str, root: &Element, cfg: &Config, wrap: bool) -> Result<Annotation, Error> {
        let doc = root
            .owner_document()
            .ok_or_else(|| Error::arg(func, "root has no owner document"))?;
        if wrap {
            // Annotating an annotated root is annotating it once.
            let inside = ROOTS.with(|r| r.borrow().iter().any(|e| root.contains(Some(&e.root))));
            let marked = root.closest("mark.cm-mark").ok().flatten().is_some()
                || root.query_selector("mark.cm-mark[data-cm-claim]").ok().flatten().is_some();
            if inside || marked {
                clear_root(func, root)?;
            }
        }
        let t0 = now();
        let Collected { map, nodes, blank } = collect(func, &doc, root, cfg.exclude.as_ref())?;
        let timings = Timings { collect: now() - t0, ..Timings::default() };
        let extraction = Extraction::new(map.text(), &cfg.options);
        Ok(Annotation {
            func,
            root: root.clone(),
            doc,
            cfg: cfg.clone(),
            wrap,
            map,
            nodes,
            blank,
            phase: Phase::Extracting(extraction),
            plan: None,
            entry: Entry::new(root),
            timings,
        })
    }

    /// Works for about `budget_ms` milliseconds (at least one unit of work; `f64::INFINITY`:
    /// to the end). Returns whether the annotation is finished (or cancelled).
    pub fn step(&mut self, budget_ms: f64) -> Result<bool, Error> {
        let start = now();
        let deadline = start + budget_ms.max(0.0);
        loop {
            match &mut self.phase {
                Phase::Extracting(ex) => {
                    let t0 = now();
                    let done = ex.step(self.map.text(), EXTRACT_CHUNK);
                    self.timings.extract += now() - t0;
                    if done {
                        let Phase::Extracting(ex) = std::mem::replace(&mut self.phase, Phase::Done) else {
                            unreachable!()
                        };
                        let t0 = now();
                        let report = ex.finish(self.map.text());
                        self.timings.extract += now() - t0;
                        self.phase = Phase::Planning(report);
                    }
                }
                Phase::Planning(_) => {
                    let Phase::Planning(report) = std::mem::replace(&mut self.phase, Phase::Done) else {
                        unreachable!()
                    };
                    let t0 = now();
                    let nodes = std::mem::replace(&mut self.nodes, js_sys::Array::new());
                    let mut plan = plan(report, &mut self.map, &self.blank, &self.cfg, nodes, !self.wrap);
                    // From the end of the document backwards. The plan's jobs are in document
                    // order (claims, their pieces and each piece's parts are), so reversing
                    // sorts them — without a sort's key buffer, a megabyte on a long page.
                    debug_assert!(plan.jobs.windows(2).all(|w| (w[0].node, w[0].start) <= (w[1].node, w[1].start)));
                    plan.jobs.reverse();
                    self.plan = Some(plan);
                    self.timings.wrap += now() - t0;
                    self.phase = if self.wrap { Phase::Wrapping { next: 0 } } else { Phase::Done };
                }
                Phase::Wrapping { next } => {
                    let t0 = now();
                    let plan = self.plan.as_ref().expect("planned before wrapping");
                    let all = plan.report.all_spans();
                    // Batches until the deadline (at least one).
                    let (result, finished) = loop {
                        // A node's parts go in one batch (js::wrap builds a node's marks at once).
                        let mut end = (*next + WRAP_CHUNK).min(plan.jobs.len());
                        while end < plan.jobs.len() && plan.jobs[end].node == plan.jobs[end - 1].node {
                            end += 1;
                        }
                        let batch = &plan.jobs[*next..end];
                        // The pieces of a batch are a run of indices (jobs are sorted).
                        let lo = batch.iter().map(|j| j.attrs).min().unwrap_or(0);
                        let hi = batch.iter().map(|j| j.attrs).max().unwrap_or(0);
                        let mut encoded = String::new();
                        for m in plan.marks.get(lo..=hi).unwrap_or(&[]) {
                            match mark_attrs(&plan.report, &all, &m.piece(), plan.first_id) {
                                Some(a) => encode_attrs(&mut encoded, &a),
                                // (Not reached: `plan` keeps only pieces of existing claims.)
                                None => {
                                    if !encoded.is_empty() {
                                        encoded.push('\u{1e}');
                                    }
                                    encoded.push_str("\u{1f}\u{1f}\u{1f}\u{1f}\u{1f}");
                                }
                            }
                        }
                        let jobs: Vec<u32> = batch.iter().flat_map(|j| [j.node as u32, j.start, j.end, (j.attrs - lo) as u32]).collect();
                        let result = js::wrap(&self.doc, &plan.nodes, &jobs, &js::parse_attrs(&encoded), &self.entry.done);
                        *next = end;
                        let finished = end == plan.jobs.len();
                        if result.is_err() || finished || now() >= deadline {
                            break (result, finished);
                        }
                    };
                    self.timings.wrap += now() - t0;
                    if let Err(cause) = result {
                        self.cancel();
                        return Err(Error::Dom { func: self.func, call: "wrapping a mark", cause });
                    }
                    if finished {
                        self.phase = Phase::Done;
                        if js::mark_count(&self.entry.done) > 0 {
                            let entry = std::mem::replace(&mut self.entry, Entry::new(&self.root));
                            ROOTS.with(|r| r.borrow_mut().push(entry));
                        }
                    }
                }
                Phase::Done | Phase::Cancelled => return Ok(true),
            }
            if now() >= deadline {
                return Ok(matches!(self.phase, Phase::Done | Phase::Cancelled));
            }
        }
    }

    /// How much is done, from 0 to 1 (the core's share by bytes of text, then the marks).
    pub fn progress(&self) -> f64 {
        let len = self.map.text().len().max(1) as f64;
        let (extract_share, wrap_share) = if self.wrap { (0.8, 0.2) } else { (1.0, 0.0) };
        match &self.phase {
            Phase::Extracting(ex) => extract_share * ex.done_bytes() as f64 / len,
            Phase::Planning(_) => extract_share,
            Phase::Wrapping { next } => {
                let total = self.plan.as_ref().map_or(0, |p| p.jobs.len()).max(1) as f64;
                extract_share + wrap_share * *next as f64 / total
            }
            Phase::Done | Phase::Cancelled => 1.0,
        }
    }

    /// Stops: the marks wrapped so far are removed and the text nodes restored.
    pub fn cancel(&mut self) {
        undo(&self.entry);
        self.phase = Phase::Cancelled;
    }

    pub fn is_cancelled(&self) -> bool {
        matches!(self.phase, Phase::Cancelled)
    }

    /// The finished plan (`None` before the annotation is finished, or when it was cancelled).
    pub fn plan(&self) -> Option<&Plan> {
        match self.phase {
            Phase::Done => self.plan.as_ref(),
            _ => None,
        }
    }

    #[allow(dead_code)] // tests/web_steps.rs
    pub fn timings(&self) -> Timings {
        self.timings
    }

    /// The result for JS: the report with `text`, `timings` and (for `locate`) `ranges`.
    pub fn to_js(&mut self) -> Result<JsValue, Error> {
        let func = self.func;
        let wrap = self.wrap;
        let cancelled = self.is_cancelled();
        let plan = match self.phase {
            Phase::Done => self.plan.as_mut(),
            _ => None,
        };
        let Some(plan) = plan else {
            let m = if cancelled { "the annotation was cancelled" } else { "the annotation is not finished: call step() until it returns true" };
            return Err(Error::arg(func, m));
        };
        let t0 = now();
        let obj = plan.to_js(func, !wrap)?;
        let report = now() - t0;
        let t = js_sys::Object::new();
        let Timings { collect, extract, wrap } = self.timings;
        let total = collect + extract + wrap + report;
        for (k, v) in [("collect", collect), ("extract", extract), ("wrap", wrap), ("report", report), ("total", total)] {
            js_sys::Reflect::set(&t, &JsValue::from_str(k), &JsValue::from_f64(v)).ok();
        }
        js_sys::Reflect::set(&obj, &JsValue::from_str("timings"), &t)
            .map_err(|_| Error::Convert { func, message: "Reflect.set failed".into() })?;
        Ok(obj)
    }
}

/// Cuts the claims of `report` (on the joined text of `map`) into mark pieces and locates
/// each in its text nodes. The map gives up its text to the plan (it is not needed after).
fn plan(report: Report, map: &mut TextMap, blank: &[bool], cfg: &Config, nodes: js_sys::Array, with_ranges: bool) -> Plan {
    let all = report.all_spans();
    // Room for the usual five pieces per claim at once: a long page's buffers are not copied
    // as they grow.
    let mut marks = Vec::with_capacity(report.claims.len() * 5);
    let mut pieces = Vec::new();
    let mut jobs = Vec::with_capacity(report.claims.len() * 6);
    for_each_mark_piece(&report, &all, |p| {
        if !report.claims.get(p.claim).is_some_and(|c| c.id == p.claim) {
            return;
        }
        let parts = map.locate(p.start, p.end);
        let mut used = false;
        for r in parts {
            if blank.get(r.node).copied().unwrap_or(true) {
                continue;
            }
            jobs.push(Job { node: r.node, start: r.start as u32, end: r.end as u32, attrs: marks.len() });
            used = true;
        }
        if used {
            if with_ranges {
                if let Some(a) = mark_attrs(&report, &all, &p, cfg.first_id) {
                    pieces.push((a.claim, a.roles));
                }
            }
            marks.push(PieceRef::new(&p));
        }
    });
    drop(all);
    Plan { report, text: map.take_text(), first_id: cfg.first_id, nodes, jobs, marks, pieces, utf16: false }
}

/// Runs an [`Annotation`] to the end in one go.
fn run_to_end(func: &'static str, root: &Element, cfg: &Config, wrap: bool) -> Result<Annotation, Error> {
    let mut a = Annotation::new(func, root, cfg, wrap)?;
    a.step(f64::INFINITY)?;
    Ok(a)
}

/// `annotate` for Rust callers: marks the claims under `root` and returns the report, with
/// offsets in UTF-16 code units into the joined text of `root`.
///
/// Marks already under `root` are cleared first (annotating twice is annotating once). A root
/// without marks inside an annotated root (content the page added later) is marked on its
/// own, leaving the marks around it alone; `clear` of the outer root clears both.
#[allow(dead_code)] // the exports use `Annotation`; tests/web.rs calls this
pub fn annotate_root(func: &'static str, root: &Element, cfg: &Config) -> Result<Report, Error> {
    let a = run_to_end(func, root, cfg, true)?;
    Ok(a.plan().map(|p| p.utf16_report()).unwrap_or_default())
}

/// `locate` for Rust callers: the plan of `annotate` without touching the DOM. Its ranges
/// (`Plan::ranges`) are in document order.
#[allow(dead_code)]
pub fn locate_root(func: &'static str, root: &Element, cfg: &Config) -> Result<Plan, Error> {
    let mut a = run_to_end(func, root, cfg, false)?;
    a.plan.take().ok_or_else(|| Error::arg(func, "locate did not finish"))
}

impl Plan {
    /// Every part of every mark: `(text node, UTF-16 start, end, claim id, roles)`, in document
    /// order.
    pub fn ranges(&self) -> Vec<(Text, u32, u32, &str, &str)> {
        let mut jobs = self.jobs.clone();
        sort_by_key(&mut jobs, |j| key(&[(j.node as u64, 64), (u64::from(j.start), 32)]));
        jobs.iter()
            .filter_map(|j| {
                let (claim, roles) = self.pieces.get(j.attrs)?;
                let node: Text = self.nodes.get(j.node as u32).dyn_into().ok()?;
                Some((node, j.start, j.end, claim.as_str(), roles.as_str()))
            })
            .collect()
    }

    /// The report as a JS object (UTF-16 offsets) with the joined text as `text`, and with
    /// `ranges` when `with_ranges`.
    pub fn to_js(&mut self, func: &'static str, with_ranges: bool) -> Result<JsValue, Error> {
        self.make_utf16();
        let obj = report_to_js(func, &self.report)?;
        let set = |k: &str, v: &JsValue| {
            js_sys::Reflect::set(&obj, &JsValue::from_str(k), v)
                .map_err(|_| Error::Convert { func, message: "Reflect.set failed".into() })
        };
        set("text", &JsValue::from_str(&self.text))?;
        if with_ranges {
            let list = js_sys::Array::new();
            for (node, start, end, claim, roles) in self.ranges() {
                let r = js_sys::Object::new();
                js_sys::Reflect::set(&r, &"node".into(), &node).ok();
                js_sys::Reflect::set(&r, &"start".into(), &start.into()).ok();
                js_sys::Reflect::set(&r, &"end".into(), &end.into()).ok();
                js_sys::Reflect::set(&r, &"claim".into(), &claim.parse::<u32>().unwrap_or(0).into()).ok();
                js_sys::Reflect::set(&r, &"roles".into(), &roles.into()).ok();
                list.push(&r);
            }
            set("ranges", &list)?;
        }
        Ok(obj)
    }
}

// ------------------------------------------------------------------------------------ exports

/// The `#[wasm_bindgen]` exports. Not compiled into `tests/web.rs`, which includes this file
/// as its own module and calls the functions above directly.
#[cfg(not(test))]
mod exports {
    use super::*;
    use tsify::Ts;

    /// The `root` and `options` arguments of `func`.
    fn root_and_options(func: &'static str, root: &JsValue, options: Option<Ts<ExtractOptions>>) -> Result<(Element, Config), Error> {
        Ok((as_element(func, root)?, parse_options(func, options.map(|o| o.js_value()).as_ref())?))
    }

    /// Finds the check-worthy claims in `text`. Offsets are UTF-16 code units into `text`
    /// (what `String.prototype.slice` takes).
    #[wasm_bindgen(js_name = extract)]
    pub fn extract_js(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        options: Option<Ts<ExtractOptions>>,
    ) -> Result<Ts<Report>, Error> {
        const F: &str = "extract";
        let Some(text) = text.as_string() else {
            let mut m = String::from("text must be a string, not ");
            m.push_str(&describe(&text));
            return Err(Error::arg(F, m));
        };
        let cfg = parse_options(F, options.map(|o| o.js_value()).as_ref())?;
        Ok(Ts::new_unchecked(report_to_js(F, &extract_text(&text, &cfg))?))
    }

    /// Marks the claims found in the text under `root` in place, with `<mark class="cm-mark
    /// cm-claim cm-<role>…" data-cm-claim=…>` elements, and returns the report (offsets in
    /// UTF-16 code units into the text of `root`, blocks joined by blank lines). Annotating an
    /// annotated root first clears it.
    #[wasm_bindgen(js_name = annotate, unchecked_return_type = "Report & { text: string, timings: Timings }")]
    pub fn annotate_js(
        #[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue,
        options: Option<Ts<ExtractOptions>>,
    ) -> Result<JsValue, Error> {
        const F: &str = "annotate";
        let (root, cfg) = root_and_options(F, &root, options)?;
        run_to_end(F, &root, &cfg, true)?.to_js()
    }

    /// What `annotate` would mark under `root`, without touching the DOM: the report (with the
    /// joined text as `text`) and `ranges`, one `{ node, start, end, claim, roles }` per part
    /// of a mark in one text node (UTF-16 offsets into `node.data`; `roles` like
    /// `"statistic quote"`, empty for the plain claim text), in document order. For the CSS
    /// Custom Highlight API, on pages whose DOM must not change.
    #[wasm_bindgen(js_name = locate, unchecked_return_type = "Located")]
    pub fn locate_js(
        #[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue,
        options: Option<Ts<ExtractOptions>>,
    ) -> Result<JsValue, Error> {
        const F: &str = "locate";
        let (root, cfg) = root_and_options(F, &root, options)?;
        run_to_end(F, &root, &cfg, false)?.to_js()
    }

    /// `annotate` in steps, for long pages: collects the text under `root` now; call
    /// `step(ms)` (one call per animation frame) until it returns `true`, showing `progress`;
    /// then `result()` is what `annotate` returns. `cancel()` removes the marks made so far.
    #[wasm_bindgen(js_name = annotateInSteps)]
    pub fn annotate_in_steps_js(
        #[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue,
        options: Option<Ts<ExtractOptions>>,
    ) -> Result<AnnotationJs, Error> {
        const F: &str = "annotateInSteps";
        let (root, cfg) = root_and_options(F, &root, options)?;
        Ok(AnnotationJs(Annotation::new(F, &root, &cfg, true)?))
    }

    /// `locate` in steps (see `annotateInSteps`); `result()` is what `locate` returns.
    #[wasm_bindgen(js_name = locateInSteps)]
    pub fn locate_in_steps_js(
        #[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue,
        options: Option<Ts<ExtractOptions>>,
    ) -> Result<AnnotationJs, Error> {
        const F: &str = "locateInSteps";
        let (root, cfg) = root_and_options(F, &root, options)?;
        Ok(AnnotationJs(Annotation::new(F, &root, &cfg, false)?))
    }

    /// An annotation in progress (from `annotateInSteps` or `locateInSteps`).
    #[wasm_bindgen(js_name = Annotation)]
    pub struct AnnotationJs(Annotation);

    #[wasm_bindgen(js_class = Annotation)]
    impl AnnotationJs {
        /// Works for about `budgetMs` milliseconds (at least one unit of work). Returns
        /// whether the annotation is finished (or was cancelled).
        pub fn step(&mut self, #[wasm_bindgen(js_name = budgetMs)] budget_ms: f64) -> Result<bool, Error> {
            self.0.step(budget_ms)
        }

        /// How much is done, from 0 to 1.
        #[wasm_bindgen(getter)]
        pub fn progress(&self) -> f64 {
            self.0.progress()
        }

        /// Whether `cancel()` was called (or a DOM error stopped the annotation).
        #[wasm_bindgen(getter)]
        pub fn cancelled(&self) -> bool {
            self.0.is_cancelled()
        }

        /// The report, once `step` has returned `true`: what `annotate` (or `locate`) returns.
        #[wasm_bindgen(unchecked_return_type = "Report & { text: string, timings: Timings }")]
        pub fn result(&mut self) -> Result<JsValue, Error> {
            self.0.to_js()
        }

        /// Stops, removing the marks made so far (the DOM is as before).
        pub fn cancel(&mut self) {
            self.0.cancel()
        }
    }

    /// Removes the marks of `annotate` under `root` (or of the annotated root containing it)
    /// and restores the text nodes exactly as they were.
    #[wasm_bindgen(js_name = clear)]
    pub fn clear_js(#[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue) -> Result<(), Error> {
        const F: &str = "clear";
        let root = as_element(F, &root)?;
        clear_root(F, &root).map(|_| ())
    }

    /// Whether `root` has marks from `annotate` (or lies inside an annotated root).
    #[wasm_bindgen(js_name = isAnnotated)]
    pub fn is_annotated_js(#[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue) -> Result<bool, Error> {
        let root = as_element("isAnnotated", &root)?;
        Ok(is_annotated(&root))
    }
}
