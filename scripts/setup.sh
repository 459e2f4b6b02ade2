#!/usr/bin/env bash
# Installs what claimmark's demo and tests need, skipping whatever is already there.
#
#   scripts/setup.sh          everything: wasm toolchain, wasm-bindgen-cli, wasm-pack,
#                             wasm-opt (npm), chromium + chromedriver, npm packages for e2e
#   scripts/setup.sh --demo   only what the demo needs (no browser, no npm packages)
#
# Route: the ordinary one first (`rustup target add wasm32-unknown-unknown`, guarded by a
# timeout). Where the Rust distribution server cannot be reached, the offline route: Debian's
# rustc-web/cargo-web/rust-web-src + lld, and a wasm32 standard library built once from source
# into that rustc's sysroot. Either way it writes target/claimmark-env.sh, which the other
# scripts source to get the PATH whose cargo builds wasm32.
#
# It prints one line per component; when everything is present it finishes in a second or two.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-all}"
ENV_FILE="$ROOT/target/claimmark-env.sh"
mkdir -p "$ROOT/target"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi
APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "need $* but apt-get is not available; install them by hand"
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    $SUDO apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# ---------------------------------------------------------------- wasm32 toolchain
has_wasm_std() { # $1 = rustc
  local sysroot
  sysroot="$("$1" --print sysroot 2>/dev/null)" || return 1
  ls "$sysroot"/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib >/dev/null 2>&1
}

wasm_path=""
# CLAIMMARK_TOOLCHAIN=offline forces the offline route (to test it where rustup works).
if [ "${CLAIMMARK_TOOLCHAIN:-}" != offline ] && command -v rustc >/dev/null 2>&1 && has_wasm_std rustc; then
  say "wasm32 target: present ($(rustc --version))"
elif [ "${CLAIMMARK_TOOLCHAIN:-}" != offline ] && command -v rustup >/dev/null 2>&1 && [ ! -f "$ROOT/target/.rustup-target-failed" ] \
  && timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 && has_wasm_std rustc; then
  say "wasm32 target: installed with rustup"
else
  # Remember that rustup cannot reach its server, so later runs don't wait for it again.
  [ "${CLAIMMARK_TOOLCHAIN:-}" = offline ] || touch "$ROOT/target/.rustup-target-failed"
  if [ ! -x /usr/bin/rustc ] || [ ! -x /usr/bin/cargo ] || [ ! -d /usr/lib/rustlib/src/rust/library ] \
    || ! command -v wasm-ld >/dev/null 2>&1; then
    apt_install rustc-web cargo-web rust-web-src lld
  fi
  if ! has_wasm_std /usr/bin/rustc; then
    say "wasm32 target: building the standard library from source (about a minute)"
    build="$(mktemp -d)"
    mkdir -p "$build/src"
    printf '[package]\nname = "claimmark_wasm_std"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n' >"$build/Cargo.toml"
    : >"$build/src/lib.rs"
    (cd "$build" && PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
      /usr/bin/cargo build -q --release --target wasm32-unknown-unknown \
      -Zbuild-std=std,test,panic_abort,panic_unwind) || die "building the wasm32 standard library failed"
    dest="$(/usr/bin/rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown/lib"
    $SUDO mkdir -p "$dest"
    find "$build/target/wasm32-unknown-unknown/release/deps" -name '*.rlib' ! -name 'libclaimmark_wasm_std*' \
      -exec $SUDO cp {} "$dest/" \;
    rm -rf "$build"
    has_wasm_std /usr/bin/rustc || die "wasm32 standard library still missing after the build"
  fi
  say "wasm32 target: present ($(/usr/bin/rustc --version), offline route)"
  wasm_path="/usr/bin"
fi
{
  echo "# Written by scripts/setup.sh: the PATH whose cargo/rustc build wasm32."
  if [ -n "$wasm_path" ]; then
    echo "export WASM_PATH=\"$wasm_path:\$PATH\""
    echo "export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld"
  else
    echo "export WASM_PATH=\"\$PATH\""
  fi
} >"$ENV_FILE"

# ---------------------------------------------------------------- wasm-bindgen-cli, wasm-pack
export PATH="$HOME/.cargo/bin:$PATH"
want_wb="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")"
[ -n "$want_wb" ] || die "no wasm-bindgen version in Cargo.lock"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
if [ "$have_wb" != "$want_wb" ]; then
  say "wasm-bindgen-cli $want_wb: installing with cargo (about 5 minutes)"
  # Not --locked: one of its locked dependency versions is missing from the registry.
  cargo install -q wasm-bindgen-cli --version "$want_wb" || die "cargo install wasm-bindgen-cli failed"
fi
say "wasm-bindgen-cli: $(wasm-bindgen --version)"
if ! command -v wasm-pack >/dev/null 2>&1; then
  say "wasm-pack: installing with cargo (about 2 minutes)"
  cargo install -q wasm-pack --locked || die "cargo install wasm-pack failed"
fi
say "wasm-pack: $(wasm-pack --version)"
command -v python3 >/dev/null 2>&1 || apt_install python3
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then apt_install nodejs npm; fi
# wasm-opt from binaryen's npm package (pinned in scripts/tools/package-lock.json): Debian's
# binaryen 108 rewrites wasm-bindgen 0.2.130's externref table wrongly and the module fails to
# load. WASM_PATH puts this wasm-opt first, so wasm-pack uses it.
npm_ci() { # $1 = folder with package.json and package-lock.json
  # npm writes node_modules/.package-lock.json at the end of an install: without it (or with an
  # older one) the install is missing, partial or stale.
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    say "npm ci (${1#"$ROOT"/})"
    (cd "$1" && npm ci --silent --no-audit --no-fund) || die "npm ci in $1 failed"
    touch "$1/node_modules/.package-lock.json"
  fi
}
npm_ci "$ROOT/scripts/tools"
echo "export WASM_PATH=\"$ROOT/scripts/tools/node_modules/.bin:\$WASM_PATH\"" >>"$ENV_FILE"
say "wasm-opt: $("$ROOT/scripts/tools/node_modules/.bin/wasm-opt" --version)"

[ "$MODE" = "--demo" ] && exit 0

# ---------------------------------------------------------------- browser tests
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt_install chromium chromium-driver
fi
say "chromium: $(chromium --version 2>/dev/null | head -n1); $(chromedriver --version | awk '{print $1, $2}')"
npm_ci "$ROOT/tests/e2e"
say "e2e packages: present"

# ---------------------------------------------------------------- fuzzing (nightly + cargo-fuzz)
if rustup run nightly rustc --version >/dev/null 2>&1; then
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    say "cargo-fuzz: installing with cargo (about 2 minutes)"
    cargo install -q cargo-fuzz --locked || die "cargo install cargo-fuzz failed"
  fi
  say "cargo-fuzz: $(cargo fuzz --version 2>/dev/null) on $(rustup run nightly rustc --version)"
else
  say "cargo-fuzz: no nightly toolchain, the fuzz step will be skipped"
fi
