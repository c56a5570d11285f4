#!/usr/bin/env bash
# Screenshots a page in headless Chromium, wide (1280x800), narrow (390x844),
# projector (1024x768) and full-length tall versions,
# in one language: scripts/screenshot.sh URL OUT_PREFIX [LANG]
# Chromium here takes the page language from --accept-lang (--lang alone is ignored headless).
set -euo pipefail
url=${1:?URL}; out=${2:?OUT_PREFIX}; lang=${3:-en-US}
mkdir -p "$(dirname "$out")"
for size in wide:1280,800 narrow:390,844 projector:1024,768 tall:1280,1800 narrowtall:390,3200; do
  name=${size%%:*}; wh=${size#*:}
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --lang="$lang" --accept-lang="$lang" --hide-scrollbars \
    --virtual-time-budget=5000 --window-size="$wh" --screenshot="$out-$name.png" "$url" >/dev/null 2>&1
  rm -rf "$profile"
  [ -s "$out-$name.png" ] && echo "$out-$name.png"
done
