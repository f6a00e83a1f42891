import { childName, fail, InputSite, Manifest, NamedPort, standardLabels } from "@slipway/core";
import { ConnectionEndpoint, ConnectOptions } from "./endpoint";

const NAMESPACE_NAME = "kubernetes.io/metadata.name";

function describe(e: ConnectionEndpoint): string {
  return `${e.site.component} "${e.site.name}"`;
}

/** The peer that selects an endpoint: its pods (namespace explicit across namespaces), or its address blocks. */
function peerOf(endpoint: ConnectionEndpoint, from: string): object[] {
  if (endpoint.podSelector) {
    const pods = { podSelector: { matchLabels: endpoint.podSelector } };
    return [endpoint.namespace === from ? pods : { ...pods, namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: endpoint.namespace } } }];
  }
  return (endpoint.externalCidrs ?? []).map((cidr) => ({ ipBlock: { cidr } }));
}

function choosePorts(site: InputSite, to: ConnectionEndpoint, options: ConnectOptions): NamedPort[] {
  if (!options.ports) return to.servedPorts;
  if (!Array.isArray(options.ports) || options.ports.length === 0) fail(site, "ports", options.ports, "must name at least one port");
  return options.ports.map((name, i) => {
    const port = to.servedPorts.find((p) => p.name === name);
    if (!port) return fail(site, `ports[${i}]`, name, `is not a port of ${describe(to)}`, `use one of ${to.servedPorts.map((p) => p.name).join(", ")}`);
    return port;
  });
}

/** Where a connection's policies live and how they are named (deterministic, unique per pair of endpoints). */
export function connectionName(from: ConnectionEndpoint, to: ConnectionEndpoint): string {
  const target = to.namespace === from.namespace ? to.site.name : `${to.namespace}-${to.site.name}`;
  return childName(from.site.name, `to-${target}`);
}

/**
 * Plans `from -> to` as two NetworkPolicies (CHECKS N1/N2): egress on `from`'s pods to `to`'s ports,
 * and ingress on `to`'s pods from `from` only. Nothing allows `to` to call `from`. One edge, two policies:
 * the total grows with edges, never with apps squared.
 */
export function planConnection(site: InputSite, from: ConnectionEndpoint, to: ConnectionEndpoint, options: ConnectOptions = {}): Manifest[] {
  if (from === to || (from.namespace === to.namespace && from.site.name === to.site.name && from.site.component === to.site.component)) {
    fail(site, "target", describe(to), "is the app itself", "an app reaches its own pods without a connection");
  }
  if (!from.podSelector) fail(site, "source", describe(from), "has no pods to connect from", "connect from an AppService or StatefulApp");
  // An empty port list in a NetworkPolicy rule means every port: a target must serve at least one.
  if (to.podSelector && to.servedPorts.length === 0) fail(site, "target", describe(to), "serves no port to call", "connect to a component that serves ports (an AppService or StatefulApp); a Worker or Job only calls out");
  if (!to.podSelector && !to.externalCidrs?.length) fail(site, "target", describe(to), "has no addresses a policy can allow", "give the ExternalService `cidrs` for its hostname");
  const ports = choosePorts(site, to, options).map((p) => ({ protocol: p.protocol, port: p.containerPort }));
  const labels = standardLabels({ name: from.site.name, component: "connection" });
  const egressName = connectionName(from, to);
  const objects: Manifest[] = [
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: egressName, namespace: from.namespace, labels },
      spec: { podSelector: { matchLabels: from.podSelector }, policyTypes: ["Egress"], egress: [{ to: peerOf(to, from.namespace), ports }] },
    },
  ];
  if (to.podSelector) {
    const source = from.namespace === to.namespace ? from.site.name : `${from.namespace}-${from.site.name}`;
    objects.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: childName(to.site.name, `from-${source}`), namespace: to.namespace, labels: standardLabels({ name: to.site.name, component: "connection" }) },
      spec: { podSelector: { matchLabels: to.podSelector }, policyTypes: ["Ingress"], ingress: [{ from: peerOf(from, to.namespace), ports }] },
    });
  }
  return objects;
}
