//! Tokens and numerals: the scanning layer under [`crate::quantity`].
//!
//! Everything here is hand-written and forward-only, so a sentence is scanned in linear time:
//! a token is one run of ASCII digits (with `,`/NBSP/thin-space thousands groups and one decimal
//! part), one run of letters (with inner apostrophes, and dotted abbreviations like "U.S."),
//! or one other character. Numbers that overflow `f64` are refused, never turned into `inf`.
//!
//! Numerals read here: digits with thousands groups, Indian groups ("12,34,567") and a leading
//! dot (".08"); scales ("3.5 billion", "$2bn", "10M", "1MM", "2mil", "13 lakh", "three lakh
//! crore"); scientific notation and powers ("1e10", "1.3x10^6", "2.48×10−5", "1.1^23");
//! mixed digits and words ("4 thousand 3 hundred and 21"); word cardinals ("twenty-one
//! trillion and three hundred", "three million, two hundred & forty", "fifty - two" in
//! tokenised text, "zero", "nought"); decimals in words ("two point five", "nought point
//! eleven"); fractions ("three fifths", "a fifth.", "one-twelfth", "twenty-three fifths",
//! "three twenty-firsts", "one over three", "2000 over 3", "1/40 of", "½"), mixed numbers
//! ("two and a half", "one hundred and three quarters", "twenty and three fifths") and
//! fractions of scales ("half million", "a quarter million", "two thirds of a million", "one
//! billion and a half million").

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum K {
    Num,
    Word,
    Sym,
}

/// A token: absolute byte offsets `s..e` (on char boundaries).
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub k: K,
    pub s: usize,
    pub e: usize,
    /// White space (or the start of the range) comes right before this token.
    pub sp: bool,
    /// Words: the lower-cased text (curly apostrophes made straight) is `lows[ls..le]`, in the
    /// buffer returned by [`tokenize`]. Empty for other tokens.
    pub ls: usize,
    pub le: usize,
}

/// White space for tokenising: Unicode white space plus zero-width spaces.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn char_at(t: &str, i: usize, end: usize) -> Option<char> {
    if i < end {
        t.get(i..end).and_then(|s| s.chars().next())
    } else {
        None
    }
}

/// Splits `t[start..end]` into tokens. `start`/`end` must be char boundaries. Returns the
/// tokens and the buffer of their lower-cased words.
#[cfg(test)]
pub(crate) fn tokenize(t: &str, start: usize, end: usize) -> (Vec<Tok>, String) {
    let (mut toks, mut lows) = (Vec::new(), String::new());
    tokenize_into(t, start, end, &mut toks, &mut lows);
    (toks, lows)
}

/// [`tokenize`] into `toks` and `lows` (emptied first; their capacity is reused).
pub(crate) fn tokenize_into(t: &str, start: usize, end: usize, toks: &mut Vec<Tok>, lows: &mut String) {
    let end = end.min(t.len());
    toks.clear();
    lows.clear();
    toks.reserve(end.saturating_sub(start) / 5 + 1);
    lows.reserve(end.saturating_sub(start));
    let mut i = start;
    let mut sp = true;
    let b = t.as_bytes();
    while i < end {
        if b[i] == b' ' {
            // The most common byte between tokens, passed over at once.
            sp = true;
            i += 1;
            continue;
        }
        let c = if b[i] < 0x80 {
            b[i] as char
        } else {
            match char_at(t, i, end) {
                Some(c) => c,
                None => break,
            }
        };
        if is_space(c) {
            sp = true;
            i += c.len_utf8();
            continue;
        }
        if crate::words::is_bidi_mark(c) {
            // Invisible and neither space nor glue: "\u{200e}8,000\u{200e} soldiers" reads
            // "8,000 soldiers" (white space before a token stays as it was).
            i += c.len_utf8();
            continue;
        }
        let s = i;
        // For a word of ASCII letters alone: whether it has a capital (from `scan_word`).
        let mut letters_upper = None;
        // ".08", "$.50": a decimal without its leading zero, after white space or a sign
        let lead_dot = c == '.'
            && char_at(t, i + 1, end).is_some_and(|d| d.is_ascii_digit())
            && (sp || toks.last().is_some_and(|p: &Tok| p.k == K::Sym && matches!(&t[p.s..p.e], "$" | "€" | "£" | "(" | "-" | "−")));
        let k = if c.is_ascii_digit() || crate::words::is_other_digit(c) {
            if let Some(q) = other_script_digits(t, i, end) {
                // "8٠٠٠", "٨000", "٨٠٠٠": not a number the core reads (never "8" or "000").
                i = q;
                K::Sym
            } else {
                i = scan_number(t, i, end);
                K::Num
            }
        } else if lead_dot {
            i += 1;
            while i < end && t.as_bytes()[i].is_ascii_digit() {
                i += 1;
            }
            K::Num
        } else if crate::words::is_alpha(c) {
            (i, letters_upper) = scan_word(t, i, end);
            K::Word
        } else {
            i += c.len_utf8();
            K::Sym
        };
        let ls = lows.len();
        if k == K::Word {
            let w = &t[s..i];
            let (ascii, upper) = match letters_upper {
                Some(upper) => (true, upper),
                None => crate::words::ascii_and_upper(w.as_bytes()),
            };
            if ascii {
                lows.push_str(w);
                if upper {
                    lows[ls..].make_ascii_lowercase();
                }
            } else {
                // Joiners and soft hyphens inside the word are dropped: "sol\u{ad}diers" is
                // "soldiers" for the word lists and the unit.
                // (Char by char, with no String per word: "Korea’s" is common.)
                for ch in w.chars() {
                    let ch = crate::words::lower_char(ch);
                    if !crate::words::is_inner_joiner(ch) {
                        lows.push(if matches!(ch, '’' | 'ʼ') { '\'' } else { ch });
                    }
                }
            }
        }
        toks.push(Tok { k, s, e: i, sp, ls, le: lows.len() });
        sp = false;
    }
}

/// When the run of digits at `i` (with its separators) has a digit of another script than
/// ASCII ([`crate::words::is_other_digit`]): the end of the run. A number is never read from
/// a part of such a run: "8٠٠٠" (8 and three Arabic-Indic zeros) is 8,000, not 8.
fn other_script_digits(t: &str, i: usize, end: usize) -> Option<usize> {
    let b = t.as_bytes();
    let digit_at = |p: usize| match b.get(p) {
        Some(d) if p < end && d.is_ascii_digit() => Some(1),
        Some(&d) if p < end && d >= 0x80 => char_at(t, p, end).filter(|&c| crate::words::is_other_digit(c)).map(char::len_utf8),
        _ => None,
    };
    let mut p = i;
    let mut other = false;
    loop {
        if let Some(n) = digit_at(p) {
            other |= n > 1;
            p += n;
            continue;
        }
        // A separator or joiner with a digit after it: the run goes on.
        let Some(c) = char_at(t, p, end) else { break };
        let sep = matches!(c, ',' | '.' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\u{66b}' | '\u{66c}')
            || crate::words::is_inner_joiner(c);
        if sep && digit_at(p + c.len_utf8()).is_some() {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    other.then_some(p)
}

/// `1,200`, `1 000` (NBSP, thin space, or a plain space after a 1–3 digit lead), `3.5`; an
/// invisible joiner inside the digits (U+200C, U+200D, U+2060) continues them ("10\u{200d}000"
/// is 10000: WB4 of Unicode word breaking).
fn scan_number(t: &str, i: usize, end: usize) -> usize {
    let b = t.as_bytes();
    let mut p = i;
    let mut lead = 0;
    loop {
        while p < end && b[p].is_ascii_digit() {
            p += 1;
            lead += 1;
        }
        match char_at(t, p, end).filter(|_| b[p] >= 0x80) {
            Some(c) if crate::words::is_inner_joiner(c) && p + c.len_utf8() < end && b[p + c.len_utf8()].is_ascii_digit() => {
                p += c.len_utf8();
            }
            _ => break,
        }
    }
    // Indian grouping: "12,34,567", "1,00,000" (pairs of digits, then a group of three).
    if (1..=2).contains(&lead) {
        let mut q = p;
        let mut pairs = 0;
        while q + 4 <= end && b[q] == b',' && b[q + 1].is_ascii_digit() && b[q + 2].is_ascii_digit() && b[q + 3] == b',' {
            pairs += 1;
            q += 3;
        }
        let three = q + 4 <= end && b[q] == b',' && b[q + 1..q + 4].iter().all(u8::is_ascii_digit);
        if pairs > 0 && three && (q + 4 == end || !b[q + 4].is_ascii_digit()) {
            p = q + 4;
            if p + 1 < end && b[p] == b'.' && b[p + 1].is_ascii_digit() {
                p += 1;
                while p < end && b[p].is_ascii_digit() {
                    p += 1;
                }
            }
            return p;
        }
    }
    let mut sep: Option<char> = None;
    while let Some(c) = char_at(t, p, end).filter(|_| lead <= 3) {
        let ok = matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}');
        if !ok || sep.is_some_and(|s| s != c) {
            break;
        }
        let q = p + c.len_utf8();
        let three = q + 3 <= end && b[q..q + 3].iter().all(u8::is_ascii_digit);
        if three && (q + 3 == end || !b[q + 3].is_ascii_digit()) {
            sep = Some(c);
            p = q + 3;
        } else {
            break;
        }
    }
    if p + 1 < end && b[p] == b'.' && b[p + 1].is_ascii_digit() {
        p += 1;
        while p < end && b[p].is_ascii_digit() {
            p += 1;
        }
    }
    p
}

/// Letters with inner apostrophes; a dotted abbreviation ("U.S.", "a.m.") is one token.
/// Returns its end, and when it is ASCII letters alone, whether one is a capital.
fn scan_word(t: &str, i: usize, end: usize) -> (usize, Option<bool>) {
    let mut p = i;
    let mut n = 0;
    let b = t.as_bytes();
    // The AND of the ASCII letters: a capital clears its bit 0x20.
    let run_end = crate::words::ascii_letters_end(&b[..end], p);
    let all = b[p..run_end].iter().fold(0xffu8, |a, &c| a & c);
    n += run_end - p;
    p = run_end;
    // Most words end at an ASCII byte that is no letter: of those, only an apostrophe may
    // continue the word below (marks, joiners and the other letters are not ASCII).
    let ascii_end = p >= end || b[p] < 0x80 && b[p] != b'\'';
    if !ascii_end {
        while let Some(c) = char_at(t, p, end) {
            if crate::words::is_alpha(c) {
                p += c.len_utf8();
                n += 1;
            } else if crate::words::is_combining_mark(c) {
                // A mark on the letter before it: "cafe\u{301}s" is one word, as "cafés" is.
                p += c.len_utf8();
            } else if crate::words::is_inner_joiner(c) && char_at(t, p + c.len_utf8(), end).is_some_and(crate::words::is_alpha) {
                // "sol\u{ad}diers": a soft hyphen or joiner inside a word.
                p += c.len_utf8();
            } else if is_apos(c) && n > 0 && char_at(t, p + c.len_utf8(), end).is_some_and(crate::words::is_alpha) {
                p += c.len_utf8();
            } else {
                break;
            }
        }
    }
    if n == 1 {
        // (letter '.'){2,}
        let mut q = p;
        let mut groups = 1;
        while char_at(t, q, end) == Some('.') {
            match char_at(t, q + 1, end) {
                Some(c) if c.is_alphabetic() => {
                    let q2 = q + 1 + c.len_utf8();
                    if char_at(t, q2, end).is_some_and(char::is_alphabetic) {
                        break;
                    }
                    groups += 1;
                    q = q2;
                }
                _ => break,
            }
        }
        if groups >= 2 {
            p = q;
            if char_at(t, p, end) == Some('.') {
                p += 1;
            }
        }
    }
    (p, (run_end > i && p == run_end).then_some(all & 0x20 == 0))
}

/// The value of a digit token ("1,200.5", "1 000"); `None` when it is not finite.
pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    // Separators (",", NBSP, thin spaces) are not part of the value.
    let v = parse_decimal(s.bytes().filter(|b| b.is_ascii_digit() || *b == b'.'))?;
    v.is_finite().then_some(v)
}

/// Powers of ten exactly representable as `f64` (10^22 < 2^53 · 2^22 is the last).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
];

/// Parses ASCII digits with at most one `.` ("1200.5", ".08", "5."), as `str::parse::<f64>`
/// does: `None` without a digit or with a second dot; `inf` when too big.
///
/// Written here (not `str::parse`) because the standard parser and its tables are a large part
/// of the wasm module. Correctly rounded (the same value as `str::parse`) for up to 38
/// significant digits with at most 54 decimals, and for integers below 2^128 (or with few
/// significant digits below about 10^55) — any number a text states. Beyond that
/// (1,000-digit numbers) the value is computed by repeated multiplication and may differ from
/// the correctly rounded one in the last bits.
pub(crate) fn parse_decimal(bytes: impl IntoIterator<Item = u8>) -> Option<f64> {
    // The significant digits as an integer `m` (at most 38 of them: 10^38 < 2^127), and the
    // power of ten to apply, `exp10`.
    let mut m: u128 = 0;
    let mut sig = 0u32;
    let mut exp10: i64 = 0;
    let mut any_digit = false;
    let mut dot = false;
    let mut inexact = false; // a non-zero digit beyond the 38th was dropped
    for b in bytes {
        match b {
            b'0'..=b'9' => {
                any_digit = true;
                let d = (b - b'0') as u128;
                if sig < 38 {
                    if sig > 0 || d > 0 {
                        m = m * 10 + d;
                        sig += 1;
                    }
                    if dot {
                        exp10 -= 1;
                    }
                } else {
                    inexact |= d > 0;
                    if !dot {
                        exp10 += 1;
                    }
                }
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    if !any_digit {
        return None;
    }
    if m == 0 {
        return Some(0.0);
    }
    while m % 10 == 0 {
        m /= 10;
        exp10 += 1;
    }
    if !inexact {
        if let Some(v) = exact_decimal(m, exp10) {
            return Some(v);
        }
    }
    // Absurd inputs: repeated multiplication (overflows to inf like `str::parse`).
    let mut v = m as f64;
    let step = if exp10 < 0 { 0.1 } else { 10.0 };
    for _ in 0..exp10.unsigned_abs().min(400) {
        v *= step;
    }
    Some(v)
}

/// `m · 10^exp10` correctly rounded, when that can be done exactly with `f64` and `u128`
/// arithmetic; `None` otherwise.
fn exact_decimal(m: u128, exp10: i64) -> Option<f64> {
    const EXACT: u128 = 1 << 53; // integers below this are exact in f64
    let k = u32::try_from(exp10.unsigned_abs()).ok()?;
    // Clinger's fast path: both operands exact, so the result is rounded once.
    if m < EXACT && (k as usize) < POW10.len() {
        let p = POW10[k as usize];
        return Some(if exp10 >= 0 { m as f64 * p } else { m as f64 / p });
    }
    // 10^k = 5^k · 2^k, and scaling by a power of two is exact: round m · 5^k (an integer)
    // or m / 5^k once, then scale.
    let p5 = 5u128.checked_pow(k)?;
    if exp10 >= 0 {
        // An integer below 2^128: `as` rounds it to nearest, ties to even, like parsing.
        Some(m.checked_mul(p5)? as f64 * pow2(k as i32))
    } else {
        // (the long division shifts the remainder, below `p5`, left by at least one bit)
        (p5.leading_zeros() > 0).then(|| divide_rounded(m, p5, k as i32))
    }
}

/// 2^e for |e| ≤ 1000 (exact).
fn pow2(e: i32) -> f64 {
    f64::from_bits(((1023 + e) as u64) << 52)
}

/// `n / d · 2^-shift` correctly rounded (`n, d > 0`, the result a normal `f64`): the quotient
/// is taken to at least 60 bits by binary long division in chunks and the remainder kept as a
/// sticky bit, so converting it to `f64` rounds once, as rounding the true quotient would.
fn divide_rounded(n: u128, d: u128, mut shift: i32) -> f64 {
    let mut q = n / d;
    let mut r = n % d;
    while q < 1 << 60 {
        // Shift in as many bits as keep `r << t` (r < d) and `q << t` within u128.
        let t = d.leading_zeros().clamp(1, 64);
        let wide = r << t;
        q = (q << t) | (wide / d);
        r = wide % d;
        shift += t as i32;
    }
    (q | (r != 0) as u128) as f64 * pow2(-shift)
}

/// "one" … "nineteen".
pub(crate) fn ones(w: &str) -> Option<f64> {
    const W: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    if matches!(w, "nought" | "naught") {
        return Some(0.0);
    }
    W.iter().position(|x| *x == w).map(|p| p as f64)
}

/// "twenty" … "ninety".
pub(crate) fn tens(w: &str) -> Option<f64> {
    const W: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    W.iter().position(|x| *x == w).map(|p| (p as f64 + 2.0) * 10.0)
}

/// "thousand", "million", "billion", "trillion".
pub(crate) fn big_scale(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "quadrillion" => 1e15,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

/// A number word of any kind (used to stop noun phrases).
pub(crate) fn is_numeral_word(w: &str) -> bool {
    ones(w).is_some()
        || tens(w).is_some()
        || big_scale(w).is_some()
        || matches!(w, "hundred" | "dozen" | "hundreds" | "thousands" | "millions" | "billions" | "dozens")
}

/// The denominator of a fraction word: "half" 2, "thirds" 3, "quarter" 4, "hundredths" 100, …
/// (singular or plural; "first" and "second" only as part of a compound, see [`ordinal_ones`]).
pub(crate) fn denominator(w: &str) -> Option<f64> {
    let stem = match w {
        "halves" => "half",
        _ => w.strip_suffix('s').unwrap_or(w),
    };
    Some(match stem {
        "half" => 2.0,
        "quarter" => 4.0,
        "hundredth" => 100.0,
        "thousandth" => 1e3,
        "millionth" => 1e6,
        "billionth" => 1e9,
        "trillionth" => 1e12,
        _ => {
            let v = ordinal_ones(stem).filter(|v| *v >= 3.0).or_else(|| ordinal_teens_tens(stem))?;
            return Some(v);
        }
    })
}

/// "first" … "ninth" (singular or plural): the last word of a compound ordinal ("twenty-first").
pub(crate) fn ordinal_ones(w: &str) -> Option<f64> {
    const W: [&str; 9] = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
    let stem = w.strip_suffix('s').unwrap_or(w);
    W.iter().position(|x| *x == stem).map(|p| p as f64 + 1.0)
}

/// "tenth" … "nineteenth", "twentieth" … "ninetieth" (singular).
fn ordinal_teens_tens(w: &str) -> Option<f64> {
    #[rustfmt::skip]
    const W: [&str; 18] = [
        "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
        "eightieth", "ninetieth",
    ];
    let p = W.iter().position(|x| *x == w)?;
    Some(if p < 10 { p as f64 + 10.0 } else { (p as f64 - 8.0) * 10.0 })
}

/// A vulgar fraction character.
pub(crate) fn vulgar(s: &str) -> Option<f64> {
    Some(match s {
        "½" => 0.5,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "⅕" => 0.2,
        "⅖" => 0.4,
        "⅗" => 0.6,
        "⅘" => 0.8,
        "⅙" => 1.0 / 6.0,
        "⅚" => 5.0 / 6.0,
        "⅐" => 1.0 / 7.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        "⅑" => 1.0 / 9.0,
        "⅒" => 0.1,
        _ => return None,
    })
}

/// A parsed numeral: tokens `s..e`.
#[derive(Debug, Clone, Default)]
pub(crate) struct NumP {
    pub s: usize,
    pub e: usize,
    /// The value, scale applied.
    pub value: f64,
    /// The value before the scale word ("3" of "3 million").
    pub raw: f64,
    /// The scale applied (1 when none).
    pub mult: f64,
    /// Written in digits.
    pub digits: bool,
    /// Digits only, no separators, no decimals: could be a year or a label.
    pub plain_int: bool,
    /// Digits before the decimal point.
    pub ndigits: usize,
    pub lead_zero: bool,
    /// A built-in approximator ("hundreds of", "several", "dozens of").
    pub approx: Option<String>,
    /// A word numeral with no scale ("two", "twenty-five").
    pub small_word: bool,
    /// The word "one" or "a" alone.
    pub one: bool,
    /// A fraction ("two-thirds", "a quarter of", "half").
    pub fraction: bool,
    /// The bare word "half" (a quantity only in context).
    pub half: bool,
    /// Written with a slash ("1/4", "10 1/2").
    pub slash: bool,
    /// Scientific notation or a power ("1e10", "1.3x10^6", "1.1^23").
    pub sci: bool,
}

/// Token access shared by the parsers.
#[derive(Clone, Copy)]
pub(crate) struct Toks<'a> {
    pub t: &'a str,
    pub v: &'a [Tok],
    /// The lower-cased words (see [`Tok::ls`]).
    pub l: &'a str,
}

impl<'a> Toks<'a> {
    pub fn low(&self, i: usize) -> &'a str {
        match self.v.get(i) {
            Some(t) if t.k == K::Word => &self.l[t.ls..t.le],
            _ => "",
        }
    }
    pub fn raw(&self, i: usize) -> &'a str {
        self.v.get(i).map_or("", |t| &self.t[t.s..t.e])
    }
    pub fn kind(&self, i: usize) -> Option<K> {
        self.v.get(i).map(|t| t.k)
    }
    pub fn is_sym(&self, i: usize, s: &str) -> bool {
        self.kind(i) == Some(K::Sym) && self.raw(i) == s
    }
    /// Token `i` touches token `i - 1` (no white space between).
    pub fn glued(&self, i: usize) -> bool {
        self.v.get(i).is_some_and(|t| !t.sp)
    }
    /// A hyphen or dash joining `i - 1` and `i + 1` with no spaces.
    pub fn hyphen(&self, i: usize) -> bool {
        matches!(self.raw(i), "-" | "‐" | "‑") && self.kind(i) == Some(K::Sym) && self.glued(i) && self.glued(i + 1)
    }

    fn spaced(&self, i: usize) -> bool {
        self.v.get(i).is_some_and(|t| t.sp)
    }
    /// A hyphen between two words, glued to both or spaced from both ("fifty-two", and
    /// "fifty - two" in tokenised text).
    fn word_dash(&self, i: usize) -> bool {
        matches!(self.raw(i), "-" | "‐" | "‑")
            && self.kind(i) == Some(K::Sym)
            && self.v.get(i + 1).is_some()
            && (self.glued(i) && self.glued(i + 1) || self.spaced(i) && self.spaced(i + 1))
    }

    /// A scale after a digit numeral at `j`: (multiplier, next token). `decimal`: the numeral
    /// has a decimal part ("1.2b" is 1.2 billion; "12b" may be a label).
    fn scale_after(&self, j: usize, money: bool, decimal: bool) -> (f64, usize) {
        let Some(tok) = self.v.get(j) else { return (1.0, j) };
        if tok.k != K::Word {
            return (1.0, j);
        }
        let raw = self.raw(j);
        let m = if !tok.sp {
            match raw {
                "k" => 1e3,
                "K" if money => 1e3,
                "m" if money => 1e6,
                "M" | "mn" | "mln" | "MN" | "Mn" | "MM" | "mil" | "million" => 1e6,
                "bn" | "Bn" | "BN" | "bln" | "billion" => 1e9,
                "b" | "B" if money || decimal => 1e9,
                "tn" | "trn" | "tln" | "Tn" | "TN" | "trillion" => 1e12,
                "T" if money => 1e12,
                _ => 1.0,
            }
        } else {
            match self.low(j) {
                "hundred" => 100.0,
                "mn" | "mln" => 1e6,
                "bn" | "bln" => 1e9,
                "tn" | "trn" | "tln" => 1e12,
                "m" if money && raw == "m" => 1e6,
                "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs" => 12.0,
                w => big_scale(w).unwrap_or(1.0),
            }
        };
        if m == 1.0 {
            return (1.0, j);
        }
        // "hundred thousand", "thousand million"
        if let Some(m2) = big_scale(self.low(j + 1)) {
            if self.v[j + 1].sp && m2 > m {
                return (m * m2, j + 2);
            }
        }
        (m, j + 1)
    }

    /// "1/4", "3/8": a small proper fraction written with a slash; any denominator up to 1000
    /// before "of" ("1/40 of the wavelength").
    fn slash_fraction(&self, i: usize) -> Option<f64> {
        if self.kind(i) != Some(K::Num) || !self.is_sym(i + 1, "/") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        if self.kind(i + 2) != Some(K::Num) || self.glued(i + 3) && self.kind(i + 3) != Some(K::Word) {
            return None;
        }
        let (a, b) = (self.raw(i).parse::<u32>().ok()?, self.raw(i + 2).parse::<u32>().ok()?);
        let of = self.low(i + 3) == "of" && self.spaced(i + 3) && b <= 1000;
        (a < b && (matches!(b, 2 | 3 | 4 | 8 | 16) || of)).then(|| a as f64 / b as f64)
    }

    /// A plain integer of at most three digits glued to the token before ("10" of "x10^6").
    fn small_int_glued(&self, k: usize) -> Option<i32> {
        let r = self.raw(k);
        if self.kind(k) != Some(K::Num) || !self.glued(k) || r.len() > 3 || !r.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        r.parse().ok()
    }

    /// Signs glued before an exponent ("-", "−", "+", "--"): (negative, next token).
    fn exp_signs(&self, mut k: usize) -> (bool, usize) {
        let mut neg = false;
        let mut n = 0;
        while n < 3 && self.glued(k) && self.kind(k) == Some(K::Sym) && matches!(self.raw(k), "-" | "−" | "+" | "‐")
        {
            neg ^= self.raw(k) != "+";
            k += 1;
            n += 1;
        }
        (neg, k)
    }

    /// A signed exponent glued at `k`: "6", "-4", "+14", "--23", or superscripts "⁶", "⁻⁴".
    fn exp_value(&self, k: usize) -> Option<(i32, usize)> {
        let sup = |c: &str| -> Option<char> {
            Some(match c {
                "⁰" => '0',
                "¹" => '1',
                "²" => '2',
                "³" => '3',
                "⁴" => '4',
                "⁵" => '5',
                "⁶" => '6',
                "⁷" => '7',
                "⁸" => '8',
                "⁹" => '9',
                "⁻" => '-',
                "⁺" => '+',
                _ => return None,
            })
        };
        if self.glued(k) && sup(self.raw(k)).is_some() {
            let mut s = String::new();
            let mut m = k;
            while m < k + 4 && self.glued(m) && self.kind(m) == Some(K::Sym) {
                match sup(self.raw(m)) {
                    Some(c) => s.push(c),
                    None => break,
                }
                m += 1;
            }
            return s.parse::<i32>().ok().map(|x| (x, m));
        }
        let (neg, m) = self.exp_signs(k);
        let x = self.small_int_glued(m)?;
        Some((if neg { -x } else { x }, m + 1))
    }

    /// Scientific notation and powers glued after a mantissa `m` whose next token is `e`:
    /// "1e10", "12.32e+14", "1.3x10^6", "2.48×10−5", "5.5x10-3", "8x2^10", "1.1^23", "2.5^-1".
    /// Returns (value, next token); `None` when the result is not finite or letters or digits
    /// stick to it ("1e10x").
    fn exponent(&self, e: usize, m: f64) -> Option<(f64, usize)> {
        if !self.glued(e) {
            return None;
        }
        let raw = self.raw(e);
        let pow = |b: f64, x: i32| if x.abs() > 400 { f64::INFINITY } else { b.powi(x) };
        let (v, k) = if matches!(raw, "e" | "E") && self.kind(e) == Some(K::Word) {
            let (neg, k) = self.exp_signs(e + 1);
            let x = self.small_int_glued(k)?;
            (m * pow(10.0, if neg { -x } else { x }), k + 1)
        } else if matches!(raw, "x" | "X" | "×") {
            let b = self.small_int_glued(e + 1)?;
            let k = e + 2;
            if self.is_sym(k, "^") && self.glued(k) {
                let (x, k2) = self.exp_value(k + 1)?;
                (m * pow(b as f64, x), k2)
            } else if b == 10 {
                let (x, k2) = self.exp_value(k).filter(|(_, k2)| *k2 > k)?;
                (m * pow(10.0, x), k2)
            } else {
                return None;
            }
        } else if raw == "^" {
            let (x, k) = self.exp_value(e + 1)?;
            (pow(m, x), k)
        } else {
            return None;
        };
        let stuck = self.glued(k) && matches!(self.kind(k), Some(K::Word | K::Num));
        (v.is_finite() && !stuck).then_some((v, k))
    }

    /// Parses a numeral starting at token `i`.
    pub fn number_at(&self, i: usize, money: bool) -> Option<NumP> {
        let tok = self.v.get(i)?;
        match tok.k {
            K::Num => {
                let raw_s = self.raw(i);
                let mut raw = parse_digits(raw_s)?;
                let mut e = i + 1;
                let mut slash = false;
                let mut sci = false;
                let plain = raw_s.bytes().all(|b| b.is_ascii_digit());
                // "6½", and "6 ½" after a whole number.
                if let Some(f) = vulgar(self.raw(e)).filter(|_| self.glued(e) || plain) {
                    raw += f;
                    e += 1;
                } else if let Some(f) = self.slash_fraction(i) {
                    return Some(NumP {
                        s: i,
                        e: i + 3,
                        value: f,
                        raw: f,
                        mult: 1.0,
                        digits: true,
                        fraction: true,
                        slash: true,
                        ..Default::default()
                    });
                } else if let Some((v, k)) = self.exponent(e, raw) {
                    raw = v;
                    e = k;
                    sci = true;
                } else if let Some(f) =
                    self.slash_fraction(e).filter(|_| plain && self.v[e].sp && self.kind(e) == Some(K::Num))
                {
                    raw += f;
                    e += 3;
                    slash = true;
                }
                let int_part = raw_s.split('.').next().unwrap_or("");
                let ndigits = int_part.bytes().filter(u8::is_ascii_digit).count();
                let (mult, e2) = self.scale_after(e, money, raw_s.contains('.'));
                let mut value = raw * mult;
                let mut e = e2;
                let mut frac = false;
                if plain && !slash && !sci {
                    // "3 hundred and 21", "4 thousand 3 hundred", "6 crore and two hundred",
                    // "3 million and a half", "2 and a half"
                    let word_scale = mult > 1.0 && self.spaced(e2 - 1) && self.kind(e2 - 1) == Some(K::Word);
                    let last = self.low(e2 - 1);
                    let mut c = Card { j: e, ..Default::default() };
                    let go = if mult == 1.0 {
                        c.cur = raw;
                        c.last_add = raw;
                        c.last_small = true;
                        true
                    } else if word_scale && last == "hundred" {
                        c.cur = value;
                        c.hundreds = true;
                        c.after_scale = true;
                        true
                    } else if word_scale && big_scale(last).is_some() {
                        c.total = value;
                        c.last_scale = big_scale(last).unwrap_or(mult);
                        c.after_scale = true;
                        true
                    } else {
                        false
                    };
                    if go {
                        self.card_tail(&mut c, true, true);
                        if c.j > e {
                            value = c.total + c.cur;
                            e = c.j;
                            frac = c.frac;
                        }
                    }
                }
                let mut fraction = false;
                if mult == 1.0 && !slash && !sci && !frac {
                    // "2000 over 3", "1 over twenty-one"
                    if let Some((v, k)) = self.over(e, value) {
                        value = v;
                        e = k;
                        fraction = true;
                    }
                }
                if !value.is_finite() {
                    return None;
                }
                Some(NumP {
                    s: i,
                    e,
                    value,
                    raw,
                    mult,
                    digits: true,
                    plain_int: plain && !slash && !sci && !fraction && value == raw * mult,
                    slash,
                    sci,
                    fraction,
                    ndigits,
                    lead_zero: raw_s.len() > 1 && raw_s.starts_with('0') && !raw_s.starts_with("0."),
                    ..Default::default()
                })
            }
            K::Sym => {
                let v = vulgar(self.raw(i))?;
                Some(NumP { s: i, e: i + 1, value: v, raw: v, mult: 1.0, fraction: true, ..Default::default() })
            }
            K::Word => self.word_number(i),
        }
    }

    fn lower_span(&self, s: usize, e: usize) -> String {
        let mut out = String::new();
        for k in s..e {
            if k > s && !self.glued(k) {
                out.push(' ');
            }
            let tok = &self.v[k];
            if tok.k == K::Word {
                out.push_str(self.low(k));
            } else {
                out.push_str(self.raw(k));
            }
        }
        out
    }

    /// Multiplies by following scale words ("several hundred thousand"): (value, next).
    fn scales(&self, mut j: usize, mut v: f64) -> (f64, usize) {
        let mut n = 0;
        while n < 3 {
            let w = self.low(j);
            let m = if w == "hundred" {
                100.0
            } else if w == "dozen" {
                12.0
            } else if let Some(m) = big_scale(w) {
                m
            } else {
                break;
            };
            v *= m;
            j += 1;
            n += 1;
        }
        (v, j)
    }

    /// A number below 100 at `k`: "five", "twenty", "fifty-two", "fifty - two", "fifty two";
    /// with `digits_ok`, also a plain integer of at most three digits ("3" of "3 hundred").
    fn small_at(&self, k: usize, digits_ok: bool) -> Option<(f64, usize)> {
        let t = self.v.get(k)?;
        if t.k == K::Num {
            let r = self.raw(k);
            if !digits_ok || r.len() > 3 || !r.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            return Some((r.parse::<u32>().ok()? as f64, k + 1));
        }
        let w = self.low(k);
        if let Some(v) = ones(w) {
            return Some((v, k + 1));
        }
        let v = tens(w)?;
        let d = if self.word_dash(k + 1) {
            k + 2
        } else if self.spaced(k + 1) {
            k + 1
        } else {
            return Some((v, k + 1));
        };
        match ones(self.low(d)).filter(|o| (1.0..10.0).contains(o)) {
            Some(o) => Some((v + o, d + 1)),
            None => Some((v, k + 1)),
        }
    }

    /// The scale word at `k` ("hundred" 100, "million" 1e6), when spaced.
    fn scale_word(&self, k: usize) -> Option<f64> {
        if !self.spaced(k) {
            return None;
        }
        let w = self.low(k);
        if w == "hundred" {
            Some(100.0)
        } else {
            big_scale(w)
        }
    }

    /// Continues a cardinal: scales, "and", further groups, and with `fracs` fractions after
    /// "and" (not inside a denominator or after "over", so nesting stays two levels deep).
    fn card_tail(&self, c: &mut Card, digits_ok: bool, fracs: bool) {
        let mut steps = 0;
        while steps < 64 {
            steps += 1;
            let j = c.j;
            let Some(t) = self.v.get(j) else { break };
            let w = self.low(j);
            let after_scale = std::mem::take(&mut c.after_scale);
            // "three million, two hundred & forty": a comma after a big scale, before a smaller group
            if t.k == K::Sym && self.raw(j) == "," {
                let ok = !c.last_small && !c.frac && c.cur == 0.0 && c.last_scale >= 1e3 && self.spaced(j + 1);
                let next = if ok { self.small_at(j + 1, false) } else { None };
                if let Some((_, k)) = next {
                    if self.scale_word(k).is_some_and(|m| m < c.last_scale) {
                        c.j = j + 1;
                        continue;
                    }
                }
                break;
            }
            if !t.sp {
                break;
            }
            if w == "hundred" && c.last_small && c.cur < 100.0 && !c.frac {
                c.cur = c.cur.max(1.0) * 100.0;
                c.j += 1;
                c.last_small = false;
                c.scaled = true;
                c.hundreds = true;
                c.after_scale = true;
                continue;
            }
            if let Some(m) = big_scale(w) {
                if after_scale && c.cur == 0.0 && c.total > 0.0 && m > c.last_scale {
                    // "three lakh crore", "a thousand million": scales multiply
                    c.total *= m;
                    c.last_scale = m;
                    c.j += 1;
                    c.after_scale = true;
                    continue;
                }
                if c.last_scale > 0.0 && m >= c.last_scale || !c.last_small && !c.hundreds {
                    break;
                }
                c.total += c.cur.max(1.0) * m;
                c.cur = 0.0;
                c.j += 1;
                c.last_small = false;
                c.hundreds = false;
                c.scaled = true;
                c.last_scale = m;
                c.after_scale = true;
                continue;
            }
            if c.frac {
                break;
            }
            if w == "and" || self.raw(j) == "&" {
                // "one and a half", "a billion and a half", "one billion and a quarter million",
                // "twenty and three fifths", "one hundred and thirty fifths" (130/5)
                if let Some((num, den, k)) = self.frac_phrase(j + 1).filter(|_| fracs) {
                    if num >= den {
                        c.cur = (c.total + c.cur + num) / den;
                        c.total = 0.0;
                        c.j = k;
                        c.frac = true;
                        break;
                    }
                    let f = num / den;
                    if c.cur == 0.0 && c.last_scale > 0.0 {
                        match self.scale_word(k).filter(|m| *m < c.last_scale && *m >= 1e3) {
                            Some(m2) => {
                                c.total += f * m2;
                                c.j = k + 1;
                            }
                            None => {
                                c.total += f * c.last_scale;
                                c.j = k;
                            }
                        }
                        c.frac = true;
                        break;
                    }
                    c.cur += f;
                    c.j = k;
                    c.frac = true;
                    c.last_small = true;
                    continue;
                }
                if !c.last_small && self.spaced(j + 1) {
                    // "two thousand and five", "3 hundred and 21", "two hundred and two thousand"
                    if let Some((v, k)) = self.small_at(j + 1, digits_ok && c.hundreds) {
                        let ok = v > 0.0
                            && match self.scale_word(k) {
                                Some(100.0) => c.cur == 0.0 && v < 10.0,
                                Some(m) => c.last_scale == 0.0 || m < c.last_scale,
                                None => v < if c.hundreds { 100.0 } else { 1000.0 },
                            };
                        if ok {
                            c.cur += v;
                            c.last_add = v;
                            c.j = k;
                            c.last_small = true;
                            continue;
                        }
                    }
                }
                break;
            }
            // "two thousand five hundred", "one hundred five", "4 thousand 3 hundred"
            if !c.last_small {
                // a tens word that starts a compound ordinal is the denominator's ("one hundred
                // thirty-fifths")
                if tens(w).is_some() && self.word_dash(j + 1) && ordinal_ones(self.low(j + 2)).is_some() {
                    break;
                }
                if let Some((v, k)) = self.small_at(j, digits_ok) {
                    let digit = self.kind(j) == Some(K::Num);
                    let ok = v > 0.0
                        && match self.scale_word(k) {
                            Some(100.0) => c.cur == 0.0 && v < 10.0,
                            Some(m) => c.last_scale == 0.0 || m < c.last_scale,
                            None => !digit && v < if c.hundreds { 100.0 } else { 1000.0 },
                        };
                    if ok {
                        c.cur += v;
                        c.last_add = v;
                        c.j = k;
                        c.last_small = true;
                        continue;
                    }
                }
                break;
            }
            // "three dozen", "3 dozens", "three hundred and two dozens" (300 + 24)
            if matches!(w, "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs") {
                c.cur += c.last_add * 11.0;
                c.j += 1;
                c.last_small = false;
                c.scaled = true;
                continue;
            }
            break;
        }
    }

    /// A fraction after "and": "a half", "one half", "three quarters", "a thirtieth",
    /// "thirty-two fifths": (numerator, denominator, next token).
    fn frac_phrase(&self, k: usize) -> Option<(f64, f64, usize)> {
        if !self.spaced(k) {
            return None;
        }
        let (num, e) = if matches!(self.low(k), "a" | "an") { (1.0, k + 1) } else { self.small_at(k, false)? };
        let (den, e) = self.den_at(e, num, false)?;
        Some((num, den, e))
    }

    /// The denominator after a numerator `num` at `k`: "fifths", "quarter", "hundredths", or a
    /// compound ordinal ("twenty-first", "twenty fifths", "one hundred fifth", "one hundred and
    /// fifth"); singular after one, plural otherwise. With `strict` (not after "and"), a singular
    /// denominator, and "quarter(s)" (also a fiscal quarter), must be followed by "of", a scale,
    /// "and"/"or", punctuation or the end ("one third of", "a fifth.", but not "one third
    /// party"). Returns (denominator, next token).
    fn den_at(&self, k: usize, num: f64, strict: bool) -> Option<(f64, usize)> {
        // "one-third" is a fraction wherever it stands
        let strict = strict && !(self.word_dash(k) && self.glued(k));
        let k = if self.word_dash(k) { k + 1 } else { k };
        if self.kind(k) != Some(K::Word) {
            return None;
        }
        let (d, e) = if let Some(d) = denominator(self.low(k)) {
            (d, k + 1)
        } else {
            let (v, e0) = self.small_at(k, false)?;
            let mut c = Card { cur: v, last_add: v, j: e0, last_small: true, ..Default::default() };
            self.card_tail(&mut c, false, false);
            let cv = c.total + c.cur;
            let mut m = c.j;
            if self.low(m) == "and" || self.word_dash(m) {
                m += 1;
            }
            let o = ordinal_ones(self.low(m)).filter(|_| cv % 10.0 == 0.0 && cv > 0.0 && !c.frac)?;
            (cv + o, m + 1)
        };
        let w = self.low(e - 1);
        let plural = w.ends_with('s');
        if (num == 1.0) == plural {
            return None;
        }
        // "twenty-first-century": part of a compound adjective
        if self.word_dash(e) && self.glued(e) {
            return None;
        }
        let nx = self.low(e);
        let quarter = w.starts_with("quarter");
        let follow_ok = e >= self.v.len()
            || self.kind(e) == Some(K::Sym)
            || matches!(nx, "of" | "and" | "or")
            || self.scale_word(e).is_some_and(|m| m >= 1e3)
            || !quarter
                && matches!(
                    nx,
                    "the" | "a" | "an" | "plus" | "less" | "more" | "than" | "to" | "in" | "on" | "at" | "for" | "is"
                        | "are" | "was" | "were" | "that" | "this" | "these" | "those" | "his" | "her" | "its"
                        | "their" | "our" | "my" | "your"
                );
        if strict && (num == 1.0 || quarter) && !follow_ok {
            return None;
        }
        Some((d, e))
    }

    /// "point five", "point zero three", "point seventy-one", "point eleven" after a whole
    /// number `whole`: (value, next token).
    fn point(&self, j: usize, whole: f64) -> Option<(f64, usize)> {
        if self.low(j) != "point" || !self.spaced(j) || whole.fract() != 0.0 || !self.spaced(j + 1) {
            return None;
        }
        let mut k = j + 1;
        // The digits after the point as an integer and their count: "0.{digits}" is
        // `m / 10^n`, exact by one division (m < 10^12 < 2^53).
        let (mut m, mut n) = (0u64, 0usize);
        while self.spaced(k) && n < 12 {
            match ones(self.low(k)).filter(|d| *d < 10.0) {
                Some(d) => m = m * 10 + d as u64,
                None => break,
            }
            n += 1;
            k += 1;
        }
        if n == 0 {
            let (v, e) = self.small_at(k, false).filter(|(v, _)| (10.0..100.0).contains(v))?;
            (m, n) = (v as u64, 2);
            k = e;
        }
        let f = m as f64 / POW10[n];
        Some((whole + f, k))
    }

    /// "one over three", "2000 over 3": a fraction written with "over", when only punctuation
    /// or the end follows the denominator ("over 3 years" is a duration). (value, next token).
    fn over(&self, j: usize, num: f64) -> Option<(f64, usize)> {
        if self.low(j) != "over" || !self.spaced(j) || !self.spaced(j + 1) {
            return None;
        }
        let k = j + 1;
        let (d, e) = match self.kind(k)? {
            K::Num => {
                let r = self.raw(k);
                if !r.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (parse_decimal(r.bytes())?, k + 1)
            }
            K::Word => {
                let (v, e0) = self.small_at(k, false)?;
                let mut c = Card { cur: v, last_add: v, j: e0, last_small: true, ..Default::default() };
                self.card_tail(&mut c, false, false);
                if c.frac {
                    return None;
                }
                (c.total + c.cur, c.j)
            }
            K::Sym => return None,
        };
        let end_ok =
            e >= self.v.len() || self.kind(e) == Some(K::Sym) && matches!(self.raw(e), "." | "," | ";" | "!" | "?" | ")");
        (d > 0.0 && end_ok).then(|| (num / d, e))
    }

    fn word_number(&self, i: usize) -> Option<NumP> {
        let w = self.low(i);
        let base = NumP { s: i, mult: 1.0, ..Default::default() };
        // Plural scales: "hundreds of", "tens of thousands of", "dozens of", "thousands".
        let plural = |w: &str| -> Option<f64> {
            Some(match w {
                "tens" => 10.0,
                "dozens" => 12.0,
                "scores" => 20.0,
                "hundreds" => 100.0,
                "thousands" => 1e3,
                "millions" => 1e6,
                "billions" => 1e9,
                "trillions" => 1e12,
                _ => return None,
            })
        };
        if let Some(mut v) = plural(w) {
            let mut j = i + 1;
            if self.low(j) == "of" {
                if let Some(m) = plural(self.low(j + 1)).filter(|m| *m > 100.0 || (w == "tens" && *m >= 100.0)) {
                    v *= m;
                    j += 2;
                }
            }
            if w == "tens" && j == i + 1 {
                return None;
            }
            if w == "scores" && self.low(j) != "of" {
                return None;
            }
            if self.low(j) == "of" {
                j += 1;
            }
            return Some(NumP { e: j, value: v, raw: v, approx: Some(self.lower_span(i, j)), ..base });
        }
        // "several hundred", "a few thousand", "many thousands of"
        let (lead, j0) = match w {
            "several" | "many" => (Some(w), i + 1),
            "a" if matches!(self.low(i + 1), "few" | "couple") => (None, i + 2),
            _ => (None, i),
        };
        if j0 > i {
            let mut j = j0;
            if self.low(j) == "of" && self.low(i + 1) == "couple" {
                j += 1;
            }
            if matches!(self.low(j), "hundred" | "thousand" | "million" | "billion" | "dozen") {
                let (v, e) = self.scales(j, 1.0);
                let approx = lead.map(str::to_string).unwrap_or_else(|| self.lower_span(i, j0));
                return Some(NumP { e, value: v, raw: v, approx: Some(approx), ..base });
            }
            if lead.is_some() && matches!(self.low(j), "thousands" | "millions") && self.low(j + 1) == "of" {
                let v = plural(self.low(j)).unwrap_or(1.0);
                return Some(NumP { e: j + 2, value: v, raw: v, approx: Some(self.lower_span(i, j + 2)), ..base });
            }
            return None;
        }
        // "a third of", "a fifth.", "a quarter million", "a third of a million", "a twenty-first";
        // "a hundred and twenty thousand", "a million", "a dozen": cardinals below
        let article = w == "a" || w == "an";
        // "an hour and a half", "a day or a third" are no fractions of their own
        let after_and = i > 0 && matches!(self.low(i - 1), "and" | "or");
        if article && self.low(i + 1) == "half" && matches!(self.low(i + 2), "a" | "an") {
            // "a half a million"
            let n = self.word_number(i + 1).filter(|n| !n.half)?;
            return Some(NumP { s: i, ..n });
        }
        if article {
            if let Some((d, k)) = self.den_at(i + 1, 1.0, true).filter(|_| !after_and) {
                let (v, e) = self.frac_scale(1.0 / d, k);
                return Some(NumP { e, value: v, raw: v, fraction: e == k, ..base });
            }
            let n = self.low(i + 1);
            if !matches!(n, "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen" | "lakh" | "crore") {
                return None;
            }
        }
        // "half a million", "half million", "quarter million", bare "half"
        if w == "half" || w == "quarter" {
            if let Some(m) = self.scale_word(i + 1).filter(|m| *m >= 1e3) {
                let v = m / if w == "half" { 2.0 } else { 4.0 };
                return Some(NumP { e: i + 2, value: v, raw: v, ..base });
            }
        }
        if w == "half" {
            if matches!(self.low(i + 1), "a" | "an")
                && (big_scale(self.low(i + 2)).is_some() || self.low(i + 2) == "dozen")
            {
                let (v, e) = self.scales(i + 2, 0.5);
                return Some(NumP { e, value: v, raw: v, ..base });
            }
            return Some(NumP { e: i + 1, value: 0.5, raw: 0.5, fraction: true, half: true, ..base });
        }
        // Cardinals.
        let mut c = if article {
            Card { cur: 1.0, last_add: 1.0, j: i + 1, last_small: true, ..Default::default() }
        } else {
            let (v, e) = self.small_at(i, false)?;
            Card { cur: v, last_add: v, j: e, last_small: true, ..Default::default() }
        };
        self.card_tail(&mut c, false, true);
        let value = c.total + c.cur;
        let j = c.j;
        if !value.is_finite() {
            return None;
        }
        if !c.frac {
            // "five point five", "two point five million"
            if let Some((v, k)) = self.point(j, value) {
                let (v, k) = match self.scale_word(k).filter(|m| *m >= 1e3) {
                    Some(m) => (v * m, k + 1),
                    None => (v, k),
                };
                return Some(NumP { e: k, value: v, raw: v, ..base });
            }
            // "three fifths", "twenty-three fifths", "three twenty-firsts", "three quarters billion"
            if let Some((d, k)) = self.den_at(j, value, true) {
                // with a scale it counts things again: "two thirds of a million jobs"
                let (v, e) = self.frac_scale(value / d, k);
                return Some(NumP { e, value: v, raw: v, fraction: e == k, ..base });
            }
            // "one over three"
            if let Some((v, k)) = self.over(j, value) {
                return Some(NumP { e: k, value: v, raw: v, fraction: true, ..base });
            }
        }
        let small = !c.scaled;
        // "thirty thousand": raw 30, scale 1000, as for "30 thousand" (ranges share the scale:
        // "twenty-five or thirty thousand dollars")
        let mult = match self.v.get(j.wrapping_sub(1)).map(|_| self.low(j - 1)) {
            Some(w) if c.cur == 0.0 && !c.frac && c.total > 0.0 => big_scale(w).unwrap_or(1.0),
            Some("hundred") if c.total == 0.0 && !c.frac => 100.0,
            _ => 1.0,
        };
        Some(NumP {
            e: j,
            value,
            raw: value / mult,
            mult,
            small_word: small,
            one: small && !c.frac && value == 1.0 && !article,
            ..base
        })
    }

    /// A scale after a fraction: "three quarters billion", "two thirds of a million".
    fn frac_scale(&self, v: f64, k: usize) -> (f64, usize) {
        if let Some(m) = self.scale_word(k).filter(|m| *m >= 1e3) {
            return (v * m, k + 1);
        }
        if self.low(k) == "of" && matches!(self.low(k + 1), "a" | "an") {
            if let Some(m) = self.scale_word(k + 2).filter(|m| *m >= 1e3) {
                return (v * m, k + 3);
            }
        }
        (v, k)
    }
}

/// A cardinal being read ("two million three hundred and five").
#[derive(Debug, Clone, Copy, Default)]
struct Card {
    /// Completed groups, scales applied.
    total: f64,
    /// The group being read (below 1000), or the whole value after a fraction.
    cur: f64,
    /// The next token.
    j: usize,
    /// The last element was a number, not a scale word.
    last_small: bool,
    /// A scale word was read.
    scaled: bool,
    /// The last big scale read (0: none).
    last_scale: f64,
    /// `cur` holds hundreds ("three hundred").
    hundreds: bool,
    /// The last element was a scale word.
    after_scale: bool,
    /// A fraction was read ("and a half"): only a scale may follow.
    frac: bool,
    /// The last number added to `cur` ("two" of "three hundred and two dozens").
    last_add: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        let (v, l) = tokenize(s, 0, s.len());
        let t = Toks { t: s, v: &v, l: &l };
        t.number_at(0, false).map(|n| n.value)
    }

    #[test]
    fn numerals() {
        assert_eq!(num("1,200 soldiers"), Some(1200.0));
        assert_eq!(num("1\u{a0}000"), Some(1000.0));
        assert_eq!(num("3.5 billion"), Some(3.5e9));
        assert_eq!(num("twenty-five"), Some(25.0));
        assert_eq!(num("one hundred and two"), Some(102.0));
        assert_eq!(num("half a million"), Some(5e5));
        assert_eq!(num("two-thirds"), Some(2.0 / 3.0));
        assert_eq!(num("one and a half million"), Some(1.5e6));
        assert_eq!(num("tens of thousands of people"), Some(1e4));
        assert_eq!(num("a dozen"), Some(12.0));
        assert_eq!(num(&"9".repeat(1000)), None);
    }

    #[test]
    fn notation() {
        assert_eq!(num(".08"), Some(0.08));
        assert_eq!(num("12,34,567.89"), Some(1234567.89));
        assert_eq!(num("1e10"), Some(1e10));
        assert_eq!(num("12.32e+14"), Some(1.232e15));
        assert_eq!(num("1.3x10^6"), Some(1.3e6));
        assert_eq!(num("6.23x10^-4").map(|v| (v * 1e6).round()), Some(623.0));
        assert_eq!(num("8x2^10 bits"), Some(8192.0));
        assert_eq!(num("2.5^-1"), Some(0.4));
        assert_eq!(num("1e999"), Some(1.0)); // overflow: the exponent is not read
        assert_eq!(num("1MM"), Some(1e6));
        assert_eq!(num("10 bln"), Some(1e10));
        assert_eq!(num("4 thousand 3 hundred and 21"), Some(4321.0));
        assert_eq!(num("3 hundred and 2 hundred"), Some(300.0));
    }

    #[test]
    fn words() {
        assert_eq!(num("fifty - two"), Some(52.0));
        assert_eq!(num("nought point nought three"), Some(0.03));
        assert_eq!(num("two hundred point seventy-one"), Some(200.71));
        assert_eq!(num("three lakh crore"), Some(3e12));
        assert_eq!(num("three million, two hundred & forty"), Some(3_000_240.0));
        assert_eq!(num("twenty fifths"), Some(4.0));
        assert_eq!(num("twenty twenty fifths"), Some(0.8));
        assert_eq!(num("one hundred thirty-fifths"), Some(100.0 / 35.0));
        assert_eq!(num("one hundred and thirty fifths"), Some(26.0));
        assert_eq!(num("two hundred and fifty-four hundredths"), Some(200.54));
        assert_eq!(num("a hundred trillionths"), Some(1e-10));
        assert_eq!(num("one over one hundred and twenty five"), Some(0.008));
        assert_eq!(num("one billion and a half million"), Some(1_000_500_000.0));
        assert_eq!(num("five billion and three quarters"), Some(5.75e9));
        assert_eq!(num("three hundred and two dozens"), Some(324.0));
        assert_eq!(num("quarter million"), Some(250_000.0));
        assert_eq!(num("a third term"), None);
        assert_eq!(num("one third party"), Some(1.0)); // "one", not a fraction
    }

    /// The decimal parser gives `str::parse`'s value wherever it claims exactness.
    #[test]
    fn decimal_parser_is_exact() {
        let p = |s: &str| parse_decimal(s.bytes());
        for s in [
            "0", "0.0", "00", "5.", ".5", ".08", "0.1", "0.2", "0.3", "2.5", "1234567.891", "9007199254740993",
            "9007199254740992", "9007199254740995", "18446744073709551615", "18446744073709551617",
            "123456789012345678901234567890", "1234567890123456789.0123456789", "0.000000000000000000000001",
            "0.1000000000000000055511151231257827", "0.30000000000000004", "4.35", "17.3", "1.7976931348623157",
            "179769313486231570000000000000000000000", "1000000000000000000000000000000000000000",
            "99999999999999999999999999999999999999", "0.00000000000000000000000000000000000001",
            "3.14159265358979323846264338327950288", "2.2250738585072014", "0.123456789012345678901234567890123456",
            "1000000000000000000000000000000000000000000000000000000", "7.000000000000000000000000000000000001",
            "0.000000000000000000000000000000000000000012345678",
            "123456789012345678900000000000000000000", "1230000000000000000000000000000000000000000000000000000",
        ] {
            let expected: Option<f64> = s.parse().ok();
            assert_eq!(p(s).map(f64::to_bits), expected.map(f64::to_bits), "{s}");
        }
        // Not numbers, as for `str::parse`.
        for s in ["", ".", "1.2.3", "..5", "1,2"] {
            assert_eq!(p(s), None, "{s:?}");
        }
        // Every integer and decimal of a pseudo-random sample, up to 38 significant digits.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = 1 + (x % 38) as usize;
            let mut s: String = (0..digits).map(|k| char::from(b'0' + ((x >> (k % 60)) as u8 ^ k as u8) % 10)).collect();
            let dot = (x >> 40) as usize % (digits + 2);
            if dot <= digits {
                s.insert(dot, '.');
            }
            let expected: f64 = s.parse().unwrap();
            assert_eq!(p(&s).map(f64::to_bits), Some(expected.to_bits()), "{s}");
        }
        // Absurd inputs stay finite or become inf (and are then refused), never NaN.
        assert_eq!(p(&"9".repeat(1000)), Some(f64::INFINITY));
        assert_eq!(parse_digits(&"9".repeat(1000)), None);
        assert_eq!(p(&format!("0.{}1", "0".repeat(1000))), Some(0.0));
        for s in ["100000000000000000000000000000000000000000000000000000000000", "123456789012345678901234567890123456789012",
            "123456789012345678900000000000000000000000000000000",
            "0.000000000000000000000000000000000000000000000000000012345678901234567890123456789"] {
            let expected: f64 = s.parse().unwrap();
            assert!(p(s).is_some_and(|v| (v / expected - 1.0).abs() < 1e-12), "{s}");
        }
        let long = format!("1{}", "0".repeat(308));
        assert!(p(&long).is_some_and(|v| v.is_finite() && (v / 1e308 - 1.0).abs() < 1e-12));
        assert!(p(&format!("{}.5", "1".repeat(60))).is_some_and(|v| v.is_finite() && (v / 1.1111111111111112e59 - 1.0).abs() < 1e-12));
    }

    #[test]
    fn tokens() {
        let s = "U.S. 8,000 Russia’s 155mm";
        let (v, _) = tokenize(s, 0, s.len());
        let r: Vec<&str> = v.iter().map(|t| &s[t.s..t.e]).collect();
        assert_eq!(r, ["U.S.", "8,000", "Russia’s", "155", "mm"]);
    }
}
