import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

// A hello-world web app written with raw @pulumi/kubernetes and secure defaults spelled out.
const config = new pulumi.Config();
const greeting = config.require("greeting");
const replicas = config.getNumber("replicas") ?? 2;
const logLevel = config.get("logLevel") ?? "info";

const app = "hello";
const labels = { "app.kubernetes.io/name": app, "app.kubernetes.io/instance": app, "app.kubernetes.io/managed-by": "slipway" };

// A tenant namespace: Pod Security restricted, enforced, warned and audited at a pinned version.
const pss = Object.fromEntries(["enforce", "warn", "audit"].flatMap((mode) => [[`pod-security.kubernetes.io/${mode}`, "restricted"], [`pod-security.kubernetes.io/${mode}-version`, "v1.33"]]));
const namespace = new k8s.core.v1.Namespace("sample", { metadata: { name: "sample", labels: { ...pss, "slipway.dev/tenant": "sample" } } });

// Deny everything, then allow DNS; the app admits nothing else (it is reached only inside the cluster by its own tenant).
const policy = (name: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
  new k8s.networking.v1.NetworkPolicy(name, { metadata: { name, namespace: namespace.metadata.name, labels }, spec });
policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
policy("allow-dns", {
  podSelector: {},
  policyTypes: ["Egress"],
  egress: [
    {
      // CoreDNS, and NodeLocal DNSCache where the cluster runs it (KubeKey clusters such as the local platform: 169.254.25.10).
      to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }, { ipBlock: { cidr: "169.254.25.10/32" } }],
      ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ],
    },
  ],
});

const serviceAccount = new k8s.core.v1.ServiceAccount(app, { metadata: { name: app, namespace: namespace.metadata.name, labels }, automountServiceAccountToken: false });

const settings = new k8s.core.v1.ConfigMap("hello-settings", {
  metadata: { name: "hello-settings", namespace: namespace.metadata.name, labels },
  data: { GREETING: greeting, LOG_LEVEL: logLevel },
});

const deployment = new k8s.apps.v1.Deployment("hello", {
  metadata: { name: app, namespace: namespace.metadata.name, labels },
  spec: {
    replicas,
    revisionHistoryLimit: 5,
    selector: { matchLabels: labels },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    template: {
      metadata: { labels },
      spec: {
        serviceAccountName: serviceAccount.metadata.name,
        automountServiceAccountToken: false,
        terminationGracePeriodSeconds: 35,
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } }],
        securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
          {
            name: app,
            image: "registry.example/sample/hello:1.0.0",
            ports: [{ name: "http", containerPort: 8080 }],
            envFrom: [{ configMapRef: { name: settings.metadata.name } }],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            readinessProbe: { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5 },
            livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10, failureThreshold: 3 },
            lifecycle: { preStop: { sleep: { seconds: 5 } } },
            resources: {
              requests: { cpu: "50m", memory: "64Mi", "ephemeral-storage": "64Mi" },
              limits: { cpu: "500m", memory: "128Mi", "ephemeral-storage": "128Mi" },
            },
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
          },
        ],
        volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
      },
    },
  },
});

new k8s.policy.v1.PodDisruptionBudget("hello", {
  metadata: { name: app, namespace: namespace.metadata.name, labels },
  spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: labels } },
});

const service = new k8s.core.v1.Service("hello", {
  metadata: { name: app, namespace: namespace.metadata.name, labels },
  spec: { type: "ClusterIP", selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] },
});

export const namespaceName = namespace.metadata.name;
export const deploymentName = deployment.metadata.name;
export const url = pulumi.interpolate`http://${service.metadata.name}.${namespace.metadata.name}.svc.cluster.local`;
