//! Quantities: numbers with their unit, approximator and rate. (Being written.)
use crate::report::Quantity;

/// A quantity found in the text. Offsets are UTF-8 bytes into the whole text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuantity {
    pub start: usize,
    pub end: usize,
    pub quantity: Quantity,
}

/// Finds the statistics in `text[start..end]` (one sentence). Offsets returned are absolute.
pub fn find_quantities(_text: &str, _start: usize, _end: usize) -> Vec<FoundQuantity> {
    Vec::new()
}

/// Finds time anchors (dates, years, weekdays, "last year") in `text[start..end]`.
pub fn find_times(_text: &str, _start: usize, _end: usize) -> Vec<(usize, usize)> {
    Vec::new()
}
