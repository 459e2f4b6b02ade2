//! The committed check-worthiness model: it loads, scores sensibly and deterministically, and
//! re-training it with the default seed reproduces its dev F1 (when ../shared/data is there).

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

use claimmark::model::{self, MODEL, WEIGHTS};
use claimmark::score::{score_text, DEFAULT_THRESHOLD};

#[test]
fn committed_model_loads_and_scores_sensibly() {
    assert!(WEIGHTS.len() <= 64 * 1024, "weights are {} bytes", WEIGHTS.len());
    assert_eq!(MODEL.to_bytes(), WEIGHTS);
    assert_eq!(DEFAULT_THRESHOLD, MODEL.threshold);
    assert!(MODEL.threshold > 0.05 && MODEL.threshold < 0.95, "threshold {}", MODEL.threshold);
    assert!(MODEL.dev_f1 >= 0.78, "recorded dev F1 {}", MODEL.dev_f1);

    for claim in [
        "Unemployment fell from 10 percent in 2009 to 4.7 percent last year, and the economy added 15 million jobs.",
        "We're consuming 50 percent of the world's cocaine.",
        "Taxes went up by $3,000 a year for the average family, and 43 million people have no health insurance.",
    ] {
        let s = score_text(claim);
        assert!(s > 0.5, "{s} for {claim:?}");
    }
    for chatter in ["Thank you very much.", "Good evening.", "Let me help the governor.", "What do you think?"] {
        let s = score_text(chatter);
        assert!(s < 0.2, "{s} for {chatter:?}");
    }
}

#[test]
fn scoring_is_deterministic() {
    let text = "North Korea has supplied nearly 10 million artillery rounds, officials said. Thank you. \
                I think that's wrong? The deficit doubled in four years.";
    let first = claimmark::extract(text);
    for _ in 0..3 {
        assert_eq!(claimmark::extract(text), first);
    }
    let scores: Vec<f32> = first.sentences.iter().map(|s| s.score).collect();
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)), "{scores:?}");
    let a = score_text("The deficit doubled in four years.");
    let b = score_text("The deficit doubled in four years.");
    assert_eq!(a.to_bits(), b.to_bits());
    // The same text features, byte for byte.
    let mut x = Vec::new();
    let mut y = Vec::new();
    model::hashed_features("It rose 12% in 2019 — “a record”.", MODEL.bits, |g, b, s| x.push((g, b, s)));
    model::hashed_features("It rose 12% in 2019 — “a record”.", MODEL.bits, |g, b, s| y.push((g, b, s)));
    assert_eq!(x, y);
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/checkworthiness")
}

/// CheckThat! 2024 dev: (text, is "Yes").
fn read_dev(dir: &Path) -> Vec<(String, bool)> {
    let text = std::fs::read_to_string(dir.join("checkthat2024/CT24_checkworthy_english_dev.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let t = f[1];
            let t = if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') { t[1..t.len() - 1].replace("\"\"", "\"") } else { t.to_string() };
            (t, f[2].starts_with("Yes"))
        })
        .collect()
}

#[test]
fn retraining_reproduces_the_committed_dev_f1() {
    let dir = data_dir();
    if !dir.exists() {
        println!("skipped: ../shared/data absent");
        return;
    }
    // The committed model, scored by the library, has the dev F1 recorded with it.
    let dev = read_dev(&dir);
    let (mut tp, mut fp, mut fneg) = (0.0f64, 0.0f64, 0.0f64);
    for (t, yes) in &dev {
        match (score_text(t) >= DEFAULT_THRESHOLD, *yes) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let f1 = 2.0 * tp / (2.0 * tp + fp + fneg);
    assert!((f1 - MODEL.dev_f1 as f64).abs() <= 0.01, "committed model: dev F1 {f1:.4}, recorded {:.4}", MODEL.dev_f1);

    // Re-train with the default seed into a temporary file.
    let out = std::env::temp_dir().join(format!("claimmark-weights-{}.bin", std::process::id()));
    let run = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(["train", "--no-speed", "--data"])
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "train failed:\n{stdout}\n{}", String::from_utf8_lossy(&run.stderr));
    let line = stdout.lines().find(|l| l.starts_with("result ")).expect("no result line");
    let retrained: f64 = line.split_whitespace().find_map(|kv| kv.strip_prefix("dev_f1=")).unwrap().parse().unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    println!("{line}; identical weights: {}", bytes == WEIGHTS);
    assert!((retrained - MODEL.dev_f1 as f64).abs() <= 0.01, "retrained dev F1 {retrained:.4}, committed {:.4}", MODEL.dev_f1);
    let again = model::Model::parse(&bytes);
    assert_eq!(again.seed, MODEL.seed);
}
