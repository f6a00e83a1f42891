#!/usr/bin/env node
import { Command } from "commander";
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
  .action((programDir: string, options: { stack: string; out?: string }) => renderCommand(programDir, options));

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.SLIPWAY_DEBUG === "1" && err instanceof Error) console.error(err.stack);
  process.exitCode = 1;
});
