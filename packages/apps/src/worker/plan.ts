import { checkNumber, checkPort, DefaultsProfile, fail, InputSite, Manifest, normalizePorts } from "@slipway/core";
import { planIngressAllows } from "../app-service/ingress-allows";
import { checkScrape } from "../app-service/metrics";
import { planHpa, planPdb } from "../app-service/scaling";
import { planPod, rollingDeployment } from "../workload/plan";
import { WorkerArgs, WorkerMetricsArgs } from "./args";

/** Everything a Worker renders, plus the facts its outputs are made of. */
export interface WorkerPlan {
  objects: Manifest[];
  namespace: string;
  deploymentName: string;
  serviceAccountName: string;
  /** Labels selecting the worker's pods. */
  podSelector: Record<string, string>;
}

const METRICS_PORT = "metrics";

/** A PodMonitor scraping the worker's pods directly (there is no Service to hang a ServiceMonitor on). */
function planPodMonitor(site: InputSite, meta: { name: string; namespace: string; labels: Record<string, string> }, selector: Record<string, string>, metrics: WorkerMetricsArgs): Manifest {
  const { path, interval } = checkScrape(site, metrics);
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: meta,
    spec: { selector: { matchLabels: selector }, namespaceSelector: { matchNames: [meta.namespace] }, podMetricsEndpoints: [{ port: METRICS_PORT, path, interval, scheme: "http" }] },
  };
}

/** The pure plan of a Worker: a Deployment with no Service, its ServiceAccount, config, HPA and PDB. */
export function planWorker(site: InputSite, args: WorkerArgs, stack: DefaultsProfile): WorkerPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const given = args as WorkerArgs & { port?: unknown; ports?: unknown };
  if (given.port !== undefined || given.ports !== undefined) fail(site, given.port !== undefined ? "port" : "ports", given.port ?? given.ports, "is not served by a Worker", "a workload that serves a port is an AppService; a metrics port goes in metrics.port");
  if (args.metrics !== undefined && (typeof args.metrics !== "object" || args.metrics === null)) fail(site, "metrics", args.metrics, "must be { port, path?, interval? }");
  const metricsPort = args.metrics ? checkPort(site, "metrics.port", args.metrics.port) : undefined;
  const pod = planPod(site, args, stack, { component: "worker", nameMax: 63, ports: metricsPort ? { [METRICS_PORT]: metricsPort } : undefined, probes: args.probes });
  const { meta, selector, profile } = pod;
  if (args.replicas !== undefined && args.scale !== undefined) fail(site, "replicas", args.replicas, "is set together with scale", "the HPA owns replicas: drop replicas or scale");
  const replicas = args.scale ? undefined : checkNumber(site, "replicas", args.replicas ?? profile.replicas, { min: 1, max: 1000 });
  const objects: Manifest[] = [...pod.objects, rollingDeployment(pod, pod.template("spec", args.image), replicas)];
  if (args.scale) objects.push(planHpa(site, meta, meta.name, args.scale));
  if (args.scale || (replicas ?? 0) > 1) objects.push(planPdb(meta, selector));
  if (args.metrics) {
    objects.push(planPodMonitor(site, meta, selector, args.metrics));
    // Beside the tenant's default deny, only the Prometheus pods reach the metrics port (as for an AppService).
    objects.push(...planIngressAllows(site, meta, selector, normalizePorts(site, "metrics", { [METRICS_PORT]: args.metrics.port }), { metrics: { port: METRICS_PORT }, tenant: args.tenant }));
  }
  return { objects, namespace: meta.namespace, deploymentName: meta.name, serviceAccountName: meta.name, podSelector: selector };
}
