import type { Manifest } from "@slipway/core";
import { objectCheck, stackCheck } from "../define";
import { isKind, list, namespaceOf, record } from "../objects";
import { isEmptySelector, selectorMatches } from "../selectors";
import { indexOf, StackIndex } from "../stack-index";

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

export const defaultDeny = stackCheck(
  {
    id: "N1",
    title: "Every tenant pod is covered by default-deny ingress and egress, with DNS egress allowed",
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

export const clusterIpServices = objectCheck(
  { id: "N3", title: "Services are not NodePort", tools: ["KS:service-type", "KL:exposed-services"] },
  (m, report) => {
    if (isKind(m, "Service", [""]) && record(m.spec).type === "NodePort") {
      report(m, "spec.type", "is NodePort, opening a port on every node", "use ClusterIP behind an Ingress or Gateway, or LoadBalancer when exposure is asked for");
    }
  },
);
