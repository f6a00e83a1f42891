import { existsSync } from "fs";
import { join, relative, resolve } from "path";
import { Rendered } from "@slipway/testing";
import { loadStack, LoadStackOptions } from "../load";
import { summarize } from "../summary";
import { writeManifests } from "../write";
import { writeGraph } from "./graph";
import { GitOpsOptions } from "../gitops/sync-objects";
import { holdsRedacted, writeGitOps } from "../gitops/write-gitops";

export interface RenderCommandOptions extends LoadStackOptions {
  /** @default rendered/<stack> */
  out?: string;
  /** Also draw the dependency graph into the output directory. @default false */
  graph?: boolean;
  /** Also write GitOps sync objects (secret-bearing objects are then left out and listed). @default none */
  gitops?: Omit<GitOpsOptions, "prefix" | "path"> & { path?: string };
}

export interface RenderCommandResult {
  rendered: Rendered;
  outDir: string;
  files: string[];
  warnings: string[];
  summary: string;
}

/** Renders a stack of the program in `programDir` offline and writes its manifests (and graph). */
export async function renderStack(programDir: string, options: RenderCommandOptions): Promise<RenderCommandResult> {
  const { project, stack, rendered, warnings } = await loadStack(programDir, options);
  const outDir = options.out ?? join("rendered", stack);
  const files = writeManifests(rendered, outDir, { leaveOut: options.gitops ? holdsRedacted : undefined });
  if (options.gitops) {
    const tool = options.gitops.tool;
    const crds = resolve(programDir, "../shared/crds", tool === "argocd" ? "argo-cd" : "flux");
    const path = options.gitops.path ?? relative(process.cwd(), outDir);
    if (path.startsWith("..")) throw new Error(`--gitops needs --gitops-path: ${outDir} is outside the current folder, so its path in the repository is unknown`);
    files.push(...writeGitOps(rendered, outDir, { ...options.gitops, path, prefix: stack }, existsSync(crds) ? [crds] : []));
  }
  const shown = relative(process.cwd(), outDir);
  const where = !shown ? "." : shown.startsWith("..") ? resolve(outDir) : shown;
  const parts = [`Rendered stack ${options.stack} of ${project.name} into ${where} (${files.length} files)`, summarize(rendered)];
  if (options.graph) {
    options.progress?.("drawing the dependency graph...");
    const graph = await writeGraph(rendered, `${project.name}/${stack}`, outDir);
    files.push(relative(outDir, graph.dot), relative(outDir, graph.svg));
    parts.push(graph.summary);
  }
  return { rendered, outDir, files, warnings, summary: parts.join("\n") };
}

/** `slipway render`: warnings and progress to stderr, the summary to stdout. */
export async function renderCommand(programDir: string, options: RenderCommandOptions): Promise<void> {
  const result = await renderStack(programDir, { ...options, warn: (w) => console.warn(`warning: ${w}`), progress: (p) => console.error(p) });
  console.log(result.summary);
}
