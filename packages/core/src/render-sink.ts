import * as pulumi from "@pulumi/pulumi";

/**
 * Where planned objects go instead of the Pulumi engine during a fast render (`@slipway/testing`
 * installs one): the same type token, logical name, inputs and options `registerManifests` and
 * `installChart` would register, answered with a light handle that callers use as they would the
 * resource (`dependsOn`, `urn`). Absent, or when it answers undefined (e.g. for a resource that
 * transformations would change), the object registers with Pulumi as usual.
 */
export interface RenderSink {
  /**
   * A Kubernetes object: `inputs` as the typed class (or CustomResource) would register them, except
   * that the `secret` ones are not yet wrapped in `pulumi.secret` (the sink records them as secret).
   */
  object(type: string, name: string, planned: { inputs: Record<string, unknown>; secret: string[] }, opts: pulumi.CustomResourceOptions): pulumi.CustomResource | undefined;
  /** A Helm chart (a remote component in Pulumi): its inputs as the Chart class would register them. */
  chart(type: string, name: string, inputs: Record<string, unknown>, opts: pulumi.ComponentResourceOptions): pulumi.Resource | undefined;
}

/** Shared through the global object so two copies of this module (dist and src) see one sink. */
const KEY = Symbol.for("slipway.renderSink");
const holder = globalThis as unknown as { [KEY]?: RenderSink };

/** The sink of the fast render in progress, if any. */
export function activeRenderSink(): RenderSink | undefined {
  return holder[KEY];
}

/** Installs (or, with undefined, removes) the sink every registration consults. */
export function setRenderSink(sink: RenderSink | undefined): void {
  if (sink) holder[KEY] = sink;
  else delete holder[KEY];
}
