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

/** True when `value` holds nothing to wait for: most manifests, which then copy without a single await. */
function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== "object") return typeof value !== "function";
  if (value instanceof Promise || pulumi.Output.isInstance(value) || pulumi.Resource.isInstance(value)) return false;
  if (Array.isArray(value)) return value.every(isPlain);
  for (const key in value) if (!isPlain((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** A plain value as the runtime serializes it: functions and undefined keys dropped, undefined array items null. */
function copyPlain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "function" ? undefined : value;
  if (Array.isArray(value)) return value.map((item) => copyPlain(item) ?? null);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyPlain((value as Record<string, unknown>)[key]);
    if (item !== undefined) out[key] = item;
  }
  return out;
}

/** Resolves Outputs and Promises anywhere in `value`, noting secret paths and the resources outputs came from (as rpc.serializeProperty does). */
async function resolve(value: unknown, path: string, walk: Walk): Promise<unknown> {
  if (isPlain(value)) return copyPlain(value);
  if (value instanceof Promise) return resolve(await value, path, walk);
  if (pulumi.Output.isInstance(value)) {
    const state = outputState(value);
    for (const resource of await state.resources) walk.resources.add(resource);
    const [known, secret] = await Promise.all([state.isKnown, state.isSecret]);
    if (secret === true) walk.secrets.push(path);
    const inner = await resolve(await state.value, path, walk);
    return known ? inner : undefined;
  }
  if (pulumi.Resource.isInstance(value)) {
    // A reference to another resource reads as its URN, and is a dependency.
    walk.resources.add(value);
    return outputState(value.urn).value;
  }
  if (Array.isArray(value)) {
    const items = [];
    for (let i = 0; i < value.length; i++) items.push((await resolve(value[i], join(path, i), walk)) ?? null);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) {
    const item = await resolve((value as Record<string, unknown>)[key], join(path, key), walk);
    if (item !== undefined) out[key] = item;
  }
  return out;
}

/**
 * Resolves a planned resource's inputs. A property whose value fails is reported through `onFailure`
 * (its message prefixed as the runtime prefixes it) and recorded as FAILED_INPUT, as on the engine path.
 */
export async function resolveInputs(inputs: Record<string, unknown>, onFailure: (err: unknown) => void): Promise<ResolvedInputs> {
  const result: ResolvedInputs = { value: {}, secretPaths: [], propertyResources: new Map() };
  for (const key of Object.keys(inputs)) {
    if (key === "id" || key === "urn") continue;
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
    result.secretPaths.push(...walk.secrets);
    result.propertyResources.set(key, walk.resources);
  }
  return result;
}
