import { Kubectl } from "./kubectl";
import { K8sObject } from "./manifests";
import { poll } from "./wait";

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

export function isWorkload(o: K8sObject): boolean {
  return WORKLOAD_KINDS.has(o.kind);
}

interface WorkloadStatus {
  replicas?: number;
  readyReplicas?: number;
  numberReady?: number;
  desiredNumberScheduled?: number;
}

/** Waits for a Deployment, StatefulSet or DaemonSet to roll out; returns the pods Ready, or a complaint. */
export function waitReady(kubectl: Kubectl, o: K8sObject, timeoutSeconds: number): { ready: number; complaint?: string } {
  const ref = `${o.kind.toLowerCase()}/${o.metadata.name}`;
  const rollout = kubectl.run(["rollout", "status", ref, "-n", o.metadata.namespace ?? "default", `--timeout=${timeoutSeconds}s`]);
  let ready = 0;
  let wanted = 0;
  // The status can lag the rollout's verdict by a moment: read it until it agrees.
  const short = poll(30_000, () => {
    const status = (kubectl.get(o)?.status ?? {}) as WorkloadStatus;
    ready = o.kind === "DaemonSet" ? (status.numberReady ?? 0) : (status.readyReplicas ?? 0);
    wanted = o.kind === "DaemonSet" ? (status.desiredNumberScheduled ?? 0) : ((o.spec as { replicas?: number })?.replicas ?? 1);
    return ready < wanted ? `${ready} of ${wanted} pods Ready` : undefined;
  });
  if (!rollout.ok) return { ready, complaint: `not Ready after ${timeoutSeconds}s: ${rollout.stderr || rollout.stdout}` };
  return short ? { ready, complaint: short } : { ready };
}

interface EventList {
  items: { reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } }[];
}

/** Pods a controller could not create (Pod Security, quota, LimitRange): each FailedCreate event of a namespace. */
export function podCreationFailures(kubectl: Kubectl, namespace: string): string[] {
  const events = kubectl.json<EventList>(["get", "events", "-n", namespace, "--field-selector", "reason=FailedCreate"]);
  return events.items.map((e) => `${e.involvedObject?.kind}/${e.involvedObject?.name}: ${e.message}`);
}

/** The live namespace enforces Pod Security `restricted`, so every pod that exists there was admitted under it. */
export function enforcesRestricted(kubectl: Kubectl, namespace: string): string | undefined {
  const live = kubectl.json<K8sObject>(["get", "namespace", namespace]);
  const level = live.metadata.labels?.["pod-security.kubernetes.io/enforce"];
  return level === "restricted" ? undefined : `enforces Pod Security "${level ?? "privileged (no label)"}", not "restricted"`;
}

/** The quota controller computed the quota's status: the API server accepted it and it is in force. */
export function quotaInForce(kubectl: Kubectl, o: K8sObject): string | undefined {
  // After new CRDs the quota controller re-discovers every resource before it computes status.
  return poll(120_000, () => {
    const live = kubectl.get(o);
    if (!live) return "missing";
    const hard = (live.status as { hard?: Record<string, string> } | undefined)?.hard;
    return hard && Object.keys(hard).length > 0 ? undefined : "no status.hard yet (quota controller has not accepted it)";
  });
}

interface SliceList {
  items: { endpoints?: { conditions?: { ready?: boolean } }[] }[];
}

/** A Service with a selector has at least one ready endpoint; one without a selector is not checked. */
export function serviceEndpoints(kubectl: Kubectl, o: K8sObject): string | undefined {
  const spec = (o.spec ?? {}) as { selector?: Record<string, string>; type?: string };
  if (!spec.selector || spec.type === "ExternalName") return undefined;
  return poll(60_000, () => {
    const slices = kubectl.json<SliceList>(["get", "endpointslices", "-n", o.metadata.namespace ?? "default", "-l", `kubernetes.io/service-name=${o.metadata.name}`]);
    const ready = slices.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length;
    return ready > 0 ? undefined : "no ready endpoints";
  });
}
