#!/usr/bin/env bash
# Benchmarks claimmark in headless Chromium (tests/e2e/bench.mjs, issue #6): annotate on the seed
# article and on ~1 MB of real articles against mark.js, start-up, scaling 10 KB – 4 MB, peak
# wasm memory. Prints markdown tables (--json: one JSON document); asserts nothing about time.
#
#   scripts/bench-web.sh               # builds www/pkg first if it is missing or older than src/
#   scripts/bench-web.sh --no-build    # benchmarks www/pkg as it is (a note says when it is stale)
#   scripts/bench-web.sh --json --runs 15
#
# Needs ../shared/data/pages (the real pages; BENCH_SHARED=<folder holding data/pages> to point
# elsewhere), chromium (CHROMIUM=/path) and the npm packages of tests/e2e (installed here when
# missing). Build output and progress go to stderr, the tables to stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
die() {
  echo "bench-web: error: $*" >&2
  exit 1
}

build=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    *) args+=("$a") ;;
  esac
done

shared="${BENCH_SHARED:-${E2E_SHARED:-$ROOT/../shared}}"
[ -d "$shared/data/pages" ] || die "$shared/data/pages is absent: the benchmark's real-article pages are built from it (BENCH_SHARED=<folder holding data/pages>)"
command -v node >/dev/null 2>&1 || die "node is not installed (scripts/setup.sh installs it)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || die "chromium not found at $chromium: install it (scripts/setup.sh) or set CHROMIUM=/path/to/chromium"
if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/mark.js ]; then
  echo "bench-web: npm ci (tests/e2e)" >&2
  (cd tests/e2e && npm ci --silent --no-audit --no-fund) >&2 || die "npm ci in tests/e2e failed"
fi

wasm=www/pkg/claimmark_bg.wasm
stale=""
if [ ! -f "$wasm" ] || [ ! -f www/pkg/claimmark.js ]; then
  stale="www/pkg is not built"
else
  newer="$(find src Cargo.toml Cargo.lock -type f -newer "$wasm" -print 2>/dev/null | head -n 1)"
  [ -z "$newer" ] || stale="$newer is newer than $wasm"
fi
if [ -n "$stale" ]; then
  if [ "$build" = 1 ]; then
    echo "bench-web: $stale: building (scripts/build-web.sh)" >&2
    scripts/build-web.sh >&2 || die "scripts/build-web.sh failed (see above); scripts/bench-web.sh --no-build benchmarks the module already in www/pkg"
  elif [ ! -f "$wasm" ]; then
    die "www/pkg is not built (and --no-build): run scripts/build-web.sh"
  else
    echo "bench-web: warning: $stale (--no-build: benchmarking it anyway)" >&2
  fi
fi

exec node tests/e2e/bench.mjs "${args[@]}"
