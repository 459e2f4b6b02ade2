//! Tests of `claimmark::quantity`: a table of hand-written cases in
//! `tests/fixtures/quantities.txt`, the seed article, offsets, and robustness.

#![cfg(not(target_arch = "wasm32"))]

use claimmark::quantity::{find_quantities, find_times, FoundQuantity};
use claimmark::QuantityKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One expected statistic.
#[derive(Debug)]
struct Want {
    span: String,
    kind: QuantityKind,
    value: f64,
    value_max: Option<f64>,
    unit: Option<String>,
    approx: Option<String>,
    rate: Option<String>,
}

#[derive(Debug, Default)]
struct Case {
    line: usize,
    sentence: String,
    quantities: Vec<Want>,
    times: Option<Vec<String>>,
}

/// `\u00a0`-style escapes, so the fixture can hold invisible characters.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find("\\u") {
        out.push_str(&rest[..p]);
        let hex = rest.get(p + 2..p + 6).unwrap_or("");
        match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            Some(c) if hex.len() == 4 => {
                out.push(c);
                rest = &rest[p + 6..];
            }
            _ => {
                out.push_str("\\u");
                rest = &rest[p + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (s != "-").then(|| unescape(s))
}

fn kind(s: &str) -> QuantityKind {
    match s {
        "count" => QuantityKind::Count,
        "percent" => QuantityKind::Percent,
        "money" => QuantityKind::Money,
        "measure" => QuantityKind::Measure,
        _ => panic!("unknown kind {s:?}"),
    }
}

fn parse_fixture(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut cur: Option<Case> = None;
    for (no, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            cases.extend(cur.take());
            continue;
        }
        let (tag, rest) = line.split_at(3.min(line.len()));
        match tag {
            "S: " => {
                cases.extend(cur.take());
                cur = Some(Case { line: no + 1, sentence: unescape(rest), ..Default::default() });
            }
            "Q: " => {
                let c = cur.as_mut().unwrap_or_else(|| panic!("line {}: Q before S", no + 1));
                let f: Vec<&str> = rest.split(" | ").collect();
                assert_eq!(f.len(), 5, "line {}: a Q line has 5 fields", no + 1);
                let (k, v) = f[1].trim().split_once(' ').unwrap_or_else(|| panic!("line {}: kind value", no + 1));
                let (value, value_max) = match v.split_once("..") {
                    Some((a, b)) => (a.parse().unwrap(), Some(b.parse().unwrap())),
                    None => (v.parse().unwrap(), None),
                };
                c.quantities.push(Want {
                    span: unescape(f[0].trim()),
                    kind: kind(k),
                    value,
                    value_max,
                    unit: opt(f[2]),
                    approx: opt(f[3]),
                    rate: opt(f[4]),
                });
            }
            "T: " => {
                let c = cur.as_mut().unwrap_or_else(|| panic!("line {}: T before S", no + 1));
                let t = c.times.get_or_insert_with(Vec::new);
                if rest.trim() != "-" {
                    t.push(unescape(rest.trim()));
                }
            }
            _ => panic!("line {}: unknown line {line:?}", no + 1),
        }
    }
    cases.extend(cur);
    cases
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn describe(text: &str, q: &FoundQuantity) -> String {
    let x = &q.quantity;
    format!(
        "{:?} {:?} {}{} unit={:?} approx={:?} rate={:?}",
        &text[q.start..q.end],
        x.kind,
        x.value,
        x.value_max.map(|m| format!("..{m}")).unwrap_or_default(),
        x.unit,
        x.approx,
        x.rate
    )
}

/// Checks one case; returns the problems found.
fn check(case: &Case) -> Vec<String> {
    let s = &case.sentence;
    let got = find_quantities(s, 0, s.len());
    let mut errs = Vec::new();
    let shown: Vec<String> = got.iter().map(|q| describe(s, q)).collect();
    if got.len() != case.quantities.len() {
        errs.push(format!("expected {} statistics, got {}: {shown:#?}", case.quantities.len(), got.len()));
    }
    for (w, g) in case.quantities.iter().zip(&got) {
        let q = &g.quantity;
        let span = &s[g.start..g.end];
        let ok = span == w.span
            && q.kind == w.kind
            && close(q.value, w.value)
            && match (q.value_max, w.value_max) {
                (None, None) => true,
                (Some(a), Some(b)) => close(a, b),
                _ => false,
            }
            && q.unit == w.unit
            && q.approx == w.approx
            && q.rate == w.rate;
        if !ok {
            errs.push(format!("expected {w:?}\n       got {}", describe(s, g)));
        }
    }
    if let Some(want) = &case.times {
        let got: Vec<&str> = find_times(s, 0, s.len()).into_iter().map(|(a, b)| &s[a..b]).collect();
        if got != *want {
            errs.push(format!("times: expected {want:?}, got {got:?}"));
        }
    }
    errs
}

fn fixture_cases() -> Vec<Case> {
    let path = manifest().join("tests/fixtures/quantities.txt");
    parse_fixture(&std::fs::read_to_string(path).expect("tests/fixtures/quantities.txt"))
}

#[test]
fn fixture_table() {
    let cases = fixture_cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let errs = check(c);
        if !errs.is_empty() {
            failures.push(format!("line {}: {}\n  {}", c.line, c.sentence, errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

#[test]
fn fixture_has_negative_and_time_cases() {
    let cases = fixture_cases();
    let negatives = cases.iter().filter(|c| c.quantities.is_empty()).count();
    let with_times = cases.iter().filter(|c| c.times.is_some()).count();
    assert!(negatives >= 10, "{negatives} negative cases");
    assert!(with_times >= 10, "{with_times} cases with times");
}

// --- The seed article, whole ----------------------------------------------------------------

fn seed() -> String {
    std::fs::read_to_string(manifest().join("tests/fixtures/example-article.txt")).expect("example article")
}

/// Splits at line ends and at ". " (good enough for the seed article).
fn rough_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        let end_here = b[i] == b'\n'
            || (b[i] == b' '
                && i > 0
                && b[i - 1] == b'.'
                && i >= 4
                && &b[i - 4..i] != b"U.S."
                && &b[i - 4..i] != b"D.C.");
        if end_here {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

#[test]
fn seed_article_statistics() {
    let text = seed();
    let mut found = Vec::new();
    for (s, e) in rough_sentences(&text) {
        for q in find_quantities(&text, s, e) {
            assert!(q.start >= s && q.end <= e && q.start < q.end, "span outside its sentence");
            found.push((text[q.start..q.end].to_string(), q.quantity));
        }
    }
    let spans: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        spans,
        [
            "Around 8,000 North Korean soldiers",
            "some 1,200 Russian soldiers dying daily",
            "500,000 rounds of 155mm shells",
            "155mm",
            "nearly 10 million artillery rounds",
            "around 1,000 missiles",
        ]
    );
    let q = |i: usize| &found[i].1;
    assert_eq!((q(0).value, q(0).unit.as_deref(), q(0).approx.as_deref()), (8000.0, Some("soldiers"), Some("around")));
    assert_eq!((q(1).value, q(1).approx.as_deref(), q(1).rate.as_deref()), (1200.0, Some("some"), Some("daily")));
    assert_eq!((q(2).value, q(2).kind), (500000.0, QuantityKind::Count));
    assert_eq!((q(3).value, q(3).unit.as_deref(), q(3).kind), (155.0, Some("mm"), QuantityKind::Measure));
    assert_eq!(
        (q(4).value, q(4).unit.as_deref(), q(4).approx.as_deref()),
        (1e7, Some("artillery rounds"), Some("nearly"))
    );
    assert_eq!((q(5).value, q(5).unit.as_deref(), q(5).approx.as_deref()), (1000.0, Some("missiles"), Some("around")));
}

#[test]
fn seed_article_times() {
    let text = seed();
    let mut times = Vec::new();
    for (s, e) in rough_sentences(&text) {
        for (a, b) in find_times(&text, s, e) {
            assert!(a >= s && b <= e && a < b);
            times.push(&text[a..b]);
        }
    }
    assert_eq!(times, ["on Wednesday", "in the coming days", "Last year", "in August"]);
}

#[test]
fn seed_article_whole_text_at_once() {
    // The same statistics when the whole article is passed as one range.
    let text = seed();
    let n = find_quantities(&text, 0, text.len()).len();
    assert_eq!(n, 6);
}

// --- Offsets ------------------------------------------------------------------------------------

#[test]
fn offsets_are_absolute_and_inside_the_range() {
    let text = "Intro: 5 kg. Then nearly 10 million artillery rounds and around 1,000 missiles. Tail 7%.";
    let start = text.find("Then").unwrap();
    let end = text.find(" Tail").unwrap();
    let got = find_quantities(text, start, end);
    let spans: Vec<&str> = got.iter().map(|q| &text[q.start..q.end]).collect();
    assert_eq!(spans, ["nearly 10 million artillery rounds", "around 1,000 missiles"]);
    // A range that cuts a number in half sees only its own part.
    let cut = text.find("1,000").unwrap() + 2;
    let got = find_quantities(text, start, cut);
    assert!(got.iter().all(|q| q.end <= cut));
}

#[test]
fn spans_are_sorted_and_nest_without_crossing() {
    let text =
        "They shipped 500,000 rounds of 155mm shells, 2 million tonnes of 20-kg bags and 300 units of 5 mg doses.";
    let got = find_quantities(text, 0, text.len());
    assert!(got.len() >= 4);
    for w in got.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(a.start < b.start || (a.start == b.start && a.end >= b.end), "not sorted");
        assert!(
            b.start >= a.end || b.end <= a.end,
            "spans cross: {:?} {:?}",
            &text[a.start..a.end],
            &text[b.start..b.end]
        );
    }
}

#[test]
fn out_of_range_and_mid_char_bounds_do_not_panic() {
    let text = "€3m and ₩1,000 — 12%";
    for s in 0..=text.len() + 2 {
        for e in 0..=text.len() + 2 {
            for q in find_quantities(text, s, e) {
                assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
                assert!(q.start >= s.min(text.len()) && q.end <= e.min(text.len()));
            }
            let _ = find_times(text, s, e);
        }
    }
}

// --- Robustness ---------------------------------------------------------------------------------

fn check_input(text: &str) {
    for q in find_quantities(text, 0, text.len()) {
        assert!(q.start < q.end && q.end <= text.len());
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert!(q.quantity.value.is_finite(), "{text:?}");
        assert!(q.quantity.value_max.is_none_or(f64::is_finite));
    }
    for (a, b) in find_times(text, 0, text.len()) {
        assert!(a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b));
    }
}

#[test]
fn huge_and_strange_numbers() {
    let thousand = "9".repeat(1000);
    check_input(&thousand);
    assert!(find_quantities(&thousand, 0, thousand.len()).is_empty());
    let grouped = format!("1{} people", ",000".repeat(200));
    check_input(&grouped);
    let scaled = format!("${} trillion trillion", "9".repeat(300));
    check_input(&scaled);
    for s in [
        "1e308",
        "1e309 km",
        "NaN",
        "inf",
        "-0",
        "0.0000001%",
        "1 000",
        "1\u{a0}000 people",
        "1\u{202f}000 km",
        "12,34,567",
        "1.2.3.4",
        "192.168.1.2",
        "$",
        "$.",
        "$-",
        "€€5",
        "5%%",
        "--5",
        "−7 °C",
        "½",
        "2½ miles",
        "(",
        "((2+2))",
        "a",
        "half",
        "half a",
        "tens of",
        "between",
        "between 5 and",
        "3 to",
        "3-",
        "-",
        "’s",
        "one and a half",
        "twenty-",
        "-twenty",
        "9/",
        "/9",
        "1/0 inch",
        "0/0",
        "5:",
        ":5",
        "10 000 000 000 000 000 000 000 000 dollars",
    ] {
        check_input(s);
    }
    let v = find_quantities("1 000 dollars", 0, 13);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].quantity.value, 1000.0);
}

/// A small deterministic generator (no dependencies).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn random_inputs_never_panic() {
    let pieces = [
        "1", "23", "456", "7,890", "0.5", ",", ".", "-", "–", "—", "/", ":", "%", "$", "€", "£", "₩", "¥", "°", "C",
        "(", ")", "+", "#", "@", "'", "’", "\"", " ", " ", "\u{a0}", "\u{202f}", "\u{200b}", "\n", "\t", "a", "an",
        "the", "of", "to", "and", "between", "from", "half", "one", "two", "twenty", "-five", "hundred", "thousand",
        "million", "bn", "m", "k", "km", "mm", "per", "cent", "percent", "a year", "daily", "soldiers", "people",
        "rounds", "in", "August", "May", "Monday", "last", "year", "ago", "years", "st", "th", "s", "am", "p.m.", "No",
        "Section", "US", "USD", "won", "pounds", "é", "漢字", "🙂", "\u{301}", "x", "e", "E", "^", "×", "±", "+/-",
        "over", "point", "fifths", "quarter", "third", "twenty-first", "or", "ft", "in", "oz", "lb", "cents", "MUSD",
        "usd", "minus", "negative", "lakh", "crore", "dozens", "a half", "−", "fb", "s", "F", "am", "l", "/", "km^2",
        "squared", "&", "times", "per week", "nought", ".5", "12,34,567", "1e5", "x10^", "eV", "mGy",
    ];
    let mut rng = Lcg(0x5eed);
    for _ in 0..3000 {
        let n = (rng.next() % 40) as usize;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(pieces[(rng.next() as usize) % pieces.len()]);
        }
        check_input(&s);
        // also on random (boundary-adjusted) sub-ranges
        let a = (rng.next() as usize) % (s.len() + 1);
        let b = (rng.next() as usize) % (s.len() + 1);
        let (a, b) = (a.min(b), a.max(b));
        for q in find_quantities(&s, a, b) {
            assert!(q.start >= a && q.end <= b && s.is_char_boundary(q.start) && s.is_char_boundary(q.end));
        }
        let _ = find_times(&s, a, b);
    }
}

#[test]
fn long_input_is_fast() {
    // Linear time: a long run of numbers, number words and units finishes quickly.
    let unit = "some 1,200 soldiers and twenty-five hundred thousand and 3-5 million tonnes of grain per year, ";
    let text = unit.repeat(2000);
    let words = "one hundred and ".repeat(20_000);
    let digits = "1-2-3-4-5-".repeat(20_000);
    let t = Instant::now();
    assert!(find_quantities(&text, 0, text.len()).len() >= 4000);
    let _ = find_quantities(&words, 0, words.len());
    let _ = find_quantities(&digits, 0, digits.len());
    let _ = find_times(&text, 0, text.len());
    let limit = if cfg!(debug_assertions) { Duration::from_secs(20) } else { Duration::from_secs(3) };
    assert!(t.elapsed() < limit, "took {:?}", t.elapsed());
}

#[test]
fn repeated_patterns_stay_shallow_and_fast() {
    // Patterns where one parser could call another at the next token: no deep recursion.
    let t = Instant::now();
    for p in [
        "fb−1 ",
        "one and two three and four five and ",
        "one over two three over ",
        "45 and ",
        "2 or ",
        "5 ft and 2 in and ",
        "15 dollars and 50 and ",
        "three million, two hundred, ",
        "one one hundred fifth ",
        "1.1^2^3^",
        "a half a half a ",
    ] {
        let text = p.repeat(100_000 / p.len());
        check_input(&text);
    }
    let limit = if cfg!(debug_assertions) { Duration::from_secs(30) } else { Duration::from_secs(3) };
    assert!(t.elapsed() < limit, "took {:?}", t.elapsed());
}

#[test]
fn quantulum3_error_inputs_do_not_panic() {
    let path = manifest().join("../shared/data/quantities/quantulum3/errors.json");
    if !Path::new(&path).exists() {
        println!("skipped: ../shared absent");
        return;
    }
    let inputs: Vec<String> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(!inputs.is_empty());
    for s in &inputs {
        check_input(s);
    }
    // Its other sentence files must not panic either.
    for name in ["quantities.json", "quantities.ambiguity.json"] {
        let p = manifest().join("../shared/data/quantities/quantulum3").join(name);
        let Ok(raw) = std::fs::read_to_string(p) else { continue };
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        for case in v.as_array().into_iter().flatten() {
            if let Some(s) = case.get("req").and_then(|r| r.as_str()) {
                check_input(s);
            }
        }
    }
}
