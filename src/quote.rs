//! Direct quotes.
//!
//! A quote opens with a double quotation mark (`"`, `“`, `„`, `«`) in opening position (after
//! white space, an opening bracket, a dash or at the start of a paragraph) and closes at the
//! next double quotation mark in closing position, whichever style it has (news text often
//! mixes `“…"`); a double mark in opening position inside a quote opens a nested quote, which
//! the next closing mark closes (`«Il a dit “8 000 soldats”»`). Single quotes inside a quote are nested quotes and stay part of it. A quote
//! in single quotation marks (`‘…’`, British style) counts only if it holds at least
//! [`MIN_SINGLE_QUOTE_WORDS`] words, so that scare quotes ("the ‘meat grinder’") and
//! apostrophes are not quotes. A quote left open at the end of a paragraph ends there (news
//! style reopens the quote in the next paragraph).
//!
//! Quote spans include their quotation marks.

/// A direct quote: the byte range including its quotation marks.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
    /// Filled in by attribution when the text says who spoke.
    pub speaker: Option<String>,
}

/// Fewer words than this in single quotation marks are scare quotes, not a quote.
pub const MIN_SINGLE_QUOTE_WORDS: usize = 4;

fn is_double_open(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '”')
}

fn is_double_close(c: char) -> bool {
    matches!(c, '"' | '”' | '“' | '»')
}

fn opening_position(text: &str, i: usize) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i..].chars().nth(1);
    let prev_ok = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | ':' | ';' | ',' | '/'));
    let next_ok = next.is_some_and(|n| !n.is_whitespace());
    prev_ok && next_ok
}

fn closing_position(text: &str, i: usize, c: char) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    let prev_ok = prev.is_some_and(|p| !p.is_whitespace());
    let next_ok = next.is_none_or(|n| !n.is_alphanumeric());
    prev_ok && next_ok
}

/// Finds the direct quotes of a document, in order, not overlapping.
pub fn find_quotes(text: &str) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // Double quotes nested in the open quote (“He told me "no way" yesterday,”): each
    // closing mark closes the innermost one first.
    let mut nested = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only '"', line breaks and the curly quotes and guillemets (led by 0xE2 or 0xC2)
        // matter: skip other bytes.
        if !matches!(bytes[i], b'"' | b'\n' | 0xE2 | 0xC2) {
            i = crate::words::find_any_byte(bytes, i + 1, [b'"', b'\n', 0xE2, 0xC2]);
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
        let mut next_i = i + c.len_utf8();
        match open {
            Some(start) => {
                if is_double_close(c) && closing_position(text, i, c) {
                    if nested > 0 {
                        nested -= 1;
                    } else {
                        out.push(QuoteSpan { start, end: i + c.len_utf8(), speaker: None });
                        open = None;
                    }
                } else if is_double_open(c) && opening_position(text, i) {
                    // In opening position and not in closing position: a nested quote opens.
                    nested += 1;
                } else if c == '\n' && paragraph_break_at(text, i) {
                    // Unclosed at the end of the paragraph: the quote ends there.
                    let end = text[..i].trim_end().len();
                    if end > start + 1 {
                        out.push(QuoteSpan { start, end, speaker: None });
                    }
                    open = None;
                    nested = 0;
                }
            }
            None => {
                if is_double_open(c) && opening_position(text, i) {
                    open = Some(i);
                } else if c == '‘' && opening_position(text, i) {
                    if let Some(end) = single_quote_end(text, i) {
                        out.push(QuoteSpan { start: i, end, speaker: None });
                        next_i = next_i.max(end);
                    }
                }
            }
        }
        i = next_i;
    }
    if let Some(start) = open {
        let end = text.trim_end().len();
        if end > start + 1 {
            out.push(QuoteSpan { start, end, speaker: None });
        }
    }
    out
}

/// A line break that is a paragraph break: a blank line, or any line break in text whose
/// paragraphs are single lines (the next line starts with a capital or a quotation mark).
fn paragraph_break_at(text: &str, i: usize) -> bool {
    let rest = text[i + 1..].trim_start_matches([' ', '\t', '\r']);
    rest.starts_with('\n') || rest.starts_with(|c: char| c.is_uppercase() || is_double_open(c))
}

/// The end of a British-style quote opened by `‘` at `i`: the next `’` in closing position
/// within the paragraph, if the quote has enough words.
fn single_quote_end(text: &str, i: usize) -> Option<usize> {
    let body_start = i + '‘'.len_utf8();
    for (k, c) in text[body_start..].char_indices() {
        let at = body_start + k;
        if c == '\n' {
            return None;
        }
        if c == '’' && closing_position(text, at, c) {
            let words = text[body_start..at].split_whitespace().count();
            return (words >= MIN_SINGLE_QUOTE_WORDS).then_some(at + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        find_quotes(text).into_iter().map(|q| &text[q.start..q.end]).collect()
    }

    #[test]
    fn mixed_styles_and_nested_single_quotes() {
        let t = "stating, “(He is) throwing more Russians into the ‘meat grinder’\" he created, adding \"Russia is suffering,\" now.";
        assert_eq!(quotes(t), ["“(He is) throwing more Russians into the ‘meat grinder’\"", "\"Russia is suffering,\""]);
    }

    #[test]
    fn apostrophes_and_scare_quotes_are_not_quotes() {
        assert!(quotes("Russia’s ‘meat grinder’ and don’t.").is_empty());
        assert_eq!(quotes("‘We will not back down now,’ she said."), ["‘We will not back down now,’"]);
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph() {
        let t = "He said: \"We will win.\n\n\"And we will rebuild.\"";
        assert_eq!(quotes(t), ["\"We will win.", "\"And we will rebuild.\""]);
    }
}
