//! Attribution: reported speech as `source` + `cue` + `content` (the PARC/PolNeAR convention).
//!
//! For each reporting cue in a sentence (outside quotes), the finder looks for the source:
//! - **subject before the cue**: "South Korean Defense Minister Kim Yong-hyun noted that …",
//!   skipping adverbs ("Austin also pledged") and appositives ("Kim, the minister, said");
//! - **inverted**: "…," said Blinken; **"according to"** + noun phrase;
//! - **participle cues** after a comma ("…, stating …", "…, adding …") take the subject of
//!   the main clause.
//!
//! Content is what follows the cue (from a leading "that", or a quote after `:`/`,`) up to
//! the next participle cue or the end of the sentence, or, when nothing but an adjunct follows
//! the cue ("…, Blinken announced on Wednesday."), what precedes the source.
//!
//! Pronoun sources resolve to an earlier speaker: "he"/"she" to the latest person whose title
//! does not say otherwise ("Ms. Harris" is no "he"), "it" to the latest speaker that is not a
//! person ("the company"), "they" to the latest group ("officials"); "it" and "they" only
//! within a few sentences, and never to one person. A surname alone ("Blinken")
//! resolves to the full name seen earlier ("Antony Blinken"); sources such as "a government
//! source" or "officials" are anonymous.

use crate::quote::QuoteSpan;
use crate::report::{Attribution, Role, SourceKind, Span};
use crate::words::{tokenize, Lexicon, Lowered, Token, WordFilter};

/// What the finder remembers across sentences of one document.
#[derive(Debug, Default, Clone)]
pub struct SpeakerMemory {
    /// Full names seen so far ("Antony Blinken"), for surnames alone.
    pub names: Vec<String>,
    /// The people named as speakers, the latest last, with what the text says of their gender
    /// ("Mr.", "spokeswoman"); at most [`PEOPLE_KEPT`].
    people: Vec<(String, Option<Gender>)>,
    /// The last speaker that is not a person ("the company", "Big Machine"): for "it"; and
    /// the sentence ([`SpeakerMemory::now`]) that named it.
    thing: Option<(String, usize)>,
    /// The last speaker that is a group of people ("officials", "Paganini and his team"): for
    /// "they" (never one person).
    group: Option<(String, usize)>,
    /// Sentences seen so far (a thing or group is "it"/"they" only for [`NEAR_SENTENCES`]).
    now: usize,
}

/// How many sentences after it names a thing or a group "it" or "they" may stand for them.
const NEAR_SENTENCES: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

/// How many people [`SpeakerMemory`] keeps for pronouns.
const PEOPLE_KEPT: usize = 8;

/// The gender a word before a name says ("Mrs.", "spokeswoman", "King"), if any.
fn gender_of_title(word: &str) -> Option<Gender> {
    let w = word.trim_end_matches('.');
    if matches!(w, "mrs" | "ms" | "miss" | "madam" | "dame" | "lady" | "queen" | "princess" | "duchess" | "sister" | "mother" | "aunt")
        || w.ends_with("woman")
        || w.ends_with("women")
    {
        Some(Gender::Female)
    } else if matches!(w, "mr" | "sir" | "lord" | "king" | "prince" | "duke" | "father" | "brother" | "uncle") || w.ends_with("man") && !w.ends_with("woman") {
        Some(Gender::Male)
    } else {
        None
    }
}

impl SpeakerMemory {
    fn resolve_surname(&self, name: &str) -> Option<String> {
        self.names
            .iter()
            .rev()
            .find(|full| full.len() > name.len() && full.ends_with(name) && full[..full.len() - name.len()].ends_with(' '))
            .cloned()
    }

    fn remember(&mut self, name: &str, person: bool) {
        self.remember_person(name, person, None);
    }

    fn remember_person(&mut self, name: &str, person: bool, gender: Option<Gender>) {
        if person {
            let known = self.people.iter().position(|(n, _)| n == name).and_then(|i| self.people.remove(i).1);
            if self.people.len() == PEOPLE_KEPT {
                self.people.remove(0);
            }
            self.people.push((name.to_string(), gender.or(known)));
        } else {
            self.thing = Some((name.to_string(), self.now));
        }
        if name.contains(' ') && !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
        }
    }

    /// Who a pronoun source stands for, if the text says: "he"/"she" the latest person whose
    /// gender is not known to differ, "it" the latest speaker that is not a person, "they" the
    /// latest group. "I", "we" and "you" stay as they are.
    fn resolve_pronoun(&self, pronoun: &str) -> Option<String> {
        let p = pronoun.split(['\'', '’']).next().unwrap_or(pronoun);
        let gender = match p {
            "he" | "him" | "his" => Gender::Male,
            "she" | "her" | "hers" => Gender::Female,
            "it" | "its" => return self.near(&self.thing),
            "they" | "them" | "their" => return self.near(&self.group),
            _ => return None,
        };
        self.people.iter().rev().find(|(_, g)| g.is_none_or(|g| g == gender)).map(|(n, _)| n.clone())
    }

    fn near(&self, named: &Option<(String, usize)>) -> Option<String> {
        named.as_ref().filter(|(_, at)| self.now - at <= NEAR_SENTENCES).map(|(n, _)| n.clone())
    }

    fn set_group(&mut self, phrase: &str) {
        self.group = Some((phrase.to_string(), self.now));
    }
}

/// Finite reporting verbs (lower-case forms only; "States" is not "states").
const FINITE_CUE_WORDS: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "announced", "announces", "stated", "added",
    "adds", "noted", "emphasized", "emphasised", "emphasizes", "emphasises", "stressed",
    "stresses", "highlighted", "highlights", "pledged", "pledges", "commented", "claimed",
    "argued", "argues", "warned", "warns", "insisted", "insists", "explained", "explains", "wrote",
    "writes", "reported", "confirmed", "confirms", "denied", "denies", "acknowledged",
    "acknowledges", "admitted", "admits", "suggested", "suggests", "estimated", "predicted",
    "predicts", "believes", "believed", "asserted", "asserts", "alleged", "alleges", "revealed",
    "reveals", "disclosed", "divulged", "written", "declared", "declares", "testified", "tweeted", "concluded",
    "indicated", "indicates", "recalled", "reiterated", "vowed", "vows", "promised", "promises",
    "urged", "urges", "cautioned", "contended", "contends", "maintained", "maintains", "observed",
    "remarked", "responded", "replied", "conceded", "complained", "boasted", "mentioned",
    "countered", "assured", "informed", "forecast", "forecasts", "projected", "expects", "expected",
    "thinks", "learned", "learnt", "interpreted", "described", "accused", "think", "thought",
    "believe", "feel", "felt", "assume", "argue", "note", "quipped", "chanted", "ruled",
    "showed", "shows", "found", "finds", "determined", "determines", "admits", "denies",
    "hinted", "hints", "agreed", "agrees", "recommended", "noticed", "realized", "realised",
    "continued", "read", "wondered", "conclude", "concludes", "confirm", "deny", "insist", "warn",
    "suggest", "claim", "argued",
];
static FINITE_CUES: Lexicon = crate::lexicon!(FINITE_CUE_WORDS);

/// Cues that usually take a noun object but still report a statement ("highlighted
/// discussions with South Korea", "pledged further support"). Every other cue needs clausal
/// content: "that …", a quote, ":" or a clause with a verb.
const NOUN_CONTENT_CUES: &[&str] = &[
    "highlighted", "highlights", "highlighting", "emphasized", "emphasised", "emphasizes",
    "emphasises", "emphasizing", "emphasising", "stressed", "stresses", "stressing", "pledged",
    "pledges", "pledging", "promised", "promises", "promising", "noted", "noting", "according",
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "add", "wrote", "writes",
    "write", "saying", "adding", "telling", "writing",
];

/// Cues valid only right after a quote ("…," the statement continued / read).
const AFTER_QUOTE_CUES: &[&str] = &["continued", "read", "concluded", "wondered"];

/// Participle cues: after a comma they take the main clause's subject as source.
const PARTICIPLE_CUE_WORDS: &[&str] = &[
    "saying", "telling", "announcing", "stating", "adding", "noting", "emphasizing",
    "emphasising", "stressing", "highlighting", "pledging", "commenting", "claiming", "arguing",
    "warning", "insisting", "explaining", "writing", "reporting", "confirming", "denying",
    "acknowledging", "admitting", "suggesting", "estimating", "predicting", "asserting",
    "alleging", "revealing", "declaring", "concluding", "indicating", "recalling", "reiterating",
    "vowing", "promising", "urging", "cautioning", "contending", "interpreting", "describing",
    "accusing", "calling", "boasting", "hinting", "thinking", "believing",
];
static PARTICIPLE_CUES: Lexicon = crate::lexicon!(PARTICIPLE_CUE_WORDS);

/// `-s` forms that are usually nouns: a cue only before "that", ":" or a quote, or after a
/// pronoun.
const NOUN_LIKE_CUES: &[&str] = &["claims", "notes", "reports", "states", "estimates", "comments", "posts"];

/// The lower-cased words a cue starts with in [`find_cues`]: "according" ("according to"),
/// "pointed"/"pointing" ("pointed out") and the one-word cues. `Token::is` ignores ASCII case
/// only, so a token that `is` one of these is ASCII and its lower-cased text is the word.
static CUE_STARTS: WordFilter =
    WordFilter::new(&[FINITE_CUE_WORDS, PARTICIPLE_CUE_WORDS, NOUN_LIKE_CUES, &["according", "pointed", "pointing", "points", "quoted"]]);

/// Auxiliaries that belong to the cue's verb group ("has said", "would not say").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "will", "would", "is", "was", "were", "are", "did", "does", "do", "not",
    "n't", "could", "may", "might", "should", "must", "can", "been", "be",
];

/// Adverbs that may stand between a source and its cue ("Austin also pledged").
const ADVERBS: &[&str] = &[
    "also", "further", "previously", "recently", "later", "then", "earlier", "repeatedly",
    "again", "publicly", "separately", "once", "first", "still", "already", "last", "specifically",
    "reportedly", "privately", "openly", "explicitly", "frequently", "often", "initially",
    "subsequently", "similarly", "additionally", "flatly", "firmly", "strongly", "quickly", "instead",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you"];

/// A pronoun, also with a contracted auxiliary ("We've", "they’d", "I'll").
fn is_pronoun(t: &Token<'_>) -> bool {
    if t.is_any(PRONOUNS) {
        return true;
    }
    let l = t.lower();
    ["'ve", "’ve", "'d", "’d", "'ll", "’ll"].iter().any(|c| l.strip_suffix(c).is_some_and(|p| PRONOUNS.contains(&p)))
}

/// Heads of noun phrases that can be speakers without a capital letter.
static SPEAKER_NOUNS: Lexicon = crate::lexicon!(&[
    "source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
    "spokespeople", "minister", "ministry", "analyst", "analysts", "expert", "experts",
    "researcher", "researchers", "scientist", "scientists", "police", "authorities", "government",
    "report", "study", "survey", "statement", "data", "document", "documents", "agency",
    "department", "aide", "aides", "diplomat", "diplomats", "insider", "insiders", "people",
    "person", "witness", "witnesses", "residents", "lawmakers", "officers", "investigators",
    "prosecutors", "critics", "economists", "leaders", "military", "army", "company", "firm",
    "group", "organization", "organisation", "observers", "campaign", "administration",
    "committee", "court", "judge", "doctors", "activists", "president", "spokesmen", "someone", "management",
    "individual", "individuals", "newspaper", "paper", "outlet", "media", "website", "office",
    "ministries", "governments", "countries", "country", "official's", "secretary", "chief",
    "director", "ceo", "executive", "executives", "counsel", "lawyer", "lawyers", "attorney",
    "attorneys", "union", "members", "member", "voters", "users", "experts'", "board", "council",
    "regulator", "regulators", "watchdog", "he", "she", "studies", "teachers", "reports",
    "readers", "businesses", "backers", "supporters", "advocates", "employees", "workers",
    "farmers", "parents", "students", "nurses", "patients", "fans", "owners", "investors",
    "traders", "bosses", "groups", "research", "polls", "surveys", "scholars", "academics",
    "physicians", "engineers", "protesters", "demonstrators", "opponents", "proponents",
]);

/// Heads of anonymous sources.
const ANONYMOUS_HEADS: &[&str] = &[
    "source", "sources", "official", "officials", "insider", "insiders", "aide", "aides", "person",
    "people", "diplomat", "diplomats", "someone", "individual", "individuals",
];

/// Capitalised words that do not start or continue a speaker's noun phrase.
static FUNCTION_WORDS: Lexicon = crate::lexicon!(&[
    "in", "on", "at", "during", "after", "before", "last", "regarding", "following", "with", "by",
    "from", "to", "for", "as", "but", "and", "or", "while", "when", "if", "since", "because",
    "although", "though", "then", "yesterday", "today", "meanwhile", "however", "also", "earlier",
    "later", "speaking", "asked", "that", "this", "these", "those", "there", "here", "now", "so",
    "still", "yet", "instead", "thus", "under", "over", "about", "against", "amid", "despite",
    "without", "within", "into", "onto", "upon", "where", "which", "who", "whom", "what", "why",
    "how", "according", "not", "no", "yes", "all", "both", "each", "every", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
]);

/// Determiners that open a noun phrase.
static DETERMINERS: Lexicon = crate::lexicon!(&[
    "a", "an", "the", "some", "many", "several", "two", "three", "four", "five", "other", "one",
    "most", "few", "his", "her", "their", "its", "our", "this", "that", "these", "those", "both",
    "all", "each", "every", "another", "my", "your", "no", "any", "such",
]);

/// Lower-case words allowed inside a capitalised speaker phrase ("former President Trump").
const NAME_MODIFIERS: &[&str] = &["former", "acting", "deputy", "senior", "top", "then", "chief", "vice", "interim", "outgoing", "incoming", "late"];

/// Lower-case role nouns inside a capitalised speaker phrase.
static ROLE_NOUNS: Lexicon = crate::lexicon!(&[
    "analyst", "spokesman", "spokeswoman", "spokesperson", "correspondent", "negotiator",
    "teacher", "reporter", "researcher", "economist", "strategist", "adviser", "advisor",
    "lawyer", "attorney", "official", "minister", "secretary", "president", "chairman", "founder",
    "director", "executive", "manager", "coach", "head", "chief", "leader", "member", "scientist",
    "professor", "expert", "senator", "lawmaker", "commander", "general", "press", "candidate",
]);

/// Title words dropped when naming a person ("U.S. Secretary of State Antony Blinken" →
/// "Antony Blinken").
static TITLE_WORDS: Lexicon = crate::lexicon!(&[
    "president", "minister", "secretary", "state", "defense", "defence", "foreign", "prime",
    "chancellor", "senator", "sen.", "rep.", "gov.", "governor", "mayor", "general", "gen.",
    "director", "chief", "spokesman", "spokeswoman", "spokesperson", "ceo", "chairman", "chair",
    "chairwoman", "ambassador", "commissioner", "judge", "justice", "dr.", "mr.", "mrs.", "ms.", "dr", "mr", "mrs", "ms", "prof",
    "prof.", "professor", "king", "queen", "prince", "princess", "pope", "officer", "adviser",
    "advisor", "leader", "speaker", "deputy", "vice", "assistant", "attorney", "sheriff",
    "captain", "capt.", "lt.", "col.", "colonel", "sergeant", "admiral", "commander", "head",
    "editor", "analyst", "economist", "senior", "executive", "official", "representative",
    "senate", "house", "national", "security", "council", "finance", "interior", "justice",
    "treasury", "trade", "commerce", "health", "education", "energy", "affairs", "unification",
    "lt.", "u.s.", "u.k.", "u.n.", "eu", "nato", "white", "majority", "minority", "whip", "first",
    "lady", "army", "navy", "air", "force", "staff", "joint", "chiefs", "of", "for", "the",
    "former", "acting", "top", "then", "interim", "founder", "co-founder", "owner", "manager",
    "coach", "inspector", "superintendent", "detective", "agent", "press",
]);

/// Finds the attributions in `text[start..end]` (one sentence). Sets the speaker of quotes
/// that an attribution's content covers. Offsets are absolute.
pub fn find_attributions(
    text: &str,
    start: usize,
    end: usize,
    quotes: &mut [QuoteSpan],
    memory: &mut SpeakerMemory,
) -> Vec<Attribution> {
    let toks = tokenize(text, start, end);
    find_attributions_in(text, &toks, &Lowered::new(&toks), quotes, memory)
}

/// [`find_attributions`] over the sentence's tokens and their lower-cased text (made once by
/// the pipeline).
pub fn find_attributions_in(
    text: &str,
    toks: &[Token<'_>],
    lows: &Lowered<'_>,
    quotes: &mut [QuoteSpan],
    memory: &mut SpeakerMemory,
) -> Vec<Attribution> {
    memory.now += 1;
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else { return Vec::new() };
    // Only the quotes that overlap this sentence matter (quotes are sorted and disjoint).
    let from = quotes.partition_point(|q| q.end <= first.start);
    let to = from + quotes[from..].iter().take_while(|q| q.start < last.end).count();
    let local = &mut quotes[from..to];
    let ranges: Vec<(usize, usize)> = local.iter().map(|q| (q.start, q.end)).collect();
    let quote_of = |t: &Token<'_>| ranges.iter().find(|q| q.0 < t.start && t.end < q.1).copied();
    let cues = find_cues(toks, lows, &quote_of);
    let mut out: Vec<Attribution> = Vec::new();
    for (n, cue) in cues.iter().enumerate() {
        // The next cue at the same level (inside the same quote, or outside all quotes).
        let next_cue = cues[n + 1..].iter().find(|c| c.quote == cue.quote).map(|c| c.start);
        let same_level: Vec<Attribution> = out
            .iter()
            .filter(|a| quote_of(&Token { start: a.cue.start, end: a.cue.end, text: "" }) == cue.quote)
            .cloned()
            .collect();
        let Some(found) = attribute(text, toks, cue, next_cue, &same_level, memory, &quote_of) else { continue };
        out.push(found);
    }
    // Content that ends with a quote which started in an earlier sentence ("… . …," said X)
    // or starts a quote that ends in a later one takes the whole quote.
    for a in &mut out {
        if let Some(c) = &mut a.content {
            for &(qs, qe) in &ranges {
                let quote_ends_content = qe == c.end && qs < c.start;
                let quote_runs_past = c.start <= qs && qs < c.end && qe > c.end;
                if quote_ends_content || quote_runs_past {
                    *c = Span::new(Role::Content, text, c.start.min(qs), c.end.max(qe));
                }
            }
        }
    }
    // A quote inside reported content is the speaker's: first of attributions whose cue stands
    // outside it ("“People think …,” said Patrick McHugh": McHugh's, not "People"'s).
    for outside in [true, false] {
        for a in &out {
            if let Some(c) = &a.content {
                for q in local.iter_mut() {
                    let nested = q.start < a.cue.start && a.cue.end <= q.end;
                    if nested != outside && q.start < c.end && c.start < q.end && q.speaker.is_none() {
                        q.speaker = Some(a.speaker.clone());
                    }
                }
            }
        }
    }
    out
}

/// A cue: token range `first..last + 1`, and the quote it stands in, if any (a nested
/// attribution: "I think …" inside someone's quote).
#[derive(Debug, Clone, Copy)]
struct Cue {
    start: usize,
    end: usize,
    quote: Option<(usize, usize)>,
}

/// The cues of a sentence, in order.
fn find_cues(toks: &[Token<'_>], lows: &Lowered<'_>, quote_of: &dyn Fn(&Token<'_>) -> Option<(usize, usize)>) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Most words start no cue: pass over them (and over non-words) at once.
        if !lows.may_be_in(i, &CUE_STARTS) || !t.is_word() {
            i += 1;
            continue;
        }
        let next = toks.get(i + 1);
        let prev = if i > 0 { Some(&toks[i - 1]) } else { None };
        let mut len = 0;
        // Only words that start in lower case may be one-word cues: lower-case those alone.
        let lower_first = t.text.chars().next().is_some_and(|c| c.is_lowercase());
        let lower: &str = if lower_first { lows.get(i) } else { "" };
        // (`is` ignores ASCII case only; no other letter lower-cases to these words' letters.)
        if t.is("according") && next.is_some_and(|n| n.is("to")) {
            len = 2;
        } else if (t.is("pointed") || t.is("pointing") || t.is("points")) && next.is_some_and(|n| n.is("out")) {
            len = 2;
        } else if t.is("quoted") && next.is_some_and(|n| n.is("as")) && toks.get(i + 2).is_some_and(|n| n.is_any(&["saying", "telling"])) {
            // "was quoted as saying": the subject spoke (a passive in form only).
            len = 3;
        } else if lower_first {
            if FINITE_CUES.contains(&lower) || PARTICIPLE_CUES.contains(&lower) {
                len = 1;
            } else if NOUN_LIKE_CUES.contains(&lower) {
                let before_that = next.is_some_and(|n| n.is("that") || n.text == ":" || is_quote_mark(n.text));
                let after_pronoun = prev.is_some_and(|p| p.is_any(PRONOUNS));
                if before_that || after_pronoun {
                    len = 1;
                }
            }
            // ("The report concluded that …" reports without a quote.)
            if len == 1 && AFTER_QUOTE_CUES.contains(&lower) && !(lower == "concluded" && next.is_some_and(|n| n.is("that")) && !prev.is_some_and(|p| p.is("and"))) {
                let after_quote = toks[i.saturating_sub(6)..i].iter().any(|x| is_quote_mark(x.text));
                if !after_quote {
                    len = 0;
                }
            }
            // Passive ("is expected to", "could be announced", "was reported"): no speaker
            // as subject. Also "announced on Monday by …" and cues before "to"/"of"/"for"
            // ("expects to", "accused of", "calling for").
            let passive = lower.ends_with("ed") || matches!(lower, "told" | "thought" | "felt" | "found" | "read" | "shown" | "written");
            if len == 1 && passive && prev.is_some_and(|p| p.is_any(&["be", "been", "being", "is", "was", "were", "are", "get", "got"])) {
                len = 0;
            }
            if len == 1 && lower.ends_with("ed") && toks[i + 1..toks.len().min(i + 4)].iter().any(|x| x.is("by")) {
                len = 0;
            }
            // "expects to", "accused of", "calling for" are not reporting; but "argued for decades
            // that …", "claimed to the outlet …" are.
            // (Evaluated only where needed.)
            let that_follows = || toks[i + 1..toks.len().min(i + 8)].iter().any(|x| x.is("that") || x.text == ":" || is_quote_mark(x.text));
            let to_listener = || {
                next.is_some_and(|n| n.is("to"))
                    && toks.get(i + 2).is_some_and(|x| x.is_capitalized() || DETERMINERS.contains_token(x) || x.is_any(&["reporters", "journalists"]))
            };
            if len == 1
                && next.is_some_and(|n| n.is_any(&["to", "of", "for", "by", "as", "up", "off", "out"]))
                && !matches!(lower, "said" | "says" | "told" | "tells")
                && !that_follows()
                && !to_listener()
            {
                len = 0;
            }
            // "as people would have you believe": an idiom, nobody reports anything.
            if len == 1 && i >= 2 && prev.is_some_and(|p| p.is_any(&["you", "us", "me", "them"])) && toks[i - 2].is_any(&["have", "has", "had"]) {
                len = 0;
            }
            // "Gallinari added 25 points": a score, not a statement.
            if len == 1 && matches!(lower, "added" | "adds" | "add") && next.is_some_and(|n| n.text.as_bytes()[0].is_ascii_digit()) {
                len = 0;
            }
            // "The letter Mike wrote was kind": a relative clause without "that" whose gap is the
            // verb's object (the letter was written), and a finite verb follows: nothing is
            // reported. ("the money he said was missing" reports: "said" takes no object.)
            //
            // "the best deals we have found today", "the biggest lesson I have learned": the
            // same relative clause with a pronoun subject and nothing after the cue that could
            // be reported. (The cheap tests first: this runs at every cue.)
            if len == 1 && i >= 2 {
                let object_gap = || OBJECT_GAP_CUES.contains(&lower) && next.is_some_and(|n| n.is_any(FINITE_AFTER_GAP));
                // (A verb next: "the code he said exploits the flaw", "the thing they said
                // would happen" report what follows.)
                let clause_next = || {
                    next.is_some_and(|n| {
                        n.is_any(FINITE_AFTER_GAP)
                            || n.is("that")
                            || n.text == ":"
                            || is_quote_mark(n.text)
                            || is_pronoun(n)
                            || n.is_capitalized()
                            || is_verb_like(n)
                            || n.text.ends_with('s') && !n.text.ends_with("ss") && toks.get(i + 2).is_some_and(|m| DETERMINERS.contains_token(m))
                    })
                };
                let nothing_reported = || subject_is_pronoun(toks, i) && !clause_next();
                if (object_gap() || nothing_reported()) && zero_relative_subject(toks, i) {
                    len = 0;
                }
            }
            // "an alleged …", "Epstein’s alleged …": an adjective.
            // ("Some said …", "Many argue …" at the start of a clause: a quantifier for people.)
            let quantifier_subject = i >= 1
                && toks[i - 1].is_any(&["some", "many", "most", "several", "few"])
                && (i == 1 || matches!(toks[i - 2].text, "," | ";" | ":" | "—" | "–") || is_quote_mark(toks[i - 2].text) || toks[i - 2].is_any(&["and", "but", "while"]))
                // ("Some alleged abuses", "Some estimated 2,000 people": adjectives.)
                && (!lower.ends_with("ed") || next.is_some_and(|n| n.is("that") || n.is_any(PRONOUNS) || is_quote_mark(n.text)));
            if len == 1
                && !quantifier_subject
                && prev.is_some_and(|p| DETERMINERS.contains_token(p) && !p.is("that") || p.text.ends_with("’s") || p.text.ends_with("'s"))
            {
                len = 0;
            }
        }
        if len > 0 {
            // Extend backwards over auxiliaries ("has said", "would not say").
            let quote = quote_of(t);
            let mut s = i;
            loop {
                if s > 0 && toks[s - 1].is_any(AUXILIARIES) && quote_of(&toks[s - 1]) == quote {
                    s -= 1;
                } else if s > 1 && (is_ly_adverb(&toks[s - 1]) || toks[s - 1].is_any(ADVERBS)) && toks[s - 2].is_any(AUXILIARIES) && quote_of(&toks[s - 2]) == quote {
                    // "has reportedly told": an adverb inside the verb group.
                    s -= 2;
                } else {
                    break;
                }
            }
            cues.push(Cue { start: s, end: i + len, quote });
            i += len;
        } else {
            i += 1;
        }
    }
    cues
}

/// Cues whose object is a thing written or made known ("the letter Mike wrote"), so that a
/// relative clause ending at them has its gap there, not in a reported clause.
const OBJECT_GAP_CUES: &[&str] = &[
    "wrote", "writes", "promised", "promises", "announced", "reported", "revealed", "disclosed", "confirmed", "denied",
    "posted", "tweeted", "published", "released", "recalled", "described", "proposed", "suggested", "recommended",
    "predicted", "estimated", "pledged", "cited", "mentioned", "outlined", "highlighted",
];

/// Finite verbs that, right after a cue, show that the clause of the cue has ended.
const FINITE_AFTER_GAP: &[&str] = &[
    "was", "were", "is", "are", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should",
    "must", "remains", "remained", "seems", "seemed", "never", "did", "does", "became", "becomes",
];

/// The subject of the cue at token `i` is a name or pronoun right after a common noun ("the
/// letter Mike wrote", "the plan they proposed"): a relative clause without "that".
fn zero_relative_subject(toks: &[Token<'_>], i: usize) -> bool {
    // (Over auxiliaries: "the lesson I have learned".)
    let mut i = i;
    while i > 0 && toks[i - 1].is_any(AUXILIARIES) {
        i -= 1;
    }
    let mut s = i;
    if s > 0 && is_pronoun(&toks[s - 1]) {
        s -= 1;
    } else {
        while s > 0 && i - s < 3 && toks[s - 1].is_capitalized() && !FUNCTION_WORDS.contains(&&*toks[s - 1].lower()) {
            s -= 1;
        }
    }
    if s == i || s == 0 {
        return false;
    }
    let head = &toks[s - 1];
    let l = head.lower();
    // (A title or role before a name is no head noun: "Jefferies analyst Jonathan Matuszewski".)
    let role = ROLE_NOUNS.contains(&&*l) || TITLE_WORDS.contains(&&*l) || SPEAKER_NOUNS.contains(&&*l);
    head.is_word() && !head.is_capitalized() && !role && !FUNCTION_WORDS.contains(&&*l) && !DETERMINERS.contains(&&*l) && !is_verb_like(head) && !is_pronoun(head)
}

/// The subject of the cue at token `i` (over auxiliaries) is a pronoun.
fn subject_is_pronoun(toks: &[Token<'_>], i: usize) -> bool {
    let mut i = i;
    while i > 0 && toks[i - 1].is_any(AUXILIARIES) {
        i -= 1;
    }
    i > 0 && is_pronoun(&toks[i - 1])
}

/// Content starting at token `k` is a clause: "that …", a quote, ":" or a clause with a verb
/// near its start ("the talks had stalled"), not a noun object ("a loss of $304.7 million").
fn clause_like(toks: &[Token<'_>], k: usize) -> bool {
    let Some(first) = toks.get(k) else { return false };
    if first.is("that") || is_quote_mark(first.text) || first.text == ":" {
        return true;
    }
    if first.text == "," {
        return toks.get(k + 1).is_some_and(|n| is_quote_mark(n.text));
    }
    // "responded and confirmed …": a second verb of the subject, not something reported.
    if first.is_any(&["and", "but", "or", "then"]) {
        return false;
    }
    // "found it difficult to …", "thinks it important": "it" and an adjective are the
    // object of the verb, not a clause with something to report.
    if first.is("it") {
        // (Adverbs may come between: "it still considers".)
        let mut n = k + 1;
        while toks.get(n).is_some_and(|t| t.is_any(ADVERBS) || is_ly_adverb(t) || t.is_any(&["still", "now", "never", "not"])) {
            n += 1;
        }
        return match toks.get(n) {
            // A lower-case word that is neither a verb nor a preposition: "difficult".
            Some(t) if t.is_word() && !t.is_capitalized() => {
                is_verb_like(t)
                    || t.lower().ends_with('s')
                    || t.is_any(&["to", "as", "in", "on", "at", "for", "with", "by", "from", "of", "and", "but", "or", "that", "when", "after", "before", "because", "while"])
            }
            _ => true,
        };
    }
    if first.is_any(&["he", "she", "they", "we", "i", "you", "there"]) {
        return true;
    }
    // "… at the time that …", "… in a statement that …".
    if toks[k..toks.len().min(k + 8)].iter().take_while(|t| t.text != "," && t.text != ";").any(|t| t.is("that")) {
        return true;
    }
    let approximator = first.is("at") && toks.get(k + 1).is_some_and(|n| n.is_any(&["least", "most"]));
    if !approximator && (first.is_any(&["to", "of", "for", "by", "on", "in", "at", "with", "as"]) || first.lower().ends_with("ing")) {
        return false;
    }
    toks[k..toks.len().min(k + 7)]
        .iter()
        .take_while(|t| t.text != "," && t.text != ";")
        .skip(1)
        .any(|t| t.is("that") || is_verb_like(t))
}

fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "‘" | "’" | "«" | "»" | "'")
}

/// Builds the attribution for the cue at tokens `cs..ce`.
fn attribute(
    text: &str,
    all_toks: &[Token<'_>],
    cue: &Cue,
    next_cue: Option<usize>,
    earlier: &[Attribution],
    memory: &mut SpeakerMemory,
    quote_of: &dyn Fn(&Token<'_>) -> Option<(usize, usize)>,
) -> Option<Attribution> {
    // A nested attribution only looks inside its quote: work on that slice of tokens.
    let (base, toks) = match cue.quote {
        Some(q) => {
            let first = all_toks.iter().position(|t| quote_of(t) == Some(q))?;
            let last = all_toks.iter().rposition(|t| quote_of(t) == Some(q))?;
            (first, &all_toks[first..=last])
        }
        None => (0, all_toks),
    };
    // A cue that runs out of its quote ("according" inside, "to" outside) is not one.
    if cue.start < base || cue.end > base + toks.len() {
        return None;
    }
    let (cs, ce) = (cue.start - base, cue.end - base);
    let next_cue = next_cue.and_then(|n| n.checked_sub(base)).filter(|&n| n <= toks.len());
    let sent_start = toks.first()?.start;
    let sent_end = toks.last()?.end;
    let cue_word = toks[ce - 1].lower();
    let according = toks[cs].is("according");
    let comma_before = cs > 0 && toks[cs - 1].text == ",";
    // "…, adding …" and "… and said …" take the subject of the main clause.
    let and_before = cs > 0 && toks[cs - 1].is("and");
    let participle = !according && (cue_word.ends_with("ing") && comma_before || and_before);

    // Where content after the cue must stop: before ", <participle cue>" that follows.
    // A cue inside the content with a subject of its own ("that he felt …", "people who it
    // thinks …") is part of what was said: the content runs on over it.
    // A cue that starts a clause of its own ("…, adding", "… and said", "… but I could
    // see", "… or they might think") ends it.
    let own_clause = |n: usize| {
        if n == 0 {
            return None;
        }
        if toks[n - 1].text == "," || toks[n - 1].is("and") || is_quote_mark(toks[n - 1].text) {
            return Some(n);
        }
        let mut j = n - 1;
        while j > 0 && (toks[j].is_any(AUXILIARIES) || toks[j].is_any(ADVERBS)) {
            j -= 1;
        }
        if j > 0 && is_pronoun(&toks[j]) && (toks[j - 1].is_any(&["and", "but", "or"]) || matches!(toks[j - 1].text, "," | ";")) {
            return Some(j);
        }
        // "…, Yahoo Finance reported earlier this year.": a source of its own after a comma
        // (a name or a speaker noun), and the cue ends the sentence but for an adjunct.
        let k = (j.saturating_sub(4)..=j).find(|&k| k > 0 && toks[k - 1].text == "," && toks[k..=j].iter().all(|t| t.is_word()))?;
        let named = toks[j].is_capitalized() || SPEAKER_NOUNS.contains_token(&toks[j]);
        let tail_short = toks[n..].iter().filter(|t| t.is_word()).count() <= 8 && !toks[n..].iter().any(|t| t.is("that") || is_quote_mark(t.text));
        (named && tail_short).then_some(k)
    };
    let content_limit = next_cue
        .and_then(own_clause)
        .map(|n| if toks[n - 1].text == "," { n - 1 } else { n })
        .map(|n| toks[n].start)
        .unwrap_or(sent_end);
    let needs_clause = !NOUN_CONTENT_CUES.contains(&&*toks[cs..ce].iter().rev().find(|t| t.is_word())?.lower());

    // "had written, “…”", "has written that …" report; "had written a will" does not.
    if cue_word == "written" && toks.get(ce).is_some_and(|t| !(t.is("that") || is_quote_mark(t.text) || matches!(t.text, "," | ":" | "." | "!" | "?"))) {
        return None;
    }
    // "felt dejected", "feels honor-bound to …": a feeling, not a view, unless a clause follows.
    if cue_word == "felt" || cue_word == "feel" || cue_word == "feels" {
        let opens_clause = toks.get(ce).is_some_and(|t| {
            t.is("that") || t.is("like") || is_pronoun(t) || t.is_capitalized() || DETERMINERS.contains(&&*t.lower()) || is_quote_mark(t.text) || t.text == ","
        });
        if !opens_clause {
            return None;
        }
    }
    let (source_range, content): (Option<(usize, usize)>, Option<(usize, usize)>);
    if according {
        let mut np = forward_np(toks, ce)?;
        let initial = cs == 0 || toks[..cs].iter().all(|t| t.is_punct());
        // "According to a report in the Argus Leader of Sioux Falls, …": at the start of the
        // sentence, the source runs to the comma.
        if initial {
            if let Some(c) = (np.1..toks.len().min(ce + 16)).find(|&c| toks[c].text == ",") {
                if toks[np.1..c].iter().all(|t| t.is_word() || matches!(t.text, "’s" | "'s" | "-" | "&")) {
                    np.1 = c;
                }
            }
        }
        source_range = Some(np);
        // "According to X, content." or "Content, according to X."
        if initial {
            let mut k = np.1;
            while k < toks.len() && toks[k].text == "," {
                k += 1;
            }
            content = (k < toks.len()).then(|| (toks[k].start, sent_end));
        } else {
            content = content_before(toks, cs);
        }
    } else if participle {
        // Subject of the main clause: the source of an earlier attribution in this sentence,
        // or the first capitalised phrase directly followed by a verb.
        let np = match earlier.last() {
            Some(a) => Some(token_range_of(toks, a.source.start, a.source.end)?),
            None => main_subject(toks, cs),
        }?;
        source_range = Some(np);
        if needs_clause && !clause_like(toks, ce) {
            return None;
        }
        content = content_after(toks, ce, content_limit);
    } else {
        // Subject before the cue, skipping adverbs ("also", "flatly").
        let j = skip_interrupters(toks, cs);
        // "Smith, who said the plan had failed, left": the relative pronoun stands for the
        // noun phrase before it; the content ends with the relative clause.
        if j >= 3 && toks[j - 1].is("who") && toks[j - 2].text == "," {
            let np = backward_np(toks, j - 3)?;
            if !(toks[np.1 - 1].is_capitalized() || SPEAKER_NOUNS.contains_token(&toks[np.1 - 1])) {
                return None;
            }
            let clause_end = (ce..toks.len()).find(|&k| toks[k].text == "," && !toks.get(k + 1).is_some_and(|t| is_quote_mark(t.text))).map_or(content_limit, |k| toks[k].start.min(content_limit));
            if needs_clause && !clause_like(toks, ce) {
                return None;
            }
            let content = content_after(toks, ce, clause_end);
            return finish_attribution(text, toks, np, (cs, ce), content, (sent_start, sent_end), memory);
        }
        let back = if j > 0 { backward_np(toks, j - 1) } else { None };
        // "…, said Israeli settlers, who …": inverted, not an appositive before the cue.
        // After "told" comes who was told ("…, told investors of New Media, …"), never who spoke.
        let tell = toks[cs..ce].iter().any(|t| t.is_any(&["told", "tells", "tell", "telling"]));
        let inverted_np = (!tell && j == cs && cs > 0 && (toks[cs - 1].text == "," || is_quote_mark(toks[cs - 1].text)))
            .then(|| forward_np(toks, ce))
            .flatten()
            .filter(|&(a, e)| !toks[a].is("that") && toks.get(e).is_none_or(|t| t.is_punct() && !is_quote_mark(t.text)));
        let back = back.or_else(|| if inverted_np.is_some() { None } else { appositive_subject(toks, j) });
        // "Paganini and his team said", "Businesses and residents said": two subjects, the
        // first at the start of the clause.
        let back = back.map(|np| coordinated_subject(toks, np).unwrap_or(np));
        // "…years that industry analysts say will …": "that" before a plural is a relative
        // pronoun, not a demonstrative of the source.
        let back = back.map(|np| {
            let head = toks[np.1 - 1].lower();
            let relative = np.1 - np.0 > 1 && toks[np.0].is("that") && head.ends_with('s') && !head.ends_with("ss");
            if relative { (np.0 + 1, np.1) } else { np }
        });
        // "Court papers obtained by our correspondent on Monday showed": the papers showed; the
        // source is the whole phrase.
        let back = back.map(|np| {
            let passive_by = np.0 >= 3 && toks[np.0 - 1].is("by") && toks[np.0 - 2].lower().ends_with("ed") && !toks[np.0 - 2].is_capitalized();
            passive_by.then(|| backward_np(toks, np.0 - 3)).flatten().map_or(np, |head| (head.0, np.1))
        });
        // "As Reuters reported, the talks stalled.", "As iFixit points out in its teardown, …":
        // the content is the clause after the comma.
        // (Not "…, as NASA's scientists have confirmed that they …": "as" for "because".)
        let as_clause = back.filter(|np| np.0 >= 1 && toks[np.0 - 1].is("as") && (np.0 == 1 || matches!(toks[np.0 - 2].text, "," | ";")));
        let comma = as_clause.and_then(|_| (ce..toks.len().min(ce + 12)).find(|&k| toks[k].text == ",")).filter(|&k| !toks[ce..k].iter().any(|t| t.is("that")));
        if let (Some(np), Some(comma)) = (as_clause, comma) {
            let content = content_after(toks, comma + 1, content_limit);
            return finish_attribution(text, toks, np, (cs, ce), content, (sent_start, sent_end), memory);
        }
        // "Prices rose, as the minister said.": the clause before.
        if let Some(np) = as_clause.filter(|np| np.0 >= 2 && toks[np.0 - 2].text == "," && (ce >= toks.len() || only_adjunct(toks, ce))) {
            let content = content_before(toks, np.0 - 1);
            return finish_attribution(text, toks, np, (cs, ce), content, (sent_start, sent_end), memory);
        }
        match back {
            Some(np) => {
                source_range = Some(np);
                let after = content_after(toks, ce, content_limit);
                // "“…,” Hicks said of her time in the military." / "…,” Rothman said now.": after a
                // quote that ends right before the source, what follows the cue is reported
                // only if it is a clause.
                // (A closing quote mark: glued to what it closes.)
                let closing = |k: usize| k > 0 && is_quote_mark(toks[k].text) && toks[k - 1].end == toks[k].start;
                let quote_before = np.0 > 0 && (closing(np.0 - 1) || np.0 > 1 && toks[np.0 - 1].text == "," && closing(np.0 - 2));
                let adjunct_only = after.is_none() || only_adjunct(toks, ce) || quote_before && cue.quote.is_none() && !clause_like(toks, ce);
                // "a finding that she reported in 2009": a relative clause about a noun
                // before it, which is no content.
                if adjunct_only && np.0 > 0 && toks[np.0 - 1].is_any(&["that", "which", "whom"]) && np.1 - np.0 == 1 && is_pronoun(&toks[np.0]) {
                    return None;
                }
                content = if adjunct_only && np.0 > 0 && cue.quote.is_none() {
                    content_before(toks, np.0)
                } else {
                    if needs_clause && !clause_like(toks, ce) {
                        return None;
                    }
                    after
                };
            }
            None => {
                // Inverted: "…," said Blinken / "…," said the minister.
                let inverted = cs > 0 && (toks[cs - 1].text == "," || is_quote_mark(toks[cs - 1].text));
                if !inverted || cue.quote.is_some() || tell {
                    return None;
                }
                let np = forward_np(toks, ce)?;
                // "…, reported a methamphetamine use disorder in 2017": an object, not a
                // speaker, unless it names someone or is a speaker noun.
                let head = &toks[np.1 - 1];
                let speaker_like = toks[np.0..np.1].iter().any(|t| t.is_capitalized()) || SPEAKER_NOUNS.contains_token(head);
                if !speaker_like && toks.get(np.1).is_some_and(|t| t.is_word()) {
                    return None;
                }
                source_range = Some(np);
                content = content_before(toks, cs);
            }
        }
    }
    finish_attribution(text, toks, source_range?, (cs, ce), content, (sent_start, sent_end), memory)
}

/// The attribution of the source tokens `ss..se`, the cue tokens `cs..ce` and the content
/// (byte offsets, kept inside the sentence `sent` and off the source and cue).
fn finish_attribution(
    text: &str,
    toks: &[Token<'_>],
    (ss, se): (usize, usize),
    (cs, ce): (usize, usize),
    content: Option<(usize, usize)>,
    (sent_start, sent_end): (usize, usize),
    memory: &mut SpeakerMemory,
) -> Option<Attribution> {
    let source_tokens = &toks[ss..se];
    let (speaker, kind) = name_speaker(source_tokens, memory);
    let source = Span::new(Role::Source, text, toks[ss].start, toks[se - 1].end);
    let cue = Span::new(Role::Cue, text, toks[cs].start, toks[ce - 1].end);
    let content = content
        .filter(|(s, e)| s < e)
        .filter(|&(s, e)| !(s < cue.end && cue.start < e) && !(s < source.end && source.start < e))
        .map(|(s, e)| Span::new(Role::Content, text, s.max(sent_start), e.min(sent_end)));
    Some(Attribution { source, cue, content, source_kind: kind, speaker })
}

/// Back from the cue at `cs` to the end of its subject, over what may stand between them:
/// adverbs ("also", "flatly"), ", however," and a time ("last week", "on Tuesday", "earlier
/// this month"): "The European Union's top court last week ruled", "Most mainstream
/// economists, however, argue".
fn skip_interrupters(toks: &[Token<'_>], cs: usize) -> usize {
    const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let mut j = cs;
    loop {
        let word = |back: usize| j.checked_sub(back).map(|k| &toks[k]);
        if j > 0 && (toks[j - 1].is_any(ADVERBS) || is_ly_adverb(&toks[j - 1])) {
            j -= 1;
        } else if j >= 4
            && toks[j - 1].text == ","
            && toks[j - 2].is_any(&["however", "though", "meanwhile", "too", "instead", "moreover", "nonetheless", "nevertheless"])
            && toks[j - 3].text == ","
        {
            j -= 3;
        } else if word(1).is_some_and(|t| t.is_any(&["week", "month", "year", "weekend", "night", "morning", "afternoon", "evening"]) || t.is_any(WEEKDAYS))
            && word(2).is_some_and(|t| t.is_any(&["last", "this", "on"]))
            && j > 2
        {
            j -= 2;
        } else {
            return j;
        }
    }
}

/// A lower-case adverb in "-ly" ("flatly", "publicly"), not a noun like "ally".
fn is_ly_adverb(t: &Token<'_>) -> bool {
    let l = t.lower();
    !t.is_capitalized() && l.len() > 4 && l.ends_with("ly") && !matches!(&*l, "family" | "italy" | "supply" | "assembly" | "reply" | "rally")
}

/// Token range covering bytes `start..end`.
fn token_range_of(toks: &[Token<'_>], start: usize, end: usize) -> Option<(usize, usize)> {
    let s = toks.iter().position(|t| t.start == start)?;
    let e = toks.iter().rposition(|t| t.end == end)?;
    (s <= e).then_some((s, e + 1))
}

/// The noun phrase ending at token `j` (inclusive), walking left.
fn backward_np(toks: &[Token<'_>], j: usize) -> Option<(usize, usize)> {
    let t = &toks[j];
    if !t.is_word() {
        return None;
    }
    if is_pronoun(t) {
        return Some((j, j + 1));
    }
    let lower = t.lower();
    // "Some said …", "Others argue …": a quantifier standing alone for people, at the start of
    // a clause (anonymous).
    if matches!(&*lower, "some" | "many" | "most" | "others" | "several" | "few")
        && (j == 0 || matches!(toks[j - 1].text, "," | ";" | ":" | "—" | "–") || is_quote_mark(toks[j - 1].text) || toks[j - 1].is_any(&["and", "but", "while"]))
    {
        return Some((j, j + 1));
    }
    if t.is_capitalized() && !FUNCTION_WORDS.contains(&&*lower) {
        let mut s = j;
        // Lower-case role nouns ("Jefferies analyst Jonathan Matuszewski", "White House press
        // secretary …") are kept only if a capitalised word comes before them.
        let mut committed = j;
        while s > 0 {
            let p = &toks[s - 1];
            let pl = p.lower();
            let joins_caps = matches!(&*pl, "of" | "for" | "and" | "&") && s >= 2 && toks[s - 2].is_capitalized();
            if p.is_word() && p.is_capitalized() && !FUNCTION_WORDS.contains(&&*pl) {
                s -= 1;
                committed = s;
            } else if joins_caps || NAME_MODIFIERS.contains(&&*pl) || p.text == "’s" || p.text == "'s" {
                s -= 1;
                if NAME_MODIFIERS.contains(&&*pl) {
                    committed = s;
                }
            } else if matches!(&*pl, "the" | "a" | "an") {
                s -= 1;
                committed = s;
                break;
            } else if !p.is_capitalized() && p.is_word() && (TITLE_WORDS.contains(&&*pl) || ROLE_NOUNS.contains(&&*pl)) {
                s -= 1;
            } else if p.text == "," && s >= 2 && is_title(&toks[s]) && is_title(&toks[s - 2]) && toks[s - 2].is_word() {
                // A list of titles: "chairman, CEO and president Craig Menear".
                s -= 2;
                committed = s;
            } else {
                break;
            }
        }
        let mut s = extend_premodifiers(toks, committed);
        // Don't start on a dangling "of"/"and".
        while s < j && toks[s].is_any(&["of", "for", "and", "&"]) {
            s += 1;
        }
        // "multiple friends of Mike Ford told me": the friends spoke, not Mike Ford.
        if s >= 2 && toks[s - 1].is("of") {
            let noun = &toks[s - 2];
            let nl = noun.lower();
            let title = TITLE_WORDS.contains(&&*nl) || ROLE_NOUNS.contains(&&*nl);
            if noun.is_word() && !noun.is_capitalized() && !title && !FUNCTION_WORDS.contains(&&*nl) && !is_verb_like(noun) {
                // Its modifiers, back to a determiner ("the family", "multiple friends").
                let mut h = s - 2;
                let mut determiner = false;
                while h > 0 && s - 2 - h < 3 {
                    let p = &toks[h - 1];
                    let pl = p.lower();
                    if !p.is_word() || p.is_capitalized() && !DETERMINERS.contains(&&*pl) {
                        break;
                    }
                    if DETERMINERS.contains(&&*pl) {
                        h -= 1;
                        determiner = true;
                        break;
                    }
                    if FUNCTION_WORDS.contains(&&*pl) || is_verb_like(p) {
                        break;
                    }
                    h -= 1;
                }
                if determiner || nl.ends_with('s') || SPEAKER_NOUNS.contains(&&*nl) {
                    return Some((h, j + 1));
                }
            }
        }
        return Some((s, j + 1));
    }
    // "people familiar with the matter said": skip back over the modifier.
    if j >= 3 {
        for k in (j.saturating_sub(6)..j).rev() {
            if toks[k].is_any(&["familiar", "knowledge", "close"]) && k > 0 && toks[k - 1].is_word() {
                if let Some((s, _)) = backward_np(toks, k - 1) {
                    if SPEAKER_NOUNS.contains_token(&toks[k - 1]) {
                        return Some((s, j + 1));
                    }
                }
            }
        }
    }
    // A lower-case head: walk back to a determiner over modifiers ("the energy ministry",
    // "a government source"). Without a determiner, only known speaker nouns ("officials")
    // or a phrase at the start of a clause.
    if !FUNCTION_WORDS.contains(&&*lower) && !is_verb_like(t) && !DETERMINERS.contains(&&*lower) {
        let mut s = j;
        let mut determiner = false;
        while s > 0 && j - s < 6 {
            let p = &toks[s - 1];
            let pl = p.lower();
            if !p.is_word() {
                break;
            }
            if DETERMINERS.contains(&&*pl) {
                s -= 1;
                determiner = true;
                break;
            }
            if FUNCTION_WORDS.contains(&&*pl) || is_verb_like(p) {
                break;
            }
            s -= 1;
        }
        let clause_start = s == 0 || matches!(toks[s - 1].text, "," | ";" | ":" | "—" | "–") || is_quote_mark(toks[s - 1].text);
        if determiner || SPEAKER_NOUNS.contains(&&*lower) || clause_start && lower.ends_with('s') {
            return Some((s, j + 1));
        }
    }
    None
}

/// Before a name starting at token `s`: lower-case words that describe it, back to where its
/// phrase starts ("High school math teacher Angela Cooper", "company CEO Andy Vesey", "the
/// conservative-leaning Tax Foundation", "the 14th-ranked Schwartzman"). Taken only when the
/// phrase starts there: at the start of the clause, after a capitalised word (which the
/// caller stopped at), or at "the"/"a"/"an" (which is taken too); and, without a
/// determiner, only when a role noun is among them ("reform candidate Jane Doe").
fn extend_premodifiers(toks: &[Token<'_>], s: usize) -> usize {
    if toks[s].is_any(&["the", "a", "an"]) {
        return s;
    }
    let mut h = s;
    let head = toks[s].lower();
    let role_word = |w: &str| ROLE_NOUNS.contains(&w) || TITLE_WORDS.contains(&w) || NAME_MODIFIERS.contains(&w);
    let mut role = role_word(&head);
    let mut describes = true;
    while h > 0 && s - h < 4 {
        let p = &toks[h - 1];
        let pl = p.lower();
        let hyphenated = pl.contains('-');
        if !p.is_word() || p.is_capitalized() || FUNCTION_WORDS.contains(&&*pl) || DETERMINERS.contains(&&*pl) || is_verb_like(p) && !hyphenated || is_pronoun(p) {
            break;
        }
        role |= ROLE_NOUNS.contains(&&*pl) || TITLE_WORDS.contains(&&*pl);
        // A word that only describes ("conservative-leaning", "14th-ranked", "veteran").
        describes &= role_word(&pl) || hyphenated || pl.ends_with("ing");
        h -= 1;
    }
    if h == s {
        return s;
    }
    // "the conservative-leaning Tax Foundation"; not "the visual quality Google promised" or
    // "the letter Mike wrote" (a noun, then a relative clause).
    if h > 0 && toks[h - 1].is_any(&["the", "a", "an"]) && (describes || role) {
        return h - 1;
    }
    let starts_clause = |k: usize| k == 0 || matches!(toks[k - 1].text, "," | ";" | ":" | "—" | "–" | "(") || is_quote_mark(toks[k - 1].text);
    if !role {
        return s;
    }
    let before = h.checked_sub(1).map(|b| &toks[b]);
    if before.is_some_and(|b| b.is_word() && b.is_capitalized() && !FUNCTION_WORDS.contains(&&*b.lower())) {
        // "High school math teacher …" at the start of a clause: its capitalised first word.
        return if starts_clause(h - 1) { h - 1 } else { h };
    }
    // "CNN's chief medical correspondent Dr. Sanjay Gupta": the possessor too.
    if h >= 2 && matches!(toks[h - 1].text, "'s" | "’s") && toks[h - 2].is_capitalized() && starts_clause(h - 2) {
        return h - 2;
    }
    let boundary = starts_clause(h) || h > 0 && toks[h - 1].is_capitalized();
    if boundary {
        h
    } else {
        s
    }
}

/// `np` and a subject joined to it by "and" before it, when that one starts its clause.
fn coordinated_subject(toks: &[Token<'_>], np: (usize, usize)) -> Option<(usize, usize)> {
    if np.0 < 2 || !toks[np.0 - 1].is("and") || is_pronoun(&toks[np.0]) {
        return None;
    }
    let left = backward_np(toks, np.0 - 2)?;
    let clause_start = left.0 == 0 || matches!(toks[left.0 - 1].text, "," | ";" | ":" | "—" | "–" | "(") || is_quote_mark(toks[left.0 - 1].text);
    let no_verb = !toks[left.0..np.0 - 1].iter().any(is_verb_like);
    (clause_start && no_verb).then_some((left.0, np.1))
}

/// A title or role word ("chairman", "CEO", "president").
fn is_title(t: &Token<'_>) -> bool {
    TITLE_WORDS.contains_token(t) && !t.is_any(&["the", "of", "for", "state", "house", "national", "security", "council"]) || ROLE_NOUNS.contains_token(t)
}

/// "Kim, the defense minister, said": the subject before an appositive ending at `j - 1`.
fn appositive_subject(toks: &[Token<'_>], j: usize) -> Option<(usize, usize)> {
    if j == 0 || toks[j - 1].text != "," {
        return None;
    }
    let near = (j.saturating_sub(14)..j - 1).rev().find(|&k| toks[k].text == ",");
    let looks_appositive = |open: usize| {
        toks[open + 1..j - 1].first().is_some_and(|t| t.is_any(&["a", "an", "the", "who", "whose", "which"]) || !t.is_capitalized())
    };
    // A long relative clause ("McCormick, who has split from many fellow Republicans on
    // issues such as …, told"): back to its "who", further than a plain appositive.
    // "Prince Andrew, the … younger brother of heir to the British throne, Charles, has told":
    // an appositive whose last words are a name set off by commas of their own.
    let nested = || {
        let inner = near.filter(|&o| j - 1 - (o + 1) <= 4 && toks[o + 1..j - 1].iter().all(|t| t.is_capitalized()))?;
        let outer = (inner.saturating_sub(24)..inner).rev().find(|&k| toks[k].text == ",")?;
        toks.get(outer + 1).is_some_and(|t| t.is_any(&["a", "an", "the"])).then_some(outer)
    };
    // "Dylan Nelson, a fellow at the institute in Munich, Germany, and co-author of the study,
    // said": an appositive whose second part starts with "and" began at an earlier comma.
    let near = near.map(|o| {
        if !toks.get(o + 1).is_some_and(|t| t.is_any(&["and", "or"])) {
            return o;
        }
        (o.saturating_sub(24)..o).rev().find(|&k| toks[k].text == "," && toks.get(k + 1).is_some_and(|t| t.is_any(&["a", "an", "the", "who", "whose", "which"]))).unwrap_or(o)
    });
    // "her mother, Fiona, said", "the company's chief, Jane Doe, said": a name in commas of
    // its own after a description with a possessive or "the" is the source, with it.
    if let Some(o) = near.filter(|&o| o > 0 && j - 1 - (o + 1) <= 4 && toks[o + 1..j - 1].iter().all(|t| t.is_capitalized())) {
        if let Some(np) = backward_np(toks, o - 1) {
            // (The description starts its clause: not "heir to the British throne, Charles";
            // and the cue is not passive: "His mother, Queen Elizabeth, was said to …".)
            let starts_clause = np.0 == 0 || is_quote_mark(toks[np.0 - 1].text) || matches!(toks[np.0 - 1].text, "," | ";" | ":" | "—" | "–");
            let passive = toks.get(j).is_some_and(|t| t.is_any(&["was", "were", "is", "are", "be", "been", "being"]));
            let described = toks[np.0].is_any(&["her", "his", "their", "its", "our", "my", "the"]) && np.1 == o && np.1 - np.0 >= 2;
            if described && starts_clause && !passive {
                return Some((np.0, j - 1));
            }
        }
    }
    let open = near.filter(|&o| looks_appositive(o)).or_else(nested).or_else(|| {
        (j.saturating_sub(32)..j - 1).rev().find(|&k| toks[k].text == "," && toks.get(k + 1).is_some_and(|t| t.is_any(&["who", "whose", "which"])))
    })?;
    if open == 0 {
        return None;
    }
    let np = backward_np(toks, open - 1)?;
    // A name, or a description with a determiner or of speakers ("The German automaker, which
    // has focused on electric vehicles, says …", "officials, who …, said").
    let head = &toks[np.1 - 1];
    let described = DETERMINERS.contains_token(&toks[np.0]) || SPEAKER_NOUNS.contains_token(head);
    (head.is_capitalized() || described).then_some(np)
}

/// The noun phrase starting at token `k`, walking right (for "said X", "according to X").
fn forward_np(toks: &[Token<'_>], k: usize) -> Option<(usize, usize)> {
    let mut e = k;
    let mut seen_head = false;
    while e < toks.len() && e - k < 10 {
        let t = &toks[e];
        let l = t.lower();
        if !t.is_word() {
            break;
        }
        if e > k && l == "familiar" && toks.get(e + 1).is_some_and(|n| n.is("with")) {
            // "people familiar with the matter"
            e += 2;
            while e < toks.len() && toks[e].is_word() && e - k < 10 && !is_verb_like(&toks[e]) {
                e += 1;
            }
            break;
        }
        if e > k && matches!(&*l, "of" | "for" | "by" | "from") && toks.get(e + 1).is_some_and(|n| n.is_capitalized() || n.is("the")) {
            e += 1;
            continue;
        }
        if e > k && l == "the" && toks[e - 1].is_any(&["of", "for", "from"]) {
            e += 1;
            continue;
        }
        if FUNCTION_WORDS.contains(&&*l) && !(e == k && t.is_capitalized()) || is_verb_like(t) && e > k {
            break;
        }
        if DETERMINERS.contains(&&*l) && seen_head {
            break;
        }
        seen_head |= !DETERMINERS.contains(&&*l);
        e += 1;
    }
    (e > k && seen_head).then_some((k, e))
}

/// The first capitalised phrase followed by a verb, before token `limit`.
fn main_subject(toks: &[Token<'_>], limit: usize) -> Option<(usize, usize)> {
    for k in 0..limit.saturating_sub(1) {
        let t = &toks[k];
        let next = &toks[k + 1];
        let subject_like = t.is_word() && (t.is_capitalized() && !FUNCTION_WORDS.contains_token(t) || t.is_any(PRONOUNS));
        let verb_follows = is_verb_like(next) || next.is_any(ADVERBS) && toks.get(k + 2).is_some_and(is_verb_like);
        if subject_like && verb_follows {
            return backward_np(toks, k);
        }
    }
    None
}

/// A lower-case word that looks like a finite verb.
fn is_verb_like(t: &Token<'_>) -> bool {
    if !t.is_word() || t.is_capitalized() {
        return false;
    }
    let l = t.lower();
    l.ends_with("ed")
        || AUXILIARIES.contains(&&*l)
        || FINITE_CUES.contains(&&*l)
        || matches!(
            &*l,
            "remains" | "remain" | "became" | "become" | "made" | "gave" | "took" | "went" | "met" | "saw" | "sent" | "led"
                | "held" | "spoke" | "called" | "urged" | "visited" | "fell" | "rose" | "came" | "got" | "knew" | "began"
                | "grew" | "fought" | "won" | "lost" | "left" | "ran" | "kept" | "paid" | "put" | "set" | "spent" | "stood"
                | "brought" | "bought" | "built" | "caught" | "chose" | "drew" | "drove" | "ate" | "fled" | "flew" | "forgot"
                | "heard" | "hid" | "hit" | "hurt" | "lay" | "meant" | "rang" | "sat" | "shot" | "shut" | "sold" | "struck"
                | "swore" | "taught" | "threw" | "understood" | "woke" | "wore" | "wrote" | "can" | "cannot" | "won't"
        )
}

/// Only a short adjunct follows the cue ("announced on Wednesday.", "said in a statement.").
fn only_adjunct(toks: &[Token<'_>], ce: usize) -> bool {
    // "told the outlet on Monday.": skip the object of "told".
    let mut ce = ce;
    if toks[ce - 1].is_any(&["told", "tells", "tell", "telling"]) {
        if let Some((_, e)) = forward_np(toks, ce) {
            if !toks[ce..e].iter().any(|t| t.is("that")) {
                ce = e;
            }
        }
    }
    // The words after the cue (no vector of them: this runs for every cue).
    let rest = toks[ce..].iter().filter(|t| t.is_word());
    let Some(first) = rest.clone().next() else {
        return true;
    };
    if rest.clone().any(|t| t.is("that")) || toks[ce..].iter().any(|t| is_quote_mark(t.text) || t.text == ":") {
        return false;
    }
    // ", citing weak demand", ", referring to …": a participle phrase about the statement.
    if toks[ce].text == "," && first.is_any(&["citing", "referring", "pointing", "noting", "speaking", "writing", "responding", "explaining", "echoing"]) && rest.clone().count() <= 14 {
        return !first.is_any(&["noting", "writing", "explaining"]) || !rest.clone().any(|t| t.is("that"));
    }
    let starts = first.is_any(&[
        "on", "in", "at", "during", "last", "yesterday", "today", "tonight", "earlier", "late", "this",
        "via", "through", "before", "after", "afterward", "afterwards", "recently", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "told", "when", "while", "according",
        "to", "amid", "following", "from", "outside", "inside", "as",
    ]) || first.is_any(&["reporters", "journalists", "cnn", "reuters"]);
    starts && rest.count() <= 14
}

/// Content after the cue: a leading "that" clause or quote, up to `limit` (a byte offset).
/// After a cue ending at `ce`, a noun phrase object comes first ("reported details of the
/// tour that stops …", "reported earnings that topped estimates"): a "that" after it starts a
/// relative clause, not what was reported. Not after verbs whose object is who was told
/// ("warned investors that …"), nor before an adjunct ("said in a statement that", "said
/// Monday that", "noted years ago that").
fn object_before_that(toks: &[Token<'_>], ce: usize) -> bool {
    if toks[ce - 1].is_any(&["told", "tells", "tell", "telling", "warned", "warns", "warn", "reminded", "assured", "informed", "notified", "convinced", "advised", "cautioned", "promised", "briefed"]) {
        return false;
    }
    let Some(first) = toks.get(ce) else { return false };
    if DETERMINERS.contains_token(first) {
        // ("estimated this year that …", "said last week that …": a time, not an object.)
        let time = toks.get(ce + 1).is_some_and(|n| {
            n.is_any(&["year", "week", "month", "morning", "afternoon", "evening", "night", "spring", "summer", "fall", "autumn", "winter", "weekend", "quarter", "time"])
        });
        return !first.is("that") && !time;
    }
    let l = first.lower();
    first.is_word()
        && !first.is_capitalized()
        && !is_ly_adverb(first)
        && !FUNCTION_WORDS.contains(&&*l)
        && !first.is_any(ADVERBS)
        && !matches!(
            &*l,
            "in" | "on" | "at" | "during" | "after" | "before" | "to" | "via" | "through" | "while" | "last" | "earlier" | "later"
                | "this" | "again" | "also" | "repeatedly" | "previously" | "yesterday" | "today" | "tonight" | "recently" | "then"
                | "now" | "once" | "twice" | "for" | "over" | "since" | "from" | "with" | "by" | "reporters" | "journalists"
                | "lawmakers" | "years" | "months" | "weeks" | "days" | "decades" | "privately" | "publicly" | "separately" | "late" | "early"
        )
}

fn content_after(toks: &[Token<'_>], ce: usize, limit: usize) -> Option<(usize, usize)> {
    let mut k = ce;
    // "told reporters that …", "said in a statement that …": jump to a near "that".
    // After "told", also to a near ":" ("told the BBC interviewer: “…”").
    let to_colon = toks[ce - 1].is_any(&["told", "tells", "tell", "telling"]);
    if let Some(t) = (ce..toks.len().min(ce + 7)).find(|&t| (toks[t].is("that") || to_colon && toks[t].text == ":") && toks[t].start < limit) {
        // (Not over a clause that has begun: "said they felt dejected that …".)
        let between_ok = toks[ce..t].iter().all(|x| x.is_word() || x.text == ",")
            && !toks[ce..t].iter().any(|x| is_quote_mark(x.text))
            && !(t > ce && toks[ce].is_any(PRONOUNS))
            && !(t > ce && object_before_that(toks, ce));
        if between_ok {
            k = t;
        }
    }
    if k == ce && toks.get(ce).is_some_and(|t| t.is_any(&["reporters", "journalists", "lawmakers"])) {
        k += 1;
    }
    // Where a leading adjunct may start: right after the cue, or after who was told.
    let mut adjunct_at = ce;
    let told = toks[ce - 1].is_any(&["told", "tells", "tell", "telling"]);
    if k == ce && told {
        // Who was told is not what was said: "told investors prices were rising".
        if let Some(e) = listener_end(toks, ce) {
            k = e;
            adjunct_at = e;
        } else if let Some((_, e)) = forward_np(toks, ce) {
            // "told clients all the time, they'll …", "told CNN on Monday he would run".
            adjunct_at = e;
        }
    }
    // "said in a statement, “…”", "noted at the time, …": skip a leading adjunct up to a comma
    // (after who was told also "all the time, …", or up to a pronoun: "on Monday he would run").
    if (k == ce || k == adjunct_at)
        && toks.get(adjunct_at).is_some_and(|t| {
            t.is_any(&["in", "on", "at", "during", "after", "via", "through", "while", "last", "earlier", "later"]) || told && t.is("all")
        })
    {
        let a = adjunct_at;
        if let Some(c) = (a..toks.len().min(a + 9)).find(|&c| toks[c].text == "," && toks[c].start < limit) {
            k = c + 1;
        } else if told {
            if let Some(p) = (a + 1..toks.len().min(a + 5)).find(|&p| toks[p].is_any(PRONOUNS) && toks[a..p].iter().all(|t| t.is_word())) {
                k = p;
            }
        }
    }
    while k < toks.len() && matches!(toks[k].text, "," | ":" | "—" | "–") {
        k += 1;
    }
    let first = toks.get(k)?;
    if first.start >= limit {
        return None;
    }
    // End: the last token before the limit, without a dangling ",", "and", "but", "while".
    let mut e = k + toks[k..].iter().take_while(|t| t.end <= limit).count();
    while e > k + 1 && (toks[e - 1].is_any(&["and", "but", "while", "or"]) || matches!(toks[e - 1].text, "," | ";" | "—" | "–")) {
        e -= 1;
    }
    let end = toks[e - 1].end;
    (end > first.start && toks[k..e].iter().any(|t| t.is_word())).then_some((first.start, end))
}

/// After "told" at `k`: the end of who was told ("him", "investors", "the outlet", "the BBC",
/// "The Associated Press") when a clause follows it ("… he was tired", "… the plan would fail",
/// "… prices were rising", "… had immense value": the subject left out in "the metrics it once
/// told people had immense value").
fn listener_end(toks: &[Token<'_>], k: usize) -> Option<usize> {
    let lower_noun = |t: &Token<'_>| {
        t.is_word() && !t.is_capitalized() && !is_verb_like(t) && !is_pronoun(t) && !FUNCTION_WORDS.contains(&&*t.lower()) && !DETERMINERS.contains(&&*t.lower())
    };
    let starts_clause = |e: usize| {
        let Some(n) = toks.get(e) else { return false };
        is_pronoun(n)
            || n.is_any(&["has", "have", "had", "will", "would", "is", "was", "were", "are", "could", "may", "might", "should", "must"])
            || DETERMINERS.contains(&&*n.lower()) && !n.is("that")
            || n.is_capitalized()
            || n.text.as_bytes()[0].is_ascii_digit()
            || lower_noun(n) && toks[e + 1..toks.len().min(e + 4)].iter().any(is_verb_like)
    };
    let t = toks.get(k)?;
    // A determiner (also "her" in "told her mother …") and a lower-case noun, or a name.
    let mut e = k;
    if DETERMINERS.contains(&&*t.lower()) && !t.is("that") || t.is("her") {
        e += 1;
    }
    if toks.get(e).is_some_and(|h| h.is_capitalized() && h.is_word()) {
        while toks.get(e).is_some_and(|h| h.is_capitalized() && h.is_word()) {
            e += 1;
        }
    } else if toks.get(e).is_some_and(lower_noun) {
        e += 1;
    } else {
        e = k;
    }
    if e > k && starts_clause(e) {
        return Some(e);
    }
    // An object pronoun: "told them the talks had stalled".
    (t.is_any(&["him", "her", "them", "us", "me", "you"]) && starts_clause(k + 1)).then_some(k + 1)
}

/// Content before the token `upto`: from the sentence start to the last word before it,
/// without the separating comma (but keeping a closing quote mark).
fn content_before(toks: &[Token<'_>], upto: usize) -> Option<(usize, usize)> {
    let mut e = upto;
    while e > 0 && matches!(toks[e - 1].text, "," | "—" | "–") {
        e -= 1;
    }
    if e == 0 {
        return None;
    }
    // If the text just before is a closing quote with a comma inside ("…,\""), keep both.
    let mut s = 0;
    while s < e && matches!(toks[s].text, "—" | "–" | "-") {
        s += 1;
    }
    // Leading "But", "And", "In fact," are the writer's, not the source's.
    if s + 1 < e && toks[s].is_any(&["but", "and", "so", "yet", "or", "however", "meanwhile", "still", "indeed", "also"]) {
        s += 1;
        if toks[s].text == "," {
            s += 1;
        }
    } else if s + 2 < e && toks[s].is("in") && toks[s + 1].is_any(&["sum", "fact", "short", "total", "addition"]) && toks[s + 2].text == "," {
        s += 3;
    }
    (s < e && toks[s..e].iter().any(|t| t.is_word())).then(|| (toks[s].start, toks[e - 1].end))
}

/// The speaker's name and kind for a source phrase.
fn name_speaker(np: &[Token<'_>], memory: &mut SpeakerMemory) -> (String, SourceKind) {
    let phrase = np.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    if np.len() == 1 && is_pronoun(&np[0]) {
        let resolved = memory.resolve_pronoun(&np[0].lower());
        return (resolved.unwrap_or_else(|| np[0].text.to_string()), SourceKind::Pronoun);
    }
    if np.len() == 1 && np[0].is_any(&["some", "many", "most", "others", "several", "few"]) {
        memory.set_group(&phrase);
        return (phrase, SourceKind::Anonymous);
    }
    // "multiple friends of Mike Ford", "the family of the victim": the people before "of"
    // spoke (but "chief of staff John Kelly" is a title and a name).
    let of_head = np.iter().enumerate().skip(1).find(|(_, t)| t.is("of")).map(|(p, _)| p).filter(|&p| {
        let h = &np[p - 1];
        let l = h.lower();
        h.is_word() && !h.is_capitalized() && !TITLE_WORDS.contains(&&*l) && !ROLE_NOUNS.contains(&&*l)
    });
    if let Some(p) = of_head {
        // The name after "of" is remembered as any name is (for "Ford" later, and pronouns).
        let tail = &np[p + 1..];
        let k = tail.len() - tail.iter().rev().take_while(|t| t.is_capitalized() && !FUNCTION_WORDS.contains(&&*t.lower())).count();
        if k < tail.len() {
            let name = tail[k..].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            let person = tail.len() - k <= 3 && looks_like_person(&tail[k..]);
            memory.remember(&name, person);
        }
        return (phrase, unnamed_kind(&np[..p]));
    }
    // The trailing run of capitalised, non-title words is the name.
    let mut k = np.len();
    while k > 0 {
        let t = &np[k - 1];
        let l = t.lower();
        let common = SPEAKER_NOUNS.contains(&&*l) || DETERMINERS.contains(&&*l);
        let name_word = |t: &Token<'_>| {
            let l = t.lower();
            t.is_capitalized() && !TITLE_WORDS.contains(&&*l) && !FUNCTION_WORDS.contains(&&*l) && !SPEAKER_NOUNS.contains(&&*l) && !DETERMINERS.contains(&&*l)
        };
        if t.is_capitalized() && !TITLE_WORDS.contains(&&*l) && !FUNCTION_WORDS.contains(&&*l) && !common {
            k -= 1;
        } else if k < np.len() && k >= 2 && t.is_any(&["of", "for", "and", "&"]) && name_word(&np[k - 2]) {
            // "Centers for Disease Control and Prevention", "Argus Leader of Sioux Falls".
            k -= 1;
        } else {
            break;
        }
    }
    if k == np.len() {
        // No name (see `unnamed_kind`).
        let kind = unnamed_kind(np);
        remember_unnamed(np, &phrase, kind, memory);
        return (phrase, kind);
    }
    let name = np[k..].iter().map(|t| t.text.trim_end_matches("’s").trim_end_matches("'s")).collect::<Vec<_>>().join(" ");
    let name = if !name.contains(' ') { memory.resolve_surname(&name).unwrap_or(name) } else { name };
    let person = np.len() - k <= 3 && looks_like_person(&np[k..]);
    let gender = np[..k].iter().rev().find_map(|t| gender_of_title(&t.lower()));
    // A title before the name ("Secretary", "Mr."; not "the", "of") also says it is a person.
    let titled = np[..k].iter().any(|t| TITLE_WORDS.contains_token(t) && !t.is_any(&["the", "of", "for"]));
    memory.remember_person(&name, person || titled, gender);
    (name, SourceKind::Named)
}

/// Remembers a source without a name for later pronouns: a plural phrase ("officials",
/// "Paganini and his team", "Some") for "they", a definite thing ("the company", "the
/// statement") for "it".
fn remember_unnamed(np: &[Token<'_>], phrase: &str, kind: SourceKind, memory: &mut SpeakerMemory) {
    let head = np.last().map(|t| t.lower()).unwrap_or_default();
    let plural = np.iter().any(|t| t.is("and")) || head.ends_with('s') && !head.ends_with("ss") || np.len() == 1 && kind == SourceKind::Anonymous;
    if plural {
        memory.set_group(phrase);
    } else if np[0].is_any(&["the", "this", "that"]) && np.last().is_some_and(|h| !ROLE_NOUNS.contains_token(h) && !TITLE_WORDS.contains_token(h)) {
        memory.thing = Some((phrase.to_string(), memory.now));
    }
}

/// The kind of a source phrase without a name. Anonymous: "sources", "officials", "an
/// insider", indefinite or quantified phrases ("a statement", "some Twitter users", "one legal
/// expert") and bare plurals ("Analysts", "scientists"). A definite description ("the company",
/// "the governor") refers to someone the article names: counted as named.
fn unnamed_kind(np: &[Token<'_>]) -> SourceKind {
    let first = np[0].lower();
    let indefinite = ["a", "an", "one", "some", "several", "many", "multiple", "most", "few", "other", "others", "those", "two", "three", "various", "numerous"]
        .contains(&&*first);
    let head = np.last().map(|t| t.lower()).unwrap_or_default();
    let bare_plural = !DETERMINERS.contains(&&*first) && !first.ends_with("'s") && !first.ends_with("’s")
        && head.ends_with('s') && !head.ends_with("ss") && np.last().is_some_and(|t| !t.is_capitalized() || np.len() == 1);
    let anonymous = indefinite || bare_plural || np.iter().any(|t| ANONYMOUS_HEADS.contains(&&*t.lower()));
    if anonymous {
        SourceKind::Anonymous
    } else {
        SourceKind::Named
    }
}

/// Names of people: one to three capitalised words, none of them an organisation word.
fn looks_like_person(name: &[Token<'_>]) -> bool {
    const ORG_WORDS: &[&str] = &[
        "ministry", "department", "agency", "office", "post", "times", "news", "journal", "korea",
        "russia", "ukraine", "china", "states", "kingdom", "union", "nations", "bank", "inc.",
        "corp.", "group", "party", "council", "committee", "court", "police", "army", "house",
        "pentagon", "kremlin", "reuters", "cnn", "bbc", "government", "association", "institute",
        "university", "company", "commission", "administration", "service", "times", "guardian",
        "authority", "federation", "bureau", "foundation", "organization", "organisation", "network",
        "league", "board", "hospital", "congress", "parliament", "productions", "records", "fund",
        "society", "alliance", "coalition", "center", "centre", "google", "apple", "amazon",
        "facebook", "microsoft", "twitter", "instagram",
    ];
    // (An acronym, "NASA", "PFF", is an organisation.)
    let acronym = |t: &Token<'_>| t.text.bytes().filter(u8::is_ascii_uppercase).count() >= 2 && t.text.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    !name.iter().any(|t| ORG_WORDS.contains(&&*t.lower()) || acronym(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrib(text: &str) -> Vec<(String, String, Option<String>, String, SourceKind)> {
        let mut memory = SpeakerMemory::default();
        let mut quotes = crate::quote::find_quotes(text);
        let mut out = Vec::new();
        for (s, e) in crate::segment::sentences(text) {
            for a in find_attributions(text, s, e, &mut quotes, &mut memory) {
                out.push((a.source.text, a.cue.text, a.content.map(|c| c.text), a.speaker, a.source_kind));
            }
        }
        out
    }

    #[test]
    fn subject_cue_that_content() {
        let r = attrib("South Korean Defense Minister Kim Yong-hyun noted that North Korea has supplied nearly 10 million rounds.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "South Korean Defense Minister Kim Yong-hyun");
        assert_eq!(r[0].1, "noted");
        assert_eq!(r[0].2.as_deref(), Some("that North Korea has supplied nearly 10 million rounds."));
        assert_eq!(r[0].3, "Kim Yong-hyun");
    }

    #[test]
    fn content_before_source_and_pronoun_resolution() {
        let r = attrib("Troops could enter combat within days, U.S. Secretary of State Antony Blinken announced on Wednesday. He added that it was grave. Blinken said more.");
        assert_eq!(r[0].0, "U.S. Secretary of State Antony Blinken");
        assert_eq!(r[0].2.as_deref(), Some("Troops could enter combat within days"));
        assert_eq!(r[1].3, "Antony Blinken");
        assert_eq!(r[1].4, SourceKind::Pronoun);
        assert_eq!(r[2].3, "Antony Blinken");
    }

    #[test]
    fn inverted_according_to_and_anonymous() {
        let r = attrib("\"We are ready,\" said the minister. The plan failed, according to a government source. Officials said it would end.");
        assert_eq!(r[0].0, "the minister");
        assert_eq!(r[0].2.as_deref(), Some("\"We are ready,\""));
        assert_eq!(r[1].0, "a government source");
        assert_eq!(r[1].4, SourceKind::Anonymous);
        assert_eq!(r[1].2.as_deref(), Some("The plan failed"));
        assert_eq!(r[2].0, "Officials");
        assert_eq!(r[2].4, SourceKind::Anonymous);
    }
}
