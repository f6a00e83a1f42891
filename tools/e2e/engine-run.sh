#!/usr/bin/env bash
# The e2e tier's engine step: `slipway up|preview|destroy` through the real
# Pulumi engine (the Automation API, inline programs) against the loopback
# cluster, with a file backend in a temp folder and no plugin downloads. Needs
# the cluster families, `engine` (the pulumi CLI) and `provider` (the Kubernetes
# provider) in the binary cache; builds the missing ones first unless
# E2E_ENGINE_BUILD=0, which makes it skip (exit 0, says why) instead.
# The checks are test/e2e/engine.ts; prints `N passed, N failed`.
#
# Variables: E2E_ENGINE_OP_TIMEOUT (seconds per slipway call, default 300),
# E2E_KEEP_LOGS=1 (keep the temp folder), SLIPWAY_E2E_CACHE.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

ENGINE_FAMILIES=(engine provider)
WORK="$(mktemp -d /tmp/slipway-e2e-engine.XXXXXX)"
export E2E_WORKDIR="$WORK/cluster"
status=1
lb_pid=""

finish() {
  [ -z "$lb_pid" ] || kill "$lb_pid" 2>/dev/null || true
  "$E2E_DIR/cluster.sh" logs "$WORK/components" >/dev/null 2>&1 || true
  "$E2E_DIR/cluster.sh" down >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ] || [ "${E2E_KEEP_LOGS:-0}" = 1 ]; then
    echo "engine: logs and state kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap finish EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

missing=()
e2e_all_cached || missing+=("${E2E_FAMILIES[@]}")
for family in "${ENGINE_FAMILIES[@]}"; do e2e_family_cached "$family" || missing+=("$family"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${E2E_ENGINE_BUILD:-1}" = 0 ]; then
    echo "engine: skipped (not in the binary cache: ${missing[*]})"
    status=0
    exit 0
  fi
  echo "engine: building ${missing[*]} (first run; this takes a while)"
  "$E2E_DIR/build.sh" "${missing[@]}" >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; exit 1; }
fi
e2e_path
# The provider comes from PATH (the engine says "using pulumi-resource-kubernetes from $PATH").
PATH="$(e2e_family_dir provider)/bin:$PATH"
export PATH
export SLIPWAY_PULUMI_ROOT="$(e2e_family_dir engine)"
export PULUMI_HOME="$WORK/pulumi-home"
export PULUMI_BACKEND_URL="file://$WORK/state"
export PULUMI_CONFIG_PASSPHRASE="e2e-throwaway-passphrase-$$-$RANDOM"
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_UPDATE_CHECK=true
export E2E_WORK="$WORK"
mkdir -p "$WORK/state" "$PULUMI_HOME"

echo "engine: building the CLI, the packages and the policy pack"
npx tsc -b >"$WORK/tsc.log" 2>&1 || { cat "$WORK/tsc.log" >&2; exit 1; }

echo "engine: starting the cluster"
kubeconfig="$("$E2E_DIR/cluster.sh" up "${E2E_NODES:-3}" 2>"$WORK/cluster-up.log")" || { cat "$WORK/cluster-up.log" >&2; exit 1; }
cat "$WORK/cluster-up.log"
KUBECTL="$(e2e_family_dir kubernetes)/bin/kubectl"

# No load balancer runs on loopback, and the provider waits for a LoadBalancer
# Service's address: give each one an address, as a cloud's controller would.
(while sleep 2; do
  KUBECONFIG="$kubeconfig" "$KUBECTL" get svc -A -o jsonpath='{range .items[?(@.spec.type=="LoadBalancer")]}{.metadata.namespace} {.metadata.name} {.status.loadBalancer.ingress}{"\n"}{end}' 2>/dev/null |
    while read -r ns name ingress; do
      [ -z "$ingress" ] || continue
      KUBECONFIG="$kubeconfig" "$KUBECTL" -n "$ns" patch svc "$name" --subresource=status --type=merge \
        -p '{"status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1"}]}}}' >/dev/null 2>&1 || true
    done
done) &
lb_pid=$!

status=0
e2e_run_runner test/e2e/engine.ts "$WORK" "$kubeconfig" || status=$?
exit "$status"
