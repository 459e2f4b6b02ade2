#![cfg(target_arch = "wasm32")]
//! DOM tests of annotation in steps (`annotateInSteps` / `locateInSteps`, the `Annotation` of
//! src/web.rs), in a real browser: `wasm-pack test --headless --chrome -- --test web_steps`.
//!
//! Like tests/web.rs, this compiles src/web.rs as its own module and calls its Rust API.
//! What it holds: however the work is divided into steps, the DOM and the report are exactly
//! those of `annotate`; progress only grows; cancelling at any point leaves the DOM as before.

use claimmark::{extract, marks, offsets, report, sort, web_js};
use wasm_bindgen_test::*;
use web_sys::{Document, Element};

#[path = "../src/web.rs"]
mod web;

use web::{Annotation, Config};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("fixtures/example-article.txt");

fn doc() -> Document {
    web_sys::window().expect("window").document().expect("document")
}

/// The seed article `copies` times, as paragraphs with inline elements inside sentences, so
/// that marks cross element boundaries. Built with DOM calls (no innerHTML).
fn article(copies: usize) -> Element {
    let d = doc();
    let root = d.create_element("article").unwrap();
    for _ in 0..copies {
        for para in SEED.split("\n\n").filter(|p| !p.trim().is_empty()) {
            let p = d.create_element("p").unwrap();
            // Every third word in <b>, to cut the text into many nodes.
            for (i, word) in para.split(' ').enumerate() {
                let text = if i == 0 { word.to_string() } else { format!(" {word}") };
                if i % 3 == 2 {
                    let b = d.create_element("b").unwrap();
                    b.set_text_content(Some(&text));
                    p.append_child(&b).unwrap();
                } else {
                    p.append_child(&d.create_text_node(&text)).unwrap();
                }
            }
            root.append_child(&p).unwrap();
        }
    }
    d.body().unwrap().append_child(&root).unwrap();
    root
}

fn mark_count(root: &Element) -> u32 {
    root.query_selector_all("mark.cm-mark").unwrap().length()
}

/// Runs an annotation with a zero budget per step (one unit of work per step), checking that
/// progress grows within [0, 1]. Returns the number of steps.
fn run_in_steps(a: &mut Annotation) -> usize {
    let mut steps = 0;
    let mut last = a.progress();
    assert!((0.0..=1.0).contains(&last));
    loop {
        steps += 1;
        let done = a.step(0.0).expect("step");
        let p = a.progress();
        assert!(p >= last && p <= 1.0, "progress {last} -> {p}");
        last = p;
        if done {
            assert_eq!(p, 1.0);
            return steps;
        }
    }
}

#[wasm_bindgen_test]
fn steps_mark_exactly_what_annotate_marks() {
    let root = article(25);
    let before = root.outer_html();
    let cfg = Config::default();

    let whole = web::annotate_root("annotate", &root, &cfg).expect("annotate");
    let marked = root.outer_html();
    assert!(mark_count(&root) > 100, "the article is marked");
    web::clear_root("clear", &root).unwrap();
    assert_eq!(root.outer_html(), before);

    let mut a = Annotation::new("annotateInSteps", &root, &cfg, true).expect("new");
    let steps = run_in_steps(&mut a);
    assert!(steps > 5, "a 60 KB article takes several steps ({steps})");
    assert_eq!(root.outer_html(), marked, "same DOM as annotate");
    assert_eq!(a.plan().expect("finished").utf16_report(), whole, "same report as annotate");
    assert!(web::is_annotated(&root), "a finished annotation is registered");
    web::clear_root("clear", &root).unwrap();
    assert_eq!(root.outer_html(), before, "clear restores the DOM exactly");
    root.remove();
}

#[wasm_bindgen_test]
fn locate_in_steps_leaves_the_dom_alone() {
    let root = article(10);
    let before = root.outer_html();
    let cfg = Config::default();
    let whole = web::locate_root("locate", &root, &cfg).expect("locate");
    let mut a = Annotation::new("locateInSteps", &root, &cfg, false).expect("new");
    run_in_steps(&mut a);
    assert_eq!(root.outer_html(), before);
    let plan = a.plan().expect("finished");
    assert_eq!(plan.utf16_report(), whole.utf16_report());
    assert_eq!(plan.ranges().len(), whole.ranges().len());
    assert!(!plan.ranges().is_empty());
    root.remove();
}

#[wasm_bindgen_test]
fn cancel_at_any_step_restores_the_dom() {
    let root = article(25);
    let before = root.outer_html();
    let cfg = Config::default();
    // How many steps a whole run takes.
    let mut a = Annotation::new("annotateInSteps", &root, &cfg, true).unwrap();
    let total = run_in_steps(&mut a);
    web::clear_root("clear", &root).unwrap();
    assert_eq!(root.outer_html(), before);

    // Cancel after k steps: in extraction, in the middle of wrapping, and at the last step.
    let mut cut_mid_wrap = false;
    for k in [0, 1, total / 2, total * 3 / 4, total - 2, total - 1] {
        let mut a = Annotation::new("annotateInSteps", &root, &cfg, true).unwrap();
        for _ in 0..k {
            a.step(0.0).unwrap();
        }
        cut_mid_wrap |= mark_count(&root) > 0;
        a.cancel();
        assert!(a.is_cancelled() && a.plan().is_none(), "cancelled after {k} steps");
        assert!(a.step(10.0).unwrap(), "a cancelled annotation is finished");
        assert_eq!(a.progress(), 1.0);
        assert!(a.to_js().is_err(), "no result after cancel");
        assert_eq!(mark_count(&root), 0, "no marks after cancel at step {k}");
        assert_eq!(root.outer_html(), before, "DOM restored after cancel at step {k} of {total}");
        assert!(!web::is_annotated(&root));
    }
    assert!(cut_mid_wrap, "some cancel happened while marks were being wrapped");
    root.remove();
}

#[wasm_bindgen_test]
fn unfinished_annotation_has_no_result_and_timings_add_up() {
    let root = article(5);
    let cfg = Config::default();
    let mut a = Annotation::new("annotateInSteps", &root, &cfg, true).unwrap();
    let err = a.to_js().expect_err("not finished");
    assert!(web::Error::message(&err).contains("not finished"), "{}", err.message());
    a.step(f64::INFINITY).unwrap();
    let t = a.timings();
    for v in [t.collect, t.extract, t.wrap] {
        assert!(v.is_finite() && v >= 0.0, "{t:?}");
    }
    assert!(a.to_js().is_ok());
    web::clear_root("clear", &root).unwrap();
    root.remove();
}
