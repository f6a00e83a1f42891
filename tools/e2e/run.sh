#!/usr/bin/env bash
# `npm run e2e`: builds the pinned tools if the cache lacks them, starts a
# cluster on loopback with fake nodes, runs the checks of test/e2e/run.ts
# against it, and always tears the cluster down. Logs go to a temp folder,
# kept and printed on failure. Prints `N passed, N failed` at the end.
#
# Variables: E2E_NODES (default 3), E2E_READY_TIMEOUT (seconds per workload),
# SLIPWAY_E2E_CACHE (binary cache folder), E2E_KEEP_LOGS=1 (keep logs on success).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

LOGS="$(mktemp -d /tmp/slipway-e2e-logs.XXXXXX)"
export E2E_WORKDIR="$LOGS/cluster"
export E2E_OUT="$LOGS/rendered"
status=1

finish() {
  "$E2E_DIR/cluster.sh" logs "$LOGS/components" >/dev/null 2>&1 || true
  "$E2E_DIR/cluster.sh" down >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ] || [ "${E2E_KEEP_LOGS:-0}" = 1 ]; then
    echo "e2e: logs kept in $LOGS" >&2
    if [ "$status" -ne 0 ]; then
      for log in "$LOGS"/*.log; do
        [ -f "$log" ] && { echo "--- $log (last 40 lines)" >&2; tail -n 40 "$log" >&2; }
      done
    fi
  fi
  # The tally closes the output, after any log tails.
  summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$LOGS/runner-output.txt" 2>/dev/null | tail -n 1 || true)"
  [ "${E2E_KEEP_LOGS:-0}" = 1 ] || [ "$status" -ne 0 ] || rm -rf "$LOGS"
  [ -n "$summary" ] && echo "$summary"
  return 0
}
trap finish EXIT
# A time bound (CI's timeout) sends TERM: exit through the trap so the cluster still goes down.
trap 'exit 143' TERM
trap 'exit 130' INT

if ! e2e_all_cached; then
  echo "e2e: building the pinned tools (first run; this takes a while)"
  "$E2E_DIR/build.sh" 2>&1 | tee "$LOGS/build.log"
fi
e2e_path

# The charts' objects are applied too: they render with the pinned helm (built once if missing).
SLIPWAY_HELM="$(bash "$E2E_DIR/helm.sh")"
export SLIPWAY_HELM

echo "e2e: building the CLI that renders the stacks"
npx tsc -b packages/*/ >"$LOGS/tsc.log" 2>&1 || { echo "e2e: tsc failed" >&2; cat "$LOGS/tsc.log" >&2; exit 1; }

echo "e2e: starting the cluster"
kubeconfig="$("$E2E_DIR/cluster.sh" up "${E2E_NODES:-3}" 2>"$LOGS/cluster-up.log")" || {
  cat "$LOGS/cluster-up.log" >&2
  exit 1
}
cat "$LOGS/cluster-up.log"

status=0
e2e_run_runner test/e2e/run.ts "$LOGS" "$kubeconfig" || status=$?
exit "$status"
