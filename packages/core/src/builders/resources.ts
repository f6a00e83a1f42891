import * as k8s from "@pulumi/kubernetes";
import { fail, InputSite } from "../errors";
import { DefaultsProfile, SIZE_PRESETS, SizePreset } from "../profile";
import { checkOneOf, checkQuantity } from "../validate";

/** Explicit sizes; anything left out comes from the profile's preset. */
export interface ResourceOverrides {
  requests?: { cpu?: string; memory?: string; ephemeralStorage?: string };
  limits?: { cpu?: string | null; memory?: string; ephemeralStorage?: string };
}

/** A preset name ("small"), or explicit requests/limits layered over the profile's preset. */
export type ResourcesSpec = SizePreset | ResourceOverrides;

type Quantities = Record<string, string>;

/**
 * Builds `resources` with CPU, memory and ephemeral-storage requests and limits (CHECKS R1-R3).
 * `cpuLimit: null` (or `limits.cpu: null`) removes only the CPU limit, explicitly.
 */
export function buildResources(
  site: InputSite,
  path: string,
  profile: DefaultsProfile,
  spec: ResourcesSpec | undefined,
  cpuLimit?: string | null,
): k8s.types.input.core.v1.ResourceRequirements {
  const presetName = typeof spec === "string" ? checkOneOf(site, path, spec, Object.keys(SIZE_PRESETS) as SizePreset[]) : profile.size;
  const preset = SIZE_PRESETS[presetName];
  const overrides = typeof spec === "object" && spec !== null ? spec : {};
  const requests = { ...preset.requests, ...overrides.requests };
  const limits: { cpu?: string | null; memory: string; ephemeralStorage: string } = { ...preset.limits, ...overrides.limits };
  if (cpuLimit !== undefined) limits.cpu = cpuLimit;
  const kinds = { cpu: "cpu", memory: "memory", ephemeralStorage: "storage" } as const;
  const out: { requests: Quantities; limits: Quantities } = { requests: {}, limits: {} };
  for (const [field, kind] of Object.entries(kinds) as [keyof typeof kinds, (typeof kinds)[keyof typeof kinds]][]) {
    const key = field === "ephemeralStorage" ? "ephemeral-storage" : field;
    const request = requests[field];
    const requested = checkQuantity(site, `${path}.requests.${field}`, request, kind);
    out.requests[key] = request;
    const limit = limits[field];
    if (limit === null || limit === undefined) continue;
    const limited = checkQuantity(site, `${path}.limits.${field}`, limit, kind);
    const explicit = overrides.limits?.[field] !== undefined || (field === "cpu" && cpuLimit !== undefined);
    if (limited < requested && explicit) fail(site, `${path}.limits.${field}`, limit, `is below the request ${request}`, "raise the limit or lower the request");
    // A raised request with the preset's limit would be refused by the API server: lift the limit to match.
    out.limits[key] = limited < requested ? request : limit;
  }
  return out;
}
