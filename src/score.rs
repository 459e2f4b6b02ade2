//! Check-worthiness score. (Being written.)
pub const DEFAULT_THRESHOLD: f32 = 0.5;
#[derive(Debug, Clone, Default)]
pub struct Features { pub statistics: usize, pub times: usize, pub hedges: usize, pub comparisons: usize, pub attributions: usize, pub anonymous: bool, pub quotes: usize }
impl Features { pub fn fill_from_text(&mut self, _s: &str) {} }
pub fn score_sentence(_f: &Features) -> f32 { 0.0 }
