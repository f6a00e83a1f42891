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

/** Multi-document YAML in the order given. */
export function toYamlDocuments(objects: readonly unknown[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, sortMapEntries: false })).join("---\n");
}
