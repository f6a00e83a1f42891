import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite, SlipwayInputError } from "@slipway/core";
import { CONFIG_KEYS } from "./config-keys";
import { closestKey, unknownKeys } from "./key-node";

/** The config namespace of the platform project: keys are `platform:<section>`. */
export const NAMESPACE = "platform";

/** Every section the platform reads; any other `platform:` key is a typo and fails. */
export const SECTIONS = ["cluster", "nodePools", "autoscaling", "network", "storage", "registry", "dns", "gateway", "certificates", "monitoring", "logging", "backups", "tenants"] as const;
export type Section = (typeof SECTIONS)[number];

/** Secret settings, each its own key so it can be `secure:` in the stack file. */
export const SECRETS = ["loggingPassword", "alertWebhookUrl"] as const;

/** Sections every stack must set. */
const REQUIRED: Section[] = ["cluster", "registry", "dns", "gateway", "certificates", "monitoring", "tenants"];

/** The site of stack-config errors: `Stack config "local": platform:cluster.kind ("gke") must be one of ...`. */
export function configSite(): InputSite {
  return { component: "Stack config", name: pulumi.getStack() };
}

/** Fails on the first key of a section its component's args do not have (a typo), suggesting the closest valid key. */
function failOnUnknownKey(section: Section, value: unknown): void {
  const [first] = unknownKeys(value, CONFIG_KEYS[section] ?? {}, `${NAMESPACE}:${section}`);
  if (!first) return;
  const closest = closestKey(first.key, first.valid);
  const at = first.path.slice(0, -first.key.length - 1);
  const hint = `${closest ? `did you mean ${at}.${closest}? ` : ""}valid keys of ${at}: ${first.valid.join(", ")}`;
  fail(configSite(), first.path, lookUp(value, first.path.slice(`${NAMESPACE}:${section}`.length)), "is not a setting", hint);
}

/** The value at `.a.b[0].c` under `value`. */
function lookUp(value: unknown, path: string): unknown {
  return [...path.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].reduce<unknown>((v, m) => (v as Record<string, unknown> | undefined)?.[m[1] ?? Number(m[2])], value);
}

/** The stack's `platform:` sections as plain objects, checked for presence, shape and unknown keys. */
export function readSections(): Partial<Record<Section, Record<string, unknown>>> {
  const site = configSite();
  const all = pulumi.runtime.allConfig();
  const sections: Partial<Record<Section, Record<string, unknown>>> = {};
  for (const [key, raw] of Object.entries(all)) {
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    const section = key.slice(NAMESPACE.length + 1);
    if ((SECRETS as readonly string[]).includes(section)) continue;
    if (!(SECTIONS as readonly string[]).includes(section)) fail(site, key, section, "is not a platform setting", `use one of ${[...SECTIONS, ...SECRETS].map((s) => `${NAMESPACE}:${s}`).join(", ")}`);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // A plain string value; sections must be objects, which the check below reports.
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) fail(site, key, value, "must be an object of settings");
    failOnUnknownKey(section as Section, value);
    sections[section as Section] = value as Record<string, unknown>;
  }
  for (const section of REQUIRED) {
    if (!sections[section]) fail(site, `${NAMESPACE}:${section}`, undefined, "is missing", `add ${NAMESPACE}:${section} to stacks/Pulumi.${pulumi.getStack()}.yaml`);
  }
  return sections;
}

/**
 * Builds a component from a config section; the component's own input errors are reported against
 * the config key they came from (`platform:network.ipPools[0].cidr`), since section fields are its args.
 */
export function fromSection<T>(section: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof SlipwayInputError)) throw error;
    const path = `${NAMESPACE}:${section}.${error.path}`;
    throw new SlipwayInputError(configSite(), path, error.value, `${error.problem} (in ${error.site.component} "${error.site.name}")`, error.hint);
  }
}

/**
 * Every Kubernetes group a team's access entry maps to must be one a tenant binds: the tenant's
 * RoleBindings are all the rights a team gets, so an unbound group is a team locked out (or a typo).
 */
export function checkTeamGroups(cluster: Record<string, unknown>, tenants: Record<string, { groups?: object }>): void {
  const bound = new Set(Object.values(tenants).flatMap((t) => Object.values(t?.groups ?? {}).flatMap((g: unknown) => (Array.isArray(g) ? g : []))));
  const teams = (cluster.access as { teams?: { groups?: unknown }[] } | undefined)?.teams ?? [];
  teams.forEach((team, i) =>
    (Array.isArray(team?.groups) ? team.groups : []).forEach((group: unknown, j: number) => {
      if (!bound.has(group)) fail(configSite(), `${NAMESPACE}:cluster.access.teams[${i}].groups[${j}]`, group, "is bound by no tenant", `bind it in a tenant's groups, e.g. ${NAMESPACE}:tenants.<tenant>.groups.developer`);
    }),
  );
}
