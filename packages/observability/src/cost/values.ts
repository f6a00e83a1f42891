import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { OpenCostPricesArgs } from "./args";

type Resources = k8s.types.input.core.v1.ResourceRequirements;

/** What the chart values are made of, all validated by the planner. */
export interface OpenCostValuesInput {
  /** `fullnameOverride`: names the Deployment, Service, ServiceAccount and ClusterRole. */
  fullname: string;
  replicas: number;
  /** The pods' selector labels (the chart's), for spreading. */
  selector: Record<string, string>;
  prometheus: { serviceName: string; namespace: string; port: number };
  /** The cluster's name, OpenCost's cluster id. */
  clusterId: string;
  ui: boolean;
  resources: { exporter: Resources; ui: Resources };
  customPricing?: OpenCostPricesArgs;
}

// Restricted Pod Security with a read-only root: the images' own non-root users, nothing added.
const CONTAINER_SECURITY = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } };

// The paths each container writes under its read-only root: the exporter its config files, nginx
// its cache, pid, generated server config and the UI files it rewrites at start.
const EXPORTER_WRITABLE = { "exporter-configs": "/var/configs", "exporter-tmp": "/tmp" };
const UI_WRITABLE = { "ui-cache": "/var/cache/nginx", "ui-run": "/var/run", "ui-tmp": "/tmp", "ui-conf": "/etc/nginx/conf.d", "ui-www": "/var/www" };

const mounts = (paths: Record<string, string>) => Object.entries(paths).map(([name, mountPath]) => ({ name, mountPath }));
const volumes = (paths: Record<string, string>) => Object.keys(paths).map((name) => ({ name, emptyDir: {} }));

/**
 * opencost chart values: the MonitoringStack's Prometheus as the data source, restricted and
 * read-only containers with requests and limits, zero-unavailable rollouts spread over nodes, and
 * the chart's own PodDisruptionBudget off (ours sets unhealthyPodEvictionPolicy).
 */
export function openCostValues(input: OpenCostValuesInput): pulumi.Inputs {
  return {
    fullnameOverride: input.fullname,
    podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    pdb: { enabled: false },
    networkPolicies: { enabled: false },
    extraVolumes: volumes({ ...EXPORTER_WRITABLE, ...(input.ui ? UI_WRITABLE : {}) }),
    opencost: {
      prometheus: { internal: { enabled: true, serviceName: input.prometheus.serviceName, namespaceName: input.prometheus.namespace, port: input.prometheus.port } },
      // Prometheus scrapes OpenCost's own price metrics (node and volume hourly costs) that its allocation queries read back.
      metrics: { serviceMonitor: { enabled: true } },
      exporter: {
        defaultClusterId: input.clusterId,
        replicas: input.replicas,
        resources: input.resources.exporter,
        securityContext: CONTAINER_SECURITY,
        extraVolumeMounts: mounts(EXPORTER_WRITABLE),
        // Liveness only asks whether the process answers, and waits longer than readiness.
        livenessProbe: { failureThreshold: 6 },
      },
      // The MCP server serves AI agents over an extra port; cost data stays behind the API.
      mcp: { enabled: false },
      ui: {
        enabled: input.ui,
        resources: input.resources.ui,
        securityContext: CONTAINER_SECURITY,
        extraVolumeMounts: input.ui ? mounts(UI_WRITABLE) : [],
        livenessProbe: { failureThreshold: 6 },
      },
      topologySpreadConstraints:
        input.replicas > 1 ? [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: input.selector } }] : [],
      ...(input.customPricing
        ? {
            customPricing: {
              enabled: true,
              provider: "custom",
              // OpenCost reads these as monthly prices per vCPU, GiB of memory and GiB of disk.
              costModel: { description: "Slipway on-prem prices", CPU: input.customPricing.cpu, RAM: input.customPricing.memory, storage: input.customPricing.storage },
            },
          }
        : {}),
    },
  };
}

/** Every image of the chart pointed at a mirror that keeps upstream paths (`ghcr.io/opencost/opencost` -> `<mirror>/opencost/opencost`). */
export function openCostImageValues(registry: string): pulumi.Inputs {
  return { opencost: { exporter: { image: { registry } }, ui: { image: { registry } } } };
}
