import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

// A hello-world web app written with raw @pulumi/kubernetes and secure defaults spelled out.
const config = new pulumi.Config();
const greeting = config.require("greeting");
const replicas = config.getNumber("replicas") ?? 2;
const logLevel = config.get("logLevel") ?? "info";

const app = "hello";
const labels = { "app.kubernetes.io/name": app, "app.kubernetes.io/instance": app, "app.kubernetes.io/managed-by": "slipway" };

const namespace = new k8s.core.v1.Namespace("sample", {
  metadata: {
    name: "sample",
    labels: {
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.30",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
    },
  },
});

const settings = new k8s.core.v1.ConfigMap("hello-settings", {
  metadata: { name: "hello-settings", namespace: namespace.metadata.name, labels },
  data: { GREETING: greeting, LOG_LEVEL: logLevel },
});

const deployment = new k8s.apps.v1.Deployment("hello", {
  metadata: { name: app, namespace: namespace.metadata.name, labels },
  spec: {
    replicas,
    selector: { matchLabels: labels },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    template: {
      metadata: { labels },
      spec: {
        automountServiceAccountToken: false,
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

const service = new k8s.core.v1.Service("hello", {
  metadata: { name: app, namespace: namespace.metadata.name, labels },
  spec: { type: "ClusterIP", selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] },
});

export const namespaceName = namespace.metadata.name;
export const deploymentName = deployment.metadata.name;
export const url = pulumi.interpolate`http://${service.metadata.name}.${namespace.metadata.name}.svc.cluster.local`;
