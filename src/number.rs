//! Tokens and numerals: the scanning layer under [`crate::quantity`].
//!
//! Everything here is hand-written and forward-only, so a sentence is scanned in linear time:
//! a token is one run of ASCII digits (with `,`/NBSP/thin-space thousands groups and one decimal
//! part), one run of letters (with inner apostrophes, and dotted abbreviations like "U.S."),
//! or one other character. Numbers that overflow `f64` are refused, never turned into `inf`.

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
    /// Words: lower-cased, curly apostrophes made straight. Empty for other tokens.
    pub low: String,
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

/// Splits `t[start..end]` into tokens. `start`/`end` must be char boundaries.
pub(crate) fn tokenize(t: &str, start: usize, end: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = start;
    let mut sp = true;
    while let Some(c) = char_at(t, i, end) {
        if is_space(c) {
            sp = true;
            i += c.len_utf8();
            continue;
        }
        let s = i;
        let k = if c.is_ascii_digit() {
            i = scan_number(t, i, end);
            K::Num
        } else if c.is_alphabetic() {
            i = scan_word(t, i, end);
            K::Word
        } else {
            i += c.len_utf8();
            K::Sym
        };
        let low = if k == K::Word { t[s..i].to_lowercase().replace(['’', 'ʼ'], "'") } else { String::new() };
        toks.push(Tok { k, s, e: i, sp, low });
        sp = false;
    }
    toks
}

/// `1,200`, `1 000` (NBSP, thin space, or a plain space after a 1–3 digit lead), `3.5`.
fn scan_number(t: &str, i: usize, end: usize) -> usize {
    let b = t.as_bytes();
    let mut p = i;
    while p < end && b[p].is_ascii_digit() {
        p += 1;
    }
    let lead = p - i;
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
fn scan_word(t: &str, i: usize, end: usize) -> usize {
    let mut p = i;
    let mut n = 0;
    while let Some(c) = char_at(t, p, end) {
        if c.is_alphabetic() {
            p += c.len_utf8();
            n += 1;
        } else if is_apos(c) && n > 0 && char_at(t, p + c.len_utf8(), end).is_some_and(char::is_alphabetic) {
            p += c.len_utf8();
        } else {
            break;
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
    p
}

/// The value of a digit token ("1,200.5", "1 000"); `None` when it is not finite.
pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    let buf: String = s.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let v: f64 = buf.parse().ok()?;
    v.is_finite().then_some(v)
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

/// The denominator of a fraction word: "half" 2, "thirds" 3, "quarter" 4, …
pub(crate) fn denominator(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
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
        "⅛" => 0.125,
        _ => return None,
    })
}

/// A small numeral may follow a scale: "five" after "thousand" (cur 0) or after "hundred"
/// (cur a multiple of 100, then only below 100).
fn v_ok(w: &str, cur: f64) -> bool {
    cur == 0.0 || ones(w).or_else(|| tens(w)).is_some_and(|v| v < 100.0)
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
}

/// Token access shared by the parsers.
#[derive(Clone, Copy)]
pub(crate) struct Toks<'a> {
    pub t: &'a str,
    pub v: &'a [Tok],
}

impl<'a> Toks<'a> {
    pub fn low(&self, i: usize) -> &'a str {
        match self.v.get(i) {
            Some(t) if t.k == K::Word => &t.low,
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

    /// A scale after a digit numeral at `j`: (multiplier, next token).
    fn scale_after(&self, j: usize, money: bool) -> (f64, usize) {
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
                "M" | "mn" | "mln" | "MN" | "Mn" | "million" => 1e6,
                "bn" | "Bn" | "BN" | "bln" | "billion" => 1e9,
                "b" | "B" if money => 1e9,
                "tn" | "trn" | "Tn" | "TN" | "trillion" => 1e12,
                "T" if money => 1e12,
                _ => 1.0,
            }
        } else {
            match tok.low.as_str() {
                "hundred" => 100.0,
                "mn" | "mln" => 1e6,
                "bn" => 1e9,
                "tn" | "trn" => 1e12,
                "m" if money && raw == "m" => 1e6,
                "lakh" | "lakhs" => 1e5,
                "crore" | "crores" => 1e7,
                "dozen" => 12.0,
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

    /// "1/4", "3/8": a small proper fraction written with a slash.
    fn slash_fraction(&self, i: usize) -> Option<f64> {
        if self.kind(i) != Some(K::Num) || !self.is_sym(i + 1, "/") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        if self.kind(i + 2) != Some(K::Num) || self.glued(i + 3) && self.kind(i + 3) != Some(K::Word) {
            return None;
        }
        let (a, b) = (self.raw(i).parse::<u32>().ok()?, self.raw(i + 2).parse::<u32>().ok()?);
        (a < b && matches!(b, 2 | 3 | 4 | 8 | 16)).then(|| a as f64 / b as f64)
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
                let plain = raw_s.bytes().all(|b| b.is_ascii_digit());
                if let Some(f) = vulgar(self.raw(e)).filter(|_| self.glued(e)) {
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
                } else if let Some(f) =
                    self.slash_fraction(e).filter(|_| plain && self.v[e].sp && self.kind(e) == Some(K::Num))
                {
                    raw += f;
                    e += 3;
                    slash = true;
                }
                let int_part = raw_s.split('.').next().unwrap_or("");
                let ndigits = int_part.bytes().filter(u8::is_ascii_digit).count();
                let (mult, e) = self.scale_after(e, money);
                let value = raw * mult;
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
                    plain_int: plain && !slash,
                    slash,
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
                out.push_str(&tok.low);
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
        // "a hundred", "a million", "a dozen"; "a third of", "a quarter of"
        let article = w == "a" || w == "an";
        if article {
            let n = self.low(i + 1);
            if let Some(d) = denominator(n).filter(|_| n != "half" && self.low(i + 2) == "of") {
                return Some(NumP { e: i + 2, value: 1.0 / d, raw: 1.0 / d, fraction: true, ..base });
            }
            // "a hundred and twenty thousand", "a million", "a dozen": cardinals below
            if !matches!(n, "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen") {
                return None;
            }
        }
        // "half a million", bare "half"
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
        let first = if article { 1.0 } else { ones(w).or_else(|| tens(w))? };
        let mut j = i + 1;
        let mut cur = first;
        if article {
            // no compounds or fractions after "a"
        } else if tens(w).is_some() && self.hyphen(j) {
            if let Some(o) = ones(self.low(j + 1)).filter(|o| (1.0..10.0).contains(o)) {
                cur += o;
                j += 2;
            }
        } else if tens(w).is_some() && self.v.get(j).is_some_and(|t| t.sp) {
            if let Some(o) = ones(self.low(j)).filter(|o| (1.0..10.0).contains(o)) {
                cur += o;
                j += 1;
            }
        }
        // Fractions: "two-thirds", "one third", "three quarters".
        if (1.0..=10.0).contains(&cur) && j == i + 1 && !article {
            let k = if self.hyphen(j) { j + 1 } else { j };
            if let Some(d) = denominator(self.low(k)) {
                if (cur == 1.0) != self.low(k).ends_with('s') {
                    let v = cur / d;
                    return Some(NumP { e: k + 1, value: v, raw: v, fraction: true, ..base });
                }
            }
        }
        let mut total = 0.0;
        let mut last_small = true;
        let mut scaled = false;
        let mut last_scale = 0.0;
        loop {
            let w = self.low(j);
            if !self.v.get(j).is_some_and(|t| t.sp) {
                break;
            }
            if w == "hundred" && last_small && cur < 100.0 {
                cur = cur.max(1.0) * 100.0;
                j += 1;
                last_small = false;
                scaled = true;
            } else if let Some(m) = big_scale(w) {
                total += cur.max(1.0) * m;
                cur = 0.0;
                j += 1;
                last_small = false;
                scaled = true;
                last_scale = m;
            } else if w == "and" && !last_small && cur == 0.0 && self.low(j + 1) == "a" && self.low(j + 2) == "half" {
                // "a billion and a half"
                total += 0.5 * last_scale;
                j += 3;
                last_small = true;
            } else if w == "and" && !last_small && (ones(self.low(j + 1)).is_some() || tens(self.low(j + 1)).is_some())
            {
                let w1 = self.low(j + 1);
                let mut v = ones(w1).or_else(|| tens(w1)).unwrap_or(0.0);
                j += 2;
                if tens(w1).is_some() {
                    let k = if self.hyphen(j) { j + 1 } else { j };
                    if let Some(o) = ones(self.low(k)).filter(|o| (1.0..10.0).contains(o) && (k > j || self.v[k].sp)) {
                        v += o;
                        j = k + 1;
                    }
                }
                cur += v;
                last_small = true;
            } else if w == "and" && last_small && self.low(j + 1) == "a" && self.low(j + 2) == "half" {
                cur += 0.5;
                j += 3;
                last_small = true;
            } else if let Some(v) =
                ones(w).or_else(|| tens(w)).filter(|_| !last_small && cur % 100.0 == 0.0 && v_ok(w, cur))
            {
                // "two thousand five hundred", "one hundred five", "a thousand twenty-one"
                cur += v;
                j += 1;
                if tens(w).is_some() && self.hyphen(j) {
                    if let Some(o) = ones(self.low(j + 1)).filter(|o| (1.0..10.0).contains(o)) {
                        cur += o;
                        j += 2;
                    }
                }
                last_small = true;
            } else if w == "dozen" && last_small {
                cur *= 12.0;
                j += 1;
                last_small = false;
                scaled = true;
            } else {
                break;
            }
        }
        let value = total + cur;
        if !value.is_finite() {
            return None;
        }
        Some(NumP { e: j, value, raw: value, small_word: !scaled, one: !scaled && value == 1.0 && !article, ..base })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        let v = tokenize(s, 0, s.len());
        let t = Toks { t: s, v: &v };
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
    fn tokens() {
        let s = "U.S. 8,000 Russia’s 155mm";
        let v = tokenize(s, 0, s.len());
        let r: Vec<&str> = v.iter().map(|t| &s[t.s..t.e]).collect();
        assert_eq!(r, ["U.S.", "8,000", "Russia’s", "155", "mm"]);
    }
}
