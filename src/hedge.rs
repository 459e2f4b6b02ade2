//! Hedges, predictions, comparisons. (Being written.)
pub fn find_hedges(_text: &str, _start: usize, _end: usize) -> Vec<(usize, usize)> { Vec::new() }
pub fn find_comparisons(_text: &str, _start: usize, _end: usize) -> Vec<(usize, usize)> { Vec::new() }
