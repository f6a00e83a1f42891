import * as pulumi from "@pulumi/pulumi";
import { RenderSink } from "@slipway/core";
import { reportFailure } from "../failures";
import { kubernetesId } from "../mocks";
import { adoptChild, dependencyUrns, hasTransformations, explicitDependencyUrns, mockUrn, outputState, resourceOutput, stackResource } from "../pulumi-internals";
import { RenderedResource } from "../resource";
import { resolveInputs } from "./inputs";

/** A planned resource's record, once complete. */
const RECORDED = Symbol("recorded");
const OUTPUTS = Symbol("outputs");

/**
 * What a planned object hands back in place of its resource: a URN and id, and its inputs as output
 * properties. The runtime takes it in `dependsOn` like any resource (it only reads the flags and `urn`).
 * Outputs are made on first use, by getters on the prototype: most handles are never read.
 */
class PlannedResource {
  readonly __pulumiResource = true;
  readonly __pulumiCustomResource?: boolean;
  /** Charts are remote components: a dependency on one is on it, not on its (unknown) children. */
  readonly __remote?: boolean;
  declare readonly urn: pulumi.Output<string>;
  declare readonly id: pulumi.Output<string>;
  [RECORDED]!: Promise<RenderedResource>;
  [OUTPUTS]?: Map<string, pulumi.Output<unknown>>;
  private readonly urnValue: Promise<string>;

  constructor(custom: boolean, urn: Promise<string>) {
    if (custom) this.__pulumiCustomResource = true;
    else this.__remote = true;
    this.urnValue = urn;
  }

  /** The output `name` of this handle, made once. */
  output(name: string): pulumi.Output<unknown> {
    const outputs = (this[OUTPUTS] ??= new Map());
    let output = outputs.get(name);
    if (output) return output;
    const self = this as unknown as pulumi.Resource;
    const recorded = this[RECORDED];
    const notSecret = Promise.resolve(false);
    if (name === "urn") output = resourceOutput([self], this.urnValue, notSecret);
    else if (name === "id") output = resourceOutput([self], recorded.then((r) => r.id ?? ""), notSecret);
    else {
      const secret = (r: RenderedResource) => r.secretPaths.some((p) => p === name || p.startsWith(`${name}.`) || p.startsWith(`${name}[`));
      output = resourceOutput([self], recorded.then((r) => r.inputs[name]), recorded.then(secret));
    }
    outputs.set(name, output);
    return output;
  }

  /** Gives every handle an output property `name` (once per name, on the prototype). */
  static defineOutput(name: string): void {
    if (name in PlannedResource.prototype) return;
    Object.defineProperty(PlannedResource.prototype, name, {
      configurable: true,
      get(this: PlannedResource) {
        return this.output(name);
      },
    });
  }
}
PlannedResource.defineOutput("urn");
PlannedResource.defineOutput("id");

/**
 * A fast render's sink: records each planned object as the engine path would (type, name, URN,
 * parent, inputs, secret paths, dependencies) without registering it with the Pulumi runtime.
 */
export class FastSink implements RenderSink {
  /** Planned resources in planning order; each complete once `settled()` resolves. */
  readonly resources: RenderedResource[] = [];
  private pending: Promise<unknown>[] = [];

  /** Declines (the object registers with the runtime) when transformations would see it. */
  object(type: string, name: string, planned: { inputs: Record<string, unknown>; secret: string[] }, opts: pulumi.CustomResourceOptions): pulumi.CustomResource | undefined {
    if (hasTransformations(opts)) return undefined;
    return this.plan(type, name, planned.inputs, planned.secret, opts, true) as unknown as pulumi.CustomResource;
  }

  chart(type: string, name: string, inputs: Record<string, unknown>, opts: pulumi.ComponentResourceOptions): pulumi.Resource | undefined {
    if (hasTransformations(opts)) return undefined;
    return this.plan(type, name, inputs, [], opts, false) as unknown as pulumi.Resource;
  }

  /** Resolves once every planned resource is recorded, including ones planned meanwhile. */
  async settled(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }

  private plan(type: string, name: string, inputs: Record<string, unknown>, secret: string[], opts: pulumi.ResourceOptions, custom: boolean): PlannedResource {
    const parent = opts.parent ?? stackResource();
    const entry: RenderedResource = { type, name, urn: "", custom, inputs: {}, secretPaths: [], dependencies: [], propertyDependencies: {}, read: false };
    this.resources.push(entry);
    const parentUrn = parent ? this.urnOf(parent) : Promise.resolve(undefined);
    const urn = parentUrn.then((p) => mockUrn(p, type, name));
    const handle = new PlannedResource(custom, urn);
    for (const key of Object.keys(inputs)) PlannedResource.defineOutput(key);
    PlannedResource.defineOutput(custom ? "status" : "resources");
    if (parent) adoptChild(parent, handle);
    const recording = this.record(entry, handle, inputs, secret, opts, parentUrn, urn).then(
      () => entry,
      (err: unknown) => {
        if (!reportFailure(err)) throw err;
        return entry;
      },
    );
    handle[RECORDED] = recording;
    this.pending.push(recording);
    return handle;
  }

  private readonly urns = new WeakMap<pulumi.Resource, Promise<string>>();

  /** A parent's URN, asked of the runtime once per parent. */
  private urnOf(parent: pulumi.Resource): Promise<string> {
    let urn = this.urns.get(parent);
    if (!urn) this.urns.set(parent, (urn = outputState(parent.urn).value() as Promise<string>));
    return urn;
  }

  private async record(
    entry: RenderedResource,
    handle: PlannedResource,
    inputs: Record<string, unknown>,
    secret: string[],
    opts: pulumi.ResourceOptions,
    parentUrn: Promise<string | undefined>,
    urn: Promise<string>,
  ): Promise<void> {
    const self = handle as unknown as pulumi.Resource;
    const resolved = await resolveInputs(inputs, secret, reportFailure);
    const dependsOn = opts.dependsOn;
    const dependencies = dependsOn === undefined || (Array.isArray(dependsOn) && dependsOn.length === 0) ? new Set<string>() : await explicitDependencyUrns(dependsOn, self);
    for (const [key, resources] of resolved.propertyResources) {
      const urns = resources.size === 0 ? new Set<string>() : await dependencyUrns(resources, self);
      urns.forEach((u) => dependencies.add(u));
      entry.propertyDependencies[key] = [...urns];
    }
    entry.inputs = resolved.value;
    entry.secretPaths = resolved.secretPaths;
    entry.dependencies = [...dependencies];
    const parent = await parentUrn;
    if (parent) entry.parent = parent;
    entry.urn = await urn;
    if (entry.custom) entry.id = kubernetesId(resolved.value, entry.name);
  }
}
