import { VARIANTS, VariantId, variantById } from "./variants";

export interface BenchOptions {
  /** Catalog sizes. */
  ns: number[];
  /** Repeats per (variant, N); undefined picks the default per N. */
  repeats?: number;
  variants: VariantId[];
  /** Directory for the results (JSON and chart). */
  outDir: string;
  /** Redraw the chart of this results file instead of measuring. */
  redraw?: string;
}

export const DEFAULT_NS = [10, 100, 1000];

/** 5 repeats at small N, 3 at N >= 1000 (each takes minutes naively). */
export function repeatsFor(options: BenchOptions, n: number): number {
  return options.repeats ?? (n >= 1000 ? 3 : 5);
}

function positiveIntegers(text: string, what: string): number[] {
  const values = text.split(",").map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`${what} must be positive integers separated by commas, got "${text}"`);
  return values;
}

/**
 * Options from flags (`--ns 10,100 --repeats 1 --variants slipway,baseline --out dir --quick`) over
 * environment variables (SLIPWAY_BENCH_NS, _REPEATS, _VARIANTS, _OUT) over the defaults.
 */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, defaultOutDir: string): BenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") flags.set("quick", "1");
    else if (["--ns", "--repeats", "--variants", "--out", "--redraw"].includes(arg) && argv[i + 1] !== undefined) flags.set(arg.slice(2), argv[++i]);
    else throw new Error(`unknown argument "${arg}"; use --ns 10,100,1000 --repeats K --variants ${VARIANTS.map((v) => v.id).join(",")} --out DIR --quick, or --redraw RESULTS.json`);
  }
  const pick = (name: string) => flags.get(name) ?? env[`SLIPWAY_BENCH_${name.toUpperCase()}`];
  const quick = flags.has("quick");
  const ns = pick("ns");
  const repeats = pick("repeats");
  const variants = pick("variants");
  const nsList = ns ? positiveIntegers(ns, "ns") : quick ? [10] : DEFAULT_NS;
  if (nsList.some((n) => n < 2)) throw new Error("every N must be at least 2 (each service calls another)");
  return {
    ns: nsList,
    repeats: repeats ? positiveIntegers(repeats, "repeats")[0] : quick ? 1 : undefined,
    variants: variants ? variants.split(",").map((id) => variantById(id.trim()).id) : VARIANTS.map((v) => v.id),
    outDir: pick("out") ?? defaultOutDir,
    ...(flags.has("redraw") ? { redraw: flags.get("redraw") } : {}),
  };
}
