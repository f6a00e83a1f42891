import type { EngineEvent, OpMap, OutputMap } from "@pulumi/pulumi/automation";
import { commandErrorText } from "./errors";
import { Operation, Progress, urnName } from "./progress";
import { EngineStack, OpenStackOptions, openStack } from "./stack";
import { changeCounts, ChangeCounts, formatSummary } from "./summary";

/** Options of one engine run. */
export interface RunOptions extends OpenStackOptions {
  /**
   * Policy pack folders the engine runs on every resource (needs `pulumi-analyzer-policy-nodejs` in `pluginDirs` or on PATH).
   * @default none
   */
  policyPacks?: string[];
  /**
   * Write progress lines and the summary as they come.
   * @default true
   */
  progress?: boolean;
}

/** What a run did, for a person (the summary) and for machines (`--json`). */
export interface RunResult {
  operation: Operation;
  stack: string;
  /** Whether the engine finished without an error. */
  ok: boolean;
  /** Counts of each kind of change (`created`, `updated`, `deleted`, `unchanged`...). */
  changes: ChangeCounts;
  /** The engine's own change map. */
  opMap: OpMap;
  /** Every step that changed (or, for a preview, would change) a resource, in the order they finished. */
  steps: ChangedStep[];
  /** Wall time of the run in seconds. */
  seconds: number;
  /** The engine's error diagnostics, then the command's error if it gave none. */
  errors: string[];
  /** Mandatory policy findings: `policy resource: message`. */
  policyViolations: string[];
  /** The closing line a person reads. */
  summary: string;
}

/** One resource step of a run: `{ op: "update", type: "kubernetes:apps/v1:Deployment", name: "nginx" }`. */
export interface ChangedStep {
  op: string;
  type: string;
  name: string;
}

/** What a run needs from its surroundings; tests give stand-ins. */
export interface RunDeps {
  openStack: (options: OpenStackOptions) => Promise<EngineStack>;
  write: (line: string) => void;
  now: () => number;
}

export const defaultRunDeps: RunDeps = {
  openStack,
  write: (line) => process.stdout.write(`${line}\n`),
  now: Date.now,
};

async function runStep(stack: EngineStack, operation: Operation, onEvent: (e: EngineEvent) => void, policyPacks: string[]): Promise<OpMap | undefined> {
  const common = { onEvent, color: "never" as const };
  const withPolicies = policyPacks.length ? { policyPacks } : {};
  switch (operation) {
    case "preview":
      return (await stack.preview({ ...common, ...withPolicies })).changeSummary;
    case "up":
      return (await stack.up({ ...common, ...withPolicies })).summary.resourceChanges;
    case "destroy":
      return (await stack.destroy(common)).summary.resourceChanges;
    case "refresh":
      return (await stack.refresh(common)).summary.resourceChanges;
  }
}

/**
 * Runs `operation` on a stack through the engine: opens (or creates) the stack, follows the
 * engine's events as progress lines, and ends with a change summary. Never throws for an engine
 * failure: `ok` is false and `errors` says why.
 */
export async function runStack(operation: Operation, options: RunOptions, deps: RunDeps = defaultRunDeps): Promise<RunResult> {
  const started = deps.now();
  const write = options.progress === false ? () => undefined : deps.write;
  const progress = new Progress(operation, write, started, deps.now);
  const errors: string[] = [];
  const policyViolations: string[] = [];
  let summaryChanges: OpMap | undefined;
  const steps: ChangedStep[] = [];
  const onEvent = (event: EngineEvent) => {
    progress.onEvent(event);
    const done = event.resOutputsEvent?.metadata;
    if (done && done.op !== "same") steps.push({ op: done.op, type: done.type, name: urnName(done.urn) });
    if (event.diagnosticEvent?.severity === "error") errors.push(event.diagnosticEvent.message.trim());
    const p = event.policyEvent;
    if (p?.enforcementLevel === "mandatory") policyViolations.push(`${p.policyName}${p.resourceUrn ? ` ${urnName(p.resourceUrn)}` : ""}: ${p.message.trim().split("\n")[0]}`);
    if (event.summaryEvent) summaryChanges = event.summaryEvent.resourceChanges;
  };
  let ok = true;
  let opMap: OpMap = {};
  try {
    const stack = await deps.openStack(options);
    write(`${operation} ${options.projectName}/${stack.name}...`);
    opMap = (await runStep(stack, operation, onEvent, options.policyPacks ?? [])) ?? summaryChanges ?? {};
  } catch (err) {
    ok = false;
    opMap = summaryChanges ?? {};
    if (!errors.length) errors.push(commandErrorText(err));
  }
  const elapsed = deps.now() - started;
  const summary = formatSummary(operation, ok, opMap, elapsed);
  if (!ok && policyViolations.length) write(`${policyViolations.length} mandatory policy finding(s) stopped the ${operation}`);
  if (!ok) errors.forEach((e) => write(`error: ${e}`));
  write(summary);
  return { operation, stack: options.stack, ok, changes: changeCounts(opMap), opMap, steps, seconds: Math.round(elapsed) / 1000, errors, policyViolations, summary };
}

/** A stack output as `slipway outputs` tells it: secrets hidden unless asked for. */
export function outputValues(outputs: OutputMap, showSecrets = false): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, o.secret && !showSecrets ? "[secret]" : o.value]));
}

/** The stack's current outputs (`slipway outputs`). */
export async function stackOutputs(options: OpenStackOptions, showSecrets = false, deps: Pick<RunDeps, "openStack"> = defaultRunDeps): Promise<Record<string, unknown>> {
  const stack = await deps.openStack(options);
  return outputValues(await stack.outputs(), showSecrets);
}
