//! Quantities: numbers with their unit, approximator and rate; and time anchors.
//!
//! A statistic's span is approximator + number + unit noun phrase + rate, in news style:
//! "Around 8,000 North Korean soldiers", "some 1,200 Russian soldiers dying daily",
//! "nearly $4.2bn", "between 3 and 5 per cent a year". Years, dates, clock times, ordinals,
//! labels ("F-16", "Section 230", "(2+2)"), phone numbers and e-mail addresses are not
//! statistics; years and dates are reported by [`find_times`] instead.
//!
//! The scan is hand-written over tokens (see `number.rs`) and linear: every step moves forward
//! by at least one token and looks ahead or behind a bounded number of tokens.
//!
//! `unit` is the counted thing as written, lower-cased, without leading proper adjectives
//! ("North Korean soldiers" → "soldiers"); an ISO 4217 code for money; "%" for percentages
//! ("percentage points" and "basis points" are kept); the unit as written for measures ("mm",
//! "km", "tonnes", "years"; symbols keep their case, "MW"). A measure's unit is the measure
//! alone: "2 million tonnes of grain" has unit "tonnes" (what is measured stays in the span);
//! a count keeps its "of" phrase ("500,000 rounds of 155mm shells"). Cents and pence are
//! converted to the main unit (0.5 USD for "50 cents").
//!
//! Beyond a number and its unit, the finder reads
//! - compound amounts as one value: "3 dollars 50 cents", "15 dollars and 50", "5 ft 2 in",
//!   "6 lb 4 oz"; "75 USD million", "30 MUSD"; tolerances "9.83e-3 +/- 1e-5 km/s2";
//! - ranges: "3 to 5", "3-5", "between 3 and 5", "two or three judges" (an approximate range
//!   when the second is at most ten times the first), "from -18 °C to -34 °C". After a verb of
//!   change in the same clause, "from X to Y" is two values, a before and an after ("rose from
//!   3% to 5%", "cut the budget from $10 billion to $30 billion"), sharing a unit ("from 31 to 36
//!   percent"); "45 and 50 mg" shares the unit too;
//! - signs: "minus five percent", "negative one", "-5 °C", "$-99.99" (a parenthesised amount is
//!   not read as negative: in news "€50 ($55)" is a conversion);
//! - frequencies: "four times per week" (unit "times", rate "per week").
//!
//! Word numerals without a unit noun ("two", "sixteen") are statistics only where they stand
//! as a count: the subject of a verb ("Sixteen were killed"), an object or complement that
//! ends a phrase ("rose to sixteen.", "he has passed five", "There are two in my car"), with a
//! sign, or as the whole sentence or fragment. Not after a determiner ("the two leaders"), in
//! a partitive ("two of the soldiers"), a name or label ("Chapter Two"), a vague alternative
//! ("a month or two") or a score ("seven to two"); and "one" alone is a pronoun.

use crate::report::{Quantity, QuantityKind};
use crate::words::{find_any_byte, Lexicon, WordFilter};

#[path = "number.rs"]
mod number;

use number::{big_scale, is_numeral_word, NumP, Toks, K};
use QuantityKind::{Count, Measure, Money, Percent};

/// A quantity found in the text. Offsets are UTF-8 bytes into the whole text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuantity {
    pub start: usize,
    pub end: usize,
    pub quantity: Quantity,
}

/// Finds the statistics in `text[start..end]` (one sentence). Offsets returned are absolute,
/// sorted by start (then longest first); spans never cross, though one may nest in another
/// ("155mm" inside "500,000 rounds of 155mm shells").
pub fn find_quantities(text: &str, start: usize, end: usize) -> Vec<FoundQuantity> {
    scan(text, start, end).0
}

/// Finds time anchors (dates, years, weekdays, "last year", "in the coming days") in
/// `text[start..end]`. Sorted, non-overlapping, absolute offsets.
pub fn find_times(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    scan(text, start, end).1
}

/// [`find_quantities`] and [`find_times`] in one scan of `text[start..end]`.
pub fn find_quantities_and_times(text: &str, start: usize, end: usize) -> (Vec<FoundQuantity>, Vec<(usize, usize)>) {
    scan(text, start, end)
}

fn scan(text: &str, start: usize, end: usize) -> (Vec<FoundQuantity>, Vec<(usize, usize)>) {
    scan_with(text, start, end, true)
}

/// [`scan`]; `filter`: skip what [`triggers`] shows cannot find anything, and the words
/// [`HEAD_FILTER`] turns away (false only in the tests that check that the filters change
/// nothing).
fn scan_with(text: &str, start: usize, end: usize, filter: bool) -> (Vec<FoundQuantity>, Vec<(usize, usize)>) {
    let mut b = ScanBuffers::default();
    scan_into(text, start, end, filter, &mut b);
    (b.quantities, b.times)
}

/// The buffers of a scan, kept from one sentence to the next (emptied for each): fewer
/// allocations. After [`find_quantities_and_times_in`], `quantities` and `times` are what it
/// found (as [`find_quantities_and_times`] returns them).
#[derive(Default)]
pub(crate) struct ScanBuffers {
    toks: Vec<number::Tok>,
    lows: String,
    used: Vec<bool>,
    found: Vec<FoundQuantity>,
    anchors: Vec<(usize, usize)>,
    pub quantities: Vec<FoundQuantity>,
    pub times: Vec<(usize, usize)>,
}

/// [`find_quantities_and_times`] into `b.quantities` and `b.times`, in the buffers `b`.
pub(crate) fn find_quantities_and_times_in(text: &str, start: usize, end: usize, b: &mut ScanBuffers) {
    scan_into(text, start, end, true, b)
}

/// [`scan_with`] in the buffers `b`.
fn scan_into(text: &str, start: usize, end: usize, filter: bool, b: &mut ScanBuffers) {
    b.quantities.clear();
    b.times.clear();
    let mut e = end.min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    let mut s = start.min(e);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    // Most sentences hold no numeral and no time word: they are passed over without tokens.
    let (heads, times) = if filter { triggers(text, s, e) } else { (true, true) };
    if !heads && !times {
        return;
    }
    number::tokenize_into(text, s, e, &mut b.toks, &mut b.lows);
    let toks = &b.toks;
    let n = toks.len();
    let first = toks.iter().position(|t| t.k != K::Sym).unwrap_or(n);
    let last = toks.iter().rposition(|t| t.k != K::Sym).unwrap_or(0);
    let mut used = std::mem::take(&mut b.used);
    used.clear();
    used.resize(n, false);
    let mut found = std::mem::take(&mut b.found);
    found.clear();
    let mut anchors = std::mem::take(&mut b.anchors);
    anchors.clear();
    let mut sc = Scan {
        tk: Toks { t: text, v: toks, l: &b.lows },
        used,
        out: found,
        times: anchors,
        first,
        last,
        filter,
    };
    // Without a possible numeral no head is found, so the loop would find nothing; and
    // `lexical_times` does not read what it leaves (`used` only blocks non-words there, which
    // are never time words).
    if heads {
        sc.block_addresses();
        let mut i = 0;
        while i < n {
            i = if sc.used[i] || !sc.may_head(i) { i + 1 } else { sc.try_at(i).max(i + 1) };
        }
    }
    sc.lexical_times();
    sc.finish_quantities(&mut b.quantities);
    sc.finish_times(&mut b.times);
    (b.used, b.found, b.anchors) = (sc.used, sc.out, sc.times);
}

/// Whether `text[s..e]` may hold (a) a quantity head, (b) a time word: a cheap exact test on
/// the bytes, so that `scan` may skip the tokens (neither) or the quantity loop (no head).
///
/// Why it is exact. Every quantity and every time anchor the loop of `scan` finds starts from
/// [`Scan::head_at`], and `head_at` needs [`number::Toks::number_at`] to read a numeral at some
/// token. `number_at` reads (1) a `K::Num` token, which starts with an ASCII digit (also ".5":
/// a dot and a digit; runs with digits of other scripts are symbols), (2) a vulgar fraction
/// symbol ("½", not ASCII), or (3) a word numeral (`word_number`), whose every reading needs a
/// word of [`NUMERAL_WORDS`] (up to a trailing "s"/"ss") at its start or right after its
/// first word ("a"/"an" and "several"/"many" read only before a scale, "few", "couple", a
/// denominator or a small number). [`Scan::lexical_times`] needs a word of [`TIME_WORDS`].
/// Both lists are ASCII letters only. A word token whose lower-cased text is such a word is a
/// maximal run of ASCII letters in the text, unless the sentence has a non-ASCII letter
/// (which may lower-case to ASCII), a combining mark or an invisible joiner (dropped from the
/// lower-cased word): with any of those, or any other digit, everything may be there. Other
/// non-ASCII characters (quotes, dashes, spaces, bidi marks) never join a word's letters.
fn triggers(text: &str, s: usize, e: usize) -> (bool, bool) {
    let b = &text.as_bytes()[s..e];
    // Each word is tested against both lists with one key.
    let (numerals, time_words) = (NUMERAL_WORDS.filter(), TIME_WORDS.filter());
    let mut times = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() {
            let r = i;
            i = crate::words::ascii_letters_end(b, i);
            let w = &b[r..i];
            let k = crate::words::bloom_key(w);
            if numerals.has_key(k) && NUMERAL_WORDS.contains_ascii(w) || numeral_plural(w) {
                return (true, true);
            }
            times = times || time_words.has_key(k) && TIME_WORDS.contains_ascii(w);
        } else if c.is_ascii_digit() {
            return (true, true);
        } else if c < 0x80 {
            i += 1;
        } else {
            // `s`/`e` are char boundaries, so a non-ASCII byte here starts a char.
            let ch = text[s + i..e].chars().next().unwrap_or(' ');
            if crate::words::is_alpha(ch)
                || crate::words::is_combining_mark(ch)
                || crate::words::is_inner_joiner(ch)
                || crate::words::is_other_digit(ch)
                || number::vulgar(ch.encode_utf8(&mut [0; 4])).is_some()
            {
                return (true, true);
            }
            i += ch.len_utf8();
        }
    }
    (false, times)
}

/// The words a word numeral may need (see [`triggers`]): every word `Toks::word_number` or
/// `Toks::den_at` accepts as a number, scale or denominator is one of these, or one of these
/// followed by "s" or "ss" ("thirds", "fifthss" as `denominator` reads them).
#[rustfmt::skip]
static NUMERAL_WORDS: Lexicon = crate::lexicon!(&[
    // `ones`, `tens`
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "nought", "naught",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    // scales (`big_scale`, "hundred", "dozen") and the plural scales of `word_number`
    "hundred", "thousand", "million", "billion", "trillion", "quadrillion", "lakh", "lakhs", "crore", "crores",
    "dozen", "tens", "dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions",
    // after "a": "a few", "a couple of"; "half", "quarter"
    "few", "couple", "half", "halves", "quarter",
    // `denominator` (with `ordinal_ones` from three and `ordinal_teens_tens`)
    "hundredth", "thousandth", "millionth", "billionth", "trillionth", "third", "fourth", "fifth", "sixth",
    "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
    "sixtieth", "seventieth", "eightieth", "ninetieth",
]);

/// `w` (ASCII letters, any case) lower-cased is a word of [`NUMERAL_WORDS`], or one with "s"
/// after it.
#[cfg(test)]
fn may_start_numeral(w: &[u8]) -> bool {
    NUMERAL_WORDS.contains_ascii(w) || numeral_plural(w)
}

/// `w` (ASCII letters, any case) lower-cased is a word of [`NUMERAL_WORDS`] with "s" after it.
#[inline]
fn numeral_plural(w: &[u8]) -> bool {
    let mut stem = w;
    while let [rest @ .., b's' | b'S'] = stem {
        stem = rest;
    }
    stem.len() < w.len() && NUMERAL_WORDS.contains_ascii(stem)
}

// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

/// Words that end a unit noun phrase.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "and", "or", "but", "nor", "of", "in", "on", "at", "to",
    "for", "from", "by", "with", "without", "within", "into", "onto", "over", "under", "about", "after", "before",
    "since", "until", "till", "during", "as", "than", "per", "via", "across", "against", "among", "amid", "between",
    "through", "toward", "towards", "upon", "around", "near", "including", "include", "includes", "is", "are", "was",
    "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "done", "will", "would",
    "shall", "should", "can", "could", "may", "might", "must", "not", "no", "it", "its", "they", "them", "their",
    "he", "him", "his", "she", "her", "we", "us", "our", "you", "your", "i", "me", "my", "who", "whom", "whose",
    "which", "what", "where", "when", "why", "how", "there", "here", "so", "such", "very", "more", "most", "less",
    "least", "also", "already", "still", "yet", "just", "only", "even", "each", "every", "all", "both", "either",
    "neither", "some", "any", "many", "much", "few", "several", "other", "another", "own", "same", "ago", "later",
    "earlier", "then", "now", "today", "yesterday", "tomorrow", "tonight", "daily", "weekly", "monthly", "annually",
    "yearly", "hourly", "apiece", "respectively", "total", "altogether", "alone", "too", "if", "while", "whereas",
    "because", "though", "although", "once", "again", "up", "down", "out", "off", "away", "back", "said", "says",
    "say", "told", "according", "plus", "minus", "times", "percent", "cent", "whether", "unless", "rather", "nearly",
    "almost", "approximately", "roughly", "versus", "vs", "etc", "remains", "means", "seems", "shows", "appears",
    "stands", "totals", "exceeds", "reaches", "rises", "drops", "grows", "declines", "climbs", "jumps", "makes",
    "takes", "gives", "gets", "comes", "goes", "becomes", "tells", "keeps", "brings", "begins", "happens",
    "continues", "represents", "marks", "accounts", "amounts", "compares", "equals", "lies", "sits", "last", "next",
    "first", "second", "third", "former", "latter", "overall", "apart", "aboard", "above", "below", "beyond",
    "despite", "except", "inside", "outside", "like", "unlike", "worth",
];

/// Plural-like nouns and collective nouns that head a counted phrase.
#[rustfmt::skip]
const IRREGULAR: &[&str] = &[
    "people", "children", "men", "women", "police", "personnel", "staff", "cattle", "sheep", "fish", "deer",
    "aircraft", "livestock", "feet", "teeth", "mice", "geese", "data", "media", "crew", "infantry", "youth",
    "militia", "bacteria", "criteria", "alumni", "dead", "wounded", "injured", "missing", "clergy", "spacecraft",
    "watercraft", "offspring", "swine", "poultry",
];

/// Words ending in "s" that are not plural nouns.
#[rustfmt::skip]
const NOT_PLURAL: &[&str] = &[
    "news", "series", "species", "always", "perhaps", "thus", "whereas", "besides", "towards", "afterwards",
    "sometimes", "yes", "its", "has", "was", "does", "goes", "gas", "bias", "atlas", "chaos", "lens", "ethos",
    "mathematics", "economics", "physics", "politics", "plus", "minus", "versus", "bonus", "campus", "census",
    "status", "virus", "consensus", "thesis", "analysis", "crisis", "basis", "axis", "diagnosis", "hers", "ours",
    "theirs", "yours", "whereabouts", "nevertheless", "unless", "less", "various", "serious", "famous", "his", "this",
    "us", "is", "as", "texas", "paris", "kansas", "arkansas", "athens", "wales", "netherlands", "philippines",
    "bahamas", "lucas", "thomas", "james", "charles", "nicholas", "jones", "davis", "williams",
];

/// Nouns after which "of …" stays in the unit ("500,000 rounds of 155mm shells").
#[rustfmt::skip]
const CONTAINERS: &[&str] = &[
    "rounds", "round", "units", "doses", "dose", "bags", "boxes", "bottles", "cans", "crates", "containers",
    "cartons", "packs", "packets", "pieces", "sacks", "shipments", "truckloads", "loads", "vials", "tablets", "pills",
    "head", "pairs", "sets", "bales", "bushels", "cups", "sheets", "rolls", "tranches", "batches", "shots", "items",
    "cases", "counts", "barrels", "tons", "tonnes", "gallons", "litres", "liters", "acres", "hectares", "kilograms",
    "kilos", "grams", "pounds", "ounces", "cubic", "square", "vehicles", "hours", "shipments", "consignments",
    "cargoes", "kinds", "types", "varieties", "strains", "packages",
];

/// Words before a number that make it a label ("Section 230", "page 5").
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "section", "sections", "article", "articles", "route", "chapter", "page", "pages", "pp", "room", "flight",
    "interstate", "highway", "rule", "resolution", "title", "amendment", "phase", "stage", "level", "version",
    "model", "episode", "season", "vol", "volume", "issue", "tier", "category", "type", "class", "grade", "gate",
    "terminal", "platform", "bus", "line", "channel", "act", "part", "item", "exhibit", "figure", "fig", "table",
    "appendix", "update", "updates", "annex", "paragraph", "clause", "verse", "psalm", "suite", "apartment", "apt", "district", "precinct",
    "ward", "lot", "windows", "iphone", "ipad", "galaxy", "pixel", "playstation", "xbox", "apollo", "artemis",
    "boeing", "airbus", "falcon", "soyuz", "formula", "fortune", "ftse", "nasdaq", "dax", "cac", "nikkei", "kospi",
    "covid", "iso", "proposition", "prop", "question", "game", "group", "block", "zone", "sector", "camp", "station",
    "building", "tower", "hall", "studio", "lane", "pier", "dock", "berth", "runway", "track", "ch", "sec", "art",
    "para", "top", "size", "number", "code", "no", "nos", "psalms", "lines", "pt", "step", "cell", "box", "exit",
    "junction", "option", "plan", "row", "seat", "square", "stop", "street", "road", "avenue", "ave",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
];
const MONTH_ABBR: &[&str] = &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Words put in front of a time anchor's span ("on Wednesday", "in August").
const TIME_PREP: &[&str] =
    &["in", "on", "at", "since", "until", "till", "by", "during", "before", "after", "from", "through", "throughout"];

/// Approximators, longest first.
#[rustfmt::skip]
const APPROX: &[&[&str]] = &[
    &["no", "more", "than"], &["not", "more", "than"], &["no", "fewer", "than"], &["no", "less", "than"],
    &["not", "less", "than"], &["a", "maximum", "of"], &["a", "minimum", "of"], &["an", "average", "of"],
    &["as", "many", "as"], &["as", "much", "as"], &["as", "few", "as"], &["as", "little", "as"],
    &["as", "high", "as"], &["as", "low", "as"], &["in", "excess", "of"], &["more", "than"], &["less", "than"],
    &["fewer", "than"], &["greater", "than"], &["higher", "than"], &["lower", "than"], &["at", "least"],
    &["at", "most"], &["up", "to"], &["upwards", "of"], &["upward", "of"], &["close", "to"], &["just", "over"],
    &["just", "under"], &["just", "above"], &["just", "below"], &["well", "over"], &["well", "above"],
    &["well", "below"], &["well", "under"], &["an", "estimated"], &["some"], &["nearly"], &["almost"],
    &["around"], &["about"], &["roughly"], &["approximately"], &["approx"], &["estimated"], &["over"],
    &["under"], &["above"], &["below"], &["circa"], &["exactly"], &["precisely"],
];

/// Nouns of a rate after "a"/"an"/"each"/"every" ("$80 a barrel", "1,200 a day").
#[rustfmt::skip]
const RATE_NOUNS: &[&str] = &[
    "year", "day", "week", "month", "hour", "minute", "second", "decade", "quarter", "night", "share", "head",
    "person", "barrel", "ounce", "gallon", "litre", "liter", "kilo", "kilogram", "pound", "tonne", "ton", "piece",
    "unit", "dose", "ticket", "game", "season", "term", "mile", "meal", "visit", "student", "child", "household",
    "session", "shift", "round", "flight", "pop", "dozen", "family", "taxpayer", "worker", "employee", "citizen",
    "resident", "voter", "car", "vehicle", "acre", "square", "copy", "subscriber", "user", "customer", "hectare",
    "kilometre", "kilometer", "megawatt-hour", "kilowatt-hour",
];

/// Singular nouns that make "one …" a count ("one person was killed").
#[rustfmt::skip]
const PERSONS: &[&str] = &[
    "person", "man", "woman", "child", "boy", "girl", "soldier", "civilian", "officer", "journalist", "worker",
    "student", "patient", "victim", "passenger", "resident", "citizen", "baby", "teenager", "adult", "hostage",
    "firefighter", "police officer", "suspect", "fatality", "death", "casualty",
];

/// The word lists as hashed sets: they are looked up for most words of every sentence.
static STOP_SET: Lexicon = crate::lexicon!(STOP);
static IRREGULAR_SET: Lexicon = crate::lexicon!(IRREGULAR);
static NOT_PLURAL_SET: Lexicon = crate::lexicon!(NOT_PLURAL);
static CONTAINERS_SET: Lexicon = crate::lexicon!(CONTAINERS);
static LABELS_SET: Lexicon = crate::lexicon!(LABELS);
/// Last words of a street's name ("Caldwell Place").
static STREETS_SET: Lexicon = crate::lexicon!(&[
    "street", "avenue", "road", "place", "boulevard", "drive", "lane", "court", "terrace", "parkway", "st", "ave", "rd", "blvd",
]);
static MONTHS_SET: Lexicon = crate::lexicon!(MONTHS);
static MONTH_ABBR_SET: Lexicon = crate::lexicon!(MONTH_ABBR);
static WEEKDAYS_SET: Lexicon = crate::lexicon!(WEEKDAYS);
static TIME_PREP_SET: Lexicon = crate::lexicon!(TIME_PREP);
static RATE_NOUNS_SET: Lexicon = crate::lexicon!(RATE_NOUNS);
static PERSONS_SET: Lexicon = crate::lexicon!(PERSONS);

/// The words that can start a time anchor in [`Scan::lexical_times`] (every branch there
/// needs one of them): most words are not, and are passed over with one lookup.
static TIME_WORDS: Lexicon = crate::lexicon!(&[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "yesterday", "today", "tomorrow", "tonight",
    "noon", "midnight", "last", "next", "this", "past", "coming", "previous", "recent", "following", "preceding",
    "ago", "first", "second", "third", "fourth", "spring", "summer", "autumn", "winter",
]);

/// The first words of [`CCY_WORDS`].
static CCY_FIRST_WORDS: Lexicon = crate::lexicon!(&[
    "hong", "new", "south", "north", "us", "u.s.", "american", "australian", "canadian", "singapore", "taiwan",
    "swiss", "pounds", "mexican", "indian", "pakistani", "russian", "chinese", "japanese", "korean", "turkish",
    "brazilian", "dollars", "dollar", "euros", "euro", "sterling", "yen", "yuan", "renminbi", "won", "rupees",
    "rupee", "roubles", "rubles", "rouble", "ruble", "hryvnias", "hryvnia", "hryvnas", "francs", "pesos", "reais",
    "rand", "lira", "liras", "shekels", "dirhams", "riyals", "naira", "baht", "ringgit", "rupiah", "dong",
    "kronor", "krona", "kroner", "zlotys", "zloty", "forints", "bitcoins", "bitcoin",
]);

fn has(list: &Lexicon, w: &str) -> bool {
    list.contains(&w)
}

fn plural(w: &str) -> bool {
    if has(&IRREGULAR_SET, w) {
        return true;
    }
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !has(&NOT_PLURAL_SET, w)
        && !has(&STOP_SET, w)
}

/// The codes [`iso`] reads (and "RMB", read as "CNY").
#[rustfmt::skip]
const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "KRW", "KPW", "INR", "RUB", "UAH", "CHF", "CAD", "AUD", "HKD", "SGD",
    "NZD", "TWD", "BRL", "MXN", "ZAR", "TRY", "ILS", "SAR", "AED", "NGN", "EGP", "PKR", "BDT", "IDR", "THB",
    "VND", "PHP", "MYR", "SEK", "NOK", "DKK", "PLN", "HUF", "CZK", "ARS", "CLP", "COP", "KES", "QAR", "KWD",
    "IRR", "BTC",
];

/// ISO 4217 codes written before or after a number ("USD 20", "20 EUR").
fn iso(raw: &str) -> Option<&'static str> {
    const C: &[&str] = ISO_CODES;
    // lower-case codes too ("500 usd"), except those that are English words ("try", "cop")
    if raw.len() != 3 {
        return None;
    }
    let lower = raw.bytes().all(|b| b.is_ascii_lowercase());
    if lower && matches!(raw, "try" | "php" | "cad" | "cop" | "ars") {
        return None;
    }
    if !(lower || raw.bytes().all(|b| b.is_ascii_uppercase())) {
        return None;
    }
    /// The codes as bits `676 * a + 26 * b + c` (one lookup says no for words like "the").
    const CODES: [u64; 275] = {
        let mut bits = [0u64; 275];
        let mut k = 0;
        while k < C.len() {
            let b = C[k].as_bytes();
            let p = (b[0] - b'A') as usize * 676 + (b[1] - b'A') as usize * 26 + (b[2] - b'A') as usize;
            bits[p / 64] |= 1 << (p % 64);
            k += 1;
        }
        bits
    };
    let b = raw.as_bytes();
    let up = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase(), b[2].to_ascii_uppercase()];
    if &up == b"RMB" {
        return Some("CNY");
    }
    // (letters only here: `raw` is all lower- or all upper-case ASCII)
    let p = (up[0] - b'A') as usize * 676 + (up[1] - b'A') as usize * 26 + (up[2] - b'A') as usize;
    if CODES[p / 64] & (1 << (p % 64)) == 0 {
        return None;
    }
    C.iter().find(|c| c.as_bytes() == up.as_slice()).copied()
}

/// A code for millions of a currency ("MUSD", "MEUR", "MGBP", "MAUD"), as in financial reports.
fn iso_millions(raw: &str) -> Option<&'static str> {
    raw.strip_prefix('M').filter(|r| r.bytes().all(|b| b.is_ascii_uppercase())).and_then(iso)
}

/// Currency symbols.
fn sym_ccy(raw: &str) -> Option<&'static str> {
    Some(match raw {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" | "￥" => "JPY",
        "₩" => "KRW",
        "₹" => "INR",
        "₽" => "RUB",
        "₴" => "UAH",
        "₺" => "TRY",
        "₪" => "ILS",
        "₦" => "NGN",
        "₱" => "PHP",
        "฿" => "THB",
        "₫" => "VND",
        "₡" => "CRC",
        "₾" => "GEL",
        "₭" => "LAK",
        "₮" => "MNT",
        "₲" => "PYG",
        "₵" => "GHS",
        "₸" => "KZT",
        "₼" => "AZN",
        "₿" => "BTC",
        _ => return None,
    })
}

/// A word glued before "$" ("US$", "HK$").
fn dollar_prefix(raw: &str) -> Option<&'static str> {
    Some(match raw {
        "US" | "U.S." | "U.S" => "USD",
        "A" | "AU" => "AUD",
        "C" | "CA" | "CAN" | "Can" => "CAD",
        "HK" => "HKD",
        "NZ" => "NZD",
        "S" | "SG" => "SGD",
        "NT" => "TWD",
        "R" => "BRL",
        "MX" | "Mex" => "MXN",
        _ => return None,
    })
}

/// Currency names after a number, longest first.
#[rustfmt::skip]
const CCY_WORDS: &[(&[&str], &str)] = &[
    (&["hong", "kong", "dollars"], "HKD"), (&["new", "zealand", "dollars"], "NZD"),
    (&["new", "taiwan", "dollars"], "TWD"), (&["south", "korean", "won"], "KRW"),
    (&["north", "korean", "won"], "KPW"), (&["south", "african", "rand"], "ZAR"), (&["us", "dollars"], "USD"),
    (&["u.s.", "dollars"], "USD"), (&["american", "dollars"], "USD"), (&["australian", "dollars"], "AUD"),
    (&["canadian", "dollars"], "CAD"), (&["singapore", "dollars"], "SGD"), (&["taiwan", "dollars"], "TWD"),
    (&["swiss", "francs"], "CHF"), (&["pounds", "sterling"], "GBP"), (&["mexican", "pesos"], "MXN"),
    (&["indian", "rupees"], "INR"), (&["pakistani", "rupees"], "PKR"), (&["russian", "roubles"], "RUB"),
    (&["russian", "rubles"], "RUB"), (&["chinese", "yuan"], "CNY"), (&["japanese", "yen"], "JPY"),
    (&["korean", "won"], "KRW"), (&["turkish", "lira"], "TRY"), (&["brazilian", "reais"], "BRL"),
    (&["dollars"], "USD"), (&["dollar"], "USD"), (&["euros"], "EUR"), (&["euro"], "EUR"),
    (&["sterling"], "GBP"), (&["yen"], "JPY"), (&["yuan"], "CNY"), (&["renminbi"], "CNY"), (&["won"], "KRW"),
    (&["rupees"], "INR"), (&["rupee"], "INR"), (&["roubles"], "RUB"), (&["rubles"], "RUB"),
    (&["rouble"], "RUB"), (&["ruble"], "RUB"), (&["hryvnias"], "UAH"), (&["hryvnia"], "UAH"),
    (&["hryvnas"], "UAH"), (&["francs"], "CHF"), (&["pesos"], "MXN"), (&["reais"], "BRL"), (&["rand"], "ZAR"),
    (&["lira"], "TRY"), (&["liras"], "TRY"), (&["shekels"], "ILS"), (&["dirhams"], "AED"), (&["riyals"], "SAR"),
    (&["naira"], "NGN"), (&["baht"], "THB"), (&["ringgit"], "MYR"), (&["rupiah"], "IDR"), (&["dong"], "VND"),
    (&["kronor"], "SEK"), (&["krona"], "SEK"), (&["kroner"], "NOK"), (&["zlotys"], "PLN"), (&["zloty"], "PLN"),
    (&["forints"], "HUF"), (&["bitcoins"], "BTC"), (&["bitcoin"], "BTC"),
];

const OF: u8 = 1; // "of …" may follow ("tonnes of grain")
const TIME: u8 = 2; // a duration
const GLUED: u8 = 4; // only written glued to the number ("5C", "24h")

/// Unit symbols (case-sensitive).
#[rustfmt::skip]
const SYMS: &[(&str, u8)] = &[
    ("mm", OF), ("cm", OF), ("m", OF), ("km", OF), ("kg", OF), ("g", OF), ("mg", OF), ("µg", OF), ("mcg", OF),
    ("t", OF), ("kt", OF), ("Mt", OF), ("lb", OF), ("lbs", OF), ("oz", OF), ("mi", OF), ("ft", OF), ("yd", OF),
    ("nm", 0), ("ha", OF), ("l", GLUED | OF), ("L", OF), ("ml", OF), ("mL", OF), ("cl", OF), ("gal", OF),
    ("bbl", OF), ("bcm", OF), ("tcf", OF), ("mph", 0), ("kph", 0), ("kmh", 0), ("kmph", 0), ("bpd", 0),
    ("mpg", 0), ("W", 0), ("kW", 0), ("MW", 0), ("GW", 0), ("TW", 0), ("Wh", 0), ("kWh", 0), ("MWh", 0),
    ("GWh", 0), ("TWh", 0), ("kV", 0), ("V", GLUED), ("Hz", 0), ("kHz", 0), ("MHz", 0), ("GHz", 0), ("KB", 0),
    ("kB", 0), ("MB", 0), ("GB", 0), ("TB", 0), ("PB", 0), ("Mbps", 0), ("Gbps", 0), ("kbps", 0), ("mAh", 0),
    ("dB", 0), ("hp", 0), ("cc", 0), ("psi", 0), ("kcal", 0), ("kJ", 0), ("MJ", 0), ("C", GLUED), ("F", GLUED),
    ("h", GLUED | TIME), ("hr", TIME), ("hrs", TIME), ("min", TIME), ("mins", TIME), ("sec", TIME),
    ("secs", TIME), ("yr", TIME), ("yrs", TIME), ("sq", 0), ("eV", 0), ("keV", 0), ("MeV", 0), ("GeV", 0),
    ("TeV", 0), ("Gy", 0), ("mGy", 0), ("Sv", 0), ("mSv", 0), ("µSv", 0), ("μSv", 0), ("tpd", 0), ("tbsp", OF),
    ("tsp", OF), ("in", 0), ("J", 0), ("fps", 0), ("ppi", 0), ("dpi", 0), ("dBA", 0), ("dBa", 0), ("MP", GLUED),
    ("ms", GLUED | TIME), ("FPS", 0), ("Ghz", 0),
];

/// Unit words (lower-case).
#[rustfmt::skip]
const WORD_UNITS: &[(&str, u8)] = &[
    ("millimetre", OF), ("millimetres", OF), ("millimeter", OF), ("millimeters", OF), ("centimetre", OF),
    ("centimetres", OF), ("centimeter", OF), ("centimeters", OF), ("metre", OF), ("metres", OF), ("meter", OF),
    ("meters", OF), ("kilometre", OF), ("kilometres", OF), ("kilometer", OF), ("kilometers", OF), ("mile", OF),
    ("miles", OF), ("foot", OF), ("feet", OF), ("inch", OF), ("inches", OF), ("yard", OF), ("yards", OF),
    ("nanometre", 0), ("nanometres", 0), ("nanometer", 0), ("nanometers", 0), ("micron", 0), ("microns", 0),
    ("milligram", OF), ("milligrams", OF), ("gram", OF), ("grams", OF), ("kilogram", OF), ("kilograms", OF),
    ("kilo", OF), ("kilos", OF), ("tonne", OF), ("tonnes", OF), ("ton", OF), ("tons", OF), ("pound", OF),
    ("pounds", OF), ("ounce", OF), ("ounces", OF), ("carat", 0), ("carats", 0), ("litre", OF), ("litres", OF),
    ("liter", OF), ("liters", OF), ("millilitre", OF), ("millilitres", OF), ("milliliter", OF),
    ("milliliters", OF), ("gallon", OF), ("gallons", OF), ("barrel", OF), ("barrels", OF), ("pint", OF),
    ("pints", OF), ("bushel", OF), ("bushels", OF), ("hectare", OF), ("hectares", OF), ("acre", OF),
    ("acres", OF), ("degree", 0), ("degrees", 0), ("watt", 0), ("watts", 0), ("kilowatt", 0), ("kilowatts", 0),
    ("megawatt", 0), ("megawatts", 0), ("gigawatt", 0), ("gigawatts", 0), ("terawatt", 0), ("terawatts", 0),
    ("kilowatt-hours", 0), ("megawatt-hours", 0), ("gigawatt-hours", 0), ("terawatt-hours", 0), ("volt", 0),
    ("volts", 0), ("kilovolts", 0), ("joules", 0), ("calories", 0), ("calorie", 0), ("kilocalories", 0),
    ("horsepower", 0), ("decibels", 0), ("hertz", 0), ("megahertz", 0), ("gigahertz", 0), ("bytes", 0),
    ("kilobytes", 0), ("megabytes", 0), ("gigabytes", 0), ("terabytes", 0), ("petabytes", 0), ("exabytes", 0),
    ("knot", 0), ("knots", 0), ("magnitude", 0), ("celsius", 0), ("fahrenheit", 0), ("centigrade", 0),
    ("second", TIME), ("seconds", TIME), ("minute", TIME), ("minutes", TIME), ("hour", TIME), ("hours", TIME),
    ("day", TIME), ("days", TIME), ("week", TIME), ("weeks", TIME), ("fortnight", TIME), ("fortnights", TIME),
    ("month", TIME), ("months", TIME), ("year", TIME), ("years", TIME), ("decade", TIME), ("decades", TIME),
    ("century", TIME), ("centuries", TIME), ("millennium", TIME), ("millennia", TIME), ("cup", OF), ("cups", OF),
    ("tablespoon", OF), ("tablespoons", OF), ("teaspoon", OF), ("teaspoons", OF), ("electronvolt", 0),
    ("electronvolts", 0), ("sievert", 0), ("sieverts", 0), ("millisievert", 0), ("millisieverts", 0),
    ("megapixel", 0), ("megapixels", 0),
];

/// Filters of [`SYMS`] and [`WORD_UNITS`]: most words are no unit, and are turned away before
/// the lists are searched (a filter passes a superset of its words: it cannot turn a unit away).
static SYM_FILTER: WordFilter = WordFilter::of_keys(SYMS);

/// Every word [`Scan::may_head`] lets through, by its first tests: ISO codes (any case: the
/// filter ignores it), the words before "$", "Rs", signs, the words that start a numeral or
/// come before one ("a", "several") and the plural scales. ("M" and a code is tested apart.)
#[rustfmt::skip]
static HEAD_FILTER: WordFilter = WordFilter::new(&[
    ISO_CODES,
    &["RMB", "Rs", "minus", "negative", "US", "U.S.", "U.S", "A", "AU", "C", "CA", "CAN", "Can", "HK", "NZ", "S", "SG",
      "NT", "R", "MX", "Mex", "a", "an", "several", "many", "tens", "dozens", "scores", "hundreds", "thousands",
      "millions", "billions", "trillions", "half", "quarter", "nought", "naught", "zero", "one", "two", "three",
      "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
      "seventy", "eighty", "ninety"],
]);
static WORD_UNIT_FILTER: WordFilter = WordFilter::of_keys(WORD_UNITS);
/// A filter of the last words of [`APPROX`].
static APPROX_LAST: WordFilter = WordFilter::of_last_words(APPROX);

// ---------------------------------------------------------------------------------------------
// The scan
// ---------------------------------------------------------------------------------------------

struct Unit {
    kind: QuantityKind,
    text: String,
    e: usize,
    of_ok: bool,
    time: bool,
    factor: f64,
    glued_m: bool,
}

impl Unit {
    fn new(kind: QuantityKind, text: impl Into<String>, e: usize) -> Unit {
        Unit { kind, text: text.into(), e, of_ok: false, time: false, factor: 1.0, glued_m: false }
    }
}

/// Currency prefix + numeral + unit symbol/word.
struct Head {
    s: usize,
    num: NumP,
    value: f64,
    ccy: Option<&'static str>,
    unit: Option<Unit>,
    e: usize,
    /// Glued to a word that is no unit ("5G", "1e308"): an identifier.
    junk: bool,
    /// Written with "minus" or "negative" ("minus five percent"): a number, never a pronoun.
    signed: bool,
}

struct Scan<'a> {
    tk: Toks<'a>,
    used: Vec<bool>,
    out: Vec<FoundQuantity>,
    times: Vec<(usize, usize)>,
    /// The first and last tokens that are words or numbers (punctuation aside).
    first: usize,
    last: usize,
    /// Whether the exact filters may skip work (see [`scan_with`]).
    filter: bool,
}

impl<'a> Scan<'a> {
    fn n(&self) -> usize {
        self.tk.v.len()
    }
    fn low(&self, i: usize) -> &'a str {
        self.tk.low(i)
    }
    fn raw(&self, i: usize) -> &'a str {
        self.tk.raw(i)
    }
    fn is(&self, i: usize, k: K) -> bool {
        self.tk.kind(i) == Some(k)
    }
    fn sym(&self, i: usize, s: &str) -> bool {
        self.tk.is_sym(i, s)
    }
    fn glued(&self, i: usize) -> bool {
        self.tk.glued(i)
    }
    fn spaced(&self, i: usize) -> bool {
        self.tk.v.get(i).is_some_and(|t| t.sp)
    }
    /// Low text of the token before `i` (empty at the start).
    fn low_before(&self, i: usize, back: usize) -> &'a str {
        if i >= back {
            self.low(i - back)
        } else {
            ""
        }
    }
    fn cap(&self, i: usize) -> bool {
        match self.tk.v.get(i) {
            Some(t) if t.k == K::Word => {
                let b = self.tk.t.as_bytes()[t.s];
                // ASCII first letter: no Unicode table.
                if b < 0x80 {
                    b.is_ascii_uppercase()
                } else {
                    self.raw(i).chars().next().is_some_and(char::is_uppercase)
                }
            }
            _ => false,
        }
    }
    /// Has an upper-case letter anywhere ("iPhone", "NATO", "Boeing").
    fn any_upper(&self, i: usize) -> bool {
        self.is(i, K::Word) && self.raw(i).chars().any(char::is_uppercase)
    }
    fn dash(&self, i: usize) -> bool {
        self.is(i, K::Sym) && matches!(self.raw(i), "-" | "‐" | "‑" | "–")
    }
    fn lower_span(&self, s: usize, e: usize) -> String {
        let mut out = String::new();
        for k in s..e.min(self.n()) {
            if k > s && !self.glued(k) {
                out.push(' ');
            }
            match self.tk.v[k].k {
                K::Word => out.push_str(self.low(k)),
                _ => out.push_str(self.raw(k)),
            }
        }
        out
    }
    fn byte_span(&self, s: usize, e: usize) -> (usize, usize) {
        (self.tk.v[s].s, self.tk.v[e - 1].e)
    }
    /// End of the run of tokens glued to `i` (exclusive).
    fn glued_run(&self, i: usize) -> usize {
        glued_run(self.tk, i)
    }
    /// After a house number ending at token `i`: the end of the street name when one or two
    /// capitalised words (and a compass point, "W.") end in a street word ("Caldwell Place").
    fn street_end(&self, i: usize) -> Option<usize> {
        let mut k = i;
        let mut words = 0;
        while words < 4 && self.spaced(k) && self.is(k, K::Word) && self.cap(k) {
            let w = self.low(k);
            if words > 0 && has(&STREETS_SET, w) {
                let mut e = k + 1;
                if matches!(w, "st" | "ave" | "rd" | "blvd") && self.sym(e, ".") && self.glued(e) {
                    e += 1;
                }
                return Some(e);
            }
            k += 1;
            // "W. County Road": a compass point with its period.
            if matches!(w, "n" | "s" | "e" | "w") && self.sym(k, ".") && self.glued(k) {
                k += 1;
            }
            words += 1;
        }
        None
    }
    /// The end of a phone number starting at token `i` (a number): numbers, and brackets,
    /// dashes, dots and slashes between them, spaced or not.
    fn phone_run(&self, i: usize) -> usize {
        let mut e = i + 1;
        loop {
            if self.is(e, K::Num) {
                e += 1;
            } else if matches!(self.raw(e), "(" | ")" | "-" | "." | "/") && (self.is(e + 1, K::Num) || self.raw(e + 1) == "(") {
                e += 1;
            } else if self.raw(e) == ")" && self.is(e - 1, K::Num) && self.is(e + 1, K::Num) {
                e += 1;
            } else {
                return e;
            }
        }
    }
    /// Whether the number of tokens `s..e` is one of a run of at least three numbers with only
    /// spaces between them (a table's row flattened into text).
    fn in_number_run(&self, s: usize, e: usize) -> bool {
        let num_at = |i: usize| self.is(i, K::Num);
        let mut run = 1;
        let mut i = s;
        while run < 3 && i > 0 && self.spaced(i) && num_at(i - 1) {
            run += 1;
            i -= 1;
        }
        let mut j = e;
        while run < 3 && self.spaced(j) && num_at(j) {
            run += 1;
            j += 1;
        }
        run >= 3
    }
    /// Whether the number pair of tokens `s..e` ("3-6") sits in a comma list of pairs one of
    /// which next to it is a score ("7-5, 3-6, 7-6": set scores), not a range: a neighbour
    /// falls ("7-5"), or the pair and a neighbour both read as tennis sets (no number over 7,
    /// a 6 or 7 in each, unequal: "lost 3-6, 4-6"). A list of brackets ("18-24, 25-34", "ages
    /// 1-3, 4-6") rises and is not all sets.
    fn in_score_list(&self, s: usize, e: usize) -> bool {
        let pair = |i: usize| {
            let int = |k: usize| self.is(k, K::Num).then(|| self.raw(k).parse::<u32>().ok()).flatten();
            match (int(i), int(i + 2)) {
                (Some(a), Some(b)) if self.dash(i + 1) && self.glued(i + 1) && self.glued(i + 2) => Some((a, b)),
                _ => None,
            }
        };
        let set = |p: Option<(u32, u32)>| p.is_some_and(|(a, b)| a != b && a.max(b) <= 7 && a.max(b) >= 6);
        let score = |i: usize| {
            let p = pair(i);
            p.is_some_and(|(a, b)| a > b) || set(p) && set(pair(s))
        };
        (s >= 4 && self.sym(s - 1, ",") && score(s - 4)) || (self.sym(e, ",") && score(e + 1))
    }
    /// After a label's number ending at token `e`: the end of the list of more such numbers
    /// ("updates 3 and 4", "Articles 5, 6 or 7", "pages 10 to 12"). Only small plain integers
    /// continue the list ("Section 3 and 4,000 troops" does not).
    fn label_list(&self, mut e: usize) -> usize {
        while (["and", "or", "to", "through"].contains(&self.low(e)) || [",", "&", "-", "–"].contains(&self.raw(e)))
            && self.is(e + 1, K::Num)
            && self.tk.number_at(e + 1, false).is_some_and(|n| n.plain_int && n.mult == 1.0 && n.ndigits <= 3)
            && !matches!(self.low(e + 2), "per" | "percent")
            && self.raw(e + 2) != "%"
        {
            e = self.glued_run(e + 1);
        }
        e
    }
    fn month(&self, i: usize) -> bool {
        if !self.cap(i) {
            return false;
        }
        let w = self.low(i);
        if has(&MONTHS_SET, w) {
            return true;
        }
        has(&MONTH_ABBR_SET, w) && (self.sym(i + 1, ".") && self.glued(i + 1) || self.is(i + 1, K::Num))
    }
    /// The token after a month word (skipping the abbreviation's dot).
    fn after_month(&self, i: usize) -> usize {
        if self.sym(i + 1, ".") && self.glued(i + 1) && has(&MONTH_ABBR_SET, self.low(i)) {
            i + 2
        } else {
            i + 1
        }
    }
    fn weekday(&self, i: usize) -> bool {
        self.cap(i) && has(&WEEKDAYS_SET, self.low(i))
    }

    /// Whether [`Scan::head_at`] may find a quantity at `i`: false for a word that neither
    /// starts a numeral ([`number::Toks::word_number`]) nor is a prefix ([`Scan::prefix`]).
    /// A cheap filter: most tokens are such words.
    fn may_head(&self, i: usize) -> bool {
        if !self.is(i, K::Word) {
            return true;
        }
        let raw = self.raw(i);
        // An ASCII word's lower-cased text is its ASCII lower case, and the filter ignores
        // ASCII case: a word it turns away passes none of the tests below (but for "M" and a
        // code, which it does not hold).
        if self.filter
            && raw.is_ascii()
            && !HEAD_FILTER.may_contain_bytes(raw.as_bytes())
            && !(raw.len() == 4 && raw.starts_with('M'))
        {
            return false;
        }
        let w = self.low(i);
        if raw == "Rs"
            || matches!(w, "minus" | "negative")
            || dollar_prefix(raw).is_some()
            || raw.len() == 3 && iso(raw).is_some()
            || raw.len() == 4 && iso_millions(raw).is_some()
        {
            return true;
        }
        let next = self.low(i + 1);
        match w {
            // "a few", "a half", "a third", "a hundred", "a one-third" (the dash is a symbol)
            "a" | "an" => {
                self.is(i + 1, K::Sym)
                    || matches!(
                        next,
                        "few" | "couple" | "half" | "hundred" | "thousand" | "million" | "billion" | "trillion"
                            | "dozen" | "lakh" | "crore"
                    )
                    || number::denominator(next).is_some()
                    || number::ones(next).is_some()
                    || number::tens(next).is_some()
            }
            "several" | "many" => {
                matches!(next, "hundred" | "thousand" | "million" | "billion" | "dozen" | "thousands" | "millions")
            }
            "tens" | "dozens" | "scores" | "hundreds" | "thousands" | "millions" | "billions" | "trillions" | "half"
            | "quarter" => true,
            _ => number::ones(w).is_some() || number::tens(w).is_some(),
        }
    }

    /// Marks e-mail addresses, URLs and handles: nothing in them is a number.
    fn block_addresses(&mut self) {
        let n = self.n();
        // Every address below holds an '@', a ':', "www." or a domain ('.' and a letter): most
        // sentences have none of these (their one '.' ends them), and need no look at a chunk.
        if self.filter && n > 0 {
            let b = &self.tk.t.as_bytes()[self.tk.v[0].s..self.tk.v[n - 1].e];
            let mut k = find_any_byte(b, 0, [b'.', b'@', b':']);
            while k < b.len()
                && b[k] == b'.'
                && !b.get(k + 1).is_some_and(u8::is_ascii_alphabetic)
                && !(k > 0 && matches!(b[k - 1], b'w' | b'W'))
            {
                k = find_any_byte(b, k + 1, [b'.', b'@', b':']);
            }
            if k >= b.len() {
                return;
            }
        }
        let mut i = 0;
        while i < n {
            let mut e = i + 1;
            while e < n && self.glued(e) {
                e += 1;
            }
            let (s, t) = (self.tk.v[i].s, self.tk.v[e - 1].e);
            let chunk = &self.tk.t[s..t];
            // Every test below needs a '.', '@' or ':'; ASCII case is ignored.
            let address = chunk.bytes().any(|b| matches!(b, b'.' | b'@' | b':')) && {
                let trimmed = chunk.trim_end_matches(|c: char| !c.is_alphanumeric()).as_bytes();
                let domain = [".com", ".org", ".net", ".gov", ".edu", ".io", ".co.uk", ".int", ".info", ".html", ".kr"]
                    .iter()
                    .any(|d| trimmed.len() >= d.len() && trimmed[trimmed.len() - d.len()..].eq_ignore_ascii_case(d.as_bytes()));
                let www = chunk.len() >= 4 && chunk.as_bytes()[..4].eq_ignore_ascii_case(b"www.");
                chunk.contains('@') || chunk.contains("://") || www || domain
            };
            if address {
                for u in &mut self.used[i..e] {
                    *u = true;
                }
            }
            i = e;
        }
    }

    fn push_time(&mut self, s: usize, e: usize) {
        if s >= e || e > self.n() {
            return;
        }
        let mut s = s;
        if s > 0 && self.spaced(s) && matches!(self.low(s - 1), "early" | "late" | "mid" | "the") {
            s -= 1;
        }
        if s > 0 && self.spaced(s) && has(&TIME_PREP_SET, self.low(s - 1)) {
            s -= 1;
        }
        let b = self.byte_span(s, e);
        self.times.push(b);
    }

    // -----------------------------------------------------------------------------------------
    // Units
    // -----------------------------------------------------------------------------------------

    /// A currency prefix at `i`: (code, numeral token, negative).
    fn prefix(&self, i: usize) -> (Option<&'static str>, usize, bool) {
        let raw = self.raw(i);
        match self.tk.kind(i) {
            Some(K::Sym) => {
                if matches!(raw, "-" | "−")
                    && self.is(i + 1, K::Num)
                    && self.glued(i + 1)
                    && (i == 0 || self.spaced(i) || matches!(self.raw(i - 1), "(" | "[" | "~"))
                {
                    return (None, i + 1, true);
                }
                if let Some(c) = sym_ccy(raw) {
                    if self.is(i + 1, K::Num) {
                        return (Some(c), i + 1, false);
                    }
                    // "$-99.99"
                    if matches!(self.raw(i + 1), "-" | "−") && self.glued(i + 1) && self.is(i + 2, K::Num) && self.glued(i + 2)
                    {
                        return (Some(c), i + 2, true);
                    }
                }
            }
            Some(K::Word) => {
                if let Some(c) = dollar_prefix(raw) {
                    if self.sym(i + 1, "$") && self.glued(i + 1) && self.is(i + 2, K::Num) {
                        return (Some(c), i + 2, false);
                    }
                }
                if let Some(c) = iso(raw).or_else(|| iso_millions(raw)) {
                    if self.sym(i + 1, "$") && self.glued(i + 1) && self.is(i + 2, K::Num) {
                        return (Some(c), i + 2, false);
                    }
                    if self.is(i + 1, K::Num) {
                        return (Some(c), i + 1, false);
                    }
                }
                if raw == "Rs" {
                    let j = if self.sym(i + 1, ".") { i + 2 } else { i + 1 };
                    if self.is(j, K::Num) {
                        return (Some("INR"), j, false);
                    }
                }
                // "minus 5", "minus five percent", "negative one" (not "a negative one")
                let numeral = self.is(i + 1, K::Num)
                    || number::ones(self.low(i + 1)).is_some()
                    || number::tens(self.low(i + 1)).is_some();
                if matches!(self.low(i), "minus" | "negative")
                    && numeral
                    && self.spaced(i + 1)
                    && (self.is(i + 1, K::Num) || !matches!(self.low_before(i, 1), "a" | "an" | "the"))
                {
                    return (None, i + 1, true);
                }
            }
            _ => {}
        }
        (None, i, false)
    }

    /// A unit right after a numeral: percent, currency, measure.
    fn unit_at(&self, k: usize, num: &NumP, compound: bool) -> Option<Unit> {
        let kind = self.tk.kind(k)?;
        let raw = self.raw(k);
        let low = self.low(k);
        if kind == K::Sym && matches!(raw, "%" | "％") {
            return Some(Unit::new(Percent, "%", k + 1));
        }
        if kind == K::Sym && raw == "‰" {
            return Some(Unit::new(Percent, "‰", k + 1));
        }
        match low {
            "percent" | "pct" | "percents" => return Some(Unit::new(Percent, "%", k + 1)),
            // "thirty percentage" (not "percentage points")
            "percentage" if !matches!(self.low(k + 1), "point" | "points") => {
                return Some(Unit::new(Percent, "%", k + 1))
            }
            "per" if !compound && self.low(k + 1) == "cent" => return Some(Unit::new(Percent, "%", k + 2)),
            "percentage" if !compound && matches!(self.low(k + 1), "point" | "points") => {
                return Some(Unit::new(Percent, self.lower_span(k, k + 2), k + 2))
            }
            "basis" if !compound && matches!(self.low(k + 1), "point" | "points") => {
                return Some(Unit::new(Percent, self.lower_span(k, k + 2), k + 2))
            }
            _ => {}
        }
        if matches!(raw, "bps" | "bp") && !compound {
            return Some(Unit::new(Percent, "basis points", k + 1));
        }
        if let Some(u) = self.ccy_suffix(k, num, compound) {
            return Some(u);
        }
        self.measure_at(k, compound)
    }

    fn ccy_suffix(&self, k: usize, num: &NumP, compound: bool) -> Option<Unit> {
        let raw = self.raw(k);
        let money = |code: &str, e: usize, factor: f64| Some(Unit { factor, ..Unit::new(Money, code, e) });
        // "3 USD50", "1 $10": a code glued to the next number belongs to that number
        if self.is(k + 1, K::Num) && self.glued(k + 1) {
            return None;
        }
        match self.tk.kind(k)? {
            K::Sym if !compound => {
                return sym_ccy(raw).and_then(|c| money(c, k + 1, 1.0));
            }
            K::Word => {}
            _ => return None,
        }
        if !compound {
            if let Some(c) = iso(raw) {
                return money(c, k + 1, 1.0);
            }
            if let Some(c) = iso_millions(raw) {
                return money(c, k + 1, 1e6);
            }
            match raw {
                "元" => return money("CNY", k + 1, 1.0),
                "円" => return money("JPY", k + 1, 1.0),
                _ => {}
            }
        }
        let low = self.low(k);
        match low {
            "cents" | "cent" => return money("USD", k + 1, 0.01),
            "pence" | "penny" | "pennies" => return money("GBP", k + 1, 0.01),
            "p" if self.glued(k) && raw == "p" => return money("GBP", k + 1, 0.01),
            "pounds" | "pound" => {
                let sterling = self.low(k + 1) == "sterling";
                if sterling {
                    return money("GBP", k + 2, 1.0);
                }
                if num.mult >= 1e3 && self.low(k + 1) != "of" {
                    return money("GBP", k + 1, 1.0);
                }
                return None;
            }
            _ => {}
        }
        if !has(&CCY_FIRST_WORDS, low) {
            return None;
        }
        'outer: for (words, code) in CCY_WORDS {
            if compound && words.len() > 1 {
                continue;
            }
            for (q, w) in words.iter().enumerate() {
                if self.low(k + q) != *w || (q > 0 && !self.spaced(k + q)) {
                    continue 'outer;
                }
            }
            if *code == "KRW" && words.len() == 1 && raw == "Won" {
                return None;
            }
            return money(code, k + words.len(), 1.0);
        }
        None
    }

    /// A unit symbol glued to a negative power at `k`: "s-1", "s−1", "fb−1", "m^-2" (the
    /// barn, "fb", "pb", only so). (text as "s-1", next token).
    fn inverse_unit(&self, k: usize) -> Option<(String, usize)> {
        let raw = self.raw(k);
        let known = SYM_FILTER.may_contain(raw) && SYMS.iter().any(|(s, f)| *s == raw && f & TIME == 0) || matches!(raw, "s" | "fb" | "pb");
        if !known || !self.is(k, K::Word) {
            return None;
        }
        let p = if self.sym(k + 1, "^") && self.glued(k + 1) { k + 2 } else { k + 1 };
        if !matches!(self.raw(p), "-" | "‐" | "−") || !self.glued(p) || !self.glued(p + 1) {
            return None;
        }
        let n = self.raw(p + 1);
        if !matches!(n, "1" | "2" | "3") || self.glued_alnum(p + 2) {
            return None;
        }
        // "1 m-3 m" is a range
        let w = self.raw(p + 2);
        let unit_next =
            w != "in" && SYMS.iter().any(|(s, _)| *s == w) || WORD_UNITS.iter().any(|(u, _)| *u == self.low(p + 2));
        if self.is(p + 2, K::Num) || unit_next {
            return None;
        }
        Some((format!("{raw}-{n}"), p + 2))
    }

    /// A letter or digit glued at `k`.
    fn glued_alnum(&self, k: usize) -> bool {
        self.glued(k) && matches!(self.tk.kind(k), Some(K::Word | K::Num))
    }

    /// "/km", "/s2", "/cm³", "/m^2" glued after a unit, the denominator a unit symbol that is
    /// not a bare time ("/min", "/h" are rates): (text after the slash, next token).
    fn per_unit(&self, e: usize) -> Option<(String, usize)> {
        if !self.sym(e, "/") || !self.glued(e) || !self.glued(e + 1) || !self.is(e + 1, K::Word) {
            return None;
        }
        let d = self.raw(e + 1);
        let unit = SYMS.iter().any(|(s, f)| *s == d && f & TIME == 0) || d == "s";
        if !unit {
            return None;
        }
        let mut t = d.to_string();
        let mut k = e + 2;
        let caret = self.sym(k, "^") && self.glued(k) && self.glued(k + 1);
        let p = if caret { k + 1 } else { k };
        if self.glued(p) && matches!(self.raw(p), "2" | "3" | "²" | "³") && !self.glued_alnum(p + 1) {
            t.push(match self.raw(p) {
                "2" | "²" => '²',
                _ => '³',
            });
            k = p + 1;
        } else if d == "s" {
            return None; // "/s" alone is a rate
        }
        if self.glued_alnum(k) {
            return None;
        }
        Some((t, k))
    }

    /// "in" after a number is inches when nothing it could govern follows: "2 1/2 in thick",
    /// "my pencil is 2 in.", "5 ft 2 in" (not "3 in 10", "rose 2 in May").
    fn inch_at(&self, k: usize) -> bool {
        let nx = k + 1;
        let end = nx >= self.n() || self.is(nx, K::Sym) && matches!(self.raw(nx), "." | "," | ";" | ")" | "!" | "?");
        let after_ft = k >= 2 && matches!(self.raw(k - 2), "ft" | "feet" | "foot");
        after_ft
            || end && self.spaced(k)
            || matches!(self.low(nx), "thick" | "long" | "wide" | "tall" | "high" | "deep" | "across" | "diameter")
    }

    /// "40C", "13F" glued: a temperature, unless it reads as an identifier ("the 13F filing",
    /// "When must 13F be filed?": a form or model name before a noun, or after a modal verb).
    fn glued_temperature(&self, k: usize) -> bool {
        let n0 = k - 1;
        let modal = n0 > 0
            && matches!(
                self.low(n0 - 1),
                "must" | "should" | "can" | "could" | "will" | "would" | "shall" | "may" | "might" | "does" | "do" | "did"
            );
        let nx = self.low(k + 1);
        let noun_after = self.spaced(k + 1)
            && self.is(k + 1, K::Word)
            && !self.cap(k + 1)
            && !has(&STOP_SET, nx)
            && !matches!(nx, "heat" | "temperatures" | "temperature" | "weather" | "outside" | "inside" | "today");
        !modal && !noun_after
    }

    /// "30 C", "75 F" spaced: a temperature when punctuation, the end or a word of place or
    /// time follows ("Its 30 C outside!"), and no label comes before ("Group 30 C").
    fn spaced_temperature(&self, k: usize) -> bool {
        if !matches!(self.raw(k), "C" | "F") || !self.spaced(k) || k == 0 || !self.is(k - 1, K::Num) {
            return false;
        }
        let nx = k + 1;
        let end = nx >= self.n() || self.is(nx, K::Sym) && matches!(self.raw(nx), "." | "," | ";" | ")" | "!" | "?");
        let ok_next = end
            || matches!(
                self.low(nx),
                "outside" | "inside" | "today" | "tonight" | "yesterday" | "tomorrow" | "in" | "on" | "at" | "and" | "or"
            );
        let label = k >= 2 && (has(&LABELS_SET, self.low(k - 2)) || k > 2 && self.cap(k - 2) && !self.month(k - 2));
        ok_next && !label
    }

    fn measure_at(&self, k: usize, compound: bool) -> Option<Unit> {
        let raw = self.raw(k);
        let glued = self.glued(k);
        if self.sym(k, "°") {
            if self.is(k + 1, K::Word) && matches!(self.raw(k + 1), "C" | "F") {
                return Some(Unit::new(Measure, format!("°{}", self.raw(k + 1)), k + 2));
            }
            return Some(Unit::new(Measure, "°", k + 1));
        }
        if !self.is(k, K::Word) {
            return None;
        }
        // "4e14 s-1", "1 fb−1", "m^-2": a unit to a negative power
        if let Some((t, e)) = self.inverse_unit(k) {
            return Some(Unit::new(Measure, t, e));
        }
        // "2.123 am", "2.1 pm" cannot be clock times: attometres, picometres
        if matches!(raw, "am" | "pm") && k > 0 && self.is(k - 1, K::Num) && !clock_decimals(self.raw(k - 1)) {
            return Some(Unit::new(Measure, raw, k + 1));
        }
        let sym_entry = if SYM_FILTER.may_contain(raw) { SYMS.iter().find(|(s, _)| *s == raw) } else { None };
        if let Some(&(sym, flags)) = sym_entry {
            // "10 l/km": a compound unit needs no glue
            let per = self.sym(k + 1, "/") && self.glued(k + 1) && self.is(k + 2, K::Word) && self.glued(k + 2);
            let unglued_ok = glued || per && sym == "l" || self.spaced_temperature(k);
            if flags & GLUED != 0 && !unglued_ok {
                return None;
            }
            if sym == "in" && !self.inch_at(k) {
                return None;
            }
            if matches!(sym, "C" | "F") && glued && !self.glued_temperature(k) {
                return None;
            }
            let mut e = k + 1;
            let mut text = match sym {
                "C" | "F" => format!("°{sym}"),
                _ => sym.to_string(),
            };
            if sym == "sq" {
                let next = self.raw(k + 1);
                if !matches!(next, "km" | "mi" | "ft" | "m" | "miles" | "kilometres" | "kilometers" | "metres" | "feet")
                {
                    return None;
                }
                text = format!("sq {next}");
                e = k + 2;
            }
            if matches!(sym, "km" | "m" | "mi" | "ft" | "cm") {
                // "km2", "km²", "km^2", "4 km squared", "km/h"
                let caret = self.sym(e, "^") && self.glued(e) && self.glued(e + 1);
                let p = if caret { e + 1 } else { e };
                match self.raw(p) {
                    "2" | "²" if self.glued(p) && !self.glued_alnum(p + 1) => {
                        text.push('²');
                        e = p + 1;
                    }
                    "3" | "³" if self.glued(p) && !self.glued_alnum(p + 1) => {
                        text.push('³');
                        e = p + 1;
                    }
                    "/" if self.raw(e + 1) == "h" && self.glued(e) && self.glued(e + 1) => {
                        text.push_str("/h");
                        e += 2;
                    }
                    _ => {}
                }
                if self.spaced(e) && text == sym {
                    match self.low(e) {
                        "squared" => {
                            text.push('²');
                            e += 1;
                        }
                        "cubed" => {
                            text.push('³');
                            e += 1;
                        }
                        _ => {}
                    }
                }
            }
            // "km/s2", "kg/cm³", "l/km", "J/m^2": a unit per a unit (not a time: "W/min" has a rate)
            if let Some((t, pe)) = self.per_unit(e) {
                text = format!("{text}/{t}");
                e = pe;
            }
            let mut u = Unit::new(Measure, text, e);
            u.of_ok = flags & OF != 0;
            u.time = flags & TIME != 0;
            u.glued_m = sym == "m" && glued && !compound;
            return Some(u);
        }
        let low = self.low(k);
        // "square kilometres", "cubic metres", "metric tons", "nautical miles", "light years"
        if matches!(low, "square" | "cubic" | "metric" | "nautical" | "light") && !compound {
            let j = if self.dash(k + 1) && self.glued(k + 2) { k + 2 } else { k + 1 };
            let ok = match low {
                "metric" => matches!(self.low(j), "tons" | "tonnes" | "ton" | "tonne"),
                "nautical" => matches!(self.low(j), "miles" | "mile"),
                "light" => matches!(self.low(j), "years" | "year"),
                _ => {
                    WORD_UNITS.iter().any(|(w, f)| *w == self.low(j) && f & OF != 0)
                        || matches!(self.raw(j), "km" | "m" | "ft" | "mi")
                }
            };
            if ok {
                let mut u = Unit::new(Measure, self.lower_span(k, j + 1), j + 1);
                u.of_ok = low != "light";
                return Some(u);
            }
            return None;
        }
        if !WORD_UNIT_FILTER.may_contain(low) {
            return None;
        }
        let &(_, flags) = WORD_UNITS.iter().find(|(w, _)| *w == low)?;
        // "four century-old schooners", "two decade-long wars": an adjective, not the unit.
        if flags & TIME != 0 && self.tk.hyphen(k + 1) && matches!(self.low(k + 2), "old" | "long") && !self.is(k - 1, K::Sym) {
            return None;
        }
        let mut u = Unit::new(Measure, low, k + 1);
        u.of_ok = flags & OF != 0;
        u.time = flags & TIME != 0;
        let e = k + 1;
        if low.starts_with("degree") {
            if matches!(self.low(e), "celsius" | "fahrenheit" | "centigrade") || matches!(self.raw(e), "C" | "F") {
                u.text = self.lower_span(k, e + 1);
                u.e = e + 1;
            }
        } else if low.ends_with("watt") || low.ends_with("watts") {
            let j = if self.dash(e) && self.glued(e) && self.glued(e + 1) { e + 1 } else { e };
            if matches!(self.low(j), "hours" | "hour") {
                u.text = self.lower_span(k, j + 1);
                u.e = j + 1;
            }
        } else if u.time {
            if self.low(e) == "old" && !compound {
                u.text = self.lower_span(k, e + 1);
                u.e = e + 1;
            } else if compound && self.dash(e) && self.glued(e) && self.low(e + 1) == "old" && self.glued(e + 1) {
                u.text = self.lower_span(k, e + 2);
                u.e = e + 2;
            }
        }
        Some(u)
    }

    /// The counted noun phrase after a number: (unit, end, container head).
    fn np_at(&self, k: usize, value: f64) -> Option<(String, usize, bool)> {
        let mut words: Vec<(usize, usize, bool)> = Vec::new();
        let mut j = k;
        let mut head = None;
        while words.len() < 4 {
            if !self.is(j, K::Word) || !self.spaced(j) {
                break;
            }
            let mut ce = j + 1;
            while self.tk.hyphen(ce) && self.is(ce + 1, K::Word) && ce < j + 8 {
                ce += 2;
            }
            let first = self.low(j);
            let last = self.low(ce - 1);
            if words.is_empty()
                && j == k
                && matches!(first, "more" | "fewer" | "additional" | "extra" | "other" | "further")
                && ce == j + 1
            {
                // "1,000 more Border Patrol agents": in the span, not in the unit
                if self.is(j + 1, K::Word) && !has(&STOP_SET, self.low(j + 1)) && self.spaced(j + 1) {
                    j += 1;
                    continue;
                }
            }
            if has(&STOP_SET, first)
                || has(&STOP_SET, last)
                || is_numeral_word(first)
                || self.month(j)
                || self.weekday(j)
                || last.ends_with("'s")
                || (self.sym(ce, "'") || self.sym(ce, "’")) && self.glued(ce) && !last.ends_with('s')
            {
                break;
            }
            let cap = self.any_upper(j);
            if cap && words.iter().any(|w| !w.2) {
                break;
            }
            // An adverb after a noun ends the phrase: "Thunderbolt 3 protocol explicitly
            // contains" has no unit (but "300 rapidly growing firms", "5 elderly residents" do).
            if ce == j + 1 && !words.is_empty() && adverb_ly(first) {
                break;
            }
            words.push((j, ce, cap));
            j = ce;
            if plural(last) {
                head = Some(words.len() - 1);
                break;
            }
            if value == 1.0 && !cap && !last.ends_with("ly") && !last.ends_with("ed") && !last.ends_with("ing") {
                head = Some(words.len() - 1);
                break;
            }
        }
        let h = head?;
        let first = if words[h].2 { 0 } else { words.iter().position(|w| !w.2)? };
        let text = self.lower_span(words[first].0, words[h].1);
        let container = has(&CONTAINERS_SET, self.low(words[h].1 - 1));
        Some((text, words[h].1, container))
    }

    /// "of 155mm shells", "of grain": (text, end).
    fn of_complement(&self, k: usize) -> Option<(String, usize)> {
        if self.low(k) != "of" || !self.spaced(k + 1) {
            return None;
        }
        let s = k + 1;
        let mut m = s;
        if self.is(m, K::Num) {
            let num = self.tk.number_at(m, false)?;
            let u = if self.tk.hyphen(num.e) {
                self.unit_at(num.e + 1, &num, true)?
            } else {
                self.unit_at(num.e, &num, false)?
            };
            if u.kind != Measure {
                return None;
            }
            m = u.e;
        }
        let mut cnt = 0;
        while cnt < 3 && self.is(m, K::Word) && self.spaced(m) {
            let mut ce = m + 1;
            while self.tk.hyphen(ce) && self.is(ce + 1, K::Word) && ce < m + 8 {
                ce += 2;
            }
            let w = self.low(m);
            if has(&STOP_SET, w) || is_numeral_word(w) || self.month(m) || w.ends_with("'s") || w.ends_with("ly") {
                break;
            }
            if self.cap(m) && cnt > 0 {
                break;
            }
            m = ce;
            cnt += 1;
            if plural(self.low(ce - 1)) {
                break;
            }
        }
        // drop a trailing participle ("of oil produced")
        while m > s && cnt > 1 && (self.low(m - 1).ends_with("ed") || self.low(m - 1).ends_with("ing")) {
            m -= 1;
            cnt -= 1;
        }
        if cnt == 0 {
            return None;
        }
        Some((self.lower_span(s, m), m))
    }

    /// A rate after the unit: "daily", "a year", "per capita", "each month", "/day".
    fn rate_at(&self, k: usize) -> Option<(String, usize)> {
        // "$20,000-a-year", "12-cent-a-share"
        if self.tk.hyphen(k)
            && matches!(self.low(k + 1), "a" | "an")
            && self.tk.hyphen(k + 2)
            && has(&RATE_NOUNS_SET, self.low(k + 3))
        {
            return Some((format!("{} {}", self.low(k + 1), self.low(k + 3)), k + 4));
        }
        if self.sym(k, "/") && self.glued(k) && self.glued(k + 1) && self.is(k + 1, K::Word) {
            let w = self.low(k + 1);
            if has(&RATE_NOUNS_SET, w)
                || matches!(w, "yr" | "hr" | "h" | "kg" | "mo" | "wk" | "capita" | "lb" | "min" | "s" | "sec" | "d")
            {
                return Some((format!("/{w}"), k + 2));
            }
            return None;
        }
        if !self.spaced(k) {
            return None;
        }
        let w = self.low(k);
        match w {
            "daily" | "weekly" | "monthly" | "annually" | "yearly" | "hourly" | "nightly" | "quarterly" | "apiece"
            | "biannually" => Some((w.to_string(), k + 1)),
            "per" => {
                let n = self.low(k + 1);
                if n == "cent" {
                    return None;
                }
                if self.is(k + 1, K::Num) {
                    let num = self.tk.number_at(k + 1, false)?;
                    let e = self.np_at(num.e, 2.0).map_or(num.e, |np| np.1);
                    return Some((self.lower_span(k, e), e));
                }
                // "per second": a rate noun even where it is also a stop word ("second").
                if self.is(k + 1, K::Word) && (!has(&STOP_SET, n) || has(&RATE_NOUNS_SET, n)) {
                    let e = if n == "hundred" || n == "thousand" {
                        self.np_at(k + 2, 2.0).map_or(k + 2, |np| np.1)
                    } else {
                        k + 2
                    };
                    return Some((self.lower_span(k, e), e));
                }
                None
            }
            "a" | "an" => {
                let n = self.low(k + 1);
                let after = self.low(k + 2);
                // "a year earlier", "a day or two", "a year and a half" are no rates
                let more = self.is(k + 3, K::Num) || matches!(self.low(k + 3), "a" | "an" | "two" | "three" | "half");
                let not = matches!(
                    after,
                    "ago"
                        | "earlier"
                        | "later"
                        | "before"
                        | "after"
                        | "prior"
                        | "on"
                        | "from"
                        | "into"
                        | "of"
                        | "old"
                        | "long"
                        | "away"
                        | "late"
                        | "early"
                ) || matches!(after, "or" | "and") && more;
                if has(&RATE_NOUNS_SET, n) && !not && !self.tk.hyphen(k + 2) {
                    return Some((self.lower_span(k, k + 2), k + 2));
                }
                None
            }
            "each" | "every" => {
                let n = self.low(k + 1);
                if has(&RATE_NOUNS_SET, n) || n == "weekend" {
                    return Some((self.lower_span(k, k + 2), k + 2));
                }
                if w == "every" {
                    let num_ok = self.is(k + 1, K::Num) || number::ones(n).is_some() || n == "other" || n == "few";
                    let u = self.low(k + 2);
                    if num_ok && WORD_UNITS.iter().any(|(x, f)| *x == u && f & TIME != 0) {
                        return Some((self.lower_span(k, k + 3), k + 3));
                    }
                }
                None
            }
            "year" | "month" | "quarter" | "week" => {
                let j = if self.tk.hyphen(k + 1) { k + 2 } else { k + 1 };
                let j2 = if self.tk.hyphen(j + 1) { j + 2 } else { j + 1 };
                if matches!(self.low(j), "on" | "over") && self.low(j2) == w {
                    return Some((self.lower_span(k, j2 + 1), j2 + 1));
                }
                None
            }
            _ => None,
        }
    }

    /// An approximator right before token `s`: (first token, text).
    fn approx_before(&self, s: usize) -> Option<(usize, String)> {
        if s == 0 || !self.spaced(s) {
            if s > 0 && self.sym(s - 1, "~") {
                return Some((s - 1, "~".into()));
            }
            return None;
        }
        // Every phrase ends at the token before `s`: most words end none of them.
        if !APPROX_LAST.may_contain(self.low(s - 1)) {
            return None;
        }
        'outer: for phrase in APPROX {
            let n = phrase.len();
            if s < n {
                continue;
            }
            let st = s - n;
            for (q, w) in phrase.iter().enumerate() {
                if self.low(st + q) != *w || (q > 0 && !self.spaced(st + q)) || self.used[st + q] {
                    continue 'outer;
                }
            }
            // "some of", "about" after a verb of saying are fine; "over" inside "all over" is not.
            if n == 1 && st > 0 && self.low(st - 1) == "all" {
                return None;
            }
            return Some((st, self.lower_span(st, s)));
        }
        None
    }

    // -----------------------------------------------------------------------------------------
    // Heads and filters
    // -----------------------------------------------------------------------------------------

    fn head_at(&self, i: usize) -> Option<Head> {
        let (ccy, j, neg) = self.prefix(i);
        let money = ccy.is_some();
        let num = self.tk.number_at(j, money)?;
        if money && !num.digits {
            return None;
        }
        let mut value = if neg { -num.value } else { num.value };
        let mut e = num.e;
        let mut unit = None;
        let mut junk = false;
        if !money {
            let u = if self.tk.hyphen(e) && self.is(e + 1, K::Word) {
                self.unit_at(e + 1, &num, true)
            } else {
                self.unit_at(e, &num, false)
            };
            if let Some(u) = u {
                if u.kind == Money {
                    value *= u.factor;
                }
                e = u.e;
                // "75 USD million"
                if u.kind == Money && u.factor == 1.0 && num.mult == 1.0 && num.digits {
                    if let Some(m) = big_scale(self.low(e)).filter(|_| self.spaced(e)) {
                        value *= m;
                        e += 1;
                    }
                }
                unit = Some(u);
            }
        }
        // "9.83e-3 +/- 1e-5 km/s2", "2,000.45±0.01 pounds": the unit comes after the tolerance
        if unit.is_none() && !money {
            if let Some(t) = self.tolerance(e).and_then(|k| self.tk.number_at(k, false)) {
                e = t.e;
                if let Some(u) = self.unit_at(t.e, &t, false).filter(|u| u.kind != Money) {
                    e = u.e;
                    unit = Some(u);
                }
            }
        }
        // "MAUD 60": millions of Australian dollars
        if money && j > i && iso_millions(self.raw(i)).is_some() {
            value *= 1e6;
        }
        if unit.is_none() && num.digits && self.is(e, K::Word) && self.glued(e) {
            junk = true;
        }
        // "06F6", "5Gx": a glued unit followed by more letters or digits is an identifier.
        if unit.is_some()
            && e > num.e
            && self.glued(num.e)
            && self.glued(e)
            && matches!(self.tk.kind(e), Some(K::Word | K::Num))
        {
            junk = true;
        }
        if num.lead_zero && !money {
            junk = true;
        }
        let signed = neg && matches!(self.low(i), "minus" | "negative");
        Some(Head { s: i, num, value, ccy, unit, e, junk, signed })
    }

    /// "±", "+/-" or "plus or minus" at `e`: the token of the tolerance.
    fn tolerance(&self, e: usize) -> Option<usize> {
        if self.sym(e, "±") {
            return Some(e + 1);
        }
        if self.sym(e, "+") && self.sym(e + 1, "/") && self.glued(e + 1) && self.dash(e + 2) && self.glued(e + 2) {
            return Some(e + 3);
        }
        if self.low(e) == "plus" && self.low(e + 1) == "or" && self.low(e + 2) == "minus" {
            return Some(e + 3);
        }
        None
    }

    /// The unit of the next number in "45 and 50 mg", "four and five miles", "five or four
    /// miles", "two and three rotations", "rose from 31 to 36 percent" (`change`), shared by a
    /// number without one at `e`: (kind, unit, factor).
    fn shared_unit(&self, h1: &Head, e: usize, change: bool, skip: bool) -> Option<(QuantityKind, String, f64)> {
        if skip || year_like(&h1.num) || h1.num.one || h1.num.fraction || h1.ccy.is_some() {
            return None;
        }
        // "rose from 31 to 36 percent": the before and the after share the unit too
        let to = change && self.low(e) == "to";
        if !(matches!(self.low(e), "and" | "or") || to) || !self.spaced(e + 1) {
            return None;
        }
        let h = self.head_at(e + 1)?;
        if h.junk || h.ccy.is_some() || h.num.digits != h1.num.digits || year_like(&h.num) {
            return None;
        }
        // "45 and 50 million people": the scale is shared too
        let scale = if h1.num.mult == 1.0 && h.num.mult > 1.0 && h1.num.raw < h.num.raw { h.num.mult } else { 1.0 };
        if let Some(u) = &h.unit {
            return Some((u.kind, u.text.clone(), scale * if u.kind == Money { u.factor } else { 1.0 }));
        }
        let (t, _, _) = self.np_at(h.e, 2.0)?;
        Some((Count, t, scale))
    }

    /// The smaller unit after a length or weight at `e`: "2 in" after "5 ft", "and 2 inches"
    /// after "5 feet", "4 oz" after "6 lb": (amount in the larger unit, next token).
    fn compound_measure(&self, e: usize, unit: &str) -> Option<(f64, usize)> {
        let (minor, per): (&[&str], f64) = match unit {
            "ft" | "feet" | "foot" => (&["in", "inch", "inches"], 12.0),
            "lb" | "lbs" | "pound" | "pounds" => (&["oz", "ounce", "ounces"], 16.0),
            _ => return None,
        };
        let k = if self.low(e) == "and" { e + 1 } else { e };
        if !self.spaced(k) || self.used.get(k).is_none_or(|u| *u) {
            return None;
        }
        let n = self.tk.number_at(k, false)?;
        if n.mult != 1.0 || n.value < 0.0 || n.value >= per {
            return None;
        }
        let u = self.measure_at(n.e, false)?;
        minor.contains(&u.text.as_str()).then(|| (n.value / per, u.e))
    }

    /// Cents after a whole amount of money at `e`: "50 cents", "and forty-five cents", or a bare
    /// number below 100 ("15 dollars 50", "one dollar and one") followed by nothing but
    /// punctuation or the end (without "and", also a function word: "15 USD 50 more").
    /// (amount in the main unit, next token).
    fn minor_amount(&self, e: usize, h1: &Head) -> Option<(f64, usize)> {
        if h1.num.mult != 1.0 || h1.value.fract() != 0.0 || h1.unit.as_ref().is_some_and(|u| u.factor != 1.0) {
            return None;
        }
        let and = self.low(e) == "and" || self.sym(e, "&");
        let k = if and { e + 1 } else { e };
        if !self.spaced(k) || self.used.get(k).is_none_or(|u| *u) {
            return None;
        }
        let n = self.tk.number_at(k, false)?;
        let whole = n.mult == 1.0 && !n.fraction && n.value.fract() == 0.0 && (1.0..100.0).contains(&n.value);
        if !whole || n.digits && !n.plain_int || n.approx.is_some() {
            return None;
        }
        if let Some(u) = self.ccy_suffix(n.e, &n, false) {
            return (u.factor == 0.01).then_some((n.value * 0.01, u.e));
        }
        let nx = n.e;
        let punct = nx >= self.n()
            || self.is(nx, K::Sym) && matches!(self.raw(nx), "." | "," | ";" | ":" | "!" | "?" | ")" | "”" | "\"");
        let free = punct
            || self.spaced(nx) && self.is(nx, K::Word) && has(&STOP_SET, self.low(nx)) && self.unit_at(nx, &n, false).is_none();
        (if and { punct } else { free }).then_some((n.value * 0.01, nx))
    }

    /// Contexts that make the number no statistic. Returns the token to resume at.
    fn reject(&mut self, h: &Head) -> Option<usize> {
        let n0 = h.num.s;
        let bare = h.s == n0;
        // computed on demand: callers that step by one token must not pay for the whole run
        let tk = self.tk;
        let run = move || glued_run(tk, n0);
        if self.used[n0] {
            return Some(run());
        }
        // A list marker opening the sentence: "1. Finland", "2) Take the blankets off".
        if bare && n0 == 0 && h.num.plain_int && h.num.ndigits <= 2 && matches!(self.raw(n0 + 1), "." | ")") && self.glued(n0 + 1) && (self.spaced(n0 + 2) || n0 + 2 >= self.n()) {
            return Some(n0 + 2);
        }
        if bare && n0 > 0 && self.glued(n0) {
            let p = n0 - 1;
            match self.tk.kind(p) {
                Some(K::Word) => {
                    let r = run();
                    let period = match self.raw(p) {
                        "Q" => (1.0..=4.0).contains(&h.num.value),
                        "H" => (1.0..=2.0).contains(&h.num.value),
                        "FY" => h.num.ndigits == 2 || year_like(&h.num),
                        _ => false,
                    };
                    if period && r == n0 + 1 {
                        self.push_time(p, r);
                    }
                    return Some(r);
                }
                Some(K::Sym) => {
                    let r = self.raw(p);
                    // "+49 (0)40 890 85-433": an international phone number, all of it.
                    if r == "+" && h.num.plain_int && h.num.ndigits <= 3 && (p == 0 || self.spaced(p)) {
                        return Some(self.phone_run(n0));
                    }
                    if matches!(r, "#" | "+" | "@" | "/" | "№" | "_" | "=" | "^" | "\\" | "*" | "&" | "." | ":" | "×")
                    {
                        return Some(run());
                    }
                    if self.dash(p) && self.glued(p) && p > 0 && self.is(p - 1, K::Word) {
                        if matches!(self.low(p - 1), "mid" | "pre" | "post" | "early" | "late") {
                            self.push_time(p - 1, run());
                        }
                        return Some(run());
                    }
                    if matches!(r, "'" | "’") && self.raw(n0 + 1) == "s" {
                        self.push_time(p, n0 + 2);
                        return Some(n0 + 2);
                    }
                    // "in '92": a two-digit year after an apostrophe
                    if matches!(r, "'" | "’")
                        && h.num.plain_int
                        && h.num.ndigits == 2
                        && (p == 0 || self.spaced(p))
                        && !(self.glued(n0 + 1) && matches!(self.tk.kind(n0 + 1), Some(K::Word | K::Num)))
                    {
                        self.push_time(p, n0 + 1);
                        return Some(n0 + 1);
                    }
                }
                _ => {}
            }
        }
        if !h.num.digits {
            // "Catch-Twenty", "Ocean's Eleven"-like parts of words
            if bare && n0 > 0 && self.glued(n0) && !self.is(n0 - 1, K::Sym) {
                return Some(h.num.e);
            }
            if bare && n0 > 1 && self.glued(n0) && self.dash(n0 - 1) && self.glued(n0 - 1) {
                return Some(h.num.e);
            }
            return None;
        }
        let nx = n0 + 1;
        let r = self.raw(nx);
        if self.glued(nx) && !h.num.sci {
            match self.tk.kind(nx) {
                Some(K::Word) => {
                    let w = self.low(nx);
                    if matches!(w, "st" | "nd" | "rd" | "th") {
                        if self.low(nx + 1) == "century" || self.tk.hyphen(nx + 1) && self.low(nx + 2) == "century" {
                            let e = if self.low(nx + 1) == "century" { nx + 2 } else { nx + 3 };
                            self.push_time(n0, e);
                            return Some(e);
                        }
                        if self.month(nx + 1) || (self.low(nx + 1) == "of" && self.month(nx + 2)) {
                            let m = if self.month(nx + 1) { nx + 1 } else { nx + 2 };
                            let e = self.after_month(m);
                            self.push_time(n0, e);
                            return Some(e);
                        }
                        return Some(run());
                    }
                    if w == "s" {
                        if h.num.ndigits == 4 || h.num.ndigits == 2 {
                            self.push_time(n0, nx + 1);
                        }
                        return Some(nx + 1);
                    }
                    if matches!(w, "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m") && clock_decimals(self.raw(n0)) {
                        self.push_time(n0, nx + 1);
                        return Some(nx + 1);
                    }
                }
                Some(K::Sym) => {
                    let more = self.is(nx + 1, K::Num) && self.glued(nx + 1);
                    if more && r == ":" {
                        let mut e = nx + 2;
                        if matches!(self.low(e), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m") {
                            e += 1;
                        }
                        if is_zone(self.raw(e)) {
                            e += 1;
                        }
                        if h.num.value <= 24.0 {
                            self.push_time(n0, e);
                        }
                        return Some(e.max(run()));
                    }
                    if more && r == "/" && !h.num.slash {
                        // d/m/y dates and other slashed numbers ("24/7", "9/11")
                        if self.sym(nx + 2, "/") && self.is(nx + 3, K::Num) {
                            self.push_time(n0, nx + 4);
                        }
                        return Some(run());
                    }
                    if more && matches!(r, "." | "+" | "×" | "^") {
                        return Some(run());
                    }
                }
                _ => {}
            }
        }
        if h.num.mult == 1.0
            && self.spaced(nx)
            && (matches!(self.low(nx), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "o'clock")
                && self.raw(nx) != "Am"
                && h.num.value <= 12.0
                && clock_decimals(self.raw(n0)))
        {
            self.push_time(n0, nx + 1);
            return Some(nx + 1);
        }
        let day = h.num.plain_int && h.num.mult == 1.0 && (1.0..=31.0).contains(&h.num.raw) && h.num.ndigits <= 2;
        let p = n0.wrapping_sub(1);
        if bare && n0 > 0 {
            // "August 5", "Aug. 5", "August 2024"
            let m = if self.sym(p, ".") && p > 0 && self.month(p - 1) {
                Some(p - 1)
            } else if self.month(p) {
                Some(p)
            } else {
                None
            };
            if let Some(m) = m {
                if day || year_like(&h.num) {
                    let mut e = nx;
                    // "Oct. 11–21": a range of days.
                    if day
                        && self.dash(e)
                        && self.is(e + 1, K::Num)
                        && self.tk.number_at(e + 1, false).is_some_and(|n| {
                            n.plain_int && n.mult == 1.0 && n.ndigits <= 2 && n.raw > h.num.raw && n.raw <= 31.0
                        })
                    {
                        e += 2;
                    }
                    if day
                        && self.sym(e, ",")
                        && self.is(e + 1, K::Num)
                        && year_like(&self.tk.number_at(e + 1, false).unwrap_or_default())
                    {
                        e += 2;
                    } else if day && self.is(e, K::Num) && year_like(&self.tk.number_at(e, false).unwrap_or_default()) {
                        e += 1;
                    }
                    self.push_time(m, e);
                    return Some(e);
                }
            }
        }
        // "5 August 2024", "22 Dec, 2016" (after a day, an abbreviation needs no dot)
        let month_abbr = || self.cap(nx) && has(&MONTH_ABBR_SET, self.low(nx));
        if day && (self.month(nx) || month_abbr()) && self.spaced(nx) {
            let mut e = self.after_month(nx);
            let year_at = |k: usize| self.is(k, K::Num) && year_like(&self.tk.number_at(k, false).unwrap_or_default());
            if year_at(e) {
                e += 1;
            } else if self.sym(e, ",") && year_at(e + 1) {
                e += 2;
            }
            self.push_time(n0, e);
            return Some(e);
        }
        if bare && n0 > 0 && self.spaced(n0) {
            let pw = self.low(p);
            if has(&LABELS_SET, pw) && !(pw == "no" && self.raw(p) == "no") || matches!(self.raw(p), "No" | "Nos" | "NO") {
                return Some(self.label_list(run()));
            }
            if self.sym(p, ".") && self.glued(p) && p > 0 {
                let w = self.low(p - 1);
                if matches!(
                    w,
                    "no" | "nos" | "p" | "pp" | "vol" | "fig" | "art" | "sec" | "ch" | "para" | "op" | "pt" | "st"
                ) {
                    return Some(run());
                }
            }
        }
        if bare
            && n0 > 0
            && self.sym(p, "(")
            && self.glued(n0)
            && self.sym(nx, ")")
            && self.glued(nx)
            && h.unit.is_none()
        {
            return Some(nx + 1);
        }
        if h.junk {
            return Some(run());
        }
        None
    }

    /// Tokens `s..e` are the whole range but for punctuation ("sixteen", "(3/4)").
    fn alone(&self, s: usize, e: usize) -> bool {
        s <= self.first && e > self.last
    }

    /// A word numeral `s..ne` with no unit noun that stands as a count: the subject of a verb
    /// ("Sixteen were killed", "zero is"), or an object or complement that ends a phrase
    /// ("rose to sixteen.", "killing three and", "There are two in my car", "per cent of
    /// twenty-two"). Not a name or label ("Ocean's Eleven", "Chapter Two", "version two"), not
    /// a score ("seven to two") and not a partitive ("two of the soldiers").
    fn bare_count(&self, s: usize, ne: usize) -> bool {
        let (s0, approx) = match self.approx_before(s) {
            Some((st, _)) => (st, true),
            None => (s, false),
        };
        let prev = self.low_before(s0, 1);
        if s0 > 0 && (has(&LABELS_SET, prev) || self.cap(s0 - 1) && s0 > 1 && !self.is(s0 - 2, K::Sym)) {
            return false;
        }
        if !self.spaced(s) && s > 0 {
            return false;
        }
        // "a month or two", "two and three rotations"
        if matches!(prev, "or" | "and") {
            return false;
        }
        let nl = self.low(ne);
        let verb = matches!(
            nl,
            "were"
                | "was"
                | "are"
                | "is"
                | "have"
                | "has"
                | "had"
                | "remain"
                | "remained"
                | "died"
                | "survived"
                | "will"
                | "would"
                | "could"
                | "might"
                | "must"
                | "should"
                | "did"
        );
        if verb && self.spaced(ne) {
            return true;
        }
        let end = ne >= self.n()
            || self.is(ne, K::Sym) && matches!(self.raw(ne), "." | "," | ";" | ":" | "!" | "?" | ")" | "”" | "\"" | "—");
        let next_ok = end || matches!(nl, "in" | "on" | "from" | "during" | "after" | "since" | "and" | "but" | "including");
        if !next_ok {
            return false;
        }
        if approx {
            return true;
        }
        let numeral_before =
            s0 >= 2 && (self.is(s0 - 2, K::Num) || is_numeral_word(self.low(s0 - 2)) || self.low(s0 - 2) == "one");
        match prev {
            "to" | "from" => !numeral_before,
            "than" | "by" | "of" | "with" | "are" | "were" | "is" | "was" | "be" | "been" | "has" | "have" | "had"
            | "hit" | "reach" | "reached" | "reaches" | "number" | "numbered" | "total" | "totals" | "equals" => true,
            p => {
                p.len() > 4 && (p.ends_with("ed") || p.ends_with("ing")) && s0 > 0 && self.is(s0 - 1, K::Word) && !self.cap(s0 - 1)
            }
        }
    }

    /// A capitalised word before a bare integer makes it a name ("Boeing 737", "Apollo 11").
    fn name_before(&self, n0: usize) -> bool {
        if n0 == 0 || !self.spaced(n0) {
            return false;
        }
        let p = n0 - 1;
        if !self.any_upper(p) {
            return false;
        }
        let w = self.low(p);
        if has(&STOP_SET, w)
            || self.month(p)
            || self.weekday(p)
            || w.ends_with("'s")
            || APPROX.iter().any(|a| a.len() == 1 && a[0] == w)
        {
            return false;
        }
        // Sentence-initial words are capitalised anyway.
        // (A hyphen inside a word is no dash: "Wi-Fi 6".)
        let start = p == 0 || matches!(self.raw(p - 1), "“" | "\"" | "‘" | "(" | ":" | "—" | "–") || self.raw(p - 1) == "-" && !self.glued(p);
        !start || self.raw(p).chars().skip(1).any(char::is_uppercase)
    }

    // -----------------------------------------------------------------------------------------
    // The candidate at token i
    // -----------------------------------------------------------------------------------------

    fn try_at(&mut self, i: usize) -> usize {
        let Some(h1) = self.head_at(i) else { return i + 1 };
        if let Some(next) = self.reject(&h1) {
            return next;
        }
        let n0 = h1.num.s;
        // Video resolutions and race distances: "1080p", "4k streaming", "a 5K run" are labels,
        // not 10.80 pounds or 4,000 of something.
        if h1.s == n0 && h1.ccy.is_none() && self.glued(n0 + 1) {
            let v = h1.num.raw;
            let resolution = self.raw(n0 + 1) == "p" && [144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0].contains(&v);
            let after = self.low(n0 + 2);
            let context = ["streaming", "resolution", "tv", "tvs", "video", "videos", "display", "displays", "monitor", "monitors", "screen", "screens", "hdr", "content", "gaming", "camera", "oled", "uhd", "projector", "race", "races", "run", "runs", "walk"].contains(&after)
                || (v == 4.0 || v == 8.0) && n0 > 0 && ["at", "in"].contains(&self.low(n0 - 1));
            let small_k = matches!(self.raw(n0 + 1), "k" | "K") && v.fract() == 0.0 && (1.0..=10.0).contains(&v) && context;
            if resolution || small_k {
                return self.glued_run(n0);
            }
        }
        // "2134 Caldwell Place", "520 Third Street": a street address.
        if h1.s == n0 && h1.num.plain_int && h1.num.digits && h1.num.mult == 1.0 {
            if let Some(e) = self.street_end(h1.num.e) {
                return e;
            }
        }

        // Ranges: "3-5", "3 to 5", "between 3 and 5", "8- to 16-meter", "$3-5 billion".
        let between = h1.s > 0 && self.low(h1.s - 1) == "between" && self.spaced(h1.s) && !self.used[h1.s - 1];
        let from = h1.s > 0 && self.low(h1.s - 1) == "from" && {
            let v = self.low_before(h1.s, 2);
            !(v.starts_with("rang") || v.starts_with("var"))
        };
        let c = h1.e;
        let (conn, dash) =
            if self.dash(c) && self.glued(c) && self.glued(c + 1) || self.sym(c, "–") && self.spaced(c + 1) {
                (Some(c + 1), true)
            } else if self.low(c) == "to" && self.spaced(c) {
                (Some(c + 1), false)
            } else if self.dash(c) && self.glued(c) && self.low(c + 1) == "to" {
                (Some(c + 2), false)
            } else if self.low(c) == "and" && between {
                (Some(c + 1), false)
            } else if self.low(c) == "or" && self.spaced(c) && self.spaced(c + 1) && !h1.num.one {
                // "two or three judges", "25 or 30 percent": an approximate range
                (Some(c + 1), false)
            } else {
                (None, false)
            };
        let mut h2 = None;
        let mut change = false;
        if let Some(k) = conn {
            // "at 2 or 3 o'clock", "from 9 to 5 p.m.": clock times, no range
            let clock = |h: &Head| {
                matches!(self.low(h.e), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "o'clock")
                    || self.sym(h.e, ":") && self.glued(h.e) && self.is(h.e + 1, K::Num)
            };
            if self.head_at(k).is_some_and(|h| clock(&h) && h1.unit.is_none() && h1.ccy.is_none()) {
                self.push_time(h1.s, k);
                return k;
            }
            if let Some(h) = self.head_at(k).filter(|h| (h.num.digits == h1.num.digits || !dash) && !clock(h)) {
                // Dates, phone numbers, scores and year ranges joined by a dash.
                if dash {
                    let chained = self.dash(h.e) && self.glued(h.e) && self.is(h.e + 1, K::Num) && self.glued(h.e + 1);
                    if chained {
                        let e = self.glued_run(h.e);
                        if year_like(&h1.num) {
                            self.push_time(h1.s, e);
                        }
                        return e;
                    }
                    let no_unit = h1.unit.is_none() && h.unit.is_none() && h1.ccy.is_none() && h.ccy.is_none();
                    if no_unit && year_like(&h1.num) && (year_like(&h.num) || h.num.plain_int && h.num.ndigits == 2) {
                        self.push_time(h1.s, h.e);
                        return h.e;
                    }
                    if no_unit
                        && (h.num.lead_zero
                            || h1.num.lead_zero
                            || h1.num.ndigits == 3 && h.num.ndigits == 4 && h.num.plain_int)
                    {
                        return self.glued_run(h.num.s);
                    }
                    if no_unit
                        && h1.num.plain_int
                        && h.num.plain_int
                        && (h.value <= h1.value && self.np_at(h.e, 2.0).is_none() || self.in_score_list(h1.s, h.e))
                    {
                        return h.e; // a score
                    }
                }
                // Year ranges: "between 2020 and 2023", "from 2020 to 2024".
                if year_like(&h1.num)
                    && year_like(&h.num)
                    && h.value > h1.value
                    && h1.unit.is_none()
                    && h.unit.is_none()
                    && h1.ccy.is_none()
                    && h.ccy.is_none()
                {
                    let s = if between || from { h1.s - 1 } else { h1.s };
                    self.push_time(s, h.e);
                    return h.e;
                }
                let to_after_from = from && !dash && self.low(c) == "to" && self.change_before(h1.s - 1);
                change = to_after_from;
                // "two or three judges" is a range, "USD 20 or US$15 million" two amounts
                let shared_scale = h1.num.mult == 1.0 && h.num.mult > 1.0 && h1.num.raw < h.num.raw;
                let v1 = if shared_scale { h1.num.raw * h.num.mult } else { h1.value.abs() };
                let alternatives = self.low(c) == "or" && h.value > 10.0 * v1;
                h2 = (self.range_ok(&h1, &h) && !to_after_from && !alternatives).then_some(h);
            }
        }
        let mut last_e = h2.as_ref().map_or(h1.e, |h| h.e);
        let (mut value, mut value_max) = (h1.value, None);
        if let Some(h) = &h2 {
            let mut v1 = h1.value;
            if h1.num.mult == 1.0 && h.num.mult > 1.0 && h1.unit.is_none() && h1.num.raw < h.num.raw {
                v1 = h1.num.raw * h.num.mult;
            }
            if let Some(u) = h.unit.as_ref().filter(|_| h1.unit.is_none()) {
                if u.kind == Money {
                    v1 *= u.factor;
                }
            }
            // "from -18 °C to -34 °C": the lower bound first
            value = v1.min(h.value);
            value_max = Some(v1.max(h.value));
        }
        let ccy = h1.ccy.or(h2.as_ref().and_then(|h| h.ccy));
        let mut unit = match &h2 {
            Some(h) if h.unit.is_some() => h.unit.as_ref(),
            _ => h1.unit.as_ref(),
        };
        let mut e = last_e;
        let mut approx_suffix = None;
        // "a 12-member panel": a number in a compound adjective is no statistic (a decimal is a
        // measurement: "a 6.0-sigma result").
        if unit.is_none()
            && ccy.is_none()
            && h2.is_none()
            && !(h1.num.digits && self.raw(n0).contains('.'))
            && self.tk.hyphen(e)
            && self.is(e + 1, K::Word)
            && !matches!(self.low(e + 1), "odd" | "plus")
        {
            return glued_run(self.tk, e);
        }
        // "5 or more", "50-odd", "20-plus"
        if unit.is_none() && ccy.is_none() {
            if self.low(e) == "or" && matches!(self.low(e + 1), "more" | "so" | "above" | "over") {
                approx_suffix = Some(self.lower_span(e, e + 2));
                e += 2;
            } else if self.tk.hyphen(e) && matches!(self.low(e + 1), "odd" | "plus") {
                approx_suffix = Some(self.lower_span(e + 1, e + 2));
                e += 2;
            }
        }
        // "3 in 10 Americans", "one out of five": a proportion, reported in percent.
        if h2.is_none() && unit.is_none() && ccy.is_none() && approx_suffix.is_none() && h1.value >= 1.0 {
            let k = match self.low(e) {
                "in" => Some(e + 1),
                "out" if self.low(e + 1) == "of" => Some(e + 2),
                _ => None,
            };
            if let Some(m) = k.and_then(|k| self.tk.number_at(k, false)).filter(|m| m.mult == 1.0) {
                if m.value > h1.value && m.value <= 1000.0 && m.value.fract() == 0.0 && h1.value.fract() == 0.0 {
                    let end = self.np_at(m.e, 2.0).map_or(m.e, |np| np.1);
                    let (s, approx) = match self.approx_before(h1.s) {
                        Some((st, a)) => (st, Some(a)),
                        None => (h1.s, None),
                    };
                    let q = Quantity {
                        kind: Percent,
                        value: 100.0 * h1.value / m.value,
                        value_max: None,
                        unit: Some("%".into()),
                        approx,
                        rate: None,
                    };
                    self.emit(s, m.e, end, q);
                    return m.e;
                }
            }
        }
        // "3m people": a glued "m" before a counted noun is "million".
        let mut np = None;
        if let Some(u) = unit.filter(|u| u.glued_m && h2.is_none()) {
            if let Some(p) = self.np_at(u.e, 2.0) {
                value *= 1e6;
                np = Some(p);
                unit = None;
            }
        }
        let (mut kind, mut unit_text, of_ok) = if let Some(c) = ccy {
            (Money, Some(c.to_string()), false)
        } else if let Some(u) = unit {
            e = e.max(u.e);
            (u.kind, Some(u.text.clone()), u.of_ok)
        } else {
            if np.is_none() && !h1.num.fraction {
                np = self.np_at(e, if h2.is_some() { 2.0 } else { value });
            }
            // "12 daily flights", "263 daily news organizations": the word is part of what is
            // counted (not always a rate: a daily is a newspaper).
            if np.is_none() && !h1.num.fraction && self.spaced(e) && matches!(self.low(e), "daily" | "weekly" | "monthly" | "yearly" | "hourly" | "nightly" | "quarterly") {
                np = self.np_at(e + 1, if h2.is_some() { 2.0 } else { value }).map(|(t, ne, cont)| (format!("{} {t}", self.low(e)), ne, cont));
            }
            // "four times per week", "3 times a day": a frequency
            if np.is_none() && self.low(e) == "times" && self.spaced(e) && self.rate_at(e + 1).is_some() {
                np = Some(("times".to_string(), e + 1, false));
            }
            match &np {
                Some((t, ne, cont)) => {
                    e = *ne;
                    (Count, Some(t.clone()), *cont)
                }
                None => match self.shared_unit(&h1, e, change, between || approx_suffix.is_some() || h2.is_some()) {
                    // "45 and 50 mg", "four and five miles", "2 or 3 percent"
                    Some((k, t, factor)) => {
                        value *= factor;
                        (k, Some(t), false)
                    }
                    None => (Count, None, false),
                },
            }
        };
        // An age: "Eloise Parry, 21, was taken", "a boy, aged 5,", "age 5".
        if unit_text.is_none() && ccy.is_none() && h2.is_none() && h1.s == n0 && h1.num.plain_int && (1.0..=120.0).contains(&value) {
            let after_name = n0 >= 2 && self.sym(n0 - 1, ",") && self.cap(n0 - 2) && self.sym(e, ",");
            if after_name || n0 >= 1 && matches!(self.low(n0 - 1), "age" | "aged") {
                kind = Measure;
                unit_text = Some("years".into());
            }
        }
        // "a 22-year-old son": the age in years.
        if let Some(u) = unit_text.as_deref().and_then(|u| u.strip_suffix("-old")) {
            unit_text = Some(format!("{}s", u.strip_suffix('s').unwrap_or(u)));
        }
        // "of …" stays in a counted unit ("rounds of 155mm shells"); a measure's unit is the
        // measure itself ("two meters of cotton" is 2 m), what is measured stays in the span.
        if of_ok {
            if let Some((t, ce)) = self.of_complement(e) {
                if kind == Count {
                    unit_text = unit_text.map(|u| format!("{u} of {t}"));
                }
                e = ce;
            }
        }
        // "5 ft 2 in", "5 feet and 2 inches", "6 lb 4 oz": one length or weight
        if kind == Measure && h2.is_none() {
            if let Some((add, me)) = self.compound_measure(e, unit_text.as_deref().unwrap_or("")) {
                value += if value < 0.0 { -add } else { add };
                e = me;
                last_e = me;
            }
        }
        // "3 dollars 50 cents", "15 dollars and 50", "17 USD 25", "$100 and fifty"
        if kind == Money && h2.is_none() {
            if let Some((add, me)) = self.minor_amount(e, &h1) {
                value += if value < 0.0 { -add } else { add };
                e = me;
                last_e = me;
            }
        }

        // Years: "in 2024", "the 2024 election".
        let prev = self.low_before(h1.s, 1);
        if year_like(&h1.num)
            && h1.s == n0
            && h2.is_none()
            && ccy.is_none()
            && unit.is_none()
            && approx_suffix.is_none()
        {
            let det = matches!(
                prev,
                "the" | "its" | "their" | "his" | "her" | "our" | "this" | "that" | "a" | "an" | "whose"
            ) || has(&TIME_PREP_SET, prev)
                || matches!(
                    prev,
                    "of" | "for" | "to" | "circa" | "year" | "since" | "fiscal" | "late" | "early" | "mid"
                )
                || prev.ends_with("'s");
            // Style guides write counts of 1,000 and more with a comma; "1988 sales" is a year.
            if np.is_none() || det || self.approx_before(h1.s).is_none() {
                self.push_time(n0, n0 + 1);
                return n0 + 1;
            }
        }
        // "1/4" needs a unit ("1/4 inch") or "of" ("1/40 of"); alone it may be a date or a score.
        if h1.num.slash && unit_text.is_none() && self.low(h1.num.e) != "of" && !self.alone(h1.s, e) {
            return h1.num.e;
        }
        // Names and labels: "Boeing 737", "Windows 11", "the 737 MAX".
        if h1.num.digits
            && h1.num.plain_int
            && h2.is_none()
            && unit_text.is_none()
            && matches!(prev, "the" | "a" | "an")
            && self.any_upper(last_e)
            && !self.month(last_e)
            && !self.weekday(last_e)
        {
            return self.glued_run(n0);
        }
        if h1.num.digits
            && h1.num.plain_int
            && h1.s == n0
            && h2.is_none()
            && unit_text.is_none()
            && self.name_before(n0)
        {
            return self.glued_run(n0);
        }
        // Word numerals: "two" alone is rarely a statistic ("the two leaders" never), except as a
        // count standing on its own ("Sixteen were killed", "rose to sixteen."), as the whole
        // fragment, or with a sign ("minus one").
        if !h1.num.digits && !h1.signed && !self.alone(h1.s, e) {
            let w = &h1.num;
            if w.half {
                let ok_next = matches!(
                    self.low(w.e),
                    "of" | "the"
                        | "a"
                        | "an"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "all"
                        | "that"
                        | "those"
                        | "these"
                        | "my"
                        | "your"
                );
                let ok_prev = self.approx_before(h1.s).is_some();
                let bad_prev = matches!(
                    prev,
                    "first" | "second" | "other" | "latter" | "former" | "better" | "the" | "a" | "one" | "each"
                );
                if !(ok_next || ok_prev) || bad_prev || self.tk.hyphen(w.e) {
                    return w.e;
                }
                if matches!(self.low(w.e), "an" | "a") {
                    if let Some(u) = self.measure_at(w.e + 1, false).filter(|u| u.time) {
                        unit_text = Some(u.text.clone());
                        e = u.e;
                    }
                }
            }
            if w.small_word && unit_text.is_none() && !w.fraction && (w.one || !self.bare_count(h1.s, w.e)) {
                return w.e;
            }
            let person = kind == Count && unit_text.as_deref().is_some_and(|u| has(&PERSONS_SET, u));
            if w.one
                && !person
                && (unit.is_none_or(|u| u.time && matches!(u.text.as_str(), "day" | "time" | "second"))
                    || kind == Count)
            {
                return w.e;
            }
            let det = matches!(
                prev,
                "the"
                    | "these"
                    | "those"
                    | "all"
                    | "both"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "my"
                    | "your"
                    | "whose"
                    | "every"
                    | "first"
                    | "last"
                    | "next"
                    | "other"
            ) || prev.ends_with("'s");
            if w.small_word && kind == Count && det {
                return w.e;
            }
            // "the first three quarters", "the past two quarters" (but "the two-thirds")
            let quarters = self.low(w.e - 1).starts_with("quarter");
            let ordinal = matches!(prev, "first" | "last" | "next" | "past" | "previous" | "coming" | "other");
            if w.fraction && !w.half && (ordinal || det && quarters) {
                return w.e;
            }
        }
        // "every two years" is a frequency
        if unit.is_some_and(|u| u.time) && prev == "every" {
            return last_e;
        }
        // "three years ago" is a time.
        if unit.is_some_and(|u| u.time) && self.low(e) == "ago" {
            self.push_time(h1.s, e + 1);
            return e + 1;
        }
        // Rate, with a participle allowed in between ("1,200 soldiers dying daily").
        let mut rate = None;
        let mut rate_span = None;
        if let Some((r, re)) = self.rate_at(e) {
            rate_span = Some((e, re));
            rate = Some(r);
            e = re;
        } else if self.is(e, K::Word) && self.spaced(e) && unit_text.is_some() {
            let w = self.low(e);
            // a verb or participle: "dying daily", "die each day", "spent annually"
            let part = w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed"))
                || matches!(
                    w,
                    "die"
                        | "dies"
                        | "flee"
                        | "flees"
                        | "cross"
                        | "crosses"
                        | "arrive"
                        | "arrives"
                        | "leave"
                        | "leaves"
                        | "enter"
                        | "enters"
                        | "lost"
                        | "sold"
                        | "born"
                        | "made"
                        | "built"
                        | "spent"
                        | "paid"
                        | "earn"
                        | "earns"
                        | "cost"
                        | "costs"
                        | "spend"
                        | "spends"
                        | "pay"
                        | "pays"
                        | "lose"
                        | "loses"
                );
            if part {
                if let Some((r, re)) = self.rate_at(e + 1).filter(|r| !r.0.starts_with("per ") && !r.0.starts_with('/'))
                {
                    rate_span = Some((e + 1, re));
                    rate = Some(r);
                    e = re;
                }
            }
        }
        // "a magnitude 7.8 earthquake"
        let mut span_s = if between && h2.is_some() { h1.s - 1 } else { h1.s };
        if unit_text.is_none() && h2.is_none() && prev == "magnitude" && h1.s == n0 {
            kind = Measure;
            unit_text = Some("magnitude".into());
            span_s = h1.s - 1;
        }
        // Approximators, also across an article ("more than a $147 savings", "less than a
        // 40-degree angle").
        let before = self.approx_before(span_s).or_else(|| {
            let article = span_s >= 2 && matches!(self.low(span_s - 1), "a" | "an") && self.spaced(span_s);
            // (Only phrases that cannot be prepositions: "over a 13.8-billion-year period" is a time.)
            let comparative = |a: &str| a.ends_with(" than") || matches!(a, "nearly" | "almost" | "roughly" | "approximately" | "close to" | "just over" | "just under" | "well over");
            article.then(|| self.approx_before(span_s - 1)).flatten().filter(|(_, a)| comparative(a))
        });
        let (s, mut approx) = match before {
            Some((st, a)) => (st, Some(a)),
            None => (span_s, None),
        };
        if approx.is_none() {
            approx = h1.num.approx.clone().or(approx_suffix);
        }
        // "5 years or more", "300 employees or so": after the unit too.
        if approx.is_none()
            && self.low(e) == "or"
            && self.spaced(e + 1)
            && matches!(self.low(e + 1), "more" | "so" | "less" | "fewer" | "longer")
            && self.low(e + 2) != "than"
        {
            approx = Some(self.lower_span(e, e + 2));
            e += 2;
        }
        // A bare number in a run of three or more numbers with only spaces between them is a
        // cell of a table flattened into text ("Kevin Harvick 5033 4 6 15 26"): data, not a
        // statement. (Two are often one number: "1 4/5", "4000 3 hundred".)
        if unit_text.is_none() && value_max.is_none() && approx.is_none() && rate.is_none() && s == h1.s && self.in_number_run(s, e) {
            return last_e;
        }
        if let Some((rs, re)) = rate_span {
            let n = self.n();
            for u in &mut self.used[rs..re.min(n)] {
                *u = true;
            }
        }
        self.emit(s, last_e, e, Quantity { kind, value, value_max, unit: unit_text, approx, rate });
        last_e
    }

    /// Records a quantity over tokens `s..e`; `s..used_e` may not start another one.
    fn emit(&mut self, s: usize, used_e: usize, e: usize, quantity: Quantity) {
        let n = self.n();
        for u in &mut self.used[s..used_e.min(n)] {
            *u = true;
        }
        let (start, end) = self.byte_span(s, e);
        self.out.push(FoundQuantity { start, end, quantity });
    }

    fn range_ok(&self, h1: &Head, h2: &Head) -> bool {
        if let (Some(a), Some(b)) = (h1.ccy, h2.ccy) {
            if a != b {
                return false;
            }
        }
        if let (Some(a), Some(b)) = (&h1.unit, &h2.unit) {
            if a.text != b.text {
                return false;
            }
        }
        if h1.unit.is_some() && h2.unit.is_none() && h1.ccy.is_none() {
            return false;
        }
        if year_like(&h1.num) && year_like(&h2.num) && h2.unit.is_none() && h2.ccy.is_none() {
            return false;
        }
        let mut v1 = h1.value;
        if h1.num.mult == 1.0 && h2.num.mult > 1.0 && h1.num.raw < h2.num.raw {
            v1 = h1.num.raw * h2.num.mult;
        }
        if let Some(u) = h2.unit.as_ref().filter(|_| h1.unit.is_none()) {
            v1 *= u.factor;
        }
        // below zero a range may run downwards ("-18 °C to -34 °C")
        h2.value > v1 || v1 < 0.0 && h2.value < v1
    }

    /// A verb of change earlier in the clause of "from" at `f` ("rose from 3% to 5%", "cut the
    /// budget from $10 billion to $30 billion", "raise the age at which … from 18 to 21"): the
    /// two numbers are a before and an after, not a range.
    fn change_before(&self, f: usize) -> bool {
        const STEMS: &[&str] = &[
            "rise", "rising", "risen", "rose", "fell", "fall", "increas", "decreas", "climb", "jump", "drop", "grow",
            "grew", "declin", "slipp", "slid", "soar", "surg", "plung", "plummet", "tumbl", "sank", "sink", "sunk",
            "rais", "reduc", "lower", "boost", "went", "chang", "shift", "expand", "shrank", "shrink", "shrunk",
            "narrow", "widen", "doubl", "tripl", "quadrupl", "halv", "improv", "revis", "upgrad", "downgrad",
            "lift", "hike", "hiking", "slash", "trimm", "swung", "recover", "rebound", "dipp", "advanc", "gain",
            "spik", "accelerat", "brought", "bring", "switch", "convert", "leap", "fluctuat", "tak", "took",
            "push", "pull", "cut", "balloon", "inflat", "deflat", "adjust", "extend", "shorten", "lengthen",
        ];
        const WORDS: &[&str] = &[
            "up", "down", "back", "go", "goes", "going", "gone", "move", "moved", "moves", "moving", "ease", "eased",
            "eases", "easing", "lose", "loses", "lost", "losing", "trim", "trims", "dip", "dips", "edge", "edged",
            "turn", "turned",
        ];
        let mut k = f;
        let mut steps = 0;
        while k > 0 && steps < 12 {
            k -= 1;
            steps += 1;
            let punct = matches!(self.raw(k), "," | ";" | ":" | "(" | ")" | "—" | "–" | "." | "\"" | "“" | "”" | "?" | "!");
            if self.is(k, K::Sym) && punct || matches!(self.low(k), "and" | "but") {
                return false;
            }
            let w = self.low(k);
            if w.starts_with("rang") || w.starts_with("var") {
                return false;
            }
            if WORDS.contains(&w) || STEMS.iter().any(|st| w.starts_with(st)) {
                return true;
            }
        }
        false
    }

    // -----------------------------------------------------------------------------------------
    // Times that are words
    // -----------------------------------------------------------------------------------------

    fn lexical_times(&mut self) {
        let n = self.n();
        let is_time_unit = |w: &str| WORD_UNITS.iter().any(|(x, f)| *x == w && f & TIME != 0);
        let mut i = 0;
        while i < n {
            if self.used[i] && !self.is(i, K::Word) {
                i += 1;
                continue;
            }
            let w = self.low(i);
            if !has(&TIME_WORDS, w) {
                i += 1;
                continue;
            }
            let mut hit: Option<(usize, usize)> = None;
            if self.weekday(i) {
                let e = if matches!(self.low(i + 1), "morning" | "afternoon" | "evening" | "night") {
                    i + 2
                } else {
                    i + 1
                };
                let s = if matches!(self.low_before(i, 1), "last" | "next" | "this" | "early" | "late") {
                    i - 1
                } else {
                    i
                };
                hit = Some((s, e));
            } else if self.month(i) {
                let ambiguous = matches!(w, "may" | "march");
                let prev = self.low_before(i, 1);
                let ok_prev = has(&TIME_PREP_SET, prev)
                    || matches!(prev, "last" | "next" | "this" | "early" | "late" | "mid" | "of" | "in");
                if !ambiguous || ok_prev || self.is(i + 1, K::Num) {
                    let s = if matches!(prev, "last" | "next" | "this") { i - 1 } else { i };
                    hit = Some((s, self.after_month(i)));
                }
            } else if matches!(w, "yesterday" | "today" | "tomorrow" | "tonight" | "noon" | "midnight") {
                hit = Some((i, i + 1));
            } else if matches!(w, "last" | "next" | "this" | "past" | "coming" | "previous") {
                let u = self.low(i + 1);
                let rel = matches!(
                    u,
                    "year"
                        | "month"
                        | "week"
                        | "weekend"
                        | "decade"
                        | "century"
                        | "quarter"
                        | "season"
                        | "summer"
                        | "winter"
                        | "spring"
                        | "autumn"
                        | "fall"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "night"
                );
                if rel && !(w == "this" && self.low_before(i, 1) == "of") {
                    let mut s = i;
                    if matches!(self.low_before(s, 1), "earlier" | "later" | "the") {
                        s -= 1;
                    }
                    hit = Some((s, i + 2));
                } else if w != "this" && self.low_before(i, 1) == "the" {
                    // "the past 10 years", "the coming days", "the last few weeks"
                    let mut k = i + 1;
                    if self.is(k, K::Num)
                        || number::ones(self.low(k)).is_some()
                        || matches!(self.low(k), "few" | "several")
                    {
                        k += 1;
                    } else if self.low(k) == "couple" && self.low(k + 1) == "of" {
                        k += 2;
                    }
                    if is_time_unit(self.low(k)) && self.low(k).ends_with('s') {
                        hit = Some((i - 1, k + 1));
                    }
                }
            } else if w == "recent"
                && matches!(self.low(i + 1), "days" | "weeks" | "months" | "years" | "decades")
                && self.low_before(i, 1) == "in"
            {
                hit = Some((i, i + 2));
            } else if matches!(w, "following" | "previous" | "preceding")
                && self.low_before(i, 1) == "the"
                && matches!(self.low(i + 1), "day" | "week" | "month" | "year" | "days" | "weeks" | "months" | "years")
            {
                hit = Some((i - 1, i + 2));
            } else if w == "ago" && i > 0 && is_time_unit(self.low(i - 1)) {
                let mut s = i - 1;
                let mut steps = 0;
                while s > 0 && steps < 3 {
                    let p = self.low(s - 1);
                    if self.is(s - 1, K::Num)
                        || is_numeral_word(p)
                        || matches!(p, "a" | "an" | "few" | "several" | "many" | "some" | "couple" | "of")
                    {
                        s -= 1;
                        steps += 1;
                    } else {
                        break;
                    }
                }
                hit = Some((s, i + 1));
            } else if matches!(w, "first" | "second" | "third" | "fourth") && self.low(i + 1) == "quarter" {
                hit = Some((i, i + 2));
            } else if matches!(w, "spring" | "summer" | "autumn" | "winter")
                && matches!(self.low_before(i, 1), "in" | "during" | "since" | "by")
            {
                hit = Some((i, i + 1));
            }
            if let Some((s, e)) = hit {
                self.push_time(s, e.min(n));
                i = e.max(i + 1);
            } else {
                i += 1;
            }
        }
    }

    /// The time anchors found, sorted and merged, into `out` (empty). Leaves `self.times` empty.
    fn finish_times(&mut self, out: &mut Vec<(usize, usize)>) {
        let v = &mut self.times;
        crate::sort::sort_by_key(v, |&(s, e)| crate::sort::key(&[(s as u64, 64), (e as u64, 64)]));
        for (s, e) in v.drain(..) {
            if let Some(last) = out.last_mut() {
                let gap = self.tk.t.get(last.1.min(s)..s).unwrap_or("x");
                let of = gap.trim_matches(number::is_space) == "of";
                if s <= last.1 || gap.chars().all(number::is_space) || of {
                    last.1 = last.1.max(e);
                    continue;
                }
            }
            out.push((s, e));
        }
    }

    /// The quantities found, sorted, without crossing or repeated spans, into `out` (empty).
    /// Leaves `self.out` empty.
    fn finish_quantities(&mut self, out: &mut Vec<FoundQuantity>) {
        let v = &mut self.out;
        crate::sort::sort_by_key(v, |q| crate::sort::key(&[(q.start as u64, 64), (crate::sort::rev(q.end, 64), 64)]));
        let mut stack: Vec<usize> = Vec::new(); // ends of the enclosing kept spans
        for q in v.drain(..) {
            while stack.last().is_some_and(|&e| e <= q.start) {
                stack.pop();
            }
            if stack.last().is_some_and(|&e| q.end > e) {
                continue; // would cross its parent
            }
            if out.last().is_some_and(|l| l.start == q.start && l.end == q.end) {
                continue;
            }
            stack.push(q.end);
            out.push(q);
        }
    }
}

/// End of the run of tokens glued to token `i` (exclusive), without trailing punctuation.
fn glued_run(tk: Toks, i: usize) -> usize {
    let mut k = i + 1;
    while k < tk.v.len() && tk.glued(k) && !matches!(tk.raw(k), "," | ";" | ")" | "]" | "”" | "\"") {
        k += 1;
    }
    while k > i + 1 && matches!(tk.raw(k - 1), "." | "!" | "?" | ":" | "'" | "’") {
        k -= 1;
    }
    k
}

/// A time zone after a clock time ("10:30 GMT").
fn is_zone(raw: &str) -> bool {
    matches!(
        raw,
        "GMT"
            | "UTC"
            | "BST"
            | "CET"
            | "CEST"
            | "EST"
            | "EDT"
            | "ET"
            | "PT"
            | "PST"
            | "PDT"
            | "CT"
            | "CST"
            | "CDT"
            | "KST"
            | "JST"
            | "IST"
            | "MSK"
    )
}

/// A clock time written with a dot has two-digit minutes ("2.30pm"); "2.123 am" is no time.
fn clock_decimals(raw: &str) -> bool {
    raw.split_once('.').is_none_or(|(_, d)| d.len() == 2)
}

/// A four-digit integer that reads as a year (1000–2100).
fn year_like(n: &NumP) -> bool {
    n.digits && n.plain_int && n.ndigits == 4 && n.mult == 1.0 && (1000.0..=2100.0).contains(&n.raw)
}

/// A word in "-ly" that is an adverb, not an adjective or noun that can stand before a noun
/// ("weekly", "elderly", "family", "assembly").
fn adverb_ly(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ly")
        && !w.ends_with("ily") | matches!(w, "easily" | "heavily" | "steadily" | "readily" | "temporarily" | "necessarily" | "primarily" | "voluntarily" | "ordinarily")
        && !matches!(
            w,
            "weekly" | "monthly" | "yearly" | "quarterly" | "hourly" | "nightly" | "biweekly" | "elderly" | "friendly"
                | "assembly" | "anomaly" | "monopoly" | "butterfly" | "lovely" | "lonely" | "costly" | "deadly" | "orderly"
                | "early" | "likely" | "unlikely" | "timely" | "homely" | "manly" | "worldly" | "kindly" | "holy" | "rally"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../tests/fixtures/example-article.txt");

    fn q(s: &str) -> Vec<(String, f64, Option<String>)> {
        find_quantities(s, 0, s.len())
            .into_iter()
            .map(|f| (s[f.start..f.end].to_string(), f.quantity.value, f.quantity.unit))
            .collect()
    }

    /// The filters in front of the word lists let every listed word through.
    #[test]
    fn lookup_filters_cover_their_lists() {
        for (words, _) in CCY_WORDS {
            assert!(has(&CCY_FIRST_WORDS, words[0]), "{}", words[0]);
        }
        for w in WEEKDAYS.iter().chain(MONTHS).chain(MONTH_ABBR) {
            assert!(has(&TIME_WORDS, w), "{w}");
        }
        for c in ["USD", "usd", "BTC", "KPW", "RMB", "rmb"] {
            assert!(iso(c).is_some(), "{c}");
        }
        for c in ["THE", "the", "try", "Usd", "ZZZ"] {
            assert!(iso(c).is_none(), "{c}");
        }
    }

    /// The words `word_number` and `den_at` read as numbers, scales or denominators: every
    /// one passes [`may_start_numeral`], so [`triggers`] lets its sentence through.
    #[test]
    fn numeral_words_cover_the_numeral_readers() {
        let reads = |w: &str| {
            number::ones(w).is_some()
                || number::tens(w).is_some()
                || big_scale(w).is_some()
                || number::denominator(w).is_some()
                || matches!(
                    w,
                    "hundred" | "dozen" | "few" | "couple" | "half" | "quarter" | "tens" | "dozens" | "scores"
                        | "hundreds" | "thousands" | "millions" | "billions" | "trillions"
                )
        };
        let mut vocab: Vec<String> = Vec::new();
        for text in [SEED, include_str!("../tests/fixtures/claims.txt"), include_str!("../tests/fixtures/quantities.txt")] {
            vocab.extend(text.split(|c: char| !c.is_ascii_alphabetic()).map(str::to_ascii_lowercase));
        }
        for w in NUMERAL_WORDS.words().chain(TIME_WORDS.words()).chain(["first", "second", "halve", "halfs"]) {
            for suffix in ["", "s", "ss", "es", "th", "ths"] {
                vocab.push(format!("{w}{suffix}"));
            }
        }
        for w in &vocab {
            if reads(w) {
                assert!(may_start_numeral(w.as_bytes()), "{w}");
            } else if !may_start_numeral(w.as_bytes()) {
                // Not a numeral at the start, nor after "a", "an", "several" or "many".
                for text in [format!("{w}"), format!("a {w}"), format!("an {w} of"), format!("several {w}"), format!("many {w} of"), format!("a {w}-{w}")] {
                    let (toks, lows) = number::tokenize(&text, 0, text.len());
                    let tk = Toks { t: &text, v: &toks, l: &lows };
                    for i in 0..toks.len() {
                        assert!(tk.number_at(i, false).is_none() && tk.number_at(i, true).is_none(), "{text}");
                    }
                }
            }
        }
        for w in NUMERAL_WORDS.words().chain(TIME_WORDS.words()) {
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()) && w.len() <= 16, "{w}");
        }
    }

    /// `scan` with and without [`triggers`]: the same quantities and times.
    fn same_with_and_without_filter(text: &str) {
        let ranges = crate::segment::sentences(text);
        for (s, e) in ranges.into_iter().chain([(0, text.len())]) {
            assert_eq!(scan_with(text, s, e, true), scan_with(text, s, e, false), "{:?}", &text[s..e]);
        }
    }

    /// Mutations of `text` that add, remove or disguise the characters [`triggers`] looks at.
    fn mutations(text: &str, seed: u64) -> Vec<String> {
        const BITS: &[&str] = &[
            "one", "½", "\u{ad}", "\u{200d}", "’", "é", "\u{212a}", "İ", "\u{301}", "-", "$", "5", ".5", "٥", "\u{200e}",
            "a", "half", "May", " ", "\u{a0}", "thirds", "Few", "hundreds", "last", "O", "ne", "“", "—",
        ];
        let mut x = seed | 1;
        let mut next = move |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n.max(1) as u64) as usize
        };
        let chars: Vec<char> = text.chars().collect();
        let mut out = vec![text.to_lowercase(), text.to_uppercase(), text.replace(|c: char| c.is_ascii_digit(), "")];
        for _ in 0..4 {
            let mut v = chars.clone();
            for _ in 0..3 {
                let at = next(v.len() + 1);
                let (cut, bit) = match next(3) {
                    0 => (0, BITS[next(BITS.len())]),
                    1 => (next(4), ""),
                    _ => (1, BITS[next(BITS.len())]),
                };
                v.splice(at..(at + cut).min(v.len()), bit.chars());
            }
            out.push(v.into_iter().collect());
        }
        out
    }

    #[test]
    fn filter_changes_nothing() {
        let texts = [SEED, include_str!("../tests/fixtures/claims.txt"), include_str!("../tests/fixtures/quantities.txt")];
        for (k, text) in texts.iter().enumerate() {
            same_with_and_without_filter(text);
            for (n, line) in text.lines().enumerate() {
                for m in mutations(line, (k * 100_000 + n) as u64 + 1) {
                    same_with_and_without_filter(&m);
                }
            }
        }
    }

    /// The same on every file under $CLAIMMARK_CORPUS (default ../shared/data; gzipped files
    /// are skipped: unpack them into a directory to include them), with mutations:
    /// `cargo test --release --lib filter_changes_nothing_on_corpus -- --ignored`.
    #[test]
    #[ignore = "long: 51 MB of ../shared data; run with --release -- --ignored"]
    #[cfg(not(target_arch = "wasm32"))] // reads files, parses JSON
    fn filter_changes_nothing_on_corpus() {
        let root = std::env::var("CLAIMMARK_CORPUS").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data").into());
        let mut dirs = vec![std::path::PathBuf::from(root)];
        let (mut files, mut bytes, mut lines) = (0, 0, 0u64);
        while let Some(d) = dirs.pop() {
            for entry in std::fs::read_dir(&d).unwrap().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_none_or(|x| x != "gz") {
                    let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
                    // JSON escapes ("\u2019", "\n") read as the characters they stand for.
                    let text = match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(v) => {
                            let mut all = String::new();
                            let mut stack = vec![v];
                            while let Some(v) = stack.pop() {
                                match v {
                                    serde_json::Value::String(s) => {
                                        all.push_str(&s);
                                        all.push('\n');
                                    }
                                    serde_json::Value::Array(a) => stack.extend(a),
                                    serde_json::Value::Object(o) => stack.extend(o.into_iter().map(|(_, v)| v)),
                                    _ => {}
                                }
                            }
                            all
                        }
                        Err(_) => text,
                    };
                    same_with_and_without_filter(&text);
                    for (n, line) in text.lines().enumerate() {
                        lines += 1;
                        if line.len() < 2_000 {
                            for m in mutations(line, lines * 7 + n as u64) {
                                same_with_and_without_filter(&m);
                            }
                        }
                    }
                    files += 1;
                    bytes += text.len();
                }
            }
        }
        eprintln!("{files} files, {bytes} bytes, {lines} lines: the same with and without the filter");
        assert!(files > 0);
    }

    #[test]
    fn seed_sentences() {
        let v = q("Around 8,000 North Korean soldiers have already been deployed.");
        assert_eq!(v, vec![("Around 8,000 North Korean soldiers".into(), 8000.0, Some("soldiers".into()))]);
        assert!(q("the 6th South Korea-U.S. Foreign and Defense Ministers’ (2+2) meeting in 2024").is_empty());
    }

    #[test]
    fn times() {
        let s = "Last year, Blinken announced on Wednesday that in August it would.";
        let t: Vec<&str> = find_times(s, 0, s.len()).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(t, ["Last year", "on Wednesday", "in August"]);
    }
}
