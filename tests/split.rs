//! Split invariance: the same text split into random pieces (as the DOM splits text into
//! nodes) gives the same claims, and every mark maps back onto the pieces exactly.

#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::Rng;

use claimmark::marks::mark_pieces;
use claimmark::offsets::{TextMap, Utf16Index};
use claimmark::extract;

const ARTICLE: &str = include_str!("fixtures/example-article.txt");
const MIXED: &str = "서울 — 약 8,000 soldiers 🎉 were deployed, officials said. \
Café owners said prices rose 12% in a year, e\u{301}tude shows. \"We are done,\" he said.";

/// Splits `text` at random char boundaries into pieces.
fn random_pieces<'a>(text: &'a str, rng: &mut Rng, max_pieces: usize) -> Vec<&'a str> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    let n = (rng.next() as usize) % max_pieces.min(bounds.len() + 1);
    let mut cuts: Vec<usize> = (0..n).map(|_| bounds[(rng.next() as usize) % bounds.len()]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut last = 0;
    for c in cuts {
        out.push(&text[last..c]);
        last = c;
    }
    out.push(&text[last..]);
    out
}

#[test]
fn random_splits_give_the_same_claims_and_marks_map_back() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for text in [ARTICLE, MIXED] {
        let whole = extract(text);
        assert!(!whole.claims.is_empty());
        let marks = mark_pieces(&whole);
        for _ in 0..200 {
            let pieces = random_pieces(text, &mut rng, 40);
            let mut map = TextMap::new();
            for p in &pieces {
                map.push_node(p);
            }
            assert_eq!(map.text(), text);
            assert_eq!(extract(map.text()), whole, "pieces {pieces:?}");
            // Each mark, located in the pieces, spells out the same text (in UTF-16 units).
            for m in &marks {
                let mut got: Vec<u16> = Vec::new();
                for r in map.locate(m.start, m.end) {
                    let units: Vec<u16> = pieces[r.node].encode_utf16().collect();
                    got.extend_from_slice(&units[r.start..r.end]);
                }
                let want: Vec<u16> = text[m.start..m.end].encode_utf16().collect();
                assert_eq!(got, want, "mark {m:?} with pieces {pieces:?}");
            }
        }
    }
}

#[test]
fn utf16_report_offsets_index_the_js_string() {
    let mut report = extract(MIXED);
    let spans_before: Vec<String> = report.all_spans().iter().map(|(_, s)| s.text.clone()).collect();
    let index = Utf16Index::new(MIXED);
    report.map_offsets(|b| index.utf16(b));
    let units: Vec<u16> = MIXED.encode_utf16().collect();
    let spans_after: Vec<String> = report.all_spans().iter().map(|(_, s)| String::from_utf16(&units[s.start..s.end]).unwrap()).collect();
    assert_eq!(spans_before, spans_after);
    assert!(spans_after.iter().any(|s| s.contains("officials")));
}

#[test]
fn marks_cover_claims_without_overlap() {
    let report = extract(ARTICLE);
    let marks = mark_pieces(&report);
    for w in marks.windows(2) {
        assert!(w[0].end <= w[1].start, "overlapping pieces {w:?}");
    }
    for c in &report.claims {
        let covered: usize = marks.iter().filter(|m| m.claim == c.id).map(|m| m.end - m.start).sum();
        assert_eq!(covered, c.end - c.start, "claim {} not covered exactly", c.id);
    }
}
