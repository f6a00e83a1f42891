import * as pulumi from "@pulumi/pulumi";

/**
 * The one place the test kit reaches into `@pulumi/pulumi` beyond its public API, so an upgrade
 * that moves these internals fails here, with the version, instead of as a wrong render.
 */

/** The `@pulumi/pulumi` versions these internals were read from (3.x from 3.100 on). */
export const SUPPORTED_PULUMI = { major: 3, minMinor: 100 };

/** Throws naming the installed and the supported versions unless `version` is supported. */
export function checkPulumiVersion(version: string): void {
  const match = /^(\d+)\.(\d+)\./.exec(version);
  const ok = !!match && Number(match[1]) === SUPPORTED_PULUMI.major && Number(match[2]) >= SUPPORTED_PULUMI.minMinor;
  if (!ok) {
    throw new Error(
      `@slipway/testing supports @pulumi/pulumi ${SUPPORTED_PULUMI.major}.${SUPPORTED_PULUMI.minMinor}+ (3.x); ${version} is installed: ` +
        "check packages/testing/src/pulumi-internals.ts against it before widening the range",
    );
  }
}

type Serialize = (label: string, props: Record<string, unknown>, opts?: unknown) => Promise<unknown>;
interface Internals {
  rpc: { serializeResourceProperties: Serialize; serializeProperties: Serialize };
  dependsOn: {
    gatherExplicitDependencies(dependsOn: unknown): Promise<pulumi.Resource[]>;
    getAllTransitivelyReferencedResourceURNs(resources: Set<pulumi.Resource>, exclude: Set<pulumi.Resource>): Promise<Set<string>>;
  };
  output: { getAllResources(output: unknown): Promise<Set<pulumi.Resource>> };
}

let loaded: Internals | undefined;

/** The internal modules, loaded once after the version check. */
export function internals(): Internals {
  if (loaded) return loaded;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  checkPulumiVersion((require("@pulumi/pulumi/package.json") as { version: string }).version);
  /* eslint-disable @typescript-eslint/no-require-imports */
  loaded = {
    rpc: require("@pulumi/pulumi/runtime/rpc") as Internals["rpc"],
    dependsOn: require("@pulumi/pulumi/runtime/dependsOn") as Internals["dependsOn"],
    output: require("@pulumi/pulumi/output") as Internals["output"],
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  for (const [name, fn] of [
    ["rpc.serializeResourceProperties", loaded.rpc.serializeResourceProperties],
    ["rpc.serializeProperties", loaded.rpc.serializeProperties],
    ["dependsOn.gatherExplicitDependencies", loaded.dependsOn.gatherExplicitDependencies],
    ["dependsOn.getAllTransitivelyReferencedResourceURNs", loaded.dependsOn.getAllTransitivelyReferencedResourceURNs],
    ["output.getAllResources", loaded.output.getAllResources],
  ] as const) {
    if (typeof fn !== "function") throw new Error(`@slipway/testing: @pulumi/pulumi no longer has ${name}; see packages/testing/src/pulumi-internals.ts`);
  }
  return loaded;
}

/** What an Output holds beyond its public API: its value, whether it is known or secret, the resources it came from. */
export interface OutputState {
  /** Asked for only once known to succeed: an unawaited rejection would escape the render. */
  value(): Promise<unknown>;
  isKnown: Promise<boolean>;
  isSecret: Promise<boolean>;
  /** Asked for only when needed, for the same reason. */
  resources(): Promise<Set<pulumi.Resource>>;
}

export function outputState(output: pulumi.Output<unknown>): OutputState {
  const o = output as unknown as { promise(): Promise<unknown>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
  return { value: () => o.promise(), isKnown: o.isKnown, isSecret: o.isSecret, resources: () => internals().output.getAllResources(output) };
}

/** An Output of `value` from `resources`, as a resource's own output properties are (consumers then depend on it). */
export function resourceOutput<T>(resources: pulumi.Resource[], value: Promise<T>, isSecret: Promise<boolean>): pulumi.Output<T> {
  const OutputImpl = pulumi.Output as unknown as new (r: Set<pulumi.Resource>, p: Promise<T>, k: Promise<boolean>, s: Promise<boolean>, a: Promise<Set<pulumi.Resource>>) => pulumi.Output<T>;
  return new OutputImpl(new Set(resources), value, Promise.resolve(true), isSecret, Promise.resolve(new Set()));
}

/** The URNs `dependsOn` means, components expanded to their members, as the runtime sends them. */
export async function explicitDependencyUrns(dependsOn: unknown, exclude: pulumi.Resource): Promise<Set<string>> {
  const { gatherExplicitDependencies, getAllTransitivelyReferencedResourceURNs } = internals().dependsOn;
  return getAllTransitivelyReferencedResourceURNs(new Set(await gatherExplicitDependencies(dependsOn)), new Set([exclude]));
}

/** The URNs of `resources`, components expanded to their members. */
export function dependencyUrns(resources: Set<pulumi.Resource>, exclude: pulumi.Resource): Promise<Set<string>> {
  return internals().dependsOn.getAllTransitivelyReferencedResourceURNs(resources, new Set([exclude]));
}

/** Lists `child` among `parent`'s children, so a `dependsOn` on the parent component waits for it as for a registered child. */
export function adoptChild(parent: pulumi.Resource, child: object): void {
  const p = parent as unknown as { __childResources?: Set<object> };
  p.__childResources = p.__childResources ?? new Set();
  p.__childResources.add(child);
}

/** The stack resource every parentless resource is parented to. */
export function stackResource(): pulumi.Resource | undefined {
  return (pulumi.runtime as unknown as { getStackResource(): pulumi.Resource | undefined }).getStackResource();
}

const parentTypes = new Map<string, string>();

/** The URN the mock monitor gives a resource: the parent's own type prefixes the type. */
export function mockUrn(parentUrn: string | undefined, type: string, name: string): string {
  let parentType = parentUrn === undefined ? undefined : parentTypes.get(parentUrn);
  if (parentUrn !== undefined && parentType === undefined) {
    parentType = parentUrn.split("::")[2].split("$").pop()!;
    if (parentTypes.size > 10_000) parentTypes.clear();
    parentTypes.set(parentUrn, parentType);
  }
  const qualified = parentType === undefined ? type : `${parentType}$${type}`;
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
}

/**
 * Turns off the runtime's source positions for the duration of a render: it records an unlimited
 * stack trace per resource (raising Error.stackTraceLimit itself), which only the engine's
 * diagnostics use. Returns the restore function.
 */
export function withoutSourcePositions(): () => void {
  const resource = pulumi.Resource as unknown as { callsites?: () => unknown[] };
  const original = resource.callsites;
  if (typeof original !== "function") throw new Error("@slipway/testing: @pulumi/pulumi no longer has Resource.callsites; see packages/testing/src/pulumi-internals.ts");
  resource.callsites = () => [];
  return () => {
    resource.callsites = original;
  };
}

/**
 * Calls `onAssign(field, promise)` whenever an Output's constructor assigns its `isKnown` or
 * `isSecret` promise (a setter on the prototype sees each one; the value lands on the instance).
 */
export function observeOutputPromises(onAssign: (field: string, promise: Promise<unknown>) => void): void {
  const prototype = (pulumi.Output as unknown as { prototype: object }).prototype;
  for (const field of ["isKnown", "isSecret"]) {
    Object.defineProperty(prototype, field, {
      configurable: true,
      get: () => undefined,
      set(this: object, value: Promise<unknown>) {
        Object.defineProperty(this, field, { value, writable: true, enumerable: true, configurable: true });
        onAssign(field, value);
      },
    });
  }
}

/** True when transformations (of the resource, its parent or the stack) would see a resource with these options: only the runtime applies them. */
export function hasTransformations(opts: pulumi.ResourceOptions): boolean {
  const own = opts as { transformations?: unknown[]; transforms?: unknown[] };
  const inherited = ((opts.parent ?? stackResource()) as unknown as { __transformations?: unknown[] } | undefined)?.__transformations;
  return (own.transformations?.length ?? 0) > 0 || (own.transforms?.length ?? 0) > 0 || (inherited?.length ?? 0) > 0;
}
