#!/usr/bin/env bash
# A short, deterministic fuzz run of the core (fuzz/fuzz_targets/extract.rs): no panic, report
# invariants hold, split invariance. Seeds: the fixture texts. Longer runs:
#   scripts/fuzz.sh 600        (seconds) — crashes land in fuzz/artifacts/extract/
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! rustup run nightly rustc --version >/dev/null 2>&1 || ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: skipped — no nightly toolchain or cargo-fuzz on this machine (scripts/setup.sh installs cargo-fuzz where nightly exists)"
  exit 0
fi
corpus="fuzz/corpus/extract"
mkdir -p "$corpus"
i=0
for f in tests/fixtures/*.txt; do cp "$f" "$corpus/seed-$i"; i=$((i + 1)); done
# Inputs up to 4 KB (the fixture seeds are cut there). A fixed number of runs from a fixed
# seed, bounded in time too, so a slow input cannot stall the test command.
if [ -n "${1:-}" ]; then
  limit=(-max_total_time="$1" -max_len=4096)
else
  limit=(-runs=20000 -max_total_time=120 -max_len=4096)
fi
log="target/fuzz-extract.log"
mkdir -p target
set +e
cargo +nightly fuzz run extract "$corpus" -- -seed=1 "${limit[@]}" -print_final_stats=1 >"$log" 2>&1
rc=$?
set -e
grep -E "^Done [0-9]+ runs|stat::number_of_executed_units" "$log" || true
if [ "$rc" -ne 0 ]; then
  tail -n 40 "$log"
  echo "fuzz: FAILED (exit $rc); the crashing input is in fuzz/artifacts/extract/ — add it as a regression case"
  exit 1
fi
echo "fuzz: no crash"
