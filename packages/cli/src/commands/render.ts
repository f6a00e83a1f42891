import { join, relative, resolve } from "path";
import { render, Rendered } from "@slipway/testing";
import { loadProgram } from "../program";
import { loadProject } from "../project";
import { loadStackConfig } from "../stack-config";
import { summarize } from "../summary";
import { writeManifests } from "../write";

export interface RenderCommandOptions {
  stack: string;
  /** @default rendered/<stack> */
  out?: string;
  /** Told each warning as soon as it is known (before a render that may fail). @default ignore */
  warn?: (message: string) => void;
}

export interface RenderCommandResult {
  rendered: Rendered;
  outDir: string;
  files: string[];
  warnings: string[];
  summary: string;
}

/** Renders a stack of the program in `programDir` offline and writes its manifests. */
export async function renderStack(programDir: string, options: RenderCommandOptions): Promise<RenderCommandResult> {
  const project = loadProject(programDir);
  const { config, secretKeys, warnings } = loadStackConfig(project, options.stack);
  warnings.forEach((w) => options.warn?.(w));
  const rendered = await render(loadProgram(project), { project: project.name, stack: options.stack.split("/").pop(), config, secretConfigKeys: secretKeys });
  const outDir = options.out ?? join("rendered", options.stack.split("/").pop() ?? options.stack);
  const files = writeManifests(rendered, outDir);
  const shown = relative(process.cwd(), outDir);
  const where = !shown ? "." : shown.startsWith("..") ? resolve(outDir) : shown;
  const summary = `Rendered stack ${options.stack} of ${project.name} into ${where} (${files.length} files)\n${summarize(rendered)}`;
  return { rendered, outDir, files, warnings, summary };
}

/** `slipway render`: warnings to stderr, the summary to stdout. */
export async function renderCommand(programDir: string, options: RenderCommandOptions): Promise<void> {
  const result = await renderStack(programDir, { ...options, warn: (w) => console.warn(`warning: ${w}`) });
  console.log(result.summary);
}
