import { cidrsOverlap, parseCidr, type Manifest } from "@slipway/core";
import { stackCheck } from "../define";
import { clusterDns, ClusterDnsFacts } from "../links";
import { list, namespaceOf, record, text } from "../objects";
import type { PodTemplate } from "../pods";
import { selectorMatches } from "../selectors";
import { indexOf, StackIndex } from "../stack-index";

function isEgressPolicy(policy: Manifest): boolean {
  const spec = record(policy.spec);
  const types = list(spec.policyTypes);
  return types.length ? types.includes("Egress") : spec.egress !== undefined;
}

/** Whether a rule's ports let DNS over UDP through (no ports means every port; a port without protocol is TCP). */
function allowsDnsPort(rule: Record<string, unknown>): boolean {
  const ports = list(rule.ports).map(record);
  return ports.length === 0 || ports.some((p) => (text(p.protocol) ?? "TCP") === "UDP" && (p.port === undefined || p.port === 53 || p.port === "dns" || (typeof p.endPort === "number" && typeof p.port === "number" && p.port <= 53 && p.endPort >= 53)));
}

function ipBlockHolds(peer: Record<string, unknown>, address: string): boolean {
  const block = record(peer.ipBlock);
  const cidr = parseCidr(text(block.cidr) ?? "");
  const host = parseCidr(`${address}/32`);
  if (!cidr || !host || !cidrsOverlap(cidr, host)) return false;
  return !list(block.except).some((e) => {
    const except = parseCidr(String(e));
    return except !== undefined && cidrsOverlap(except, host);
  });
}

/** Whether a peer reaches the resolver: NodeLocal DNSCache's address where the cluster runs it, else the CoreDNS pods. */
function reachesResolver(index: StackIndex, peer: Record<string, unknown>, dns: ClusterDnsFacts): boolean {
  if (dns.nodeLocal) return ipBlockHolds(peer, dns.nodeLocal);
  if (peer.namespaceSelector === undefined) return false; // pod peers without one stay in the pod's own namespace
  const nsLabels = index.namespaceLabels(dns.namespace) ?? { "kubernetes.io/metadata.name": dns.namespace };
  return selectorMatches(peer.namespaceSelector, nsLabels) && (peer.podSelector === undefined || selectorMatches(peer.podSelector, dns.podLabels));
}

/** Whether any egress rule lets DNS out to anyone (without one, N1 reports the pod; L7 asks where it goes). */
function allowsSomeDns(policies: Manifest[]): boolean {
  return policies.some((policy) => list(record(policy.spec).egress).map(record).some(allowsDnsPort));
}

function resolverReachable(index: StackIndex, policies: Manifest[], dns: ClusterDnsFacts): boolean {
  return policies.some((policy) =>
    list(record(policy.spec).egress).map(record).some((rule) => {
      const peers = list(rule.to).map(record);
      return allowsDnsPort(rule) && (peers.length === 0 || peers.some((peer) => reachesResolver(index, peer, dns)));
    }),
  );
}

function egressPoliciesOf(index: StackIndex, pod: PodTemplate): Manifest[] {
  return index.inNamespace("NetworkPolicy", pod.namespace).filter((p) => isEgressPolicy(p) && selectorMatches(record(p.spec).podSelector, pod.labels));
}

export const dnsReachable = stackCheck(
  { id: "L7", title: "Every pod under default-deny egress can reach the cluster's actual resolver", tools: [], cluster: true },
  (stack, report) => {
    const index = indexOf(stack);
    const dns = clusterDns(stack);
    for (const pod of index.pods) {
      const policies = egressPoliciesOf(index, pod);
      if (policies.length === 0 || !allowsSomeDns(policies) || resolverReachable(index, policies, dns)) continue;
      const resolver = dns.nodeLocal ? `NodeLocal DNSCache at ${dns.nodeLocal}` : `the DNS pods in ${dns.namespace}`;
      report(pod.owner, `${pod.specPath}`, `is under default-deny egress (${policies.map((p) => `${namespaceOf(p)}/${String(p.metadata.name)}`).join(", ")}) with no allow to ${resolver} on UDP 53`, "allow DNS egress to the resolver the platform exports (clusterDns), as the tenant's allow-dns policy does");
    }
  },
);
