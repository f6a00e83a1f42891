#!/usr/bin/env node
import { Command } from "commander";
import { checkCommand } from "./commands/check";
import { graphCommand } from "./commands/graph";
import { initCommand } from "./commands/init";
import { renderCommand } from "./commands/render";
import { formatCliError } from "./errors";

/** Shared by render, graph and check: where a team stack's StackReferences get the platform's outputs. */
const PLATFORM_OPTION = ["--platform <render-dir|outputs.json>", "the platform's `slipway render` output directory (or a JSON file of its stack outputs): answers the program's StackReferences"] as const;

const program = new Command()
  .name("slipway")
  .description("Render, graph and check Slipway stacks offline");

program
  .command("render")
  .description("render a stack's Kubernetes manifests, charts and cloud resources to YAML files")
  .argument("[program-dir]", "directory with Pulumi.yaml", ".")
  .requiredOption("-s, --stack <name>", "stack whose Pulumi.<stack>.yaml config to use")
  .option("-o, --out <dir>", "output directory (default: rendered/<stack>)")
  .option("-g, --graph", "also draw the dependency graph (graph.dot, graph.svg) into the output directory")
  .option(...PLATFORM_OPTION)
  .action((programDir: string, options: { stack: string; out?: string; graph?: boolean; platform?: string }) => renderCommand(programDir, options));

program
  .command("graph")
  .description("draw a stack's component and dependency graph as DOT and SVG")
  .argument("[program-dir]", "directory with Pulumi.yaml", ".")
  .requiredOption("-s, --stack <name>", "stack whose Pulumi.<stack>.yaml config to use")
  .option("-o, --out <dir>", "output directory (default: rendered/<stack>)")
  .option(...PLATFORM_OPTION)
  .action((programDir: string, options: { stack: string; out?: string; platform?: string }) => graphCommand(programDir, options));

program
  .command("check")
  .description("validate a stack's objects against the schemas and run every CHECKS.md check; non-zero on any finding")
  .argument("[program-dir]", "directory with Pulumi.yaml", ".")
  .requiredOption("-s, --stack <name>", "stack whose Pulumi.<stack>.yaml config to use")
  .option("--crds <dir...>", "directories of CRD files to validate custom resources against (default: ../shared/crds when present)")
  .option(...PLATFORM_OPTION)
  .action((programDir: string, options: { stack: string; crds?: string[]; platform?: string }) => checkCommand(programDir, options));

program
  .command("init")
  .description("scaffold a team stack (Pulumi project, an AppService on the platform, a test against the platform's render)")
  .argument("<dir>", "new directory; its name is the project's and the service's")
  .option("--tenant <name>", "the platform tenant the service runs in", "shop")
  .option("--platform-stack <org/project/stack>", "the platform stack the team's stack references", "acme/platform/dev")
  .option("--platform <render-dir>", "the platform's `slipway render` directory to render and test against", "rendered/dev")
  .option("--packages <dir>", "install the @slipway packages from the `npm pack` tarballs in this directory (default: the registry)")
  .action((dir: string, options: { tenant: string; platformStack: string; platform: string; packages?: string }) => initCommand(dir, options));

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(formatCliError(err));
  process.exitCode = 1;
});
