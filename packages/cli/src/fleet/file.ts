import { existsSync, readdirSync, readFileSync } from "fs";
import { dirname, join, resolve } from "path";
import { parse } from "yaml";
import { checkDnsLabel, checkImage, fail, InputSite } from "@slipway/core";
import { loadProject } from "../project";

/** Versions a fleet wants; `slipway fleet status` reports every difference as drift. */
export interface FleetDesired {
  /** Kubernetes minor version of the clusters, e.g. "1.33" (platform output `kubernetesVersion`). */
  kubernetesVersion?: string;
  /** Chart name -> version (platform output `charts`). */
  charts?: Record<string, string>;
  /** App name -> image, by tag or digest (team output `apps.<app>.image`). */
  images?: Record<string, string>;
}

/** One stack of the fleet, platform or team, with everything the fleet commands need to drive it. */
export interface FleetStack {
  /** `<project>/<stack>`, e.g. `platform/dev` or `shop/dev`: how the stack is named in every report. */
  id: string;
  kind: "platform" | "team";
  /** The program directory (absolute). */
  dir: string;
  project: string;
  stack: string;
  environment: string;
  cluster: string;
  region?: string;
  /** A team stack's platform stack (its id). */
  platform?: string;
  /** What this stack should run: the fleet's, its cluster's and its own `desired`, the nearest winning. */
  desired: FleetDesired;
  /** App name -> the config key `slipway promote` writes its image to. @default `<project>:images.<app>` */
  imageKeys: Record<string, string>;
}

/** A fleet: where it was read from and its stacks, platform stacks first. */
export interface Fleet {
  source: string;
  stacks: FleetStack[];
}

/** The fleet file `slipway fleet` reads when none is given. */
export const FLEET_FILE = "fleet.yaml";

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

function object(site: InputSite, path: string, value: unknown, optional = true): Raw {
  if (value === undefined && optional) return {};
  if (!isObject(value)) return fail(site, path, value, "must be a mapping");
  return value;
}

function text(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || !value) return fail(site, path, value, "must be a non-empty string");
  return value;
}

function stringMap(site: InputSite, path: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const map = object(site, path, value);
  for (const [k, v] of Object.entries(map)) text(site, `${path}.${k}`, v);
  return map as Record<string, string>;
}

function desired(site: InputSite, path: string, value: unknown): FleetDesired {
  const raw = object(site, path, value);
  const unknown = Object.keys(raw).filter((k) => !["kubernetesVersion", "charts", "images"].includes(k));
  if (unknown.length) fail(site, `${path}.${unknown[0]}`, raw[unknown[0]], "is not a desired version", "use kubernetesVersion, charts or images");
  // Unquoted, YAML reads 1.30 as the number 1.3: only a string is a version.
  if (raw.kubernetesVersion !== undefined && !(typeof raw.kubernetesVersion === "string" && /^1\.[0-9]+$/.test(raw.kubernetesVersion))) {
    fail(site, `${path}.kubernetesVersion`, raw.kubernetesVersion, "is not a quoted Kubernetes minor version", 'quote it, e.g. "1.33"');
  }
  const images = stringMap(site, `${path}.images`, raw.images);
  for (const [app, image] of Object.entries(images ?? {})) checkImage(site, `${path}.images.${app}`, image);
  const charts = stringMap(site, `${path}.charts`, raw.charts);
  return {
    ...(typeof raw.kubernetesVersion === "string" ? { kubernetesVersion: raw.kubernetesVersion } : {}),
    ...(charts ? { charts } : {}),
    ...(images ? { images } : {}),
  };
}

function merge(...layers: FleetDesired[]): FleetDesired {
  const out: FleetDesired = {};
  for (const layer of layers) {
    if (layer.kubernetesVersion) out.kubernetesVersion = layer.kubernetesVersion;
    if (layer.charts) out.charts = { ...out.charts, ...layer.charts };
    if (layer.images) out.images = { ...out.images, ...layer.images };
  }
  return out;
}

function programDir(site: InputSite, path: string, root: string, value: unknown): { dir: string; project: string } {
  const dir = resolve(root, text(site, path, value));
  if (!existsSync(join(dir, "Pulumi.yaml"))) fail(site, path, value, `has no Pulumi.yaml (looked in ${dir})`, "point at a Pulumi program directory, relative to the fleet file");
  return { dir, project: loadProject(dir).name };
}

/**
 * Parses a fleet file:
 * ```yaml
 * platform: .                        # the platform program, relative to this file
 * desired: { kubernetesVersion: "1.33" }
 * environments:
 *   prod:
 *     - { stack: prod-eu, cluster: acme-prod-eu, region: eu-west-1,
 *         teams: [{ dir: examples/shop, stack: prod-eu, images: { web: shop:webImage } }] }
 * ```
 * Throws a SlipwayInputError naming the file and the field for anything it cannot use.
 */
export function parseFleet(source: string, content: unknown): Fleet {
  const site: InputSite = { component: "Fleet", name: source };
  const root = dirname(resolve(source));
  const raw = object(site, "(file)", content, false);
  const known = ["platform", "desired", "environments"];
  const stray = Object.keys(raw).find((k) => !known.includes(k));
  if (stray) fail(site, stray, raw[stray], "is not a fleet field", `use ${known.join(", ")}`);
  const platformProgram = programDir(site, "platform", root, raw.platform ?? ".");
  const fleetDesired = desired(site, "desired", raw.desired);
  const environments = object(site, "environments", raw.environments, false);
  if (!Object.keys(environments).length) fail(site, "environments", environments, "lists no environment", "add e.g. dev: [{ stack: dev, cluster: acme-dev }]");
  const platforms: FleetStack[] = [];
  const teams: FleetStack[] = [];
  const ids = new Set<string>();
  const unique = (path: string, s: FleetStack) => {
    if (ids.has(s.id)) fail(site, path, s.id, "is listed twice", "a stack runs on one cluster: give each its own stack name");
    ids.add(s.id);
  };
  for (const [environment, clusters] of Object.entries(environments)) {
    checkDnsLabel(site, `environments.${environment}`, environment);
    if (!Array.isArray(clusters) || !clusters.length) fail(site, `environments.${environment}`, clusters, "must list the environment's platform stacks");
    clusters.forEach((entry: unknown, i: number) => {
      const path = `environments.${environment}[${i}]`;
      const c = object(site, path, entry, false);
      const stack = text(site, `${path}.stack`, c.stack);
      const cluster = text(site, `${path}.cluster`, c.cluster ?? stack);
      const region = c.region === undefined ? undefined : text(site, `${path}.region`, c.region);
      const clusterDesired = merge(fleetDesired, desired(site, `${path}.desired`, c.desired));
      const platform: FleetStack = { id: `${platformProgram.project}/${stack}`, kind: "platform", ...platformProgram, stack, environment, cluster, ...(region ? { region } : {}), desired: clusterDesired, imageKeys: {} };
      unique(`${path}.stack`, platform);
      platforms.push(platform);
      const teamList = c.teams ?? [];
      if (!Array.isArray(teamList)) fail(site, `${path}.teams`, teamList, "must be a list of { dir, stack }");
      teamList.forEach((t: unknown, j: number) => {
        const tpath = `${path}.teams[${j}]`;
        const team = object(site, tpath, t, false);
        const program = programDir(site, `${tpath}.dir`, root, team.dir);
        const teamStack = text(site, `${tpath}.stack`, team.stack);
        const member: FleetStack = {
          id: `${program.project}/${teamStack}`,
          kind: "team",
          ...program,
          stack: teamStack,
          environment,
          cluster,
          ...(region ? { region } : {}),
          platform: platform.id,
          desired: merge(clusterDesired, desired(site, `${tpath}.desired`, team.desired)),
          imageKeys: stringMap(site, `${tpath}.images`, team.images) ?? {},
        };
        unique(`${tpath}.stack`, member);
        teams.push(member);
      });
    });
  }
  return { source, stacks: [...platforms, ...teams] };
}

/** A fleet made of a platform program's stack files alone (no fleet file): one platform stack per `Pulumi.<env>.yaml`. */
export function fleetFromStacks(programDirectory: string): Fleet {
  const project = loadProject(programDirectory);
  const stacks = readdirSync(project.stackConfigDir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
  return {
    source: project.stackConfigDir,
    stacks: stacks.map((stack) => ({ id: `${project.name}/${stack}`, kind: "platform", dir: project.dir, project: project.name, stack, environment: stack, cluster: stack, desired: {}, imageKeys: {} })),
  };
}

/** The fleet at `file`, else `fleet.yaml` in `dir`, else the stack files of the program in `dir`. */
export function loadFleet(file: string | undefined, dir = "."): Fleet {
  const path = file ?? join(dir, FLEET_FILE);
  if (file === undefined && !existsSync(path)) return fleetFromStacks(dir);
  if (!existsSync(path)) throw new Error(`${path} not found: give a fleet file (--fleet) listing the fleet's stacks`);
  return parseFleet(path, parse(readFileSync(path, "utf8")));
}

/** The config key a promotion of `app` writes in `stack`'s config. */
export function imageKeyOf(stack: FleetStack, app: string): string {
  return stack.imageKeys[app] ?? `${stack.project}:images.${app}`;
}
