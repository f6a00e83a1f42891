import { existsSync } from "fs";
import { resolve } from "path";
import { locateHelm, renderCharts, Rendered } from "@slipway/testing";
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

/** A charts folder, and whether the user named it (a named one must render; a found one may be skipped without helm). */
export interface ChartsDir {
  dir: string;
  named: boolean;
}

/** Where the charts come from: the option, the stack's `slipway:chartsDir` (relative to the project), or ../shared/charts beside it. */
export function chartsDirFor(project: PulumiProject, config: Record<string, unknown>, option: string | false | undefined): ChartsDir | undefined {
  if (option === false) return undefined;
  if (typeof option === "string") return { dir: resolve(option), named: true };
  const configured = config[CHARTS_DIR_KEY];
  if (typeof configured === "string" && configured) return { dir: resolve(project.dir, configured), named: true };
  const beside = resolve(project.dir, "../shared/charts");
  return existsSync(beside) ? { dir: beside, named: false } : undefined;
}

/** Adds the chart objects to a render; says which charts it rendered, or why it rendered none. */
export function withCharts(rendered: Rendered, chartsDir: ChartsDir | undefined, options: ChartsOptions, progress?: (message: string) => void, warn?: (message: string) => void): Rendered {
  const charts = rendered.charts();
  if (charts.length === 0) return rendered;
  const missing = (why: string) => warn?.(`${charts.length} chart(s) not rendered: ${why}; their objects are missing from the output and the checks`);
  if (!chartsDir) {
    missing(`no charts folder (pass --charts-dir or set ${CHARTS_DIR_KEY})`);
    return rendered;
  }
  if (!chartsDir.named && !locateHelm()) {
    missing(`no helm (set SLIPWAY_HELM or put helm on PATH; pass --charts-dir to make this an error)`);
    return rendered;
  }
  progress?.(`rendering ${charts.length} charts with helm template from ${chartsDir.dir}...`);
  const result = renderCharts(rendered, { chartsDir: chartsDir.dir, kubeVersion: options.kubeVersion });
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
