import { existsSync, readFileSync } from "fs";
import { dirname, join, resolve } from "path";
import { Manifest } from "@slipway/core";
import { describeObject, SchemaProblem } from "./problem";

/**
 * Kubernetes' OpenAPI schemas (and so kubernetes-models' validators) do not forbid unknown fields,
 * but the API server drops them, or refuses them under strict field validation: a typo such as
 * `readOnlyRootFileSystem` would silently turn a setting off. The field lists live in the typed
 * declarations kubernetes-models ships, one interface per file; this reads them.
 */
interface Shape {
  /** Field name -> declaration file of its object type, or null for leaves and maps. */
  fields: Map<string, string | null>;
}

const shapes = new Map<string, Shape | null>();

function packageRoot(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** `@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta` or `./Probe` -> the .d.ts path. */
function resolveImport(from: string, specifier: string): string {
  if (specifier.startsWith(".")) return `${resolve(dirname(from), specifier)}.d.ts`;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return `${join(packageRoot(name), ...parts.slice(name.split("/").length))}.d.ts`;
}

/** The fields of the interface declared in `file`, or null when the file declares no object type. */
function shapeOf(file: string): Shape | null {
  if (shapes.has(file)) return shapes.get(file) ?? null;
  let shape: Shape | null = null;
  if (existsSync(file)) {
    const source = readFileSync(file, "utf8");
    const imports = new Map<string, string>();
    for (const m of source.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) imports.set(m[1], m[2]);
    const body = /^export interface \w+[^{]*\{\n([\s\S]*?)^\}/m.exec(source)?.[1];
    if (body !== undefined) {
      shape = { fields: new Map() };
      for (const m of body.matchAll(/^ {4}"([^"]+)"\??: (.*)$/gm)) {
        const type = m[2].replace(/;$/, "").replace(/^Array<(.*)>$/, "$1");
        const imported = imports.get(type);
        shape.fields.set(m[1], imported ? resolveImport(file, imported) : null);
      }
    }
  }
  shapes.set(file, shape);
  return shape;
}

function fieldPath(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function walk(value: unknown, file: string, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, file, fieldPath(path, i), out));
    return;
  }
  if (value === null || typeof value !== "object") return;
  const shape = shapeOf(file);
  if (!shape) return;
  for (const [key, child] of Object.entries(value)) {
    if (!shape.fields.has(key)) out.push(fieldPath(path, key));
    else {
      const childFile = shape.fields.get(key);
      if (childFile) walk(child, childFile, fieldPath(path, key), out);
    }
  }
}

/** Fields of a built-in object that its Kubernetes type does not have. */
export function unknownFields(m: Manifest): SchemaProblem[] {
  const file = join(packageRoot("kubernetes-models"), m.apiVersion, `${m.kind}.d.ts`);
  const found: string[] = [];
  walk(m, file, "", found);
  return found.map((path) => ({ object: describeObject(m), path, message: `unknown field "${path.split(/[.[]/).pop()}"` }));
}
