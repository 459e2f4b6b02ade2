//! The quantity suites: quantulum3 and Microsoft Recognizers-Text.
//!
//! Both run the core's quantity finder directly, `claimmark::quantity::find_quantities(text, 0,
//! text.len())`, on each test input as one range (not through `extract`: the inputs are single
//! sentences or fragments, and the finder is what is measured, not the segmenter). Every
//! quantity it returns is a prediction, whatever its kind, except where a spec's rows say
//! otherwise (see [`SPECS`]).

use std::fmt::Write as _;

use claimmark::quantity::{find_quantities, FoundQuantity};
use claimmark::{Quantity, QuantityKind};
use serde::Deserialize;

use super::metrics::{approx_eq, greedy_match, matched_preds, overlap, Score};
use super::units::{unit_matches, value_scale};
use super::{clip, read_json, snippet, Exclusions, Paths, Row, SuiteResult};

/// Whether a predicted quantity has this value: its `value`, or the midpoint of its range
/// (`value..value_max`: quantulum3 gives a range as its midpoint, "8- to 16-meter" = 12), or,
/// for units the core converts to the main currency unit (cents, pence), value × 100. A
/// proportion the core reports in percent ("one out of three" = 33.3 %) has its plain value
/// (0.333) for a gold number without unit (Recognizers' Number specs, quantulum3's
/// "dimensionless").
fn value_matches(gold: f64, gold_unit: &str, q: &Quantity) -> bool {
    let mut candidates = vec![q.value];
    if let Some(m) = q.value_max {
        candidates.push((q.value + m) / 2.0);
    }
    let plain_gold = gold_unit.is_empty() || gold_unit.eq_ignore_ascii_case("dimensionless");
    if plain_gold && q.kind == QuantityKind::Percent && q.unit.as_deref() == Some("%") {
        candidates.push(q.value / 100.0);
    }
    let scale = value_scale(gold_unit);
    candidates.iter().any(|&c| approx_eq(gold, c) || scale.is_some_and(|s| approx_eq(gold, c * s)))
}

fn describe(q: &FoundQuantity, text: &str) -> String {
    let u = &q.quantity;
    let mut s = format!("«{}» = {}", clip(&text[q.start..q.end], 60), u.value);
    if let Some(m) = u.value_max {
        let _ = write!(s, "..{m}");
    }
    let _ = write!(s, " {:?}", u.kind);
    if let Some(unit) = &u.unit {
        let _ = write!(s, " {unit:?}");
    }
    if let Some(r) = &u.rate {
        let _ = write!(s, " rate {r:?}");
    }
    s
}

/// Lines for `--show`, at most `max` of each kind.
struct Examples {
    max: usize,
    sections: Vec<(&'static str, Vec<String>, usize)>,
}

impl Examples {
    fn new(max: usize, kinds: &[&'static str]) -> Examples {
        Examples { max, sections: kinds.iter().map(|k| (*k, Vec::new(), 0)).collect() }
    }

    fn push(&mut self, kind: &str, line: impl FnOnce() -> String) {
        if let Some((_, lines, total)) = self.sections.iter_mut().find(|(k, _, _)| *k == kind) {
            *total += 1;
            if lines.len() < self.max {
                lines.push(line());
            }
        }
    }

    fn render(&self) -> String {
        let mut out = String::new();
        if self.max == 0 {
            return out;
        }
        for (kind, lines, total) in &self.sections {
            let _ = writeln!(out, "{kind} ({} of {total}):", lines.len());
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
        out
    }
}

// -------------------------------------------------------------------------------------------
// quantulum3
// -------------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct QCase {
    req: String,
    #[serde(default)]
    res: Vec<QGold>,
}

#[derive(Deserialize)]
struct QGold {
    value: f64,
    unit: String,
    surface: String,
}

/// quantulum3 exclusion rule `year`: a dimensionless four-digit number 1000–2099 ("in 1979",
/// "the 1960s"). claimmark reports years as time anchors (`Role::Time`), never as statistics.
const Q_YEAR: (&str, &str) = ("year", "a year is a time anchor in claimmark, not a statistic");

/// quantulum3 exclusion rule `label`: a dimensionless bare integer right after a capitalised
/// word or a word of letters and digits ("Voyager 2", "English 101", "South 32 Ltd", "Core i7 860"):
/// part of a name or model number, not a statistic.
const Q_LABEL: (&str, &str) = ("label", "a number that is part of a name or model number is not a statistic");

fn quantulum_rule(text: &str, span: Option<(usize, usize)>, g: &QGold) -> Option<(&'static str, &'static str)> {
    if g.unit != "dimensionless" || g.surface.is_empty() || !g.surface.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if g.surface.len() == 4 && (1000..=2099).contains(&g.surface.parse::<u32>().unwrap_or(0)) {
        return Some(Q_YEAR);
    }
    let (s, _) = span?;
    let before = text[..s].strip_suffix(' ')?;
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word = word.rsplit(['—', '–', '-']).next().unwrap_or(word);
    let alnum = word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(char::is_alphabetic);
    let label = word.chars().next().is_some_and(char::is_uppercase) || alnum;
    label.then_some(Q_LABEL)
}

/// Finds each surface in the text, left to right, each occurrence used once.
fn locate(text: &str, surfaces: &[&str]) -> Vec<Option<(usize, usize)>> {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    surfaces
        .iter()
        .map(|s| {
            if s.is_empty() {
                return None;
            }
            let mut from = 0;
            while let Some(i) = text[from..].find(s) {
                let span = (from + i, from + i + s.len());
                if !taken.iter().any(|&t| overlap(t, span) > 0) {
                    taken.push(span);
                    return Some(span);
                }
                from += i + s.chars().next().map_or(1, char::len_utf8);
            }
            None
        })
        .collect()
}

/// quantulum3 (`quantities/quantulum3/`): `quantities.json` and, as its own row,
/// `quantities.ambiguity.json`. Gold and predicted quantities of a sentence are matched one to
/// one, greedily (pairs whose spans overlap most first, then in order):
/// - `value`: the values are equal (relative tolerance 1e-6; see [`value_matches`]);
/// - `value+unit`: and the units agree (see `units.rs`).
pub fn quantulum3(paths: &Paths, show: usize) -> Result<SuiteResult, String> {
    let files = [("quantities", "quantities/quantulum3/quantities.json"), ("ambiguity", "quantities/quantulum3/quantities.ambiguity.json")];
    let mut rows = Vec::new();
    let mut excluded = Exclusions::default();
    let mut notes = Vec::new();
    let mut ex = Examples::new(show, &["misses (value+unit)", "false alarms (value+unit)", "excluded (rule: gold)"]);
    for (row, rel) in files {
        let cases: Vec<QCase> = read_json(&paths.file(rel)?)?;
        let (mut by_value, mut by_unit) = (Score::default(), Score::default());
        let mut unlocated = 0;
        for case in &cases {
            let text = case.req.as_str();
            let surfaces: Vec<&str> = case.res.iter().map(|g| g.surface.as_str()).collect();
            let spans = locate(text, &surfaces);
            unlocated += spans.iter().filter(|s| s.is_none()).count();
            let mut gold: Vec<(&QGold, Option<(usize, usize)>)> = Vec::new();
            let mut ignored: Vec<(usize, usize)> = Vec::new();
            for (g, span) in case.res.iter().zip(spans) {
                match quantulum_rule(text, span, g) {
                    Some((rule, why)) => {
                        excluded.add(row, rule, why);
                        ignored.extend(span);
                        ex.push("excluded (rule: gold)", || match span {
                            Some((s, e)) => format!("[{row}] {rule}: «{}»  in: {}", g.surface, snippet(text, s, e, 40)),
                            None => format!("[{row}] {rule}: «{}»", g.surface),
                        });
                    }
                    None => gold.push((g, span)),
                }
            }
            let pred: Vec<FoundQuantity> = find_quantities(text, 0, text.len())
                .into_iter()
                .filter(|q| !ignored.iter().any(|&i| overlap(i, (q.start, q.end)) > 0))
                .collect();
            let weight = |g: usize, p: usize, unit: bool| {
                let (gq, span) = gold[g];
                let q = &pred[p];
                let ok = value_matches(gq.value, &gq.unit, &q.quantity) && (!unit || unit_matches(&gq.unit, &q.quantity));
                ok.then(|| span.map_or(0, |s| overlap(s, (q.start, q.end))) as f64)
            };
            let m_value = greedy_match(gold.len(), pred.len(), |g, p| weight(g, p, false));
            let m_unit = greedy_match(gold.len(), pred.len(), |g, p| weight(g, p, true));
            let tp = |m: &[Option<usize>]| m.iter().flatten().count();
            by_value.add(Score::exact(tp(&m_value), pred.len(), gold.len()));
            by_unit.add(Score::exact(tp(&m_unit), pred.len(), gold.len()));
            for (g, (gq, span)) in gold.iter().enumerate() {
                if m_unit[g].is_none() {
                    ex.push("misses (value+unit)", || {
                        let found = match m_value[g] {
                            Some(p) => format!("  [value found: {}]", describe(&pred[p], text)),
                            None => String::new(),
                        };
                        let ctx = match span {
                            Some((s, e)) => snippet(text, *s, *e, 60),
                            None => clip(text, 120),
                        };
                        format!("[{row}] {} {:?} «{}»{found}  in: {ctx}", gq.value, gq.unit, gq.surface)
                    });
                }
            }
            let used = matched_preds(&m_unit, pred.len());
            for (p, q) in pred.iter().enumerate() {
                if !used[p] {
                    ex.push("false alarms (value+unit)", || format!("[{row}] {}  in: {}", describe(q, text), snippet(text, q.start, q.end, 60)));
                }
            }
        }
        if unlocated > 0 {
            notes.push(format!("{row}: {unlocated} gold surfaces not found verbatim in their sentence (matched by value only)"));
        }
        rows.push(Row::new(row, "value", by_value));
        rows.push(Row::new(row, "value+unit", by_unit));
    }
    Ok(SuiteResult { suite: "quantulum3", rows, excluded: excluded.into_vec(), notes, examples: ex.render() })
}

// -------------------------------------------------------------------------------------------
// Recognizers-Text
// -------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RCase {
    input: String,
    #[serde(default)]
    results: Vec<RGold>,
    #[serde(default)]
    not_supported: Option<String>,
    #[serde(default)]
    not_supported_by_design: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RGold {
    text: String,
    #[serde(default)]
    resolution: Option<serde_json::Value>,
    start: usize,
    end: usize,
}

/// A spec's value: a number, or an interval with open ends ("(20,35]", "[30,)").
#[derive(Debug, Clone, Copy)]
enum GoldValue {
    Num(f64),
    Range(Option<f64>, Option<f64>),
}

fn parse_value(v: Option<&serde_json::Value>) -> Option<GoldValue> {
    let s = match v? {
        serde_json::Value::Number(n) => return n.as_f64().map(GoldValue::Num),
        serde_json::Value::String(s) => s.trim(),
        _ => return None,
    };
    if (s.starts_with('[') || s.starts_with('(')) && (s.ends_with(']') || s.ends_with(')')) {
        let (lo, hi) = s[1..s.len() - 1].split_once(',')?;
        let parse = |x: &str| x.trim().parse::<f64>().ok();
        let (lo, hi) = (parse(lo), parse(hi));
        return (lo.is_some() || hi.is_some()).then_some(GoldValue::Range(lo, hi));
    }
    s.trim_end_matches('%').trim().parse::<f64>().ok().filter(|v| v.is_finite()).map(GoldValue::Num)
}

fn gold_value_matches(v: GoldValue, unit: &str, q: &Quantity) -> bool {
    match v {
        GoldValue::Num(x) => value_matches(x, unit, q),
        // An interval matches a range with the same ends; an open end is not compared
        // ("more than thirty" = (30,) matches value 30; "at most 100" = (,100] matches a value
        // or upper bound of 100).
        GoldValue::Range(lo, hi) => {
            lo.is_none_or(|lo| approx_eq(lo, q.value)) && hi.is_none_or(|hi| approx_eq(hi, q.value_max.unwrap_or(q.value)))
        }
    }
}

/// One row per spec: the spec's name, its file, and which predicted kinds count as false
/// alarms when they overlap no gold span. A spec labels only its own kind of quantity (the
/// Currency spec leaves "27 %" in "sank 27 % to $ 254 million" unlabelled), so a percentage
/// found in a Currency sentence is not counted against the finder; a prediction that
/// overlaps a gold span always counts, whatever its kind. `None`: every kind (Number and
/// NumberRange label every number).
const SPECS: &[(&str, &str, Option<&[QuantityKind]>)] = &[
    ("Number", "quantities/recognizers-text/Number/English/NumberModel.json", None),
    ("Percent", "quantities/recognizers-text/Number/English/PercentModel.json", Some(&[QuantityKind::Percent])),
    ("NumberRange", "quantities/recognizers-text/Number/English/NumberRangeModel.json", None),
    ("Currency", "quantities/recognizers-text/NumberWithUnit/English/CurrencyModel.json", Some(&[QuantityKind::Money])),
    ("Dimension", "quantities/recognizers-text/NumberWithUnit/English/DimensionModel.json", Some(&[QuantityKind::Measure])),
    ("Age", "quantities/recognizers-text/NumberWithUnit/English/AgeModel.json", Some(&[QuantityKind::Count, QuantityKind::Measure])),
    ("Temperature", "quantities/recognizers-text/NumberWithUnit/English/TemperatureModel.json", Some(&[QuantityKind::Measure])),
];

/// Recognizers exclusion rules (the gold results that are not claims in a news sense, or
/// cannot be scored). The first rule that applies names the exclusion.
const R_OFFSETS: (&str, &str) = ("offset-mismatch", "Start/End do not give the result's Text");
const R_NO_VALUE: (&str, &str) = ("no-value", "a unit or word without a number (\"fahrenheit\", \"a small percent\")");
const R_ORDINAL: (&str, &str) = ("ordinal", "a rank (\"the tenth\", \"21st\"), not an amount");
const R_BARE_ONE: (&str, &str) = ("bare-one", "\"one\" alone is a pronoun or determiner in chat text (\"try one last time\")");
const R_IDENTIFIER: (&str, &str) =
    ("identifier", "a fragment of an IP address, date, phone number or code (\"192.168.1.2\", \"5/17/2018\", \"SCP-173\")");

const ORDINAL_WORDS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth",
    "thousandth", "millionth", "billionth", "last",
];

fn is_digit_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// Lower-cased alphanumeric words of `text` with their start offsets.
fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, text[s..i].to_lowercase()));
        }
    }
    out
}

fn recognizers_rule(input: &str, span: (usize, usize), text: &str) -> Option<(&'static str, &'static str)> {
    // ordinal: a digit ordinal in the result, or an ordinal word right after "the".
    let ws = words(&input[..span.1]);
    for (k, (at, w)) in ws.iter().enumerate() {
        if *at < span.0 {
            continue;
        }
        let rank = ORDINAL_WORDS.contains(&w.as_str()) && k > 0 && ws[k - 1].1 == "the";
        if rank || is_digit_ordinal(w) {
            return Some(R_ORDINAL);
        }
    }
    if text.trim().eq_ignore_ascii_case("one") && !input.trim().eq_ignore_ascii_case("one") {
        return Some(R_BARE_ONE);
    }
    // identifier: the white-space-delimited token around the result is longer than the result
    // and has the shape of an IP address, a date, a phone number or a letters-digits code.
    let a = input[..span.0].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let b = input[span.1..].find(char::is_whitespace).map_or(input.len(), |i| span.1 + i);
    let token = input[a..b].trim_start_matches(['(', '[', '"']).trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"']);
    if token.len() > text.len() && is_identifier(token) {
        return Some(R_IDENTIFIER);
    }
    None
}

fn is_identifier(t: &str) -> bool {
    let parts = |sep: char| t.split(sep).collect::<Vec<_>>();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ip = parts('.').len() == 4 && parts('.').iter().all(|p| digits(p));
    let date = parts('/').len() == 3 && parts('/').iter().all(|p| digits(p));
    let phone = {
        let body = t.strip_prefix('+').unwrap_or(t);
        let groups: Vec<&str> = body.split(['-', '/']).collect();
        groups.len() >= 3 && groups.iter().all(|p| digits(p))
    };
    let code = match t.split_once('-') {
        Some((l, r)) => {
            !l.is_empty()
                && l.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && l.chars().all(|c| c.is_ascii_alphanumeric())
                && r.chars().next().is_some_and(|c| c.is_ascii_digit())
                && r.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    };
    ip || date || phone || code
}

fn lists_dotnet(field: &Option<String>) -> bool {
    field.as_deref().is_some_and(|s| s.split(',').any(|p| p.trim().eq_ignore_ascii_case("dotnet")))
}

/// Recognizers-Text (`quantities/recognizers-text/`), one row per spec in [`SPECS`], plus the
/// sum. Metrics, each a one-to-one greedy matching per input (largest overlap first):
/// - `span-exact`: the predicted span is the gold span (byte offsets; the spec's character
///   offsets with inclusive `End` are converted);
/// - `span-overlap`: the spans share at least one byte;
/// - `value`: they overlap and the value agrees (see [`gold_value_matches`]).
///
/// `NotSupported` / `NotSupportedByDesign` list the ports of Recognizers-Text that fail a
/// case. A case listing `dotnet`, the reference implementation, is skipped: no implementation
/// produces its expected result, so the result is a wish, not a measurement. Cases listing only
/// other ports (JavaScript, Python, Java) are kept by default: .NET produces the expected
/// result, and skipping them would leave, for instance, no NumberRange case at all. They are
/// counted, and `--skip-all-unsupported` skips them too.
pub fn recognizers(paths: &Paths, show: usize, skip_all_unsupported: bool) -> Result<SuiteResult, String> {
    let mut rows = Vec::new();
    let mut excluded = Exclusions::default();
    let mut notes = Vec::new();
    let mut ex = Examples::new(show, &["misses (no overlapping prediction)", "false alarms (no overlapping gold)", "wrong values (spans overlap)", "excluded (rule: gold)"]);
    let (mut all_exact, mut all_overlap, mut all_value) = (Score::default(), Score::default(), Score::default());
    for &(spec, rel, fa_kinds) in SPECS {
        let cases: Vec<RCase> = read_json(&paths.file(rel)?)?;
        let (mut exact, mut over, mut val) = (Score::default(), Score::default(), Score::default());
        let (mut skipped_dotnet, mut skipped_other, mut flagged_kept) = (0, 0, 0);
        for case in &cases {
            let flagged = case.not_supported.is_some() || case.not_supported_by_design.is_some();
            if lists_dotnet(&case.not_supported) || lists_dotnet(&case.not_supported_by_design) {
                skipped_dotnet += 1;
                continue;
            }
            if flagged && skip_all_unsupported {
                skipped_other += 1;
                continue;
            }
            if flagged {
                flagged_kept += 1;
            }
            let input = case.input.as_str();
            let char_at: Vec<usize> = input.char_indices().map(|(i, _)| i).chain(std::iter::once(input.len())).collect();
            let mut gold: Vec<((usize, usize), GoldValue, String, &str)> = Vec::new();
            let mut ignored: Vec<(usize, usize)> = Vec::new();
            for g in &case.results {
                let span = (g.start <= g.end && g.end + 1 < char_at.len()).then(|| (char_at[g.start], char_at[g.end + 1]));
                let Some(span) = span.filter(|&(s, e)| input[s..e].to_lowercase() == g.text.to_lowercase()) else {
                    excluded.add(spec, R_OFFSETS.0, R_OFFSETS.1);
                    ex.push("excluded (rule: gold)", || format!("[{spec}] {}: «{}» at {}..={}  in: {}", R_OFFSETS.0, g.text, g.start, g.end, clip(input, 100)));
                    continue;
                };
                let res = g.resolution.as_ref();
                let unit = res.and_then(|r| r.get("unit")).and_then(|u| u.as_str()).unwrap_or("").to_string();
                let rule = match parse_value(res.and_then(|r| r.get("value"))) {
                    None => Err(R_NO_VALUE),
                    Some(v) => recognizers_rule(input, span, &g.text).map_or(Ok(v), Err),
                };
                match rule {
                    Ok(v) => gold.push((span, v, unit, g.text.as_str())),
                    Err((rule, why)) => {
                        excluded.add(spec, rule, why);
                        ignored.push(span);
                        ex.push("excluded (rule: gold)", || format!("[{spec}] {rule}: «{}»  in: {}", g.text, snippet(input, span.0, span.1, 40)));
                    }
                }
            }
            let pred: Vec<FoundQuantity> = find_quantities(input, 0, input.len())
                .into_iter()
                .filter(|q| {
                    let s = (q.start, q.end);
                    let on_gold = gold.iter().any(|g| overlap(g.0, s) > 0);
                    let on_ignored = ignored.iter().any(|&i| overlap(i, s) > 0);
                    !on_ignored && (on_gold || fa_kinds.is_none_or(|k| k.contains(&q.quantity.kind)))
                })
                .collect();
            let ov = |g: usize, p: usize| overlap(gold[g].0, (pred[p].start, pred[p].end));
            let m_exact = greedy_match(gold.len(), pred.len(), |g, p| (gold[g].0 == (pred[p].start, pred[p].end)).then_some(1.0));
            let m_over = greedy_match(gold.len(), pred.len(), |g, p| (ov(g, p) > 0).then(|| ov(g, p) as f64));
            let m_val = greedy_match(gold.len(), pred.len(), |g, p| {
                (ov(g, p) > 0 && gold_value_matches(gold[g].1, &gold[g].2, &pred[p].quantity)).then(|| ov(g, p) as f64)
            });
            let tp = |m: &[Option<usize>]| m.iter().flatten().count();
            exact.add(Score::exact(tp(&m_exact), pred.len(), gold.len()));
            over.add(Score::exact(tp(&m_over), pred.len(), gold.len()));
            val.add(Score::exact(tp(&m_val), pred.len(), gold.len()));
            for (g, (span, v, _, text)) in gold.iter().enumerate() {
                let shown = || format!("[{spec}] «{text}» = {v:?}  in: {}", snippet(input, span.0, span.1, 50));
                match (m_over[g], m_val[g]) {
                    (None, _) => ex.push("misses (no overlapping prediction)", shown),
                    (Some(p), None) => ex.push("wrong values (spans overlap)", || format!("{}  predicted {}", shown(), describe(&pred[p], input))),
                    _ => {}
                }
            }
            let used = matched_preds(&m_over, pred.len());
            for (p, q) in pred.iter().enumerate() {
                if !used[p] {
                    ex.push("false alarms (no overlapping gold)", || format!("[{spec}] {}  in: {}", describe(q, input), snippet(input, q.start, q.end, 50)));
                }
            }
        }
        let mut note = format!("{spec}: {} cases, {skipped_dotnet} skipped (NotSupported lists dotnet)", cases.len());
        if skip_all_unsupported {
            let _ = write!(note, ", {skipped_other} skipped (NotSupported by other ports, --skip-all-unsupported)");
        } else {
            let _ = write!(note, ", {flagged_kept} kept though NotSupported by other ports");
        }
        notes.push(note);
        for (score, metric) in [(exact, "span-exact"), (over, "span-overlap"), (val, "value")] {
            rows.push(Row::new(spec, metric, score));
        }
        all_exact.add(exact);
        all_overlap.add(over);
        all_value.add(val);
    }
    for (score, metric) in [(all_exact, "span-exact"), (all_overlap, "span-overlap"), (all_value, "value")] {
        rows.push(Row::new("all specs", metric, score));
    }
    Ok(SuiteResult { suite: "recognizers-text", rows, excluded: excluded.into_vec(), notes, examples: ex.render() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_ranges_parse() {
        let v = |s: &str| parse_value(Some(&serde_json::Value::String(s.into())));
        assert!(matches!(v("100%"), Some(GoldValue::Num(x)) if x == 100.0));
        assert!(matches!(v("1E-12"), Some(GoldValue::Num(x)) if x == 1e-12));
        assert!(matches!(v("(,100]"), Some(GoldValue::Range(None, Some(x))) if x == 100.0));
        assert!(matches!(v("[20,30)"), Some(GoldValue::Range(Some(a), Some(b))) if a == 20.0 && b == 30.0));
        assert!(v("null").is_none());
    }

    #[test]
    fn exclusion_rules() {
        let r = |input: &str, t: &str| {
            let s = input.to_lowercase().find(&t.to_lowercase()).unwrap();
            recognizers_rule(input, (s, s + t.len()), t).map(|x| x.0)
        };
        assert_eq!(r("He ranks between the tenth and the fifteenth.", "between the tenth and the fifteenth"), Some("ordinal"));
        assert_eq!(r("Let's try one last time", "one"), Some("bare-one"));
        assert_eq!(r("192.168.1.2", "168"), Some("identifier"));
        assert_eq!(r("Any time to meet on 5/17/2018?", "2018"), Some("identifier"));
        assert_eq!(r("My phone number is +1-222-2222/2222", "222"), Some("identifier"));
        assert_eq!(r("SCP-173", "173"), Some("identifier"));
        assert_eq!(r("a twenty-first", "a twenty-first"), None);
        assert_eq!(r("1,234,567", "1,234,567"), None);
        assert_eq!(r("that one mile can provide.", "one mile"), None);
        let q = |text: &str, surface: &str| {
            let s = text.find(surface).unwrap();
            let g = QGold { value: 0.0, unit: "dimensionless".into(), surface: surface.into() };
            quantulum_rule(text, Some((s, s + surface.len())), &g).map(|x| x.0)
        };
        assert_eq!(q("the passage of Voyager 2 in 1979", "1979"), Some("year"));
        assert_eq!(q("the passage of Voyager 2 in 1979", "2"), Some("label"));
        assert_eq!(q("Cannington—South 32 Ltd", "32"), Some("label"));
        assert_eq!(q("In this pit, 50 cars are stored", "50"), None);
        assert_eq!(q("This diffuser uses finest 9\" 360-ish plates", "360"), None);
    }
}
