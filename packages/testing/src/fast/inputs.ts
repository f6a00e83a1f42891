import * as pulumi from "@pulumi/pulumi";
import { pathSegment as join } from "../redact";
import { outputState } from "../pulumi-internals";

/** A planned resource's inputs as the engine path records them: plain values, secret paths, and per property the resources they came from. */
export interface ResolvedInputs {
  value: Record<string, unknown>;
  secretPaths: string[];
  propertyResources: Map<string, Set<pulumi.Resource>>;
}

/** The failed render's marker in place of an input that could not be resolved (as the engine path's guard writes). */
export const FAILED_INPUT = "<input failed; see the render error>";

interface Walk {
  secrets: string[];
  resources: Set<pulumi.Resource>;
}

/** What `copyPlain` answers for a value with something to wait for inside. */
const NOT_PLAIN = Symbol("not plain");

/**
 * A plain value as the runtime records it (functions and undefined keys dropped, undefined array items
 * null, keys sorted as the protobuf Struct of the engine path sorts them), or NOT_PLAIN when an Output,
 * Promise or resource is inside: most manifests copy in one pass without a single await.
 */
function copyPlain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "function" ? undefined : value;
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyPlain(value[i]);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      items[i] = item ?? null;
    }
    return items;
  }
  if (value instanceof Promise || pulumi.Output.isInstance(value) || pulumi.Resource.isInstance(value)) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = copyPlain((value as Record<string, unknown>)[key]);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== undefined) out[key] = item;
  }
  return out;
}

/** Resolves Outputs and Promises anywhere in `value`, noting secret paths and the resources outputs came from (as rpc.serializeProperty does). */
async function resolve(value: unknown, path: string, walk: Walk): Promise<unknown> {
  const plain = copyPlain(value);
  if (plain !== NOT_PLAIN) return plain;
  if (value instanceof Promise) return resolve(await value, path, walk);
  if (pulumi.Output.isInstance(value)) {
    const state = outputState(value);
    for (const resource of await state.resources()) walk.resources.add(resource);
    const [known, secret] = await Promise.all([state.isKnown, state.isSecret]);
    if (secret === true) walk.secrets.push(path);
    const inner = await resolve(await state.value(), path, walk);
    return known ? inner : undefined;
  }
  if (pulumi.Resource.isInstance(value)) {
    // A reference to another resource reads as its URN, and is a dependency.
    walk.resources.add(value);
    return outputState(value.urn).value();
  }
  if (Array.isArray(value)) {
    const items = [];
    for (let i = 0; i < value.length; i++) items.push((await resolve(value[i], join(path, i), walk)) ?? null);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object).sort()) {
    const item = await resolve((value as Record<string, unknown>)[key], join(path, key), walk);
    if (item !== undefined) out[key] = item;
  }
  return out;
}

/**
 * Resolves a planned resource's inputs; `secret` keys read as the typed class' `pulumi.secret(value)`
 * would: one secret path for the key, whatever was secret inside. A property whose value fails is
 * reported through `onFailure` (its message prefixed as the runtime prefixes it) and recorded as
 * FAILED_INPUT, as on the engine path. Inputs with nothing to wait for resolve without an await.
 */
export function resolveInputs(inputs: Record<string, unknown>, secret: readonly string[], onFailure: (err: unknown) => void): ResolvedInputs | Promise<ResolvedInputs> {
  const keys = Object.keys(inputs).filter((key) => key !== "id" && key !== "urn").sort();
  const plain: Record<string, unknown> = {};
  for (const key of keys) {
    const value = copyPlain(inputs[key]);
    if (value === NOT_PLAIN) return resolveSlowly(inputs, keys, secret, onFailure);
    if (value !== undefined) plain[key] = value;
  }
  const propertyResources = new Map(Object.keys(plain).map((key) => [key, new Set<pulumi.Resource>()]));
  return { value: plain, secretPaths: secret.filter((key) => key in plain), propertyResources };
}

async function resolveSlowly(inputs: Record<string, unknown>, keys: string[], secret: readonly string[], onFailure: (err: unknown) => void): Promise<ResolvedInputs> {
  const result: ResolvedInputs = { value: {}, secretPaths: [], propertyResources: new Map() };
  for (const key of keys) {
    const walk: Walk = { secrets: [], resources: new Set() };
    let value: unknown;
    try {
      value = await resolve(inputs[key], key, walk);
    } catch (err) {
      if (err instanceof Error) err.message = `error serializing property "${key}": ${err.message}`;
      onFailure(err);
      result.value[key] = FAILED_INPUT;
      result.propertyResources.set(key, new Set());
      continue;
    }
    if (value === undefined) continue;
    result.value[key] = value;
    result.secretPaths.push(...(secret.includes(key) ? [key] : walk.secrets));
    result.propertyResources.set(key, walk.resources);
  }
  return result;
}
