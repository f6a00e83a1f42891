import { Summary } from "./summary";
import { VARIANTS } from "./variants";

/**
 * Time against N for every variant, wall time beside CPU time (median line, min-max rule), as an SVG
 * rendered by Vega-Lite and Vega without a browser. Both are ESM-only with top-level await, so they
 * load through `import()`.
 */
export async function renderChart(summary: Summary): Promise<string> {
  const vl = await import("vega-lite");
  const vega = await import("vega");
  const label = (id: string) => VARIANTS.find((v) => v.id === id)?.label ?? id;
  const values = summary.rows.flatMap((r) => [
    { measure: "wall time", variant: label(r.variant), n: r.n, median: r.ms.median, min: r.ms.min, max: r.ms.max },
    { measure: "CPU time", variant: label(r.variant), n: r.n, median: r.cpuMs.median, min: r.cpuMs.min, max: r.cpuMs.max },
  ]);
  const ns = [...new Set(summary.rows.map((r) => r.n))];
  const x = { field: "n", type: "quantitative", scale: { type: "log" }, axis: { values: ns }, title: "services in the catalog (N)" } as const;
  const color = { field: "variant", type: "nominal", title: null, legend: { orient: "bottom", columns: 1, labelLimit: 0 } } as const;
  const spec: import("vega-lite", { with: { "resolution-mode": "import" } }).TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Rendering the app catalog: time against N (median, min-max over runs)",
    data: { values },
    facet: { column: { field: "measure", type: "nominal", title: null, sort: ["wall time", "CPU time"] } },
    spec: {
      width: 380,
      height: 320,
      layer: [
        { mark: { type: "line", point: true }, encoding: { x, y: { field: "median", type: "quantitative", scale: { type: "log" }, title: "ms (log scale)" }, color } },
        { mark: { type: "rule" }, encoding: { x, y: { field: "min", type: "quantitative" }, y2: { field: "max" }, color } },
      ],
    },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
