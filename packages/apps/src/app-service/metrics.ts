import { checkDuration, fail, InputSite, Manifest, NamedPort, resolvePort } from "@slipway/core";
import { MetricsArgs } from "./args";

/** Validates a scrape's path and interval (shared by ServiceMonitors and PodMonitors). */
export function checkScrape(site: InputSite, metrics: { path?: string; interval?: string }): { path: string; interval: string } {
  const path = metrics.path ?? "/metrics";
  if (typeof path !== "string" || !path.startsWith("/")) fail(site, "metrics.path", path, "must start with '/'");
  const interval = metrics.interval ?? "30s";
  checkDuration(site, "metrics.interval", interval, { minSeconds: 5, maxSeconds: 3600 });
  return { path, interval };
}

/** A ServiceMonitor scraping the app's main Service (never the per-track Services of a canary split). */
export function planServiceMonitor(
  site: InputSite,
  base: { name: string; namespace: string; labels: Record<string, string> },
  selector: Record<string, string>,
  ports: NamedPort[],
  metrics: MetricsArgs,
  splitLabel: string,
): Manifest {
  if (typeof metrics !== "object" || metrics === null) fail(site, "metrics", metrics, "must be an object", "e.g. { path: \"/metrics\" }");
  const port = resolvePort(site, "metrics.port", ports, metrics.port ?? ports[0].name);
  const { path, interval } = checkScrape(site, metrics);
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: base,
    spec: {
      selector: { matchLabels: selector, matchExpressions: [{ key: splitLabel, operator: "DoesNotExist" }] },
      namespaceSelector: { matchNames: [base.namespace] },
      endpoints: [{ port: port.name, path, interval, scheme: "http" }],
    },
  };
}
