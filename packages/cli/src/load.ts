import { render, Rendered } from "@slipway/testing";
import { loadProgram } from "./program";
import { loadProject, PulumiProject } from "./project";
import { loadStackConfig } from "./stack-config";

/** A stack of a program, rendered offline under the test kit's mocks. */
export interface LoadedStack {
  project: PulumiProject;
  stack: string;
  rendered: Rendered;
  warnings: string[];
}

/** Reads the project and the stack's config, then renders the program. Warnings are told before the render. */
export async function loadStack(programDir: string, stack: string, warn?: (message: string) => void, progress?: (message: string) => void): Promise<LoadedStack> {
  const project = loadProject(programDir);
  const { config, secretKeys, warnings } = loadStackConfig(project, stack);
  warnings.forEach((w) => warn?.(w));
  const shortStack = stack.split("/").pop() ?? stack;
  progress?.(`rendering ${project.name}/${shortStack}...`);
  const rendered = await render(loadProgram(project), { project: project.name, stack: shortStack, config, secretConfigKeys: secretKeys });
  progress?.(`rendered ${rendered.resources.length} resources`);
  return { project, stack: shortStack, rendered, warnings };
}
