import { existsSync, readFileSync, statSync } from "fs";
import { join, resolve } from "path";
import { parse } from "yaml";
import { fail } from "@slipway/core";

/**
 * Where chart rendering finds charts. Only a folder of unpacked charts (`<dir>/<chart>/Chart.yaml`,
 * dependencies unpacked under `charts/`, as `helm pull --untar` leaves them) is read; an OCI mirror
 * or a chart repository must be pulled into such a folder first, so a render never reaches a network.
 */
export interface ChartsFolder {
  kind: "folder";
  dir: string;
}

const SITE = { component: "ChartRender", name: "charts" };

/** Reads a charts setting (`--charts-dir`, `slipway:chartsDir`): a folder path; URLs are refused with what to do instead. */
export function chartsSource(setting: string, base = process.cwd()): ChartsFolder {
  if (/^(oci|https?):\/\//.test(setting)) {
    fail(SITE, "chartsDir", setting, "is a registry or repository, which offline rendering does not read", "pull the pinned charts into a folder (helm pull <chart> --version <v> --untar -d <dir>) and pass that folder");
  }
  const dir = resolve(base, setting);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(SITE, "chartsDir", setting, "is not a folder", "pass a folder of unpacked charts such as ../shared/charts");
  return { kind: "folder", dir };
}

/** The chart's name inside a reference: `oci://docker.io/envoyproxy/gateway-helm` -> `gateway-helm`. */
export function chartName(reference: string): string {
  return reference.replace(/\/+$/, "").split("/").pop() ?? reference;
}

/** The unpacked chart for `reference` at exactly `version`; fails naming the folder and what it holds. */
export function chartFolder(source: ChartsFolder, reference: string, version: string | undefined): string {
  const name = chartName(reference);
  const dir = join(source.dir, name);
  const file = join(dir, "Chart.yaml");
  if (!existsSync(file)) fail(SITE, `chartsDir/${name}`, source.dir, `holds no chart "${name}"`, `unpack ${name}${version ? ` ${version}` : ""} into ${dir}`);
  const found = (parse(readFileSync(file, "utf8")) ?? {}) as { version?: unknown };
  if (version !== undefined && String(found.version) !== version) {
    fail(SITE, `chartsDir/${name}`, String(found.version), `is not the pinned version ${version}`, `unpack ${name} ${version} into ${dir}, or pin ${String(found.version)} in the component's chart.version`);
  }
  return dir;
}
