import * as pulumi from "@pulumi/pulumi";
import {
  buildResources,
  checkDnsLabel,
  checkQuantity,
  DEFAULT_PROFILE,
  fail,
  InputSite,
  Manifest,
  OperatorNamespaceInput,
  OperatorPlan,
  planOperator,
  ResourcesSpec,
  standardLabels,
  systemNamespaceLabels,
} from "@slipway/core";
import { checkPrometheusDuration } from "../shared/durations";
import { KUBE_PROMETHEUS_STACK_CHART } from "../versions";
import { checkAlerting, planAlertmanagerSecret } from "./alertmanager-config";
import { MonitoringResources, MonitoringStackArgs } from "./args";
import { planDashboards } from "./dashboards";
import { planPlatformMetrics } from "./platform-metrics";
import { checkGrafana, grafanaRoute } from "./grafana";
import { AlertRule, platformRuleGroups, prometheusRule, userAlertRule } from "./rules";
import { planTenantAlerting, TenantAlertingPlan } from "./tenant-alerting";
import { stackImageValues, StackValuesInput, stackValues } from "./values";

/** Everything a MonitoringStack renders, and the facts its outputs are made of. */
export interface MonitoringPlan {
  /**
   * The stack's restricted namespace (and node-exporter's privileged one, when it runs), the
   * Alertmanager configuration the chart's pods read at start, the kube-prometheus-stack chart, and
   * the rules (custom resources that wait for its CRDs). The component adds the Grafana admin Secret
   * to the chart inputs, with its generated password.
   */
  operator: OperatorPlan;
  namespaceName: string;
  /** Plain objects: dashboards and the Grafana route. */
  objects: Manifest[];
  /** Per tenant namespace: the receiver Secret and the AlertmanagerConfig (a custom resource). */
  tenants: (TenantAlertingPlan & { namespace: string })[];
  /** The Grafana admin Secret's metadata and user; the component adds the generated password. */
  grafanaAdmin: { metadata: { name: string; namespace: string; labels: Record<string, string> }; adminUser: string };
  prometheusUrl: string;
  alertmanagerUrl: string;
  grafanaServiceName: string;
  grafanaHost?: pulumi.Input<string>;
}

// kube-prometheus-stack truncates its fullname to 26 characters; longer names would be cut silently.
const MAX_NAME = 26;
const MIN_RETENTION_SECONDS = 2 * 3600;
const PROMETHEUS_SIZE = /^([0-9]+)(B|KB|MB|GB|TB|PB|EB)$/;
const PROMETHEUS_UNITS: Record<string, number> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40, PB: 2 ** 50, EB: 2 ** 60 };

const DEFAULT_RESOURCES: Required<Record<keyof MonitoringResources, ResourcesSpec>> = {
  prometheus: { requests: { cpu: "500m", memory: "2Gi", ephemeralStorage: "64Mi" }, limits: { cpu: "2", memory: "2Gi", ephemeralStorage: "1Gi" } },
  alertmanager: "micro",
  grafana: "small",
  operator: "micro",
  kubeStateMetrics: "small",
  nodeExporter: "nano",
};

function checkFlag(site: InputSite, path: string, value: unknown, fallback: boolean): boolean {
  const flag = value ?? fallback;
  if (typeof flag !== "boolean") return fail(site, path, value, "must be true or false");
  return flag;
}

/** Prometheus' `retentionSize` (base-2 units, "45GB"): given, or 85% of the volume so the disk never fills. */
function resolveRetentionSize(site: InputSite, value: unknown, storageBytes: number): string {
  if (value === undefined) return `${Math.max(1, Math.floor((storageBytes * 0.85) / 2 ** 30))}GB`;
  const match = typeof value === "string" ? PROMETHEUS_SIZE.exec(value) : null;
  if (!match) return fail(site, "retentionSize", value, "is not a Prometheus size", 'use a whole number with B, KB, MB, GB, TB, PB or EB, e.g. "45GB"');
  const bytes = Number(match[1]) * PROMETHEUS_UNITS[match[2]];
  if (bytes <= 0) fail(site, "retentionSize", value, "must be greater than zero");
  if (bytes >= storageBytes) fail(site, "retentionSize", value, "does not fit the volume (storageSize)", "keep it below the volume size, leaving room for the write-ahead log");
  return value as string;
}

function resolveResources(site: InputSite, resources: MonitoringResources | undefined): StackValuesInput["resources"] {
  if (resources !== undefined && (typeof resources !== "object" || resources === null)) return fail(site, "resources", resources, "must be an object");
  const out = {} as StackValuesInput["resources"];
  for (const key of Object.keys(DEFAULT_RESOURCES) as (keyof MonitoringResources)[]) {
    out[key] = buildResources(site, `resources.${key}`, DEFAULT_PROFILE, resources?.[key] ?? DEFAULT_RESOURCES[key]);
  }
  return out;
}

function planRules(site: InputSite, args: MonitoringStackArgs, meta: (name: string) => { name: string; namespace: string; labels: Record<string, string> }): Manifest[] {
  const platform = args.platformRules ?? {};
  if (typeof platform !== "object" || platform === null) return fail(site, "platformRules", platform, "must be an object");
  const groups = checkFlag(site, "platformRules.enabled", platform.enabled, true) ? platformRuleGroups(site, platform) : [];
  if (args.alerts !== undefined && !Array.isArray(args.alerts)) fail(site, "alerts", args.alerts, "must be a list");
  const userRules: AlertRule[] = (args.alerts ?? []).map((alert, i) => userAlertRule(site, `alerts[${i}]`, alert));
  const taken = new Set(groups.flatMap((g) => g.rules.map((r) => r.alert)));
  userRules.forEach((rule, i) => {
    if (taken.has(rule.alert)) fail(site, `alerts[${i}].name`, rule.alert, "is already the name of another alert", "give each alert its own name");
    taken.add(rule.alert);
  });
  const rules: Manifest[] = [];
  if (groups.length) rules.push(prometheusRule(meta(`${site.name}-platform-alerts`), groups));
  if (userRules.length) rules.push(prometheusRule(meta(`${site.name}-user-alerts`), [{ name: "user-alerts", rules: userRules }]));
  return rules;
}

/** The pure plan of a MonitoringStack: validated arguments in, manifests and chart values out. */
export function planMonitoringStack(site: InputSite, args: MonitoringStackArgs): MonitoringPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, MAX_NAME);
  if (!args.cluster || typeof args.cluster !== "object") return fail(site, "cluster", args.cluster, "is required", "pass the Cluster to monitor");
  const storageClass = args.storageClass;
  if (!storageClass || typeof storageClass.storageClassName !== "string") return fail(site, "storageClass", storageClass, "is required", "pass a StorageClass handle, e.g. ceph.blockClass");
  if (Array.isArray(storageClass.accessModes) && !storageClass.accessModes.includes("ReadWriteOnce")) {
    fail(site, "storageClass.accessModes", storageClass.accessModes, "does not offer ReadWriteOnce", "use a block StorageClass");
  }
  const namespaceName = checkDnsLabel(site, "namespace", args.namespace ?? "monitoring");
  const storageSize = args.storageSize ?? "50Gi";
  const storageBytes = checkQuantity(site, "storageSize", storageSize, "storage");
  if (storageBytes < 2 ** 31) fail(site, "storageSize", storageSize, "is smaller than 2Gi", 'give Prometheus room for a few days of samples, e.g. "50Gi"');
  const retention = args.retention ?? "15d";
  checkPrometheusDuration(site, "retention", retention, { minSeconds: MIN_RETENTION_SECONDS });
  const retentionSize = resolveRetentionSize(site, args.retentionSize, storageBytes);
  const nodeExporter = checkFlag(site, "nodeExporter", args.nodeExporter, true);
  const agentNamespace = checkDnsLabel(site, "agentNamespace", args.agentNamespace ?? `${namespaceName}-agents`);
  if (agentNamespace === namespaceName) fail(site, "agentNamespace", agentNamespace, "is the stack's own namespace", "give node-exporter a namespace of its own, so the stack's namespace stays restricted");
  const highAvailability = checkFlag(site, "highAvailability", args.highAvailability, true);
  const resources = resolveResources(site, args.resources);

  const labels = standardLabels({ name: "monitoring", instance: name, component: "monitoring", partOf: "slipway" });
  const meta = (objectName: string, namespace = namespaceName) => ({ name: objectName, namespace, labels });
  const alerting = checkAlerting(site, args.alerting);
  const tenants = planTenantAlerting(site, name, args.tenants, alerting, labels);
  const grafana = checkGrafana(site, args.grafana);
  const grafanaServiceName = `${name}-grafana`;
  const alertmanagerSecret = planAlertmanagerSecret(meta(`${name}-alertmanager-config`), alerting);

  const chartValues = stackValues({
    release: name,
    grafanaFullname: grafanaServiceName,
    storageClassName: storageClass.storageClassName,
    storageSize,
    retention,
    retentionSize,
    alertmanagerStorageSize: "1Gi",
    highAvailability,
    nodeExporter,
    agentNamespace,
    resources,
    alertmanagerConfigSecret: alertmanagerSecret.metadata.name as string,
    grafanaAdminSecret: `${name}-grafana-admin`,
    grafanaRootUrl: grafana.exposure ? pulumi.interpolate`https://${grafana.exposure.host}` : undefined,
  });
  const platform = planPlatformMetrics(site, name, meta, args.platformMetrics, args.dashboards);
  const objects: Manifest[] = planDashboards(site, name, namespaceName, platform.dashboards, labels);
  if (grafana.exposure) objects.push(grafanaRoute(meta(grafanaServiceName), grafana.exposure, grafanaServiceName));

  // node-exporter reads the host (host network, PID namespace, /proc and /sys): its namespace alone is privileged.
  const agents: OperatorNamespaceInput[] = nodeExporter ? [{ name: agentNamespace, level: "privileged", labels: systemNamespaceLabels("node-exporter") }] : [];
  const customResources = [...planRules(site, args, meta), ...platform.customResources];
  return {
    operator: planOperator(site, {
      namespace: { name: namespaceName, level: "restricted", labels: systemNamespaceLabels("monitoring"), gatewayRoutes: grafana.exposure !== undefined },
      extraNamespaces: agents,
      chart: { source: KUBE_PROMETHEUS_STACK_CHART, release: "kube-prometheus-stack", values: chartValues, imageValues: stackImageValues },
      overrides: args.chart,
      clusterMirror: args.cluster.imageMirror,
      chartInputs: [alertmanagerSecret],
      customResources,
    }),
    namespaceName,
    objects,
    tenants: tenants.map((t) => ({ ...t, namespace: t.config.metadata.namespace as string })),
    grafanaAdmin: { metadata: meta(`${name}-grafana-admin`), adminUser: grafana.adminUser },
    prometheusUrl: `http://${name}-prometheus.${namespaceName}.svc.cluster.local:9090`,
    alertmanagerUrl: `http://${name}-alertmanager.${namespaceName}.svc.cluster.local:9093`,
    grafanaServiceName,
    grafanaHost: grafana.exposure?.host,
  };
}
