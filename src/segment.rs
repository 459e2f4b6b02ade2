//! Sentence segmentation. (Being written.)
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    if text.trim().is_empty() { Vec::new() } else { vec![(0, text.len())] }
}
