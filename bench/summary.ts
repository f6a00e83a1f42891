import { Depths } from "./graph";
import { Sample } from "./sample";
import { Spread, spreadOf } from "./stats";
import { VariantId } from "./variants";

/** Every run of one variant at one N, summarised. */
export interface Row {
  variant: VariantId;
  n: number;
  runs: number;
  objects: number;
  resources: number | null;
  ms: Spread;
  /** CPU time during the render: steadier than wall time on a shared machine. */
  cpuMs: Spread;
  msPerObject: number;
  peakRssMb: Spread;
  depth: Depths | null;
  kinds: Record<string, number>;
  /** Medians of the phases measured after `ms` (cdk8s: YAML). */
  extraMs: Record<string, number>;
}

/** A ratio of two variants' median times at one N. */
export interface Ratio {
  name: string;
  n: number;
  /** Of median wall times. */
  value: number;
  /** Of median CPU times. */
  cpuValue: number;
}

/** How a variant's time grows from one N to the next. */
export interface Growth {
  variant: VariantId;
  from: number;
  to: number;
  /** t(to) / t(from), median wall times. */
  value: number;
  /** The same of median CPU times. */
  cpuValue: number;
}

export interface Summary {
  rows: Row[];
  ratios: Ratio[];
  growth: Growth[];
  /** Variants whose object kinds or counts differ from Slipway's at some N (the catalogs must match). */
  mismatches: string[];
}

/** The comparisons the issue asks for: numerator over denominator, by variant. */
export const RATIOS: readonly { name: string; of: VariantId; over: VariantId }[] = [
  { name: "Slipway/baseline (same settings)", of: "slipway", over: "baseline" },
  { name: "Slipway/baseline-naive (slipway render vs a plain mocks test)", of: "slipway", over: "baseline-naive" },
  { name: "Slipway-naive/baseline-naive", of: "slipway-naive", over: "baseline-naive" },
  { name: "Slipway/cdk8s-plus", of: "slipway", over: "cdk8s-plus" },
  { name: "Slipway fast/cdk8s-plus", of: "slipway-fast", over: "cdk8s-plus" },
  { name: "Slipway fast/Slipway (fast render vs Pulumi path)", of: "slipway-fast", over: "slipway" },
];

function summarise(samples: Sample[]): Row {
  const [first] = samples;
  const extraMs: Record<string, number> = {};
  for (const key of Object.keys(first.extraMs)) extraMs[key] = spreadOf(samples.map((s) => s.extraMs[key])).median;
  const ms = spreadOf(samples.map((s) => s.ms));
  for (const s of samples) {
    if (s.objects !== first.objects || JSON.stringify(s.depth) !== JSON.stringify(first.depth)) throw new Error(`${first.variant} at N=${first.n} rendered different graphs in different runs`);
  }
  return {
    variant: first.variant,
    n: first.n,
    runs: samples.length,
    objects: first.objects,
    resources: first.resources,
    ms,
    cpuMs: spreadOf(samples.map((s) => s.cpuMs)),
    msPerObject: ms.median / first.objects,
    peakRssMb: spreadOf(samples.map((s) => s.peakRssMb)),
    depth: first.depth,
    kinds: first.kinds,
    extraMs,
  };
}

export function summariseAll(samples: Sample[]): Summary {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) groups.set(`${s.variant}@${s.n}`, [...(groups.get(`${s.variant}@${s.n}`) ?? []), s]);
  const rows = [...groups.values()].map(summarise).sort((a, b) => a.n - b.n);
  const row = (variant: VariantId, n: number) => rows.find((r) => r.variant === variant && r.n === n);
  const ns = [...new Set(rows.map((r) => r.n))];

  const ratios: Ratio[] = [];
  for (const n of ns) {
    for (const { name, of, over } of RATIOS) {
      const a = row(of, n);
      const b = row(over, n);
      if (a && b) ratios.push({ name, n, value: a.ms.median / b.ms.median, cpuValue: a.cpuMs.median / b.cpuMs.median });
    }
  }
  const growth: Growth[] = [];
  for (const variant of new Set(rows.map((r) => r.variant))) {
    const own = rows.filter((r) => r.variant === variant);
    for (let i = 1; i < own.length; i++) {
      const [before, after] = [own[i - 1], own[i]];
      growth.push({ variant, from: before.n, to: after.n, value: after.ms.median / before.ms.median, cpuValue: after.cpuMs.median / before.cpuMs.median });
    }
  }
  const mismatches = rows
    .filter((r) => {
      const reference = row("slipway", r.n);
      return reference && JSON.stringify(reference.kinds) !== JSON.stringify(r.kinds);
    })
    .map((r) => `${r.variant} at N=${r.n}: ${JSON.stringify(r.kinds)}`);
  return { rows, ratios, growth, mismatches };
}
