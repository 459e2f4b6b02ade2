//! Word-level helpers shared by the finders: a small tokenizer and word tests.
//!
//! Tokens are words (letters, digits, with inner `-`, `'`, `’`, `.` and digit separators, and a
//! trailing `.` on abbreviations like "U.S." or "Dr.") and single punctuation characters.
//! White space is not a token. Offsets are absolute UTF-8 byte offsets.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A fixed word list with `O(1)` membership (built on first use).
pub struct Lexicon {
    words: &'static [&'static str],
    set: OnceLock<std::collections::HashSet<&'static str>>,
}

impl Lexicon {
    pub const fn new(words: &'static [&'static str]) -> Lexicon {
        Lexicon { words, set: OnceLock::new() }
    }

    /// Whether `w` (already lower-cased) is in the list. Takes `&&str` like `slice::contains`.
    pub fn contains(&self, w: &&str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(*w)
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// A token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> Token<'a> {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_alphanumeric())
    }

    pub fn is_punct(&self) -> bool {
        !self.is_word()
    }

    /// Starts with an upper-case letter ("Blinken", "U.S.").
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// Lower-cased text, with curly apostrophes made straight.
    pub fn lower(&self) -> Cow<'a, str> {
        let t = self.text;
        if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            return Cow::Borrowed(t);
        }
        Cow::Owned(t.to_lowercase().replace('’', "'"))
    }

    /// Equal to `w` ignoring ASCII case.
    pub fn is(&self, w: &str) -> bool {
        self.text.eq_ignore_ascii_case(w)
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(w))
    }
}

/// Abbreviations that keep their final period as part of the word.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "maj", "rev", "hon", "pres", "st", "mt", "ft", "jr", "sr", "inc", "corp", "ltd", "co",
    "vs", "etc", "no", "nos", "vol", "pp", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "univ", "ave", "blvd", "rd",
];

/// Whether `word` (without its final period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036f}' | '\u{200d}')
}

/// Splits `text[start..end]` into tokens.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            let j = i + c.len_utf8();
            out.push(Token { start: start + i, end: start + j, text: &s[i..j] });
            continue;
        }
        let mut j = i + c.len_utf8();
        let mut has_inner_dot = false;
        while j < s.len() {
            let d = s[j..].chars().next().unwrap_or(' ');
            if is_word_char(d) {
                j += d.len_utf8();
                continue;
            }
            // Inner joiners: followed by a word char.
            let next = s[j + d.len_utf8()..].chars().next();
            let prev_digit = s[..j].ends_with(|x: char| x.is_ascii_digit());
            let joins = match d {
                '-' | '\'' | '’' | '.' => next.is_some_and(is_word_char),
                ',' => prev_digit && next.is_some_and(|x| x.is_ascii_digit()),
                _ => false,
            };
            if joins {
                if d == '.' {
                    has_inner_dot = true;
                }
                j += d.len_utf8();
                continue;
            }
            break;
        }
        // A trailing period belongs to dotted abbreviations ("U.S.") and known abbreviations.
        if s[j..].starts_with('.') {
            let w = &s[i..j];
            let single_initial = w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase());
            let dotted = has_inner_dot && w.chars().filter(|c| c.is_alphabetic()).count() <= 4
                && !w.chars().any(|c| c.is_ascii_digit());
            if dotted || single_initial || is_abbreviation(w) {
                j += 1;
            }
        }
        out.push(Token { start: start + i, end: start + j, text: &s[i..j] });
        while it.peek().is_some_and(|&(k, _)| k < j) {
            it.next();
        }
    }
    out
}

/// Finds whole-word, case-insensitive occurrences of any phrase in `phrases` (words separated
/// by single spaces) in `tokens`; returns `(first token, last token + 1)` pairs, longest first
/// at each position, non-overlapping, in order.
pub fn find_phrases(tokens: &[Token<'_>], phrases: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut best = 0;
        let first = tokens[i].lower();
        for p in phrases {
            // Cheap first-word test before comparing the rest.
            let mut words = p.split(' ');
            if words.next() != Some(first.as_ref()) {
                continue;
            }
            let n = 1 + words.clone().count();
            if n > best && i + n <= tokens.len() && words.zip(&tokens[i + 1..i + n]).all(|(w, t)| t.lower() == w) {
                best = n;
            }
        }
        if best > 0 {
            out.push((i, i + best));
            i += best;
        } else {
            i += 1;
        }
    }
    out
}

/// A phrase list indexed by first word, for [`find_phrases_indexed`].
pub struct PhraseIndex {
    by_first: HashMap<&'static str, Vec<Vec<&'static str>>>,
}

impl PhraseIndex {
    pub fn new(phrases: &[&'static str]) -> PhraseIndex {
        let mut by_first: HashMap<&'static str, Vec<Vec<&'static str>>> = HashMap::new();
        for p in phrases {
            let words: Vec<&'static str> = p.split(' ').collect();
            by_first.entry(words[0]).or_default().push(words);
        }
        PhraseIndex { by_first }
    }
}

/// [`find_phrases`] over a prebuilt index (kept in a `OnceLock` by the caller).
pub fn find_phrases_indexed(tokens: &[Token<'_>], index: &OnceLock<PhraseIndex>, phrases: &[&'static str]) -> Vec<(usize, usize)> {
    let index = index.get_or_init(|| PhraseIndex::new(phrases));
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut best = 0;
        if let Some(candidates) = index.by_first.get(tokens[i].lower().as_ref()) {
            for words in candidates {
                let n = words.len();
                if n > best && i + n <= tokens.len() && words[1..].iter().zip(&tokens[i + 1..i + n]).all(|(w, t)| t.lower() == *w) {
                    best = n;
                }
            }
        }
        if best > 0 {
            out.push((i, i + best));
            i += best;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len()).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokenizes_abbreviations_numbers_and_names() {
        assert_eq!(
            words("U.S. Secretary Antony Blinken said 1,200 soldiers, 3.5%."),
            ["U.S.", "Secretary", "Antony", "Blinken", "said", "1,200", "soldiers", ",", "3.5", "%", "."]
        );
        assert_eq!(words("Kim Yong-hyun’s view, Dr. No"), ["Kim", "Yong-hyun’s", "view", ",", "Dr.", "No"]);
        assert_eq!(words("in Washington, D.C., Blinken"), ["in", "Washington", ",", "D.C.", ",", "Blinken"]);
        assert_eq!(words("the end."), ["the", "end", "."]);
        assert_eq!(words("(2+2)"), ["(", "2", "+", "2", ")"]);
    }

    #[test]
    fn finds_longest_phrases() {
        let s = "it is expected to rise in the coming days";
        let t = tokenize(s, 0, s.len());
        let found = find_phrases(&t, &["expected to", "in the coming days", "coming"]);
        assert_eq!(found, vec![(2, 4), (5, 9)]);
    }
}
