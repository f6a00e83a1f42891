import { kindKey, Manifest } from "@slipway/core";
import { objectRef } from "../kubernetes";

/** One way a rendered object breaks its schema. */
export interface SchemaProblem {
  /** `apps/v1/Deployment shop/cart`. */
  object: string;
  /** Field path inside the object, e.g. `spec.replicas`; empty for the whole object. */
  path: string;
  message: string;
}

export function describeObject(m: Manifest): string {
  return `${kindKey(m)} ${objectRef(m)}`;
}

/** `/spec/containers/0/name` -> `spec.containers[0].name`. */
export function jsonPointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), "");
}

/** The shape of the errors both kubernetes-models and ajv report. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function valueAt(root: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), root);
}

/** A schema error as a problem naming the field, the bad value and what was expected. */
export function toProblem(m: Manifest, error: SchemaError): SchemaProblem {
  const object = describeObject(m);
  if (error.keyword === "additionalProperties") {
    const field = String(error.params.additionalProperty);
    return { object, path: jsonPointerToPath(`${error.instancePath}/${field}`), message: `unknown field "${field}"` };
  }
  if (error.keyword === "required") {
    const field = String(error.params.missingProperty);
    return { object, path: jsonPointerToPath(`${error.instancePath}/${field}`), message: `required field "${field}" is missing` };
  }
  const value = valueAt(m, error.instancePath);
  return { object, path: jsonPointerToPath(error.instancePath), message: `${error.message ?? error.keyword} (got ${JSON.stringify(value)})` };
}

/** One line per problem: `apps/v1/Deployment shop/cart: spec.replicas must be integer (got "two")`. */
export function formatProblems(problems: readonly SchemaProblem[]): string {
  return problems.map((p) => `  ${p.object}: ${p.path ? `${p.path} ` : ""}${p.message}`).join("\n");
}
