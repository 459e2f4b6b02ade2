//! Native benchmarks of the core: `cargo bench --bench core`.
//!
//! - `extract/seed`: the seed article (tests/fixtures/example-article.txt);
//! - `extract/1MB`: about 1 MB of real article text — the human-checked article bodies of
//!   ../shared/data/pages/aeb/ground-truth.json concatenated (the seed article repeated when
//!   ../shared is absent, which the output says);
//! - `score/10k sentences`: the check-worthiness scorer alone on 10,000 sentences.
//!
//! Throughput is printed by criterion (MB/s or elements/s).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const SEED: &str = include_str!("../tests/fixtures/example-article.txt");

fn real_text(target: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/pages/aeb/ground-truth.json");
    let mut out = String::with_capacity(target + 100_000);
    match std::fs::read_to_string(path).ok().and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok()) {
        Some(serde_json::Value::Object(map)) => {
            let bodies: Vec<&str> = map.values().filter_map(|v| v["articleBody"].as_str()).collect();
            'fill: loop {
                for b in &bodies {
                    out.push_str(b);
                    out.push_str("\n\n");
                    if out.len() >= target {
                        break 'fill;
                    }
                }
            }
            eprintln!("extract/1MB: {} aeb article bodies, {} bytes", bodies.len(), out.len());
        }
        _ => {
            eprintln!("extract/1MB: ../shared absent, using the seed article repeated");
            while out.len() < target {
                out.push_str(SEED);
                out.push_str("\n\n");
            }
        }
    }
    out
}

fn bench_extract(c: &mut Criterion) {
    let big = real_text(1_000_000);
    let mut group = c.benchmark_group("extract");
    for (name, text) in [("seed", SEED), ("1MB", big.as_str())] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 100_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| b.iter(|| claimmark::extract(black_box(t))));
    }
    group.finish();
}

fn bench_score(c: &mut Criterion) {
    let big = real_text(1_000_000);
    let sentences: Vec<(&str, claimmark::score::Features)> = claimmark::segment::sentences(&big)
        .into_iter()
        .take(10_000)
        .map(|(s, e)| {
            let t = &big[s..e];
            (t, claimmark::extract::features_for_sentence(t))
        })
        .collect();
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.bench_function(format!("{} sentences", sentences.len()), |b| {
        b.iter(|| sentences.iter().map(|(t, f)| claimmark::score::score_sentence(black_box(t), f)).sum::<f32>())
    });
    group.finish();
}

criterion_group!(benches, bench_extract, bench_score);
criterion_main!(benches);
