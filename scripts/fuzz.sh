#!/usr/bin/env bash
# A short, deterministic fuzz run of the core (fuzz/fuzz_targets/extract.rs): no panic, report
# invariants hold, split invariance. Seeds: the fixture texts. The short run (no argument) starts
# from the seeds alone, every time: 20,000 runs from a fixed seed, so it tries the same inputs on
# every machine (about 70 s here, plus the build). Longer runs keep their corpus:
#   scripts/fuzz.sh 600        (seconds) — crashes land in fuzz/artifacts/extract/
# The core is safe Rust, so the fuzz build has no sanitizer (`-s none`: 3x the runs per second
# of AddressSanitizer); debug assertions stay on (cargo fuzz builds with them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! rustup run nightly rustc --version >/dev/null 2>&1 || ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: skipped — no nightly toolchain or cargo-fuzz on this machine (scripts/setup.sh installs cargo-fuzz where nightly exists)"
  exit 0
fi
if [ -n "${1:-}" ]; then
  corpus="fuzz/corpus/extract"
else
  corpus="target/fuzz-corpus-short"
  rm -rf "$corpus"
fi
mkdir -p "$corpus"
i=0
for f in tests/fixtures/*.txt; do cp "$f" "$corpus/seed-$i"; i=$((i + 1)); done
# Inputs up to 4 KB (the fixture seeds are cut there). A fixed number of runs from a fixed
# seed; the time bound only guards the test command against a machine many times slower (the
# output then says the run was cut short).
runs=20000
if [ -n "${1:-}" ]; then
  limit=(-max_total_time="$1" -max_len=4096)
else
  limit=(-runs=$runs -max_total_time=600 -max_len=4096)
fi
log="target/fuzz-extract.log"
mkdir -p target
set +e
cargo +nightly fuzz run -s none extract "$corpus" -- -seed=1 "${limit[@]}" -print_final_stats=1 >"$log" 2>&1
rc=$?
set -e
grep -E "^Done [0-9]+ runs|stat::number_of_executed_units" "$log" || true
if [ "$rc" -ne 0 ]; then
  tail -n 40 "$log"
  echo "fuzz: FAILED (exit $rc); the crashing input is in fuzz/artifacts/extract/ — add it as a regression case"
  exit 1
fi
done_runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
if [ -z "${1:-}" ] && [ "${done_runs:-0}" -lt "$runs" ]; then
  echo "fuzz: no crash, but the run was cut short by its time bound: ${done_runs:-0} of $runs runs"
else
  echo "fuzz: no crash"
fi
