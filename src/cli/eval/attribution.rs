//! Attribution (reported speech) against the hand-annotated corpus in `tests/attribution/`.
//!
//! Each annotated article's text is the `articleBody` of its page in
//! `pages/aeb/ground-truth.json` (checked against the annotation's SHA-256; a mismatch is an
//! error, since offsets into another text mean nothing). The core runs on the whole text
//! (`claimmark::extract`) and every claim's `attributions` are the predictions. When an
//! article is annotated only up to `annotated_until`, predictions whose cue starts at or after
//! that byte are dropped (gold spans never reach past it).
//!
//! **Matching** (PARC / PolNeAR style, keyed on the cue): a predicted and a gold attribution
//! may match when their cues share at least one byte; pairs are taken one to one, largest cue
//! overlap first, ties in document order. An attribution without a matching cue is a miss or
//! a false alarm, whatever its source and content.
//!
//! **Rows**
//! - `attribution cue-overlap`: matched pairs / predicted, / gold: detection.
//! - `source`, `cue`, `content` × `exact`: matched pairs whose span is exactly the gold span,
//!   over predicted (resp. gold) attributions that have that span (a `null` content counts
//!   on neither side).
//! - … × `token`: soft credit per matched pair, `|shared tokens| / |predicted tokens|` for
//!   precision and `/ |gold tokens|` for recall, summed and divided by the same counts
//!   (tokens: runs of letters and digits, and single punctuation marks).
//! - `triple exact`: all three spans exact. `triple token`: the same soft credit over tokens
//!   labelled by role (a token counts only in the same role on both sides).
//! - `source kind exact`: matched pairs whose source kind agrees. The guideline's four types
//!   map to the core's three: `named`, `pronoun`, `anonymous` to themselves, `descriptive`
//!   ("the company", "the governor": identified, not anonymous) to `named`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use claimmark::SourceKind;
use serde::Deserialize;

use super::metrics::{greedy_match, matched_preds, overlap, token_credit, tokens, tokens_in, Score};
use super::sha256;
use super::{clip, read, read_json, snippet, Paths, Row, SuiteResult};

type Range = (usize, usize);

#[derive(Deserialize)]
struct AnnDoc {
    doc: String,
    sha256: String,
    #[serde(default)]
    annotated_until: Option<usize>,
    attributions: Vec<AnnAttr>,
}

#[derive(Deserialize)]
struct AnnAttr {
    source: Range,
    cue: Range,
    content: Option<Range>,
    #[serde(default)]
    source_type: Option<String>,
}

#[derive(Deserialize)]
struct GroundTruthPage {
    #[serde(rename = "articleBody")]
    article_body: String,
}

/// One attribution, gold or predicted.
#[derive(Debug, Clone, PartialEq)]
struct Attr {
    source: Range,
    cue: Range,
    content: Option<Range>,
    kind: Option<SourceKind>,
    /// The guideline's source type as annotated (gold only), for the confusion counts.
    gold_type: Option<String>,
}

fn gold_kind(t: Option<&str>) -> Option<SourceKind> {
    match t? {
        "named" | "descriptive" => Some(SourceKind::Named),
        "pronoun" => Some(SourceKind::Pronoun),
        "anonymous" => Some(SourceKind::Anonymous),
        _ => None,
    }
}

fn kind_name(k: Option<SourceKind>) -> &'static str {
    match k {
        Some(SourceKind::Named) => "named",
        Some(SourceKind::Pronoun) => "pronoun",
        Some(SourceKind::Anonymous) => "anonymous",
        None => "-",
    }
}

const FIELDS: [&str; 3] = ["source", "cue", "content"];

fn field(a: &Attr, f: usize) -> Option<Range> {
    match f {
        0 => Some(a.source),
        1 => Some(a.cue),
        _ => a.content,
    }
}

/// Role-labelled token credit of a whole predicted triple against the gold one.
fn triple_credit(toks: &[Range], g: &Attr, p: &Attr) -> (f64, f64) {
    let (mut inter, mut np, mut ng) = (0usize, 0usize, 0usize);
    for f in 0..3 {
        let gr = field(g, f).map(|r| tokens_in(toks, r)).unwrap_or(0..0);
        let pr = field(p, f).map(|r| tokens_in(toks, r)).unwrap_or(0..0);
        inter += pr.end.min(gr.end).saturating_sub(pr.start.max(gr.start));
        np += pr.len();
        ng += gr.len();
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (ratio(inter, np), ratio(inter, ng))
}

fn show_attr(text: &str, a: &Attr) -> String {
    let part = |r: Option<Range>, max| r.map_or("-".to_string(), |(s, e)| clip(&text[s..e], max));
    format!("S«{}» C«{}» T«{}» ({})", part(Some(a.source), 50), part(Some(a.cue), 30), part(a.content, 70), kind_name(a.kind))
}

pub fn run(paths: &Paths, show: usize) -> Result<SuiteResult, String> {
    let ann_text = read(&paths.annotations)?;
    let pages: HashMap<String, GroundTruthPage> = read_json(&paths.file("pages/aeb/ground-truth.json")?)?;
    let ann_name = paths.annotations.display().to_string();

    let mut matched_score = Score::default();
    let mut exact = [Score::default(); 3];
    let mut soft = [Score::default(); 3];
    let (mut triple_exact, mut triple_soft, mut kind_score) = (Score::default(), Score::default(), Score::default());
    let mut confusion: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let (mut docs, mut limited) = (0, 0);
    let (mut misses, mut alarms, mut partial) = (Vec::new(), Vec::new(), Vec::new());
    let (mut n_miss, mut n_alarm, mut n_partial) = (0, 0, 0);

    for (n, line) in ann_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{ann_name}:{}", n + 1);
        let ann: AnnDoc = serde_json::from_str(line).map_err(|e| format!("eval: {at}: {e}"))?;
        let text = &pages.get(&ann.doc).ok_or_else(|| format!("eval: {at}: document {} not in ground-truth.json", ann.doc))?.article_body;
        let digest = sha256::hex(text.as_bytes());
        if !digest.eq_ignore_ascii_case(&ann.sha256) {
            return Err(format!("eval: {at}: the text of {} has SHA-256 {digest}, the annotation was made on {}", ann.doc, ann.sha256));
        }
        let check = |r: Range, what: &str| {
            if r.0 < r.1 && r.1 <= text.len() && text.is_char_boundary(r.0) && text.is_char_boundary(r.1) {
                Ok(r)
            } else {
                Err(format!("eval: {at}: {what} {r:?} is not a span of the text ({} bytes)", text.len()))
            }
        };
        let mut gold = Vec::new();
        for a in &ann.attributions {
            gold.push(Attr {
                source: check(a.source, "source")?,
                cue: check(a.cue, "cue")?,
                content: a.content.map(|c| check(c, "content")).transpose()?,
                kind: gold_kind(a.source_type.as_deref()),
                gold_type: a.source_type.clone(),
            });
        }
        docs += 1;
        let short: String = ann.doc.chars().take(8).collect();
        limited += usize::from(ann.annotated_until.is_some());
        let limit = ann.annotated_until.unwrap_or(usize::MAX);
        let report = claimmark::extract(text);
        let pred: Vec<Attr> = report
            .claims
            .iter()
            .flat_map(|c| &c.attributions)
            .map(|a| Attr {
                source: (a.source.start, a.source.end),
                cue: (a.cue.start, a.cue.end),
                content: a.content.as_ref().map(|c| (c.start, c.end)),
                kind: Some(a.source_kind),
                gold_type: None,
            })
            .filter(|a| a.cue.0 < limit)
            .collect();

        let m = greedy_match(gold.len(), pred.len(), |g, p| {
            let o = overlap(gold[g].cue, pred[p].cue);
            (o > 0).then_some(o as f64)
        });
        let toks = tokens(text);
        let pairs: Vec<(&Attr, &Attr)> = m.iter().enumerate().filter_map(|(g, p)| p.map(|p| (&gold[g], &pred[p]))).collect();
        matched_score.add(Score::exact(pairs.len(), pred.len(), gold.len()));
        for f in 0..3 {
            let n_gold = gold.iter().filter(|a| field(a, f).is_some()).count();
            let n_pred = pred.iter().filter(|a| field(a, f).is_some()).count();
            let mut e = Score::exact(0, n_pred, n_gold);
            let mut s = Score { gold: n_gold as f64, pred: n_pred as f64, ..Score::default() };
            for (g, p) in &pairs {
                if let (Some(gr), Some(pr)) = (field(g, f), field(p, f)) {
                    if gr == pr {
                        e.tp_p += 1.0;
                        e.tp_r += 1.0;
                    }
                    let (cp, cg) = token_credit(&toks, gr, pr);
                    s.tp_p += cp;
                    s.tp_r += cg;
                }
            }
            exact[f].add(e);
            soft[f].add(s);
        }
        let mut te = Score::exact(0, pred.len(), gold.len());
        let mut ts = Score { gold: gold.len() as f64, pred: pred.len() as f64, ..Score::default() };
        let mut ks = Score::exact(0, pred.len(), gold.len());
        for (g, p) in &pairs {
            let whole = g.source == p.source && g.cue == p.cue && g.content == p.content;
            if whole {
                te.tp_p += 1.0;
                te.tp_r += 1.0;
            }
            let (cp, cg) = triple_credit(&toks, g, p);
            ts.tp_p += cp;
            ts.tp_r += cg;
            if g.kind.is_some() && g.kind == p.kind {
                ks.tp_p += 1.0;
                ks.tp_r += 1.0;
            }
            *confusion.entry((g.gold_type.clone().unwrap_or_else(|| "-".into()), kind_name(p.kind))).or_default() += 1;
            if !whole {
                n_partial += 1;
                if partial.len() < show {
                    let mut diffs = Vec::new();
                    for (f, name) in FIELDS.iter().enumerate() {
                        let (gr, pr) = (field(g, f), field(p, f));
                        if gr != pr {
                            let t = |r: Option<Range>| r.map_or("-»".to_string(), |(s, e)| format!("{}» {s}..{e}", clip(&text[s..e], 70)));
                            diffs.push(format!("{name} gold «{} pred «{}", t(gr), t(pr)));
                        }
                    }
                    partial.push(format!("[{}] {}", short, diffs.join("; ")));
                }
            }
        }
        triple_exact.add(te);
        triple_soft.add(ts);
        kind_score.add(ks);

        for (g, a) in gold.iter().enumerate() {
            if m[g].is_none() {
                n_miss += 1;
                if misses.len() < show {
                    misses.push(format!("[{}] {}  in: {}", short, show_attr(text, a), snippet(text, a.cue.0, a.cue.1, 60)));
                }
            }
        }
        let used = matched_preds(&m, pred.len());
        for (p, a) in pred.iter().enumerate() {
            if !used[p] {
                n_alarm += 1;
                if alarms.len() < show {
                    alarms.push(format!("[{}] {}  in: {}", short, show_attr(text, a), snippet(text, a.cue.0, a.cue.1, 60)));
                }
            }
        }
    }

    let mut rows = vec![Row::new("attribution", "cue-overlap", matched_score)];
    for f in 0..3 {
        rows.push(Row::new(FIELDS[f], "exact", exact[f]));
        rows.push(Row::new(FIELDS[f], "token", soft[f]));
    }
    rows.push(Row::new("triple", "exact", triple_exact));
    rows.push(Row::new("triple", "token", triple_soft));
    rows.push(Row::new("source kind", "exact", kind_score));

    let mut notes = vec![format!("{docs} articles ({limited} annotated up to annotated_until), {} gold attributions", matched_score.gold)];
    let conf: Vec<String> = confusion.iter().map(|((g, p), n)| format!("{g}→{p} {n}")).collect();
    notes.push(format!("source kind on matched pairs (gold→pred; gold descriptive counts as named): {}", conf.join(", ")));

    let mut examples = String::new();
    if show > 0 {
        for (title, lines, total) in [
            ("misses (no predicted cue overlaps)", &misses, n_miss),
            ("false alarms (no gold cue overlaps)", &alarms, n_alarm),
            ("matched, spans differ", &partial, n_partial),
        ] {
            let _ = writeln!(examples, "{title} ({} of {total}):", lines.len());
            for l in lines {
                let _ = writeln!(examples, "  {l}");
            }
        }
    }
    Ok(SuiteResult { suite: "attribution", rows, excluded: Vec::new(), notes, examples })
}
