import { ClusterDns, KUBE_DNS, Manifest } from "@slipway/core";

type Meta = { namespace: string; labels: Record<string, string> };

/** Selects a namespace by the name label the API server sets on every namespace. */
export const namespaceNamed = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });

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
