#!/usr/bin/env bash
# Builds the wasm module and serves www/ at http://127.0.0.1:PORT/ (default 8000).
# Usage: scripts/demo.sh [PORT]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh --demo
scripts/build-web.sh
exec python3 scripts/serve.py --port "${1:-8000}" www
