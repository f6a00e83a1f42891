import { checkCidr, checkDnsLabel, checkLabelValue, childName, fail, InputSite, Manifest } from "@slipway/core";
import { NetworkSetArgs } from "./args";

/** Namespaces carrying this label are tenants' (the Tenant component sets it). */
export const TENANT_NAMESPACE_LABEL = "slipway.dev/tenant";
/** Label naming the GlobalNetworkSet an address range belongs to; policies select sets by it. */
export const NETWORK_SET_LABEL = "slipway.dev/network-set";
/**
 * Order of the tenant default deny. Kubernetes NetworkPolicies sit at order 1000 in Calico's default
 * tier, so tenants' explicit allows are evaluated first and win; only what nothing allowed reaches this.
 */
export const TENANT_DEFAULT_DENY_ORDER = 2000;

const KUBE_DNS = { namespaceSelector: 'projectcalico.org/name == "kube-system"', selector: 'k8s-app == "kube-dns"', ports: [53] };

/**
 * Default deny, ingress and egress, for every pod in a tenant namespace, with DNS to kube-dns allowed.
 * Written to the crd.projectcalico.org/v1 API so it needs only the operator's CRDs, not a running
 * API server; that storage API names default-tier policies "default.<name>".
 */
export function planTenantDefaultDeny(component: string, labels: Record<string, string>): Manifest {
  return {
    apiVersion: "crd.projectcalico.org/v1",
    kind: "GlobalNetworkPolicy",
    metadata: { name: `default.${childName(component, "tenant-default-deny", 55)}`, labels },
    spec: {
      tier: "default",
      order: TENANT_DEFAULT_DENY_ORDER,
      namespaceSelector: `has(${TENANT_NAMESPACE_LABEL})`,
      selector: "all()",
      types: ["Ingress", "Egress"],
      ingress: [],
      egress: [
        { action: "Allow", protocol: "UDP", destination: KUBE_DNS },
        { action: "Allow", protocol: "TCP", destination: KUBE_DNS },
      ],
    },
  };
}

/** One GlobalNetworkSet per named external range, labelled so policies can select it. */
export function planNetworkSets(site: InputSite, component: string, sets: Record<string, NetworkSetArgs>, labels: Record<string, string>): Manifest[] {
  if (typeof sets !== "object" || sets === null || Array.isArray(sets)) return fail(site, "networkSets", sets, "must map names to { nets }");
  return Object.entries(sets).map(([key, set]) => {
    const path = `networkSets.${key}`;
    checkDnsLabel(site, path, key, 40);
    if (typeof set !== "object" || set === null || !Array.isArray(set.nets) || set.nets.length === 0) {
      fail(site, `${path}.nets`, set?.nets, "must list at least one CIDR", 'e.g. ["203.0.113.0/24"]');
    }
    const nets = set.nets.map((net, i) => checkCidr(site, `${path}.nets[${i}]`, net).text);
    const duplicate = nets.find((net, i) => nets.indexOf(net) !== i);
    if (duplicate) fail(site, `${path}.nets`, duplicate, "is listed twice");
    const extra = set.labels ?? {};
    for (const [label, value] of Object.entries(extra)) checkLabelValue(site, `${path}.labels.${label}`, value);
    if (NETWORK_SET_LABEL in extra) fail(site, `${path}.labels.${NETWORK_SET_LABEL}`, extra[NETWORK_SET_LABEL], "is set from the set's name", "drop this label");
    return {
      apiVersion: "crd.projectcalico.org/v1",
      kind: "GlobalNetworkSet",
      metadata: { name: childName(component, key), labels: { ...labels, ...extra, [NETWORK_SET_LABEL]: key } },
      spec: { nets },
    };
  });
}
