# Shared by the e2e scripts: where the binary cache lives and which tool
# families exist. Source it; it defines variables and functions only.

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$E2E_DIR/../.." && pwd)"

# One Go module per tool family, so the versions of one never leak into another.
E2E_FAMILIES=(kubernetes etcd kwok)

# The cache lives outside the clone (binaries are never committed), one folder
# per family keyed by a hash of that family's pins and of the Go toolchain.
E2E_CACHE_ROOT="${SLIPWAY_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway-e2e}"

e2e_family_hash() {
  local family="$1"
  {
    cat "$E2E_DIR/$family/go.mod" "$E2E_DIR/$family/go.sum"
    go env GOVERSION GOOS GOARCH
  } | sha256sum | cut -c1-16
}

e2e_family_dir() {
  echo "$E2E_CACHE_ROOT/$1-$(e2e_family_hash "$1")"
}

# A family is cached when its build finished (the stamp is written last).
e2e_family_cached() {
  [ -f "$(e2e_family_dir "$1")/.complete" ]
}

e2e_all_cached() {
  local family
  for family in "${E2E_FAMILIES[@]}"; do
    e2e_family_cached "$family" || return 1
  done
}

# Puts every family's bin folder first on PATH.
e2e_path() {
  local family
  for family in "${E2E_FAMILIES[@]}"; do
    PATH="$(e2e_family_dir "$family")/bin:$PATH"
  done
  export PATH
}

# Runs a test/e2e runner (ts-node) against the started cluster with kubectl and
# its kubeconfig; its output is shown and kept in $2. Returns the runner's exit code.
e2e_run_runner() {
  local runner="$1" logs="$2" kubeconfig="$3" status
  set +e
  E2E_KUBECTL="$(e2e_family_dir kubernetes)/bin/kubectl" E2E_KUBECONFIG="$kubeconfig" \
    npx ts-node --project test/e2e/tsconfig.json "$runner" 2> >(tee "$logs/runner-stderr.log" >&2) | tee "$logs/runner-output.txt"
  status=${PIPESTATUS[0]}
  set -e
  return "$status"
}
