//! The report: what the core found in a document.
//!
//! **Offsets.** Every `start`/`end` in this module is a UTF-8 *byte* offset into the text
//! that was passed to [`crate::extract`], half-open (`start..end`), and always on a `char`
//! boundary. The JS API converts them to UTF-16 code units in exactly one place
//! ([`crate::offsets::Utf16Index`]); see [`Report::map_offsets`].

use serde::{Deserialize, Serialize};

use crate::sort::{key, rev, sort_by_key};

/// The whole result for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Report {
    /// Every sentence of the document, in order.
    pub sentences: Vec<Sentence>,
    /// The check-worthy claims, in document order (sort by `score` for triage).
    pub claims: Vec<Claim>,
}

/// One sentence, as found by the segmenter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Check-worthiness in `[0, 1]`.
    pub score: f32,
}

/// What makes a claim checkable. A claim can have several kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum ClaimKind {
    /// Contains a statistic (a quantity that is not a date, ordinal or label).
    Statistic,
    /// Reported speech with a source and a reporting cue.
    Attribution,
    /// Contains a direct quote.
    Quote,
    /// A hedge or prediction ("could", "is expected to", "in the coming days").
    Prediction,
    /// A comparison or superlative ("more than doubled", "the largest", "a record").
    Comparison,
    /// A factual statement with no typed span, kept for its score alone.
    Factual,
}

/// A claim: a sentence, or a quote spanning sentences, that states something checkable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Claim {
    /// Stable within one report: `0..claims.len()`, in document order.
    pub id: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Index of the first sentence of the claim in [`Report::sentences`].
    pub sentence: usize,
    pub kinds: Vec<ClaimKind>,
    /// Check-worthiness in `[0, 1]`.
    pub score: f32,
    /// Who makes the claim, when the text says so (pronouns resolved to a name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker is an anonymous source ("a government source", "officials").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    /// Typed spans inside the claim (statistics, quotes, hedges, comparisons, times),
    /// sorted by `start`. Spans may nest (a statistic inside a quote).
    pub spans: Vec<Span>,
    /// Reported speech inside the claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributions: Vec<Attribution>,
}

/// The role a span plays in a claim. Also the CSS class suffix of its mark (`cm-<role>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Role {
    Statistic,
    Source,
    Cue,
    Content,
    Quote,
    Hedge,
    Comparison,
    /// A date or time anchor ("on Wednesday", "last year", "in August"): not a statistic.
    Time,
}

/// A typed piece of text. (Serialized by hand, below: the same fields as the derive would
/// write, the quantity's flattened in, but as a struct — `flatten` makes serde write a map,
/// whose keys a JS serializer converts anew for every span.)
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Span {
    pub role: Role,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// For `statistic` spans: the normalised quantity. (Boxed: most spans have none, and a
    /// long article has tens of thousands of spans.)
    #[serde(default, flatten, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub quantity: Option<Box<Quantity>>,
    /// For `quote` spans: who said it, when the text says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

/// The kind of a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum QuantityKind {
    /// A count of things ("8,000 soldiers", "around 1,000 missiles").
    Count,
    Percent,
    Money,
    /// A physical measurement ("155mm", "3.5 km").
    Measure,
}

/// A normalised quantity: "nearly 10 million artillery rounds" is
/// `{value: 10000000, unit: "artillery rounds", approx: "nearly"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Quantity {
    pub kind: QuantityKind,
    pub value: f64,
    /// Upper bound of a range ("between 3 and 5" has `value` 3 and `value_max` 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// The counted thing or unit: "soldiers", "%", "USD", "mm".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The approximator as written, lower-cased: "nearly", "around", "some", "more than".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<String>,
    /// The rate as written, lower-cased: "daily", "a year", "per capita".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
}

/// Who is the source of reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum SourceKind {
    /// A named person or organisation ("Antony Blinken", "the Pentagon").
    Named,
    /// A pronoun ("he", "she", "it", "they"), resolved to an earlier speaker where the text
    /// allows: a person for "he"/"she", a thing for "it", a group for "they".
    Pronoun,
    /// An anonymous source ("a government source", "officials", "sources familiar with …").
    Anonymous,
}

/// Reported speech: `source` `cue` `content` ("Kim Yong-hyun" "noted" "that …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Attribution {
    pub source: Span,
    pub cue: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Span>,
    pub source_kind: SourceKind,
    /// The resolved speaker: the source's name ("Blinken" for "He"), or the source phrase.
    pub speaker: String,
}

impl Report {
    /// Rewrites every offset with `f` (e.g. UTF-8 bytes to UTF-16 code units).
    pub fn map_offsets(&mut self, mut f: impl FnMut(usize) -> usize) {
        for s in &mut self.sentences {
            s.start = f(s.start);
            s.end = f(s.end);
        }
        for c in &mut self.claims {
            c.start = f(c.start);
            c.end = f(c.end);
            for s in &mut c.spans {
                s.map_offsets(&mut f);
            }
            for a in &mut c.attributions {
                a.source.map_offsets(&mut f);
                a.cue.map_offsets(&mut f);
                if let Some(s) = &mut a.content {
                    s.map_offsets(&mut f);
                }
            }
        }
    }

    /// Every markable span of every claim, with its claim id, sorted by `(start, end)`.
    pub fn all_spans(&self) -> Vec<(usize, &Span)> {
        let mut out = Vec::new();
        for c in &self.claims {
            for s in &c.spans {
                out.push((c.id, s));
            }
            for a in &c.attributions {
                out.push((c.id, &a.source));
                out.push((c.id, &a.cue));
                if let Some(s) = &a.content {
                    out.push((c.id, s));
                }
            }
        }
        sort_by_key(&mut out, |(id, s)| key(&[(s.start as u64, 40), (rev(s.end, 40), 40), (*id as u64, 40), (s.role as u64, 8)]));
        out
    }
}

impl Report {
    /// Checks the report's invariants against the text it was extracted from: sentences in
    /// order and not overlapping; claims numbered in order; every span non-empty, on char
    /// boundaries, inside its claim, with `text` equal to its slice; scores in `[0, 1]`;
    /// quantity values finite. Used by the tests and the fuzz target.
    pub fn validate(&self, text: &str) -> Result<(), String> {
        let bounds = |what: &str, start: usize, end: usize| -> Result<(), String> {
            if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return Err(format!("{what} {start}..{end} is not a char range of the text ({} bytes)", text.len()));
            }
            Ok(())
        };
        let mut last_end = 0;
        for (i, s) in self.sentences.iter().enumerate() {
            bounds("sentence", s.start, s.end)?;
            if s.start >= s.end || s.start < last_end {
                return Err(format!("sentence {i} {}..{} is empty or overlaps the previous one", s.start, s.end));
            }
            if !(0.0..=1.0).contains(&s.score) {
                return Err(format!("sentence {i} score {} outside [0, 1]", s.score));
            }
            last_end = s.end;
        }
        for (k, c) in self.claims.iter().enumerate() {
            bounds("claim", c.start, c.end)?;
            if c.id != k || c.start >= c.end || c.text != text[c.start..c.end] || c.kinds.is_empty() {
                return Err(format!("claim {k} (id {}) {}..{} is inconsistent", c.id, c.start, c.end));
            }
            if !(0.0..=1.0).contains(&c.score) {
                return Err(format!("claim {k} score {} outside [0, 1]", c.score));
            }
            let attribution_spans = c.attributions.iter().flat_map(|a| [&a.source, &a.cue].into_iter().chain(a.content.as_ref()));
            for s in c.spans.iter().chain(attribution_spans) {
                bounds("span", s.start, s.end)?;
                if s.start >= s.end || s.text != text[s.start..s.end] || s.start < c.start || s.end > c.end {
                    return Err(format!("span {:?} {}..{} is empty, misquoted or outside claim {k}", s.role, s.start, s.end));
                }
                if let Some(q) = &s.quantity {
                    if !q.value.is_finite() || q.value_max.is_some_and(|m| !m.is_finite()) {
                        return Err(format!("span {:?} has a non-finite value", s.text));
                    }
                }
            }
        }
        Ok(())
    }
}

impl Serialize for Span {
    /// `role, start, end, text`, the quantity's `kind, value, value_max, unit, approx, rate`
    /// (when there is one; absent options left out), `speaker` (when there is one): what
    /// `#[derive(Serialize)]` with the `serde` attributes above writes, in the same order.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let q = self.quantity.as_deref();
        let fields = 4
            + q.map_or(0, |q| {
                2 + usize::from(q.value_max.is_some())
                    + usize::from(q.unit.is_some())
                    + usize::from(q.approx.is_some())
                    + usize::from(q.rate.is_some())
            })
            + usize::from(self.speaker.is_some());
        let mut st = serializer.serialize_struct("Span", fields)?;
        st.serialize_field("role", &self.role)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &self.end)?;
        st.serialize_field("text", &self.text)?;
        if let Some(q) = q {
            st.serialize_field("kind", &q.kind)?;
            st.serialize_field("value", &q.value)?;
            if let Some(v) = &q.value_max {
                st.serialize_field("value_max", v)?;
            }
            for (name, v) in [("unit", &q.unit), ("approx", &q.approx), ("rate", &q.rate)] {
                if let Some(v) = v {
                    st.serialize_field(name, v)?;
                }
            }
        }
        if let Some(s) = &self.speaker {
            st.serialize_field("speaker", s)?;
        }
        st.end()
    }
}

impl Span {
    pub fn new(role: Role, text: &str, start: usize, end: usize) -> Span {
        Span { role, start, end, text: text[start..end].to_string(), quantity: None, speaker: None }
    }

    fn map_offsets(&mut self, f: &mut impl FnMut(usize) -> usize) {
        self.start = f(self.start);
        self.end = f(self.end);
    }
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)] // (wasm32: only the test below that needs no serde_json)
    use super::*;

    /// `Span` as `#[derive(Serialize)]` with `flatten` writes it: the hand-written `Serialize`
    /// must give the same JSON, and read back (the derived `Deserialize`) to the same span.
    #[cfg(not(target_arch = "wasm32"))] // serde_json is a native dependency
    #[derive(Serialize)]
    struct DerivedSpan<'a> {
        role: Role,
        start: usize,
        end: usize,
        text: &'a str,
        #[serde(flatten, skip_serializing_if = "Option::is_none")]
        quantity: Option<&'a Quantity>,
        #[serde(skip_serializing_if = "Option::is_none")]
        speaker: Option<&'a str>,
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn span_serializes_as_the_derive_with_flatten_would() {
        let q = |value_max, unit: Option<&str>, approx: Option<&str>, rate: Option<&str>| {
            Some(Box::new(Quantity {
                kind: QuantityKind::Money,
                value: 1.5e-7,
                value_max,
                unit: unit.map(String::from),
                approx: approx.map(String::from),
                rate: rate.map(String::from),
            }))
        };
        let mut spans = vec![
            Span::new(Role::Cue, "He said it", 3, 7),
            Span { speaker: Some("Antony Blinken".into()), ..Span::new(Role::Quote, "\"Ünïcödé\"", 0, 13) },
            Span { quantity: q(None, None, None, None), ..Span::new(Role::Statistic, "x 5 y", 2, 3) },
            Span { quantity: q(Some(7.0), Some("USD"), Some("nearly"), Some("a year")), ..Span::new(Role::Statistic, "5", 0, 1) },
            Span { quantity: q(Some(-0.0), None, Some("some"), None), speaker: Some("she".into()), ..Span::new(Role::Statistic, "5", 0, 1) },
        ];
        // And every span of the seed article.
        let seed = crate::extract(include_str!("../tests/fixtures/example-article.txt"));
        spans.extend(seed.claims.iter().flat_map(|c| c.spans.iter().cloned()));
        for s in &spans {
            let derived = DerivedSpan {
                role: s.role,
                start: s.start,
                end: s.end,
                text: &s.text,
                quantity: s.quantity.as_deref(),
                speaker: s.speaker.as_deref(),
            };
            let ours = serde_json::to_string(s).unwrap();
            assert_eq!(ours, serde_json::to_string(&derived).unwrap());
            assert_eq!(&serde_json::from_str::<Span>(&ours).unwrap(), s);
        }
    }

    #[test]
    fn validate_accepts_real_reports_and_rejects_broken_ones() {
        let text = "Officials said 300 people were hurt. It rained.";
        let mut report = crate::extract(text);
        assert_eq!(report.validate(text), Ok(()));
        report.claims[0].spans[0].start += 1; // text no longer matches the slice
        assert!(report.validate(text).is_err());
        let mut report = crate::extract(text);
        report.sentences.swap(0, 1);
        assert!(report.validate(text).is_err());
        let mut report = crate::extract("Prices rose 12%.");
        report.claims[0].spans[0].quantity.as_mut().unwrap().value = f64::NAN;
        assert!(report.validate("Prices rose 12%.").is_err());
    }
}
