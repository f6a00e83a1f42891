import { Manifest } from "@slipway/core";

type Meta = { namespace: string; labels: Record<string, string> };

/** Selects a namespace by the name label the API server sets on every namespace. */
export const namespaceNamed = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });

/**
 * The tenant's baseline (CHECKS N1): deny all ingress and egress, then allow DNS. Nothing is let in
 * tenant-wide: each app admits the gateway's proxies and Prometheus on its own ports (AppService),
 * and connections add the rest.
 */
export function planTenantPolicies(meta: Meta): Manifest[] {
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
  return objects;
}
