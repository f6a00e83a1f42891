import { existsSync } from "fs";
import { resolve } from "path";
import { renderCharts, Rendered } from "@slipway/testing";
import { PulumiProject } from "./project";

/** How a command renders the program's charts: `--charts-dir`, `--no-charts`, `--kube-version`. */
export interface ChartsOptions {
  /** A folder of unpacked charts; `false` leaves charts unrendered (listed in charts.yaml only). @default slipway:chartsDir, else ../shared/charts when present */
  charts?: string | false;
  /** @default the e2e tier's Kubernetes version */
  kubeVersion?: string;
}

/** The stack config key naming the charts folder. */
export const CHARTS_DIR_KEY = "slipway:chartsDir";

/** Where the charts come from: the option, the stack's `slipway:chartsDir` (relative to the project), or ../shared/charts beside it. */
export function chartsDirFor(project: PulumiProject, config: Record<string, unknown>, option: string | false | undefined): string | undefined {
  if (option === false) return undefined;
  if (typeof option === "string") return resolve(option);
  const configured = config[CHARTS_DIR_KEY];
  if (typeof configured === "string" && configured) return resolve(project.dir, configured);
  const beside = resolve(project.dir, "../shared/charts");
  return existsSync(beside) ? beside : undefined;
}

/** Adds the chart objects to a render; says which charts it rendered, or why it rendered none. */
export function withCharts(rendered: Rendered, chartsDir: string | undefined, options: ChartsOptions, progress?: (message: string) => void, warn?: (message: string) => void): Rendered {
  const charts = rendered.charts();
  if (charts.length === 0) return rendered;
  if (!chartsDir) {
    warn?.(`${charts.length} chart(s) not rendered: no charts folder (pass --charts-dir or set ${CHARTS_DIR_KEY}); their objects are missing from the output and the checks`);
    return rendered;
  }
  progress?.(`rendering ${charts.length} charts with helm template from ${chartsDir}...`);
  const result = renderCharts(rendered, { chartsDir, kubeVersion: options.kubeVersion });
  progress?.(`chart objects: ${result.counts.map((c) => `${c.id} ${c.objects}`).join(", ")}`);
  return result.rendered;
}

/** The chart flags as commander parses them (`--no-charts` sets `charts: false`). */
export interface CliChartsFlags {
  chartsDir?: string;
  charts?: boolean;
  kubeVersion?: string;
}

/** Commander's options with its chart flags read as ChartsOptions. */
export function chartsFlags<T extends CliChartsFlags>(flags: T): Omit<T, keyof CliChartsFlags> & ChartsOptions {
  const { chartsDir, charts, kubeVersion, ...rest } = flags;
  return { ...rest, charts: charts === false ? false : chartsDir, kubeVersion };
}
