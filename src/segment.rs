//! Sentence segmentation.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it)
//! when white space and the start of a new sentence follow; at a blank line; and at a single
//! line break unless the next line continues the sentence (starts lower-case after a line
//! that does not end a sentence). A period does not end a sentence after a title ("Dr."),
//! an initial ("F."), "No." or a month before a number ("Jan. 5"), inside decimals, or after
//! a dotted acronym ("U.S.", "D.C.") unless a typical sentence opener follows.

use crate::words::is_abbreviation;

/// Titles and similar words after which a period never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "rev", "hon", "pres", "st", "mt", "ft", "supt", "det", "insp",
];

/// Abbreviations that are followed by a number ("No. 1", "Jan. 5", "pp. 4").
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "vol", "pp", "p", "fig", "art", "sec", "ch", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that typically open a sentence; after an abbreviation they signal a boundary.
const OPENERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on", "at",
    "this", "that", "these", "those", "there", "his", "her", "their", "its", "our", "however",
    "meanwhile", "after", "before", "when", "while", "if", "as", "so", "yet", "still", "also",
    "according", "for", "with", "last", "many", "some", "most", "no", "now", "then", "since",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Splits `text` into sentences: trimmed, non-empty byte ranges in order.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only line breaks and terminals ('…' starts with 0xE2) matter: skip other bytes.
        if !matches!(bytes[i], b'\n' | b'.' | b'!' | b'?' | 0xE2) {
            i = crate::words::find_any_byte(bytes, i + 1, [b'\n', b'.', b'!', b'?', 0xE2]);
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
        let mut next_i = i + c.len_utf8();
        let boundary = if c == '\n' {
            line_break_ends_sentence(text, i).then_some((i, i + 1))
        } else if is_terminal(c) {
            // Take the run of terminals and closers: `?!`, `..."`, `.”)`.
            let mut j = i + c.len_utf8();
            for d in text[j..].chars() {
                if is_terminal(d) || is_closer(d) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let next = text[j..].chars().next();
            match next {
                None => Some((j, j)),
                Some(n) if n.is_whitespace() => {
                    let rest = text[j..].trim_start();
                    let k = text.len() - rest.len();
                    let follows = rest.chars().next();
                    let starts_new = match follows {
                        None => true,
                        Some(f) => f.is_uppercase() || f.is_ascii_digit() || matches!(f, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '¿' | '¡' | '—' | '–' | '-' | '•' | '*') || f.is_alphabetic() && !f.is_lowercase(),
                    };
                    let ends = starts_new && (c != '.' || text[i..j].contains("..") || period_ends_sentence(text, i, rest));
                    ends.then_some((j, k))
                }
                Some(_) => None,
            }
        } else {
            None
        };
        if let Some((end, next_start)) = boundary {
            push_trimmed(text, start, end, &mut out);
            start = next_start.max(start);
            next_i = next_i.max(start);
        }
        i = next_i;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The longest sentence, in bytes. Real sentences are far shorter (a long one is 500 bytes);
/// longer "sentences" are run-on text without punctuation (tables, lists, pasted data), cut
/// at white space so that the finders, some of which are quadratic within a sentence, stay
/// linear in the length of the text.
pub const MAX_SENTENCE: usize = 5_000;

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    if start >= end {
        return;
    }
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let (mut from, to) = (start + lead, start + lead + trimmed.len());
    while to - from > MAX_SENTENCE {
        // Cut at the last white space before the limit (or, in a 5 KB word, at a char boundary).
        let mut cut = from + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &text[from..cut];
        if let Some(ws) = head.rfind(char::is_whitespace).filter(|&w| w > 0) {
            cut = from + ws;
        }
        let piece = text[from..cut].trim_end();
        out.push((from, from + piece.len()));
        let rest = &text[cut..to];
        from = to - rest.trim_start().len();
    }
    if from < to {
        out.push((from, to));
    }
}

/// A line break at `i` ends a sentence unless the next line continues it.
fn line_break_ends_sentence(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches([' ', '\t', '\r']);
    let after = &text[i + 1..];
    let rest = after.trim_start_matches([' ', '\t', '\r']);
    if rest.starts_with('\n') || before.is_empty() || before.ends_with('\n') {
        return true; // blank line: a paragraph break
    }
    let prev_ends = before.ends_with(|c: char| is_terminal(c) || is_closer(c) || c == ':');
    let next_lower = rest.chars().next().is_some_and(|c| c.is_lowercase());
    prev_ends || !next_lower
}

/// Room for a lower-cased word of [`TITLES`], [`BEFORE_NUMBER`], [`OPENERS`] and "e.g"/"i.e"
/// (the longest is 9 bytes).
const SHORT: usize = 16;

/// `chars` lower-cased ([`crate::words::lower_char`]) into `buf`, or `None` when they do not
/// fit (then they are none of the listed words). No allocation: this runs at every period.
fn lower_short(chars: impl Iterator<Item = char>, buf: &mut [u8; SHORT]) -> Option<&[u8]> {
    let mut n = 0;
    for c in chars {
        let l = crate::words::lower_char(c);
        let to = n + l.len_utf8();
        l.encode_utf8(buf.get_mut(n..to)?);
        n = to;
    }
    // UTF-8 by construction; compared as bytes (no check needed).
    Some(&buf[..n])
}

/// Whether the period at `dot` ends a sentence, given the text after the following white
/// space (`rest`, which starts with a sentence-opening character).
fn period_ends_sentence(text: &str, dot: usize, rest: &str) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '['))
        .map(|(k, c)| k + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    // "Korea-U.S." is judged by its last part.
    let word = word.rsplit(['-', '–', '/']).next().unwrap_or(word);
    if word.is_empty() {
        return true;
    }
    let next_is_number = rest.starts_with(|c: char| c.is_ascii_digit());
    let mut lower_buf = [0u8; SHORT];
    let lower = lower_short(word.chars(), &mut lower_buf).unwrap_or(b"");
    if TITLES.iter().any(|t| t.as_bytes() == lower) {
        return false;
    }
    if next_is_number && BEFORE_NUMBER.iter().any(|t| t.as_bytes() == lower) {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // An initial: "John F. Kennedy".
    if letters == 1 && word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    // "e.g." and "i.e." introduce examples, not new sentences.
    if lower == b"e.g" || lower == b"i.e" {
        return false;
    }
    // Dotted acronyms ("U.S.", "D.C.", "a.m.") and other abbreviations end a sentence only when
    // a typical opener follows.
    if word.contains('.') && letters <= 5 || is_abbreviation(word) {
        // Lower-cased on the stack: a word too long for the buffer is in none of the lists.
        let mut next_buf = [0u8; SHORT];
        let next_word = lower_short(rest.chars().skip_while(|c| !c.is_alphanumeric()).take_while(|c| c.is_alphanumeric()), &mut next_buf);
        return next_word.is_some_and(|w| OPENERS.iter().any(|o| o.as_bytes() == w));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn keeps_abbreviations_inside_sentences() {
        assert_eq!(
            split("U.S. Secretary of State Antony Blinken spoke in Washington, D.C., on Monday. Dr. Kim agreed."),
            ["U.S. Secretary of State Antony Blinken spoke in Washington, D.C., on Monday.", "Dr. Kim agreed."]
        );
        assert_eq!(split("It ranked No. 1 on Jan. 5 with 3.5 points. Next."), ["It ranked No. 1 on Jan. 5 with 3.5 points.", "Next."]);
        assert_eq!(split("John F. Kennedy spoke. He left."), ["John F. Kennedy spoke.", "He left."]);
        assert_eq!(split("He moved to the U.S. The move was final."), ["He moved to the U.S.", "The move was final."]);
        assert_eq!(split("the 6th South Korea-U.S. Foreign Ministers’ meeting ended."), ["the 6th South Korea-U.S. Foreign Ministers’ meeting ended."]);
    }

    #[test]
    fn quotes_ellipses_and_breaks() {
        assert_eq!(split("He said, \"It is over.\" Then he left."), ["He said, \"It is over.\"", "Then he left."]);
        assert_eq!(split("\"Is it?\" he asked. Yes."), ["\"Is it?\" he asked.", "Yes."]);
        assert_eq!(split("Wait... What happened? Nothing!"), ["Wait...", "What happened?", "Nothing!"]);
        assert_eq!(split("Title line\nFirst sentence here.\n\nSecond para"), ["Title line", "First sentence here.", "Second para"]);
        assert_eq!(split("a wrapped\nline continues. Done."), ["a wrapped\nline continues.", "Done."]);
        assert_eq!(split("   "), Vec::<&str>::new());
    }
}

#[cfg(test)]
mod cap_tests {
    use super::*;

    /// Run-on text is cut into sentences of at most `MAX_SENTENCE` bytes, at white space,
    /// covering all of it; real sentences are untouched.
    #[test]
    fn run_on_text_is_cut_at_white_space() {
        let text = "word ".repeat(10_000) + "é".repeat(4_000).as_str() + " end";
        let s = sentences(&text);
        assert!(s.len() > 10, "{} pieces", s.len());
        let mut covered = String::new();
        for &(a, b) in &s {
            assert!(b - a <= MAX_SENTENCE && a < b, "{a}..{b}");
            assert_eq!(text[a..b].trim(), &text[a..b]);
            covered.push_str(&text[a..b]);
        }
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        assert_eq!(squeeze(&covered), squeeze(&text), "nothing lost");
        let normal = "Prices rose 5% in May. They fell in June.";
        assert_eq!(sentences(normal), vec![(0, 22), (23, normal.len())]);
    }
}
