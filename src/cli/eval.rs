//! `claimmark eval SUITE`: precision / recall / F1 against external test sets.
//!
//! Suites (each described in its module):
//! - `quantulum3` ([`quantities::quantulum3`]): quantities with value and unit;
//! - `recognizers-text` ([`quantities::recognizers`]): number spans and values, one row per spec;
//! - `checkworthiness` ([`checkworthiness`]): CheckThat! 2024 dev and ClaimBuster test;
//! - `attribution` ([`attribution`]): the hand-annotated corpus in `tests/attribution/`;
//! - `all`: every suite, in that order.
//!
//! Output: the first `--show N` misses and false alarms of each suite, then one table of every
//! row, on standard output. With `--json` the numbers go to standard output as one JSON object
//! and the human-readable text to standard error. The run time goes to standard error, so
//! standard output is the same from run to run (every input is read in a fixed order).
//!
//! Conventions shared by every suite: `P = tp / pred`, `R = tp / gold`, `F1 = 2PR / (P + R)`,
//! each 0 when its denominator is 0. "Soft" rows give fractional credit per matched pair
//! (`tp` for precision and for recall may then differ). Gold items removed by a named exclusion
//! rule are counted and printed, never dropped silently; predictions that overlap an excluded
//! gold item are ignored (neither right nor wrong).

mod attribution;
mod checkworthiness;
mod metrics;
mod quantities;
mod sha256;
mod units;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use serde::Serialize;

pub use metrics::Score;

#[derive(clap::Args)]
pub struct Args {
    /// The suite to run.
    #[arg(value_enum)]
    pub suite: SuiteName,
    /// The shared data directory [default: ../shared/data next to the crate root, else
    /// ../shared/data from the current directory].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The attribution annotations [default: tests/attribution/annotations.jsonl in the crate].
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
    /// How many misses and false alarms to print per suite (0: none).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub show: usize,
    /// Prints the numbers as JSON on standard output (the table then goes to standard error).
    #[arg(long)]
    pub json: bool,
    /// recognizers-text: also skip cases whose `NotSupported` lists only other ports than
    /// the reference .NET implementation (by default only cases .NET fails are skipped).
    #[arg(long)]
    pub skip_all_unsupported: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SuiteName {
    Quantulum3,
    RecognizersText,
    Checkworthiness,
    Attribution,
    All,
}

/// What a suite reports.
#[derive(Debug, Serialize)]
pub struct SuiteResult {
    pub suite: &'static str,
    pub rows: Vec<Row>,
    /// Gold items left out by a named rule, per row.
    pub excluded: Vec<Exclusion>,
    /// Other counts worth knowing (skipped cases, inputs read).
    pub notes: Vec<String>,
    /// The misses and false alarms for reading (`--show`).
    #[serde(skip)]
    pub examples: String,
}

/// One line of the table.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The data set or spec ("quantities", "Currency", "CT24 dev", "source").
    pub row: String,
    /// What is counted ("value", "span-exact", "F1(Yes)@0.50", "token").
    pub metric: String,
    #[serde(flatten)]
    pub score: Score,
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

impl Row {
    pub fn new(row: impl Into<String>, metric: impl Into<String>, score: Score) -> Row {
        Row { row: row.into(), metric: metric.into(), p: score.p(), r: score.r(), f1: score.f1(), score }
    }
}

/// Gold items removed by a named rule.
#[derive(Debug, Serialize)]
pub struct Exclusion {
    pub row: String,
    pub rule: &'static str,
    pub why: &'static str,
    pub count: usize,
}

/// Counts exclusions by `(row, rule)`, in first-seen order.
#[derive(Default)]
pub struct Exclusions(Vec<Exclusion>);

impl Exclusions {
    pub fn add(&mut self, row: &str, rule: &'static str, why: &'static str) {
        match self.0.iter_mut().find(|e| e.row == row && e.rule == rule) {
            Some(e) => e.count += 1,
            None => self.0.push(Exclusion { row: row.to_string(), rule, why, count: 1 }),
        }
    }

    pub fn into_vec(self) -> Vec<Exclusion> {
        self.0
    }
}

/// Where the inputs are.
pub struct Paths {
    pub data: PathBuf,
    pub annotations: PathBuf,
}

impl Paths {
    pub fn file(&self, rel: &str) -> Result<PathBuf, String> {
        let p = self.data.join(rel);
        if p.is_file() {
            Ok(p)
        } else {
            Err(format!("eval: {} not found (data directory {})", p.display(), self.data.display()))
        }
    }
}

pub fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("eval: {}: {e}", path.display()))?;
    let s = String::from_utf8(bytes).map_err(|e| format!("eval: {}: not UTF-8 ({e})", path.display()))?;
    Ok(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s))
}

pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("eval: {}: {e}", path.display()))
}

fn default_data_dir() -> Result<PathBuf, String> {
    let crate_rel = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let cwd_rel = PathBuf::from("../shared/data");
    for p in [&crate_rel, &cwd_rel] {
        if p.is_dir() {
            return Ok(p.clone());
        }
    }
    Err(format!(
        "eval: the shared data directory was not found (looked in {} and {}); pass --data DIR",
        crate_rel.display(),
        cwd_rel.display()
    ))
}

fn default_annotations() -> PathBuf {
    let in_crate = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/attribution/annotations.jsonl");
    if in_crate.is_file() {
        in_crate
    } else {
        PathBuf::from("tests/attribution/annotations.jsonl")
    }
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let data = match &args.data {
        Some(d) if d.is_dir() => d.clone(),
        Some(d) => return Err(format!("eval: data directory {} not found", d.display())),
        None => default_data_dir()?,
    };
    let paths = Paths { data, annotations: args.annotations.clone().unwrap_or_else(default_annotations) };
    let suites: &[SuiteName] = match args.suite {
        SuiteName::All => &[SuiteName::Quantulum3, SuiteName::RecognizersText, SuiteName::Checkworthiness, SuiteName::Attribution],
        _ => std::slice::from_ref(&args.suite),
    };
    let started = Instant::now();
    let mut results = Vec::new();
    let mut timings = Vec::new();
    for &s in suites {
        let t = Instant::now();
        let r = match s {
            SuiteName::Quantulum3 => quantities::quantulum3(&paths, args.show)?,
            SuiteName::RecognizersText => quantities::recognizers(&paths, args.show, args.skip_all_unsupported)?,
            SuiteName::Checkworthiness => checkworthiness::run(&paths, args.show)?,
            SuiteName::Attribution => attribution::run(&paths, args.show)?,
            SuiteName::All => unreachable!(),
        };
        timings.push((r.suite, t.elapsed()));
        results.push(r);
    }
    let text = render(&results, args.show > 0);
    if args.json {
        eprint!("{text}");
        let json = serde_json::json!({ "suites": results });
        println!("{}", serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?);
    } else {
        print!("{text}");
    }
    let mut t = String::from("eval time:");
    for (s, d) in timings {
        let _ = write!(t, " {s} {:.2}s,", d.as_secs_f64());
    }
    eprintln!("{t} total {:.2}s", started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

/// The examples, then the exclusions and notes, then the table.
fn render(results: &[SuiteResult], examples: bool) -> String {
    let mut out = String::new();
    if examples {
        for r in results {
            if !r.examples.is_empty() {
                let _ = writeln!(out, "=== {} ===", r.suite);
                out.push_str(&r.examples);
                out.push('\n');
            }
        }
    }
    for r in results {
        for e in &r.excluded {
            let _ = writeln!(out, "{} / {}: excluded {} gold by rule `{}` ({})", r.suite, e.row, e.count, e.rule, e.why);
        }
        for n in &r.notes {
            let _ = writeln!(out, "{}: {n}", r.suite);
        }
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{:<17} {:<20} {:<16} {:>7} {:>7} {:>8} {:>6} {:>6} {:>6}",
        "suite", "row", "metric", "gold", "pred", "tp", "P", "R", "F1"
    );
    for r in results {
        for row in &r.rows {
            let s = &row.score;
            let tp = if s.tp_p == s.tp_r && s.tp_r.fract() == 0.0 {
                format!("{}", s.tp_r)
            } else {
                format!("{:.1}/{:.1}", s.tp_p, s.tp_r)
            };
            let _ = writeln!(
                out,
                "{:<17} {:<20} {:<16} {:>7} {:>7} {:>8} {:>6.3} {:>6.3} {:>6.3}",
                r.suite, row.row, row.metric, s.gold, s.pred, tp, row.p, row.r, row.f1
            );
        }
    }
    out
}

/// `text` around `start..end` with the span in `⟦ ⟧`, at most `width` bytes of context on each
/// side, white space (line breaks included) shown as single spaces.
pub fn snippet(text: &str, start: usize, end: usize, width: usize) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end.max(start)));
    let a = floor(start.saturating_sub(width));
    let b = floor((end + width).min(text.len()));
    let mut s = String::new();
    if a > 0 {
        s.push('…');
    }
    s.push_str(&text[a..start]);
    s.push('⟦');
    s.push_str(&text[start..end]);
    s.push('⟧');
    s.push_str(&text[end..b]);
    if b < text.len() {
        s.push('…');
    }
    one_line(&s)
}

/// White space runs as one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortens `s` to about `max` bytes (on a char boundary) with an ellipsis.
pub fn clip(s: &str, max: usize) -> String {
    let s = one_line(s);
    if s.len() <= max {
        return s;
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    format!("{}…", &s[..i])
}
