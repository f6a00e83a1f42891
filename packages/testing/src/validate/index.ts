import { Manifest } from "@slipway/core";
import { CrdIndex, crdIndexFor } from "./crds";
import { isBuiltInApiVersion, validateBuiltIn } from "./core";
import { SchemaProblem } from "./problem";

export { formatProblems } from "./problem";
export type { SchemaProblem } from "./problem";
export { CrdIndex } from "./crds";
export { isBuiltInApiVersion } from "./core";

export interface ValidateOptions {
  /** Directories of CRD YAML files (searched recursively) for validating custom resources. @default [] */
  crdDirs?: string[];
}

/**
 * Schema problems of every manifest: built-in kinds against the Kubernetes schemas, custom
 * resources against their CRD (from `crdDirs` or rendered alongside them).
 */
export function validateManifests(manifests: readonly Manifest[], options: ValidateOptions = {}): SchemaProblem[] {
  const rendered = manifests.filter((m) => m.kind === "CustomResourceDefinition");
  const fromDirs = crdIndexFor(options.crdDirs ?? []);
  const index = rendered.length ? new CrdIndex().add(rendered) : undefined;
  return manifests.flatMap((m) => {
    if (isBuiltInApiVersion(m.apiVersion)) return validateBuiltIn(m);
    const own = index?.validate(m);
    return own && !own.some((p) => p.path === "apiVersion") ? own : fromDirs.validate(m);
  });
}
