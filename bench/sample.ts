import { Depths } from "./graph";
import { VariantId } from "./variants";

/** One measurement, made in its own process. */
export interface Sample {
  variant: VariantId;
  n: number;
  /** Wall time of rendering the catalog (program construction until every object is rendered), ms. */
  ms: number;
  /** CPU time (user + system) the process spent during `ms`; below `ms` when the render waits. */
  cpuMs: number;
  /** Process start until the tool's modules were loaded (not part of `ms`), ms. */
  loadMs: number;
  /** Kubernetes objects rendered. */
  objects: number;
  /** Everything registered with the Pulumi engine (components, passwords, objects); null for cdk8s. */
  resources: number | null;
  /** Objects per kind, to check that the tools render equivalent catalogs. */
  kinds: Record<string, number>;
  /** Peak resident memory of the whole process, MB. */
  peakRssMb: number;
  /** Critical-path depth of the dependency graph; null where the tool has no deployment graph. */
  depth: Depths | null;
  /** Phases measured after `ms`, not part of it (cdk8s: YAML serialisation), ms. */
  extraMs: Record<string, number>;
}

/** The child prints its sample on one line behind this marker; anything else it prints is ignored. */
export const SAMPLE_MARKER = "SLIPWAY_BENCH_SAMPLE ";

export function countKinds(manifests: readonly { kind: string }[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const m of manifests) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
  return Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
