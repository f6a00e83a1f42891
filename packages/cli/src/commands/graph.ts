import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { Rendered } from "@slipway/testing";
import { loadStack, LoadStackOptions } from "../load";

export interface GraphFiles {
  dot: string;
  svg: string;
  summary: string;
  cycles: number;
}

/** Writes the component and dependency graph of a render as DOT and SVG (laid out by Graphviz). */
export async function writeGraph(rendered: Rendered, title: string, outDir: string): Promise<GraphFiles> {
  const graph = rendered.graph();
  const dotText = graph.toDot(title);
  // Loaded on use: Graphviz ships as an ES module only, which test runners of programs that import this package cannot load.
  const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
  const svgText = (await Graphviz.load()).dot(dotText);
  mkdirSync(outDir, { recursive: true });
  const dot = join(outDir, "graph.dot");
  const svg = join(outDir, "graph.svg");
  writeFileSync(dot, dotText);
  writeFileSync(svg, svgText);
  const cycles = graph.cycles();
  const { depth } = graph.criticalPath();
  const components = graph.nodes.filter((n) => !n.custom).length;
  const summary = [
    `Graph: ${graph.nodes.length} resources (${components} components), ${graph.edges.length} dependencies`,
    `  critical path: ${depth} resources created one after another`,
    `  cycles: ${cycles.length}`,
    `  written: ${dot}, ${svg}`,
  ].join("\n");
  return { dot, svg, summary, cycles: cycles.length };
}

/** `slipway graph`: renders a stack and draws its graph; exits non-zero on a dependency cycle. */
export async function graphCommand(programDir: string, options: LoadStackOptions & { out?: string }): Promise<void> {
  const { project, stack, rendered } = await loadStack(programDir, { ...options, warn: (w) => console.warn(`warning: ${w}`), progress: (p) => console.error(p) });
  const result = await writeGraph(rendered, `${project.name}/${stack}`, options.out ?? join("rendered", stack));
  console.log(result.summary);
  if (result.cycles > 0) process.exitCode = 1;
}
