import { spawnSync } from "child_process";
import { join, resolve } from "path";
import { Operation, RunOptions, RunResult, runStack, stackOutputs } from "@slipway/automation";
import { loadProgram } from "../program";
import { loadProject } from "../project";

/** Flags of `slipway preview|up|destroy|refresh|outputs`. */
export interface EngineCommandOptions {
  /** The stack (`dev`, `org/project/dev`); created on first use. */
  stack: string;
  /** Print one JSON document instead of progress lines. */
  json?: boolean;
  /** `--no-check` sets it false: `up` then deploys without running the checks first. */
  check?: boolean;
  /** Policy pack folders the engine runs (`--policy-pack <dir...>`). */
  policyPack?: string[];
  /** Secrets provider for a new stack (`passphrase`, or a cloud KMS URL). */
  secretsProvider?: string;
  /** `outputs`: show secret values. */
  showSecrets?: boolean;
}

/** The folder holding the `pulumi-analyzer-policy-nodejs` launcher this package ships. */
export const POLICY_ANALYZER_DIR = resolve(__dirname, "../../policy-analyzer");

/** Runs `slipway check` on the stack in a child process (the render's mocks stay out of this one); true when clean. */
function checkInChild(programDir: string, stack: string, quiet: boolean): boolean {
  const bin = join(__dirname, "..", "bin.js");
  const child = spawnSync(process.execPath, [bin, "check", programDir, "--stack", stack], { stdio: quiet ? "pipe" : "inherit", encoding: "utf8" });
  if (quiet && child.status !== 0) process.stderr.write(`${child.stdout ?? ""}${child.stderr ?? ""}`);
  return child.status === 0;
}

/** What the commands need from their surroundings; tests give stand-ins. */
export interface EngineCommandDeps {
  run: typeof runStack;
  outputs: typeof stackOutputs;
  /** Runs the checks on the stack; true when it has no finding. */
  check: (programDir: string, stack: string, quiet: boolean) => boolean;
  print: (text: string) => void;
}

const defaultDeps: EngineCommandDeps = { run: runStack, outputs: stackOutputs, check: checkInChild, print: (t) => process.stdout.write(`${t}\n`) };

/** The engine options for a program directory and the command's flags. */
export function engineRunOptions(programDir: string, options: EngineCommandOptions): RunOptions {
  const project = loadProject(programDir);
  const policyPacks = (options.policyPack ?? []).map((p) => resolve(p));
  return {
    workDir: project.dir,
    projectName: project.name,
    stack: options.stack,
    program: loadProgram(project),
    ...(options.secretsProvider ? { secretsProvider: options.secretsProvider } : {}),
    ...(policyPacks.length ? { policyPacks, pluginDirs: [POLICY_ANALYZER_DIR] } : {}),
    progress: !options.json,
  };
}

/**
 * `slipway preview|up|destroy|refresh`: runs the program through the real engine with progress and a
 * change summary (or one JSON document with `--json`); the exit code says whether it succeeded.
 * `up` runs the checks first and stops on a finding unless `--no-check`.
 */
export async function engineCommand(operation: Operation, programDir: string, options: EngineCommandOptions, deps: EngineCommandDeps = defaultDeps): Promise<RunResult | undefined> {
  const runOptions = engineRunOptions(programDir, options);
  if (operation === "up" && options.check !== false && !deps.check(programDir, options.stack, !!options.json)) {
    const message = "up stopped: the checks found problems (fix them, or deploy anyway with --no-check)";
    if (options.json) deps.print(JSON.stringify({ operation, stack: options.stack, ok: false, errors: [message] }));
    else process.stderr.write(`${message}\n`);
    process.exitCode = 1;
    return undefined;
  }
  const result = await deps.run(operation, runOptions);
  if (options.json) deps.print(JSON.stringify(result, null, 2));
  if (!result.ok) process.exitCode = 1;
  return result;
}

/** `slipway outputs`: the stack's outputs, secrets hidden unless `--show-secrets`. */
export async function outputsCommand(programDir: string, options: EngineCommandOptions, deps: EngineCommandDeps = defaultDeps): Promise<Record<string, unknown>> {
  const values = await deps.outputs(engineRunOptions(programDir, options), !!options.showSecrets);
  if (options.json) deps.print(JSON.stringify(values, null, 2));
  else for (const [key, value] of Object.entries(values)) deps.print(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return values;
}
