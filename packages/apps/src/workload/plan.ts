import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import {
  buildPodSpec,
  checkDnsLabel,
  checkNumber,
  DefaultsProfile,
  fail,
  InputSite,
  Manifest,
  PortMap,
  ProbesSpec,
  ProfileOverride,
  selectorLabels,
  standardLabels,
} from "@slipway/core";
import * as k8s from "@pulumi/kubernetes";
import { planConfig } from "../app-service/config";
import { resolveNamespace, resolveProfile } from "../tenant-ref";
import { PodArgs, RunAsArgs } from "./args";

/** Name, namespace and labels every object of one workload carries. */
export interface WorkloadMeta {
  [key: string]: unknown;
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

/** The pod template of one workload, and what its owner must carry because of it. */
export interface PodTemplate {
  template: { metadata: { labels: Record<string, string>; annotations: Record<string, pulumi.Input<string>> }; spec: k8s.types.input.core.v1.PodSpec };
  /** Annotations of the owning workload (e.g. a removed CPU limit). */
  workloadAnnotations: Record<string, string>;
}

/** The pod side of a workload: its objects (config, secrets, ServiceAccount) and a template per image. */
export interface PodPlan {
  meta: WorkloadMeta;
  /** Labels selecting every pod of the workload. */
  selector: Record<string, string>;
  profile: DefaultsProfile;
  /** ConfigMaps, the Secret and the ServiceAccount, in that order. */
  objects: Manifest[];
  /** The pod template for `image` (a canary runs another image), with extra pod labels. */
  template(path: string, image: pulumi.Input<string>, extra?: { labels?: Record<string, string>; spread?: boolean }): PodTemplate;
}

/** How the kind of workload shapes its pods. */
export interface PodKind {
  /** `app.kubernetes.io/component` unless the app sets one. */
  component: string;
  /** Longest name the kind allows (a Service name, or a CronJob's 52). */
  nameMax: number;
  /** The name also names a Service, so it must start with a letter (DNS-1035). @default false */
  namesService?: boolean;
  /** Run-to-completion pods: no preStop pause (nothing drains), never restarted in place by a Deployment. @default false */
  batch?: boolean;
  /** The main container's ports and probes (services and workers with a metrics port). @default none */
  ports?: PortMap;
  probes?: ProbesSpec;
}

/** Validates `runAs` (numbers, never 0: CHECKS S2) and turns it into the pod security context it sets. */
export function runAsProfile(site: InputSite, runAs: RunAsArgs | undefined): ProfileOverride | undefined {
  if (runAs === undefined) return undefined;
  if (typeof runAs !== "object" || runAs === null) return fail(site, "runAs", runAs, "must be { user, group }", "e.g. runAs: { user: 10001, group: 10001 }");
  const user = checkNumber(site, "runAs.user", runAs.user, { min: 1, max: 2 ** 31 - 1 });
  const group = checkNumber(site, "runAs.group", runAs.group, { min: 1, max: 2 ** 31 - 1 });
  return { podSecurityContext: { runAsUser: user, runAsGroup: group, fsGroup: group } };
}

/** The profile of run-to-completion pods: nothing drains from them, so no preStop pause (CHECKS R10 is for servers). */
export function batchProfile(profile: DefaultsProfile): DefaultsProfile {
  return { ...profile, preStopSleepSeconds: 0 };
}

/** A hash of the plain config and files, so changing them rolls the pods. */
function configHash(args: PodArgs): pulumi.Output<string> {
  return pulumi.output({ config: args.config ?? {}, files: args.files ?? {} }).apply((v) => createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 16));
}

/**
 * The one pod plan of every app workload: identity and labels (part-of the tenant), the profile
 * layered once, config and secrets, its own ServiceAccount, and the secure pod template.
 */
export function planPod(site: InputSite, args: PodArgs, stack: DefaultsProfile, kind: PodKind): PodPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, kind.nameMax);
  if (kind.namesService && !/^[a-z]/.test(name)) fail(site, "name", name, "must start with a letter (it names a Service)");
  const namespace = resolveNamespace(site, args);
  const component = args.component !== undefined ? checkDnsLabel(site, "component", args.component) : kind.component;
  const labels = standardLabels({ name, component, partOf: args.tenant?.tenantName });
  const selector = selectorLabels({ name });
  const meta = { name, namespace, labels };
  const resolved = resolveProfile(stack, args, runAsProfile(site, args.runAs));
  const profile = kind.batch ? batchProfile(resolved) : resolved;
  const automount = args.apiAccess ?? profile.automountServiceAccountToken;

  const config = planConfig(site, meta, args);
  for (const key of Object.keys(args.env ?? {})) {
    if (key in config.env) fail(site, `env.${key}`, key, "is also set by config or secrets", "give each environment variable one source");
  }
  const serviceAccount: Manifest = {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { ...meta, ...(args.serviceAccountAnnotations ? { annotations: args.serviceAccountAnnotations } : {}) },
    automountServiceAccountToken: automount,
  };
  const hash = configHash(args);
  const template = (path: string, image: pulumi.Input<string>, extra: { labels?: Record<string, string>; spread?: boolean } = {}): PodTemplate => {
    const podLabels = { ...labels, ...extra.labels };
    const pod = buildPodSpec(
      site,
      path,
      {
        containers: [
          {
            name: "app",
            image,
            command: args.command,
            args: args.args,
            ports: kind.ports,
            env: { ...args.env, ...config.env },
            resources: args.resources,
            cpuLimit: args.cpuLimit,
            probes: kind.probes,
            mounts: config.mounts,
            writablePaths: args.writablePaths,
          },
          ...(args.sidecars ?? []),
        ],
        initContainers: args.initContainers,
        serviceAccountName: name,
        automountServiceAccountToken: automount,
        ...(extra.spread === false ? {} : { spreadSelector: { ...selector, ...extra.labels } }),
        placement: args.placement,
        imagePullSecrets: args.tenant?.imagePullSecrets,
      },
      profile,
    );
    return { template: { metadata: { labels: podLabels, annotations: { "slipway.dev/config-hash": hash } }, spec: pod.spec }, workloadAnnotations: pod.workloadAnnotations };
  };
  return { meta, selector, profile, objects: [...config.objects, serviceAccount], template };
}

/**
 * A Deployment of the pod: rolling updates that never drop below the running count (CHECKS R10), a
 * revision history, and `replicas` omitted when an HPA owns it. `track` names a second Deployment of
 * the same app (a canary) and the pod labels that tell the two apart.
 */
export function rollingDeployment(pod: PodPlan, built: PodTemplate, replicas: number | undefined, track?: { name: string; labels: Record<string, string>; annotations?: Record<string, string> }): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: workloadMetadata(pod.meta, built, track?.name, track?.annotations),
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      revisionHistoryLimit: pod.profile.revisionHistoryLimit,
      selector: { matchLabels: { ...pod.selector, ...track?.labels } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: built.template,
    },
  };
}

/** Metadata of a workload object: its name, namespace, labels, and the annotations its pod calls for. */
export function workloadMetadata(meta: WorkloadMeta, pod: PodTemplate, name = meta.name, extra: Record<string, string> = {}): Manifest["metadata"] {
  const annotations = { ...pod.workloadAnnotations, ...extra };
  return { name, namespace: meta.namespace, labels: meta.labels, ...(Object.keys(annotations).length ? { annotations } : {}) };
}
