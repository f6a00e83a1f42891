#!/usr/bin/env node
import { Command } from "commander";
import { checkCommand } from "./commands/check";
import { registerEngineCommands } from "./commands/engine-cli";
import { graphCommand } from "./commands/graph";
import { renderCommand } from "./commands/render";

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
  .action((programDir: string, options: { stack: string; out?: string; graph?: boolean }) => renderCommand(programDir, options));

program
  .command("graph")
  .description("draw a stack's component and dependency graph as DOT and SVG")
  .argument("[program-dir]", "directory with Pulumi.yaml", ".")
  .requiredOption("-s, --stack <name>", "stack whose Pulumi.<stack>.yaml config to use")
  .option("-o, --out <dir>", "output directory (default: rendered/<stack>)")
  .action((programDir: string, options: { stack: string; out?: string }) => graphCommand(programDir, options));

program
  .command("check")
  .description("validate a stack's objects against the schemas and run every CHECKS.md check; non-zero on any finding")
  .argument("[program-dir]", "directory with Pulumi.yaml", ".")
  .requiredOption("-s, --stack <name>", "stack whose Pulumi.<stack>.yaml config to use")
  .option("--crds <dir...>", "directories of CRD files to validate custom resources against (default: ../shared/crds when present)")
  .action((programDir: string, options: { stack: string; crds?: string[] }) => checkCommand(programDir, options));

registerEngineCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.SLIPWAY_DEBUG === "1" && err instanceof Error) console.error(err.stack);
  process.exitCode = 1;
});
