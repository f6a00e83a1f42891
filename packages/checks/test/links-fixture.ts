/**
 * A small cluster as two renders: the platform's (gateway, certificate, issuer, tenant namespace with
 * its default-deny policies and pull secret, storage class, log sink) and a team's (a web app with a
 * canary behind a weighted route, a store, a monitor). Every link check passes it; the link tests
 * break one field at a time.
 */
import type { Manifest } from "@slipway/core";
import type { StackView } from "@slipway/checks";

const GATEWAY_API = "gateway.networking.k8s.io/v1";
const labels = (name: string, extra: Record<string, string> = {}) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name, ...extra });
const ns = (name: string, extra: Record<string, string> = {}, annotations?: Record<string, string>): Manifest => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, labels: { "pod-security.kubernetes.io/enforce": "restricted", ...extra }, ...(annotations ? { annotations } : {}) },
});
const policy = (name: string, spec: Record<string, unknown>): Manifest => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: "shop" }, spec: { podSelector: {}, ...spec } });

export const REGISTRY = "registry.example.com";

export function platformView(): StackView {
  const manifests: Manifest[] = [
    ns("gateway-system"),
    ns("shop", { "slipway.dev/tenant": "shop", "slipway.dev/gateway-routes": "true" }),
    ns("logging", {}, { "slipway.dev/sink": "opensearch.logging.svc.cluster.local:9200" }),
    { apiVersion: "v1", kind: "Service", metadata: { name: "opensearch", namespace: "logging" }, spec: { ports: [{ name: "http", port: 9200 }] } },
    { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "ceph-block" }, provisioner: "rook-ceph.rbd.csi.ceph.com" },
    { apiVersion: GATEWAY_API, kind: "GatewayClass", metadata: { name: "platform" }, spec: { controllerName: "gateway.envoyproxy.io/gatewayclass-controller" } },
    {
      apiVersion: GATEWAY_API,
      kind: "Gateway",
      metadata: { name: "platform", namespace: "gateway-system" },
      spec: {
        gatewayClassName: "platform",
        listeners: [
          { name: "http", port: 80, protocol: "HTTP", hostname: "*.apps.example.com", allowedRoutes: { namespaces: { from: "Same" } } },
          {
            name: "https",
            port: 443,
            protocol: "HTTPS",
            hostname: "*.apps.example.com",
            tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: "platform-tls" }] },
            allowedRoutes: { namespaces: { from: "Selector", selector: { matchLabels: { "slipway.dev/gateway-routes": "true" } } }, kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }] },
          },
        ],
      },
    },
    { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: "tls" }, spec: { selfSigned: {} } },
    {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: { name: "platform-tls", namespace: "gateway-system" },
      spec: { secretName: "platform-tls", dnsNames: ["*.apps.example.com", "*.shop.apps.example.com"], issuerRef: { name: "tls", kind: "ClusterIssuer", group: "cert-manager.io" } },
    },
    policy("default-deny", { policyTypes: ["Ingress", "Egress"] }),
    policy("allow-dns", {
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }, { ipBlock: { cidr: "169.254.25.10/32" } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
    { apiVersion: "v1", kind: "Secret", metadata: { name: "shop-pull", namespace: "shop" }, type: "kubernetes.io/dockerconfigjson" },
    // The team may route /search to the platform's OpenSearch: the owner of that namespace consents.
    {
      apiVersion: "gateway.networking.k8s.io/v1beta1",
      kind: "ReferenceGrant",
      metadata: { name: "shop-search", namespace: "logging" },
      spec: { from: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", namespace: "shop" }], to: [{ group: "", kind: "Service", name: "opensearch" }] },
    },
  ];
  return { manifests, cloud: [], outputs: { registry: REGISTRY, clusterDns: { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, nodeLocal: "169.254.25.10" } } };
}

function deployment(name: string, track: string, annotations?: Record<string, string>): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "shop", labels: labels("web"), ...(annotations ? { annotations } : {}) },
    spec: {
      selector: { matchLabels: { ...labels("web"), "slipway.dev/track": track } },
      template: {
        metadata: { labels: { ...labels("web"), "slipway.dev/track": track } },
        spec: {
          serviceAccountName: "web",
          imagePullSecrets: [{ name: "shop-pull" }],
          containers: [
            {
              name: "web",
              image: `${REGISTRY}/shop/web:1.0.0`,
              ports: [{ name: "http", containerPort: 8080 }],
              envFrom: [{ configMapRef: { name: "web-config" } }],
              env: [{ name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "web-token", key: "token" } } }],
            },
          ],
        },
      },
    },
  };
}

const service = (name: string, selector: Record<string, string>, annotations?: Record<string, string>): Manifest => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "shop", labels: labels("web"), ...(annotations ? { annotations } : {}) },
  spec: { selector, ports: [{ name: "http", port: 80, targetPort: "http" }] },
});

export function teamView(): StackView {
  const manifests: Manifest[] = [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "shop" } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-config", namespace: "shop" }, data: { MODE: "shop" } },
    { apiVersion: "v1", kind: "Secret", metadata: { name: "web-token", namespace: "shop" }, type: "Opaque" },
    deployment("web", "stable"),
    deployment("web-canary", "canary", { "slipway.dev/canary-weight": "10" }),
    service("web", labels("web"), { "slipway.dev/canary-in-cluster": "replica-share" }),
    service("web-stable", { ...labels("web"), "slipway.dev/track": "stable" }),
    service("web-canary", { ...labels("web"), "slipway.dev/track": "canary" }),
    {
      apiVersion: GATEWAY_API,
      kind: "HTTPRoute",
      metadata: { name: "web", namespace: "shop" },
      spec: {
        parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "platform", namespace: "gateway-system", sectionName: "https" }],
        hostnames: ["web.shop.apps.example.com"],
        rules: [
          { matches: [{ path: { type: "PathPrefix", value: "/search" } }], backendRefs: [{ name: "opensearch", namespace: "logging", port: 9200 }] },
          {
            backendRefs: [
              { name: "web-stable", port: 80, weight: 90 },
              { name: "web-canary", port: 80, weight: 10 },
            ],
          },
        ],
      },
    },
    { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web", namespace: "shop" }, spec: { maxUnavailable: 1, selector: { matchLabels: { ...labels("web"), "slipway.dev/track": "stable" } } } },
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: { name: "web", namespace: "shop" },
      spec: { selector: { matchLabels: labels("web") }, endpoints: [{ port: "http", path: "/metrics" }] },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db", namespace: "shop" },
      spec: {
        serviceName: "db",
        selector: { matchLabels: labels("db") },
        template: { metadata: { labels: labels("db") }, spec: { serviceAccountName: "web", containers: [{ name: "db", image: "docker.io/library/postgres:17.2" }] } },
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      },
    },
  ];
  return { manifests, cloud: [] };
}

/** The object of a kind and name in a view; throws when absent, so a row cannot silently break nothing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function obj(view: StackView, kind: string, name: string): any {
  const found = view.manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`fixture has no ${kind} ${name}`);
  return found;
}
