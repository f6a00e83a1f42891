import { delimiter } from "path";
import { commandErrorText } from "./errors";
import type { PulumiCommand, Stack } from "@pulumi/pulumi/automation";

/** The part of an Automation API stack `slipway` drives; tests give a stand-in. */
export type EngineStack = Pick<Stack, "preview" | "up" | "destroy" | "refresh" | "outputs" | "history" | "name">;

/** What it takes to open a stack of a program through the engine. */
export interface OpenStackOptions {
  /** The program's directory: its Pulumi.yaml (and `stackConfigDir`) are the project the engine reads. */
  workDir: string;
  /** The project's name (`name:` in Pulumi.yaml). */
  projectName: string;
  /** The stack, `dev` or `org/project/dev`; created when it does not exist yet. */
  stack: string;
  /** The program, run inline in this process: what it returns (or resolves to) are the stack outputs. */
  program: () => unknown;
  /**
   * Secrets provider for a new stack: `passphrase` (reads PULUMI_CONFIG_PASSPHRASE) or a cloud KMS URL.
   * @default the backend's default (passphrase for a self-managed backend)
   */
  secretsProvider?: string;
  /**
   * Folder holding `bin/pulumi`.
   * @default SLIPWAY_PULUMI_ROOT when set, else the `pulumi` on PATH
   */
  pulumiRoot?: string;
  /**
   * Folders put first on the engine's PATH, where it finds plugins (providers, the policy analyzer).
   * @default none
   */
  pluginDirs?: string[];
  /**
   * Only select an existing stack (reading outputs or history must not create one); a missing stack is an error.
   * @default false: created on first use
   */
  selectOnly?: boolean;
}

/** The engine's environment: plugin folders first on PATH, and no update check. */
export function engineEnv(pluginDirs: string[] = [], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const path = [...pluginDirs, env.PATH ?? ""].filter(Boolean).join(delimiter);
  return { PATH: path, PULUMI_SKIP_UPDATE_CHECK: "true" };
}

/** The pulumi CLI in `root/bin`, or on PATH; a missing one is told with what to do. */
export async function findPulumi(command: Pick<typeof PulumiCommand, "get">, root: string | undefined): Promise<PulumiCommand> {
  try {
    return await command.get(root ? { root } : {});
  } catch (err) {
    const where = root ? `${root}/bin/pulumi` : "pulumi on PATH";
    const why = commandErrorText(err, 1);
    throw new Error(`the Pulumi CLI (${where}) could not run: ${why}. Install it, or set SLIPWAY_PULUMI_ROOT to a folder holding bin/pulumi`);
  }
}

/** Opens (creating if needed) a stack of an inline program with the Automation API's LocalWorkspace. */
export async function openStack(options: OpenStackOptions): Promise<EngineStack> {
  // Loaded here, not at the top: the Automation API is only needed once a stack really opens.
  const { LocalWorkspace, PulumiCommand } = await import("@pulumi/pulumi/automation");
  const pulumiCommand = await findPulumi(PulumiCommand, options.pulumiRoot ?? process.env.SLIPWAY_PULUMI_ROOT);
  const open = options.selectOnly ? LocalWorkspace.selectStack.bind(LocalWorkspace) : LocalWorkspace.createOrSelectStack.bind(LocalWorkspace);
  return open(
    {
      projectName: options.projectName,
      stackName: options.stack,
      program: async () => (await options.program()) as Record<string, unknown> | void,
    },
    {
      workDir: options.workDir,
      pulumiCommand,
      envVars: engineEnv(options.pluginDirs),
      ...(options.secretsProvider ? { secretsProvider: options.secretsProvider } : {}),
    },
  );
}
