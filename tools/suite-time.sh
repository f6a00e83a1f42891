#!/usr/bin/env bash
# Times the whole unit suite (`npm test`) the ways issue 22 compares it: as CI runs it (fresh jest transform
# cache and fresh derived-data cache), then warm on the fast path and warm on the Pulumi path (SLIPWAY_FAST=0).
# Prints wall and CPU seconds per run and jest's test count; exits non-zero if a run failed.
# Takes several minutes on 2 cores; run it on an otherwise idle machine.
set -uo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
logs="${TMPDIR:-/tmp}/slipway-suite-time"
failed=0

# run <label> <env assignment...> -- <jest args...>
run() {
  local label="$1"
  shift
  local vars=()
  while [ "$1" != "--" ]; do vars+=("$1"); shift; done
  shift
  local result=passed
  env "${vars[@]}" /usr/bin/time -f "%e %U %S" -o "$work/time" npx jest --silent "$@" >"$work/$label.log" 2>&1 || {
    result="failed (log: $logs/$label.log)"
    failed=1
    mkdir -p "$logs" && cp "$work/$label.log" "$logs/"
  }
  local wall user sys
  read -r wall user sys < <(tail -1 "$work/time") # time writes "Command exited with ..." first on failure
  printf '%-12s %7.1f s wall %7.1f s CPU  %s, %s\n' "$label" "$wall" "$(awk "BEGIN { print $user + $sys }")" "$result" \
    "$(grep -E '^Tests:' "$work/$label.log" | tail -1 | sed 's/^Tests: *//')"
}

run cold SLIPWAY_CACHE_DIR="$work/derived" -- --cacheDirectory "$work/jest"
run fast SLIPWAY_FAST=1 --
run engine SLIPWAY_FAST=0 --
exit "$failed"
