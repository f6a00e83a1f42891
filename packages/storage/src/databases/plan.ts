import { buildResources, CHART_BACKEND_ANNOTATION, checkDnsLabel, checkNumber, DEFAULT_PROFILE, fail, InputSite, Manifest, OperatorPlan, planOperator, standardLabels } from "@slipway/core";
import { PostgresOperatorArgs } from "./args";
import { CLOUDNATIVE_PG_CHART } from "./versions";

/** The chart names its pods `app.kubernetes.io/name: cloudnative-pg` (StatefulApp's network allow names the same). */
const CHART_NAME = "cloudnative-pg";
const DEFAULT_RESOURCES = { requests: { cpu: "100m", memory: "256Mi", ephemeralStorage: "64Mi" }, limits: { cpu: "1", memory: "512Mi", ephemeralStorage: "256Mi" } };

/** The chart's image values, pointed at a mirror that keeps upstream repository paths. */
export function cloudNativePgImageValues(registry: string) {
  return { image: { repository: `${registry}/cloudnative-pg/cloudnative-pg` } };
}

/**
 * The pure plan of the CloudNativePG operator: a restricted namespace, the pinned chart watching
 * every namespace (tenants' Clusters), sized, spread over hosts, with a PDB of our own (the chart has none).
 */
export function planPostgresOperator(site: InputSite, args: PostgresOperatorArgs, release: string): OperatorPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  if (!args.cluster || typeof args.cluster !== "object") return fail(site, "cluster", args.cluster, "is required", "pass the Cluster the operator runs in");
  const namespace = checkDnsLabel(site, "namespace", args.namespace ?? "cnpg-system");
  const replicas = checkNumber(site, "replicas", args.replicas ?? 2, { min: 1, max: 5 });
  const resources = buildResources(site, "resources", DEFAULT_PROFILE, args.resources ?? DEFAULT_RESOURCES);
  const labels = standardLabels({ name: CHART_NAME, instance: site.name, component: "database-operator", partOf: "slipway" });
  const podSelector = { "app.kubernetes.io/name": CHART_NAME, "app.kubernetes.io/instance": release };
  const customResources: Manifest[] = [];
  if (replicas > 1) {
    customResources.push({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      // It protects the chart's pods, which only a chart render shows (L5 then judges it).
      metadata: { name: CHART_NAME, namespace, labels, annotations: { [CHART_BACKEND_ANNOTATION]: CHART_NAME } },
      spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: podSelector } },
    });
  }
  return planOperator(site, {
    namespace: { name: namespace, level: "restricted", labels },
    chart: {
      source: CLOUDNATIVE_PG_CHART,
      values: {
        replicaCount: replicas,
        // A new operator pod is ready before an old one goes (CHECKS R10).
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        resources,
        config: { clusterWide: true },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: podSelector } }],
        monitoring: { podMonitorEnabled: false, grafanaDashboard: { create: false } },
      },
      imageValues: cloudNativePgImageValues,
    },
    overrides: args.chart,
    clusterMirror: args.cluster.imageMirror,
    customResources,
  });
}
