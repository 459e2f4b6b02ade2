#!/usr/bin/env bash
# Builds the wasm module for the page: wasm-pack build --target web --release into www/pkg,
# then prints the sizes of the wasm and its JS glue, raw and gzip.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The pinned wasm-opt (binaryen 132, scripts/tools): without it wasm-pack would take any
# wasm-opt on PATH, and Debian's binaryen 108 breaks the module ("WebAssembly.Table.set():
# Argument 1 is invalid").
if [ ! -f target/claimmark-env.sh ] || [ ! -x scripts/tools/node_modules/.bin/wasm-opt ] || [ ! -x scripts/tools/node_modules/.bin/esbuild ] \
  || [ scripts/tools/package-lock.json -nt scripts/tools/node_modules/.package-lock.json ]; then
  scripts/setup.sh --demo
fi
for tool in wasm-opt esbuild; do
  [ -x "scripts/tools/node_modules/.bin/$tool" ] || { echo "build-web: scripts/tools/node_modules/.bin/$tool is missing after scripts/setup.sh" >&2; exit 1; }
done
# shellcheck source=/dev/null
. target/claimmark-env.sh
export PATH="$HOME/.cargo/bin:$PATH"
# Built for size (opt-level "z": the release profile's opt-level 3 is for the native CLI, and
# makes the module ~16 KB gzip larger).
CARGO_PROFILE_RELEASE_OPT_LEVEL=z PATH="$WASM_PATH" wasm-pack --log-level warn build --target web --release --out-dir www/pkg --no-pack
# The glue's snippets (the inline JS of src/web_js.rs) go into the glue itself: one module to
# fetch instead of two in a row.
node scripts/inline-snippets.mjs www/pkg
# The glue minified (esbuild, pinned in scripts/tools): its comments and indentation were a
# quarter of its gzip size. Exports and the wasm's import names are kept as they are.
scripts/tools/node_modules/.bin/esbuild www/pkg/claimmark.js --minify --format=esm --target=es2020 \
  --outfile=www/pkg/claimmark.js --allow-overwrite --log-level=warning
total=0
# The module and its JS glue (which holds the snippets).
for f in www/pkg/claimmark_bg.wasm www/pkg/claimmark.js; do
  gz="$(gzip -9c "$f" | wc -c)"
  total=$((total + gz))
  printf 'size: %-28s %8d bytes raw %8d bytes gzip\n' "$f" "$(wc -c <"$f")" "$gz"
done
# Size budget: the gzip size reached (wasm + JS glue with its snippets: 143,826 bytes on 2026-11-25,
# down from 194,880) plus 10 %. Lower it when the module shrinks; raising it needs a reason in
# the commit message.
budget=158208
printf 'size: total %d bytes gzip, budget %d\n' "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
  echo "size: over budget by $((total - budget)) bytes gzip" >&2
  exit 1
fi
