import { Manifest } from "@slipway/core";
import { Rendered, REDACTED, toYamlDocuments, validateManifests } from "@slipway/testing";
import { write } from "../write";
import { GitOpsOptions, syncObjects } from "./sync-objects";
import { folderOrder } from "./waves";

/** True when any value under `value` is the redaction marker: such an object must not be applied. */
export function holdsRedacted(value: unknown): boolean {
  if (value === REDACTED) return true;
  if (Array.isArray(value)) return value.some(holdsRedacted);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsRedacted);
  return false;
}

/** What the cluster must provide before the sync: each object left out, with the keys it holds. */
function requiredObjects(left: readonly Manifest[]): unknown[] {
  return left.map((m) => {
    const keys = ["data", "stringData"].flatMap((field) => Object.keys((m[field] as Record<string, unknown> | undefined) ?? {}));
    return { apiVersion: m.apiVersion, kind: m.kind, namespace: m.metadata.namespace, name: m.metadata.name, ...(keys.length ? { keys: [...new Set(keys)].sort() } : {}) };
  });
}

/**
 * Writes `gitops/<tool>.yaml` (the sync objects, in apply order) and `gitops/required-secrets.yaml`
 * (the secret-bearing objects left out of the render, for the cluster to provide, e.g. through
 * External Secrets). Fails when a sync object does not validate against the tool's CRDs.
 */
export function writeGitOps(rendered: Rendered, outDir: string, options: GitOpsOptions, crdDirs: string[]): string[] {
  const objects = syncObjects(folderOrder(rendered), options);
  const problems = crdDirs.length ? validateManifests(objects, { crdDirs }) : [];
  if (problems.length) throw new Error(`the ${options.tool} sync objects do not validate: ${problems.map((p) => `${p.object}: ${p.message}`).join("; ")}`);
  const left = rendered.redactedManifests().filter(holdsRedacted);
  const files = [`gitops/${options.tool}.yaml`, "gitops/required-secrets.yaml"];
  write(outDir, files[0], toYamlDocuments(objects));
  write(outDir, files[1], `# Left out of the render: they hold secret values. Provide them in the cluster before the first sync.\n${toYamlDocuments([requiredObjects(left)])}`);
  return files;
}
