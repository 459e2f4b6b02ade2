//! Marks: what to wrap, computed from a [`Report`] before any DOM is touched.
//!
//! A claim's text is cut at every boundary of its spans into pieces that do not overlap; each
//! piece carries the roles of all spans covering it (spans may nest: a statistic inside a
//! quote). The web edge wraps each piece (split further at text-node boundaries) in one
//! `<mark>`, from the end of the document backwards.

use crate::report::{Report, Role, Span};
use crate::sort::{key, rev, sort_by_key};
use serde::Serialize;

/// A piece of a claim to wrap in one mark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkPiece {
    pub start: usize,
    pub end: usize,
    pub claim: usize,
    /// Roles of the spans covering this piece, outermost first, without duplicates.
    pub roles: Vec<Role>,
    /// Index into [`Report::all_spans`]-order of the innermost span covering the piece, if any.
    pub span: Option<usize>,
}

/// Cuts every claim of `report` into non-overlapping pieces, in document order.
/// Pieces of whitespace between spans are kept (they belong to the claim) but empty ones are not.
pub fn mark_pieces(report: &Report) -> Vec<MarkPiece> {
    let mut out = Vec::new();
    for_each_mark_piece(report, &report.all_spans(), |p| out.push(p));
    out
}

/// [`mark_pieces`] one at a time, without collecting them (a long page has tens of thousands);
/// `all` is `report.all_spans()`.
pub fn for_each_mark_piece<'r>(report: &'r Report, all: &[(usize, &'r Span)], mut f: impl FnMut(MarkPiece)) {
    // The spans of each claim, as (index in `all`, span): one pass, not one per claim.
    let mut by_claim: Vec<Vec<(usize, &Span)>> = vec![Vec::new(); report.claims.len()];
    for (i, (id, s)) in all.iter().enumerate() {
        if s.start < s.end {
            if let Some(group) = by_claim.get_mut(*id) {
                group.push((i, *s));
            }
        }
    }
    for claim in &report.claims {
        let spans = by_claim.get(claim.id).map(Vec::as_slice).unwrap_or(&[]);
        let mut cuts: Vec<usize> = vec![claim.start, claim.end];
        for (_, s) in spans {
            cuts.push(s.start.clamp(claim.start, claim.end));
            cuts.push(s.end.clamp(claim.start, claim.end));
        }
        sort_by_key(&mut cuts, |x| *x as u128);
        cuts.dedup();
        for w in cuts.windows(2) {
            let (start, end) = (w[0], w[1]);
            let mut covering: Vec<(usize, &Span)> = spans
                .iter()
                .filter(|(_, s)| s.start <= start && end <= s.end)
                .copied()
                .collect();
            // Outermost (longest) first.
            sort_by_key(&mut covering, |(i, s)| key(&[(rev(s.end - s.start, 40), 40), (*i as u64, 40)]));
            let mut roles = Vec::new();
            for (_, s) in &covering {
                if !roles.contains(&s.role) {
                    roles.push(s.role);
                }
            }
            f(MarkPiece { start, end, claim: claim.id, roles, span: covering.last().map(|(i, _)| *i) });
        }
    }
}
