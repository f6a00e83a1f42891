import { isPodBearing, operatorObjectsOf, podTemplateOf, selectorMatches } from "@slipway/checks";
import { Manifest } from "@slipway/core";
import { isIP } from "net";

/** A pod as NetworkPolicies see it: namespace, labels and named container ports. */
export interface PodEndpoint {
  /** The workload it belongs to (`<Kind>/<name>`), for messages. */
  workload: string;
  namespace: string;
  labels: Record<string, string>;
  /** Container ports by name. */
  ports: Record<string, number>;
}

/** The far side of a connection: a pod, or an address outside the cluster. */
export type Destination = PodEndpoint | { ip: string };

type Rule = { ports?: { port?: number | string; endPort?: number; protocol?: string }[]; to?: Peer[]; from?: Peer[] };
type Peer = { podSelector?: unknown; namespaceSelector?: unknown; ipBlock?: { cidr: string; except?: string[] } };
type PolicySpec = { podSelector?: unknown; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] };

/** Every pod template of the rendered workloads, and the pods operators make from rendered custom resources (a CloudNativePG Cluster's instances). */
export function podsOf(manifests: readonly Manifest[]): PodEndpoint[] {
  const templates = manifests.filter(isPodBearing).map((m) => podTemplateOf(m)!);
  return [...templates, ...manifests.flatMap((m) => operatorObjectsOf(m).pods)].map((pod) => {
    const m = pod.owner;
    const containers = (pod.spec.containers ?? []) as { ports?: { name?: string; containerPort: number }[] }[];
    const ports: Record<string, number> = {};
    for (const c of containers) for (const p of c.ports ?? []) if (p.name) ports[p.name] = p.containerPort;
    return { workload: `${m.kind}/${String(m.metadata.name)}`, namespace: pod.namespace, labels: pod.labels, ports };
  });
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/");
  const family = isIP(ip);
  if (family !== isIP(base)) return false;
  const toBig = (a: string) =>
    family === 4 ? a.split(".").reduce((acc, o) => (acc << 8n) + BigInt(Number(o)), 0n) : BigInt(`0x${expandV6(a)}`);
  const width = family === 4 ? 32 : 128;
  const shift = BigInt(width - Number(bits));
  return toBig(ip) >> shift === toBig(base) >> shift;
}

function expandV6(a: string): string {
  const [head, tail = ""] = a.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = a.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return groups.map((g) => g.padStart(4, "0")).join("");
}

/**
 * Decides from rendered NetworkPolicies alone whether traffic may flow, with Kubernetes' semantics:
 * a pod selected by no policy of a direction is open in that direction; a selected pod admits only
 * what some rule of those policies allows (peers by pod/namespace selector or ipBlock, and ports).
 */
export class Reachability {
  private readonly policies: { namespace: string; spec: PolicySpec }[];
  private readonly namespaceLabels = new Map<string, Record<string, string>>();

  constructor(manifests: readonly Manifest[]) {
    this.policies = manifests
      .filter((m) => m.apiVersion === "networking.k8s.io/v1" && m.kind === "NetworkPolicy")
      .map((m) => ({ namespace: String(m.metadata.namespace ?? "default"), spec: (m.spec ?? {}) as PolicySpec }));
    for (const m of manifests) {
      if (m.apiVersion === "v1" && m.kind === "Namespace") this.namespaceLabels.set(String(m.metadata.name), (m.metadata.labels ?? {}) as Record<string, string>);
    }
  }

  /** A namespace's labels, including the name label the API server sets on every namespace. */
  private labelsOf(namespace: string): Record<string, string> {
    return { ...this.namespaceLabels.get(namespace), "kubernetes.io/metadata.name": namespace };
  }

  private peerMatches(peer: Peer, policyNamespace: string, other: Destination): boolean {
    if ("ip" in other) return peer.ipBlock !== undefined && ipInCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => ipInCidr(other.ip, c));
    if (peer.ipBlock) return false;
    const namespaceOk = peer.namespaceSelector !== undefined ? selectorMatches(peer.namespaceSelector, this.labelsOf(other.namespace)) : other.namespace === policyNamespace;
    const podOk = peer.podSelector !== undefined ? selectorMatches(peer.podSelector, other.labels) : true;
    return namespaceOk && podOk;
  }

  private portMatches(rule: Rule, port: number, protocol: string, target: PodEndpoint | undefined): boolean {
    if (!rule.ports || rule.ports.length === 0) return true;
    return rule.ports.some((p) => {
      if ((p.protocol ?? "TCP") !== protocol) return false;
      if (p.port === undefined) return true;
      const number = typeof p.port === "number" ? p.port : target?.ports[p.port];
      if (number === undefined) return false;
      return p.endPort !== undefined ? port >= number && port <= p.endPort : port === number;
    });
  }

  /** Whether `pod`'s policies of one direction admit the peer on the port. */
  private admits(pod: PodEndpoint, direction: "Ingress" | "Egress", peer: Destination, port: number, protocol: string, portOwner: PodEndpoint | undefined): boolean {
    const selecting = this.policies.filter((p) => {
      if (p.namespace !== pod.namespace || !selectorMatches(p.spec.podSelector ?? {}, pod.labels)) return false;
      const types = p.spec.policyTypes ?? (direction === "Ingress" ? ["Ingress"] : p.spec.egress ? ["Egress"] : []);
      return types.includes(direction);
    });
    if (selecting.length === 0) return true;
    return selecting.some((p) =>
      ((direction === "Ingress" ? p.spec.ingress : p.spec.egress) ?? []).some((rule) => {
        const peers = direction === "Ingress" ? rule.from : rule.to;
        const peerOk = !peers || peers.length === 0 || peers.some((x) => this.peerMatches(x, p.namespace, peer));
        return peerOk && this.portMatches(rule, port, protocol, portOwner);
      }),
    );
  }

  /** True when `from` may open a connection to `to` on `port` (a number or a named container port of `to`). */
  allows(from: PodEndpoint, to: Destination, port: number | string, protocol = "TCP"): boolean {
    const target = "ip" in to ? undefined : to;
    const number = typeof port === "number" ? port : target?.ports[port];
    if (number === undefined) throw new Error(`${target?.workload ?? "destination"} has no port named ${String(port)}`);
    if (!this.admits(from, "Egress", to, number, protocol, target)) return false;
    return target ? this.admits(target, "Ingress", from, number, protocol, target) : true;
  }
}
