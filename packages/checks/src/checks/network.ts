import { EXPOSURE_REASON_ANNOTATION, type Manifest } from "@slipway/core";
import { coversInternet } from "../cidr";
import { objectCheck, stackCheck, type Report } from "../define";
import { annotationsOf, isKind, list, nameOf, namespaceOf, record, text } from "../objects";
import { isEmptySelector, selectorMatches } from "../selectors";
import { indexOf, PSS_LABEL, StackIndex, TENANT_LABEL } from "../stack-index";

/** The policy types a NetworkPolicy applies: `policyTypes`, or what the API server infers from its rules. */
function policyTypes(policy: Manifest): string[] {
  const spec = record(policy.spec);
  const explicit = list(spec.policyTypes).filter((t): t is string => typeof t === "string");
  if (explicit.length > 0) return explicit;
  return spec.egress !== undefined ? ["Ingress", "Egress"] : ["Ingress"];
}

/** True when an egress rule lets DNS (UDP 53) out. */
function allowsDns(rule: unknown): boolean {
  const ports = list(record(rule).ports).map(record);
  return ports.length === 0 || ports.some((p) => (p.port === 53 || p.port === "dns") && (p.protocol ?? "TCP") === "UDP");
}

function policiesSelecting(index: StackIndex, namespace: string, labels: Record<string, string>): Manifest[] {
  return index.inNamespace("NetworkPolicy", namespace).filter((p) => selectorMatches(record(p.spec).podSelector, labels));
}

/** Namespaces Kubernetes itself runs: system, whatever the stack renders. */
const KUBERNETES_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease"];

/**
 * A namespace that is not a tenant's may hold pods only when it is declared as the platform's: a
 * Kubernetes namespace, or a rendered Namespace that states its Pod Security level and is either a
 * host-agent namespace (`privileged` or `baseline`, the exemption's premise) or part of the platform
 * (`app.kubernetes.io/part-of: slipway`). An app's own namespace (restricted, but no tenant label)
 * is neither. `default` never qualifies. A namespace the view does not render is unowned when the
 * view knows the tenants (renders a tenant namespace: a platform, or a team stack judged with its
 * cluster); a team stack or a component judged alone does not, and its namespaces are the platform's.
 */
function isDeclaredSystemNamespace(index: StackIndex, namespace: string): boolean {
  if (KUBERNETES_NAMESPACES.includes(namespace)) return true;
  const labels = index.namespaceLabels(namespace);
  if (!labels) return namespace !== "default" && !index.byKind("Namespace").some((ns) => index.isTenantNamespace(nameOf(ns)));
  const level = labels[`${PSS_LABEL}/enforce`];
  return level === "privileged" || level === "baseline" || (level !== undefined && labels["app.kubernetes.io/part-of"] === "slipway");
}

/** The name of a namespace no selector has reason to expect: matching it means matching any namespace. */
const UNKNOWN_NAMESPACE = "an-unknown-namespace";

/** Egress rules that only reach port 53: a DNS allow, which may name no peer (the resolver's address varies by cluster). */
function onlyDns(rule: Record<string, unknown>): boolean {
  const ports = list(rule.ports).map(record);
  return ports.length > 0 && ports.every((p) => p.port === 53 || p.port === "dns");
}

/**
 * Peers that let everything in (or out) beside a default deny: a rule with no peers, an empty peer,
 * every namespace with no pod narrowing, or IP blocks that together cover the internet.
 */
function allowAllPeers(index: StackIndex, policy: Manifest, report: Report): void {
  const namespaceCount = index.byKind("Namespace").length;
  // `{}` in disguise: a selector that matches every rendered namespace, or a namespace it knows
  // nothing about (`name NotIn [nothing]`, `tenant DoesNotExist`) matches namespaces at large.
  const everyRendered = (selector: unknown) =>
    selectorMatches(selector, { "kubernetes.io/metadata.name": UNKNOWN_NAMESPACE }) || (namespaceCount > 1 && index.namespacesMatching(selector).length === namespaceCount);
  const spec = record(policy.spec);
  for (const [direction, peerKey] of [["ingress", "from"], ["egress", "to"]] as const) {
    const cidrs: string[] = [];
    list(spec[direction]).forEach((raw, i) => {
      const rule = record(raw);
      const peers = list(rule[peerKey]).map(record);
      const at = `spec.${direction}[${i}]`;
      if (peers.length === 0 && !(direction === "egress" && onlyDns(rule))) {
        report(policy, `${at}.${peerKey}`, `names no peer, so it allows ${direction} ${direction === "ingress" ? "from" : "to"} everything`, "name the pods (podSelector) and namespaces (namespaceSelector) it allows");
      }
      peers.forEach((peer, j) => {
        const everyNamespace =
          peer.namespaceSelector !== undefined && (isEmptySelector(peer.namespaceSelector) || everyRendered(peer.namespaceSelector)) && (peer.podSelector === undefined || isEmptySelector(peer.podSelector));
        const empty = peer.namespaceSelector === undefined && peer.podSelector === undefined && peer.ipBlock === undefined;
        if (everyNamespace || empty) report(policy, `${at}.${peerKey}[${j}]`, "selects every pod in every namespace", "narrow the peer to the namespace and pods it must allow");
        const cidr = text(record(peer.ipBlock).cidr);
        if (cidr) cidrs.push(cidr);
      });
    });
    if (coversInternet(cidrs)) report(policy, `spec.${direction}`, `IP blocks ${cidrs.join(", ")} together cover the whole internet`, "allow the addresses the app needs, not 0.0.0.0/0");
  }
}

export const defaultDeny = stackCheck(
  {
    id: "N1",
    title: "Every pod runs in a tenant (or declared platform) namespace; tenant pods have default-deny ingress and egress, DNS allowed, and no allow-all peers",
    tools: ["KS:pod-networkpolicy", "KL:non-isolated-pod", "PO:missingNetworkPolicy"],
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const pod of index.pods) {
      if (!index.isTenantNamespace(pod.namespace)) continue;
      const policies = policiesSelecting(index, pod.namespace, pod.labels);
      const field = `${pod.metadataPath}.labels`;
      for (const direction of ["Ingress", "Egress"]) {
        const key = direction === "Ingress" ? "ingress" : "egress";
        const denies = policies.some((p) => policyTypes(p).includes(direction) && list(record(p.spec)[key]).length === 0);
        if (!denies) report(pod.owner, field, `no default-deny NetworkPolicy covers ${key}`, `add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] to namespace ${pod.namespace}`);
      }
      const dns = policies.some((p) => policyTypes(p).includes("Egress") && list(record(p.spec).egress).some(allowsDns));
      if (!dns) report(pod.owner, field, "no NetworkPolicy allows DNS egress", "allow egress to the cluster DNS on UDP and TCP port 53");
    }
    for (const pod of index.pods) {
      if (index.isTenantNamespace(pod.namespace) || isDeclaredSystemNamespace(index, pod.namespace)) continue;
      report(pod.owner, "metadata.namespace", `runs in namespace ${pod.namespace}, which is neither a tenant namespace (label ${TENANT_LABEL}) nor a declared platform namespace`, "deploy into a Tenant's namespace, which brings Pod Security and default-deny policies");
    }
    for (const policy of index.byKind("NetworkPolicy")) {
      if (index.isTenantNamespace(namespaceOf(policy))) allowAllPeers(index, policy, report);
    }
  },
);

export const policiesSelectPods = stackCheck(
  {
    id: "N2",
    title: "Every NetworkPolicy and each of its peers selects a rendered pod",
    tools: ["KS:networkpolicy-targets-pod", "KL:dangling-networkpolicy", "KL:dangling-networkpolicypeer-podselector"],
  },
  (stack, report) => {
    const index = indexOf(stack);
    const selectsAny = (namespaces: string[], selector: unknown) =>
      namespaces.some((ns) => index.podsIn(ns).some((pod) => selectorMatches(selector, pod.labels)));
    for (const policy of index.byKind("NetworkPolicy")) {
      const ns = namespaceOf(policy);
      const spec = record(policy.spec);
      if (!isEmptySelector(spec.podSelector) && !selectsAny([ns], spec.podSelector)) {
        report(policy, "spec.podSelector", `selects no rendered pod in namespace ${ns}`, "use the selector labels of the workload the policy protects");
      }
      for (const [direction, peerKey] of [["ingress", "from"], ["egress", "to"]] as const) {
        list(spec[direction]).forEach((rule, i) =>
          list(record(rule)[peerKey]).forEach((raw, j) => {
            const peer = record(raw);
            if (peer.podSelector === undefined || isEmptySelector(peer.podSelector)) return;
            const namespaces = peer.namespaceSelector === undefined ? [ns] : index.namespacesMatching(peer.namespaceSelector);
            if (namespaces.length === 0) return; // a namespace outside this stack (e.g. kube-system DNS)
            // A platform namespace that renders no pod gets them from its chart or operator at run time (Envoy proxies, Prometheus).
            if (namespaces.every((n) => !index.isTenantNamespace(n) && index.podsIn(n).length === 0)) return;
            if (!selectsAny(namespaces, peer.podSelector)) {
              report(policy, `spec.${direction}[${i}].${peerKey}[${j}].podSelector`, "selects no rendered pod", "use the selector labels of the peer workload");
            }
          }),
        );
      }
    }
  },
);

/** Service types that open the workload outside the cluster. */
const EXPOSED_TYPES = ["LoadBalancer", "NodePort"];

export const clusterIpServices = objectCheck(
  { id: "N3", title: "Services are ClusterIP unless their exposure is a named exception", tools: ["KS:service-type", "KL:exposed-services"] },
  (m, report) => {
    if (!isKind(m, "Service", [""])) return;
    // The one named exception: a recorded reason why this Service faces outside the cluster.
    if (annotationsOf(m)[EXPOSURE_REASON_ANNOTATION]?.trim()) return;
    const spec = record(m.spec);
    const hint = `use ClusterIP behind the platform Gateway, or record why with the ${EXPOSURE_REASON_ANNOTATION} annotation`;
    const type = text(spec.type);
    if (type && EXPOSED_TYPES.includes(type)) report(m, "spec.type", `is ${type}, exposing the pods outside the cluster`, hint);
    if (list(spec.externalIPs).length > 0) report(m, "spec.externalIPs", "routes external addresses to the pods", hint);
  },
);
