import { existsSync, mkdirSync, readdirSync, writeFileSync } from "fs";
import { basename, dirname, join, relative, resolve } from "path";
import { checkDnsLabel } from "@slipway/core";
import { teamStackFiles } from "../init/template";
import { SLIPWAY_VERSION, TEAM_DEPENDENCIES, TEAM_DEV_DEPENDENCIES, TEAM_PACKAGES } from "../init/versions";

export interface InitOptions {
  /** The platform tenant the service runs in. @default "shop" */
  tenant?: string;
  /** The platform stack the team's stack references. @default "acme/platform/dev" */
  platformStack?: string;
  /** The platform's render directory the stack renders and tests against. @default "rendered/dev" */
  platform?: string;
  /** A directory of `npm pack` tarballs to install the @slipway packages from instead of the registry. @default the registry */
  packages?: string;
}

/** `file:` specs of the packed tarballs (`slipway-apps-0.1.0.tgz`), relative to the project; fails naming a missing one. */
function tarballSpecs(names: readonly string[], packagesDir: string, projectDir: string): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const tarball = join(resolve(packagesDir), `slipway-${name}-${SLIPWAY_VERSION}.tgz`);
      if (!existsSync(tarball)) throw new Error(`--packages ${packagesDir} has no ${basename(tarball)}: pack the packages first (npm run pack in the Slipway repository)`);
      return [`@slipway/${name}`, `file:${relative(projectDir, tarball)}`];
    }),
  );
}

function slipwayDependencies(names: readonly string[], options: InitOptions, projectDir: string): Record<string, string> {
  if (options.packages !== undefined) return tarballSpecs(names, options.packages, projectDir);
  return Object.fromEntries(names.map((name) => [`@slipway/${name}`, SLIPWAY_VERSION]));
}

const sorted = (deps: Record<string, string>) => Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));

/** Writes a new team stack into `dir` (which must not exist or be empty); returns the files written, sorted. */
export function initTeamStack(dir: string, options: InitOptions = {}): string[] {
  const projectDir = resolve(dir);
  const name = basename(projectDir);
  const site = { component: "slipway init", name };
  checkDnsLabel(site, "directory name", name);
  const tenant = options.tenant ?? "shop";
  checkDnsLabel(site, "--tenant", tenant);
  if (existsSync(projectDir) && readdirSync(projectDir).length > 0) throw new Error(`${projectDir} is not empty: slipway init scaffolds a new directory`);
  const files = teamStackFiles({
    name,
    tenant,
    platformStack: options.platformStack ?? "acme/platform/dev",
    platformRender: relative(projectDir, resolve(options.platform ?? join("rendered", "dev"))),
    dependencies: sorted({ ...TEAM_DEPENDENCIES, ...slipwayDependencies(TEAM_PACKAGES.dependencies, options, projectDir) }),
    devDependencies: sorted({ ...TEAM_DEV_DEPENDENCIES, ...slipwayDependencies(TEAM_PACKAGES.devDependencies, options, projectDir) }),
  });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(projectDir, file)), { recursive: true });
    writeFileSync(join(projectDir, file), content);
  }
  return Object.keys(files).sort();
}

/** `slipway init <dir>`: scaffolds the stack and says what to run next. */
export function initCommand(dir: string, options: InitOptions): void {
  const files = initTeamStack(dir, options);
  console.log(`Created the team stack ${basename(resolve(dir))} in ${dir}: ${files.join(", ")}`);
  console.log(`Next: cd ${dir} && npm install && npm run render && npm test`);
}
