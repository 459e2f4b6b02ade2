//! Check-worthiness: a transparent heuristic score in `[0, 1]` from the core's own features.
//!
//! Each feature adds or removes a fixed weight from a base; the sum is squashed with a
//! logistic function. The weights are set by hand to reflect what fact-checkers look for: a
//! statistic is the strongest signal, then a comparison, an attribution, named entities and
//! a time anchor; questions, first-person opinions and very short sentences are weak.

/// Sentences at or above this score are claims even without a typed span.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// What the score is computed from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub statistics: usize,
    pub times: usize,
    pub hedges: usize,
    pub comparisons: usize,
    pub attributions: usize,
    pub anonymous: bool,
    pub quotes: usize,
    /// Words in the sentence.
    pub words: usize,
    /// Capitalised words not at the start of the sentence (a rough count of named entities).
    pub names: usize,
    /// Ends with a question mark.
    pub question: bool,
    /// First- or second-person opinion markers ("I think", "we believe", "you know").
    pub opinion: bool,
    /// Past-tense or present-perfect event verbs ("supplied", "has risen").
    pub events: usize,
}

impl Features {
    /// Fills the text-derived features from the sentence text.
    pub fn fill_from_text(&mut self, sentence: &str) {
        let toks = crate::words::tokenize(sentence, 0, sentence.len());
        let words: Vec<_> = toks.iter().filter(|t| t.is_word()).collect();
        self.words = words.len();
        self.names = words.iter().skip(1).filter(|t| t.is_capitalized() && !t.is("I")).count();
        self.question = sentence.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with('?');
        let lower: Vec<String> = words.iter().map(|t| t.lower()).collect();
        self.opinion = lower.windows(2).any(|w| {
            matches!(w[0].as_str(), "i" | "we" | "you")
                && matches!(w[1].as_str(), "think" | "believe" | "feel" | "know" | "want" | "hope" | "love" | "guess" | "mean")
        });
        self.events = lower
            .iter()
            .filter(|w| (w.ends_with("ed") && w.len() > 4) || matches!(w.as_str(), "has" | "have" | "had" | "was" | "were" | "is" | "are"))
            .count();
    }
}

fn logistic(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The check-worthiness of a sentence with these features, in `[0, 1]`.
pub fn score_sentence(f: &Features) -> f32 {
    let mut x = -1.6;
    if f.statistics > 0 {
        x += 2.2 + 0.3 * (f.statistics.min(4) as f32 - 1.0);
    }
    if f.comparisons > 0 {
        x += 0.9;
    }
    if f.attributions > 0 {
        x += 0.7;
    }
    if f.anonymous {
        x += 0.2;
    }
    if f.quotes > 0 {
        x += 0.3;
    }
    if f.hedges > 0 {
        x += 0.3;
    }
    if f.times > 0 {
        x += 0.5;
    }
    x += 0.25 * f.names.min(4) as f32;
    x += 0.2 * f.events.min(3) as f32;
    if f.question {
        x -= 1.5;
    }
    if f.opinion {
        x -= 0.8;
    }
    if f.words < 6 {
        x -= 1.2;
    }
    let s = logistic(x);
    (s * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(s: &str, stats: usize) -> f32 {
        let mut f = Features { statistics: stats, ..Features::default() };
        f.fill_from_text(s);
        score_sentence(&f)
    }

    #[test]
    fn statistics_score_high_and_chatter_low() {
        let stat = score("North Korea has supplied nearly 10 million artillery rounds.", 1);
        let chat = score("I think you know what I mean?", 0);
        assert!(stat > 0.75, "{stat}");
        assert!(chat < 0.2, "{chat}");
        assert!((0.0..=1.0).contains(&stat));
    }
}
