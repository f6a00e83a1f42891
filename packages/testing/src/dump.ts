import { Manifest } from "@slipway/core";
import { stringify } from "yaml";
import { redactLeaves, redactPaths } from "./redact";

/** A manifest safe to print: Secret data/stringData and every value that was a Pulumi secret redacted. */
export function redactManifest(manifest: Manifest, secretPaths: readonly string[] = []): Manifest {
  const redacted = redactPaths(manifest, secretPaths);
  if (manifest.kind !== "Secret" || manifest.apiVersion !== "v1") return redacted;
  const out = { ...redacted };
  for (const field of ["data", "stringData"]) if (out[field] !== undefined) out[field] = redactLeaves(out[field]);
  return out;
}

/**
 * Emitting as YAML 1.1 quotes every string a 1.1 reader would take for something else (`yes`, `on`,
 * `0755`, `1_000`, `12:30`), so kubectl's sigs.k8s.io/yaml, PyYAML and 1.2 readers all read the same data.
 */
export const YAML_OPTIONS = { version: "1.1", lineWidth: 0, sortMapEntries: false } as const;

/** Multi-document YAML in the order given, read the same by YAML 1.1 and 1.2 readers. */
export function toYamlDocuments(objects: readonly unknown[]): string {
  return objects.map((o) => stringify(o, YAML_OPTIONS)).join("---\n");
}
