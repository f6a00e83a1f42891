import { Manifest } from "@slipway/core";
import type { Rendered } from "../rendered";
import { DEFAULT_KUBE_VERSION, locateHelm } from "./helm";
import { clusterScopedCustomKinds, withReleaseNamespace } from "./scope";
import { chartsSource } from "./source";
import { CHART_ANNOTATION, ChartTemplate, templateChart } from "./template";

export interface ChartRenderOptions {
  /** A folder of unpacked charts (`<dir>/<chart>/Chart.yaml`), e.g. ../shared/charts. */
  chartsDir: string;
  /** The helm binary. @default $SLIPWAY_HELM, else helm on PATH */
  helm?: string;
  /** @default DEFAULT_KUBE_VERSION (the e2e tier's Kubernetes) */
  kubeVersion?: string;
}

/** What chart rendering added: the render with chart objects, and the object count per chart. */
export interface ChartRenderResult {
  rendered: Rendered;
  /** `name@version` -> objects, in the order the program installs the charts. */
  counts: { release: string; id: string; objects: number }[];
}

/** Marks a chart object with the chart it came from, keeping metadata's key order otherwise. */
function annotate(m: Manifest, id: string): Manifest {
  const annotations = { ...(m.metadata.annotations as Record<string, string> | undefined), [CHART_ANNOTATION]: id };
  return { ...m, metadata: { ...m.metadata, annotations } };
}

/**
 * Renders every chart the program installs with `helm template` from a folder of unpacked charts
 * and returns the render with their objects added (namespaced into the release's namespace and
 * annotated with CHART_ANNOTATION). Fails naming the chart when one is missing or will not render.
 */
export function renderCharts(rendered: Rendered, options: ChartRenderOptions): ChartRenderResult {
  const helm = locateHelm(options.helm);
  if (!helm) throw new Error("rendering charts needs helm: put helm on PATH or set SLIPWAY_HELM (in this repository: bash tools/e2e/helm.sh builds the pinned one)");
  const source = chartsSource(options.chartsDir);
  const kubeVersion = options.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const templates: ChartTemplate[] = rendered.charts().map((chart) => templateChart(chart, { helm, source, kubeVersion }));
  const crdScopes = clusterScopedCustomKinds([...rendered.manifests(), ...templates.flatMap((t) => t.manifests)]);
  const objects = templates.flatMap((t) => t.manifests.map((m) => annotate(withReleaseNamespace(m, t.chart.namespace ?? "default", crdScopes), t.id)));
  return {
    rendered: rendered.withChartObjects(objects),
    counts: templates.map((t) => ({ release: t.chart.release, id: t.id, objects: t.manifests.length })),
  };
}
