import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync } from "fs";
import { join, relative } from "path";
import { parse } from "yaml";

/** One program to render: the platform at the root, or an example. */
export interface Target {
  name: string;
  dir: string;
  stack: string;
}

/** The first `Pulumi.<stack>.yaml` of a project (in its stackConfigDir when it names one). */
function firstStack(projectDir: string): string | undefined {
  const project = parse(readFileSync(join(projectDir, "Pulumi.yaml"), "utf8")) as { stackConfigDir?: string };
  const configDir = join(projectDir, project.stackConfigDir ?? ".");
  const stacks = readdirSync(configDir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
  return stacks[0];
}

/** The platform's `local` stack first (examples run on top of it), then every examples/<name>/Pulumi.yaml. */
export function discoverTargets(repoRoot: string): Target[] {
  const targets: Target[] = [{ name: "platform", dir: repoRoot, stack: "local" }];
  const examples = join(repoRoot, "examples");
  for (const entry of readdirSync(examples).sort()) {
    const dir = join(examples, entry);
    if (!existsSync(join(dir, "Pulumi.yaml"))) continue;
    const stack = firstStack(dir);
    if (stack) targets.push({ name: `examples/${entry}`, dir, stack });
  }
  return targets;
}

/**
 * The stack references a target's config names that the platform's render can answer: any config
 * value `<org>/<platform project>/<platform stack>`, e.g. `shop:platformStack: acme/platform/local`.
 */
export function platformReferences(target: Target, platform: Target): string[] {
  const file = join(target.dir, `Pulumi.${target.stack}.yaml`);
  if (!existsSync(file)) return [];
  const config = ((parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> })?.config ?? {}) as Record<string, unknown>;
  const pattern = new RegExp(`^[\\w.-]+/platform/${platform.stack}$`);
  return [...new Set(Object.values(config).filter((v): v is string => typeof v === "string" && pattern.test(v)))];
}

/**
 * Renders a target as `slipway render` does (test/e2e/render-target.js), answering its stack
 * references from `references` (name -> outputs JSON file). Returns the error text when it failed.
 */
export function renderTarget(repoRoot: string, target: Target, outDir: string, references: Record<string, string> = {}): string | undefined {
  const script = join(__dirname, "render-target.js");
  const refs = Object.entries(references).map(([name, file]) => `${name}=${file}`);
  const result = spawnSync(process.execPath, [script, relative(repoRoot, target.dir) || ".", target.stack, outDir, ...refs], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (result.status === 0) return undefined;
  return `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() || `exit ${result.status}`;
}
