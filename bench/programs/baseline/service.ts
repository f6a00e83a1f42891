import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { createHash } from "crypto";
import { CatalogService, GATEWAY, IMAGE, PORT, SCALE } from "../../catalog";
import { CONTAINER_SECURITY, labelsOf, podBasics, selectorOf, sized, spreadOver, tcpProbes } from "./pod";

/** The gateway's Envoy proxy pods, the only ones an exposed service admits. */
const GATEWAY_PROXIES = {
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": GATEWAY.gatewayNamespace } },
  podSelector: { matchLabels: { "gateway.envoyproxy.io/owning-gateway-name": GATEWAY.gatewayName, "gateway.envoyproxy.io/owning-gateway-namespace": GATEWAY.gatewayNamespace } },
};

/** One catalog service written directly with @pulumi/kubernetes: the same nine objects AppService renders. */
export function rawService(s: CatalogService): void {
  const { name, namespace } = s;
  const labels = labelsOf(name, "server");
  const selector = selectorOf(name);
  const podSelector = { ...selector, track: "stable" };
  const metadata = { name, namespace, labels };
  const configName = `${name}-config`;
  const secretName = `${name}-secrets`;
  const configHash = createHash("sha256").update(JSON.stringify(s.config)).digest("hex").slice(0, 16);

  new k8s.core.v1.ServiceAccount(name, { metadata, automountServiceAccountToken: false });
  new k8s.core.v1.ConfigMap(configName, { metadata: { ...metadata, name: configName }, data: s.config });
  new k8s.core.v1.Secret(secretName, { metadata: { ...metadata, name: secretName }, type: "Opaque", stringData: { API_TOKEN: pulumi.secret(s.fakeToken) } });
  const env = [
    ...Object.keys(s.config).map((key) => ({ name: key, valueFrom: { configMapKeyRef: { name: configName, key } } })),
    { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: secretName, key: "API_TOKEN" } } },
  ];
  new k8s.apps.v1.Deployment(name, {
    metadata,
    spec: {
      revisionHistoryLimit: 5,
      selector: { matchLabels: podSelector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: { ...labels, track: "stable" }, annotations: { "example.test/config-hash": configHash } },
        spec: {
          ...podBasics(name, "app-tmp"),
          securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
          topologySpreadConstraints: spreadOver(podSelector),
          containers: [
            {
              name: "app",
              image: IMAGE,
              ports: [{ name: "http", containerPort: PORT, protocol: "TCP" }],
              env,
              resources: sized("100m", "500m", "256Mi"),
              securityContext: CONTAINER_SECURITY,
              ...tcpProbes("http", 10),
              lifecycle: { preStop: { sleep: { seconds: 5 } } },
              volumeMounts: [{ name: "app-tmp", mountPath: "/tmp" }],
            },
          ],
        },
      },
    },
  });
  new k8s.core.v1.Service(name, { metadata, spec: { type: "ClusterIP", selector, ports: [{ name: "http", port: PORT, targetPort: "http", protocol: "TCP" }] } });
  new k8s.autoscaling.v2.HorizontalPodAutoscaler(name, {
    metadata,
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicas: SCALE.min,
      maxReplicas: SCALE.max,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: SCALE.cpuPercent } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } },
    },
  });
  new k8s.policy.v1.PodDisruptionBudget(name, { metadata, spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: podSelector } } });
  new k8s.networking.v1.NetworkPolicy(`${namespace}-${name}-from-gateway`, {
    metadata: { ...metadata, name: `${name}-from-gateway` },
    spec: { podSelector: { matchLabels: selector }, policyTypes: ["Ingress"], ingress: [{ from: [GATEWAY_PROXIES], ports: [{ protocol: "TCP", port: PORT }] }] },
  });
  new k8s.apiextensions.CustomResource(`${name}-route`, {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata,
    spec: {
      hostnames: [s.host],
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: GATEWAY.gatewayName, namespace: GATEWAY.gatewayNamespace, sectionName: "https" }],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ group: "", kind: "Service", name, port: PORT, weight: 100 }] }],
    },
  });
}
