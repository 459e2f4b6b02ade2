//! Golden test on the seed article (tests/fixtures/example-article.txt, a copy of
//! ../shared/example-article.txt): the full report, rendered readably, is a reviewed insta
//! snapshot (tests/snapshots/), and the facts that matter are also asserted one by one.

#![cfg(not(target_arch = "wasm32"))]

use claimmark::{extract, ClaimKind, Report, SourceKind};

const ARTICLE: &str = include_str!("fixtures/example-article.txt");

/// One line per claim, span and attribution: what a reviewer reads.
fn render(text: &str, report: &Report) -> String {
    let mut out = String::new();
    for (i, s) in report.sentences.iter().enumerate() {
        out.push_str(&format!("sentence {i} [{}..{}] score {:.3}: {}\n", s.start, s.end, s.score, &text[s.start..s.end]));
    }
    for c in &report.claims {
        let kinds: Vec<String> = c.kinds.iter().map(|k| format!("{k:?}").to_lowercase()).collect();
        out.push_str(&format!(
            "\nclaim {} (sentence {}) [{}] score {:.3} speaker {:?}{}\n",
            c.id,
            c.sentence,
            kinds.join(", "),
            c.score,
            c.speaker.as_deref().unwrap_or("-"),
            if c.anonymous { " ANONYMOUS" } else { "" }
        ));
        for s in &c.spans {
            out.push_str(&format!("  {:<10} {:?}", format!("{:?}", s.role).to_lowercase(), s.text));
            if let Some(q) = &s.quantity {
                out.push_str(&format!(" = {} {:?} {:?}", q.value, q.unit.as_deref().unwrap_or("-"), q.kind));
                if let Some(m) = q.value_max {
                    out.push_str(&format!(" max {m}"));
                }
                if let Some(a) = &q.approx {
                    out.push_str(&format!(" approx {a:?}"));
                }
                if let Some(r) = &q.rate {
                    out.push_str(&format!(" rate {r:?}"));
                }
            }
            if let Some(sp) = &s.speaker {
                out.push_str(&format!(" speaker {sp:?}"));
            }
            out.push('\n');
        }
        for a in &c.attributions {
            out.push_str(&format!(
                "  attribution: source {:?} ({:?} -> {:?}) cue {:?} content {:?}\n",
                a.source.text,
                a.source_kind,
                a.speaker,
                a.cue.text,
                a.content.as_ref().map(|c| c.text.as_str()).unwrap_or("-")
            ));
        }
    }
    out
}

#[test]
fn example_article_snapshot() {
    let report = extract(ARTICLE);
    insta::assert_snapshot!("example_article", render(ARTICLE, &report));
}

#[test]
fn example_article_speakers() {
    let report = extract(ARTICLE);
    let attributions: Vec<_> = report.claims.iter().flat_map(|c| &c.attributions).collect();
    let speakers: Vec<&str> = attributions.iter().map(|a| a.speaker.as_str()).collect();
    for who in ["Antony Blinken", "Lloyd Austin", "Kim Yong-hyun", "A government source"] {
        assert!(speakers.contains(&who), "speaker {who} missing: {speakers:?}");
    }
    // "He highlighted discussions …" follows "Austin also pledged …": the pronoun is Austin.
    let he = attributions.iter().find(|a| a.source.text == "He").expect("pronoun source");
    assert_eq!((he.source_kind, he.speaker.as_str()), (SourceKind::Pronoun, "Lloyd Austin"));
    let anon = attributions.iter().find(|a| a.source.text == "A government source").unwrap();
    assert_eq!(anon.source_kind, SourceKind::Anonymous);
    // Both quotes in the second sentence are Blinken's.
    let quotes: Vec<_> = report.claims.iter().flat_map(|c| &c.spans).filter(|s| s.role == claimmark::Role::Quote).collect();
    assert_eq!(quotes.len(), 3);
    assert!(quotes[..2].iter().all(|q| q.speaker.as_deref() == Some("Antony Blinken")));
    assert_eq!(quotes[2].speaker.as_deref(), Some("A government source"));
    // The byline is not a claim.
    assert!(!report.claims.iter().any(|c| c.text.contains("niceshin")));
    assert_eq!(report.sentences.len(), 12);
}

#[test]
fn example_article_statistics() {
    let report = extract(ARTICLE);
    let stats: Vec<_> = report
        .claims
        .iter()
        .flat_map(|c| &c.spans)
        .filter_map(|s| s.quantity.as_ref().map(|q| (s.text.as_str(), q)))
        .collect();
    let find = |text: &str| stats.iter().find(|(t, _)| *t == text).map(|(_, q)| *q).unwrap_or_else(|| panic!("statistic {text:?} missing: {stats:?}"));
    let q = find("Around 8,000 North Korean soldiers");
    assert_eq!((q.value, q.unit.as_deref(), q.approx.as_deref()), (8000.0, Some("soldiers"), Some("around")));
    let q = find("some 1,200 Russian soldiers dying daily");
    assert_eq!((q.value, q.approx.as_deref(), q.rate.as_deref()), (1200.0, Some("some"), Some("daily")));
    let q = find("500,000 rounds of 155mm shells");
    assert_eq!(q.value, 500000.0);
    let q = find("nearly 10 million artillery rounds");
    assert_eq!((q.value, q.unit.as_deref(), q.approx.as_deref()), (10_000_000.0, Some("artillery rounds"), Some("nearly")));
    let q = find("around 1,000 missiles");
    assert_eq!((q.value, q.approx.as_deref()), (1000.0, Some("around")));
    // "6th", "(2+2)", "August" and "Last year" are not statistics: no statistic overlaps them.
    let stat_spans: Vec<_> = report.claims.iter().flat_map(|c| &c.spans).filter(|s| s.quantity.is_some()).collect();
    for not in ["6th", "(2+2)", "August", "Last year", "niceshin@donga.com"] {
        let at = ARTICLE.find(not).unwrap();
        let end = at + not.len();
        assert!(!stat_spans.iter().any(|s| s.start < end && at < s.end), "{not:?} counted as a statistic");
    }
    let with_stats = report.claims.iter().filter(|c| c.kinds.contains(&ClaimKind::Statistic)).count();
    assert_eq!(with_stats, 4);
}
