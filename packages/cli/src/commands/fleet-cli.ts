import { Command } from "commander";
import { fleetStatusCommand, fleetUpCommand, promoteCommand } from "./fleet";

const FLEET_OPTION = ["--fleet <file>", "the fleet file (default: fleet.yaml here, else this program's Pulumi.<stack>.yaml files as platform stacks)"] as const;

/** Adds `fleet status | fleet up` and `promote`, which read and drive many stacks through the Automation API. */
export function registerFleetCommands(program: Command): void {
  const fleet = program.command("fleet").description("every stack of a fleet: platform stacks per cluster and the team stacks on them");
  fleet
    .command("status")
    .description("one table of every stack: cluster, Kubernetes version, tenants, app images and replicas, last update, drift from the fleet's desired versions")
    .option(...FLEET_OPTION)
    .option("--json", "print one JSON document")
    .action(async (options: { fleet?: string; json?: boolean }) => {
      await fleetStatusCommand(options);
    });
  fleet
    .command("up")
    .description("update the stacks of one environment in dependency order (platform before team stacks); stops at the first failure")
    .requiredOption("--env <env>", "the environment to update")
    .option("--parallel <n>", "stacks updated at once (clusters of the environment side by side)", "2")
    .option(...FLEET_OPTION)
    .option("--json", "print one JSON document")
    .action(async (options: { env: string; parallel?: string; fleet?: string; json?: boolean }) => {
      await fleetUpCommand(options);
    });
  program
    .command("promote")
    .description("write the image an app runs in one environment, by digest, into the config of the next one (a diff to review; no deploy)")
    .argument("<app>", "the app, as the team stack's `apps` output names it")
    .requiredOption("--from <env>", "the environment whose tested image is promoted")
    .requiredOption("--to <env>", "the environment whose stack files get the digest")
    .option("--dry-run", "print the diff, write nothing")
    .option(...FLEET_OPTION)
    .option("--json", "print one JSON document")
    .action(async (app: string, options: { from: string; to: string; dryRun?: boolean; fleet?: string; json?: boolean }) => {
      await promoteCommand(app, options);
    });
}
