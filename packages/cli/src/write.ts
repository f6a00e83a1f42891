import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { Manifest } from "@slipway/core";
import { OUTPUTS_FILE } from "./platform";
import { isBuiltInApiVersion, redactPaths, Rendered, toYamlDocuments } from "@slipway/testing";

/** Marks a directory as slipway's output, so a later render may replace it wholesale. */
export const OUTPUT_MARKER = ".slipway-render";

/** `shop/deployment.yaml`, `_cluster/namespace.yaml`, `shop/servicemonitor.monitoring.coreos.com.yaml`. */
export function manifestFile(m: Manifest): string {
  const namespace = typeof m.metadata.namespace === "string" && m.metadata.namespace ? m.metadata.namespace : "_cluster";
  // Custom kinds carry their group: Calico's NetworkPolicy must not share a file with Kubernetes'.
  const group = isBuiltInApiVersion(m.apiVersion) ? "" : `.${m.apiVersion.split("/")[0]}`;
  return join(namespace, `${m.kind.toLowerCase()}${group}.yaml`);
}

/** Empties `outDir` if an earlier render wrote it; refuses to touch a non-empty directory it did not write. */
function prepareOutDir(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(join(outDir, OUTPUT_MARKER))) throw new Error(`${outDir} is not empty and was not written by slipway render; choose another --out`);
    rmSync(outDir, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, OUTPUT_MARKER), "Written by `slipway render`; the whole directory is replaced on every render.\n");
}

export function write(outDir: string, file: string, content: string): void {
  const path = join(outDir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** The charts a stack installs, for charts.yaml (secret values redacted). */
function chartEntries(rendered: Rendered): unknown[] {
  return rendered.charts().map((c) => {
    const { values } = redactPaths({ values: c.values }, c.secretPaths);
    return { name: c.name, type: c.type, chart: c.chart, version: c.version, repo: c.repo, namespace: c.namespace, values };
  });
}

/** The cloud resources of a stack, for cloud.yaml (secret inputs redacted). */
function cloudEntries(rendered: Rendered): unknown[] {
  return rendered
    .cloud()
    .map((r) => ({ type: r.type, name: r.name, inputs: redactPaths(r.inputs, r.secretPaths) }))
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

/**
 * Writes one YAML file per namespace and kind (stable order, secrets redacted), plus charts.yaml,
 * cloud.yaml and outputs.json (the stack outputs, secret ones masked, which team stacks render against
 * with `--platform`); objects `leaveOut` picks are not written. Returns the files written, relative to `outDir`, sorted.
 */
export function writeManifests(rendered: Rendered, outDir: string, options: { leaveOut?: (m: Manifest) => boolean } = {}): string[] {
  prepareOutDir(outDir);
  const byFile = new Map<string, Manifest[]>();
  for (const m of rendered.redactedManifests()) {
    if (options.leaveOut?.(m)) continue;
    const file = manifestFile(m);
    byFile.set(file, [...(byFile.get(file) ?? []), m]);
  }
  for (const [file, manifests] of byFile) write(outDir, file, toYamlDocuments(manifests));
  write(outDir, "charts.yaml", toYamlDocuments([chartEntries(rendered)]));
  write(outDir, "cloud.yaml", toYamlDocuments([cloudEntries(rendered)]));
  write(outDir, OUTPUTS_FILE, `${JSON.stringify(rendered.maskedOutputs(), null, 2)}\n`);
  return [...byFile.keys(), "charts.yaml", "cloud.yaml", OUTPUTS_FILE].sort();
}
