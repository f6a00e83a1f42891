import * as k8s from "@pulumi/kubernetes";
import { fail, InputSite } from "../errors";
import { DefaultsProfile } from "../profile";
import { buildContainer, ContainerSpec } from "./container";
import { NamedPort } from "./ports";
import { VolumeSet } from "./volumes";

type PodSpec = k8s.types.input.core.v1.PodSpec;

/** Where pods may run: from a node-pool handle or plain labels and tolerations. */
export interface Placement {
  nodeSelector?: Record<string, string>;
  tolerations?: k8s.types.input.core.v1.Toleration[];
}

/** A pod: its containers plus the identity and placement they share. */
export interface PodSpecArgs {
  /** The main container first, then any sidecars. */
  containers: ContainerSpec[];
  /** Containers that run to completion before the others start. */
  initContainers?: ContainerSpec[];
  /** The pod's own ServiceAccount (CHECKS S13). */
  serviceAccountName: string;
  /** Mount an API token: only for apps that call the API or use workload identity. @default the profile's (false) */
  automountServiceAccountToken?: boolean;
  /** Labels that select this workload's pods, for spreading them apart (CHECKS R8). */
  spreadSelector?: Record<string, string>;
  placement?: Placement;
  /** Secrets with registry credentials (a tenant's pull secret). @default none */
  imagePullSecrets?: string[];
}

/** Workload annotation recording an explicit `cpuLimit: null` (the named exception to CHECKS R2). */
export const CPU_LIMIT_ANNOTATION = "slipway.dev/cpu-limit";
/** Workload annotation recording why a serving workload runs one replica (the named exception to CHECKS R5). */
export const SINGLE_REPLICA_ANNOTATION = "slipway.dev/single-replica-reason";
/**
 * Route, ServiceMonitor or PodDisruptionBudget annotation naming the chart whose Service or pods it
 * targets (a render without charts has none of them): the named exception to CHECKS R13 and L4/L5.
 */
export const CHART_BACKEND_ANNOTATION = "slipway.dev/backend-from-chart";
/** Service annotation saying why a LoadBalancer, NodePort or externalIPs exposes it directly (the named exception to CHECKS N3). */
export const EXPOSURE_REASON_ANNOTATION = "slipway.dev/exposure-reason";
/** Role annotation recording that pods/exec and attach were granted on purpose (the named exception to CHECKS A1). */
export const EXEC_GRANTED_ANNOTATION = "slipway.dev/exec-granted";

export interface BuiltPodSpec {
  spec: PodSpec;
  /** Annotations the workload carries because of this pod (e.g. a removed CPU limit). */
  workloadAnnotations: Record<string, string>;
  /** Ports of every container, main container's first. */
  ports: NamedPort[];
}

/** Builds a pod spec with the profile's pod security context, one volume per source, and spreading. */
export function buildPodSpec(site: InputSite, path: string, args: PodSpecArgs, profile: DefaultsProfile): BuiltPodSpec {
  if (!Array.isArray(args.containers) || args.containers.length === 0) fail(site, `${path}.containers`, args.containers, "must list at least one container");
  const volumes = new VolumeSet(site);
  const main = args.containers.map((c, i) => buildContainer(site, `${path}.containers[${i}]`, c, profile, volumes, i === 0 ? "serving" : "sidecar"));
  const init = (args.initContainers ?? []).map((c, i) => buildContainer(site, `${path}.initContainers[${i}]`, c, profile, volumes, "init"));
  const names = new Set<string>();
  for (const [i, built] of [...main, ...init].entries()) {
    const name = built.container.name as string;
    if (names.has(name)) fail(site, `${path}.containers[${i}].name`, name, "is used by two containers", "set distinct container names");
    names.add(name);
  }
  const ports = main.flatMap((m) => m.ports);
  const { podSecurityContext } = profile;
  const spec: PodSpec = {
    serviceAccountName: args.serviceAccountName,
    automountServiceAccountToken: args.automountServiceAccountToken ?? profile.automountServiceAccountToken,
    securityContext: { ...podSecurityContext },
    terminationGracePeriodSeconds: profile.terminationGracePeriodSeconds + profile.preStopSleepSeconds,
    ...(init.length ? { initContainers: init.map((b) => b.container) } : {}),
    containers: main.map((b) => b.container),
    ...(volumes.volumes().length ? { volumes: volumes.volumes() } : {}),
    ...(args.imagePullSecrets?.length ? { imagePullSecrets: args.imagePullSecrets.map((name) => ({ name })) } : {}),
    ...(args.placement?.nodeSelector ? { nodeSelector: args.placement.nodeSelector } : {}),
    ...(args.placement?.tolerations ? { tolerations: args.placement.tolerations } : {}),
    ...(args.spreadSelector
      ? {
          topologySpreadConstraints: profile.spreadTopologyKeys.map((topologyKey) => ({
            maxSkew: 1,
            topologyKey,
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: { matchLabels: args.spreadSelector },
          })),
        }
      : {}),
  };
  const noCpuLimit = [...main, ...init].some((b) => !(b.container.resources as { limits?: { cpu?: string } }).limits?.cpu);
  return { spec, ports, workloadAnnotations: noCpuLimit ? { [CPU_LIMIT_ANNOTATION]: "none" } : {} };
}
