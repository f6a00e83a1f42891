import { Command } from "commander";
import { Operation } from "@slipway/automation";
import { engineCommand, EngineCommandOptions, outputsCommand } from "./engine";

const DESCRIPTIONS: Record<Operation, string> = {
  preview: "show what `up` would change, through the real engine",
  up: "deploy the stack through the real engine (runs the checks first)",
  destroy: "delete every resource of the stack",
  refresh: "read the live state of the stack's resources into its state",
};

/** Flags every engine command shares. */
function engineCommandBase(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument("[program-dir]", "directory with Pulumi.yaml", ".")
    .requiredOption("-s, --stack <name>", "stack to run (created on first use); its config is Pulumi.<stack>.yaml")
    .option("--secrets-provider <provider>", "secrets provider for a new stack: passphrase (PULUMI_CONFIG_PASSPHRASE) or a cloud KMS URL")
    .option("--json", "print one JSON document instead of progress");
}

/** Adds `preview | up | destroy | refresh | outputs`, which drive the Pulumi engine through the Automation API. */
export function registerEngineCommands(program: Command): void {
  for (const operation of Object.keys(DESCRIPTIONS) as Operation[]) {
    const command = engineCommandBase(program, operation, DESCRIPTIONS[operation]);
    if (operation === "preview" || operation === "up") {
      command.option("--policy-pack <dir...>", "policy pack folders the engine runs on every resource (e.g. node_modules/@slipway/checks/policy-pack)");
    }
    if (operation === "up") command.option("--no-check", "deploy without running the checks first");
    command.action(async (programDir: string, options: EngineCommandOptions) => {
      await engineCommand(operation, programDir, options);
    });
  }
  engineCommandBase(program, "outputs", "print the stack's outputs (secrets hidden)")
    .option("--show-secrets", "show secret values")
    .action(async (programDir: string, options: EngineCommandOptions) => {
      await outputsCommand(programDir, options);
    });
}
