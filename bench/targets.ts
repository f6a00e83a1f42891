import { Summary } from "./summary";

/** One target of the issues, checked against this run; `met` is null when the run did not measure it. */
export interface Target {
  name: string;
  /** Measured on wall times, or the observed value for non-time targets. */
  value: number | string | null;
  /** The same measured on CPU times, for time targets (robust to a busy machine). */
  cpuValue?: number | null;
  limit: string;
  /** Judged on CPU time where there is one (issue 22: "ratios on CPU time"), else on the value. */
  met: boolean | null;
}

/** Issue 22: the Pulumi path stays within this of raw @pulumi/kubernetes under the same settings. */
const MAX_SLIPWAY_OVER_BASELINE = 1.15;
const MAX_RENDER_OVER_NAIVE = 0.6;
/** Issue 22: the fast render costs at most half of cdk8s-plus' synth, at N = 100 and 1000. */
const MAX_FAST_OVER_CDK8S = 0.5;
const FAST_OVER_CDK8S_AT = [100, 1000];
/** Issue 22: linear, t(1000)/t(100) <= 10.5. */
const MAX_GROWTH_100_TO_1000 = 10.5;
const MAX_FAST_PEAK_MB_AT_1000 = 400;

/** The issues' targets, judged on CPU ratios in this one run. */
export function judgeTargets(summary: Summary): Target[] {
  const largest = Math.max(...summary.rows.map((r) => r.n));
  const ratio = (name: string, n = largest) => summary.ratios.find((r) => r.n === n && r.name.startsWith(name));
  const check = (name: string, value: number | null, limit: number, unit = "", cpuValue?: number | null): Target => {
    const judged = cpuValue === undefined ? value : cpuValue;
    return { name, value, ...(cpuValue !== undefined ? { cpuValue } : {}), limit: `<= ${limit}${unit}`, met: judged === null ? null : judged <= limit };
  };
  const growth = (variant: string) => summary.growth.find((g) => g.variant === variant && g.from === 100 && g.to === 1000);
  const sameSettings = ratio("Slipway/baseline (same");
  const againstNaive = ratio("Slipway/baseline-naive");
  const fastPeak = summary.rows.find((r) => r.variant === "slipway-fast" && r.n === 1000)?.peakRssMb.max ?? null;
  const depths = summary.rows.filter((r) => r.variant === "slipway-fast" && r.depth).map((r) => JSON.stringify(r.depth));
  const sameDepth = depths.length > 1 ? new Set(depths).size === 1 : null;
  return [
    ...FAST_OVER_CDK8S_AT.map((n) => {
      const fast = ratio("Slipway fast/cdk8s-plus", n);
      return check(`Slipway fast/cdk8s-plus, N=${n}`, fast?.value ?? null, MAX_FAST_OVER_CDK8S, "", fast?.cpuValue ?? null);
    }),
    check("Slipway fast peak memory at N=1000", fastPeak, MAX_FAST_PEAK_MB_AT_1000, " MB"),
    check("Slipway fast t(1000)/t(100)", growth("slipway-fast")?.value ?? null, MAX_GROWTH_100_TO_1000, "", growth("slipway-fast")?.cpuValue ?? null),
    check(`Slipway (Pulumi path)/baseline, same settings, N=${largest}`, sameSettings?.value ?? null, MAX_SLIPWAY_OVER_BASELINE, "", sameSettings?.cpuValue ?? null),
    check(`Slipway (Pulumi path)/naive baseline, N=${largest}`, againstNaive?.value ?? null, MAX_RENDER_OVER_NAIVE, "", againstNaive?.cpuValue ?? null),
    { name: "Slipway fast critical-path depth equal at every N", value: depths.length ? [...new Set(depths)].join(" | ") : null, limit: "one value", met: sameDepth },
  ];
}
