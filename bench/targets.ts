import { Summary } from "./summary";

/** One target of the issue, checked against this run; `met` is null when the run did not measure it. */
export interface Target {
  name: string;
  /** Measured on wall times (what the issue asks), or the observed value for non-time targets. */
  value: number | string | null;
  /** The same measured on CPU times, for time targets (robust to a busy machine). */
  cpuValue?: number | null;
  limit: string;
  met: boolean | null;
}

const MAX_SLIPWAY_OVER_BASELINE = 1.2;
const MAX_RENDER_OVER_NAIVE = 0.6;
const MAX_GROWTH_100_TO_1000 = 11;
const MAX_PEAK_MB_AT_1000 = 1500;

/** The targets, judged at the largest N measured (small N is dominated by fixed costs). */
export function judgeTargets(summary: Summary): Target[] {
  const largest = Math.max(...summary.rows.map((r) => r.n));
  const ratio = (name: string) => summary.ratios.find((r) => r.n === largest && r.name.startsWith(name));
  const check = (name: string, value: number | null, limit: number, unit = "", cpuValue?: number | null): Target => ({
    name,
    value,
    ...(cpuValue !== undefined ? { cpuValue } : {}),
    limit: `<= ${limit}${unit}`,
    met: value === null ? null : value <= limit,
  });
  const sameSettings = ratio("Slipway/baseline (same");
  const againstNaive = ratio("Slipway/baseline-naive");
  const growth = summary.growth.find((g) => g.variant === "slipway" && g.from === 100 && g.to === 1000);
  const peak = summary.rows.find((r) => r.variant === "slipway" && r.n === 1000)?.peakRssMb.max ?? null;
  const depths = summary.rows.filter((r) => r.variant === "slipway" && r.depth).map((r) => JSON.stringify(r.depth));
  const sameDepth = depths.length > 1 ? new Set(depths).size === 1 : null;
  return [
    check(`Slipway/baseline, same settings, N=${largest}`, sameSettings?.value ?? null, MAX_SLIPWAY_OVER_BASELINE, "", sameSettings?.cpuValue ?? null),
    check(`slipway render / naive baseline, N=${largest}`, againstNaive?.value ?? null, MAX_RENDER_OVER_NAIVE, "", againstNaive?.cpuValue ?? null),
    check("Slipway t(1000)/t(100)", growth?.value ?? null, MAX_GROWTH_100_TO_1000, "", growth?.cpuValue ?? null),
    check("Slipway peak memory at N=1000", peak, MAX_PEAK_MB_AT_1000, " MB"),
    { name: "Slipway critical-path depth equal at every N", value: depths.length ? [...new Set(depths)].join(" | ") : null, limit: "one value", met: sameDepth },
  ];
}
