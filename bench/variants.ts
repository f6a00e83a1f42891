/** What one measurement renders and under which runtime settings. */
export interface Variant {
  id: VariantId;
  /** What the variant stands for, for tables and the chart legend. */
  label: string;
  tool: "slipway" | "baseline" | "cdk8s-plus";
  /** Extra environment of the measuring process. */
  env: Record<string, string>;
  /** Pulumi tools: render through the fast path (`render(..., { fast: true })`) instead of registering every object. */
  fast?: boolean;
}

export type VariantId = "slipway" | "slipway-fast" | "baseline" | "baseline-naive" | "slipway-naive" | "cdk8s-plus";

/** `SLIPWAY_DEBUG=1` keeps Node's default stack traces in the test kit: what a plain mocks test runs with. */
const NAIVE = { SLIPWAY_DEBUG: "1" };
/** The test kit's own setting (stack traces off during a render), pinned so a caller's env cannot change it. */
const SAME = { SLIPWAY_DEBUG: "0" };

export const VARIANTS: readonly Variant[] = [
  { id: "slipway", label: "Slipway components, Pulumi path (test kit settings)", tool: "slipway", env: SAME },
  { id: "slipway-fast", label: "Slipway fast render (slipway render)", tool: "slipway", env: SAME, fast: true },
  { id: "baseline", label: "raw @pulumi/kubernetes, same settings", tool: "baseline", env: SAME },
  { id: "baseline-naive", label: "raw @pulumi/kubernetes, naive (default stack traces)", tool: "baseline", env: NAIVE },
  { id: "slipway-naive", label: "Slipway components, default stack traces", tool: "slipway", env: NAIVE },
  { id: "cdk8s-plus", label: "cdk8s-plus synth", tool: "cdk8s-plus", env: {} },
];

export function variantById(id: string): Variant {
  const variant = VARIANTS.find((v) => v.id === id);
  if (!variant) throw new Error(`unknown variant "${id}"; known: ${VARIANTS.map((v) => v.id).join(", ")}`);
  return variant;
}
