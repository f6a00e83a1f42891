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

/** Renders a target with the CLI; returns the CLI's error text when it failed. */
export function renderTarget(repoRoot: string, target: Target, outDir: string): string | undefined {
  const cli = join(repoRoot, "packages/cli/dist/bin.js");
  const result = spawnSync(process.execPath, [cli, "render", relative(repoRoot, target.dir) || ".", "--stack", target.stack, "--out", outDir], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  // The CLI prints "Rendered stack ..." only when the program ran to the end.
  if (result.status !== 0 || !/Rendered stack/.test(output)) return output.trim() || `exit ${result.status}`;
  return undefined;
}
