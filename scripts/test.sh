#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting, clippy (native
# and wasm32), native tests, wasm-bindgen-test in headless Chromium, the
# release build with its size report, and the end-to-end tests against it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start=$(date +%s)
ensure_rust
ensure_rust_lints
ensure_trunk
ensure_wasm_bindgen
ensure_node_tools
ensure_chromium
fetch_crates

log "cargo fmt --check"
cargo fmt --all --check

log "clippy, native"
cargo clippy --locked --all-targets -- -D warnings
log "clippy, wasm32"
cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

log "Native tests (domain, model, storage codec, properties)"
cargo test --locked

log "Fuzzing every parser (scripts/fuzz.sh, ${FUZZ_SECONDS:-60} s a target)"
bash scripts/fuzz.sh

log "Component tests in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=$(command -v chromedriver) \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown --test web

build_release
build_test_release

log "Release size (fails over the budget in scripts/size.mjs)"
node scripts/size.mjs dist --check

log "End-to-end tests (playwright-core, Chromium, release build)"
node --test --test-concurrency=1 --test-timeout=600000 e2e/

log "Benchmarks (figures only, nothing asserted)"
cargo run --locked --release --quiet --example bench
node e2e/bench.mjs dist

log "All tests passed in $(( $(date +%s) - start )) s"
