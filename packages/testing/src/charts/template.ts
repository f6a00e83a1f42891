import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Manifest } from "@slipway/core";
import { yamlDocuments } from "../cached-yaml";
import { redactPaths } from "../redact";
import type { RenderedChart } from "../rendered";
import { runHelm } from "./helm";
import { chartFolder, chartName, ChartsFolder } from "./source";

/** The annotation on every chart object naming the chart it came from: `cert-manager@v1.18.2`. */
export const CHART_ANNOTATION = "slipway.dev/chart";

export interface TemplateOptions {
  helm: string;
  source: ChartsFolder;
  /** Kubernetes version for `.Capabilities.KubeVersion` (charts refuse clusters older than they support). */
  kubeVersion: string;
}

/** What `helm template` printed for one chart, as manifests (empty documents dropped), in helm's order. */
export interface ChartTemplate {
  chart: RenderedChart;
  /** `name@version`, the value of CHART_ANNOTATION. */
  id: string;
  manifests: Manifest[];
}

/**
 * `helm template` with what Pulumi's helm.sh/v4 Chart passes: the resource name as release name,
 * its namespace and values, CRDs unless skipped, hooks and tests left out. Secret values never
 * reach helm: they are replaced by the redaction marker first, so no output can hold them.
 */
export function templateChart(chart: RenderedChart, options: TemplateOptions): ChartTemplate {
  if (!chart.chart) throw new Error(`chart ${chart.name} names no chart`);
  const dir = chartFolder(options.source, chart.chart, chart.version);
  const id = `${chartName(chart.chart)}@${chart.version ?? "unpinned"}`;
  const { values } = redactPaths({ values: chart.values }, chart.secretPaths);
  const work = mkdtempSync(join(tmpdir(), "slipway-chart-"));
  try {
    const valuesFile = join(work, "values.json");
    writeFileSync(valuesFile, JSON.stringify(values));
    const args = ["template", chart.release, dir, "--namespace", chart.namespace ?? "default", "--values", valuesFile, "--kube-version", options.kubeVersion, "--no-hooks", "--skip-tests"];
    if (!chart.skipCrds) args.push("--include-crds");
    const manifests = parseHelmOutput(runHelm(options.helm, args));
    return { chart, id, manifests };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** helm's output as manifests, read as YAML 1.1 like kubectl and the API server (empty documents dropped). */
function parseHelmOutput(output: string): Manifest[] {
  return yamlDocuments(output, { version: "1.1" }).filter((m): m is Manifest => m !== null && typeof m === "object" && typeof (m as Manifest).kind === "string");
}
