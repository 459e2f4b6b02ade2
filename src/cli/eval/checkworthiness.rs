//! Check-worthiness: is this sentence worth fact-checking?
//!
//! Data: CheckThat! 2024 Task 1 English dev (`checkworthiness/checkthat2024/
//! CT24_checkworthy_english_dev.tsv`, label Yes/No) and ClaimBuster's 2-class test split
//! (`checkworthiness/claimbuster/test.json`, label 1/0). The metric is the official one of
//! CheckThat!: P, R and F1 of the positive class (Yes / 1).
//!
//! A sentence is predicted positive when its score is at or above the threshold (the core's
//! convention), first at `claimmark::score::DEFAULT_THRESHOLD`, then, for reading, at 0.3 … 0.7.
//! The score is [`sentence_score`].

use std::fmt::Write as _;

use claimmark::score::DEFAULT_THRESHOLD;
use serde::Deserialize;

use super::metrics::Score;
use super::{clip, read, read_json, Paths, Row, SuiteResult};

/// The check-worthiness of one sentence: the core's per-sentence score,
/// `claimmark::score::score_text` (the model on the sentence's own features).
pub fn sentence_score(sentence: &str) -> f32 {
    claimmark::score::score_text(sentence)
}

/// Thresholds printed for reading, besides the default.
const THRESHOLDS: &[f32] = &[0.3, 0.4, 0.5, 0.6, 0.7];

/// Splits tab-separated text with CSV quoting (a field that starts with `"` runs to the next
/// lone `"`, with `""` for a quote mark inside; it may hold tabs and line breaks). Records end
/// at `\n` or `\r\n`; empty records are dropped.
pub fn parse_tsv(s: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut at_field_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '\t' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                if !(record.len() == 1 && record[0].is_empty()) {
                    records.push(std::mem::take(&mut record));
                }
                record.clear();
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// `(id, text, positive)` of each CheckThat! sentence.
fn load_checkthat(path: &std::path::Path) -> Result<Vec<(String, String, bool)>, String> {
    let text = read(path)?;
    let mut rows = parse_tsv(&text).into_iter();
    let header = rows.next().unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h.trim() == name).ok_or_else(|| format!("eval: {}: no column {name:?}", path.display()));
    let (id, txt, label) = (col("Sentence_id")?, col("Text")?, col("class_label")?);
    rows.enumerate()
        .map(|(n, r)| {
            let get = |i: usize| r.get(i).map(|s| s.trim().to_string()).ok_or_else(|| format!("eval: {}: record {} is short", path.display(), n + 2));
            let positive = match get(label)?.as_str() {
                "Yes" => true,
                "No" => false,
                other => return Err(format!("eval: {}: record {}: label {other:?}", path.display(), n + 2)),
            };
            Ok((get(id)?, get(txt)?, positive))
        })
        .collect()
}

#[derive(Deserialize)]
struct CbItem {
    sentence_id: serde_json::Value,
    label: i64,
    text: String,
}

fn load_claimbuster(path: &std::path::Path) -> Result<Vec<(String, String, bool)>, String> {
    let items: Vec<CbItem> = read_json(path)?;
    Ok(items.into_iter().map(|i| (i.sentence_id.to_string(), i.text, i.label == 1)).collect())
}

fn score_at(items: &[(String, String, bool)], scores: &[f32], threshold: f32) -> Score {
    let pred = scores.iter().filter(|&&s| s >= threshold).count();
    let gold = items.iter().filter(|i| i.2).count();
    let tp = items.iter().zip(scores).filter(|(i, &s)| i.2 && s >= threshold).count();
    Score::exact(tp, pred, gold)
}

pub fn run(paths: &Paths, show: usize) -> Result<SuiteResult, String> {
    let sets = [
        ("CT24 dev", load_checkthat(&paths.file("checkworthiness/checkthat2024/CT24_checkworthy_english_dev.tsv")?)?),
        ("ClaimBuster test", load_claimbuster(&paths.file("checkworthiness/claimbuster/test.json")?)?),
    ];
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut examples = String::new();
    for (name, items) in &sets {
        let scores: Vec<f32> = items.iter().map(|i| sentence_score(&i.1)).collect();
        let positives = items.iter().filter(|i| i.2).count();
        notes.push(format!("{name}: {} sentences, {positives} positive", items.len()));
        rows.push(Row::new(*name, format!("Yes@{DEFAULT_THRESHOLD:.2} default"), score_at(items, &scores, DEFAULT_THRESHOLD)));
        for &t in THRESHOLDS {
            rows.push(Row::new(*name, format!("Yes@{t:.2}"), score_at(items, &scores, t)));
        }
        if show > 0 {
            for (title, want_positive) in [("misses (Yes scored below the threshold)", true), ("false alarms (No scored at or above it)", false)] {
                let wrong: Vec<_> = items
                    .iter()
                    .zip(&scores)
                    .filter(|(i, &s)| i.2 == want_positive && (s >= DEFAULT_THRESHOLD) != want_positive)
                    .collect();
                let _ = writeln!(examples, "{name} {title} ({} of {}):", wrong.len().min(show), wrong.len());
                for (i, s) in wrong.iter().take(show) {
                    let _ = writeln!(examples, "  #{} {s:.3}  {}", i.0, clip(&i.1, 140));
                }
            }
        }
    }
    Ok(SuiteResult { suite: "checkworthiness", rows, excluded: Vec::new(), notes, examples })
}

#[cfg(test)]
mod tests {
    #[test]
    fn tsv_with_quotes_and_crlf() {
        let t = "a\tb\tc\r\n1\t\"x, \"\"y\"\"\tz\"\tYes\r\n2\tplain\tNo";
        let r = super::parse_tsv(t);
        assert_eq!(r, vec![vec!["a", "b", "c"], vec!["1", "x, \"y\"\tz", "Yes"], vec!["2", "plain", "No"]]);
    }
}
