/** A calico-node-like host agent: everything a tenant pod may not do, and otherwise well-formed. */
import { Manifest, standardLabels } from "@slipway/core";

export function agentNamespace(name: string, labels: Record<string, string>): Manifest {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

export const PRIVILEGED = { "pod-security.kubernetes.io/enforce": "privileged" };

/** The DaemonSet, its ServiceAccount and the ClusterRoleBinding that gives it API access. */
export function hostAgent(namespace: string, name = "calico-node"): Manifest[] {
  const identity = { name, component: "agent", partOf: "platform" };
  const labels = standardLabels(identity);
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace, labels } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `${namespace}-${name}`, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "calico-node" },
      subjects: [{ kind: "ServiceAccount", name, namespace }],
    },
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name, namespace, labels },
      spec: {
        selector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            hostNetwork: true,
            securityContext: { runAsUser: 0 },
            containers: [
              {
                name: "agent",
                image: "registry.internal.test/calico/node:v3.29.1",
                securityContext: { privileged: true },
                resources: {
                  requests: { cpu: "100m", memory: "128Mi", "ephemeral-storage": "64Mi" },
                  limits: { cpu: "1", memory: "512Mi", "ephemeral-storage": "256Mi" },
                },
                volumeMounts: [{ name: "lib-modules", mountPath: "/lib/modules", readOnly: true }],
              },
            ],
            volumes: [{ name: "lib-modules", hostPath: { path: "/lib/modules" } }],
          },
        },
      },
    },
  ];
}
