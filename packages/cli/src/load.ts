import { render, Rendered } from "@slipway/testing";
import { chartsDirFor, ChartsOptions, withCharts } from "./charts";
import { loadProgram } from "./program";
import { loadProject, PulumiProject } from "./project";
import { loadStackConfig } from "./stack-config";

/** A stack of a program, rendered offline under the test kit's mocks. */
export interface LoadedStack {
  project: PulumiProject;
  stack: string;
  /** The program's objects and, when a charts folder is known, every chart's objects. */
  rendered: Rendered;
  warnings: string[];
}

/** Reads the project and the stack's config, then renders the program and its charts. Warnings are told before the render. */
export async function loadStack(
  programDir: string,
  stack: string,
  warn?: (message: string) => void,
  progress?: (message: string) => void,
  charts: ChartsOptions = {},
): Promise<LoadedStack> {
  const project = loadProject(programDir);
  const { config, secretKeys, warnings } = loadStackConfig(project, stack);
  warnings.forEach((w) => warn?.(w));
  const shortStack = stack.split("/").pop() ?? stack;
  progress?.(`rendering ${project.name}/${shortStack}...`);
  const program = await render(loadProgram(project), { project: project.name, stack: shortStack, config, secretConfigKeys: secretKeys });
  progress?.(`rendered ${program.resources.length} resources`);
  const chartWarnings: string[] = [];
  const rendered = withCharts(program, chartsDirFor(project, config, charts.charts), charts, progress, (w) => {
    chartWarnings.push(w);
    warn?.(w);
  });
  return { project, stack: shortStack, rendered, warnings: [...warnings, ...chartWarnings] };
}
