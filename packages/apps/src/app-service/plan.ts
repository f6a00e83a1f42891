import * as pulumi from "@pulumi/pulumi";
import { CANARY_IN_CLUSTER_ANNOTATION, CANARY_WEIGHT_ANNOTATION, checkNumber, checkOneOf, DefaultsProfile, fail, InputSite, Manifest, NamedPort, normalizePorts, PortMap, servicePorts } from "@slipway/core";
import { planPod, rollingDeployment } from "../workload/plan";
import { AppServiceArgs } from "./args";
import { planDirectExposure } from "./direct-exposure";
import { planExposure, RouteBackend } from "./exposure";
import { planIngressAllows } from "./ingress-allows";
import { planServiceMonitor } from "./metrics";
import { planHpa, planPdb } from "./scaling";

/** Pod label that separates the stable Deployment's pods from a canary's. */
export const TRACK_LABEL = "slipway.dev/track";
/** Service label marking the per-track Services a weighted route splits traffic over. */
export const SPLIT_LABEL = "slipway.dev/traffic-split";

/** Everything an AppService renders, plus the facts its outputs are made of. */
export interface AppServicePlan {
  objects: Manifest[];
  namespace: string;
  deploymentName: string;
  serviceName: string;
  serviceAccountName: string;
  /** Labels selecting all of the app's pods (stable and canary). */
  podSelector: Record<string, string>;
  ports: NamedPort[];
  host?: pulumi.Input<string>;
  externalUrl?: pulumi.Output<string>;
  /** The stable Deployment's image. */
  image: pulumi.Input<string>;
  /** The stable Deployment's replica range: fixed replicas give min = max, an HPA its bounds. */
  replicas: { min: number; max: number };
}

function resolvePortMap(site: InputSite, args: AppServiceArgs): PortMap {
  const given = args as { port?: number; ports?: PortMap };
  if (given.port !== undefined && given.ports !== undefined) fail(site, "port", given.port, "is set together with ports", "use one of port or ports");
  if (args.ports !== undefined) {
    if (typeof args.ports !== "object" || args.ports === null || Object.keys(args.ports).length === 0) fail(site, "ports", args.ports, "must name at least one port");
    return args.ports;
  }
  // The types require a port; JavaScript callers and config-driven stacks still get a clear error.
  if (args.port === undefined) return fail(site, "port", undefined, "is required", "set the port the app listens on, e.g. port: 8080 (a workload that serves no port is a Worker)");
  return { http: args.port };
}

/** The pure plan of an AppService: validated arguments and the stack's profile in, Kubernetes objects out. */
export function planAppService(site: InputSite, args: AppServiceArgs, stack: DefaultsProfile): AppServicePlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const portMap = resolvePortMap(site, args);
  const pod = planPod(site, args, stack, { component: "server", nameMax: 55, namesService: true, ports: portMap, probes: args.probes });
  const { meta: base, selector, profile } = pod;
  const { name, namespace, labels } = base;
  const ports = normalizePorts(site, "ports", portMap);
  if (args.replicas !== undefined && args.scale !== undefined) fail(site, "replicas", args.replicas, "is set together with scale", "the HPA owns replicas: drop replicas or scale");
  const replicas = args.scale ? undefined : checkNumber(site, "replicas", args.replicas ?? profile.replicas, { min: 1, max: 1000 });

  const objects: Manifest[] = [...pod.objects];
  const deployment = (deploymentName: string, track: "stable" | "canary", image: pulumi.Input<string>, count: number | undefined, annotations: Record<string, string> = {}): Manifest => {
    const trackLabels = { [TRACK_LABEL]: track };
    return rollingDeployment(pod, pod.template(track === "canary" ? "canary" : "spec", image, { labels: trackLabels }), count, { name: deploymentName, labels: trackLabels, annotations });
  };

  objects.push(deployment(name, "stable", args.image, replicas));
  const serviceType = checkOneOf(site, "serviceType", args.serviceType ?? "ClusterIP", ["ClusterIP", "LoadBalancer", "NodePort"] as const);
  // With a canary, the Service is a path its weight cannot split: it says which track(s) it reaches (CHECKS L9).
  const inCluster = args.canary && typeof args.canary === "object" ? checkOneOf(site, "canary.inCluster", args.canary.inCluster ?? "replica-share", ["replica-share", "stable"] as const) : undefined;
  if (inCluster === "stable" && !args.expose) fail(site, "canary.inCluster", inCluster, "keeps in-cluster calls on the stable track of an app that is not exposed, so the canary would take no traffic", 'expose the app through the gateway, or use inCluster: "replica-share"');
  const serviceSelector = inCluster === "stable" ? { ...selector, [TRACK_LABEL]: "stable" } : selector;
  const direct = planDirectExposure(site, base, selector, ports, { ...args, serviceType });
  const serviceAnnotations = { ...direct.annotations, ...(inCluster ? { [CANARY_IN_CLUSTER_ANNOTATION]: inCluster } : {}) };
  const serviceMeta = Object.keys(serviceAnnotations).length ? { ...base, annotations: serviceAnnotations } : base;
  objects.push({ apiVersion: "v1", kind: "Service", metadata: serviceMeta, spec: { type: serviceType, ...direct.spec, selector: serviceSelector, ports: servicePorts(ports) } }, ...direct.objects);
  if (args.scale) objects.push(planHpa(site, base, name, args.scale));
  if (args.scale || (replicas ?? 0) > 1) objects.push(planPdb(base, { ...selector, [TRACK_LABEL]: "stable" }));

  let backends: RouteBackend[] = [{ service: name, weight: 100 }];
  if (args.canary) {
    const canary = args.canary;
    if (typeof canary !== "object" || canary === null) fail(site, "canary", canary, "must be { image, weight }");
    const weight = checkNumber(site, "canary.weight", canary.weight, { min: 1, max: 99 });
    const canaryReplicas = checkNumber(site, "canary.replicas", canary.replicas ?? 2, { min: 1, max: 1000 });
    const canaryName = `${name}-canary`;
    objects.push(deployment(canaryName, "canary", canary.image, canaryReplicas, { [CANARY_WEIGHT_ANNOTATION]: String(weight) }));
    if (canaryReplicas > 1) objects.push(planPdb({ ...base, name: canaryName }, { ...selector, [TRACK_LABEL]: "canary" }));
    if (args.expose) {
      backends = (["stable", "canary"] as const).map((track) => ({ service: `${name}-${track}`, weight: track === "canary" ? weight : 100 - weight }));
      for (const track of ["stable", "canary"] as const) {
        objects.push({
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: `${name}-${track}`, namespace, labels: { ...labels, [SPLIT_LABEL]: track } },
          spec: { type: "ClusterIP", selector: { ...selector, [TRACK_LABEL]: track }, ports: servicePorts(ports) },
        });
      }
    }
  }
  const exposure = args.expose ? planExposure(site, base, args.expose, ports, backends) : undefined;
  if (exposure) objects.push(...exposure.objects);
  if (args.metrics) objects.push(planServiceMonitor(site, base, selector, ports, args.metrics, SPLIT_LABEL));
  objects.push(...planIngressAllows(site, base, selector, ports, args));
  return {
    objects,
    namespace,
    deploymentName: name,
    serviceName: name,
    serviceAccountName: name,
    podSelector: selector,
    ports,
    host: exposure?.host,
    externalUrl: exposure?.url,
    image: args.image,
    replicas: args.scale ? { min: args.scale.min, max: args.scale.max } : { min: replicas ?? 1, max: replicas ?? 1 },
  };
}
