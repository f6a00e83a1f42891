import * as pulumi from "@pulumi/pulumi";
import { InputSite } from "./errors";

/**
 * The base of every Slipway component: type token `slipway:<package>:<Type>`, children parented to
 * it, outputs registered once. Validate and plan *before* calling `super` (plain code may run
 * before it), so bad input fails before anything is registered.
 */
export abstract class SlipwayComponent extends pulumi.ComponentResource {
  /** Names this instance in input errors: `AppService "cart"`. */
  readonly site: InputSite;

  protected constructor(pkg: string, type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(`slipway:${pkg}:${type}`, name, {}, opts);
    this.site = { component: type, name };
  }

  /** Options for a child resource: parented to this component (providers and aliases then follow). */
  protected childOptions(extra?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
    return { ...extra, parent: this };
  }

  /** Ends construction: registers the outputs users see on the component. */
  protected done(outputs: pulumi.Inputs = {}): void {
    this.registerOutputs(outputs);
  }
}

/** The input site of a component that is about to be constructed (for validation before `super`). */
export function siteOf(component: string, name: string): InputSite {
  return { component, name };
}
