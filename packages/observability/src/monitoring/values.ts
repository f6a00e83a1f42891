import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { chartResources, PRESTOP_PAUSE, RESTRICTED_CONTAINER, SINGLE_REPLICA_ANNOTATION, ZERO_DOWNTIME_STRATEGY } from "@slipway/core";
import { DASHBOARD_FOLDER_ANNOTATION, DASHBOARD_LABEL } from "../versions";
import { GRAFANA_ADMIN_KEYS } from "./grafana";

type Resources = k8s.types.input.core.v1.ResourceRequirements;

/** What the chart values are made of, all validated by the planner. */
export interface StackValuesInput {
  /** `fullnameOverride`: names the Prometheus, Alertmanager and operator objects. */
  release: string;
  grafanaFullname: string;
  storageClassName: string;
  storageSize: string;
  retention: string;
  retentionSize: string;
  alertmanagerStorageSize: string;
  highAvailability: boolean;
  nodeExporter: boolean;
  /** node-exporter's own privileged namespace. */
  agentNamespace: string;
  resources: Record<"prometheus" | "alertmanager" | "grafana" | "operator" | "kubeStateMetrics" | "nodeExporter", Resources>;
  alertmanagerConfigSecret: string;
  grafanaAdminSecret: string;
  grafanaRootUrl?: pulumi.Input<string>;
}

// Selecting every monitor, rule and probe in every namespace: `{}` matches everything, whereas the
// chart's default (NilUsesHelmValues) would only pick up objects labelled with its own release.
const OPEN_SELECTORS = {
  serviceMonitorSelectorNilUsesHelmValues: false,
  podMonitorSelectorNilUsesHelmValues: false,
  ruleSelectorNilUsesHelmValues: false,
  probeSelectorNilUsesHelmValues: false,
  scrapeConfigSelectorNilUsesHelmValues: false,
  serviceMonitorSelector: {},
  serviceMonitorNamespaceSelector: {},
  podMonitorSelector: {},
  podMonitorNamespaceSelector: {},
  ruleSelector: {},
  ruleNamespaceSelector: {},
  probeSelector: {},
  probeNamespaceSelector: {},
  scrapeConfigSelector: {},
  scrapeConfigNamespaceSelector: {},
};

function volumeClaim(storageClassName: string, size: string) {
  return { volumeClaimTemplate: { spec: { storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } } } };
}

/** kube-prometheus-stack values: open selectors, storage, retention, replicas, our Secrets, Grafana's sidecar. */
export function stackValues(input: StackValuesInput): pulumi.Inputs {
  const ha = input.highAvailability;
  return {
    fullnameOverride: input.release,
    // Our own PrometheusRules replace the chart's app and storage groups (crash loops, replicas, filling volumes).
    defaultRules: { create: true, rules: { kubernetesApps: false, kubernetesStorage: false } },
    prometheusOperator: {
      resources: input.resources.operator,
      strategy: ZERO_DOWNTIME_STRATEGY,
      lifecycle: PRESTOP_PAUSE,
      annotations: { [SINGLE_REPLICA_ANNOTATION]: "the Prometheus operator has no leader election: a second replica would reconcile every object twice" },
      // Readiness says "take traffic"; liveness waits longer before a restart (CHECKS R4: never the same probe).
      readinessProbe: { enabled: true, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 1 },
      livenessProbe: { enabled: true, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6, successThreshold: 1 },
      // Rule validation stays ours (typed PrometheusRules); the webhook's certificate would come from a hook Job no render sees.
      admissionWebhooks: { enabled: false },
      tls: { enabled: false },
    },
    prometheus: {
      service: { labels: { "app.kubernetes.io/name": "prometheus" } },
      prometheusSpec: {
        ...OPEN_SELECTORS,
        replicas: ha ? 2 : 1,
        // "soft" spreads replicas over nodes where it can, without leaving a small cluster unschedulable.
        podAntiAffinity: ha ? "soft" : "",
        retention: input.retention,
        retentionSize: input.retentionSize,
        resources: input.resources.prometheus,
        storageSpec: volumeClaim(input.storageClassName, input.storageSize),
      },
    },
    alertmanager: {
      service: { labels: { "app.kubernetes.io/name": "alertmanager" } },
      alertmanagerSpec: {
        replicas: ha ? 3 : 1,
        podAntiAffinity: ha ? "soft" : "",
        resources: input.resources.alertmanager,
        storage: volumeClaim(input.storageClassName, input.alertmanagerStorageSize),
        // The configuration is our Secret (see alertmanager-config.ts); the chart must not render its own.
        useExistingSecret: true,
        configSecret: input.alertmanagerConfigSecret,
        // Every AlertmanagerConfig in every namespace, each pinned to alerts of its own namespace.
        alertmanagerConfigSelector: {},
        alertmanagerConfigNamespaceSelector: {},
        alertmanagerConfigMatcherStrategy: { type: "OnNamespace" },
      },
    },
    grafana: {
      fullnameOverride: input.grafanaFullname,
      admin: { existingSecret: input.grafanaAdminSecret, userKey: GRAFANA_ADMIN_KEYS.user, passwordKey: GRAFANA_ADMIN_KEYS.password },
      resources: input.resources.grafana,
      testFramework: { enabled: false },
      annotations: { [SINGLE_REPLICA_ANNOTATION]: "Grafana keeps users and sessions in its own SQLite database: replicas need a shared database first" },
      deploymentStrategy: ZERO_DOWNTIME_STRATEGY,
      lifecycleHooks: PRESTOP_PAUSE,
      // A read-only root with a writable /tmp (S7); /var/lib/grafana is the chart's own emptyDir.
      containerSecurityContext: RESTRICTED_CONTAINER,
      extraEmptyDirMounts: [{ name: "tmp", mountPath: "/tmp" }],
      sidecar: {
        resources: chartResources("micro"),
        securityContext: RESTRICTED_CONTAINER,
        dashboards: {
          enabled: true,
          label: DASHBOARD_LABEL,
          labelValue: "1",
          searchNamespace: "ALL",
          folderAnnotation: DASHBOARD_FOLDER_ANNOTATION,
          provider: { foldersFromFilesStructure: true },
        },
      },
      ...(input.grafanaRootUrl !== undefined ? { "grafana.ini": { server: { root_url: input.grafanaRootUrl } } } : {}),
    },
    "kube-state-metrics": {
      resources: input.resources.kubeStateMetrics,
      // Declares the telemetry port its readiness probe targets (CHECKS R4).
      selfMonitor: { enabled: true },
      annotations: { [SINGLE_REPLICA_ANNOTATION]: "a second kube-state-metrics would export every object's series again; it scales by sharding" },
    },
    // Control-plane Services in kube-system select kubeadm static pods: absent on EKS and kwok, and kube-system is not ours to write.
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeProxy: { enabled: false },
    coreDns: { enabled: false },
    nodeExporter: { enabled: input.nodeExporter },
    // The host agent runs apart from Grafana, Prometheus and Alertmanager, which stay restricted.
    // Host network, PID and paths are its exemption; everything else it runs restricted.
    "prometheus-node-exporter": {
      namespaceOverride: input.agentNamespace,
      resources: input.resources.nodeExporter,
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      containerSecurityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
    },
  };
}

/**
 * Every image of the chart and its subcharts, pointed at a mirror that keeps upstream paths
 * (`quay.io/prometheus/prometheus` -> `<mirror>/prometheus/prometheus`).
 */
export function stackImageValues(registry: string): pulumi.Inputs {
  const image = { registry };
  return {
    global: { imageRegistry: registry },
    prometheusOperator: {
      image,
      prometheusConfigReloader: { image },
      thanosImage: image,
      admissionWebhooks: { patch: { image } },
    },
    prometheus: { prometheusSpec: { image } },
    alertmanager: { alertmanagerSpec: { image } },
    thanosRuler: { thanosRulerSpec: { image } },
    grafana: { image, sidecar: { image }, downloadDashboardsImage: image, initChownData: { image }, imageRenderer: { image } },
    "kube-state-metrics": { image },
    "prometheus-node-exporter": { image },
  };
}
