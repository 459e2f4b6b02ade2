//! Direct quotes. (Being written.)
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteSpan { pub start: usize, pub end: usize, pub speaker: Option<String> }
pub fn find_quotes(_text: &str) -> Vec<QuoteSpan> { Vec::new() }
