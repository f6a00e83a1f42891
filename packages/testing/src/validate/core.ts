import { existsSync } from "fs";
import { dirname, join } from "path";
import { Manifest } from "@slipway/core";
import { unknownFields } from "./known-fields";
import { describeObject, SchemaError, SchemaProblem, toProblem } from "./problem";

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const modelsRoot = dirname(require.resolve("kubernetes-models/package.json"));
const models = new Map<string, ModelClass | undefined>();

/** True when `apiVersion` belongs to Kubernetes itself (core or a built-in group), not to a CRD. */
export function isBuiltInApiVersion(apiVersion: string): boolean {
  const parts = apiVersion.split("/");
  if (parts.length === 1) return parts[0] === "v1";
  return /^[a-z0-9.-]+$/.test(parts[0]) && existsSync(join(modelsRoot, parts[0]));
}

/** The kubernetes-models class for a built-in kind, loaded by path: `kubernetes-models/apps/v1/Deployment`. */
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!models.has(key)) {
    let model: ModelClass | undefined;
    if (/^[A-Z][A-Za-z0-9]*$/.test(kind) && /^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(apiVersion)) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the model is chosen by apiVersion/kind at run time
        model = (require(`kubernetes-models/${key}`) as Record<string, ModelClass>)[kind];
      } catch {
        model = undefined;
      }
    }
    models.set(key, model);
  }
  return models.get(key);
}

function schemaProblems(Model: ModelClass, m: Manifest): SchemaProblem[] {
  try {
    new Model(m).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: SchemaError[] }).errors;
    if (!errors) return [{ object: describeObject(m), path: "", message: String((err as Error).message) }];
    return errors.map((e) => toProblem(m, e));
  }
}

/** Problems of a built-in object against the Kubernetes OpenAPI schema (kubernetes-models), unknown fields included. */
export function validateBuiltIn(m: Manifest): SchemaProblem[] {
  const Model = modelFor(m.apiVersion, m.kind);
  if (!Model) return [{ object: describeObject(m), path: "apiVersion", message: `${m.apiVersion} ${m.kind} is not a kind this Kubernetes version serves` }];
  return [...schemaProblems(Model, m), ...unknownFields(m)];
}
