export { loadProject } from "./project";
export type { PulumiProject, ProjectConfigDefaults } from "./project";
export { loadStackConfig, stackConfigFile, SECURE_PLACEHOLDER } from "./stack-config";
export type { StackConfig } from "./stack-config";
export { loadProgram } from "./program";
export { writeManifests, manifestFile, OUTPUT_MARKER } from "./write";
export { summarize } from "./summary";
export { renderStack, renderCommand } from "./commands/render";
export type { RenderCommandOptions, RenderCommandResult } from "./commands/render";
