type Schema = Record<string, unknown>;

const BRANCHES = ["allOf", "anyOf", "oneOf"];

/**
 * CRD patterns are Go (RE2) regexes; JavaScript lacks Go's inline case-insensitive flag, so
 * `^(?i)(abort|warn)?$` becomes `^([aA][bB][oO][rR][tT]|[wW][aA][rR][nN])?$`.
 */
export function jsPattern(pattern: string): string {
  if (!pattern.includes("(?i)")) return pattern;
  const body = pattern.split("(?i)").join("");
  let out = "";
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "\\") {
      out += ch + (body[i + 1] ?? "");
      i++;
    } else if (ch === "[" || ch === "]") {
      inClass = ch === "[";
      out += ch;
    } else if (!inClass && /[a-z]/i.test(ch)) out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    else out += ch;
  }
  return out;
}

/**
 * Rewrites a CRD's openAPIV3Schema so ajv enforces what the API server does with structural schemas:
 * unknown fields are errors unless `x-kubernetes-preserve-unknown-fields`, and
 * `x-kubernetes-int-or-string` accepts an integer or a string.
 * Fields inside allOf/anyOf/oneOf only add constraints, so they never forbid fields.
 */
export function toStrictSchema(node: unknown, inBranch = false): unknown {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
  const schema: Schema = { ...(node as Schema) };
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  if (schema["x-kubernetes-int-or-string"] === true && schema.type === undefined && schema.anyOf === undefined) {
    schema.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (typeof schema.pattern === "string") schema.pattern = jsPattern(schema.pattern);
  if (schema["x-kubernetes-embedded-resource"] === true && schema.properties) {
    schema.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...(schema.properties as Schema) };
  }
  if (schema.properties) {
    schema.properties = Object.fromEntries(Object.entries(schema.properties as Schema).map(([key, child]) => [key, toStrictSchema(child, inBranch)]));
    if (!inBranch && !preserve && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === "object") schema.additionalProperties = toStrictSchema(schema.additionalProperties, inBranch);
  if (schema.items) schema.items = toStrictSchema(schema.items, inBranch);
  for (const branch of BRANCHES) {
    if (Array.isArray(schema[branch])) schema[branch] = (schema[branch] as unknown[]).map((child) => toStrictSchema(child, true));
  }
  if (schema.not) schema.not = toStrictSchema(schema.not, true);
  return schema;
}

/** The root of a custom resource: apiVersion, kind and metadata are always allowed. */
export function customResourceSchema(openAPIV3Schema: unknown): unknown {
  const root = { ...((openAPIV3Schema ?? {}) as Schema) };
  root.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...((root.properties ?? {}) as Schema) };
  return toStrictSchema(root);
}
