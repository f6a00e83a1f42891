import { readdirSync, existsSync, readFileSync } from "fs";
import * as path from "path";
import * as ts from "typescript";
import { loadProject, loadStackConfig, PulumiProject } from "@slipway/cli";
import { Program, render, Rendered, RenderOptions } from "@slipway/testing";
import { ROOT } from "./stacks.support";

/** Every example project: examples/<name> with a Pulumi.yaml, and the first stack file it has. */
export const EXAMPLES = readdirSync(path.join(ROOT, "examples"))
  .filter((name) => existsSync(path.join(ROOT, "examples", name, "Pulumi.yaml")))
  .sort()
  .map((name) => {
    const dir = path.join(ROOT, "examples", name);
    const stack = readdirSync(dir).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort()[0];
    return { name, dir, stack };
  });

/**
 * The project's entry as a program that runs afresh on every render. Jest keeps one module registry
 * per test file, so requiring the entry twice would not run it twice: the entry alone is evaluated
 * anew, its imports (the example's functions, the packages) come from the registry as usual.
 */
function freshEntry(project: PulumiProject): Program {
  return () => {
    const file = require.resolve(project.main);
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    const module = { exports: {} as unknown };
    // Jest's own require, so the packages are the ones the mocks were set on.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (id: string) => require(id.startsWith(".") ? path.resolve(path.dirname(file), id) : id);
    new Function("require", "module", "exports", outputText)(load, module, module.exports);
    return typeof module.exports === "function" ? (module.exports as () => unknown)() : module.exports;
  };
}

/** The platform stack an example's config names (`<org>/platform/<stack>`), moved onto `platformStack`. */
const PLATFORM_REF = /^([\w.-]+)\/platform\/[\w.-]+$/;

/**
 * Renders an example as `slipway render` does, on the given platform render: every config value that
 * names a platform stack points at `<org>/platform/<platformStack>`, and that reference is answered
 * with the platform render's own outputs, so the fixture cannot drift from the platform.
 */
export async function renderExampleOn(example: { dir: string; stack: string }, platformStack: string, platform: Rendered, options: Pick<RenderOptions, "fast"> = {}): Promise<Rendered> {
  const project = loadProject(example.dir);
  const { config, secretKeys } = loadStackConfig(project, example.stack);
  const references: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(config)) {
    const match = typeof value === "string" ? PLATFORM_REF.exec(value) : null;
    if (!match) continue;
    const name = `${match[1]}/platform/${platformStack}`;
    config[key] = name;
    references[name] = platform.outputs;
  }
  return render(freshEntry(project), { project: project.name, stack: example.stack, config, secretConfigKeys: secretKeys, stackReferences: references, ...options });
}
