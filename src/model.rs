//! The learned check-worthiness model: logistic regression over hashed text features and the
//! core's own [`Features`].
//!
//! **Inputs.** Three groups, each scaled to unit length so that no group dominates by size:
//! - *words*: lower-cased word unigrams and bigrams (digits made `0` in bigrams and in an extra
//!   "shape" unigram, so "50 percent" and "12 percent" share `00 percent`), with sentence start
//!   and end markers; `%`, `$`, `€`, `£`, `?` and `!` are words of their own;
//! - *chars*: byte 3-, 4- and 5-grams of each word padded with spaces (" wor", "ord ");
//! - *core*: [`N_DENSE`] values in `[0, 1]` from [`Features`] (statistics, times, hedges, …).
//!
//! The word and char features are hashed (FNV-1a, then a 32-bit finaliser) into `2^bits`
//! buckets with a sign bit (signed feature hashing); each bucket has one `i8` weight times a
//! shared scale. Training is `claimmark train` (src/cli/train.rs): deterministic, from the
//! CheckThat! 2024 and ClaimBuster data, with the threshold chosen on CheckThat! dev.
//!
//! **Weights file** (`src/model/weights.bin`, little-endian), embedded with `include_bytes!`
//! and parsed at compile time:
//!
//! | bytes | what |
//! |---|---|
//! | 4 | magic `CMW1` |
//! | 1, 1, 2 | `bits`, `N_DENSE`, training seed (u16) |
//! | 4 × f32 | scale of the hashed weights, bias, threshold, dev F1 at the threshold |
//! | `N_DENSE` × f32 | core feature weights |
//! | `2^bits` × i8 | hashed weights (multiply by scale) |
//!
//! Scoring allocates nothing and works the same on wasm32.

use crate::score::Features;

/// Number of core (dense) features.
pub const N_DENSE: usize = 16;

/// Size of the weights header before the dense weights.
pub const HEADER_LEN: usize = 24;

/// Names of the core features, in order (for the training report).
pub const DENSE_NAMES: [&str; N_DENSE] = [
    "statistic", "statistics", "time", "hedge", "comparison", "attribution", "anonymous", "quote",
    "length", "short", "names", "question", "opinion", "events", "heuristic", "shortness",
];

/// The hashed feature groups.
pub const GROUPS: usize = 2;

/// The trained model, parsed from its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Model<'a> {
    pub bits: u32,
    pub seed: u16,
    pub scale: f32,
    pub bias: f32,
    /// Probability at or above which a sentence is check-worthy (chosen on CheckThat! dev).
    pub threshold: f32,
    /// F1 of the "Yes" class on CheckThat! 2024 dev at `threshold`, as measured in training.
    pub dev_f1: f32,
    pub dense: [f32; N_DENSE],
    /// `2^bits` weights, `i8` stored as `u8`.
    pub hashed: &'a [u8],
}

const fn f32_at(b: &[u8], at: usize) -> f32 {
    f32::from_bits(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]))
}

impl<'a> Model<'a> {
    /// Parses a weights file; panics (at compile time for the embedded one) if it is malformed.
    pub const fn parse(b: &'a [u8]) -> Model<'a> {
        assert!(b.len() >= HEADER_LEN && b[0] == b'C' && b[1] == b'M' && b[2] == b'W' && b[3] == b'1', "weights: bad magic");
        let bits = b[4] as u32;
        assert!(bits >= 8 && bits <= 24, "weights: bad bucket bits");
        assert!(b[5] as usize == N_DENSE, "weights: wrong number of core features");
        let seed = u16::from_le_bytes([b[6], b[7]]);
        let mut dense = [0.0f32; N_DENSE];
        let mut i = 0;
        while i < N_DENSE {
            dense[i] = f32_at(b, HEADER_LEN + 4 * i);
            i += 1;
        }
        let start = HEADER_LEN + 4 * N_DENSE;
        assert!(b.len() == start + (1usize << bits), "weights: wrong length");
        let (_, hashed) = b.split_at(start);
        Model {
            bits,
            seed,
            scale: f32_at(b, 8),
            bias: f32_at(b, 12),
            threshold: f32_at(b, 16),
            dev_f1: f32_at(b, 20),
            dense,
            hashed,
        }
    }

    /// Serialises the model (the inverse of [`Model::parse`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + 4 * N_DENSE + self.hashed.len());
        out.extend_from_slice(b"CMW1");
        out.push(self.bits as u8);
        out.push(N_DENSE as u8);
        out.extend_from_slice(&self.seed.to_le_bytes());
        for x in [self.scale, self.bias, self.threshold, self.dev_f1] {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for x in self.dense {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.extend_from_slice(self.hashed);
        out
    }

    /// The check-worthiness probability of a sentence with these core features, in `[0, 1]`,
    /// rounded to 3 decimals.
    pub fn score(&self, text: &str, f: &Features) -> f32 {
        // Integer sums of the i8 weights: exact, whatever the order.
        let (sums, counts) = self.hashed_sums(text);
        let mut x = self.bias;
        for g in 0..GROUPS {
            if counts[g] > 0 {
                x += self.scale * sums[g] as f32 / (counts[g] as f32).sqrt();
            }
        }
        for (w, v) in self.dense.iter().zip(dense_features(f)) {
            x += w * v;
        }
        round3(logistic(x))
    }
}

/// Rounds a score to 3 decimals (scores are reported and compared at this precision).
pub fn round3(s: f32) -> f32 {
    (s * 1000.0).round() / 1000.0
}

pub fn logistic(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The committed weights file.
pub const WEIGHTS: &[u8] = include_bytes!("model/weights.bin");

/// The committed model.
pub static MODEL: Model<'static> = Model::parse(WEIGHTS);

/// The threshold chosen on CheckThat! 2024 dev.
pub const THRESHOLD: f32 = Model::parse(WEIGHTS).threshold;

/// The core features as model inputs, each in `[0, 1]`.
pub fn dense_features(f: &Features) -> [f32; N_DENSE] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let capped = |x: usize, cap: usize| x.min(cap) as f32 / cap as f32;
    [
        b(f.statistics > 0),
        capped(f.statistics, 3),
        b(f.times > 0),
        b(f.hedges > 0),
        b(f.comparisons > 0),
        b(f.attributions > 0),
        b(f.anonymous),
        b(f.quotes > 0),
        capped(f.words, 50),
        b(f.words < 6),
        capped(f.names, 5),
        b(f.question),
        b(f.opinion),
        capped(f.events, 5),
        crate::score::heuristic_score(f),
        capped(f.words, 12),
    ]
}

// Hash namespaces (first byte hashed), so equal strings in different roles differ.
const NS_WORD: u8 = 1;
const NS_SHAPE: u8 = 2;
const NS_CHAR: u8 = 4;
const BOUNDARY: u32 = 0x2545_f491;

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// One FNV-1a step.
#[inline(always)]
const fn fnv_step(h: u32, b: u8) -> u32 {
    (h ^ b as u32).wrapping_mul(FNV_PRIME)
}

/// The FNV state after a namespace byte (constant: computed once at compile time).
const WORD_BASIS: u32 = fnv_step(FNV_OFFSET, NS_WORD);
const SHAPE_BASIS: u32 = fnv_step(FNV_OFFSET, NS_SHAPE);
const CHAR_BASIS: u32 = fnv_step(FNV_OFFSET, NS_CHAR);

/// The murmur3 32-bit finaliser: spreads FNV's bits so the low bits make good buckets.
#[inline(always)]
fn fmix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h
}

/// Longest word kept for char n-grams (bytes); longer words are cut.
const MAX_WORD: usize = 30;

/// A word being read: its lower-cased bytes (cut at `MAX_WORD`) in `buf[1..=len]` and zeros
/// after them until the word is handed over (so `buf[1..]` is the word zero-padded, the memo
/// key, with no copy of a variable length); `buf[0]` and `buf[len + 1]` are the space pads of
/// the char n-grams (set by `char_grams`; the buffer is cleared after each word).
struct Word {
    buf: [u8; MAX_WORD + 2],
    len: usize,
    digits: bool,
}

impl Word {
    #[inline(always)]
    fn push(&mut self, b: u8) {
        if self.len < MAX_WORD {
            self.len += 1;
            self.buf[self.len] = b;
        }
    }
}

/// Calls `word(w)` for every word of `text`, in order: `w.buf[1..=w.len]` holds the word's
/// lower-cased bytes (cut at `MAX_WORD`, trailing `.`, `,` and apostrophes removed; never
/// empty), and `w.digits` says whether it had a digit. `%`, `$`, `€`, `£`, `?` and `!` are
/// words of their own.
#[inline(always)]
fn for_each_word(text: &str, mut word: impl FnMut(&mut Word)) {
    let mut w = Word { buf: [0; MAX_WORD + 2], len: 0, digits: false };
    let mut finish = |w: &mut Word| {
        // Trailing '.', ',' and apostrophes are not part of the word.
        while w.len > 0 && matches!(w.buf[w.len], b'.' | b',' | b'\'') {
            w.buf[w.len] = 0;
            w.len -= 1;
        }
        if w.len > 0 {
            word(w);
            w.buf = [0; MAX_WORD + 2];
        }
        w.len = 0;
        w.digits = false;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // ASCII (most of the text): no decoding, no Unicode tables.
            i += 1;
            // Letters first (most bytes): `| 0x20` is their lower case, and puts exactly the
            // ASCII letters in 'a'..='z'.
            let mut l = b | 0x20;
            if l.wrapping_sub(b'a') < 26 {
                // The whole run of letters, its length kept in a local.
                let mut len = w.len;
                loop {
                    if len < MAX_WORD {
                        len += 1;
                        w.buf[len] = l;
                    }
                    match bytes.get(i) {
                        Some(&c) if (c | 0x20).wrapping_sub(b'a') < 26 => {
                            l = c | 0x20;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                w.len = len;
                continue;
            }
            let word_char = b.is_ascii_alphanumeric()
                || (w.len > 0 && b == b'\'')
                || (w.len > 0 && matches!(b, b'.' | b',') && w.digits && bytes.get(i).is_some_and(u8::is_ascii_digit));
            if word_char {
                if b.is_ascii_digit() {
                    w.digits = true;
                }
                w.push(b.to_ascii_lowercase());
                continue;
            }
            finish(&mut w);
            if matches!(b, b'%' | b'$' | b'?' | b'!') {
                w.push(b);
                finish(&mut w);
            }
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if crate::words::is_alnum(c) || (w.len > 0 && c == '’') {
            let mut tmp = [0u8; 4];
            let l = crate::words::lower_char(c);
            let l = if l == '’' { '\'' } else { l };
            for &b in l.encode_utf8(&mut tmp).as_bytes() {
                w.push(b);
            }
            continue;
        }
        finish(&mut w);
        if matches!(c, '€' | '£') {
            let mut tmp = [0u8; 4];
            for &b in c.encode_utf8(&mut tmp).as_bytes() {
                w.push(b);
            }
            finish(&mut w);
        }
    }
    finish(&mut w);
}

/// The word features of a finished word (group 0): the unigram, the shape when it has digits,
/// and the bigram with the previous word's shape (`prev`, updated). Hashes before `fmix`.
#[inline(always)]
fn word_features(w: &Word, prev: &mut u32, mut put: impl FnMut(u32)) {
    let (raw, shape) = word_hashes(w);
    put(raw);
    if w.digits {
        put(shape);
    }
    put(prev.wrapping_mul(0x9e37_79b1) ^ shape);
    *prev = shape;
}

/// The hashes (before `fmix`) of a word and of its shape (digits made '0'), in one pass.
#[inline(always)]
fn word_hashes(w: &Word) -> (u32, u32) {
    let (mut raw, mut shape) = (WORD_BASIS, SHAPE_BASIS);
    for &b in &w.buf[1..=w.len] {
        raw = fnv_step(raw, b);
        shape = fnv_step(shape, if b.is_ascii_digit() { b'0' } else { b });
    }
    (raw, shape)
}

/// The char 3-, 4- and 5-gram hashes (before `fmix`) of " word ", by start, each start's
/// hashed incrementally. Pads `w.buf` with the spaces.
#[inline(always)]
fn char_grams(w: &mut Word, mut put: impl FnMut(u32)) {
    let n = w.len;
    let padded = &mut w.buf[..n + 2];
    padded[0] = b' ';
    padded[n + 1] = b' ';
    let len = padded.len();
    for s in 0..len - 2 {
        let h3 = fnv_step(fnv_step(fnv_step(CHAR_BASIS, padded[s]), padded[s + 1]), padded[s + 2]);
        put(h3);
        if s + 3 < len {
            let h4 = fnv_step(h3, padded[s + 3]);
            put(h4);
            if s + 4 < len {
                put(fnv_step(h4, padded[s + 4]));
            }
        }
    }
}

/// Calls `emit(group, bucket, negative)` for every hashed feature of `text`: group 0 are the
/// word features, group 1 the char n-grams. Deterministic, allocation-free.
///
/// The order of the calls is part of the contract (training stores them in order): per word,
/// the word unigram, its shape when it has digits, the bigram with the previous word's shape,
/// then its char n-grams by start (3-, 4-, 5-gram); at the end the closing bigram.
pub fn hashed_features(text: &str, bits: u32, mut emit: impl FnMut(usize, u32, bool)) {
    let mask = (1u32 << bits) - 1;
    let mut put = |group: usize, h: u32| {
        let h = fmix(h);
        emit(group, h & mask, h & 0x8000_0000 != 0);
    };
    let mut prev = BOUNDARY; // shape hash of the previous word, for bigrams
    for_each_word(text, |w| {
        word_features(w, &mut prev, |h| put(0, h));
        char_grams(w, |h| put(1, h));
    });
    put(0, prev.wrapping_mul(0x9e37_79b1) ^ BOUNDARY);
}

/// Entries of [`GramMemo`] (a power of two). (16,384 entries saved 13 of 82 million
/// instructions of scoring on 1 MB of articles, but no time: the memo left the cache.)
const MEMO_SIZE: usize = 4096;

/// A memo of what a word adds to the sums for the committed model: news text repeats its
/// words ("the", "said", "percent"), and a word's features, hashed and looked up one by one,
/// are most of the scoring time. Direct-mapped by the word's hash; a key is the word (its
/// bytes, zero-padded: words never contain a zero byte) and, in its last byte, whether it had
/// a digit (which may be in a part cut off at `MAX_WORD`). The sums are integers, so a
/// memoised word adds exactly what hashing it would.
struct GramMemo {
    keys: Vec<[u8; MAX_WORD + 2]>,
    sums: Vec<WordSums>,
}

/// What a word adds, but for its bigram with the previous word (which needs that word's
/// shape): the signed weight sum and count of its unigram and shape features, its shape
/// hash, and the signed weight sum and count of its char n-grams.
#[derive(Clone, Copy, Default)]
struct WordSums {
    word: i32,
    words: u32,
    shape: u32,
    grams: i32,
    ngrams: u32,
}

thread_local! {
    static GRAM_MEMO: std::cell::RefCell<GramMemo> = std::cell::RefCell::new(GramMemo { keys: Vec::new(), sums: Vec::new() });
}

impl Model<'_> {
    /// The signed weight sums and feature counts of the hashed feature groups of `text` (what
    /// [`hashed_features`] emits, summed).
    fn hashed_sums(&self, text: &str) -> ([i32; GROUPS], [u32; GROUPS]) {
        let mut sums = [0i32; GROUPS];
        let mut counts = [0u32; GROUPS];
        let hashed = self.hashed;
        let mask = (1u32 << self.bits) - 1;
        let weight = |h: u32| {
            let h = fmix(h);
            let w = hashed[(h & mask) as usize] as i8 as i32;
            if h & 0x8000_0000 != 0 {
                -w
            } else {
                w
            }
        };
        let mut prev = BOUNDARY;
        // Only the committed weights are memoised: they never change (a model being trained
        // may change its weights in place).
        let committed = std::ptr::eq(self.hashed, MODEL.hashed) && self.bits == MODEL.bits;
        let mut words = |memo: Option<&mut GramMemo>| {
            let mut memo = memo;
            for_each_word(text, |w| {
                // The features of `word_features` and `char_grams`, summed (the bigram apart).
                let word_sums = |w: &mut Word| {
                    let (raw, shape) = word_hashes(w);
                    let mut v = WordSums { word: weight(raw), words: 1, shape, ..WordSums::default() };
                    if w.digits {
                        v.word += weight(shape);
                        v.words += 1;
                    }
                    char_grams(w, |h| {
                        v.grams += weight(h);
                        v.ngrams += 1;
                    });
                    v
                };
                let v = match memo.as_deref_mut() {
                    Some(m) => {
                        // The word zero-padded (see `Word`), and whether it had a digit.
                        let mut key = [0u8; MAX_WORD + 2];
                        key[..MAX_WORD + 1].copy_from_slice(&w.buf[1..]);
                        key[MAX_WORD + 1] = w.digits as u8;
                        let slot = (fmix(fnv_words(&key)) as usize) & (MEMO_SIZE - 1);
                        if m.keys[slot] == key {
                            m.sums[slot]
                        } else {
                            let v = word_sums(w);
                            m.keys[slot] = key;
                            m.sums[slot] = v;
                            v
                        }
                    }
                    None => word_sums(w),
                };
                // The bigram with the previous word's shape, as `word_features` has it.
                sums[0] += v.word + weight(prev.wrapping_mul(0x9e37_79b1) ^ v.shape);
                counts[0] += v.words + 1;
                prev = v.shape;
                sums[1] += v.grams;
                counts[1] += v.ngrams;
            });
        };
        if committed {
            GRAM_MEMO.with(|m| match m.try_borrow_mut() {
                Ok(mut m) => {
                    if m.keys.is_empty() {
                        // Zero keys match no word.
                        m.keys = vec![[0u8; MAX_WORD + 2]; MEMO_SIZE];
                        m.sums = vec![WordSums::default(); MEMO_SIZE];
                    }
                    words(Some(&mut m));
                }
                Err(_) => words(None),
            });
        } else {
            words(None);
        }
        put_closing(&mut sums, &mut counts, prev, weight);
        (sums, counts)
    }
}

/// The closing bigram (after the last word).
#[inline(always)]
fn put_closing(sums: &mut [i32; GROUPS], counts: &mut [u32; GROUPS], prev: u32, weight: impl Fn(u32) -> i32) {
    sums[0] += weight(prev.wrapping_mul(0x9e37_79b1) ^ BOUNDARY);
    counts[0] += 1;
}

/// A cheap hash of a memo key (8-byte words, FNV-style), for the memo slot.
#[inline(always)]
fn fnv_words(key: &[u8; MAX_WORD + 2]) -> u32 {
    let mut h = 0u64;
    for c in key.chunks_exact(8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
}

/// The check-worthiness of a sentence by the committed model, in `[0, 1]`.
pub fn score(text: &str, f: &Features) -> f32 {
    MODEL.score(text, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_deterministic_and_in_range() {
        let mut a = Vec::new();
        hashed_features("We're consuming 50 percent of the world's cocaine.", 15, |g, b, s| a.push((g, b, s)));
        let mut b = Vec::new();
        hashed_features("We're consuming 50 percent of the world's cocaine.", 15, |g, x, s| b.push((g, x, s)));
        assert_eq!(a, b);
        assert!(a.iter().all(|&(g, x, _)| g < GROUPS && x < 1 << 15));
        // 8 words + shape + 9 bigrams.
        assert_eq!(a.iter().filter(|x| x.0 == 0).count(), 8 + 1 + 9);
    }

    /// The hashing before it was made fast (kept verbatim): the fast version must emit the
    /// same features in the same order.
    mod reference {
        use super::super::{BOUNDARY, NS_CHAR, NS_SHAPE, NS_WORD};
        const FNV_OFFSET: u32 = 0x811c_9dc5;
        const FNV_PRIME: u32 = 0x0100_0193;

        fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
            for &b in bytes {
                h ^= b as u32;
                h = h.wrapping_mul(FNV_PRIME);
            }
            h
        }

        /// The murmur3 32-bit finaliser: spreads FNV's bits so the low bits make good buckets.
        fn fmix(mut h: u32) -> u32 {
            h ^= h >> 16;
            h = h.wrapping_mul(0x85eb_ca6b);
            h ^= h >> 13;
            h = h.wrapping_mul(0xc2b2_ae35);
            h ^= h >> 16;
            h
        }

        /// Longest word kept for char n-grams (bytes); longer words are cut.
        const MAX_WORD: usize = 30;

        /// A word being read: its lower-cased bytes (cut at `MAX_WORD`), after a pad byte.
        struct Word {
            buf: [u8; MAX_WORD + 2],
            len: usize,
            digits: bool,
        }

        impl Word {
            fn new() -> Word {
                Word { buf: [b' '; MAX_WORD + 2], len: 0, digits: false }
            }
        }

        /// Calls `emit(group, bucket, negative)` for every hashed feature of `text`: group 0 are the
        /// word features, group 1 the char n-grams. Deterministic, allocation-free.
        fn reference_features(text: &str, bits: u32, mut emit: impl FnMut(usize, u32, bool)) {
            let mask = (1u32 << bits) - 1;
            let mut put = |group: usize, h: u32| {
                let h = fmix(h);
                emit(group, h & mask, h & 0x8000_0000 != 0);
            };
            let mut prev = BOUNDARY; // shape hash of the previous word, for bigrams
            let mut w = Word::new();
            fn finish(w: &mut Word, prev: &mut u32, put: &mut impl FnMut(usize, u32)) {
                // Trailing '.', ',' and apostrophes are not part of the word.
                while w.len > 0 && matches!(w.buf[w.len], b'.' | b',' | b'\'') {
                    w.len -= 1;
                }
                if w.len == 0 {
                    *w = Word::new();
                    return;
                }
                let bytes = &w.buf[1..=w.len];
                let raw = fnv(fnv(FNV_OFFSET, &[NS_WORD]), bytes);
                let mut shape = fnv(FNV_OFFSET, &[NS_SHAPE]);
                for &b in bytes {
                    shape ^= if b.is_ascii_digit() { b'0' } else { b } as u32;
                    shape = shape.wrapping_mul(FNV_PRIME);
                }
                put(0, raw);
                if w.digits {
                    put(0, shape);
                }
                put(0, prev.wrapping_mul(0x9e37_79b1) ^ shape);
                *prev = shape;
                // Char 3-, 4- and 5-grams of " word ", hashed incrementally from each start.
                let padded = &mut w.buf[..w.len + 2];
                padded[0] = b' ';
                padded[w.len + 1] = b' ';
                let char_basis = fnv(FNV_OFFSET, &[NS_CHAR]);
                for s in 0..padded.len() {
                    let mut h = char_basis;
                    for (k, &b) in padded[s..].iter().take(5).enumerate() {
                        h ^= b as u32;
                        h = h.wrapping_mul(FNV_PRIME);
                        if k >= 2 {
                            put(1, h);
                        }
                    }
                }
                *w = Word::new();
            }
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                let word_char = crate::words::is_alnum(c)
                    || (w.len > 0 && matches!(c, '\'' | '’'))
                    || (w.len > 0 && matches!(c, '.' | ',') && w.digits && chars.peek().is_some_and(|d| d.is_ascii_digit()));
                if word_char {
                    if c.is_ascii_digit() {
                        w.digits = true;
                    }
                    if c.is_ascii() {
                        if w.len < MAX_WORD {
                            w.len += 1;
                            w.buf[w.len] = (c as u8).to_ascii_lowercase();
                        }
                        continue;
                    }
                    let mut tmp = [0u8; 4];
                    // (Lower-casing as the model does it, `words::lower_char`.)
                    let l = crate::words::lower_char(c);
                    let l = if l == '’' { '\'' } else { l };
                    for &b in l.encode_utf8(&mut tmp).as_bytes() {
                        if w.len < MAX_WORD {
                            w.len += 1;
                            w.buf[w.len] = b;
                        }
                    }
                    continue;
                }
                finish(&mut w, &mut prev, &mut put);
                if matches!(c, '%' | '$' | '€' | '£' | '?' | '!') {
                    let mut tmp = [0u8; 4];
                    for &b in c.encode_utf8(&mut tmp).as_bytes() {
                        w.len += 1;
                        w.buf[w.len] = b;
                    }
                    finish(&mut w, &mut prev, &mut put);
                }
            }
            finish(&mut w, &mut prev, &mut put);
            put(0, prev.wrapping_mul(0x9e37_79b1) ^ BOUNDARY);
        }


        pub(super) fn features(text: &str, bits: u32) -> Vec<(usize, u32, bool)> {
            let mut v = Vec::new();
            reference_features(text, bits, |g, b, s| v.push((g, b, s)));
            v
        }
    }

    #[test]
    fn fast_hashing_matches_the_reference() {
        let mut texts: Vec<String> = [
            "", " ", "a", "We're consuming 50 percent of the world's cocaine.", "It rose 12% in 2019 — “a record”.",
            "1,200.5 and 3.14, 5., 6,, x'y' ’tis don’t 'quoted' 1.2.3.4 $5 €6 £7 ?! %", "ÉTAT Москва İstanbul ß ǅ ﬁ K",
            "supercalifragilisticexpialidocious-and-even-longer-words-than-thirty-bytes 123456789012345678901234567890123",
            "ééééééééééééééééééééééééééééééé.", "a.b,c 9.x 9,x 9. 9.9.9 ab'c' ''", "tab\tnew\nline\r\u{a0}nbsp",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let seed = include_str!("../tests/fixtures/example-article.txt");
        texts.extend(seed.split(". ").map(str::to_string));
        texts.push(seed.to_string());
        // Every char up to U+3000 next to letters and digits.
        let all: String = (0..0x3000u32).filter_map(char::from_u32).flat_map(|c| [c, 'a', '1', c, '.', '2']).collect();
        texts.push(all);
        for t in &texts {
            for bits in [15, 18, 31] {
                let mut fast = Vec::new();
                hashed_features(t, bits, |g, b, s| fast.push((g, b, s)));
                assert_eq!(fast, reference::features(t, bits), "{t:?}");
            }
        }
    }

    /// The memoised sums of the committed model are the sums of the features, whatever the
    /// memo holds (first and repeated words, words sharing a memo slot).
    #[test]
    fn memoised_sums_match_the_features() {
        let seed = include_str!("../tests/fixtures/example-article.txt");
        let mut texts: Vec<String> = seed.split(". ").map(str::to_string).collect();
        texts.push("ÉTAT Москва don’t 1,200.5 $5 €6 ?! supercalifragilisticexpialidocious-and-longer-words".into());
        texts.extend((0..3000).map(|k| format!("w{k} x{} the w{k}", k * 7)));
        // The same first 30 bytes, with and without a digit after them (cut off in the key).
        texts.push("abcdefghijklmnopqrstuvwxyzabcdefgh1 abcdefghijklmnopqrstuvwxyzabcdefghx".into());
        texts.push("abcdefghijklmnopqrstuvwxyzabcdefghx abcdefghijklmnopqrstuvwxyzabcdefgh1".into());
        // A copy of the committed model's weights at another address is not memoised.
        let copy = MODEL.hashed.to_vec();
        let other = Model { hashed: &copy, ..MODEL };
        for round in 0..2 {
            for t in &texts {
                let mut sums = [0i32; GROUPS];
                let mut counts = [0u32; GROUPS];
                hashed_features(t, MODEL.bits, |g, b, neg| {
                    let w = MODEL.hashed[b as usize] as i8 as i32;
                    sums[g] += if neg { -w } else { w };
                    counts[g] += 1;
                });
                assert_eq!(MODEL.hashed_sums(t), (sums, counts), "round {round}: {t:?}");
                assert_eq!(other.hashed_sums(t), (sums, counts), "round {round}: {t:?}");
            }
        }
    }

    #[test]
    fn roundtrip() {
        let bytes = MODEL.to_bytes();
        assert_eq!(bytes, WEIGHTS);
    }
}
