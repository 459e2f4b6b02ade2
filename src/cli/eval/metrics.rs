//! Counts, P/R/F1, one-to-one greedy matching and token overlap.

use serde::Serialize;

/// Counts behind one P/R/F1. For exact metrics `tp_p == tp_r` (a whole number); soft metrics
/// sum per-pair credit in `[0, 1]`, for precision and for recall separately.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    pub gold: f64,
    pub pred: f64,
    pub tp_p: f64,
    pub tp_r: f64,
}

impl Score {
    pub fn exact(tp: usize, pred: usize, gold: usize) -> Score {
        Score { gold: gold as f64, pred: pred as f64, tp_p: tp as f64, tp_r: tp as f64 }
    }

    pub fn p(&self) -> f64 {
        if self.pred > 0.0 {
            self.tp_p / self.pred
        } else {
            0.0
        }
    }

    pub fn r(&self) -> f64 {
        if self.gold > 0.0 {
            self.tp_r / self.gold
        } else {
            0.0
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    pub fn add(&mut self, o: Score) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp_p += o.tp_p;
        self.tp_r += o.tp_r;
    }
}

/// Equal within a relative tolerance of 1e-6 (exact for zero).
pub fn approx_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

/// One-to-one greedy matching. `weight(g, p)` is `Some(w)` when gold `g` and prediction `p`
/// may match; pairs are taken by descending weight, ties by gold index then prediction index
/// (deterministic). Returns, for each gold item, its prediction.
pub fn greedy_match(n_gold: usize, n_pred: usize, mut weight: impl FnMut(usize, usize) -> Option<f64>) -> Vec<Option<usize>> {
    let mut pairs = Vec::new();
    for g in 0..n_gold {
        for p in 0..n_pred {
            if let Some(w) = weight(g, p) {
                pairs.push((w, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_to_pred = vec![None; n_gold];
    let mut pred_used = vec![false; n_pred];
    for (_, g, p) in pairs {
        if gold_to_pred[g].is_none() && !pred_used[p] {
            gold_to_pred[g] = Some(p);
            pred_used[p] = true;
        }
    }
    gold_to_pred
}

/// Which predictions a matching used.
pub fn matched_preds(gold_to_pred: &[Option<usize>], n_pred: usize) -> Vec<bool> {
    let mut used = vec![false; n_pred];
    for p in gold_to_pred.iter().flatten() {
        used[*p] = true;
    }
    used
}

/// Bytes shared by two half-open ranges.
pub fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// The evaluation's own tokens (kept independent of the core's tokenizer so that the
/// instrument does not move when the core does): maximal runs of alphanumeric characters, and
/// every other non-space character alone. Byte ranges, in order.
pub fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            run.get_or_insert(i);
            continue;
        }
        if let Some(s) = run.take() {
            out.push((s, i));
        }
        if !c.is_whitespace() {
            out.push((i, i + c.len_utf8()));
        }
    }
    if let Some(s) = run {
        out.push((s, text.len()));
    }
    out
}

/// Indices of the tokens that overlap `span` (tokens sorted by start).
pub fn tokens_in(toks: &[(usize, usize)], span: (usize, usize)) -> std::ops::Range<usize> {
    let a = toks.partition_point(|t| t.1 <= span.0);
    let b = toks.partition_point(|t| t.0 < span.1);
    a..b.max(a)
}

/// Token-overlap credit of a predicted span against a gold span: `(|∩| / |pred|, |∩| / |gold|)`.
pub fn token_credit(toks: &[(usize, usize)], gold: (usize, usize), pred: (usize, usize)) -> (f64, f64) {
    let g = tokens_in(toks, gold);
    let p = tokens_in(toks, pred);
    let inter = p.end.min(g.end).saturating_sub(p.start.max(g.start));
    let cp = if p.is_empty() { 0.0 } else { inter as f64 / p.len() as f64 };
    let cg = if g.is_empty() { 0.0 } else { inter as f64 / g.len() as f64 };
    (cp, cg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_and_zero_denominators() {
        let s = Score::exact(2, 4, 3);
        assert_eq!((s.p(), s.r()), (0.5, 2.0 / 3.0));
        assert!((s.f1() - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(Score::exact(0, 0, 0).f1(), 0.0);
    }

    #[test]
    fn greedy_prefers_heavier_then_earlier() {
        let m = greedy_match(2, 2, |g, p| Some(if g == 1 && p == 0 { 2.0 } else { 1.0 }));
        assert_eq!(m, vec![Some(1), Some(0)]);
    }

    #[test]
    fn token_credit_counts_shared_tokens() {
        let t = "He said that prices rose, sharply.";
        let toks = tokens(t);
        // gold "that prices rose, sharply." (6 tokens), pred "prices rose" (2 tokens)
        let (p, r) = token_credit(&toks, (8, 34), (13, 24));
        assert_eq!((p, r), (1.0, 2.0 / 6.0));
        assert!(approx_eq(0.1 + 0.2, 0.3) && !approx_eq(1.0, 1.001) && approx_eq(0.0, 0.0));
    }
}
