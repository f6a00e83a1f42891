import * as pulumi from "@pulumi/pulumi";
import { RenderSink } from "@slipway/core";
import { reportFailure } from "../failures";
import { kubernetesId } from "../mocks";
import { adoptChild, dependencyUrns, explicitDependencyUrns, mockUrn, outputState, resourceOutput, stackResource } from "../pulumi-internals";
import { RenderedResource } from "../resource";
import { resolveInputs } from "./inputs";

/**
 * What a planned object hands back in place of its resource: a URN and id, and its inputs as output
 * properties. The runtime takes it in `dependsOn` like any resource (it only reads the flags and `urn`).
 */
class PlannedResource {
  readonly __pulumiResource = true;
  readonly __pulumiCustomResource?: boolean;
  /** Charts are remote components: a dependency on one is on it, not on its (unknown) children. */
  readonly __remote?: boolean;
  readonly urn: pulumi.Output<string>;
  readonly id?: pulumi.Output<string>;
  [output: string]: unknown;

  constructor(custom: boolean, urn: Promise<string>, recorded: Promise<RenderedResource>, outputNames: string[]) {
    if (custom) this.__pulumiCustomResource = true;
    else this.__remote = true;
    this.urn = resourceOutput([this as unknown as pulumi.Resource], urn, Promise.resolve(false));
    if (custom) this.id = resourceOutput([this as unknown as pulumi.Resource], recorded.then((r) => r.id ?? ""), Promise.resolve(false));
    for (const name of outputNames) {
      const value = recorded.then((r) => r.inputs[name]);
      const secret = recorded.then((r) => r.secretPaths.some((p) => p === name || p.startsWith(`${name}.`) || p.startsWith(`${name}[`)));
      this[name] = resourceOutput([this as unknown as pulumi.Resource], value, secret);
    }
  }
}

/**
 * A fast render's sink: records each planned object as the engine path would (type, name, URN,
 * parent, inputs, secret paths, dependencies) without registering it with the Pulumi runtime.
 */
export class FastSink implements RenderSink {
  /** Planned resources in planning order; each complete once `settled()` resolves. */
  readonly resources: RenderedResource[] = [];
  private pending: Promise<unknown>[] = [];

  object(type: string, name: string, inputs: Record<string, unknown>, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
    return this.plan(type, name, inputs, opts, true) as unknown as pulumi.CustomResource;
  }

  chart(type: string, name: string, inputs: Record<string, unknown>, opts: pulumi.ComponentResourceOptions): pulumi.Resource {
    return this.plan(type, name, inputs, opts, false) as unknown as pulumi.Resource;
  }

  /** Resolves once every planned resource is recorded, including ones planned meanwhile. */
  async settled(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }

  private plan(type: string, name: string, inputs: Record<string, unknown>, opts: pulumi.ResourceOptions, custom: boolean): PlannedResource {
    const parent = opts.parent ?? stackResource();
    const entry: RenderedResource = { type, name, urn: "", custom, inputs: {}, secretPaths: [], dependencies: [], propertyDependencies: {}, read: false };
    this.resources.push(entry);
    const parentUrn = parent ? outputState(parent.urn).value.then((u) => u as string) : Promise.resolve(undefined);
    const urn = parentUrn.then((p) => mockUrn(p, type, name));
    let done!: (r: RenderedResource) => void;
    const recorded = new Promise<RenderedResource>((resolve) => (done = resolve));
    const handle = new PlannedResource(custom, urn, recorded, [...Object.keys(inputs), ...(custom ? ["status"] : ["resources"])]);
    if (parent) adoptChild(parent, handle);
    this.pending.push(this.record(entry, handle, inputs, opts, parentUrn, urn).then(() => done(entry)));
    return handle;
  }

  private async record(entry: RenderedResource, handle: PlannedResource, inputs: Record<string, unknown>, opts: pulumi.ResourceOptions, parentUrn: Promise<string | undefined>, urn: Promise<string>): Promise<void> {
    const self = handle as unknown as pulumi.Resource;
    const resolved = await resolveInputs(inputs, reportFailure);
    const dependencies = await explicitDependencyUrns(opts.dependsOn, self);
    for (const [key, resources] of resolved.propertyResources) {
      const urns = await dependencyUrns(resources, self);
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
