import { checkDnsLabel, checkIp, ClusterDns, fail, InputSite, KUBE_DNS, Manifest } from "@slipway/core";

type Meta = { namespace: string; labels: Record<string, string> };

/** Selects a namespace by the name label the API server sets on every namespace. */
export const namespaceNamed = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });

/** The resolver a tenant's pods reach: `dns` as given (checked), else the cluster's, else kube-dns. */
export function resolveClusterDns(site: InputSite, given: ClusterDns | undefined, cluster: ClusterDns | undefined): ClusterDns {
  if (given === undefined) return cluster ?? KUBE_DNS;
  if (given === null || typeof given !== "object") return fail(site, "dns", given, "must be an object", 'e.g. { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, nodeLocal: "169.254.25.10" }');
  checkDnsLabel(site, "dns.namespace", given.namespace);
  const labels = given.podLabels;
  if (labels === null || typeof labels !== "object" || Object.keys(labels).length === 0) fail(site, "dns.podLabels", labels, "must select the resolver pods", '{ "k8s-app": "kube-dns" }');
  if (given.nodeLocal !== undefined) checkIp(site, "dns.nodeLocal", given.nodeLocal);
  return given;
}

/**
 * The tenant's baseline (CHECKS N1): deny all ingress and egress, then allow DNS. Nothing is let in
 * tenant-wide: each app admits the gateway's proxies and Prometheus on its own ports (AppService),
 * and connections add the rest.
 */
export function planTenantPolicies(meta: Meta, dns: ClusterDns = KUBE_DNS): Manifest[] {
  // Pods resolve through NodeLocal DNSCache where the cluster runs it (a link-local address on every node), else CoreDNS.
  const resolvers = [{ namespaceSelector: namespaceNamed(dns.namespace), podSelector: { matchLabels: dns.podLabels } }, ...(dns.nodeLocal ? [{ ipBlock: { cidr: `${dns.nodeLocal}/32` } }] : [])];
  const policy = (name: string, spec: Record<string, unknown>): Manifest => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace: meta.namespace, labels: meta.labels },
    spec: { podSelector: {}, ...spec },
  });
  const objects = [
    policy("default-deny", { policyTypes: ["Ingress", "Egress"] }),
    policy("allow-dns", {
      policyTypes: ["Egress"],
      egress: [
        {
          to: resolvers,
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
  ];
  return objects;
}
