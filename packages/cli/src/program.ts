import { existsSync } from "fs";
import { join, sep } from "path";
import { Program } from "@slipway/testing";
import { PulumiProject } from "./project";

let tsNodeRegistered = false;

/** Lets `require` load the program's TypeScript, as `pulumi up` does: transpile only, no type check. */
function registerTypeScript(project: PulumiProject): void {
  if (tsNodeRegistered) return;
  tsNodeRegistered = true;
  const tsconfig = join(project.dir, "tsconfig.json");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsNode = require("ts-node") as typeof import("ts-node");
  tsNode.register({
    transpileOnly: true,
    ...(existsSync(tsconfig) ? { project: tsconfig } : { skipProject: true }),
    compilerOptions: { module: "commonjs", target: "ES2022", esModuleInterop: true },
  });
}

/** Forgets the program's own modules so a second render in this process runs the program again. */
function forgetProgramModules(project: PulumiProject): void {
  const own = project.dir + sep;
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(own) && !file.includes(`${sep}node_modules${sep}`)) delete require.cache[file];
  }
}

/**
 * The project's entry as a render program: requiring it creates the resources (it runs only inside
 * `render`, after the mocks are set); its exports, or what an exported function returns, are the outputs.
 */
export function loadProgram(project: PulumiProject): Program {
  return () => {
    registerTypeScript(project);
    forgetProgramModules(project);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(require.resolve(project.main)) as unknown;
    if (typeof exported === "function") return (exported as () => unknown)();
    const asModule = exported as { default?: unknown };
    if (typeof asModule?.default === "function") return (asModule.default as () => unknown)();
    return exported;
  };
}
