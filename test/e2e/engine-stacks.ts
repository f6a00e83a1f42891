import { spawnSync } from "child_process";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { basename, join, resolve } from "path";
import { parse, stringify } from "yaml";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import type { RunResult } from "@slipway/automation";
import { K8sObject } from "./manifests";

/** A program of the engine step, run from a throwaway project folder so no file of the clone is written. */
export interface EngineProgram {
  /** The program folder in the clone (Pulumi.yaml, code). */
  dir: string;
  /** Its project name. */
  project: string;
  stack: string;
  /** The throwaway project folder `slipway` runs (Pulumi.yaml with an absolute `main`, the stack file). */
  workDir: string;
}

/**
 * Makes the throwaway project of `dir`: its Pulumi.yaml with an absolute `main`, and a stack file
 * with the plain config of `dir`'s `Pulumi.<stack>.yaml` (secure values dropped) plus `config`.
 */
export function throwawayProject(root: string, dir: string, stack: string, config: Record<string, unknown> = {}): EngineProgram {
  const project = parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { name: string; main?: string };
  const workDir = join(root, "projects", basename(dir));
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, "Pulumi.yaml"), stringify({ ...project, main: resolve(dir, project.main ?? ".") }));
  let own: Record<string, unknown> = {};
  try {
    own = (parse(readFileSync(join(dir, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> })?.config ?? {};
  } catch {
    // A program without a stack file runs with config defaults only.
  }
  const plain = Object.fromEntries(Object.entries(own).filter(([, v]) => !(v && typeof v === "object" && "secure" in v)));
  writeFileSync(join(workDir, `Pulumi.${stack}.yaml`), stringify({ config: { ...plain, ...config } }));
  return { dir, project: project.name, stack, workDir };
}

/** The engine step's view of a stack: set secrets, read its state (the Automation API on the same workspace). */
export async function engineStack(program: EngineProgram, pulumiRoot: string): Promise<Stack> {
  const pulumiCommand = await PulumiCommand.get({ root: pulumiRoot, skipVersionCheck: true });
  return LocalWorkspace.createOrSelectStack({ stackName: program.stack, workDir: program.workDir }, { pulumiCommand });
}

/** The Kubernetes objects a stack's state holds, as kubectl can look them up. */
export async function stateObjects(stack: Stack): Promise<K8sObject[]> {
  const state = await stack.exportStack();
  const resources = ((state.deployment as { resources?: { type: string; outputs?: Record<string, unknown> }[] }).resources ?? []);
  return resources
    .filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:") && r.outputs?.kind)
    .map((r) => {
      const o = r.outputs as unknown as K8sObject;
      return { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) } };
    });
}

/** What one `slipway` call did: its exit code, its --json result, and its output for the log. */
export interface SlipwayCall {
  status: number | null;
  result?: RunResult;
  output: string;
  seconds: number;
}

/** Runs the CLI (`node packages/cli/dist/bin.js`) as a user would, with the step's environment. */
export function slipway(cli: string, args: string[], env: NodeJS.ProcessEnv, timeoutSeconds: number): SlipwayCall {
  const started = Date.now();
  const child = spawnSync(process.execPath, [cli, ...args], { env, encoding: "utf8", timeout: timeoutSeconds * 1000, maxBuffer: 64 * 1024 * 1024 });
  const output = `${child.stdout ?? ""}${child.stderr ?? ""}${child.error ? `\n${child.error.message}` : ""}`;
  let result: RunResult | undefined;
  if (args.includes("--json")) {
    const start = (child.stdout ?? "").indexOf("{");
    try {
      result = JSON.parse((child.stdout ?? "").slice(start)) as RunResult;
    } catch {
      result = undefined;
    }
  }
  return { status: child.status, result, output, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
