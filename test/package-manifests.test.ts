import { builtinModules } from "module";
import { readdirSync, readFileSync, statSync } from "fs";
import { join, resolve } from "path";

/** Every package must install from its tarball alone: whatever its code imports, its package.json declares. */
const PACKAGES = resolve(__dirname, "../packages");

interface Manifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const packageDirs = readdirSync(PACKAGES).filter((d) => statSync(join(PACKAGES, d, "package.json"), { throwIfNoEntry: false })?.isFile());
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(PACKAGES, dir, "package.json"), "utf8")) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** The package a module specifier loads: `@pulumi/pulumi/runtime` -> `@pulumi/pulumi`; relative paths and Node's own modules -> none. */
function packageOf(specifier: string): string | undefined {
  // Text that only looks like an import (inside a string or a regular expression) is no module name.
  if (!/^(@[a-z0-9._~-]+\/)?[a-z0-9._~-][a-z0-9._~/-]*$/.test(specifier)) return undefined;
  if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0])) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Packages a source file imports, requires or loads dynamically (type-only imports too: the .d.ts files need them). */
export function importedPackages(source: string): string[] {
  // Template literals are text (e.g. the files `slipway init` writes), not this package's imports.
  const code = source.replace(/`(?:\\.|[^`\\])*`/gs, "``");
  const specifiers = [...code.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|(?<![.\w])require\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)].map((m) => m[1]);
  return [...new Set(specifiers.map(packageOf).filter((p): p is string => p !== undefined))].sort();
}

describe("package manifests", () => {
  it("finds every package", () => {
    expect(packageDirs).toEqual(expect.arrayContaining(["core", "checks", "apps", "testing", "cli"]));
  });

  it("reads imports of every form", () => {
    const source =
      'import * as a from "@pulumi/pulumi/runtime";\nimport type { B } from "@slipway/checks";\nconst c = require("yaml");\nimport "side-effect";\nconst d = await import("@hpcc-js/wasm-graphviz");\nimport { e } from "./local";\nimport { f } from "fs";\n' +
      'const g = config.require("tenant");\nconst h = `import { i } from "@slipway/apps";`;';
    expect(importedPackages(source)).toEqual(["@hpcc-js/wasm-graphviz", "@pulumi/pulumi", "@slipway/checks", "side-effect", "yaml"]);
  });

  describe.each(packageDirs)("@slipway/%s", (dir) => {
    const manifest = manifestOf(dir);

    it("declares every package its sources import", () => {
      const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
      const missing = sourceFiles(join(PACKAGES, dir, "src")).flatMap((file) =>
        importedPackages(readFileSync(file, "utf8"))
          .filter((p) => p !== manifest.name && !declared.has(p))
          .map((p) => `${p} (imported by ${file.slice(PACKAGES.length + 1)})`),
      );
      expect(missing).toEqual([]);
    });

    it("depends on its sibling packages at their exact versions", () => {
      const siblings = Object.fromEntries(packageDirs.map((d) => [manifestOf(d).name, manifestOf(d).version]));
      for (const [name, range] of Object.entries(manifest.dependencies ?? {})) if (name in siblings) expect(`${name}@${range}`).toBe(`${name}@${siblings[name]}`);
    });

    it("builds dist when packed and ships it with its types", () => {
      expect(manifest.scripts?.prepack).toBe("tsc -b");
      expect(manifest.files).toContain("dist");
      expect(manifest.main).toBe("dist/index.js");
      expect(manifest.types).toBe("dist/index.d.ts");
    });

    it("takes @pulumi packages as peers, so a team's project holds one copy of each", () => {
      expect(Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith("@pulumi/"))).toEqual([]);
    });
  });
});
