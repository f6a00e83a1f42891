import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { costChartSvg } from "../cost/chart";
import { CostReport, estimateCost } from "../cost/estimate";
import { resolvePrices } from "../cost/prices";
import { formatCostTable } from "../cost/table";
import { loadStack, LoadStackOptions } from "../load";
import { loadProject } from "../project";
import { loadStackConfig } from "../stack-config";

export interface CostCommandOptions extends LoadStackOptions {
  /** Where cost.svg goes. @default rendered/<stack> */
  out?: string;
  /** Print the report as JSON instead of a table. @default false */
  json?: boolean;
}

export interface CostStackResult {
  report: CostReport;
  /** The report as a table. */
  table: string;
  /** The written chart. */
  svg: string;
}

/**
 * Estimates a stack's monthly cost per tenant and app offline, from the objects `slipway render`
 * would write (charts included when a charts folder is known) and the stack's price table, and
 * draws it as cost.svg.
 */
export async function costStack(programDir: string, options: CostCommandOptions): Promise<CostStackResult> {
  // Prices first: a bad `slipway:prices` fails before a render that may take a while.
  const prices = resolvePrices(loadStackConfig(loadProject(programDir), options.stack).config, options.stack.split("/").pop() ?? options.stack);
  const { project, stack, rendered, platform } = await loadStack(programDir, options);
  const tenants = platform?.outputs.outputs.tenants;
  const report = estimateCost(rendered.manifests(), prices, { tenants: isStringMap(tenants) ? tenants : undefined });
  const outDir = options.out ?? join("rendered", stack);
  mkdirSync(outDir, { recursive: true });
  const svg = join(outDir, "cost.svg");
  writeFileSync(svg, costChartSvg(report, `${project.name}/${stack}`));
  return { report, table: formatCostTable(report), svg };
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
}

/** What `slipway cost` prints: the table and where the chart went, or one JSON document (the report and `chart`). */
export function costOutput(result: CostStackResult, json: boolean): string {
  return json ? JSON.stringify({ ...result.report, chart: result.svg }, null, 2) : `${result.table}\nChart: ${result.svg}`;
}

/** `slipway cost`: the table (or JSON) to stdout, warnings and progress to stderr. */
export async function costCommand(programDir: string, options: CostCommandOptions): Promise<void> {
  const result = await costStack(programDir, { ...options, warn: (w) => console.warn(`warning: ${w}`), progress: (p) => console.error(p) });
  console.log(costOutput(result, options.json ?? false));
}
