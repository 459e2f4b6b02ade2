//! The pipeline: `text → sentences → features → claims`.

use crate::attribution::{find_attributions_in, SpeakerMemory};
use crate::hedge::{find_comparisons_in, find_hedges_in};
use crate::words::tokenize;
use crate::quantity::find_quantities_and_times;
use crate::quote::{find_quotes, QuoteSpan};
use crate::report::{Attribution, Claim, ClaimKind, Report, Role, Sentence, SourceKind, Span};
use crate::score::{score_sentence, Features};
use crate::segment::sentences;

/// Extraction options.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Claims scoring below this (0–1) are left out of the report. Default 0: every claim.
    pub min_score: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options { min_score: 0.0 }
    }
}

/// Extracts sentences and claims from `text` with default options.
pub fn extract(text: &str) -> Report {
    extract_with(text, &Options::default())
}

/// Per sentence: the typed spans and attributions found in it, and its score features.
struct Found {
    spans: Vec<Span>,
    attributions: Vec<Attribution>,
    features: Features,
}

/// The typed spans, attributions and features (all but the quote count and the text features)
/// of the sentence `text[start..end]`.
fn find_in_sentence(text: &str, start: usize, end: usize, quotes: &mut [QuoteSpan], memory: &mut SpeakerMemory) -> Found {
    let mut spans = Vec::new();
    let mut features = Features::default();
    let (quantities, times) = find_quantities_and_times(text, start, end);
    for q in quantities {
        let mut s = Span::new(Role::Statistic, text, q.start, q.end);
        s.quantity = Some(q.quantity);
        spans.push(s);
        features.statistics += 1;
    }
    for (s, e) in times {
        spans.push(Span::new(Role::Time, text, s, e));
        features.times += 1;
    }
    let toks = tokenize(text, start, end);
    for (s, e) in find_hedges_in(&toks) {
        spans.push(Span::new(Role::Hedge, text, s, e));
        features.hedges += 1;
    }
    for (s, e) in find_comparisons_in(&toks) {
        spans.push(Span::new(Role::Comparison, text, s, e));
        features.comparisons += 1;
    }
    // "in the coming days" is both a time and a hedge: mark it once, as the hedge.
    let hedges: Vec<(usize, usize)> = spans.iter().filter(|s| s.role == Role::Hedge).map(|s| (s.start, s.end)).collect();
    spans.retain(|s| s.role != Role::Time || !hedges.contains(&(s.start, s.end)));
    let attributions = find_attributions_in(text, &toks, quotes, memory);
    features.fill_from_tokens(&text[start..end], &toks);
    features.attributions = attributions.len();
    features.anonymous = attributions.iter().any(|a| a.source_kind == SourceKind::Anonymous);
    Found { spans, attributions, features }
}

/// The score features of one sentence on its own, found by the same finders as the pipeline
/// (which also sees the neighbouring sentences: a quote or speaker carried over from them).
/// This is what the check-worthiness model is trained on.
pub fn features_for_sentence(sentence: &str) -> Features {
    let mut quotes = find_quotes(sentence);
    let mut memory = SpeakerMemory::default();
    let mut features = find_in_sentence(sentence, 0, sentence.len(), &mut quotes, &mut memory).features;
    features.quotes = quotes.len();
    features
}

/// Extracts sentences and claims from `text`.
pub fn extract_with(text: &str, options: &Options) -> Report {
    let ranges = sentences(text);
    let mut quotes = find_quotes(text);
    let mut memory = SpeakerMemory::default();
    let mut report = Report::default();

    let mut found: Vec<Found> = Vec::with_capacity(ranges.len());
    for &(start, end) in &ranges {
        found.push(find_in_sentence(text, start, end, &mut quotes, &mut memory));
    }

    // Quotes: each belongs to the sentence where it starts; attribution has set its speaker
    // where the text says who spoke.
    for q in &quotes {
        let mut span = Span::new(Role::Quote, text, q.start, q.end);
        span.speaker = q.speaker.clone();
        let first = ranges.partition_point(|&(_, e)| e <= q.start);
        if let Some(f) = found.get_mut(first) {
            f.features.quotes += 1;
            f.spans.push(span);
        }
    }

    for (&(start, end), f) in ranges.iter().zip(&mut found) {
        let score = score_sentence(&text[start..end], &f.features);
        report.sentences.push(Sentence { start, end, score });
    }

    // Claims: a sentence is a claim when it has a typed span (statistic, attribution, quote,
    // prediction, comparison) or scores at least `score::DEFAULT_THRESHOLD` without one.
    // A quote that runs past its sentence pulls the following sentences into the same claim.
    let mut i = 0;
    while i < ranges.len() {
        let (start, mut end) = ranges[i];
        let mut last = i;
        loop {
            // Quotes of every merged sentence count: one may start in a pulled-in sentence.
            for s in &found[last].spans {
                if s.role == Role::Quote && s.end > end {
                    end = s.end;
                }
            }
            if last + 1 < ranges.len() && ranges[last + 1].0 < end {
                last += 1;
                end = end.max(ranges[last].1);
            } else {
                break;
            }
        }
        let mut spans = Vec::new();
        let mut attributions = Vec::new();
        let mut kinds = Vec::new();
        let mut score: f32 = 0.0;
        for k in i..=last {
            spans.append(&mut found[k].spans);
            attributions.append(&mut found[k].attributions);
            score = score.max(report.sentences[k].score);
        }
        for s in &spans {
            let kind = match s.role {
                Role::Statistic => Some(ClaimKind::Statistic),
                Role::Quote => Some(ClaimKind::Quote),
                Role::Hedge => Some(ClaimKind::Prediction),
                Role::Comparison => Some(ClaimKind::Comparison),
                _ => None,
            };
            kinds.extend(kind);
        }
        if !attributions.is_empty() {
            kinds.push(ClaimKind::Attribution);
        }
        kinds.sort_unstable();
        kinds.dedup();
        // A question states nothing unless it carries a statistic.
        let question = report.sentences[i..=last].iter().all(|s| text[s.start..s.end].trim_end().ends_with('?'));
        if question {
            kinds.retain(|k| *k == ClaimKind::Statistic);
        }
        let typed = !kinds.is_empty();
        if (typed || score >= crate::score::DEFAULT_THRESHOLD) && score >= options.min_score {
            if kinds.is_empty() {
                kinds.push(ClaimKind::Factual);
            }
            spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.role));
            let speaker = attributions
                .first()
                .map(|a| a.speaker.clone())
                .or_else(|| spans.iter().find_map(|s| s.speaker.clone()));
            let anonymous = attributions.iter().any(|a| a.source_kind == SourceKind::Anonymous);
            report.claims.push(Claim {
                id: report.claims.len(),
                start,
                end,
                text: text[start..end].to_string(),
                sentence: i,
                kinds,
                score,
                speaker,
                anonymous,
                spans,
                attributions,
            });
        }
        i = last + 1;
    }
    report
}
