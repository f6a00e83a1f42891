#!/usr/bin/env bash
# The e2e tier's second step, the real engine: `pulumi up` and `pulumi destroy`
# of an example (default examples/yaml-wall) against the loopback cluster, with
# a file backend in a temp folder. Builds the control plane and the engine
# family if the cache lacks them, starts the cluster, checks the Deployment
# exists after `up` and is gone after `destroy`, and always tears the cluster
# down. Prints `N passed, N failed`.
#
# The engine runs the example where it is, from a throwaway project folder
# (Pulumi.yaml with an absolute `main`), so no file of the clone is written:
# the stack file there is the example's, minus its secure values, which are set
# again with `pulumi config set --secret` to obviously fake values under a
# throwaway passphrase. Plugins come from PATH only (the engine family's bin,
# then E2E_ENGINE_PLUGIN_DIR if set); nothing is downloaded.
#
# Variables: E2E_ENGINE_EXAMPLE (default examples/yaml-wall),
# E2E_ENGINE_NAMESPACE / E2E_ENGINE_DEPLOYMENT (what must exist; default web / nginx),
# E2E_ENGINE_TIMEOUT (seconds per pulumi operation, default 600),
# E2E_ENGINE_PLUGIN_DIR (extra folder of plugin binaries), E2E_KEEP_LOGS=1.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO_ROOT"

EXAMPLE="$REPO_ROOT/${E2E_ENGINE_EXAMPLE:-examples/yaml-wall}"
NAMESPACE="${E2E_ENGINE_NAMESPACE:-web}"
DEPLOYMENT="${E2E_ENGINE_DEPLOYMENT:-nginx}"
OP_TIMEOUT="${E2E_ENGINE_TIMEOUT:-600}"
# The plugins the example's program loads: its runtime's language host and one
# resource provider per @pulumi provider package it imports.
PLUGINS=(pulumi-language-nodejs pulumi-resource-kubernetes pulumi-resource-random)

WORK="$(mktemp -d /tmp/slipway-e2e-engine.XXXXXX)"
export E2E_WORKDIR="$WORK/cluster"
passed=0
failed=0
status=1
lb_pid=""

ok() { passed=$((passed + 1)); echo "  ok    $1"; }
fail() {
  failed=$((failed + 1))
  echo "  FAIL  $1"
  [ -z "${2:-}" ] || sed 's/^/        /' <<<"$2"
}
# Runs a command with its output in $WORK/<log>; a failure shows the log's tail.
check() {
  local what="$1" log="$WORK/$2"
  shift 2
  if "$@" >"$log" 2>&1; then ok "$what"; else fail "$what" "$(tail -n 25 "$log")"; fi
}

finish() {
  [ -z "$lb_pid" ] || kill "$lb_pid" 2>/dev/null || true
  "$E2E_DIR/cluster.sh" down >/dev/null 2>&1 || true
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] && status=0
  if [ "$status" -ne 0 ] || [ "${E2E_KEEP_LOGS:-0}" = 1 ]; then
    echo "engine: logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  echo "$passed passed, $failed failed"
  exit "$status"
}
trap finish EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# --- tools ------------------------------------------------------------------
if ! e2e_all_cached; then
  echo "engine: building the control plane (first run; this takes a while)"
  "$E2E_DIR/build.sh" >"$WORK/build-cluster.log" 2>&1 || { fail "build the control plane" "$(tail -n 25 "$WORK/build-cluster.log")"; exit 1; }
fi
if ! e2e_family_cached engine; then
  echo "engine: building the pulumi CLI (first run; this takes a while)"
  "$E2E_DIR/build.sh" engine >"$WORK/build-engine.log" 2>&1 || { fail "build the pulumi CLI" "$(tail -n 25 "$WORK/build-engine.log")"; exit 1; }
fi
e2e_path
PATH="$(e2e_family_dir engine)/bin:$PATH"
[ -z "${E2E_ENGINE_PLUGIN_DIR:-}" ] || PATH="$PATH:$E2E_ENGINE_PLUGIN_DIR"
export PATH
# Every pulumi call keeps its home (credentials, plugins) in the temp folder, never ~/.pulumi.
export PULUMI_HOME="$WORK/pulumi-home"
export PULUMI_CONFIG_PASSPHRASE="e2e-throwaway-passphrase-$$-$RANDOM"
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=1
export PULUMI_SKIP_UPDATE_CHECK=true

echo "== The engine and its plugins"
want="v$(jq -r .version node_modules/@pulumi/pulumi/package.json)"
got="$(pulumi version 2>&1 || true)"
if [ "$got" = "$want" ]; then ok "pulumi version is $got, as @pulumi/pulumi"; else fail "pulumi version is $want" "got: $got"; fi
for plugin in "${PLUGINS[@]}"; do
  if command -v "$plugin" >/dev/null; then ok "plugin $plugin on PATH"; else fail "plugin $plugin on PATH" "not built: see tools/e2e/README.md (The real engine)"; fi
done

# --- project and stack, outside the clone -------------------------------------
mkdir -p "$WORK/project" "$WORK/state"
stack_file="$(find "$EXAMPLE" -maxdepth 1 -name 'Pulumi.*.yaml' | sort | head -n 1)"
stack="$(basename "$stack_file" .yaml)"
stack="${stack#Pulumi.}"
# Prints the secure keys it dropped, one a line.
secure_keys="$(node - "$EXAMPLE" "$stack_file" "$WORK/project" <<'EOF'
const fs = require("fs"), path = require("path"), YAML = require("yaml");
const [example, stackFile, out] = process.argv.slice(2);
const project = YAML.parse(fs.readFileSync(path.join(example, "Pulumi.yaml"), "utf8"));
project.main = path.resolve(example, project.main ?? ".");
fs.writeFileSync(path.join(out, "Pulumi.yaml"), YAML.stringify(project));
const config = YAML.parse(fs.readFileSync(stackFile, "utf8"))?.config ?? {};
const secure = Object.keys(config).filter((k) => config[k] && typeof config[k] === "object" && "secure" in config[k]);
for (const k of secure) delete config[k];
fs.writeFileSync(path.join(out, path.basename(stackFile)), YAML.stringify({ config }));
console.log(secure.join("\n"));
EOF
)"

echo "== Stack $stack of $(basename "$EXAMPLE") on a file backend"
cd "$WORK/project"
check "pulumi login file://" login.log pulumi login "file://$WORK/state"
check "pulumi stack init $stack (passphrase secrets)" stack-init.log pulumi stack init "$stack" --secrets-provider passphrase --non-interactive
for key in $secure_keys; do
  # The value goes through stdin, never the command line.
  check "pulumi config set --secret $key" "config-$key.log" \
    bash -c 'printf %s "$1" | pulumi config set --secret "$2"' _ "e2e-fake-${key##*:}-$$-$RANDOM" "$key"
done

# --- cluster --------------------------------------------------------------------
echo "== Cluster"
kubeconfig="$("$E2E_DIR/cluster.sh" up 2>"$WORK/cluster-up.log")" || { fail "cluster up" "$(cat "$WORK/cluster-up.log")"; exit 1; }
ok "cluster up ($(grep -o 'up in [0-9]*s' "$WORK/cluster-up.log"))"
export KUBECONFIG="$kubeconfig"
KUBECTL="$(e2e_family_dir kubernetes)/bin/kubectl"
# The example expects the platform to own its namespace: created restricted, as a Tenant would.
check "namespace $NAMESPACE (restricted) created" namespace.log bash -c '
  "$1" create namespace "$2" && "$1" label namespace "$2" \
    pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/warn=restricted' _ "$KUBECTL" "$NAMESPACE"
# No load balancer runs on loopback; the provider waits for a LoadBalancer
# Service's ingress, so give each one an address, as a cloud's controller would.
(while sleep 2; do
  "$KUBECTL" get svc -A -o jsonpath='{range .items[?(@.spec.type=="LoadBalancer")]}{.metadata.namespace} {.metadata.name} {.status.loadBalancer.ingress}{"\n"}{end}' 2>/dev/null |
    while read -r ns name ingress; do
      [ -z "$ingress" ] || continue
      "$KUBECTL" -n "$ns" patch svc "$name" --subresource=status --type=merge \
        -p '{"status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1"}]}}}' >/dev/null 2>&1 || true
    done
done) &
lb_pid=$!

# --- up, check, destroy -----------------------------------------------------------
echo "== pulumi up / destroy"
check "pulumi up" up.log timeout "$OP_TIMEOUT" pulumi up --yes --skip-preview --non-interactive --stack "$stack"
check "Deployment $NAMESPACE/$DEPLOYMENT exists after up" deployment-after-up.log \
  "$KUBECTL" -n "$NAMESPACE" get deployment "$DEPLOYMENT"
check "pulumi destroy" destroy.log timeout "$OP_TIMEOUT" pulumi destroy --yes --skip-preview --non-interactive --stack "$stack"
check "Deployment $NAMESPACE/$DEPLOYMENT is gone after destroy" deployment-after-destroy.log bash -c '
  out="$("$1" -n "$2" get deployment "$3" 2>&1)"; grep -q NotFound <<<"$out" || { echo "$out"; exit 1; }' _ "$KUBECTL" "$NAMESPACE" "$DEPLOYMENT"
