# Shared by scripts/serve.sh and scripts/test.sh: find or install every tool
# they need, each only when missing or at the wrong version. Every tool comes
# from a package registry (crates.io, npm, Debian); nothing is downloaded from
# anywhere else, so Trunk is told to use the installed wasm-bindgen and
# wasm-opt (Trunk.toml) and never to fetch its own.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$ROOT/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# A clean clone builds once: incremental caches only cost disk there.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

log() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
  rustup target list --installed | grep -qx wasm32-unknown-unknown || {
    log "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  }
}

ensure_rust_lints() {
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
    log "Installing trunk $TRUNK_VERSION (a few minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    log "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
    # Without --locked: its own lockfile pins a crate version the registry lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_node_tools() {
  command -v npm >/dev/null || { log "Installing Node.js and npm"; as_root apt-get update -qq; as_root apt-get install -y -qq nodejs npm; }
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    log "Installing wasm-opt (binaryen), playwright-core and axe-core from npm"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "Installing Chromium and ChromeDriver from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver
  fi
  # The print tests count PDF pages (pdfinfo) and lay Chinese out in a real
  # CJK font, as a trainer's machine would.
  if ! command -v pdfinfo >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    log "Installing poppler-utils and fonts-noto-cjk from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq poppler-utils fonts-noto-cjk
  fi
}

fetch_crates() {
  log "Fetching crates (Cargo.lock)"
  cargo fetch --locked
}

build_release() {
  log "Building the release (trunk build --release, wasm-opt -Oz)"
  trunk build --release
}

# The same release build with the `test-hooks` feature, in dist-test/: the
# end-to-end tests of the panic page and the start-up guard need a real panic,
# which only this build can be made to raise. It is never served to users.
build_test_release() {
  log "Building the test-hooks release (dist-test/)"
  trunk build --release --features test-hooks --dist dist-test
}

# cargo-fuzz, and the toolchain to run it with: nightly when there is one,
# else stable with RUSTC_BOOTSTRAP=1 (libFuzzer's flags are unstable ones).
# Sets FUZZ_CARGO, the cargo command scripts/fuzz.sh runs.
ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    log "Installing cargo-fuzz (a few minutes, once)"
    cargo install cargo-fuzz --locked
  fi
  if cargo +nightly --version >/dev/null 2>&1; then
    FUZZ_CARGO=(cargo +nightly)
    log "Fuzzing with the nightly toolchain: $(cargo +nightly --version)"
  else
    FUZZ_CARGO=(env RUSTC_BOOTSTRAP=1 cargo)
    log "No nightly toolchain: fuzzing with stable and RUSTC_BOOTSTRAP=1: $(cargo --version)"
  fi
}
