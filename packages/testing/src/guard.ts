import * as pulumi from "@pulumi/pulumi";
import { isCollecting, reportFailure } from "./failures";
import { FAILED_INPUT } from "./fast/inputs";
import { internals, observeOutputPromises, outputState } from "./pulumi-internals";

let installed = false;

/**
 * `props` with every property that fails to resolve replaced by a marker. The marker must be a
 * value: the runtime re-reads any input the mocks do not echo back, and would fail again.
 */
async function withoutFailures(props: Record<string, unknown>): Promise<Record<string, unknown>> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    try {
      await outputState(pulumi.output(value)).value();
      safe[key] = value;
    } catch {
      safe[key] = FAILED_INPUT;
    }
  }
  return safe;
}

/**
 * A resource whose inputs fail to resolve (an `apply` that threw) registers with a marker in their
 * place and reports the error to the render, instead of stalling the runtime's RPC queue.
 */
function guardInputSerialization(): void {
  const { rpc } = internals();
  const original = rpc.serializeResourceProperties;
  rpc.serializeResourceProperties = async (label, props, opts) => {
    try {
      return await original(label, props, opts);
    } catch (err) {
      if (!reportFailure(err)) throw err;
      return original(label, await withoutFailures(props), opts);
    }
  };
}

/**
 * A component's `registerOutputs` serializes its outputs with the same runtime helper under a label
 * of its own; an output that fails there is reported to the render the same way.
 */
function guardOutputSerialization(): void {
  const { rpc } = internals();
  const original = rpc.serializeProperties;
  rpc.serializeProperties = async (label, props, opts) => {
    try {
      return await original(label, props, opts);
    } catch (err) {
      if (!label.startsWith("monitor.registerResourceOutputs") || !reportFailure(err)) throw err;
      const outputs = (props as { outputs?: Record<string, unknown> }).outputs ?? {};
      return original(label, { outputs: await withoutFailures(outputs) }, opts);
    }
  };
}

/**
 * Every Output keeps `isKnown`/`isSecret` promises that reject, unawaited, when its value fails.
 * The constructor assigns them, so a setter on the prototype sees each one: during a render it
 * reports the failure and marks the promise handled. Outside a render nothing changes.
 */
function guardOutputPromises(): void {
  observeOutputPromises((_field, value) => {
    if (isCollecting() && value && typeof value.catch === "function") value.catch((err: unknown) => reportFailure(err));
  });
}

/** Installs both guards once per module instance of @pulumi/pulumi. */
export function installFailureGuards(): void {
  if (installed) return;
  installed = true;
  guardInputSerialization();
  guardOutputSerialization();
  guardOutputPromises();
}
