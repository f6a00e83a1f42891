import { Manifest } from "@slipway/core";
import { PlannedIpPool } from "./args";
import { FELIX_METRICS_PORT, TYPHA_METRICS_PORT } from "./versions";

/** What the Installation is rendered from, after validation. */
export interface InstallationPlan {
  /** "calico": Calico CNI and IPAM with our pools; "policy-only": the AWS VPC CNI on EKS, Calico enforces policy. */
  mode: "calico" | "policy-only";
  pools: PlannedIpPool[];
  bgp: boolean;
  mtu?: number;
  metrics: boolean;
  /** Registry mirror for Calico's images, ending in "/". */
  registry?: string;
  /** IPv4 node networks: calico/node picks the address inside them. */
  nodeCidrsV4: string[];
  labels: Record<string, string>;
}

function renderPool(pool: PlannedIpPool): Record<string, unknown> {
  return {
    name: pool.name,
    cidr: pool.cidr,
    blockSize: pool.blockSize,
    encapsulation: pool.encapsulation,
    natOutgoing: pool.natOutgoing ? "Enabled" : "Disabled",
    nodeSelector: pool.nodeSelector,
  };
}

function calicoNetwork(plan: InstallationPlan): Record<string, unknown> {
  const network: Record<string, unknown> = { bgp: plan.bgp ? "Enabled" : "Disabled", ipPools: plan.pools.map(renderPool) };
  if (plan.mtu !== undefined) network.mtu = plan.mtu;
  // Without this calico/node may pick a container bridge's address on multi-homed nodes.
  if (plan.nodeCidrsV4.length > 0) network.nodeAddressAutodetectionV4 = { cidrs: plan.nodeCidrsV4 };
  return network;
}

/**
 * The operator's `Installation` (it must be named "default"). The pools live here, not as separate
 * IPPool objects, so the operator owns them and never fights a second writer.
 */
export function planInstallation(plan: InstallationPlan): Manifest {
  const spec: Record<string, unknown> = { variant: "Calico" };
  if (plan.mode === "policy-only") {
    // EKS keeps the AWS VPC CNI for addresses and routing; Calico adds only policy enforcement.
    spec.kubernetesProvider = "EKS";
    spec.cni = { type: "AmazonVPC" };
  } else {
    spec.cni = { type: "Calico", ipam: { type: "Calico" } };
    spec.calicoNetwork = calicoNetwork(plan);
  }
  if (plan.registry) spec.registry = plan.registry;
  if (plan.metrics) {
    // Set on the Installation rather than FelixConfiguration "default", which the operator also writes.
    spec.nodeMetricsPort = FELIX_METRICS_PORT;
    spec.typhaMetricsPort = TYPHA_METRICS_PORT;
  }
  return { apiVersion: "operator.tigera.io/v1", kind: "Installation", metadata: { name: "default", labels: plan.labels }, spec };
}

/** The Calico API server (serves projectcalico.org/v3); the operator accepts only the name "default". */
export function planApiServer(labels: Record<string, string>): Manifest {
  return { apiVersion: "operator.tigera.io/v1", kind: "APIServer", metadata: { name: "default", labels }, spec: {} };
}
