import { existsSync, readFileSync } from "fs";
import { join, resolve } from "path";
import { parse } from "yaml";

/** Default config values declared in Pulumi.yaml (`config: { key: { default } }` or `key: value`). */
export type ProjectConfigDefaults = Record<string, unknown>;

/** What `slipway` needs from a Pulumi project. */
export interface PulumiProject {
  /** Project name (`name:` in Pulumi.yaml). */
  name: string;
  /** Runtime name, e.g. `nodejs`. */
  runtime: string;
  /** Absolute path of the program directory (where Pulumi.yaml lives). */
  dir: string;
  /** Absolute path of the program's entry (`main:`, default the directory itself). */
  main: string;
  /** Absolute path of the directory holding Pulumi.<stack>.yaml. */
  stackConfigDir: string;
  /** Config defaults from Pulumi.yaml, keys not yet qualified. */
  configDefaults: ProjectConfigDefaults;
}

interface PulumiYaml {
  name?: unknown;
  runtime?: unknown;
  main?: unknown;
  stackConfigDir?: unknown;
  config?: Record<string, unknown>;
}

function defaultsOf(config: Record<string, unknown> | undefined): ProjectConfigDefaults {
  const defaults: ProjectConfigDefaults = {};
  for (const [key, spec] of Object.entries(config ?? {})) {
    const isSchema = spec !== null && typeof spec === "object" && !Array.isArray(spec) && ("type" in spec || "default" in spec || "description" in spec);
    if (!isSchema) defaults[key] = spec;
    else if ("default" in spec) defaults[key] = (spec as { default: unknown }).default;
  }
  return defaults;
}

/** Reads `<dir>/Pulumi.yaml`; throws naming the file and field when it is not a usable project. */
export function loadProject(dir: string): PulumiProject {
  const root = resolve(dir);
  const file = join(root, "Pulumi.yaml");
  if (!existsSync(file)) throw new Error(`${file} not found: point slipway at a Pulumi program directory`);
  const yaml = (parse(readFileSync(file, "utf8")) ?? {}) as PulumiYaml;
  if (typeof yaml.name !== "string" || !yaml.name) throw new Error(`${file}: name is missing`);
  const runtime = typeof yaml.runtime === "string" ? yaml.runtime : (yaml.runtime as { name?: unknown } | undefined)?.name;
  if (runtime !== "nodejs") throw new Error(`${file}: runtime is ${JSON.stringify(runtime)}; slipway renders nodejs programs only`);
  return {
    name: yaml.name,
    runtime,
    dir: root,
    main: resolve(root, typeof yaml.main === "string" ? yaml.main : "."),
    stackConfigDir: resolve(root, typeof yaml.stackConfigDir === "string" ? yaml.stackConfigDir : "."),
    configDefaults: defaultsOf(yaml.config),
  };
}
