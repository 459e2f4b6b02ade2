//! The native CLI: `claimmark extract` on text, HTML and JSON lines, and its errors.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading its input (e.g. a missing file): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

#[test]
fn extract_text_file_gives_byte_offsets() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/example-article.txt");
    let out = run(&["extract", path], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let claims = report["claims"].as_array().unwrap();
    assert!(claims.len() >= 8);
    for c in claims {
        for s in c["spans"].as_array().unwrap() {
            let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[a..b], s["text"].as_str().unwrap());
        }
    }
    assert!(report["sentences"][0]["score"].as_f64().is_some());
}

#[test]
fn html_input_is_reduced_to_text_with_paragraphs() {
    let html = b"<html><head><title>x</title><script>var a = '9,999 rockets';</script></head><body>\
        <nav>Home</nav><article><p>Officials said <em>nearly</em> 300 people\n   were hurt.</p><p>It rained.</p></article></body></html>";
    let out = run(&["extract", "--html", "-"], html);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = report["text"].as_str().unwrap();
    assert!(text.contains("Officials said nearly 300 people were hurt.\n\nIt rained."), "{text:?}");
    assert!(!text.contains("rockets"));
}

#[test]
fn jsonl_reports_bad_lines_and_processes_the_rest() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"Officials said 300 people were hurt.\"}\n");
    input.extend_from_slice(b"{not json}\n");
    input.extend_from_slice(b"{\"id\": 3, \"text\": \"bad \xff utf8\"}\n");
    input.extend_from_slice(b"{\"id\": \"four\", \"html\": \"<p>Prices rose 12% in a year.</p>\"}\n");
    let out = run(&["extract", "--jsonl"], &input);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2: bad JSON"), "{stderr}");
    assert!(stderr.contains("line 3: invalid UTF-8"), "{stderr}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[1]["id"], "four");
    assert!(lines[0]["claims"].as_array().unwrap().len() == 1);
}

#[test]
fn invalid_utf8_and_bad_options_are_clear_errors() {
    let out = run(&["extract", "-"], b"ok\n\xc3\x28 broken");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8 at byte 3 (line 2)"));
    let out = run(&["extract", "--min-score", "3", "-"], b"text");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["extract", "/nonexistent/file.txt"], b"");
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.txt"));
}

#[test]
fn min_score_filters_claims() {
    let text = b"Officials said 300 people were hurt.";
    let low = run(&["extract", "--min-score", "0", "-"], text);
    let high = run(&["extract", "--min-score", "1", "-"], text);
    let n = |o: &Output| serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["claims"].as_array().unwrap().len();
    assert_eq!(n(&low), 1);
    assert_eq!(n(&high), 0);
}
