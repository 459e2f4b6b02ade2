//! `claimmark train`: trains the check-worthiness model of `src/model.rs`.
//!
//! **Data** (`--data`, default `../shared/data/checkworthiness` next to the crate):
//! CheckThat! 2024 English train (TSV) and the ClaimBuster 2-class splits `train.json`,
//! `kfold_25ncs.json`, `cfs_ncs_ratio_study_train_25.json` and `cfs_ncs_ratio_study_test.json`.
//! Held out: CheckThat! 2024 dev (model, hyper-parameter and threshold selection) and
//! ClaimBuster `test.json` (reported only).
//!
//! **Deduplication.** Every training sentence that matches a held-out sentence (dev or
//! ClaimBuster test) is dropped: exact matches after normalisation (lower case, everything but
//! letters and digits made a space, spaces collapsed), near-duplicates (Jaccard ≥ 0.8 of word
//! 3-gram shingles) and containments (≥ 90 % of the shingles of one sentence, of at least 4,
//! inside the other: a sentence split or joined differently). The rest is deduplicated on the
//! normalised text (first label wins; CheckThat! first).
//!
//! **Training.** Logistic regression, Adagrad with L2 on the touched weights, class weight on
//! "Yes", a fixed number of epochs over a shuffle by a seeded SplitMix64: the same seed gives
//! the same weights, bit for bit. The hashed weights are quantised to `i8` with one scale; the
//! threshold is the one with the best F1 of the quantised model on CheckThat! dev.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use claimmark::extract::features_for_sentence;
use claimmark::model::{self, dense_features, hashed_features, Model, GROUPS, N_DENSE};
use claimmark::score::{heuristic_score, Features};

#[derive(clap::Args)]
pub struct Args {
    /// The check-worthiness data folder [default: ../shared/data/checkworthiness next to the crate].
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Where to write the weights [default: src/model/weights.bin in the crate].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Seed of the shuffle.
    #[arg(long, default_value_t = 2024)]
    pub seed: u16,
    /// log2 of the number of hash buckets (the weights file is 2^bits bytes plus a header).
    /// 14: 16 KB of weights in the module; 15 scores 0.005 better on CheckThat! dev and 0.017
    /// on ClaimBuster test but adds 13 KB gzip to the module (issue #6: size ≤ 150 KB).
    #[arg(long, default_value_t = 14)]
    pub bits: u32,
    #[arg(long, default_value_t = 4)]
    pub epochs: usize,
    /// Adagrad learning rate.
    #[arg(long, default_value_t = 0.1)]
    pub lr: f32,
    /// L2 penalty on the weights an example touches.
    #[arg(long, default_value_t = 1e-6)]
    pub l2: f32,
    /// Weight of a "Yes" example in the loss.
    #[arg(long, default_value_t = 1.5)]
    pub pos_weight: f32,
    /// Trains a small grid of hyper-parameters and prints the dev F1 of each; writes nothing.
    #[arg(long)]
    pub grid: bool,
    /// Prints this many false positives and false negatives on dev.
    #[arg(long, default_value_t = 0)]
    pub errors: usize,
    /// Trains and reports but does not write the weights.
    #[arg(long)]
    pub dry_run: bool,
    /// Skips the scoring-speed measurement.
    #[arg(long)]
    pub no_speed: bool,
}

/// A labelled sentence.
struct Row {
    text: String,
    yes: bool,
}

/// Hyper-parameters of one training run.
#[derive(Clone, Copy, Debug)]
struct Hyper {
    bits: u32,
    epochs: usize,
    lr: f32,
    l2: f32,
    pos_weight: f32,
    seed: u16,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = args.data.clone().unwrap_or_else(|| root.join("../shared/data/checkworthiness"));
    let out = args.out.clone().unwrap_or_else(|| root.join("src/model/weights.bin"));
    let t0 = Instant::now();

    // ---- Load.
    let ct_train = read_tsv(&data.join("checkthat2024/CT24_checkworthy_english_train.tsv"))?;
    let dev = read_tsv(&data.join("checkthat2024/CT24_checkworthy_english_dev.tsv"))?;
    let cb_test = read_json(&data.join("claimbuster/test.json"))?;
    let mut pool: Vec<(Row, &str)> = ct_train.into_iter().map(|r| (r, "checkthat-train")).collect();
    for name in ["train", "kfold_25ncs", "cfs_ncs_ratio_study_train_25", "cfs_ncs_ratio_study_test"] {
        let rows = read_json(&data.join(format!("claimbuster/{name}.json")))?;
        pool.extend(rows.into_iter().map(|r| (r, "claimbuster")));
    }
    let pool_rows = pool.len();
    let load_time = t0.elapsed();

    // ---- Deduplicate against the held-out sets, then within the pool.
    let t1 = Instant::now();
    let held: Vec<(&str, &Row)> = dev.iter().map(|r| ("dev", r)).chain(cb_test.iter().map(|r| ("cb-test", r))).collect();
    let held_out = HeldOut::new(held.iter().map(|(_, r)| r.text.as_str()));
    let mut removed: HashMap<(&str, &str), usize> = HashMap::new();
    let mut removed_unique: HashMap<(&str, &str), std::collections::HashSet<String>> = HashMap::new();
    let mut seen: HashMap<String, bool> = HashMap::new();
    let mut train: Vec<Row> = Vec::new();
    let (mut dup_rows, mut conflicts) = (0usize, 0usize);
    for (row, _source) in pool {
        let norm = normalize(&row.text);
        if norm.is_empty() {
            continue;
        }
        if let Some((how, which)) = held_out.matches(&norm) {
            let set = if which.iter().any(|&i| held[i].0 == "dev") { "dev" } else { "cb-test" };
            *removed.entry((set, how)).or_default() += 1;
            removed_unique.entry((set, how)).or_default().insert(norm);
            continue;
        }
        match seen.get(&norm) {
            Some(&yes) => {
                dup_rows += 1;
                conflicts += usize::from(yes != row.yes);
            }
            None => {
                seen.insert(norm, row.yes);
                train.push(row);
            }
        }
    }
    let dedup_time = t1.elapsed();
    let yes = train.iter().filter(|r| r.yes).count();
    println!("data: {} training rows (CheckThat! 2024 train + ClaimBuster train, kfold_25ncs, ratio-study train_25 and test)", pool_rows);
    println!("held out: CheckThat! 2024 dev {} sentences, ClaimBuster test.json {} sentences", dev.len(), cb_test.len());
    for set in ["dev", "cb-test"] {
        let n = |how: &str| removed.get(&(set, how)).copied().unwrap_or(0);
        let u = |how: &str| removed_unique.get(&(set, how)).map_or(0, |s| s.len());
        println!(
            "removed as {set} duplicates: {} rows ({} distinct): exact {} ({}), near (Jaccard ≥ 0.8) {} ({}), contained {} ({})",
            n("exact") + n("near") + n("contained"),
            u("exact") + u("near") + u("contained"),
            n("exact"),
            u("exact"),
            n("near"),
            u("near"),
            n("contained"),
            u("contained"),
        );
    }
    println!("merged {dup_rows} repeated rows ({conflicts} with the other label; first kept)");
    println!("training set: {} distinct sentences, {} Yes ({:.1} %)", train.len(), yes, 100.0 * yes as f64 / train.len() as f64);

    // ---- Features.
    let t2 = Instant::now();
    let train_x = Featurized::new(&train);
    let dev_x = Featurized::new(&dev);
    let cb_x = Featurized::new(&cb_test);
    let feat_time = t2.elapsed();

    let base = Hyper { bits: args.bits, epochs: args.epochs, lr: args.lr, l2: args.l2, pos_weight: args.pos_weight, seed: args.seed };
    if args.grid {
        grid(base, &train_x, &dev_x);
        return Ok(ExitCode::SUCCESS);
    }

    // ---- Train, quantise, pick the threshold.
    let t3 = Instant::now();
    let trained = train_model(base, &train_x);
    let train_time = t3.elapsed();
    let hashed = trained.quantize();
    let mut model = trained.to_model(&hashed.0, hashed.1);
    let dev_scores = dev_x.scores(&model);
    let curve = pr_curve(&dev_scores, &dev_x.labels);
    let best = *curve.iter().max_by(|a, b| a.f1.total_cmp(&b.f1).then(a.threshold.total_cmp(&b.threshold))).ok_or("dev: no scores")?;
    model.threshold = best.threshold;
    model.dev_f1 = best.f1 as f32;
    let bytes = model.to_bytes();

    // ---- Report.
    println!("hyper-parameters: {base:?}");
    println!("dev (CheckThat! 2024, {} sentences, {} Yes) at threshold {:.3}: P {:.3} R {:.3} F1 {:.3}", dev.len(), dev_x.labels.iter().filter(|&&y| y).count(), best.threshold, best.p, best.r, best.f1);
    println!("dev PR curve:");
    for t in [0.2f32, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let m = metrics(&dev_scores, &dev_x.labels, t);
        println!("  threshold {t:.2}: P {:.3} R {:.3} F1 {:.3}", m.p, m.r, m.f1);
    }
    let cb = metrics(&cb_x.scores(&model), &cb_x.labels, best.threshold);
    println!("ClaimBuster test.json ({} sentences) at {:.3}: P {:.3} R {:.3} F1 {:.3}", cb_test.len(), best.threshold, cb.p, cb.r, cb.f1);
    let heur: Vec<f32> = dev_x.features.iter().map(heuristic_score).collect();
    let hb = *pr_curve(&heur, &dev_x.labels).iter().max_by(|a, b| a.f1.total_cmp(&b.f1)).unwrap();
    let h5 = metrics(&heur, &dev_x.labels, 0.5);
    println!("heuristic fallback on dev: F1 {:.3} at 0.5, best F1 {:.3} at {:.3}", h5.f1, hb.f1, hb.threshold);
    let mut top: Vec<(usize, f32)> = trained.dense.iter().copied().enumerate().collect();
    top.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let top: Vec<String> = top.iter().take(6).map(|(i, w)| format!("{} {w:+.2}", model::DENSE_NAMES[*i])).collect();
    println!("core feature weights (largest): {}", top.join(", "));
    if args.errors > 0 {
        print_errors(&dev, &dev_scores, best.threshold, args.errors);
    }
    println!(
        "times: load {:.2} s, dedup {:.2} s, features {:.2} s, training {:.2} s ({} epochs)",
        load_time.as_secs_f64(),
        dedup_time.as_secs_f64(),
        feat_time.as_secs_f64(),
        train_time.as_secs_f64(),
        base.epochs,
    );
    if !args.no_speed {
        let (model_only, full) = measure_speed(&model, &dev, &dev_x);
        println!("scoring 10,000 sentences: {model_only:.1} ms given the core features, {full:.1} ms finding them in the text too");
    }
    if !args.dry_run {
        std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
        println!("wrote {} ({} bytes)", out.display(), bytes.len());
    }
    println!("result dev_f1={:.5} threshold={:.3} cb_test_f1={:.5} bytes={}", best.f1, best.threshold, cb.f1, bytes.len());
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------- data

fn read_tsv(path: &Path) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        // `id \t text \t label`; one line of the train file holds two records
        // (`… \t No29286 \t …`): a label followed by the next record's id.
        let fields: Vec<&str> = line.split('\t').collect();
        let mut k = 1;
        while k + 1 < fields.len() {
            let label = fields[k + 1];
            let yes = if label.starts_with("Yes") {
                true
            } else if label.starts_with("No") {
                false
            } else {
                return Err(format!("{}:{}: bad label {label:?}", path.display(), n + 1));
            };
            rows.push(Row { text: unquote(fields[k]), yes });
            k += 2;
        }
    }
    Ok(rows)
}

/// A TSV field in CSV-style quotes (`"He said ""no."""`) without them.
fn unquote(s: &str) -> String {
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        s[1..s.len() - 1].replace("\"\"", "\"")
    } else {
        s.to_string()
    }
}

#[derive(serde::Deserialize)]
struct JsonRow {
    label: i64,
    text: String,
}

fn read_json(path: &Path) -> Result<Vec<Row>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = if bytes.starts_with(&[0xff, 0xfe]) {
        let units: Vec<u16> = bytes[2..].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).map_err(|e| format!("{}: {e}", path.display()))?
    } else {
        String::from_utf8(bytes).map_err(|e| format!("{}: {e}", path.display()))?
    };
    let rows: Vec<JsonRow> = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(rows.into_iter().map(|r| Row { text: r.text, yes: r.label == 1 }).collect())
}

/// Lower case, everything but letters and digits a space, spaces collapsed.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Word 3-gram shingles of a normalised sentence (the whole sentence if shorter), hashed.
fn shingles(norm: &str) -> Vec<u64> {
    let words: Vec<&str> = norm.split(' ').collect();
    let h = |ws: &[&str]| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for w in ws {
            for b in w.bytes().chain([b' ']) {
                h ^= b as u64;
                h = h.wrapping_mul(0x100_0000_01b3);
            }
        }
        h
    };
    let mut out: Vec<u64> = if words.len() < 3 { vec![h(&words)] } else { words.windows(3).map(h).collect() };
    out.sort_unstable();
    out.dedup();
    out
}

/// The held-out sentences, indexed for duplicate search.
struct HeldOut {
    exact: HashMap<String, Vec<usize>>,
    shingles: Vec<usize>,
    index: HashMap<u64, Vec<usize>>,
}

impl HeldOut {
    fn new<'a>(texts: impl Iterator<Item = &'a str>) -> HeldOut {
        let mut h = HeldOut { exact: HashMap::new(), shingles: Vec::new(), index: HashMap::new() };
        for (i, t) in texts.enumerate() {
            let norm = normalize(t);
            let sh = shingles(&norm);
            h.shingles.push(sh.len());
            for s in sh {
                h.index.entry(s).or_default().push(i);
            }
            h.exact.entry(norm).or_default().push(i);
        }
        h
    }

    /// How a normalised training sentence matches held-out sentences, and which.
    fn matches(&self, norm: &str) -> Option<(&'static str, Vec<usize>)> {
        if let Some(which) = self.exact.get(norm) {
            return Some(("exact", which.clone()));
        }
        let sh = shingles(norm);
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for s in &sh {
            for &i in self.index.get(s).map_or(&[][..], |v| &v[..]) {
                *shared.entry(i).or_default() += 1;
            }
        }
        let (mut near, mut contained) = (Vec::new(), Vec::new());
        for (&i, &inter) in &shared {
            let (a, b) = (sh.len() as f64, self.shingles[i] as f64);
            let inter = inter as f64;
            if inter / (a + b - inter) >= 0.8 {
                near.push(i);
            } else if (b >= 4.0 && inter / b >= 0.9) || (a >= 4.0 && inter / a >= 0.9) {
                contained.push(i);
            }
        }
        near.sort_unstable();
        contained.sort_unstable();
        if !near.is_empty() {
            Some(("near", near))
        } else if !contained.is_empty() {
            Some(("contained", contained))
        } else {
            None
        }
    }
}

// ---------------------------------------------------------------- features

/// Sentences as model inputs: hashed features (full 32-bit hashes with group and sign, so
/// that the bucket count is a training choice), group norms and core features.
struct Featurized {
    /// Per sentence: `(group, hash)` pairs in `entries[offsets[i]..offsets[i + 1]]`.
    entries: Vec<(u8, u32)>,
    offsets: Vec<usize>,
    norms: Vec<[f32; GROUPS]>,
    dense: Vec<[f32; N_DENSE]>,
    features: Vec<Features>,
    labels: Vec<bool>,
    texts: Vec<String>,
}

impl Featurized {
    fn new(rows: &[Row]) -> Featurized {
        let mut x = Featurized {
            entries: Vec::new(),
            offsets: vec![0],
            norms: Vec::new(),
            dense: Vec::new(),
            features: Vec::new(),
            labels: Vec::new(),
            texts: Vec::new(),
        };
        // The core features are the slow part: find them on all cores (in order).
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let chunk = rows.len().div_ceil(threads).max(1);
        let features: Vec<Features> = std::thread::scope(|scope| {
            let handles: Vec<_> = rows
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(|r| features_for_sentence(&r.text)).collect::<Vec<_>>()))
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("feature thread panicked")).collect()
        });
        for (r, f) in rows.iter().zip(features) {
            let mut counts = [0u32; GROUPS];
            // 32 bits: the bucket is the low `bits`, the sign bit 31 (as in the model).
            hashed_features(&r.text, 31, |g, b, neg| {
                x.entries.push((g as u8, b | if neg { 1 << 31 } else { 0 }));
                counts[g] += 1;
            });
            x.offsets.push(x.entries.len());
            x.norms.push(counts.map(|c| if c > 0 { 1.0 / (c as f32).sqrt() } else { 0.0 }));
            x.dense.push(dense_features(&f));
            x.features.push(f);
            x.labels.push(r.yes);
            x.texts.push(r.text.clone());
        }
        x
    }

    fn len(&self) -> usize {
        self.labels.len()
    }

    /// Scores by the real inference code of a model.
    fn scores(&self, model: &Model) -> Vec<f32> {
        self.texts.iter().zip(&self.features).map(|(t, f)| model.score(t, f)).collect()
    }
}

// ---------------------------------------------------------------- training

/// SplitMix64: a tiny, well-mixed PRNG for the shuffle.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }
}

struct Trained {
    bits: u32,
    seed: u16,
    hashed: Vec<f32>,
    dense: [f32; N_DENSE],
    bias: f32,
}

fn train_model(h: Hyper, x: &Featurized) -> Trained {
    let n = 1usize << h.bits;
    let mask = (n - 1) as u32;
    let mut w = vec![0.0f32; n];
    let mut gw = vec![0.0f32; n];
    let mut dw = [0.0f32; N_DENSE];
    let mut gd = [0.0f32; N_DENSE];
    let (mut bias, mut gb) = (0.0f32, 0.0f32);
    let eps = 1e-6f32;
    let mut order: Vec<usize> = (0..x.len()).collect();
    let mut rng = SplitMix(h.seed as u64 ^ 0x5eed_c1a1_0000_0000);
    for _ in 0..h.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        for &i in &order {
            let entries = &x.entries[x.offsets[i]..x.offsets[i + 1]];
            let norms = x.norms[i];
            let d = &x.dense[i];
            let mut z = bias;
            for &(g, e) in entries {
                let v = if e >> 31 == 1 { -norms[g as usize] } else { norms[g as usize] };
                z += w[(e & mask) as usize] * v;
            }
            for k in 0..N_DENSE {
                z += dw[k] * d[k];
            }
            let p = model::logistic(z);
            let y = if x.labels[i] { 1.0 } else { 0.0 };
            let cw = if x.labels[i] { h.pos_weight } else { 1.0 };
            let g = (p - y) * cw;
            for &(gr, e) in entries {
                let v = if e >> 31 == 1 { -norms[gr as usize] } else { norms[gr as usize] };
                let j = (e & mask) as usize;
                let grad = g * v + h.l2 * w[j];
                gw[j] += grad * grad;
                w[j] -= h.lr * grad / (gw[j].sqrt() + eps);
            }
            for k in 0..N_DENSE {
                let grad = g * d[k] + h.l2 * dw[k];
                gd[k] += grad * grad;
                dw[k] -= h.lr * grad / (gd[k].sqrt() + eps);
            }
            gb += g * g;
            bias -= h.lr * g / (gb.sqrt() + eps);
        }
    }
    Trained { bits: h.bits, seed: h.seed, hashed: w, dense: dw, bias }
}

impl Trained {
    /// The hashed weights as `i8` (stored as `u8`) and their scale.
    fn quantize(&self) -> (Vec<u8>, f32) {
        let max = self.hashed.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let q = self.hashed.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8).collect();
        (q, scale)
    }

    fn to_model<'a>(&self, hashed: &'a [u8], scale: f32) -> Model<'a> {
        Model { bits: self.bits, seed: self.seed, scale, bias: self.bias, threshold: 0.5, dev_f1: 0.0, dense: self.dense, hashed }
    }
}

// ---------------------------------------------------------------- evaluation

#[derive(Clone, Copy, Debug)]
struct Point {
    threshold: f32,
    p: f64,
    r: f64,
    f1: f64,
}

fn metrics(scores: &[f32], labels: &[bool], threshold: f32) -> Point {
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for (&s, &y) in scores.iter().zip(labels) {
        match (s >= threshold, y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fneg += 1,
            _ => {}
        }
    }
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fneg > 0 { tp as f64 / (tp + fneg) as f64 } else { 0.0 };
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Point { threshold, p, r, f1 }
}

/// Metrics at every distinct score used as the threshold.
fn pr_curve(scores: &[f32], labels: &[bool]) -> Vec<Point> {
    let mut ts: Vec<f32> = scores.to_vec();
    ts.sort_by(f32::total_cmp);
    ts.dedup();
    ts.iter().map(|&t| metrics(scores, labels, t)).collect()
}

fn best_f1(scores: &[f32], labels: &[bool]) -> Point {
    *pr_curve(scores, labels).iter().max_by(|a, b| a.f1.total_cmp(&b.f1).then(a.threshold.total_cmp(&b.threshold))).unwrap()
}

/// A small grid, each point trained with three seeds: the mean dev F1 (each at its best
/// threshold) is what a choice should rest on, not one lucky shuffle.
fn grid(base: Hyper, train: &Featurized, dev: &Featurized) {
    let mut configs = Vec::new();
    for epochs in [2, 4, 8] {
        for lr in [0.1f32, 0.2] {
            for l2 in [1e-6f32, 1e-5, 1e-4] {
                for pos_weight in [1.0f32, 1.5] {
                    configs.push(Hyper { epochs, lr, l2, pos_weight, ..base });
                }
            }
        }
    }
    for h in configs {
        let f1s: Vec<f64> = [1u16, 2, 3]
            .iter()
            .map(|&seed| {
                let t = train_model(Hyper { seed, ..h }, train);
                let q = t.quantize();
                best_f1(&dev.scores(&t.to_model(&q.0, q.1)), &dev.labels).f1
            })
            .collect();
        let mean = f1s.iter().sum::<f64>() / f1s.len() as f64;
        println!(
            "grid bits {} epochs {} lr {} l2 {:e} pos_weight {}: dev F1 mean {mean:.4} (seeds 1-3: {:.4} {:.4} {:.4})",
            h.bits, h.epochs, h.lr, h.l2, h.pos_weight, f1s[0], f1s[1], f1s[2]
        );
    }
}

fn print_errors(dev: &[Row], scores: &[f32], threshold: f32, n: usize) {
    let mut fp: Vec<(f32, &str)> = dev.iter().zip(scores).filter(|(r, &s)| !r.yes && s >= threshold).map(|(r, &s)| (s, r.text.as_str())).collect();
    let mut fneg: Vec<(f32, &str)> = dev.iter().zip(scores).filter(|(r, &s)| r.yes && s < threshold).map(|(r, &s)| (s, r.text.as_str())).collect();
    fp.sort_by(|a, b| b.0.total_cmp(&a.0));
    fneg.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("dev false positives ({} in all, highest first):", fp.len());
    for (s, t) in fp.iter().take(n) {
        println!("  {s:.3} {t}");
    }
    println!("dev false negatives ({} in all, lowest first):", fneg.len());
    for (s, t) in fneg.iter().take(n) {
        println!("  {s:.3} {t}");
    }
}

/// Milliseconds to score 10,000 sentences (the dev sentences, repeated): with the core
/// features given, and with the features found from the text.
fn measure_speed(model: &Model, dev: &[Row], x: &Featurized) -> (f64, f64) {
    let n = 10_000;
    let mut sink = 0.0f32;
    let t = Instant::now();
    for i in 0..n {
        let k = i % dev.len();
        sink += model.score(&dev[k].text, &x.features[k]);
    }
    let model_only = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    for i in 0..n {
        let text = &dev[i % dev.len()].text;
        sink += model.score(text, &features_for_sentence(text));
    }
    let full = t.elapsed().as_secs_f64() * 1000.0;
    std::hint::black_box(sink);
    (model_only, full)
}
