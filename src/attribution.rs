//! Attribution. (Being written.)
use crate::quote::QuoteSpan;
use crate::report::Attribution;
#[derive(Debug, Default)]
pub struct SpeakerMemory { pub last: Option<String> }
pub fn find_attributions(_text: &str, _start: usize, _end: usize, _quotes: &[QuoteSpan], _memory: &mut SpeakerMemory) -> Vec<Attribution> { Vec::new() }
