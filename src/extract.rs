//! The pipeline: `text → sentences → features → claims`.

use crate::attribution::{find_attributions_in, SpeakerMemory};
use crate::hedge::{find_comparisons_lowered, find_hedges_lowered};
use crate::words::{recycle_tokens, tokenize_into, Lowered, Token};
use crate::quantity::{find_quantities_and_times_in, ScanBuffers};
use crate::quote::{find_quotes, QuoteSpan};
use crate::report::{Attribution, Claim, ClaimKind, Report, Role, Sentence, SourceKind, Span};
use crate::score::{score_sentence, Features};
use crate::segment::sentences;
use crate::sort::{key, rev, sort_by_key};

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

/// What [`Extraction`] keeps of a sentence until `finish`: its spans and attributions (the
/// features are spent on its score at once; a long text has thousands of sentences).
struct Kept {
    spans: Vec<Span>,
    attributions: Vec<Attribution>,
}

/// Buffers kept from sentence to sentence (emptied for each): fewer allocations.
#[derive(Default)]
struct Scratch {
    toks: Vec<Token<'static>>,
    low_buf: String,
    low_ends: Vec<(u32, u32, u32)>,
    scan: ScanBuffers,
    spans: Vec<Span>,
}

/// The typed spans, attributions and features (all but the quote count and the text features)
/// of the sentence `text[start..end]`.
fn find_in_sentence(
    text: &str,
    start: usize,
    end: usize,
    quotes: &mut [QuoteSpan],
    memory: &mut SpeakerMemory,
    scratch: &mut Scratch,
) -> Found {
    let spans = &mut scratch.spans;
    spans.clear();
    let mut features = Features::default();
    find_quantities_and_times_in(text, start, end, &mut scratch.scan);
    for q in scratch.scan.quantities.drain(..) {
        let mut s = Span::new(Role::Statistic, text, q.start, q.end);
        s.quantity = Some(Box::new(q.quantity));
        spans.push(s);
        features.statistics += 1;
    }
    for (s, e) in scratch.scan.times.drain(..) {
        spans.push(Span::new(Role::Time, text, s, e));
        features.times += 1;
    }
    // The sentence's tokens and their lower-cased text, made once for every finder below.
    let mut toks: Vec<Token<'_>> = std::mem::take(&mut scratch.toks);
    tokenize_into(text, start, end, &mut toks);
    let lows = Lowered::with_buffers(&toks, std::mem::take(&mut scratch.low_buf), std::mem::take(&mut scratch.low_ends));
    for (s, e) in find_hedges_lowered(&toks, &lows) {
        spans.push(Span::new(Role::Hedge, text, s, e));
        features.hedges += 1;
    }
    for (s, e) in find_comparisons_lowered(&toks, &lows) {
        spans.push(Span::new(Role::Comparison, text, s, e));
        features.comparisons += 1;
    }
    // "in the coming days" is both a time and a hedge: mark it once, as the hedge.
    // (Only a sentence with both: no vector for the others.)
    if features.times > 0 && features.hedges > 0 {
        let hedges: Vec<(usize, usize)> = spans.iter().filter(|s| s.role == Role::Hedge).map(|s| (s.start, s.end)).collect();
        spans.retain(|s| s.role != Role::Time || !hedges.contains(&(s.start, s.end)));
    }
    let attributions = find_attributions_in(text, &toks, &lows, quotes, memory);
    features.fill_from_lowered(&text[start..end], &toks, &lows);
    features.attributions = attributions.len();
    features.anonymous = attributions.iter().any(|a| a.source_kind == SourceKind::Anonymous);
    (scratch.low_buf, scratch.low_ends) = lows.into_buffers();
    scratch.toks = recycle_tokens(toks);
    // Moved into a vector of their number: one allocation, no spare capacity.
    let mut kept = Vec::with_capacity(scratch.spans.len());
    kept.append(&mut scratch.spans);
    Found { spans: kept, attributions, features }
}

/// The score features of one sentence on its own, found by the same finders as the pipeline
/// (which also sees the neighbouring sentences: a quote or speaker carried over from them).
/// This is what the check-worthiness model is trained on.
pub fn features_for_sentence(sentence: &str) -> Features {
    let mut quotes = find_quotes(sentence);
    let mut memory = SpeakerMemory::default();
    let mut features = find_in_sentence(sentence, 0, sentence.len(), &mut quotes, &mut memory, &mut Scratch::default()).features;
    features.quotes = quotes.len();
    features
}

/// Extracts sentences and claims from `text`.
pub fn extract_with(text: &str, options: &Options) -> Report {
    let mut extraction = Extraction::new(text, options);
    extraction.step(text, usize::MAX);
    extraction.finish(text)
}

/// An extraction done in steps, so that a long text can show progress and be cancelled
/// between steps (the web edge runs one step per animation frame). The result is exactly
/// [`extract_with`]'s, however the work is divided:
///
/// ```
/// use claimmark::extract::Extraction;
/// let text = "Prices rose 5% in May. \"We will act,\" she said.";
/// let mut ex = Extraction::new(text, &Default::default());
/// while !ex.step(text, 10) {
///     println!("{} of {} bytes", ex.done_bytes(), text.len());
/// }
/// assert_eq!(ex.finish(text), claimmark::extract(text));
/// ```
///
/// Every call must pass the same `text` as [`Extraction::new`].
pub struct Extraction {
    options: Options,
    ranges: Vec<(usize, usize)>,
    quotes: Vec<QuoteSpan>,
    /// Per sentence: how many quotes start in it.
    quote_counts: Vec<usize>,
    memory: SpeakerMemory,
    /// Per sentence done so far: what was found in it, and its score.
    found: Vec<Kept>,
    scores: Vec<f32>,
    scratch: Scratch,
}

impl Extraction {
    /// Segments `text` and finds its quotes (fast); the sentences are done by [`Extraction::step`].
    pub fn new(text: &str, options: &Options) -> Extraction {
        let ranges = sentences(text);
        let quotes = find_quotes(text);
        // A quote belongs to the sentence where it starts.
        let mut quote_counts = vec![0; ranges.len()];
        for q in &quotes {
            let first = ranges.partition_point(|&(_, e)| e <= q.start);
            if let Some(n) = quote_counts.get_mut(first) {
                *n += 1;
            }
        }
        let n = ranges.len();
        Extraction {
            options: options.clone(),
            ranges,
            quotes,
            quote_counts,
            memory: SpeakerMemory::default(),
            found: Vec::with_capacity(n),
            scores: Vec::with_capacity(n),
            scratch: Scratch::default(),
        }
    }

    /// Finds and scores the next sentences, until at least `budget` bytes of text were done
    /// (at least one sentence per call). Returns whether every sentence is done.
    pub fn step(&mut self, text: &str, budget: usize) -> bool {
        let mut done = 0usize;
        while let Some(&(start, end)) = self.ranges.get(self.found.len()) {
            if done > 0 && done >= budget {
                return false;
            }
            let i = self.found.len();
            let Found { mut spans, mut attributions, mut features } =
                find_in_sentence(text, start, end, &mut self.quotes, &mut self.memory, &mut self.scratch);
            features.quotes += self.quote_counts[i];
            self.scores.push(score_sentence(&text[start..end], &features));
            // Kept until `finish`: no spare capacity (a Span is ~100 bytes, an Attribution ~400).
            spans.shrink_to_fit();
            attributions.shrink_to_fit();
            self.found.push(Kept { spans, attributions });
            done = done.saturating_add(end - start).max(1);
        }
        true
    }

    /// How far the steps have got: the end (byte offset) of the last sentence done.
    pub fn done_bytes(&self) -> usize {
        self.found.len().checked_sub(1).map_or(0, |i| self.ranges[i].1)
    }

    /// Whether every sentence is done.
    pub fn is_done(&self) -> bool {
        self.found.len() == self.ranges.len()
    }

    /// Does what is left and assembles the report.
    pub fn finish(mut self, text: &str) -> Report {
        self.step(text, usize::MAX);
        let Extraction { options, ranges, mut quotes, mut found, scores, .. } = self;
        carry_quote_speakers(text, &ranges, &mut quotes);
        let mut report = Report::default();
        // One allocation each (at most one claim per sentence), not a doubling series that
        // leaves holes in the wasm heap.
        report.sentences.reserve_exact(ranges.len());
        report.claims.reserve_exact(ranges.len());

        // Quotes: each belongs to the sentence where it starts; attribution has set its
        // speaker where the text says who spoke.
        for q in &quotes {
            // A short quote nobody is said to have spoken is a scare quote, a title or a
            // term ("shifts to “S”", "the “Netflix of games”"), not a statement to check.
            if q.speaker.is_none() && is_scare_quote(&text[q.start..q.end]) {
                continue;
            }
            let mut span = Span::new(Role::Quote, text, q.start, q.end);
            span.speaker = q.speaker.clone();
            let first = ranges.partition_point(|&(_, e)| e <= q.start);
            if let Some(f) = found.get_mut(first) {
                f.spans.push(span);
            }
        }

        for (&(start, end), score) in ranges.iter().zip(scores) {
            report.sentences.push(Sentence { start, end, score });
        }
        assemble_claims(text, &ranges, &mut found, &options, &mut report);
        report
    }
}

/// A quote that opens the sentence right after one whose quote has a speaker, with no
/// speaker of its own, continues that speaker (`"We are thrilled," Torrey said. "It is a new
/// era."`, also across a paragraph break, as news writing does). A scare quote takes no
/// speaker and leaves the chain as it is; any other quote with no speaker ends it.
fn carry_quote_speakers(text: &str, ranges: &[(usize, usize)], quotes: &mut [QuoteSpan]) {
    let sentence_of = |b: usize| ranges.partition_point(|&(_, e)| e <= b);
    // The sentence where the last spoken quote ended, and its speaker.
    let mut last: Option<(usize, String)> = None;
    for q in quotes.iter_mut() {
        if q.speaker.is_none() {
            if is_scare_quote(&text[q.start..q.end]) {
                continue;
            }
            let first = sentence_of(q.start);
            let opens = ranges.get(first).is_some_and(|&(s, _)| text[s..q.start].trim().is_empty());
            if let Some((_, speaker)) = last.as_ref().filter(|(ended, _)| ended + 1 == first && opens) {
                q.speaker = Some(speaker.clone());
            }
        }
        last = q.speaker.clone().map(|s| (sentence_of(q.end.saturating_sub(1)), s));
    }
}

/// Whether a quote (with its marks) is at most three words long.
fn is_scare_quote(quote: &str) -> bool {
    quote.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).take(4).count() <= 3
}

/// Every claim kind, in the order of their discriminants (the order of a claim's kinds).
const KINDS: [ClaimKind; 6] = [
    ClaimKind::Statistic,
    ClaimKind::Attribution,
    ClaimKind::Quote,
    ClaimKind::Prediction,
    ClaimKind::Comparison,
    ClaimKind::Factual,
];

/// Groups the sentences into claims (`report.sentences` are filled in).
fn assemble_claims(text: &str, ranges: &[(usize, usize)], found: &mut [Kept], options: &Options, report: &mut Report) {
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
        // The first sentence's vectors, taken (most claims are one sentence: no copy).
        let mut spans = std::mem::take(&mut found[i].spans);
        let mut attributions = std::mem::take(&mut found[i].attributions);
        let mut score: f32 = report.sentences[i].score;
        for k in i + 1..=last {
            spans.append(&mut found[k].spans);
            attributions.append(&mut found[k].attributions);
            score = score.max(report.sentences[k].score);
        }
        // The claim's kinds as a set (bit `k as u8` for kind `k`): no vector until it is a claim,
        // and read out in the order of the kinds, each once.
        let bit = |k: ClaimKind| 1u8 << k as u8;
        let mut set = 0u8;
        for s in &spans {
            set |= match s.role {
                Role::Statistic => bit(ClaimKind::Statistic),
                Role::Quote => bit(ClaimKind::Quote),
                Role::Hedge => bit(ClaimKind::Prediction),
                Role::Comparison => bit(ClaimKind::Comparison),
                _ => 0,
            };
        }
        if !attributions.is_empty() {
            set |= bit(ClaimKind::Attribution);
        }
        // A question states nothing unless it carries a statistic.
        let question = report.sentences[i..=last].iter().all(|s| text[s.start..s.end].trim_end().ends_with('?'));
        if question {
            set &= bit(ClaimKind::Statistic);
        }
        let typed = set != 0;
        if (typed || score >= crate::score::DEFAULT_THRESHOLD) && score >= options.min_score {
            if set == 0 {
                set = bit(ClaimKind::Factual);
            }
            let mut kinds = Vec::with_capacity(set.count_ones() as usize);
            kinds.extend(KINDS.iter().copied().filter(|&k| set & bit(k) != 0));
            sort_by_key(&mut spans, |s| key(&[(s.start as u64, 40), (rev(s.end, 40), 40), (s.role as u64, 8)]));
            // (Who speaks, not someone their quote mentions: an attribution whose cue is inside
            // a quote comes last.)
            let in_quote = |a: &Attribution| spans.iter().any(|s| s.role == Role::Quote && s.start < a.cue.start && a.cue.end <= s.end);
            let speaker = attributions
                .iter()
                .find(|a| !in_quote(a))
                .or(attributions.first())
                .map(|a| a.speaker.clone())
                .or_else(|| spans.iter().find_map(|s| s.speaker.clone()));
            let anonymous = attributions.iter().any(|a| a.source_kind == SourceKind::Anonymous);
            // A long article has thousands of claims: no spare capacity in each.
            spans.shrink_to_fit();
            attributions.shrink_to_fit();
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
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../tests/fixtures/example-article.txt");

    /// However the work is divided into steps, the report is `extract_with`'s.
    #[test]
    fn steps_give_the_same_report() {
        let quoted = "\"We will not stop,\" he said. \"Prices rose 5%.\nThey will rise again,\" she added. Nearly 10 million rounds were fired, officials said.";
        for text in [SEED, quoted, "", "No claim here"] {
            for options in [Options::default(), Options { min_score: 0.5 }] {
                let whole = extract_with(text, &options);
                for budget in [0, 1, 7, 120, 5_000] {
                    let mut ex = Extraction::new(text, &options);
                    let mut steps = 0;
                    let mut last = 0;
                    while !ex.step(text, budget) {
                        steps += 1;
                        assert!(ex.done_bytes() > last || steps == 1, "progress moves forward");
                        last = ex.done_bytes();
                        assert!(!ex.is_done());
                    }
                    assert!(ex.is_done());
                    assert_eq!(ex.done_bytes(), whole.sentences.last().map_or(0, |s| s.end));
                    assert_eq!(ex.finish(text), whole, "budget {budget}");
                }
            }
        }
        // A small budget really divides the seed article into many steps.
        let mut ex = Extraction::new(SEED, &Options::default());
        let mut steps = 1;
        while !ex.step(SEED, 200) {
            steps += 1;
        }
        assert!(steps >= SEED.len() / 400, "{steps} steps for {} bytes", SEED.len());
    }
}
