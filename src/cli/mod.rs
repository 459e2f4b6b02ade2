//! The native command-line tool over the same core as the wasm module.

mod eval;
mod train;

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use claimmark::{extract_with, Options, Report};
use serde::{Deserialize, Serialize};

#[derive(Parser)]
#[command(name = "claimmark", version, about = "Finds the check-worthy claims in news text.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Prints the JSON report of a document: sentences and claims with typed spans.
    ///
    /// Offsets (`start`, `end`) are UTF-8 byte offsets into the input text (for --html, into
    /// the extracted text, which the report then carries as `text`).
    Extract {
        /// The input file; `-` or nothing reads standard input.
        file: Option<String>,
        /// The input is HTML: its text is extracted first (blocks become paragraphs).
        #[arg(long, conflicts_with = "jsonl")]
        html: bool,
        /// Reads one JSON object per line, `{"id": …, "text": …}` (or `"html": …`), and writes
        /// one report per line, `{"id": …, "sentences": […], "claims": […]}`.
        #[arg(long)]
        jsonl: bool,
        /// Only claims scoring at least this (0–1) are reported (all sentences still are).
        #[arg(long, default_value_t = 0.0)]
        min_score: f32,
        /// Indented JSON (not with --jsonl).
        #[arg(long)]
        pretty: bool,
    },
    /// Measures accuracy against external test sets in ../shared/data (see `eval --help`).
    Eval(eval::Args),
    /// Trains the check-worthiness model (see `train --help`).
    Train(train::Args),
}

/// A line of --jsonl input.
#[derive(Deserialize)]
struct JsonlInput {
    #[serde(default)]
    id: serde_json::Value,
    text: Option<String>,
    html: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(flatten)]
    report: &'a Report,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { file, html, jsonl, min_score, pretty } => {
            if !(0.0..=1.0).contains(&min_score) {
                eprintln!("claimmark: --min-score must be between 0 and 1, got {min_score}");
                return ExitCode::from(2);
            }
            let options = Options { min_score };
            let result = if jsonl { run_jsonl(file.as_deref(), &options) } else { run_one(file.as_deref(), html, pretty, &options) };
            match result {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("claimmark: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Eval(args) => report_error(eval::run(args)),
        Command::Train(args) => report_error(train::run(args)),
    }
}

fn report_error(result: Result<ExitCode, String>) -> ExitCode {
    result.unwrap_or_else(|e| {
        eprintln!("claimmark: {e}");
        ExitCode::from(2)
    })
}

fn open(file: Option<&str>) -> Result<Box<dyn Read>, String> {
    match file {
        None | Some("-") => Ok(Box::new(std::io::stdin())),
        Some(path) => std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn Read>).map_err(|e| format!("{path}: {e}")),
    }
}

/// Decodes UTF-8, or says where it is not.
fn decode(bytes: Vec<u8>, what: &str) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{what}: invalid UTF-8 at byte {at} (line {line})")
    })
}

fn run_one(file: Option<&str>, html: bool, pretty: bool, options: &Options) -> Result<ExitCode, String> {
    let mut bytes = Vec::new();
    open(file)?.read_to_end(&mut bytes).map_err(|e| format!("reading input: {e}"))?;
    let input = decode(bytes, file.unwrap_or("stdin"))?;
    let text = if html { claimmark_html_text(&input) } else { input };
    let report = extract_with(&text, options);
    let out = Output { id: None, text: html.then_some(text.as_str()), report: &report };
    let json = if pretty { serde_json::to_string_pretty(&out) } else { serde_json::to_string(&out) };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", json.map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

fn run_jsonl(file: Option<&str>, options: &Options) -> Result<ExitCode, String> {
    let reader = std::io::BufReader::new(open(file)?);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    for (n, line) in reader.split(b'\n').enumerate() {
        let line_no = n + 1;
        let bytes = line.map_err(|e| format!("reading line {line_no}: {e}"))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = decode(bytes, &format!("line {line_no}"))
            .and_then(|s| serde_json::from_str::<JsonlInput>(&s).map_err(|e| format!("line {line_no}: bad JSON: {e}")))
            .and_then(|input| match (input.text, input.html) {
                (Some(text), None) => Ok((input.id, text, false)),
                (None, Some(html)) => Ok((input.id, claimmark_html_text(&html), true)),
                _ => Err(format!("line {line_no}: expected exactly one of \"text\" or \"html\"")),
            });
        match parsed {
            Ok((id, text, html)) => {
                let report = extract_with(&text, options);
                let out = Output { id: Some(&id), text: html.then_some(text.as_str()), report: &report };
                let json = serde_json::to_string(&out).map_err(|e| e.to_string())?;
                writeln!(stdout, "{json}").map_err(|e| e.to_string())?;
            }
            Err(e) => {
                failed += 1;
                eprintln!("claimmark: {e}");
            }
        }
    }
    stdout.flush().map_err(|e| e.to_string())?;
    if failed > 0 {
        eprintln!("claimmark: {failed} line(s) could not be processed; the others were");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The text of an HTML document: blocks become paragraphs, `<br>` a line break; scripts,
/// styles and other non-text elements are skipped.
fn claimmark_html_text(html: &str) -> String {
    use scraper::{Html, Node};
    const SKIP: &[&str] = &["script", "style", "noscript", "template", "head", "svg", "iframe", "textarea", "select", "button", "nav", "footer"];
    const BLOCK: &[&str] = &[
        "p", "div", "section", "article", "main", "header", "aside", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "figure", "figcaption", "table", "tr", "td", "th", "pre", "dd", "dt", "dl", "body", "html", "form", "hr",
    ];
    let doc = Html::parse_document(html);
    let mut map = claimmark::offsets::TextMap::new();
    // Iterative walk: (node, entering?)
    let mut stack = vec![(doc.tree.root(), true)];
    while let Some((node, entering)) = stack.pop() {
        match node.value() {
            Node::Text(t) if entering => {
                // HTML white space (including source line breaks) renders as one space.
                let mut collapsed = String::with_capacity(t.len());
                for (k, part) in t.split(|c: char| c.is_ascii_whitespace()).enumerate() {
                    if k > 0 && !collapsed.ends_with(' ') {
                        collapsed.push(' ');
                    }
                    collapsed.push_str(part);
                }
                map.push_node(&collapsed);
            }
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                if name == "br" {
                    map.push_line_break();
                    continue;
                }
                let block = BLOCK.contains(&name);
                if entering {
                    if block {
                        map.push_break();
                        stack.push((node, false));
                    }
                    for child in node.children().rev() {
                        stack.push((child, true));
                    }
                } else if block {
                    map.push_break();
                }
            }
            Node::Document | Node::Fragment if entering => {
                for child in node.children().rev() {
                    stack.push((child, true));
                }
            }
            _ => {}
        }
    }
    // Collapse the spaces where text nodes meet, and trim them around line breaks.
    let mut out = String::with_capacity(map.text().len());
    for c in map.text().chars() {
        match c {
            ' ' if out.is_empty() || out.ends_with([' ', '\n']) => {}
            '\n' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
            }
            c => out.push(c),
        }
    }
    out.trim().to_string()
}
