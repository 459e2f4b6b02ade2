#!/usr/bin/env bash
# Runs every test of claimmark: native core tests (unit, golden, fixtures, split invariance,
# CLI), the DOM tests in headless Chromium (wasm-pack test), a release build of the wasm
# module with its size, and the end-to-end tests of www/ and the bookmarklet.
# Installs whatever is missing first (scripts/setup.sh). Exits non-zero on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '\n=== %s\n' "$*"; }

step "setup"
scripts/setup.sh
# shellcheck source=/dev/null
. target/claimmark-env.sh
export PATH="$HOME/.cargo/bin:$PATH"

step "native tests (cargo test)"
cargo test --locked

step "DOM tests in headless Chromium (wasm-pack test)"
PATH="$WASM_PATH" wasm-pack test --headless --chrome -- --test web --test web_steps

step "release build of the wasm module (wasm-pack build --target web)"
scripts/build-web.sh

step "end-to-end tests (www/ and the bookmarklet in headless Chromium)"
node tests/e2e/run.mjs

step "fuzzing the core (cargo fuzz, a short deterministic run)"
scripts/fuzz.sh

printf '\nall test steps passed\n'
