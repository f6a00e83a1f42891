import { fail, InputSite } from "@slipway/core";

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.(nano|micro|small|medium|large|xlarge|[0-9]+xlarge|metal(-[0-9]+xl)?)$/;
const INSTANCE_FAMILY = /^[a-z]+[0-9]+[a-z-]*$/;
/** Graviton families carry a "g" right after the generation digit (m7g, c6gn, r8gd, t4g). */
const ARM_FAMILY = /^[a-z]+[0-9]+g[a-z]*(\.|$)/;

/** Instance types or families of one CPU architecture. */
export interface InstanceChoice {
  instanceTypes?: string[];
  instanceFamilies?: string[];
  arm: boolean;
}

function checkList(site: InputSite, path: string, values: unknown, pattern: RegExp, what: string, example: string): string[] {
  if (!Array.isArray(values) || values.length === 0) return fail(site, path, values, `must list at least one ${what}`, `e.g. [${example}]`);
  values.forEach((value, i) => {
    if (typeof value !== "string" || !pattern.test(value)) fail(site, `${path}[${i}]`, value, `is not an EC2 ${what}`, `e.g. ${example}`);
    if (values.indexOf(value) !== i) fail(site, `${path}[${i}]`, value, "is listed twice");
  });
  return values as string[];
}

/**
 * Validates instance types and/or families (at least one list) and that every entry has the CPU
 * architecture of the first: a pool's nodes share one AMI.
 */
export function checkInstanceChoice(site: InputSite, types: unknown, families: unknown): InstanceChoice {
  const instanceTypes = types === undefined ? undefined : checkList(site, "instanceTypes", types, INSTANCE_TYPE, "instance type", '"m6i.large" or "m7g.xlarge"');
  const instanceFamilies = families === undefined ? undefined : checkList(site, "instanceFamilies", families, INSTANCE_FAMILY, "instance family", '"m6i" or "c7g"');
  const entries: [string, string][] = [...(instanceTypes ?? []).map((t, i): [string, string] => [`instanceTypes[${i}]`, t]), ...(instanceFamilies ?? []).map((f, i): [string, string] => [`instanceFamilies[${i}]`, f])];
  if (entries.length === 0) return fail(site, "instanceTypes", types, "must list at least one instance type", 'e.g. ["m6i.large"]');
  const arm = ARM_FAMILY.test(entries[0][1]);
  const mixed = entries.find(([, value]) => ARM_FAMILY.test(value) !== arm);
  if (mixed) fail(site, mixed[0], mixed[1], `has another CPU architecture than ${entries[0][0]}`, "make one pool per architecture (arm64 and x86_64)");
  return { instanceTypes, instanceFamilies, arm };
}
