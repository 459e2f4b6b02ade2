#!/usr/bin/env bash
# Builds the wasm module for the page: wasm-pack build --target web --release into www/pkg,
# then prints the sizes of the wasm and its JS glue, raw and gzip.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[ -f target/claimmark-env.sh ] || scripts/setup.sh --demo
# shellcheck source=/dev/null
. target/claimmark-env.sh
export PATH="$HOME/.cargo/bin:$PATH"
PATH="$WASM_PATH" wasm-pack --log-level warn build --target web --release --out-dir www/pkg --no-pack
for f in www/pkg/claimmark_bg.wasm www/pkg/claimmark.js; do
  printf 'size: %-28s %8d bytes raw %8d bytes gzip\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
