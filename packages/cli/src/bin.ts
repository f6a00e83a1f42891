#!/usr/bin/env node
import { Command, Option } from "commander";
import { checkCommand } from "./commands/check";
import { costCommand } from "./commands/cost";
import { registerEngineCommands } from "./commands/engine-cli";
import { registerFleetCommands } from "./commands/fleet-cli";
import { graphCommand } from "./commands/graph";
import { initCommand } from "./commands/init";
import { renderCommand } from "./commands/render";
import { chartsFlags, CliChartsFlags } from "./charts";
import { diffAgainstCommand, diffCommand } from "./commands/diff";
import { gitopsFlags, GitOpsFlags } from "./gitops/flags";
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
  .option("--charts-dir <dir>", "folder of unpacked charts to render with helm template (default: slipway:chartsDir, else ../shared/charts when present)")
  .option("--no-charts", "do not render the charts (they are listed in charts.yaml only)")
  .option("--kube-version <version>", "Kubernetes version charts are rendered for (default: 1.36.3, the e2e tier's)")
  .addOption(new Option("--gitops <tool>", "also write the sync objects that apply the folders in dependency order; secret-bearing objects are left out and listed").choices(["argocd", "flux"]))
  .option("--gitops-repo <url>", "git repository holding the render (Argo CD repoURL)")
  .option("--gitops-path <path>", "path of the render inside the repository (default: the --out path)")
  .option("--gitops-revision <rev>", "branch, tag or commit Argo CD syncs (default: HEAD)")
  .option("--gitops-source <name>", "Flux GitRepository holding the render (default: flux-system)")
  .action((programDir: string, options: { stack: string; out?: string; graph?: boolean; platform?: string } & CliChartsFlags & GitOpsFlags) => renderCommand(programDir, gitopsFlags(chartsFlags(options))));

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
  .option("--charts-dir <dir>", "folder of unpacked charts whose objects are checked too (default: slipway:chartsDir, else ../shared/charts when present)")
  .option("--no-charts", "check the program's own objects only")
  .option("--kube-version <version>", "Kubernetes version charts are rendered for (default: 1.36.3)")
  .action((programDir: string, options: { stack: string; crds?: string[]; platform?: string } & CliChartsFlags) => checkCommand(programDir, chartsFlags(options)));

program
  .command("cost")
  .description("estimate a stack's monthly cost per tenant and app from its rendered requests, claims and load balancers (prices: slipway:prices); draws cost.svg")
  .argument("[program-dir]", "directory with Pulumi.yaml", ".")
  .requiredOption("-s, --stack <name>", "stack whose Pulumi.<stack>.yaml config to use")
  .option("-o, --out <dir>", "where cost.svg goes (default: rendered/<stack>)")
  .option("--json", "print the report as JSON")
  .option(...PLATFORM_OPTION)
  .option("--charts-dir <dir>", "folder of unpacked charts whose workloads are priced too (default: slipway:chartsDir, else ../shared/charts when present)")
  .option("--no-charts", "price the program's own objects only")
  .option("--kube-version <version>", "Kubernetes version charts are rendered for (default: 1.36.3)")
  .action((programDir: string, options: { stack: string; out?: string; json?: boolean; platform?: string } & CliChartsFlags) => costCommand(programDir, chartsFlags(options)));

program
  .command("init")
  .description("scaffold a team stack (Pulumi project, an AppService on the platform, a test against the platform's render)")
  .argument("<dir>", "new directory; its name is the project's and the service's")
  .option("--tenant <name>", "the platform tenant the service runs in", "shop")
  .option("--platform-stack <org/project/stack>", "the platform stack the team's stack references", "acme/platform/dev")
  .option("--platform <render-dir>", "the platform's `slipway render` directory to render and test against", "rendered/dev")
  .option("--packages <dir>", "install the @slipway packages from the `npm pack` tarballs in this directory (default: the registry)")
  .action((dir: string, options: { tenant: string; platformStack: string; platform: string; packages?: string }) => initCommand(dir, options));

program
  .command("diff")
  .description("what applying a new render would change, per object and field (secrets masked); exit 1 when anything changes")
  .argument("[dirs...]", "<old-render> <new-render>, or with --against: [program-dir]")
  .option("--against <dir>", "compare a fresh render of the stack with this earlier render folder")
  .option("-s, --stack <name>", "with --against: the stack to render")
  .option("--charts-dir <dir>", "with --against: folder of unpacked charts (default: slipway:chartsDir, else ../shared/charts when present)")
  .option("--no-charts", "with --against: do not render the charts")
  .option("--kube-version <version>", "with --against: Kubernetes version charts are rendered for")
  .action(async (dirs: string[], options: { against?: string; stack?: string } & CliChartsFlags) => {
    if (options.against === undefined) {
      if (dirs.length !== 2) throw new Error("slipway diff needs two render folders (<old> <new>), or --against <old> --stack <name>");
      return diffCommand(dirs[0], dirs[1]);
    }
    if (!options.stack) throw new Error("slipway diff --against needs --stack <name>");
    if (dirs.length > 1) throw new Error("slipway diff --against takes at most one program directory");
    const { against, stack, ...flags } = options;
    await diffAgainstCommand(dirs[0] ?? ".", against, { stack, ...chartsFlags(flags) });
  });

registerEngineCommands(program);
registerFleetCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(formatCliError(err));
  process.exitCode = 1;
});
