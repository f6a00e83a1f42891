import type { Manifest } from "@slipway/core";
import { groupOf, list, namespaceOf, record, stringMap, text } from "./objects";
import { selectorMatches } from "./selectors";
import type { StackIndex } from "./stack-index";
import type { StackView } from "./types";

/**
 * The shared model of the link checks (L family): what the cluster's renders own, the cluster facts
 * the platform exports, and the Gateway API and X.509 host rules.
 */

export const GATEWAY_API = "gateway.networking.k8s.io";
/** Route kinds of the Gateway API. */
export const ROUTE_KINDS = ["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"];
/** The route kinds a listener admits when its allowedRoutes.kinds is empty, by protocol. */
const DEFAULT_KINDS: Record<string, string[]> = { HTTP: ["HTTPRoute", "GRPCRoute"], HTTPS: ["HTTPRoute", "GRPCRoute"], TLS: ["TLSRoute"], TCP: ["TCPRoute"], UDP: ["UDPRoute"] };

/**
 * A render is the authority on the namespaces it creates: a reference into a namespace that some
 * render of the cluster creates can be judged; one into a namespace none renders (kube-system, or
 * a platform namespace when a team stack is checked alone) cannot, and is left alone.
 */
export function judges(index: StackIndex, namespace: string): boolean {
  return index.namespaceLabels(namespace) !== undefined;
}

/** The cluster's DNS resolver, as the platform exports it (`clusterDns`): kube-dns pods, and NodeLocal DNSCache where it runs. */
export interface ClusterDnsFacts {
  /** Namespace of the CoreDNS pods. */
  namespace: string;
  /** Labels of the CoreDNS pods. */
  podLabels: Record<string, string>;
  /** NodeLocal DNSCache's link-local address, when pods resolve through it (e.g. 169.254.25.10 on KubeKey). */
  nodeLocal?: string;
}

/** The resolver the platform exports, else plain kube-dns in kube-system. */
export function clusterDns(view: StackView): ClusterDnsFacts {
  const raw = record(record(view.outputs).clusterDns);
  const podLabels = stringMap(raw.podLabels);
  return {
    namespace: text(raw.namespace) ?? "kube-system",
    podLabels: Object.keys(podLabels).length ? podLabels : { "k8s-app": "kube-dns" },
    nodeLocal: text(raw.nodeLocal),
  };
}

/** The platform registry's host (`registry` output), when exported. */
export function platformRegistry(view: StackView): string | undefined {
  return text(record(view.outputs).registry)?.replace(/\/.*$/, "");
}

export function isRoute(m: Manifest): boolean {
  return groupOf(m) === GATEWAY_API && ROUTE_KINDS.includes(m.kind);
}

const lower = (host: string) => host.toLowerCase();

/** Gateway API matching: `*.example.com` matches any name below example.com, at any depth, not example.com itself. */
function gatewayMatches(pattern: string, host: string): boolean {
  return pattern === host || (pattern.startsWith("*.") && host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1);
}

/** Whether a route hostname and a listener hostname intersect (an absent listener hostname matches everything). */
export function hostnamesIntersect(listener: string | undefined, route: string): boolean {
  if (listener === undefined) return true;
  const [l, r] = [lower(listener), lower(route)];
  return gatewayMatches(l, r) || gatewayMatches(r, l);
}

/** X.509 (RFC 6125): a wildcard dNSName covers exactly one leftmost label; a wildcard host needs the same wildcard. */
export function certificateCovers(dnsName: string, host: string): boolean {
  const [name, h] = [lower(dnsName), lower(host)];
  if (name === h) return true;
  if (!name.startsWith("*.") || h.startsWith("*.")) return false;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot) === name.slice(1);
}

/** A Gateway listener, with its index in spec.listeners. */
export interface Listener {
  index: number;
  name?: string;
  port?: number;
  protocol?: string;
  hostname?: string;
  spec: Record<string, unknown>;
}

export function listenersOf(gateway: Manifest): Listener[] {
  return list(record(gateway.spec).listeners).map((raw, index) => {
    const spec = record(raw);
    return { index, name: text(spec.name), port: typeof spec.port === "number" ? spec.port : undefined, protocol: text(spec.protocol), hostname: text(spec.hostname), spec };
  });
}

/** Why a listener refuses a route, or undefined when it admits it (allowedRoutes.namespaces and kinds). */
export function listenerRefusal(index: StackIndex, gateway: Manifest, listener: Listener, route: Manifest): string | undefined {
  const allowed = record(listener.spec.allowedRoutes);
  const namespaces = record(allowed.namespaces);
  const from = text(namespaces.from) ?? "Same";
  const routeNs = namespaceOf(route);
  const labels = index.namespaceLabels(routeNs);
  // A selector is matched against the rendered Namespace; one no render creates has labels nobody can know here.
  const admitsNs = from === "All" || (from === "Same" && routeNs === namespaceOf(gateway)) || (from === "Selector" && (labels === undefined || selectorMatches(namespaces.selector, labels)));
  if (!admitsNs) return `admits routes from ${from === "Selector" ? "namespaces matching its selector" : from === "Same" ? `namespace ${namespaceOf(gateway)} only` : from}, not from namespace ${routeNs}`;
  const kinds = list(allowed.kinds).map(record);
  const admitted = kinds.length ? kinds.filter((k) => (text(k.group) ?? GATEWAY_API) === groupOf(route)).map((k) => text(k.kind)) : (DEFAULT_KINDS[listener.protocol ?? ""] ?? []);
  if (!admitted.includes(route.kind)) return `admits ${admitted.join(", ") || "no route kind"}, not ${route.kind}`;
  return undefined;
}

/** A route's parentRef to a Gateway, resolved against the cluster. */
export interface ParentAttachment {
  /** Path of the parentRef, e.g. `spec.parentRefs[0]`. */
  field: string;
  ref: Record<string, unknown>;
  gatewayNamespace: string;
  gatewayName: string;
  gateway?: Manifest;
  /** Listeners the parentRef names (sectionName, port), before admission. */
  named: Listener[];
  /** Of those, the listeners that admit the route. */
  admitting: Listener[];
}

/** Every parentRef of a route that names a Gateway, with the listeners it reaches. */
export function attachmentsOf(index: StackIndex, route: Manifest): ParentAttachment[] {
  const out: ParentAttachment[] = [];
  list(record(route.spec).parentRefs).forEach((raw, i) => {
    const ref = record(raw);
    const name = text(ref.name);
    if ((text(ref.kind) ?? "Gateway") !== "Gateway" || (text(ref.group) ?? GATEWAY_API) !== GATEWAY_API || !name) return;
    const gatewayNamespace = text(ref.namespace) ?? namespaceOf(route);
    const gateway = index.find("Gateway", gatewayNamespace, name);
    const named = gateway ? listenersOf(gateway).filter((l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port)) : [];
    const admitting = gateway ? named.filter((l) => listenerRefusal(index, gateway, l, route) === undefined) : [];
    out.push({ field: `spec.parentRefs[${i}]`, ref, gatewayNamespace, gatewayName: name, gateway, named, admitting });
  });
  return out;
}

/** The route's hostnames (strings only). */
export function routeHostnames(route: Manifest): string[] {
  return list(record(route.spec).hostnames).filter((h): h is string => typeof h === "string");
}
