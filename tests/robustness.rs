//! The core on hostile and random input: it never panics, and every report keeps its
//! invariants (sorted sentences, spans on char boundaries inside their claim, text equal to
//! the slice, scores in [0, 1], finite values).

#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::Rng;

use claimmark::{extract, Report};

/// Pieces that stress every finder: quotes of all kinds, abbreviations, numbers of every
/// shape, non-ASCII text, joiners, line breaks.
const PIECES: &[&str] = &[
    "\"", "“", "”", "‘", "’", "'", "«", "»", "U.S.", "D.C.", "Dr.", "No.", "Jan.", "e.g.", "...",
    "…", ".", ",", "?", "!", ":", ";", "—", "-", "(", ")", "(2+2)", "6th", "1,200", "3.5", "$1.5bn",
    "€4", "₩1,000", "12%", "1e308", "NaN", "0.0000001", "between", "and", "to", "nearly", "some",
    "more than", "at least", "up to", "daily", "a year", "per capita", "million", "billion",
    "half", "a dozen", "soldiers", "said", "told", "according to", "he", "she", "officials",
    "a government source", "Blinken", "Kim Yong-hyun", "could", "would", "the largest",
    "more than doubled", "in the coming days", "서울", "🎉", "e\u{301}", "\u{200d}", "\u{a0}",
    "\u{200f}", "مرحبا", " ", " ", " ", "\n", "\n\n", "\t", "1", "0", "99999999999999999999999",
];

fn check_invariants(text: &str, r: &Report) {
    if let Err(e) = r.validate(text) {
        panic!("{e}\ninput: {text:?}");
    }
}

#[test]
fn random_hostile_documents_keep_invariants() {
    let mut rng = Rng(0x2545f4914f6cdd1d);
    for _ in 0..1500 {
        let n = 1 + (rng.next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(rng.pick(PIECES));
            if rng.next() % 3 != 0 {
                text.push(' ');
            }
        }
        // On failure, print the input so it can become a regression case below.
        let result = std::panic::catch_unwind(|| check_invariants(&text, &extract(&text)));
        assert!(result.is_ok(), "failing input: {text:?}");
    }
}

#[test]
fn hostile_inputs() {
    let long_number = "9".repeat(1000);
    let cases = [
        String::new(),
        " \n\n\t ".to_string(),
        format!("The debt is {long_number} dollars, officials said."),
        format!("{long_number}.{long_number}%"),
        "Prices rose 1e308 percent and NaN soldiers died.".to_string(),
        "\"".repeat(1000),
        "“unbalanced quote that never closes, he said, and 300 people".to_string(),
        "‘".repeat(500) + &"’".repeat(500),
        "U.S. ".repeat(2000),
        "said ".repeat(2000),
        "1,".repeat(3000),
        "ש\u{200f}לום 12% שלום, said the minister \u{202e}backwards\u{202c} 300 people".to_string(),
        "e\u{301}\u{301}\u{301} 8,000\u{a0}soldiers \u{200d}\u{200d} were here.".to_string(),
        "(".repeat(2000) + &")".repeat(2000),
        // Regression: "according to" with "according" inside an unclosed quote and "to" at its
        // end (outside it) panicked.
        "Officials said \"the plan went ahead according to".to_string(),
        // Regression (found by cargo fuzz): a quote starting in a sentence that an earlier
        // quote pulled into the claim ran past the claim's end.
        "X said \"One. Two\" and \"three. Four\" end.".to_string(),
    ];
    for text in &cases {
        let r = extract(text);
        check_invariants(text, &r);
    }
}

#[test]
fn a_megabyte_of_news_text_is_processed() {
    let article = include_str!("fixtures/example-article.txt");
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(article);
        text.push_str("\n\n");
    }
    let r = extract(&text);
    let per_article = extract(article).claims.len();
    assert_eq!(r.claims.len(), per_article * (text.len() / (article.len() + 2)));
    check_invariants(&text, &r);
}
