import { checkDnsLabel, checkLabelValue, checkPort, checkPortName, childName, fail, InputSite, Manifest, PlatformMetrics, PODS_FROM_OPERATOR_ANNOTATION, ScrapeTarget } from "@slipway/core";
import { DashboardArgs } from "./args";
import { prometheusRule } from "./rules";

type Meta = (name: string) => { name: string; namespace: string; labels: Record<string, string> };

/** The Grafana folder platform components' dashboards go into. */
export const PLATFORM_DASHBOARD_FOLDER = "Platform";

function checkSelector(site: InputSite, path: string, selector: unknown): Record<string, string> {
  if (typeof selector !== "object" || selector === null || Object.keys(selector).length === 0) return fail(site, path, selector, "must name at least one pod label", '{ "k8s-app": "calico-node" }');
  for (const [key, value] of Object.entries(selector)) checkLabelValue(site, `${path}.${key}`, value);
  return selector as Record<string, string>;
}

/**
 * A PodMonitor for one target. Pods that declare the port are scraped by its name; host-network
 * agents that declare none are scraped at their pod IP (the node's) and the port, from the named
 * container only, so each pod is one target.
 */
function podMonitor(site: InputSite, path: string, meta: Meta, stackName: string, component: string, target: ScrapeTarget): Manifest {
  checkDnsLabel(site, `${path}.name`, target.name, 40);
  const namespace = checkDnsLabel(site, `${path}.namespace`, target.namespace);
  const selector = checkSelector(site, `${path}.podSelector`, target.podSelector);
  const port = checkPort(site, `${path}.port`, target.port);
  const metricsPath = target.path ?? "/metrics";
  const endpoint =
    target.portName !== undefined
      ? { port: checkPortName(site, `${path}.portName`, target.portName), path: metricsPath, interval: "30s" }
      : {
          path: metricsPath,
          interval: "30s",
          relabelings: [
            { action: "keep", sourceLabels: ["__meta_kubernetes_pod_container_name"], regex: checkDnsLabel(site, `${path}.container`, target.container) },
            { action: "replace", sourceLabels: ["__meta_kubernetes_pod_ip"], regex: "(.+)", targetLabel: "__address__", replacement: `$1:${port}` },
          ],
        };
  const base = meta(childName(stackName, `${component}-${target.name}`));
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: { ...base, annotations: { [PODS_FROM_OPERATOR_ANNOTATION]: target.createdBy } },
    spec: { selector: { matchLabels: selector }, namespaceSelector: { matchNames: [namespace] }, podMetricsEndpoints: [endpoint] },
  };
}

/** PodMonitors, a PrometheusRule and a dashboard per platform component (Calico, Ceph) given to the stack. */
export function planPlatformMetrics(
  site: InputSite,
  stackName: string,
  meta: Meta,
  sources: PlatformMetrics[] | undefined,
  userDashboards: Record<string, DashboardArgs> | undefined,
): { customResources: Manifest[]; dashboards: Record<string, DashboardArgs> } {
  const dashboards: Record<string, DashboardArgs> = { ...userDashboards };
  if (sources === undefined) return { customResources: [], dashboards };
  if (!Array.isArray(sources)) return fail(site, "platformMetrics", sources, "must be a list", "e.g. [calico.platformMetrics, ceph.platformMetrics]");
  const customResources: Manifest[] = [];
  const alerts = new Set<string>();
  sources.forEach((source, i) => {
    const path = `platformMetrics[${i}]`;
    if (!source || typeof source !== "object") fail(site, path, source, "is not a component's platformMetrics", "pass e.g. ceph.platformMetrics");
    const component = checkDnsLabel(site, `${path}.component`, source.component, 30);
    if (component in dashboards) fail(site, `${path}.component`, component, "already names a dashboard", "give each component (and dashboard) its own name");
    if (!Array.isArray(source.targets) || source.targets.length === 0) fail(site, `${path}.targets`, source.targets, "must list at least one target");
    source.targets.forEach((target, j) => customResources.push(podMonitor(site, `${path}.targets[${j}]`, meta, stackName, component, target)));
    for (const rule of source.ruleGroups.flatMap((g) => g.rules)) {
      if (alerts.has(rule.alert)) fail(site, `${path}.ruleGroups`, rule.alert, "repeats an alert of another component");
      alerts.add(rule.alert);
    }
    customResources.push(prometheusRule(meta(childName(stackName, `${component}-alerts`)), source.ruleGroups));
    dashboards[component] = { json: source.dashboard, folder: PLATFORM_DASHBOARD_FOLDER };
  });
  return { customResources, dashboards };
}
