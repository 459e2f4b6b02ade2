//! Check-worthiness of a sentence, in `[0, 1]`.
//!
//! The default score, [`score_sentence`], is the learned model of [`crate::model`]: logistic
//! regression over hashed words and char n-grams of the sentence plus the core's own
//! [`Features`], trained on CheckThat! 2024 and ClaimBuster (`claimmark train`).
//!
//! The earlier hand-set score stays available as [`heuristic_score`] (for comparison, and as
//! one input of the model): each feature adds or removes a fixed weight from a base and the
//! sum is squashed with a logistic function — a statistic is the strongest signal, then a
//! comparison, an attribution, named entities and a time anchor; questions, first-person
//! opinions and very short sentences are weak.

/// Sentences at or above this score are claims even without a typed span: the model's
/// threshold, chosen for the best F1 on CheckThat! 2024 dev.
pub const DEFAULT_THRESHOLD: f32 = crate::model::THRESHOLD;

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
        self.fill_from_tokens(sentence, &crate::words::tokenize(sentence, 0, sentence.len()));
    }

    /// [`Features::fill_from_text`] with the sentence's tokens already made.
    pub fn fill_from_tokens(&mut self, sentence: &str, toks: &[crate::words::Token<'_>]) {
        self.fill_from_lowered(sentence, toks, &crate::words::Lowered::new(toks));
    }

    /// [`Features::fill_from_tokens`] with the tokens' lower-cased text already made.
    pub fn fill_from_lowered(&mut self, sentence: &str, toks: &[crate::words::Token<'_>], lows: &crate::words::Lowered<'_>) {
        let (mut words, mut names, mut events) = (0, 0, 0);
        let mut opinion = false;
        let mut after_person = false; // the previous word is "i", "we" or "you"
        for (i, t) in toks.iter().enumerate().filter(|(_, t)| t.is_word()) {
            if words > 0 && t.is_capitalized() && !t.is("I") {
                names += 1;
            }
            words += 1;
            // Byte-slice patterns: compared inline, by length first.
            let w = lows.get(i).as_bytes();
            // (Rarely tested: `str` patterns, smaller code.)
            opinion |= after_person
                && matches!(lows.get(i), "think" | "believe" | "feel" | "know" | "want" | "hope" | "love" | "guess" | "mean");
            after_person = matches!(w, b"i" | b"we" | b"you");
            let event = match w.len() {
                2 => w == b"is",
                3 => matches!(w, b"has" | b"had" | b"was" | b"are"),
                4 => matches!(w, b"have" | b"were"),
                n => n > 4 && w.ends_with(b"ed"),
            };
            if event {
                events += 1;
            }
        }
        self.words = words;
        self.names = names;
        self.question = sentence.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with('?');
        self.opinion = opinion;
        self.events = events;
    }
}

fn logistic(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The check-worthiness of a sentence (its text and the features the pipeline found in it),
/// in `[0, 1]`, by the learned model.
pub fn score_sentence(sentence: &str, f: &Features) -> f32 {
    crate::model::score(sentence, f)
}

/// The check-worthiness of a sentence from its text alone: the core's features of the
/// sentence on its own ([`crate::extract::features_for_sentence`]) and the model.
pub fn score_text(sentence: &str) -> f32 {
    score_sentence(sentence, &crate::extract::features_for_sentence(sentence))
}

/// The hand-set heuristic score of these features, in `[0, 1]` (the fallback; its best F1 on
/// CheckThat! 2024 dev is printed by `claimmark train` next to the model's).
pub fn heuristic_score(f: &Features) -> f32 {
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
        heuristic_score(&f)
    }

    #[test]
    fn heuristic_statistics_score_high_and_chatter_low() {
        let stat = score("North Korea has supplied nearly 10 million artillery rounds.", 1);
        let chat = score("I think you know what I mean?", 0);
        assert!(stat > 0.75, "{stat}");
        assert!(chat < 0.2, "{chat}");
        assert!((0.0..=1.0).contains(&stat));
    }
}
