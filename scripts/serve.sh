#!/usr/bin/env bash
# Installs what is missing, builds the release and serves it on
# http://127.0.0.1:${PORT:-8080}/ with a plain static server.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${PORT:-8080}
ensure_rust
ensure_trunk
ensure_wasm_bindgen
ensure_node_tools
fetch_crates
build_release
log "Serving dist/ on http://127.0.0.1:$PORT/ (Ctrl-C stops)"
exec node e2e/static-server.mjs dist "$PORT"
