import { MockCallArgs, MockCallResult, MockResourceArgs, MockResourceResult, Mocks } from "@pulumi/pulumi/runtime";
import { awsResource } from "./aws";
import { answerCall } from "./calls";
import { reportFailure } from "../failures";
import { digest } from "./hash";
import { randomId, randomState } from "./random";

export { MOCK_ACCOUNT_ID } from "./aws";

/** Another stack's outputs as a StackReference reads them; `secretOutputNames` come back as secrets. */
export interface StackReferenceOutputs {
  outputs: Record<string, unknown>;
  secretOutputNames?: string[];
}

/** Other stacks' outputs: plain outputs by stack name, or a function answering for any name (undefined: none). */
export type StackReferences = Record<string, Record<string, unknown>> | ((name: string) => StackReferenceOutputs | undefined);

export interface MockOptions {
  /** AWS region used in ARNs and region lookups. */
  region: string;
  /** Outputs of other stacks, served to `pulumi.StackReference`. */
  stackReferences: StackReferences;
}

/** The fixture for `name`, whichever form the references were given in. */
function lookUp(name: string, references: StackReferences): StackReferenceOutputs | undefined {
  if (typeof references === "function") return references(name);
  return Object.prototype.hasOwnProperty.call(references, name) ? { outputs: references[name] } : undefined;
}

/** The name of the error a StackReference without outputs raises. */
export const MISSING_STACK_REFERENCE = "MissingStackReference";

/** Says how to give a StackReference its outputs: the CLI's option and the test kit's. */
function noOutputsError(name: string, references: StackReferences): Error {
  const known = typeof references === "function" ? [] : Object.keys(references);
  const error = new Error(
    `StackReference "${name}" has no outputs: pass --platform <render-dir|outputs.json> to slipway render/check/graph, ` +
      `or render(..., { stackReferences: { "${name}": {...} } }) in a test${known.length ? ` (known: ${known.join(", ")})` : ""}`,
  );
  // The root cause: a program reading the empty outputs fails next, and the render reports this first.
  error.name = MISSING_STACK_REFERENCE;
  return error;
}

/** The state of a StackReference: its fixture outputs, or a readable error naming the options. */
function stackReferenceState(name: string, references: StackReferences): Record<string, unknown> {
  const found = lookUp(name, references);
  if (!found) {
    const error = noOutputsError(name, references);
    // Failing the read would reject every output of the reference as unhandled: report it to the render instead.
    if (!reportFailure(error)) throw error;
    return { name, outputs: {}, secretOutputNames: [] };
  }
  return { name, outputs: found.outputs, secretOutputNames: found.secretOutputNames ?? [] };
}

/** A Kubernetes object's mock id: `namespace/name`, or the name of a cluster-scoped object (the logical name without one). */
export function kubernetesId(inputs: Record<string, unknown>, logicalName: string): string {
  const metadata = (inputs.metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.name === "string" ? metadata.name : logicalName;
  return typeof metadata.namespace === "string" ? `${metadata.namespace}/${name}` : name;
}

/**
 * Mocks that echo inputs as state, with realistic AWS ids/ARNs, deterministic `random:*` values,
 * StackReference outputs from fixtures, and helm v4 Charts as the components they are.
 */
export class SlipwayMocks implements Mocks {
  constructor(private readonly options: MockOptions) {}

  newResource(args: MockResourceArgs): MockResourceResult {
    const inputs = (args.inputs ?? {}) as Record<string, unknown>;
    if (args.type === "pulumi:pulumi:StackReference") {
      const name = typeof inputs.name === "string" ? inputs.name : args.id ?? args.name;
      return { id: name, state: stackReferenceState(name, this.options.stackReferences) };
    }
    if (args.type.startsWith("aws:")) return awsResource(args, this.options.region);
    if (args.type.startsWith("random:")) {
      const state = randomState(args);
      return { id: randomId(args, state), state };
    }
    if (args.type === "kubernetes:helm.sh/v4:Chart" || args.type.startsWith("kubernetes:yaml/v2:")) {
      // Remote components: offline they render nothing, but their `resources` output must exist.
      return { id: undefined, state: { ...inputs, resources: [] } };
    }
    if (args.type.startsWith("kubernetes:")) return { id: kubernetesId(inputs, args.name), state: inputs };
    return { id: args.id ?? `${args.name}-${digest(`${args.type}:${args.name}`, 8)}`, state: inputs };
  }

  call(args: MockCallArgs): MockCallResult {
    return answerCall(args.token, (args.inputs ?? {}) as Record<string, unknown>, this.options.region);
  }
}
