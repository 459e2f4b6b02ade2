//! Word-level helpers shared by the finders: a small tokenizer and word tests.
//!
//! Tokens are words (letters, digits, with inner `-`, `'`, `’`, `.` and digit separators, and a
//! trailing `.` on abbreviations like "U.S." or "Dr.") and single punctuation characters.
//! White space is not a token. Offsets are absolute UTF-8 byte offsets.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

/// A fast, deterministic hasher for short words (FxHash-style; the word lists are fixed, so no
/// need for SipHash's flood resistance).
#[derive(Clone, Copy, Default)]
pub struct FastHash(u64);

impl Hasher for FastHash {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`FastHash`] hashers.
#[derive(Clone, Copy, Default)]
pub struct FastHashBuild;

impl BuildHasher for FastHashBuild {
    type Hasher = FastHash;
    fn build_hasher(&self) -> FastHash {
        FastHash(0)
    }
}

/// A fixed word list with `O(1)` membership (built on first use).
///
/// Made with [`lexicon!`](crate::lexicon): the words are kept as one string, joined by line
/// feeds at compile time, not as a table of `&str` (8 bytes each in wasm32, ~3,000 words:
/// a few KB of the gzipped module).
pub struct Lexicon {
    words: &'static str,
    /// A filter of the words by [`bloom_key`] (it turns most words away with a few
    /// instructions, before the set is looked at), and the words.
    /// (The set holds the words' bytes: a lower-cased copy is looked up with no UTF-8 check.)
    set: OnceLock<(WordFilter, HashSet<&'static [u8], FastHashBuild>)>,
}

impl Lexicon {
    /// The list of `words`: one string, each word followed by a line feed (what
    /// [`lexicon!`](crate::lexicon) makes).
    pub const fn new(words: &'static str) -> Lexicon {
        Lexicon { words, set: OnceLock::new() }
    }

    /// Whether `w` (already lower-cased) is in the list. Takes `&&str` like `slice::contains`.
    #[inline]
    pub fn contains(&self, w: &&str) -> bool {
        let (bloom, set) = self.init();
        bloom.may_contain(w) && set.contains(w.as_bytes())
    }

    /// Whether the ASCII word `w`, lower-cased, is in the list (no copy unless its bloom
    /// filter lets it through; `w` need not be lower-case: [`bloom_key`] ignores ASCII case).
    #[inline]
    pub fn contains_ascii(&self, w: &[u8]) -> bool {
        self.init().0.may_contain_bytes(w) && self.contains_ascii_slow(w)
    }

    fn contains_ascii_slow(&self, w: &[u8]) -> bool {
        let mut buf = [0u8; 32];
        let Some(low) = buf.get_mut(..w.len()) else { return false };
        low.copy_from_slice(w);
        low.make_ascii_lowercase();
        self.init().1.contains(&*low)
    }

    /// Whether the token's lower-cased text ([`Token::lower`]) is in the list.
    pub fn contains_token(&self, t: &Token<'_>) -> bool {
        t.with_lower(|w| self.contains(&w))
    }

    #[inline]
    fn init(&self) -> &(WordFilter, HashSet<&'static [u8], FastHashBuild>) {
        self.set.get_or_init(|| {
            let mut filter = WordFilter([0; 16]);
            for w in self.words() {
                filter.insert(w.as_bytes());
            }
            (filter, self.words().map(str::as_bytes).collect())
        })
    }

    /// The words, in the order of the list.
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        self.words.split_terminator('\n')
    }

    /// The filter of the words, for a scan that tests every word against several lists with
    /// one [`bloom_key`] (`contains_ascii` after the filter lets a word through).
    #[inline]
    pub(crate) fn filter(&self) -> &WordFilter {
        &self.init().0
    }
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII and the common
/// ranges of [`common_non_ascii`] (curly quotes and dashes, accented Latin, Cyrillic).
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if let Some(letter) = common_non_ascii(c) {
        return letter;
    }
    c.is_alphanumeric()
}

/// `char::is_alphabetic`, with the fast paths of [`is_alnum`].
#[inline]
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if let Some(letter) = common_non_ascii(c) {
        return letter;
    }
    c.is_alphabetic()
}

/// Whether `c` is a letter, for the common non-ASCII ranges whose letters are all alphabetic
/// and none numeric: General Punctuation (no letters), Latin-1 letters and Latin Extended-A/B
/// (all but `×` and `÷`), Cyrillic (all but U+0482–U+0489). `None` elsewhere.
#[inline]
fn common_non_ascii(c: char) -> Option<bool> {
    match c as u32 {
        0x2000..=0x206f => Some(false),
        0xc0..=0x24f => Some(c != '×' && c != '÷'),
        0x400..=0x4ff => Some(!(0x482..=0x489).contains(&(c as u32))),
        _ => None,
    }
}

/// Bidirectional marks (LRM U+200E, RLM U+200F, ALM U+061C): invisible format characters that
/// pages put around numbers in mixed-direction text. They separate nothing and join nothing
/// (Unicode word-break rule WB4 ignores them): the tokenizers skip them.
#[inline]
pub fn is_bidi_mark(c: char) -> bool {
    // (The first test passes ASCII and most letters over with one comparison.)
    c >= '\u{61c}' && matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Invisible characters that continue a word or number when a letter or digit follows
/// (soft hyphen U+00AD, zero-width non-joiner U+200C, zero-width joiner U+200D, word joiner
/// U+2060), as Unicode word-break rule WB4 has it: "sol\u{ad}diers" is one word. They are
/// dropped from lower-cased text ([`Token::lower`]), so "sol\u{ad}diers" reads "soldiers".
#[inline]
pub fn is_inner_joiner(c: char) -> bool {
    c >= '\u{ad}' && matches!(c, '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{2060}')
}

/// Combining marks (the Combining Diacritical Marks blocks: U+0300–U+036F, U+1AB0–U+1AFF,
/// U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F). After a letter they continue the word, so
/// that decomposed text ("cafe\u{301}s", NFD) reads like precomposed text ("cafés").
#[inline]
pub fn is_combining_mark(c: char) -> bool {
    c >= '\u{300}' && matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Decimal digits of other scripts than ASCII (Unicode category Nd: Arabic-Indic, Persian,
/// Devanagari, …, fullwidth; the digit blocks of the Basic Multilingual Plane and the
/// mathematical digits). The core reads ASCII digits only; these tell it where a run of
/// digits goes on in another script ("8٠٠٠"), so that it is not cut into a wrong number.
#[inline]
pub fn is_other_digit(c: char) -> bool {
    if (c as u32) < 0x660 {
        return false;
    }
    is_other_digit_slow(c)
}

fn is_other_digit_slow(c: char) -> bool {
    // The code point of the zero of each block of ten digits.
    const ZEROS: &[u32] = &[
        0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
        0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50,
        0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    ];
    let u = c as u32;
    u >= 0x660 && (ZEROS.iter().any(|&z| (z..z + 10).contains(&u)) || (0x1d7ce..=0x1d7ff).contains(&u))
}

/// The lower case of `c` for word lists and model features: ASCII, Latin-1, Latin
/// Extended-A, Greek and Cyrillic capitals (the cased scripts of the news we read); anything
/// else is returned unchanged. A table-free stand-in for `char::to_lowercase`, whose Unicode
/// table is 11 KB of the wasm module. One char to one char (`İ` is `i`, final sigma is `σ`).
#[inline]
pub fn lower_char(c: char) -> char {
    // ASCII (most chars) inline; the ranges below map only 'A'..='Z' of it.
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    lower_non_ascii(c)
}

/// [`lower_char`] beyond ASCII.
fn lower_non_ascii(c: char) -> char {
    let u = c as u32;
    if u > 0x42f {
        // Past the last capital below (most non-ASCII chars of news: quotes, dashes).
        return c;
    }
    let l = match u {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x391..=0x3a1 | 0x3a3..=0x3ab | 0x410..=0x42f => u + 0x20,
        0x130 => 0x69,
        0x100..=0x137 | 0x14a..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17e if u % 2 == 1 => u + 1,
        0x178 => 0xff,
        0x386 => 0x3ac,
        0x388..=0x38a => u + 0x25,
        0x38c => 0x3cc,
        0x38e..=0x38f => u + 0x3f,
        0x400..=0x40f => u + 0x50,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// `s` with [`lower_char`] applied to every char.
pub fn lower_str(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

/// A token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> Token<'a> {
    #[inline]
    pub fn is_word(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            _ => self.is_word_beyond_ascii(),
        }
    }

    /// [`Token::is_word`] of a token that does not start with ASCII (out of line: rare).
    fn is_word_beyond_ascii(&self) -> bool {
        self.text.chars().next().is_some_and(is_alnum)
    }

    pub fn is_punct(&self) -> bool {
        !self.is_word()
    }

    /// Starts with an upper-case letter ("Blinken", "U.S.").
    pub fn is_capitalized(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.text.chars().next().is_some_and(|c| c.is_uppercase()),
        }
    }

    /// Lower-cased text, with curly apostrophes made straight.
    pub fn lower(&self) -> Cow<'a, str> {
        let t = self.text;
        if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            return Cow::Borrowed(t);
        }
        if t == "’" {
            return Cow::Borrowed("'");
        }
        if t.is_ascii() {
            // ASCII with capitals ("Blinken", "U.S."): one allocation, no Unicode tables.
            return Cow::Owned(t.to_ascii_lowercase());
        }
        // Punctuation ("—", "“") and lower-case letters map to themselves (General Punctuation,
        // U+2000–U+206F, has no cased letters).
        let same = |c: char| {
            if is_inner_joiner(c) {
                return false;
            }
            if ('\u{2000}'..='\u{206f}').contains(&c) {
                return c != '’';
            }
            lower_char(c) == c
        };
        if t.chars().all(same) {
            return Cow::Borrowed(t);
        }
        // Joiners and soft hyphens are dropped: "sa\u{ad}id" reads "said".
        Cow::Owned(lower_str(t).replace('’', "'").replace(is_inner_joiner, ""))
    }

    /// Calls `f` with [`Token::lower`], without allocating for short ASCII words.
    pub fn with_lower<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let b = self.text.as_bytes();
        if b.iter().all(|c| c.is_ascii() && !c.is_ascii_uppercase()) {
            return f(self.text);
        }
        let mut buf = [0u8; 64];
        if let Some(n) = self.lower_ascii(&mut buf) {
            if let Ok(w) = std::str::from_utf8(&buf[..n]) {
                return f(w);
            }
        }
        f(&self.lower())
    }

    /// [`Token::lower`] into `buf` when the text is ASCII and curly apostrophes and fits:
    /// the length written.
    fn lower_ascii(&self, buf: &mut [u8; 64]) -> Option<usize> {
        let mut n = 0;
        for c in self.text.chars() {
            let b = if c.is_ascii() {
                (c as u8).to_ascii_lowercase()
            } else if c == '’' {
                b'\''
            } else {
                return None;
            };
            *buf.get_mut(n)? = b;
            n += 1;
        }
        Some(n)
    }

    /// `self.lower() == w`, without allocating for ASCII words.
    #[inline]
    pub fn lower_is(&self, w: &str) -> bool {
        let t = self.text;
        if t.len() == w.len() && t.is_ascii() {
            return t.bytes().zip(w.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b);
        }
        if t.is_ascii() {
            return false;
        }
        let mut buf = [0u8; 64];
        match self.lower_ascii(&mut buf) {
            Some(n) => &buf[..n] == w.as_bytes(),
            None => self.lower() == w,
        }
    }

    /// Equal to `w` ignoring ASCII case.
    #[inline]
    pub fn is(&self, w: &str) -> bool {
        // The lengths first, inline: most tokens are turned away there.
        self.text.len() == w.len() && self.text.eq_ignore_ascii_case(w)
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(w))
    }
}

/// The lower-cased text ([`Token::lower`]) of every token of a sentence, made once and shared
/// by the finders (phrases, attribution cues, score features): one buffer, no allocation per
/// token.
pub struct Lowered<'a> {
    toks: &'a [Token<'a>],
    /// The lower-cased text of the tokens that are not lower case already.
    buf: String,
    /// Token `i`'s lower-cased text: its own text when `(ends[i].0, ends[i].1)` is
    /// [`Lowered::OWN`] (most tokens: nothing is copied), else `buf[ends[i].0..ends[i].1]`;
    /// and in `ends[i].2`, the [`bloom_key`] of that text (made once: the phrase and cue
    /// scans each filter every token by it).
    ends: Vec<(u32, u32, u32)>,
}

impl<'a> Lowered<'a> {
    const OWN: (u32, u32) = (u32::MAX, u32::MAX);

    pub fn new(toks: &'a [Token<'a>]) -> Lowered<'a> {
        Lowered::with_buffers(toks, String::new(), Vec::with_capacity(toks.len()))
    }

    /// [`Lowered::new`] in the buffers `buf` and `ends` (emptied first; their capacity is
    /// reused: see [`Lowered::into_buffers`]).
    pub fn with_buffers(toks: &'a [Token<'a>], mut buf: String, mut ends: Vec<(u32, u32, u32)>) -> Lowered<'a> {
        buf.clear();
        ends.clear();
        ends.reserve(toks.len());
        for (i, t) in toks.iter().enumerate() {
            let (ascii, upper) = ascii_and_upper(t.text.as_bytes());
            if ascii && !upper {
                // `Token::lower` is the text itself.
                ends.push((Self::OWN.0, Self::OWN.1, bloom_key(t.text.as_bytes()) as u32));
                continue;
            }
            if buf.capacity() == 0 {
                buf.reserve(toks[i..].iter().map(|t| t.text.len()).sum());
            }
            let s = buf.len();
            if ascii {
                // `Token::lower` of ASCII text is its ASCII lower case: lowered in place.
                buf.push_str(t.text);
                buf[s..].make_ascii_lowercase();
            } else {
                t.with_lower(|w| buf.push_str(w));
            }
            ends.push((s as u32, buf.len() as u32, bloom_key(&buf.as_bytes()[s..]) as u32));
        }
        Lowered { toks, buf, ends }
    }

    /// The buffers, for [`Lowered::with_buffers`] of the next sentence.
    pub fn into_buffers(self) -> (String, Vec<(u32, u32, u32)>) {
        (self.buf, self.ends)
    }

    /// How many tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Token `i`'s lower-cased text ("" past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        match self.ends.get(i) {
            None => "",
            Some(&(s, e, _)) if (s, e) == Self::OWN => self.toks[i].text,
            Some(&(s, e, _)) => &self.buf[s as usize..e as usize],
        }
    }

    /// Whether token `i`'s lower-cased text may be a word of `filter`:
    /// `filter.may_contain(self.get(i))`, from the key made once.
    #[inline]
    pub fn may_be_in(&self, i: usize, filter: &WordFilter) -> bool {
        filter.has_key(self.ends[i].2 as usize)
    }
}

/// Whether `w` is ASCII, and whether it has an ASCII capital letter: one branch-free pass
/// (tokens are short).
#[inline]
pub(crate) fn ascii_and_upper(w: &[u8]) -> (bool, bool) {
    let (mut any, mut upper) = (0u8, 0u8);
    for &c in w {
        any |= c;
        upper |= (c.wrapping_sub(b'A') < 26) as u8;
    }
    (any < 0x80, upper != 0)
}

/// The end of the run of ASCII letters from `i` in `b` (the first index from `i` whose byte is
/// no ASCII letter, or `b.len()`): eight bytes at a time.
#[inline]
pub(crate) fn ascii_letters_end(b: &[u8], i: usize) -> usize {
    ascii_run_end(b, i, false)
}

/// [`ascii_letters_end`] of ASCII letters and digits.
#[inline]
pub(crate) fn ascii_alnum_end(b: &[u8], i: usize) -> usize {
    ascii_run_end(b, i, true)
}

#[inline]
fn ascii_run_end(b: &[u8], mut i: usize, digits: bool) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let x = u64::from_le_bytes(w);
        // Each byte cut to 7 bits, so that no sum below carries into the next byte; then a
        // byte's top bit tells it is in a range: for letters, lower-cased (`| 0x20`), >= 'a'
        // (`+ 0x1f`) and not > 'z' (`+ 0x05`); for digits >= '0' (`+ 0x50`) and not > '9'
        // (`+ 0x46`). `!x`: the byte itself was ASCII.
        let y = x & (LO * 0x7f);
        let l = y | (LO * 0x20);
        let mut run = l.wrapping_add(LO * 0x1f) & !l.wrapping_add(LO * 0x05);
        if digits {
            run |= y.wrapping_add(LO * 0x50) & !y.wrapping_add(LO * 0x46);
        }
        let stop = !(run & !x) & (LO * 0x80);
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && (b[i].is_ascii_alphabetic() || digits && b[i].is_ascii_digit()) {
        i += 1;
    }
    i
}

/// The first index from `i` whose byte is one of `set` (or `bytes.len()`): for the scans that
/// look only at a few kinds of bytes (sentence ends, quote marks), eight bytes at a time.
#[inline]
pub(crate) fn find_any_byte<const N: usize>(bytes: &[u8], mut i: usize, set: [u8; N]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while i + 8 <= bytes.len() {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[i..i + 8]);
        let v = u64::from_le_bytes(b);
        // Whether some byte of `v` equals `x`: a zero byte of `v ^ x…x` (the classic test,
        // exact about whether there is one).
        let hit = set.iter().fold(0, |hit, &x| {
            let t = v ^ (LO * x as u64);
            hit | (t.wrapping_sub(LO) & !t & HI)
        });
        if hit != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && !set.contains(&bytes[i]) {
        i += 1;
    }
    i.min(bytes.len())
}

/// Abbreviations that keep their final period as part of the word.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "maj", "rev", "hon", "pres", "st", "mt", "ft", "jr", "sr", "inc", "corp", "ltd", "co",
    "vs", "etc", "no", "nos", "vol", "pp", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "univ", "ave", "blvd", "rd",
];

static ABBREVIATION_SET: Lexicon = crate::lexicon!(ABBREVIATIONS);

/// Whether `word` (without its final period) is a known abbreviation, ignoring ASCII case.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    // The list is ASCII: a word with another byte matches none of it, lower-cased or not.
    ABBREVIATION_SET.contains_ascii(w.as_bytes())
}

#[inline]
fn is_word_char(c: char) -> bool {
    // ASCII inline: of it only letters and digits (marks and the joiner are not ASCII).
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_word_char_beyond_ascii(c)
}

fn is_word_char_beyond_ascii(c: char) -> bool {
    is_alnum(c) || is_combining_mark(c) || c == '\u{200d}'
}

/// Splits `text[start..end]` into tokens.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity((end - start) / 5 + 1);
    tokenize_into(text, start, end, &mut out);
    out
}

/// [`tokenize`] into `out` (emptied first; its capacity is reused).
pub fn tokenize_into<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    out.clear();
    out.reserve((end - start) / 5 + 1);
    let s = &text[start..end];
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        if bytes[i] == b' ' {
            // The most common byte between tokens, passed over at once.
            i += 1;
            continue;
        }
        let c = if bytes[i] < 0x80 {
            bytes[i] as char
        } else {
            match s[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_whitespace() || is_bidi_mark(c) {
            i += c.len_utf8();
            continue;
        }
        if !is_word_char(c) {
            let j = i + c.len_utf8();
            out.push(Token { start: start + i, end: start + j, text: &s[i..j] });
            i = j;
            continue;
        }
        let mut j = i + c.len_utf8();
        let mut has_inner_dot = false;
        j = ascii_alnum_end(bytes, j);
        while j < s.len() {
            // ASCII other than these never continues a word (word chars and joiners beyond
            // ASCII alphanumerics are not ASCII): most words end here, at a space.
            if bytes[j] < 0x80 && !matches!(bytes[j], b'-' | b'\'' | b'.' | b',') && !bytes[j].is_ascii_alphanumeric() {
                break;
            }
            let d = s[j..].chars().next().unwrap_or(' ');
            if is_word_char(d) {
                j += d.len_utf8();
                continue;
            }
            // Inner joiners: followed by a word char.
            let next = s[j + d.len_utf8()..].chars().next();
            let prev_digit = s[..j].ends_with(|x: char| x.is_ascii_digit());
            let joins = match d {
                '-' | '\'' | '’' | '.' => next.is_some_and(is_word_char),
                ',' => prev_digit && next.is_some_and(|x| x.is_ascii_digit()),
                _ => is_inner_joiner(d) && next.is_some_and(is_word_char),
            };
            if joins {
                if d == '.' {
                    has_inner_dot = true;
                }
                j += d.len_utf8();
                continue;
            }
            break;
        }
        // A trailing period belongs to dotted abbreviations ("U.S.") and known abbreviations.
        if bytes.get(j) == Some(&b'.') {
            let w = &s[i..j];
            let single_initial = w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase());
            let dotted = has_inner_dot && w.chars().filter(|c| c.is_alphabetic()).count() <= 4
                && !w.chars().any(|c| c.is_ascii_digit());
            if dotted || single_initial || is_abbreviation(w) {
                j += 1;
            }
        }
        out.push(Token { start: start + i, end: start + j, text: &s[i..j] });
        i = j;
    }
}

/// An empty vector of tokens of any text with the capacity of `v`: so that a buffer of tokens
/// can be kept from one text to the next (the in-place `collect` of an emptied vector reuses
/// its allocation).
pub fn recycle_tokens<'a>(mut v: Vec<Token<'_>>) -> Vec<Token<'a>> {
    v.clear();
    v.into_iter().map(|t| Token { start: t.start, end: t.end, text: "" }).collect()
}

/// Finds whole-word, case-insensitive occurrences of any phrase in `phrases` (words separated
/// by single spaces) in `tokens`; returns `(first token, last token + 1)` pairs, longest first
/// at each position, non-overlapping, in order.
pub fn find_phrases(tokens: &[Token<'_>], phrases: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut best = 0;
        let first = tokens[i].lower();
        for p in phrases {
            // Cheap first-word test before comparing the rest.
            let mut words = p.split(' ');
            if words.next() != Some(first.as_ref()) {
                continue;
            }
            let n = 1 + words.clone().count();
            if n > best && i + n <= tokens.len() && words.zip(&tokens[i + 1..i + n]).all(|(w, t)| t.lower_is(w)) {
                best = n;
            }
        }
        if best > 0 {
            out.push((i, i + best));
            i += best;
        } else {
            i += 1;
        }
    }
    out
}

/// A phrase list indexed by first word, for [`find_phrases_lowered`].
pub struct PhraseIndex {
    by_first: HashMap<&'static str, Vec<Vec<&'static str>>, FastHashBuild>,
    /// A filter of the first words by [`bloom_key`]: most tokens start no phrase.
    bloom: WordFilter,
}

/// A key of a word for [`PhraseIndex::bloom`] and [`WordFilter`] from its length and its first
/// and last bytes, lower-cased (so an ASCII token and its lower-cased text have the same key).
pub(crate) const fn bloom_key(w: &[u8]) -> usize {
    let (Some(&f), Some(&l)) = (w.first(), w.last()) else { return 0 };
    // `| 0x20` lower-cases ASCII letters (other bytes change in some fixed way, which is all a
    // key needs); one multiplication mixes the three, and its top 10 bits are the key.
    let x = (w.len() as u32) ^ ((f | 0x20) as u32) << 8 ^ ((l | 0x20) as u32) << 16;
    (x.wrapping_mul(0x9e37_79b1) >> 22) as usize
}

/// A filter of word lists by [`bloom_key`], built at compile time: [`WordFilter::may_contain`]
/// is true for every word of the lists (and for a few others), false for most words, so a
/// scan can pass over a word that is in none of them before any closer look.
pub struct WordFilter([u64; 16]);

/// The length of `list` joined by [`join_words`] (for [`lexicon!`](crate::lexicon)).
pub const fn joined_len(list: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < list.len() {
        n += list[i].len() + 1;
        i += 1;
    }
    n
}

/// The words of `list`, each followed by a line feed, at compile time (`N` is
/// [`joined_len`] of the list).
pub const fn join_words<const N: usize>(list: &[&str]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut k = 0;
    let mut i = 0;
    while i < list.len() {
        let b = list[i].as_bytes();
        let mut j = 0;
        while j < b.len() {
            out[k] = b[j];
            k += 1;
            j += 1;
        }
        out[k] = b'\n';
        k += 1;
        i += 1;
    }
    out
}

/// A [`Lexicon`] of a `&[&str]` list (a literal or a const), joined into one string at
/// compile time.
#[macro_export]
#[doc(hidden)]
macro_rules! lexicon {
    ($list:expr) => {{
        const LIST: &[&str] = $list;
        const N: usize = $crate::words::joined_len(LIST);
        const BYTES: [u8; N] = $crate::words::join_words::<N>(LIST);
        const TEXT: &str = match ::core::str::from_utf8(&BYTES) {
            Ok(s) => s,
            Err(_) => panic!("a word list is not UTF-8"),
        };
        $crate::words::Lexicon::new(TEXT)
    }};
}

impl WordFilter {
    fn insert(&mut self, w: &[u8]) {
        let k = bloom_key(w);
        self.0[k / 64] |= 1 << (k % 64);
    }

    pub const fn new(lists: &[&[&str]]) -> WordFilter {
        let mut bits = [0u64; 16];
        let mut l = 0;
        while l < lists.len() {
            let mut w = 0;
            while w < lists[l].len() {
                let k = bloom_key(lists[l][w].as_bytes());
                bits[k / 64] |= 1 << (k % 64);
                w += 1;
            }
            l += 1;
        }
        WordFilter(bits)
    }

    /// [`WordFilter::new`] of the keys of a table of `(word, flags)`.
    pub const fn of_keys(pairs: &[(&str, u8)]) -> WordFilter {
        let mut bits = [0u64; 16];
        let mut i = 0;
        while i < pairs.len() {
            let k = bloom_key(pairs[i].0.as_bytes());
            bits[k / 64] |= 1 << (k % 64);
            i += 1;
        }
        WordFilter(bits)
    }

    /// [`WordFilter::new`] of the last words of phrases (each a non-empty list of words).
    pub const fn of_last_words(phrases: &[&[&str]]) -> WordFilter {
        let mut bits = [0u64; 16];
        let mut i = 0;
        while i < phrases.len() {
            let k = bloom_key(phrases[i][phrases[i].len() - 1].as_bytes());
            bits[k / 64] |= 1 << (k % 64);
            i += 1;
        }
        WordFilter(bits)
    }

    /// False when `w` is none of the words (compared as they are; [`bloom_key`] also ignores
    /// the ASCII case of the first and last bytes).
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        self.may_contain_bytes(w.as_bytes())
    }

    /// [`WordFilter::may_contain`] of bytes.
    #[inline]
    pub fn may_contain_bytes(&self, w: &[u8]) -> bool {
        self.has_key(bloom_key(w))
    }

    /// Whether a word of the lists has the [`bloom_key`] `k`.
    #[inline]
    pub(crate) fn has_key(&self, k: usize) -> bool {
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

impl PhraseIndex {
    pub fn new(phrases: &[&'static str]) -> PhraseIndex {
        let mut by_first: HashMap<&'static str, Vec<Vec<&'static str>>, FastHashBuild> = HashMap::default();
        let mut bloom = [0u64; 16];
        for p in phrases {
            let words: Vec<&'static str> = p.split(' ').collect();
            let k = bloom_key(words[0].as_bytes());
            bloom[k / 64] |= 1 << (k % 64);
            by_first.entry(words[0]).or_default().push(words);
        }
        PhraseIndex { by_first, bloom: WordFilter(bloom) }
    }
}

/// [`find_phrases`] over a prebuilt index (kept in a `OnceLock` by the caller), with the
/// tokens' lower-cased text already made.
pub fn find_phrases_lowered(lows: &Lowered<'_>, index: &OnceLock<PhraseIndex>, phrases: &[&'static str]) -> Vec<(usize, usize)> {
    let index = index.get_or_init(|| PhraseIndex::new(phrases));
    let n = lows.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // The filter is exact for lower-cased words: the index's words are lower case.
        if !lows.may_be_in(i, &index.bloom) {
            i += 1;
            continue;
        }
        let w = lows.get(i);
        let mut best = 0;
        if let Some(candidates) = index.by_first.get(w) {
            // Most candidates differ from the text at their second word: look it up once.
            let second = lows.get(i + 1);
            for words in candidates {
                let m = words.len();
                if m > best
                    && i + m <= n
                    && words.get(1).is_none_or(|w| *w == second)
                    && words.iter().enumerate().skip(2).all(|(k, w)| lows.get(i + k) == *w)
                {
                    best = m;
                }
            }
        }
        if best > 0 {
            out.push((i, i + best));
            i += best;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_runs_match_the_byte_loops() {
        let naive = |b: &[u8], mut i: usize, digits: bool| {
            while i < b.len() && (b[i].is_ascii_alphabetic() || digits && b[i].is_ascii_digit()) {
                i += 1;
            }
            i
        };
        for x in 0..=255u8 {
            for pos in 0..20 {
                let mut b = b"abcdefghij0123456789KLMNOPQRSTUVWXYZ".to_vec();
                b[pos] = x;
                for i in 0..10 {
                    assert_eq!(ascii_letters_end(&b, i), naive(&b, i, false), "{x} {pos} {i}");
                    assert_eq!(ascii_alnum_end(&b, i), naive(&b, i, true), "{x} {pos} {i}");
                }
            }
        }
    }

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len()).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokenizes_abbreviations_numbers_and_names() {
        assert_eq!(
            words("U.S. Secretary Antony Blinken said 1,200 soldiers, 3.5%."),
            ["U.S.", "Secretary", "Antony", "Blinken", "said", "1,200", "soldiers", ",", "3.5", "%", "."]
        );
        assert_eq!(words("Kim Yong-hyun’s view, Dr. No"), ["Kim", "Yong-hyun’s", "view", ",", "Dr.", "No"]);
        assert_eq!(words("in Washington, D.C., Blinken"), ["in", "Washington", ",", "D.C.", ",", "Blinken"]);
        assert_eq!(words("the end."), ["the", "end", "."]);
        assert_eq!(words("(2+2)"), ["(", "2", "+", "2", ")"]);
    }

    /// `find_any_byte` finds what a byte-by-byte scan finds, wherever the byte is in its
    /// eight-byte chunk.
    #[test]
    fn find_any_byte_matches_a_plain_scan() {
        let text = "Prices rose. “Yes,” she said!\nNo… 5%? a\"b\u{a0}c ünïcödé — end".repeat(3);
        let bytes = text.as_bytes();
        let sets: [[u8; 4]; 3] = [[b'"', b'\n', 0xE2, 0xC2], [b'.', b'!', b'?', 0xE2], [b'z', b'z', b'z', b'z']];
        for set in sets {
            for i in 0..=bytes.len() {
                let plain = (i..bytes.len()).find(|&k| set.contains(&bytes[k])).unwrap_or(bytes.len());
                assert_eq!(find_any_byte(bytes, i, set), plain, "{set:?} from {i}");
            }
        }
    }

    #[test]
    fn fast_letter_tests_match_std() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
        }
    }

    /// `lower_char` is `char::to_lowercase` on ASCII, Latin-1, Latin Extended-A, Greek and
    /// Cyrillic (but `İ` → `i`), and leaves every other character alone.
    #[test]
    fn lower_char_matches_std_where_it_lowers() {
        let covered = |u: u32| u < 0x180 || (0x380..0x3b0).contains(&u) || (0x400..0x430).contains(&u);
        let mut lowered = 0;
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let l = lower_char(c);
            if l != c {
                lowered += 1;
            }
            let mut std = c.to_lowercase();
            let (first, more) = (std.next(), std.next().is_some());
            if c == 'İ' {
                assert_eq!(l, 'i');
            } else if covered(c as u32) && !more {
                assert_eq!(Some(l), first, "{c:?} U+{:04X}", c as u32);
            } else if !covered(c as u32) && !(0x430..0x460).contains(&(c as u32)) && !(0x3b0..0x400).contains(&(c as u32)) {
                assert_eq!(l, c, "{c:?} outside the covered blocks is unchanged");
            }
        }
        assert!(lowered >= 190, "{lowered} capitals lowered");
        assert_eq!(lower_str("ÉTAT Москва ΑΘΗΝΑ İstanbul Łódź"), "état москва αθηνα istanbul łódź");
    }

    #[test]
    fn lower_fast_paths_match_lower() {
        for w in ["the", "Blinken", "U.S.", "Russia’s", "’", "“", "—", "ÉTAT", "Москва", "İstanbul", "K", "don’t", "x".repeat(70).as_str()] {
            let t = Token { start: 0, end: w.len(), text: w };
            let slow = lower_str(w).replace('’', "'");
            assert_eq!(t.lower(), slow, "{w}");
            assert_eq!(t.with_lower(|l| l.to_string()), slow, "{w}");
            assert!(t.lower_is(&slow), "{w}");
            assert!(!t.lower_is("the x"), "{w}");
        }
    }

    #[test]
    fn invisible_characters_inside_words() {
        // Joiners and soft hyphens continue a word and leave its lower-cased text; bidi marks
        // are skipped; combining marks continue a word.
        let s = "Sol\u{ad}diers said \u{200e}8,000\u{200f} cafe\u{301}s";
        let toks = tokenize(s, 0, s.len());
        assert_eq!(toks.iter().map(|t| t.text).collect::<Vec<_>>(), ["Sol\u{ad}diers", "said", "8,000", "cafe\u{301}s"]);
        assert_eq!(toks[0].lower(), "soldiers");
        assert!(toks[0].lower_is("soldiers"));
        let lows = Lowered::new(&toks);
        for (i, t) in toks.iter().enumerate() {
            assert_eq!(lows.get(i), t.lower(), "{i}");
        }
        assert_eq!(lows.get(toks.len()), "");
    }

    #[test]
    fn finds_longest_phrases() {
        let s = "it is expected to rise in the coming days";
        let t = tokenize(s, 0, s.len());
        let found = find_phrases(&t, &["expected to", "in the coming days", "coming"]);
        assert_eq!(found, vec![(2, 4), (5, 9)]);
    }
}
