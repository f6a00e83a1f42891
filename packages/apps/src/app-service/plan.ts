import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import {
  buildPodSpec,
  CANARY_IN_CLUSTER_ANNOTATION,
  CANARY_WEIGHT_ANNOTATION,
  checkDnsLabel,
  checkNumber,
  checkOneOf,
  ContainerSpec,
  DefaultsProfile,
  fail,
  InputSite,
  Manifest,
  NamedPort,
  normalizePorts,
  PortMap,
  selectorLabels,
  servicePorts,
  standardLabels,
} from "@slipway/core";
import { AppServiceArgs } from "./args";
import { planConfig } from "./config";
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
  selector: Record<string, string>;
  ports: NamedPort[];
  host?: pulumi.Input<string>;
  externalUrl?: pulumi.Output<string>;
}

const DNS1035 = /^[a-z]/;

function resolveNamespace(site: InputSite, args: AppServiceArgs): string {
  if (args.tenant && args.namespace) fail(site, "namespace", args.namespace, "is set together with tenant", "pass only tenant");
  const namespace = args.tenant?.namespace ?? args.namespace;
  if (namespace === undefined) return fail(site, "tenant", undefined, "is required", "pass the Tenant the app runs in (or a namespace name)");
  return checkDnsLabel(site, args.tenant ? "tenant.namespace" : "namespace", namespace);
}

function resolvePortMap(site: InputSite, args: AppServiceArgs): PortMap {
  if (args.port !== undefined && args.ports !== undefined) fail(site, "port", args.port, "is set together with ports", "use one of port or ports");
  if (args.ports !== undefined) {
    if (typeof args.ports !== "object" || args.ports === null || Object.keys(args.ports).length === 0) fail(site, "ports", args.ports, "must name at least one port");
    return args.ports;
  }
  if (args.port === undefined) return fail(site, "port", undefined, "is required", "set the port the app listens on, e.g. port: 8080");
  return { http: args.port };
}

/** A hash of the plain config and files, so changing them rolls the pods. */
function configHash(args: AppServiceArgs): pulumi.Output<string> {
  return pulumi.output({ config: args.config ?? {}, files: args.files ?? {} }).apply((v) => createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 16));
}

/** The pure plan of an AppService: validated arguments in, Kubernetes objects out. */
export function planAppService(site: InputSite, args: AppServiceArgs, profile: DefaultsProfile): AppServicePlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, 55);
  if (!DNS1035.test(name)) fail(site, "name", name, "must start with a letter (it names a Service)");
  const namespace = resolveNamespace(site, args);
  const portMap = resolvePortMap(site, args);
  const ports = normalizePorts(site, "ports", portMap);
  const component = args.component ? checkDnsLabel(site, "component", args.component) : "server";
  const labels = standardLabels({ name, component, partOf: args.tenant?.tenantName });
  const selector = selectorLabels({ name });
  const base = { name, namespace, labels };
  if (args.replicas !== undefined && args.scale !== undefined) fail(site, "replicas", args.replicas, "is set together with scale", "the HPA owns replicas: drop replicas or scale");
  const replicas = args.scale ? undefined : checkNumber(site, "replicas", args.replicas ?? profile.replicas, { min: 1, max: 1000 });

  const config = planConfig(site, base, args);
  for (const key of Object.keys(args.env ?? {})) {
    if (key in config.env) fail(site, `env.${key}`, key, "is also set by config or secrets", "give each environment variable one source");
  }
  const objects: Manifest[] = [...config.objects];
  const mainContainer = (image: pulumi.Input<string>): ContainerSpec => ({
    name: "app",
    image,
    command: args.command,
    args: args.args,
    ports: portMap,
    env: { ...args.env, ...config.env },
    resources: args.resources,
    cpuLimit: args.cpuLimit,
    probes: args.probes,
    mounts: config.mounts,
    writablePaths: args.writablePaths,
  });
  const hash = configHash(args);
  const deployment = (deploymentName: string, track: "stable" | "canary", image: pulumi.Input<string>, count: number | undefined, extraAnnotations: Record<string, string> = {}): Manifest => {
    const podLabels = { ...labels, [TRACK_LABEL]: track };
    const pod = buildPodSpec(
      site,
      track === "canary" ? "canary" : "spec",
      {
        containers: [mainContainer(image), ...(args.sidecars ?? [])],
        initContainers: args.initContainers,
        serviceAccountName: name,
        automountServiceAccountToken: args.apiAccess ?? profile.automountServiceAccountToken,
        spreadSelector: { ...selector, [TRACK_LABEL]: track },
        placement: args.placement,
        imagePullSecrets: args.tenant?.imagePullSecrets,
      },
      profile,
    );
    return {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: deploymentName, namespace, labels, ...(Object.keys({ ...pod.workloadAnnotations, ...extraAnnotations }).length ? { annotations: { ...pod.workloadAnnotations, ...extraAnnotations } } : {}) },
      spec: {
        ...(count !== undefined ? { replicas: count } : {}),
        revisionHistoryLimit: profile.revisionHistoryLimit,
        selector: { matchLabels: { ...selector, [TRACK_LABEL]: track } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: { metadata: { labels: podLabels, annotations: { "slipway.dev/config-hash": hash } }, spec: pod.spec },
      },
    };
  };

  objects.push({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name, namespace, labels, ...(args.serviceAccountAnnotations ? { annotations: args.serviceAccountAnnotations } : {}) },
    automountServiceAccountToken: args.apiAccess ?? profile.automountServiceAccountToken,
  });
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
    selector,
    ports,
    host: exposure?.host,
    externalUrl: exposure?.url,
  };
}
