import { Manifest } from "@slipway/core";

type Meta = { namespace: string; labels: Record<string, string> };

/** Selects a namespace by the name label the API server sets on every namespace. */
export const namespaceNamed = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });

/**
 * The tenant's baseline (CHECKS N1): deny all ingress and egress, then allow DNS, traffic from the
 * gateway/ingress namespace and scraping from the monitoring namespace. Connections add the rest.
 */
export function planTenantPolicies(meta: Meta, platform: { ingress?: string; monitoring?: string }): Manifest[] {
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
          to: [{ namespaceSelector: namespaceNamed("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
  ];
  if (platform.ingress) objects.push(policy("allow-from-gateway", { policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: namespaceNamed(platform.ingress) }] }] }));
  if (platform.monitoring) objects.push(policy("allow-from-monitoring", { policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: namespaceNamed(platform.monitoring) }] }] }));
  return objects;
}
