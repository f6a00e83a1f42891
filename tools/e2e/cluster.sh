#!/usr/bin/env bash
# A whole Kubernetes control plane on loopback, from the cached pinned binaries:
# etcd, kube-apiserver (secure port, RBAC, default admission plugins including
# Pod Security), kube-controller-manager, kube-scheduler, and kwok simulating
# the nodes. kwokctl's "binary" runtime runs them as local processes.
#
#   tools/e2e/cluster.sh up [nodes]   start the cluster (default 3 nodes); prints the kubeconfig path
#   tools/e2e/cluster.sh down         stop it and delete its files
#   tools/e2e/cluster.sh logs DIR     copy every component's log into DIR
#   tools/e2e/cluster.sh kubeconfig   print the kubeconfig path
#
# State lives in $E2E_WORKDIR (default: a folder under /tmp), never in the clone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

E2E_WORKDIR="${E2E_WORKDIR:-/tmp/slipway-e2e-cluster}"
CLUSTER_NAME="${E2E_CLUSTER_NAME:-slipway-e2e}"

# kwokctl reads its options from KWOK_* variables: point every binary at the
# cache so nothing is downloaded, and pin the versions it derives flags from.
kwok_env() {
  local kube etcd kwok
  kube="$(e2e_family_dir kubernetes)/bin"
  etcd="$(e2e_family_dir etcd)/bin"
  kwok="$(e2e_family_dir kwok)/bin"
  export KWOK_WORKDIR="$E2E_WORKDIR/kwok"
  export KWOK_RUNTIME=binary
  export KWOK_KUBE_BINARY_PREFIX="$kube"
  export KWOK_KUBECTL_BINARY="$kube/kubectl"
  export KWOK_ETCD_BINARY="$etcd/etcd"
  export KWOK_CONTROLLER_BINARY="$kwok/kwok"
  export KWOK_KUBE_VERSION="$(cd "$E2E_DIR/kubernetes" && go list -m -f '{{.Version}}' k8s.io/kubernetes)"
  export KWOK_ETCD_VERSION="$(cd "$E2E_DIR/etcd" && go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3 | sed 's/^v//')"
  KWOKCTL="$kwok/kwokctl"
  KUBECTL="$kube/kubectl"
}

# kwokctl writes the cluster's own kubeconfig here. Its context is also added to
# $E2E_WORKDIR/contexts.yaml, so the user's ~/.kube/config is never touched.
kubeconfig_path() {
  echo "$E2E_WORKDIR/kwok/clusters/$CLUSTER_NAME/kubeconfig.yaml"
}

# Options kwokctl has no variable for: bind to loopback only (its default is
# every interface), keep authorization and admission on, so Pod Security,
# quotas and LimitRanges are enforced as on a real cluster, and etcd flags.
write_config() {
  cat > "$E2E_WORKDIR/kwokctl.yaml" <<EOF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  bindAddress: 127.0.0.1
  securePort: true
  kubeAuthorization: true
  kubeAdmission: true
  quietPull: true
componentsPatches:
  # The API server's watch cache advances only on etcd progress notifications
  # when nothing changes; without them controllers in 1.36 wait for their own
  # writes to show up in their informers and stall (kubeadm sets this too).
  - name: etcd
    extraArgs:
      - key: watch-progress-notify-interval
        value: 5s
EOF
}

# Fake nodes: kwok manages every Node carrying its annotation and reports it
# Ready, then moves the pods scheduled there to Running and Ready.
write_nodes() {
  local count="$1" i
  for ((i = 0; i < count; i++)); do
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    node.alpha.kubernetes.io/ttl: "0"
    kwok.x-k8s.io/node: fake
  labels:
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
    topology.kubernetes.io/zone: zone-$((i % 3))
spec: {}
status:
  allocatable: {cpu: "32", memory: 128Gi, ephemeral-storage: 200Gi, pods: "110"}
  capacity: {cpu: "32", memory: 128Gi, ephemeral-storage: 200Gi, pods: "110"}
EOF
  done
}

up() {
  local nodes="${1:-3}" start=$SECONDS
  if ! e2e_all_cached; then
    echo "cluster: the tools are not built for the current pins; run tools/e2e/build.sh" >&2
    exit 1
  fi
  kwok_env
  down >/dev/null 2>&1 || true
  mkdir -p "$E2E_WORKDIR"
  write_config
  "$KWOKCTL" create cluster --name "$CLUSTER_NAME" --config "$E2E_WORKDIR/kwokctl.yaml" \
    --kubeconfig "$E2E_WORKDIR/contexts.yaml" --wait 3m >"$E2E_WORKDIR/create.log" 2>&1 || {
    cat "$E2E_WORKDIR/create.log" >&2
    exit 1
  }
  write_nodes "$nodes" | "$KUBECTL" --kubeconfig "$(kubeconfig_path)" apply -f - >/dev/null
  "$KUBECTL" --kubeconfig "$(kubeconfig_path)" wait node --all --for=condition=Ready --timeout=120s >/dev/null
  echo "cluster: up in $((SECONDS - start))s with $nodes nodes; kubeconfig $(kubeconfig_path)" >&2
  kubeconfig_path
}

down() {
  kwok_env
  local cluster="$KWOK_WORKDIR/clusters/$CLUSTER_NAME" pidfile pid
  if [ -d "$cluster" ]; then
    "$KWOKCTL" delete cluster --name "$CLUSTER_NAME" --kubeconfig "$E2E_WORKDIR/contexts.yaml" >&2 || true
    # Whatever kwokctl could not stop: the processes it started for this cluster, by their pid files.
    for pidfile in "$cluster"/pids/*.pid; do
      [ -f "$pidfile" ] || continue
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || continue
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    done
  fi
  rm -rf "$E2E_WORKDIR"
}

logs() {
  local dest="$1"
  kwok_env
  mkdir -p "$dest"
  cp -r "$KWOK_WORKDIR/clusters/$CLUSTER_NAME/logs/." "$dest/" 2>/dev/null || true
  cp "$E2E_WORKDIR/create.log" "$dest/" 2>/dev/null || true
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  logs) logs "${2:?usage: cluster.sh logs DIR}" ;;
  kubeconfig) kubeconfig_path ;;
  *)
    echo "usage: $0 up [nodes] | down | logs DIR | kubeconfig" >&2
    exit 2
    ;;
esac
