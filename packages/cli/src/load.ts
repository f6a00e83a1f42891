import { render, Rendered } from "@slipway/testing";
import { chartsDirFor, ChartsOptions, withCharts } from "./charts";
import { loadPlatform, Platform } from "./platform";
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
  /** The platform it rendered against (`--platform`), if any. */
  platform?: Platform;
}

export interface LoadStackOptions extends ChartsOptions {
  /** Stack whose `Pulumi.<stack>.yaml` to use (`org/project/dev` reads `Pulumi.dev.yaml`). */
  stack: string;
  /**
   * The platform's render directory or outputs JSON; its outputs answer every StackReference of the
   * program (offline there is one platform, whatever name the program's config gives it). @default none
   */
  platform?: string;
  /** Told each warning as soon as it is known (before a render that may fail). @default ignore */
  warn?: (message: string) => void;
  /** Told what a long run is doing. @default ignore */
  progress?: (message: string) => void;
  /** Render through the test kit's fast path (identical manifests, no Pulumi resource per object). @default true */
  fast?: boolean;
}

/** Reads the project, the stack's config and the platform, then renders the program and its charts. Warnings are told before the render. */
export async function loadStack(programDir: string, options: LoadStackOptions): Promise<LoadedStack> {
  const { stack, warn, progress } = options;
  const project = loadProject(programDir);
  const { config, secretKeys, warnings } = loadStackConfig(project, stack);
  warnings.forEach((w) => warn?.(w));
  const platform = options.platform === undefined ? undefined : loadPlatform(options.platform);
  const shortStack = stack.split("/").pop() ?? stack;
  progress?.(`rendering ${project.name}/${shortStack}${platform ? ` against the platform outputs in ${platform.source}` : ""}...`);
  const program = await render(loadProgram(project), {
    project: project.name,
    stack: shortStack,
    config,
    secretConfigKeys: secretKeys,
    ...(options.fast !== undefined ? { fast: options.fast } : {}),
    ...(platform ? { stackReferences: () => platform.outputs } : {}),
  });
  progress?.(`rendered ${program.resources.length} resources`);
  const chartWarnings: string[] = [];
  const rendered = withCharts(program, chartsDirFor(project, config, options.charts), options, progress, (w) => {
    chartWarnings.push(w);
    warn?.(w);
  });
  return { project, stack: shortStack, rendered, warnings: [...warnings, ...chartWarnings], ...(platform ? { platform } : {}) };
}
