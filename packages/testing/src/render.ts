import * as pulumi from "@pulumi/pulumi";
import { toRuntimeConfig } from "./config";
import { reportFailure, startCollecting, stopCollecting } from "./failures";
import { installFailureGuards } from "./guard";
import { resolveStackOutputs, StackOutputs } from "./outputs";
import { MISSING_STACK_REFERENCE, SlipwayMocks, StackReferences } from "./mocks";
import { setRenderSink } from "@slipway/core";
import { withoutSourcePositions } from "./pulumi-internals";
import { duplicateUrns, Recorder } from "./recorder";
import { FastSink } from "./fast/sink";
import { Rendered } from "./rendered";
import { RenderedResource } from "./resource";
import { settle } from "./settle";

export interface RenderOptions {
  /** Project name (`pulumi.getProject()`, prefix for config keys without a namespace). @default "project" */
  project?: string;
  /** Stack name (`pulumi.getStack()`). @default "test" */
  stack?: string;
  /** Stack config: `"slipway:replicas": 3`, `"aws:region": "eu-west-1"`; values may be `pulumi.secret(...)`. @default {} */
  config?: Record<string, unknown>;
  /** Config keys to mark secret (`config.requireSecret` then yields secret outputs). @default [] */
  secretConfigKeys?: string[];
  /**
   * Outputs of other stacks served to `new pulumi.StackReference(name)`: by stack name, or a function
   * of the name (for the CLI's `--platform`). @default {}
   */
  stackReferences?: StackReferences;
  /** Run as a preview (`pulumi.runtime.isDryRun()`). @default false */
  preview?: boolean;
  /**
   * Record the objects components plan (`registerManifests`, `installChart`) without registering one
   * Pulumi resource per object: the same resources, inputs, secrets, URNs and dependencies, several
   * times faster. Components, cloud resources and stack references still register under the mocks.
   * `SLIPWAY_FAST=0` in the environment turns the default off (to compare with the engine path).
   * @default true
   */
  fast?: boolean;
}

/** Anything a Pulumi program may be: a function that creates resources and may return stack outputs. */
export type Program = () => unknown;

const STACK_TYPE = "pulumi:pulumi:Stack";

/** Pulumi's default providers are plumbing the program never asked for: leave them out of the result. */
function isDefaultProvider(resource: RenderedResource): boolean {
  return resource.type.startsWith("pulumi:providers:") && resource.name.startsWith("default");
}

/** Stack trace capture is a third of the runtime's cost; keep full traces (and the runtime's source positions) only when debugging. */
function lowerStackTraces(): () => void {
  const saved = Error.stackTraceLimit;
  if (process.env.SLIPWAY_DEBUG === "1") return () => undefined;
  Error.stackTraceLimit = 0;
  const restorePositions = withoutSourcePositions();
  return () => {
    Error.stackTraceLimit = saved;
    restorePositions();
  };
}

/** The error to report when the program failed: a StackReference without outputs (the root cause), then our own input errors, they say how to fix things. */
function firstFailure(errors: unknown[]): unknown {
  const named = (name: string) => errors.find((e) => e instanceof Error && e.name === name);
  return named(MISSING_STACK_REFERENCE) ?? named("SlipwayInputError") ?? errors[0];
}

/** Pulumi's runtime state is global: renders started together run one after another. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `program` under Pulumi mocks inside a fresh stack and resolves once every registration has
 * finished, with every resource, its inputs, parent and dependencies, and the stack outputs.
 */
export function render(program: Program, options: RenderOptions = {}): Promise<Rendered> {
  const result = queue.then(() => renderNow(program, options));
  queue = result.catch(() => undefined);
  return result;
}

async function renderNow(program: Program, options: RenderOptions): Promise<Rendered> {
  const project = options.project ?? "project";
  const stack = options.stack ?? "test";
  const config = await toRuntimeConfig(options.config ?? {}, options.secretConfigKeys ?? [], project);
  const region = config.values["aws:region"] ?? "us-east-1";
  const restoreTraces = lowerStackTraces();
  const errors = startCollecting();
  installFailureGuards();
  try {
    await pulumi.runtime.setMocks(new SlipwayMocks({ region, stackReferences: options.stackReferences ?? {} }), project, stack, options.preview ?? false);
    pulumi.runtime.setAllConfig(config.values, config.secretKeys);
    const recorder = new Recorder();
    recorder.attach();
    const sink = (options.fast ?? process.env.SLIPWAY_FAST !== "0") ? new FastSink() : undefined;
    setRenderSink(sink);
    let outputs: StackOutputs = { values: {}, secretNames: [] };
    // The stack's init never fails: a failure there would also reject Pulumi's own promises, unhandled.
    await pulumi.runtime.runInPulumiStack(async () => {
      try {
        outputs = await resolveStackOutputs(await program());
      } catch (err) {
        reportFailure(err);
      }
      return {};
    });
    await settle(recorder, sink);
    setRenderSink(undefined);
    errors.push(...recorder.failures);
    if (sink) errors.push(...duplicateUrns(recorder.resources, sink.resources));
    if (errors.length > 0) throw firstFailure(errors);
    const stackUrn = recorder.resources.find((r) => r.type === STACK_TYPE)?.urn;
    const resources = [...recorder.resources, ...(sink?.resources ?? [])]
      .filter((r) => r.type !== STACK_TYPE && !isDefaultProvider(r))
      .map(({ parent, ...rest }) => (parent && parent !== stackUrn ? { ...rest, parent } : rest));
    return new Rendered(resources, outputs.values, outputs.secretNames);
  } finally {
    setRenderSink(undefined);
    stopCollecting();
    pulumi.runtime.setAllConfig({}, []);
    restoreTraces();
  }
}
