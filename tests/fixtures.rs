//! Hand-written fixture cases in `tests/fixtures/claims.txt`: each gives a text and what must
//! be found in it. See the head of that file for the format.

#![cfg(not(target_arch = "wasm32"))]

use claimmark::{extract, Report, Role};

struct Case {
    name: String,
    line: usize,
    text: String,
    expects: Vec<String>,
}

fn parse(src: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut in_text = false;
    for (n, line) in src.lines().enumerate() {
        if let Some(name) = line.strip_prefix("=== ") {
            cases.push(Case { name: name.trim().to_string(), line: n + 1, text: String::new(), expects: Vec::new() });
            in_text = true;
            continue;
        }
        let Some(case) = cases.last_mut() else { continue };
        if in_text {
            if line == "---" {
                in_text = false;
            } else {
                if !case.text.is_empty() {
                    case.text.push('\n');
                }
                case.text.push_str(line);
            }
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            case.expects.push(line.to_string());
        }
    }
    cases
}

/// One found span with its attributes as `key=value` strings.
struct Found {
    role: Role,
    text: String,
    attrs: Vec<(String, String)>,
}

fn role_name(r: Role) -> String {
    serde_json::to_value(r).unwrap().as_str().unwrap().to_string()
}

fn collect(report: &Report) -> Vec<Found> {
    let mut out = Vec::new();
    for c in &report.claims {
        for s in &c.spans {
            let mut attrs = Vec::new();
            if let Some(q) = &s.quantity {
                attrs.push(("value".into(), format!("{}", q.value)));
                if let Some(m) = q.value_max {
                    attrs.push(("max".into(), format!("{m}")));
                }
                attrs.push(("unit".into(), q.unit.clone().unwrap_or_default()));
                attrs.push(("approx".into(), q.approx.clone().unwrap_or_default()));
                attrs.push(("rate".into(), q.rate.clone().unwrap_or_default()));
                attrs.push(("kind".into(), serde_json::to_value(q.kind).unwrap().as_str().unwrap().to_string()));
            }
            // A quote's speaker is always listed (empty: nobody), so `speaker=""` checks none.
            if s.speaker.is_some() || s.role == Role::Quote {
                attrs.push(("speaker".into(), s.speaker.clone().unwrap_or_default()));
            }
            out.push(Found { role: s.role, text: s.text.clone(), attrs });
        }
        for a in &c.attributions {
            let kind = serde_json::to_value(a.source_kind).unwrap().as_str().unwrap().to_string();
            out.push(Found {
                role: Role::Source,
                text: a.source.text.clone(),
                attrs: vec![("speaker".into(), a.speaker.clone()), ("kind".into(), kind), ("cue".into(), a.cue.text.clone())],
            });
            out.push(Found { role: Role::Cue, text: a.cue.text.clone(), attrs: vec![("source".into(), a.source.text.clone())] });
            if let Some(content) = &a.content {
                out.push(Found { role: Role::Content, text: content.text.clone(), attrs: vec![("cue".into(), a.cue.text.clone())] });
            }
        }
    }
    out
}

/// `key=value key2="two words"` → pairs.
fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { panic!("bad attribute list: {s}") };
        let key = rest[..eq].trim().to_string();
        rest = &rest[eq + 1..];
        let value;
        if let Some(r) = rest.strip_prefix('"') {
            let close = r.find('"').expect("closing quote");
            value = r[..close].to_string();
            rest = r[close + 1..].trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            value = rest[..end].to_string();
            rest = rest[end..].trim_start();
        }
        out.push((key, value));
    }
    out
}

const EXACT_ROLES: &[&str] = &["statistic", "source", "cue", "quote"];

fn check(case: &Case) -> Vec<String> {
    let report = extract(&case.text);
    let found = collect(&report);
    let mut errors = Vec::new();
    let mut listed: Vec<String> = Vec::new();
    for e in &case.expects {
        let (head, body) = e.split_once(':').unwrap_or_else(|| panic!("line without ':' in case {}: {e}", case.name));
        let head = head.trim();
        let body = body.trim();
        match head {
            "sentences" => {
                let n: usize = body.parse().unwrap();
                if report.sentences.len() != n {
                    errors.push(format!("{} sentences, expected {n}", report.sentences.len()));
                }
            }
            "claims" => {
                let n: usize = body.parse().unwrap();
                if report.claims.len() != n {
                    errors.push(format!("{} claims, expected {n}", report.claims.len()));
                }
            }
            "no" => {
                if let Some(f) = found.iter().find(|f| role_name(f.role) == body) {
                    errors.push(format!("found {body} {:?}, expected none", f.text));
                }
            }
            "kinds" => {
                let want: Vec<String> = body.split(',').map(|k| k.trim().to_string()).collect();
                let got: Vec<String> = report.claims.iter().flat_map(|c| c.kinds.iter()).map(|k| serde_json::to_value(k).unwrap().as_str().unwrap().to_string()).collect();
                for w in &want {
                    if !got.contains(w) {
                        errors.push(format!("claim kind {w} missing (got {got:?})"));
                    }
                }
            }
            role => {
                listed.push(role.to_string());
                let (text, attrs) = match body.split_once(" | ") {
                    Some((t, a)) => (t.trim(), parse_attrs(a)),
                    None => (body, Vec::new()),
                };
                let candidates: Vec<&Found> = found.iter().filter(|f| role_name(f.role) == role && f.text == text).collect();
                if candidates.is_empty() {
                    let same_role: Vec<&str> = found.iter().filter(|f| role_name(f.role) == role).map(|f| f.text.as_str()).collect();
                    errors.push(format!("{role} {text:?} not found (found {role}s: {same_role:?})"));
                    continue;
                }
                let ok = candidates.iter().any(|f| attrs.iter().all(|(k, v)| f.attrs.iter().any(|(fk, fv)| fk == k && fv == v)));
                if !ok {
                    errors.push(format!("{role} {text:?}: attributes {attrs:?} not matched; found {:?}", candidates[0].attrs));
                }
            }
        }
    }
    // Listed roles among the exact ones must be found exactly: nothing extra.
    for role in EXACT_ROLES {
        if !listed.iter().any(|l| l == role) {
            continue;
        }
        let want: Vec<&str> = case.expects.iter().filter_map(|e| e.strip_prefix(&format!("{role}:"))).map(|b| b.split(" | ").next().unwrap().trim()).collect();
        for f in found.iter().filter(|f| role_name(f.role) == *role) {
            if !want.contains(&f.text.as_str()) {
                errors.push(format!("extra {role} {:?}", f.text));
            }
        }
    }
    errors
}

#[test]
fn hand_written_fixture_cases() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/claims.txt")).unwrap();
    let cases = parse(&src);
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let errors = check(case);
        if !errors.is_empty() {
            failures.push(format!("case {:?} (line {}):\n  {}", case.name, case.line, errors.join("\n  ")));
        }
    }
    println!("{} fixture cases, {} failing", cases.len(), failures.len());
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
