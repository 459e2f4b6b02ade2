//! Hedges and predictions ("could", "is expected to", "reportedly", "in the coming days"), and
//! comparisons and superlatives ("more than doubled", "the largest", "a record", "the first").

use crate::words::{find_phrases_lowered, tokenize, Lowered, PhraseIndex, Token};
use std::sync::OnceLock;

static HEDGE_INDEX: OnceLock<PhraseIndex> = OnceLock::new();
static COMPARISON_INDEX: OnceLock<PhraseIndex> = OnceLock::new();

/// Hedge and prediction phrases (lower-case, words separated by single spaces).
const HEDGES: &[&str] = &[
    "could", "may", "might", "would", "will", "won't", "likely", "unlikely", "probably",
    "possibly", "perhaps", "potentially", "expected to", "is expected to", "are expected to",
    "was expected to", "were expected to", "set to", "poised to", "projected to", "forecast to",
    "predicted to", "likely to", "reportedly", "allegedly", "apparently", "purportedly",
    "supposedly", "suggesting", "suggests", "suggested", "speculation", "rumoured", "rumored",
    "in the coming days", "in the coming weeks", "in the coming months", "in the coming years",
    "in the near future", "within days", "within weeks", "within months", "soon", "imminent",
    "anticipated", "expects", "expect", "predicts", "predicted", "forecast", "forecasts",
    "is believed to", "are believed to", "is thought to", "are thought to", "appears to",
    "appear to", "seems to", "seem to", "plans to", "planned to", "aims to", "intends to",
];

/// Comparison and superlative phrases.
const COMPARISONS: &[&str] = &[
    "more than doubled", "more than tripled", "more than halved", "doubled", "tripled",
    "quadrupled", "halved", "the largest", "the biggest", "the highest", "the lowest",
    "the smallest", "the most", "the least", "the fewest", "the first", "the only", "the worst",
    "the best", "the fastest", "the slowest", "the longest", "the shortest", "the strongest",
    "the weakest", "the deadliest", "the costliest", "the oldest", "the youngest", "a record",
    "record high", "record low", "record-high", "record-low", "all-time high", "all-time low",
    "highest ever", "lowest ever", "unprecedented", "compared with", "compared to",
    "twice as", "three times as", "times more", "times higher", "times larger", "outnumber",
    "outnumbered", "surpassed", "overtook", "exceeded",
];

/// Periods of time after "the first" ("the first half of the year").
const PERIODS: &[&str] = &[
    "half", "quarter", "week", "weekend", "day", "days", "month", "months", "year", "years", "hour", "hours",
    "minute", "minutes", "decade", "season", "period", "night", "morning", "semester", "term",
];

/// Hedges and predictions in `text[start..end]`: absolute byte ranges, in order.
pub fn find_hedges(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    find_hedges_in(&tokenize(text, start, end))
}

/// [`find_hedges`] over a sentence's tokens.
pub fn find_hedges_in(toks: &[Token<'_>]) -> Vec<(usize, usize)> {
    find_hedges_lowered(toks, &Lowered::new(toks))
}

/// [`find_hedges_in`] with the tokens' lower-cased text already made.
pub fn find_hedges_lowered(toks: &[Token<'_>], lows: &Lowered<'_>) -> Vec<(usize, usize)> {
    find_phrases_lowered(lows, &HEDGE_INDEX, HEDGES)
        .into_iter()
        // "May" the month, "will" the noun ("the will of the people") are not hedges.
        .filter(|&(s, e)| {
            let first = &toks[s];
            !(e - s == 1 && first.is_capitalized() && first.is("may"))
                && !(first.is("will") && s > 0 && toks[s - 1].is_any(&["the", "political", "free", "good", "his", "her", "their"]))
        })
        .map(|(s, e)| (toks[s].start, toks[e - 1].end))
        .collect()
}

/// Comparisons and superlatives in `text[start..end]`: absolute byte ranges, in order.
/// Also "<comparative> than" ("higher than", "more … than") where no number follows "than"
/// directly after "more"/"less"/"fewer" (that is an approximator of a quantity).
pub fn find_comparisons(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    find_comparisons_in(&tokenize(text, start, end))
}

/// [`find_comparisons`] over a sentence's tokens.
pub fn find_comparisons_in(toks: &[Token<'_>]) -> Vec<(usize, usize)> {
    find_comparisons_lowered(toks, &Lowered::new(toks))
}

/// [`find_comparisons_in`] with the tokens' lower-cased text already made.
pub fn find_comparisons_lowered(toks: &[Token<'_>], lows: &Lowered<'_>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = find_phrases_lowered(lows, &COMPARISON_INDEX, COMPARISONS)
        .into_iter()
        // "in the first half of 2019", "the first week": a period of time, not a first.
        .filter(|&(_, e)| !(toks[e - 1].is("first") && toks.get(e).is_some_and(|t| t.is_any(PERIODS))))
        .map(|(s, e)| (toks[s].start, toks[e - 1].end))
        .collect();
    for (k, t) in toks.iter().enumerate() {
        if !t.is("than") || k == 0 {
            continue;
        }
        let prev = &toks[k - 1];
        let number_follows = toks.get(k + 1).is_some_and(is_number_like);
        if prev.is_any(&["more", "less", "fewer", "rather", "other"]) {
            continue; // "more than 1,000" is an approximator; "rather than" is not a comparison
        }
        if is_comparative(prev) || (number_follows && prev.lower().ends_with("er")) {
            let s = prev.start;
            if !out.iter().any(|&(a, b)| a <= s && s < b) {
                out.push((s, t.end));
            }
        }
    }
    crate::sort::sort_by_key(&mut out, |&(s, e)| crate::sort::key(&[(s as u64, 64), (e as u64, 64)]));
    out
}

fn is_number_like(t: &Token<'_>) -> bool {
    t.text.starts_with(|c: char| c.is_ascii_digit() || "$€£₩¥".contains(c))
}

fn is_comparative(t: &Token<'_>) -> bool {
    const NOT: &[&str] = &["other", "rather", "whether", "never", "ever", "after", "under", "over", "per", "order", "number", "later", "either", "neither", "together", "former", "member", "power", "officer", "leader", "water"];
    let l = t.lower();
    (l.ends_with("er") && l.len() > 4 && !NOT.contains(&&*l))
        || matches!(&*l, "worse" | "better" | "bigger" | "larger" | "higher" | "lower" | "greater" | "smaller" | "fewer" | "less")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hedges(s: &str) -> Vec<&str> {
        find_hedges(s, 0, s.len()).into_iter().map(|(a, b)| &s[a..b]).collect()
    }
    fn comps(s: &str) -> Vec<&str> {
        find_comparisons(s, 0, s.len()).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn hedges_and_predictions() {
        assert_eq!(hedges("Aid would be released in the coming days."), ["would", "in the coming days"]);
        assert_eq!(hedges("In May, prices are expected to rise."), ["are expected to"]);
        assert_eq!(hedges("He reportedly may leave."), ["reportedly", "may"]);
    }

    #[test]
    fn comparisons_but_not_approximators() {
        assert_eq!(comps("Exports more than doubled, the largest rise on record."), ["more than doubled", "the largest"]);
        assert!(comps("more than 1,000 people came").is_empty());
        assert_eq!(comps("Prices were higher than in 2020."), ["higher than"]);
        // A period of time is not a first; a first is.
        assert!(comps("Exports sank in the first half of 2019 and the first week of May.").is_empty());
        assert_eq!(comps("It was the first time since 1990."), ["the first"]);
    }
}
