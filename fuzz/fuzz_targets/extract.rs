//! Fuzz target: any UTF-8 text, split into pieces at fuzzer-chosen points.
//!
//! - `extract` never panics and its report keeps every invariant (`Report::validate`);
//! - the pieces joined by `TextMap` give the same text and the same report (split invariance);
//! - every mark located in the pieces spells out the mark's text;
//! - extraction in steps (`Extraction`, what the web edge runs one step per frame) gives the
//!   same report, with a fuzzer-chosen step size.
//!
//! Run: `cargo +nightly fuzz run extract` (a short run is part of scripts/test.sh).
#![no_main]

use claimmark::marks::mark_pieces;
use claimmark::offsets::TextMap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // First byte: how many cut points to take from the next bytes.
    let Some((&n, rest)) = data.split_first() else { return };
    let cuts_len = (n as usize % 8).min(rest.len());
    let (cut_bytes, text_bytes) = rest.split_at(cuts_len);
    let Ok(text) = std::str::from_utf8(text_bytes) else { return };

    let report = claimmark::extract(text);
    if let Err(e) = report.validate(text) {
        panic!("{e}");
    }

    let budget = cut_bytes.first().map_or(1, |&b| b as usize * 4);
    let mut ex = claimmark::extract::Extraction::new(text, &Default::default());
    let mut steps = 0usize;
    while !ex.step(text, budget) {
        steps += 1;
        assert!(steps <= text.len() + 1, "each step does at least one sentence");
    }
    assert_eq!(ex.finish(text), report, "steps of {budget} bytes");

    let mut cuts: Vec<usize> = cut_bytes
        .iter()
        .map(|&b| (b as usize * text.len()) / 256)
        .filter(|&c| text.is_char_boundary(c))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces = Vec::new();
    let mut last = 0;
    for c in cuts {
        pieces.push(&text[last..c]);
        last = c;
    }
    pieces.push(&text[last..]);
    let mut map = TextMap::new();
    for p in &pieces {
        map.push_node(p);
    }
    assert_eq!(map.text(), text);
    for m in mark_pieces(&report) {
        let mut got: Vec<u16> = Vec::new();
        for r in map.locate(m.start, m.end) {
            let units: Vec<u16> = pieces[r.node].encode_utf16().collect();
            got.extend_from_slice(&units[r.start..r.end]);
        }
        let want: Vec<u16> = text[m.start..m.end].encode_utf16().collect();
        assert_eq!(got, want);
    }
});
