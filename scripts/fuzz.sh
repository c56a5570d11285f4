#!/usr/bin/env bash
# Fuzzes every parser (README, "Fuzzing"): each target in fuzz/ runs for
# FUZZ_SECONDS (default 60) from its committed seeds (fuzz/seeds/<target>/,
# copied into a temporary corpus, so the repository is never written), with
# libFuzzer's limits: 2 s a run (the targets themselves fail one over
# 100 ms, see fuzz/src/lib.rs), 2 GB of memory, no allocation over 256 MB
# (fuzz/src/alloc.rs). Fails on the first finding; its input is kept in
# fuzz/artifacts/<target>/ to add to the seeds with its fix.
#   FUZZ_SECONDS=3600 scripts/fuzz.sh          longer
#   FUZZ_TARGETS="number csv_import" scripts/fuzz.sh   some targets only
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_cargo_fuzz
seconds=${FUZZ_SECONDS:-60}
read -r -a targets <<<"${FUZZ_TARGETS:-number saved_state csv_import share_link json_import}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$ROOT/fuzz"

# No sanitizer: the app is safe Rust, and ASan would only slow each run
# and the build; the allocation cap is the fuzz crate's own allocator.
flags=(-O -s none)
log "Building the fuzz targets (${FUZZ_CARGO[*]} fuzz build)"
"${FUZZ_CARGO[@]}" fuzz build "${flags[@]}"

for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  cp seeds/"$t"/* "$work/$t/"
  dict=()
  [ -f "dicts/$t.dict" ] && dict=("-dict=dicts/$t.dict")
  log "Fuzzing $t for $seconds s"
  "${FUZZ_CARGO[@]}" fuzz run "${flags[@]}" "$t" "$work/$t" -- \
    -max_total_time="$seconds" -timeout=2 -rss_limit_mb=2048 -malloc_limit_mb=256 \
    -report_slow_units=1 -print_final_stats=1 "${dict[@]}" 2>"$work/$t.log" || {
    tail -n 60 "$work/$t.log"
    echo "fuzz target $t found a problem: the input is in fuzz/artifacts/$t/" >&2
    exit 1
  }
  runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$work/$t.log")
  echo "$t: $runs runs in $seconds s, corpus $(find "$work/$t" -type f | wc -l) inputs, no finding"
done
