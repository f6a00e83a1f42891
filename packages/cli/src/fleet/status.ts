import { parseImage } from "@slipway/core";
import { Fleet, FleetDesired, FleetStack } from "./file";
import { FleetEngine, LastUpdate } from "./engine";

/** One app of a team stack as its outputs tell it (`apps` output, see `appsOutput` in @slipway/apps). */
export interface AppStatus {
  name: string;
  image: string;
  /** `sha256:...` when the image is pinned by digest. */
  digest?: string;
  replicas?: { min: number; max: number };
}

/** One row of `slipway fleet status`. */
export interface StackStatus {
  id: string;
  kind: FleetStack["kind"];
  environment: string;
  cluster: string;
  region?: string;
  /** The cluster's Kubernetes version, from its platform stack's outputs. */
  kubernetesVersion?: string;
  /** Platform: every tenant it makes; team: the namespaces its apps run in. */
  tenants: string[];
  apps: AppStatus[];
  lastUpdate?: LastUpdate;
  /** Each difference from the fleet's desired versions, e.g. `kubernetes 1.32 (want 1.33)`. */
  drift: string[];
  /** Why the stack could not be read (not deployed, no access...). */
  error?: string;
}

type Outputs = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The `apps` output of a team stack, as rows; anything malformed is skipped. */
export function appsOf(outputs: Outputs): AppStatus[] {
  if (!isObject(outputs.apps)) return [];
  return Object.entries(outputs.apps)
    .filter((e): e is [string, { image: string; replicas?: { min: number; max: number } }] => isObject(e[1]) && typeof e[1].image === "string")
    .map(([name, app]) => ({ name, image: app.image, ...(parseImage(app.image)?.digest ? { digest: parseImage(app.image)?.digest } : {}), ...(app.replicas ? { replicas: app.replicas } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether `running` is the image `wanted` names: the same digest when it pins one, else the same reference. */
function sameImage(running: string, wanted: string): boolean {
  const want = parseImage(wanted);
  const have = parseImage(running);
  if (want?.digest) return have?.digest === want.digest;
  return running === wanted || (have?.repository === want?.repository && have?.registry === want?.registry && have?.tag === want?.tag);
}

/** Every difference between what runs and what the fleet wants. */
export function driftOf(desired: FleetDesired, facts: { kubernetesVersion?: string; charts?: Record<string, string>; apps: AppStatus[] }): string[] {
  const drift: string[] = [];
  const want = desired.kubernetesVersion;
  if (want && facts.kubernetesVersion !== want) drift.push(`kubernetes ${facts.kubernetesVersion ?? "unknown"} (want ${want})`);
  for (const [chart, version] of Object.entries(desired.charts ?? {})) {
    const have = facts.charts?.[chart];
    if (have !== version) drift.push(`chart ${chart} ${have ?? "missing"} (want ${version})`);
  }
  for (const [app, image] of Object.entries(desired.images ?? {})) {
    const running = facts.apps.find((a) => a.name === app);
    if (!running) drift.push(`app ${app} missing (want ${image})`);
    else if (!sameImage(running.image, image)) drift.push(`app ${app} runs ${running.image} (want ${image})`);
  }
  return drift;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).split("\n")[0];

/** Reads every stack's outputs and last update through `engine` and tells each one's state and drift. Never throws for one stack. */
export async function fleetStatus(fleet: Fleet, engine: FleetEngine): Promise<StackStatus[]> {
  const read = await Promise.all(
    fleet.stacks.map(async (stack) => {
      try {
        const [outputs, lastUpdate] = await Promise.all([engine.outputs(stack), engine.lastUpdate(stack)]);
        return { stack, outputs, lastUpdate };
      } catch (err) {
        return { stack, outputs: {} as Outputs, error: errorText(err) };
      }
    }),
  );
  const platformOutputs = new Map(read.filter((r) => r.stack.kind === "platform").map((r) => [r.stack.id, r.outputs]));
  return read.map(({ stack, outputs, lastUpdate, error }) => {
    const platform = stack.kind === "platform" ? outputs : (platformOutputs.get(stack.platform ?? "") ?? {});
    const kubernetesVersion = typeof platform.kubernetesVersion === "string" ? platform.kubernetesVersion : undefined;
    const apps = appsOf(outputs);
    const tenants = stack.kind === "platform" ? (isObject(outputs.tenants) ? Object.keys(outputs.tenants).sort() : []) : [...new Set(Object.values(isObject(outputs.apps) ? outputs.apps : {}).map((a) => (isObject(a) ? String(a.namespace) : "")).filter(Boolean))].sort();
    const charts = stack.kind === "platform" && isObject(outputs.charts) ? (outputs.charts as Record<string, string>) : undefined;
    // A team stack answers for its apps; the cluster's version and charts are its platform's row.
    const desired = stack.kind === "platform" ? { ...stack.desired, images: undefined } : { images: stack.desired.images };
    const drift = error ? [] : driftOf(desired, { kubernetesVersion, charts, apps });
    return {
      id: stack.id,
      kind: stack.kind,
      environment: stack.environment,
      cluster: stack.cluster,
      ...(stack.region ? { region: stack.region } : {}),
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
      tenants,
      apps,
      ...(lastUpdate ? { lastUpdate } : {}),
      drift,
      ...(error ? { error } : {}),
    };
  });
}

const shortDigest = (image: string) => image.replace(/@sha256:([a-f0-9]{12})[a-f0-9]{52}$/, "@sha256:$1");
const replicasText = (r?: { min: number; max: number }) => (!r ? "?" : r.min === r.max ? `x${r.min}` : `x${r.min}-${r.max}`);

/** The table a person reads: one line per stack, continued by one line per further app. */
export function formatFleetStatus(rows: StackStatus[]): string {
  const header = ["STACK", "ENV", "CLUSTER", "K8S", "TENANTS", "APP", "IMAGE", "REPLICAS", "LAST UPDATE", "DRIFT"];
  const lines: string[][] = [header];
  for (const row of rows) {
    const last = row.error ? `unreadable: ${row.error}` : row.lastUpdate ? `${row.lastUpdate.time.replace(/\.\d+Z$/, "Z")} ${row.lastUpdate.kind} ${row.lastUpdate.result}` : "never";
    const first = row.apps[0];
    lines.push([
      row.id,
      row.environment,
      row.region ? `${row.cluster} (${row.region})` : row.cluster,
      row.kubernetesVersion ?? "-",
      row.tenants.join(",") || "-",
      first?.name ?? "-",
      first ? shortDigest(first.image) : "-",
      first ? replicasText(first.replicas) : "-",
      last,
      row.drift.join("; ") || (row.error ? "?" : "none"),
    ]);
    for (const app of row.apps.slice(1)) lines.push(["", "", "", "", "", app.name, shortDigest(app.image), replicasText(app.replicas), "", ""]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => l.map((cell, i) => (i === l.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}
