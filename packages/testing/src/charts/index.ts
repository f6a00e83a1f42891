export { renderCharts } from "./render-charts";
export type { ChartRenderOptions, ChartRenderResult } from "./render-charts";
export { CHART_ANNOTATION } from "./template";
export { chartsSource, chartName } from "./source";
export { DEFAULT_KUBE_VERSION, locateHelm, helmVersion } from "./helm";
