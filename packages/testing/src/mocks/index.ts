import { MockCallArgs, MockCallResult, MockResourceArgs, MockResourceResult, Mocks } from "@pulumi/pulumi/runtime";
import { awsResource } from "./aws";
import { answerCall } from "./calls";
import { reportFailure } from "../failures";
import { digest } from "./hash";
import { randomId, randomState } from "./random";

export { MOCK_ACCOUNT_ID } from "./aws";

export interface MockOptions {
  /** AWS region used in ARNs and region lookups. */
  region: string;
  /** Outputs of other stacks by stack name, served to `pulumi.StackReference`. */
  stackReferences: Record<string, Record<string, unknown>>;
}

/** The state of a StackReference: its fixture outputs, or a readable error naming the known stacks. */
function stackReferenceState(name: string, fixtures: MockOptions["stackReferences"]): Record<string, unknown> {
  const outputs = fixtures[name];
  if (!outputs) {
    const known = Object.keys(fixtures);
    const error = new Error(`StackReference "${name}" has no fixture; pass render(..., { stackReferences: { "${name}": {...} } })${known.length ? ` (known: ${known.join(", ")})` : ""}`);
    // Failing the read would reject every output of the reference as unhandled: report it to the render instead.
    if (!reportFailure(error)) throw error;
    return { name, outputs: {}, secretOutputNames: [] };
  }
  return { name, outputs, secretOutputNames: [] };
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
    if (args.type.startsWith("kubernetes:")) {
      const metadata = (inputs.metadata ?? {}) as Record<string, unknown>;
      const name = typeof metadata.name === "string" ? metadata.name : args.name;
      const id = typeof metadata.namespace === "string" ? `${metadata.namespace}/${name}` : name;
      return { id, state: inputs };
    }
    return { id: args.id ?? `${args.name}-${digest(`${args.type}:${args.name}`, 8)}`, state: inputs };
  }

  call(args: MockCallArgs): MockCallResult {
    return answerCall(args.token, (args.inputs ?? {}) as Record<string, unknown>, this.options.region);
  }
}
